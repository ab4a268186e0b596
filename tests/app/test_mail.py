"""邮件分拣 (SPEC §3.3, 邮件分拣管理制度): intake, notification, the identity-checked pickup,
several items in one pickup, returns to the post office, refused courier parcels, slips, CLI and
two desks handing out the same item at once (real SQLite files, separate processes)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pdf_helpers import all_text, code128s, flat, image_count, page_sizes, signature_png

from app import cli
from app.db import DatabaseInfo
from app.errors import PermissionDenied, ValidationError, WrongState
from app.kit import services as kit
from app.kit import slips, today
from app.models import AuditEvent, MailHandover, MailHandoverLine, MailItem, MailPickup, RecordEvent
from app.registers.mail import services as mail
from app.services import reference, scan
from app.services.context import Actor
from app.services.signatures import SignatureInput

sys.path.insert(0, str(Path(__file__).parent))
from workers import finish, spawn  # noqa: E402

OWNER_ID = "110101199003074477"  # 王芳, owner of A-101
TENANT_ID = "110101198512120013"  # 陈静, tenant of A-101
FRIEND_ID = "11010119800101003X"  # 周伟: not on file anywhere
GONE_ID = "110101197005050018"  # 李强: moved out of A-102


def _valid(number: str) -> str:
    from stdnum.cn import ric

    return number[:-1] + ric.calc_check_digit(number)  # it reads the first 17


@pytest.fixture
def office(admin: Actor) -> dict[str, int]:
    """A-101: owner 王芳 and tenant 陈静; A-102: 李强 moved out, nobody there now; A-201:
    nobody on file."""
    reference.create_building(admin, "A", "A座")
    units = {}
    for code, floor in (("A-101", 1), ("A-102", 1), ("A-201", 2)):
        units[code] = reference.create_unit(
            admin, code=code, building_code="A", floor_number=floor
        ).id
    people = {}
    for name, kind, number, unit in (
        ("王芳", "owner", OWNER_ID, "A-101"),
        ("陈静", "tenant", TENANT_ID, "A-101"),
        ("李强", "owner", GONE_ID, "A-102"),
    ):
        people[name] = reference.create_party(
            admin, kind=kind, name=name, id_number=_valid(number), unit_codes=[unit]
        ).id
    gone = reference.get_party(admin, people["李强"])
    reference.update_party(admin, gone.id, gone.version, unit_codes=[])
    return {**units, **{f"p:{k}": v for k, v in people.items()}}


@pytest.fixture
def clerk(make_actor: Callable[[str], Actor]) -> Actor:
    return make_actor("assistant")  # the front desk: receives and hands out mail, no PII view


def intake(actor: Actor, unit: int, addressee: str = "王芳", **extra: object) -> dict:
    values = {"unit": unit, "addressee": addressee, "kind": "registered", **extra}
    return kit.create(actor, "mail", values)


def pickup_inputs(**extra: object) -> dict:
    return {
        "recipient_name": "王芳",
        "relation": "addressee",
        "id_type": "ric",
        "id_number": _valid(OWNER_ID),
        **extra,
    }


def hand_out(actor: Actor, item: dict, **extra: object) -> dict:
    current = kit.record(actor, "mail", item["id"])
    return kit.transition(
        actor, "mail", "pick_up", item["id"], current["version"], pickup_inputs(**extra)
    )


def barcodes(pdf: bytes) -> set[str]:
    """Every Code 128 on every page (labels print one per page)."""
    return {code for page in range(len(page_sizes(pdf))) for code in code128s(pdf, page)}


def written() -> tuple[int, ...]:
    return (
        MailPickup.select().count(),
        AuditEvent.select().count(),
        RecordEvent.select().count(),
        MailItem.select().where(MailItem.pickup.is_null(False)).count(),
    )


# ---------------------------------------------------------------------------------------------
# Intake


def test_intake_numbers_the_item_and_matches_the_addressee_on_file(
    clerk: Actor, office: dict[str, int]
) -> None:
    item = intake(clerk, office["A-101"], tracking_no="xa123456789cn", sender="北京市税务局")
    assert item["number"].startswith("YJ-") and item["status"] == "received"
    assert item["tracking_no"] == "XA123456789CN"
    assert item["addressee_party"] == office["p:王芳"]  # matched by name among the occupants
    assert item["received_by"] and item["due_at"] > item["received_at"]
    # the same tracking number twice is refused by the field, nothing written
    before = MailItem.select().count()
    with pytest.raises(ValidationError) as refused:
        intake(clerk, office["A-101"], tracking_no="XA123456789CN")
    assert item["number"] in str(refused.value.errors["tracking_no"])
    assert MailItem.select().count() == before
    # the scan box finds the item by our number and by the post office's barcode
    assert scan.resolve(clerk, item["number"]).record_id == item["id"]
    assert scan.resolve(clerk, "XA123456789CN").record_id == item["id"]


def test_intake_refuses_bad_input_by_the_field(clerk: Actor, office: dict[str, int]) -> None:
    with pytest.raises(ValidationError) as refused:
        kit.create(clerk, "mail", {"unit": None, "addressee": "", "kind": "letter"})
    errors = refused.value.errors
    assert {"unit", "kind"} <= set(errors)
    with pytest.raises(ValidationError) as refused:
        intake(clerk, office["A-101"], envelope_ok=False)
    assert "notes" in refused.value.errors  # a damaged envelope is described before signing
    assert MailItem.select().count() == 0


def test_a_courier_parcel_is_logged_as_refused(clerk: Actor, office: dict[str, int]) -> None:
    with pytest.raises(ValidationError):
        intake(clerk, office["A-101"], kind="courier")  # say which courier and why
    item = intake(clerk, office["A-101"], kind="courier", notes="顺丰快递，按制度不予代收")
    assert item["status"] == "refused"
    with pytest.raises(WrongState):
        hand_out(clerk, item)


# ---------------------------------------------------------------------------------------------
# Notification


def test_a_phone_notification_is_logged_with_who_was_told(
    clerk: Actor, office: dict[str, int]
) -> None:
    item = intake(clerk, office["A-101"])
    with pytest.raises(ValidationError) as refused:
        kit.transition(clerk, "mail", "notify", item["id"], None, {"notify_method": "phone"})
    assert "notified_whom" in refused.value.errors
    done = kit.transition(
        clerk,
        "mail",
        "notify",
        item["id"],
        None,
        {"notify_method": "phone", "notified_whom": "王芳本人"},
    )
    assert done["status"] == "notified" and done["notified_whom"] == "王芳本人"
    assert done["notified_at"] is not None and done["notified_by"]
    trail = kit.history(clerk, "mail", item["id"])
    assert [e["kind"] for e in trail] == ["created", "notify"]
    assert trail[-1]["detail"] == "王芳本人"


def test_the_notice_and_the_label_carry_the_items_barcode(
    clerk: Actor, office: dict[str, int]
) -> None:
    items = [intake(clerk, office["A-101"]), intake(clerk, office["A-101"], addressee="陈静")]
    notice = slips.print_slips(clerk, "mail", "notice", [i["id"] for i in items])
    assert barcodes(notice) >= {i["number"] for i in items}
    text = flat(all_text(notice))
    assert "邮件领取通知单" in text and "A-101" in text and "领取时间" in text and "陈静" in text
    label = slips.print_slip(clerk, "mail", "label", items[0]["id"])
    assert items[0]["number"] in code128s(label)
    assert "王芳" in flat(all_text(label))


# ---------------------------------------------------------------------------------------------
# Pickup: identity check, signature, once only


def test_pickup_needs_the_identity_check(clerk: Actor, office: dict[str, int]) -> None:
    item = intake(clerk, office["A-101"])
    before = written()
    with pytest.raises(ValidationError) as refused:  # no document shown
        hand_out(clerk, item, id_number="")
    assert "id_number" in refused.value.errors
    with pytest.raises(ValidationError) as refused:  # someone else's card
        hand_out(clerk, item, id_number=_valid(FRIEND_ID))
    assert "id_number" in refused.value.errors
    with pytest.raises(ValidationError) as refused:  # a bad check digit
        hand_out(clerk, item, id_number=_valid(OWNER_ID)[:-1] + "0")
    assert "id_number" in refused.value.errors
    with pytest.raises(ValidationError) as refused:  # the card on file is 王芳's
        hand_out(clerk, item, recipient_name="王小芳")
    assert "recipient_name" in refused.value.errors
    assert written() == before
    assert MailItem.get_by_id(item["id"]).status == "received"


def test_pickup_by_the_addressee_then_a_second_pickup_is_refused(
    clerk: Actor, office: dict[str, int]
) -> None:
    item = intake(clerk, office["A-101"])
    done = hand_out(clerk, item)
    assert done["status"] == "picked_up" and done["picked_up_at"] and done["handed_out_by"]
    pickup = MailPickup.get_by_id(done["pickup"])
    assert (pickup.recipient_name, pickup.relation, pickup.party_id, pickup.items) == (
        "王芳",
        "addressee",
        office["p:王芳"],
        1,
    )
    before = written()
    with pytest.raises(WrongState) as refused:
        hand_out(clerk, item)
    assert "已领取" in str(refused.value)
    assert written() == before


def test_an_occupant_or_an_authorised_person_may_pick_up(
    clerk: Actor, office: dict[str, int]
) -> None:
    first, second = intake(clerk, office["A-101"]), intake(clerk, office["A-101"])
    # the tenant of the same unit, with her own card on file
    done = hand_out(
        clerk, first, recipient_name="陈静", relation="occupant", id_number=_valid(TENANT_ID)
    )
    assert MailPickup.get_by_id(done["pickup"]).party_id == office["p:陈静"]
    # a friend with an authorisation from the addressee: who authorised and how is recorded
    friend = {"recipient_name": "周伟", "relation": "authorised", "id_number": _valid(FRIEND_ID)}
    with pytest.raises(ValidationError) as refused:
        hand_out(clerk, second, **friend)
    assert {"party", "authorisation"} <= set(refused.value.errors)
    with pytest.raises(ValidationError) as refused:  # 李强 is not of this unit
        hand_out(clerk, second, **friend, party=office["p:李强"], authorisation="授权委托书")
    assert "party" in refused.value.errors
    done = hand_out(clerk, second, **friend, party=office["p:王芳"], authorisation="王芳授权委托书")
    pickup = MailPickup.get_by_id(done["pickup"])
    assert (pickup.relation, pickup.party_id, pickup.authorisation) == (
        "authorised",
        office["p:王芳"],
        "王芳授权委托书",
    )


def test_several_items_for_one_person_go_in_one_pickup(
    clerk: Actor, office: dict[str, int]
) -> None:
    items = [intake(clerk, office["A-101"], kind=k) for k in ("registered", "parcel", "remittance")]
    signature = {"png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "signer_name": "王芳"}
    from app.services.signatures import SignatureInput

    result = mail.pick_up(
        clerk,
        [i["id"] for i in items],
        pickup_inputs(),
        signature=SignatureInput(signature["png"], signature["signer_name"]),
    )
    pickup = MailPickup.get_by_id(result.pickup_id)
    assert pickup.items == 3 and pickup.signature_id is not None
    assert {m.pickup_id for m in MailItem.select()} == {pickup.id}
    assert result.item_numbers == tuple(i["number"] for i in items)
    # the receipt lists every item of the pickup under one signature
    pdf = slips.print_slip(clerk, "mail", "receipt", items[1]["id"])
    text = flat(all_text(pdf))
    assert pickup.number in text and all(i["number"] in text for i in items)
    assert _valid(OWNER_ID) not in text  # the document number is masked on paper
    assert items[1]["number"] in code128s(pdf)


def test_one_refused_item_leaves_the_whole_pickup_unwritten(
    clerk: Actor, office: dict[str, int]
) -> None:
    ours = intake(clerk, office["A-101"])
    other = intake(clerk, office["A-102"], addressee="李强")  # not 王芳's unit
    before = written()
    with pytest.raises(ValidationError):
        mail.pick_up(clerk, [ours["id"], other["id"]], pickup_inputs())
    assert written() == before
    assert MailItem.get_by_id(ours["id"]).status == "received"


# ---------------------------------------------------------------------------------------------
# Not collected: tries, moved out, return to the post office; the Today panel


def test_two_failed_tries_put_the_item_on_the_return_list(
    clerk: Actor, office: dict[str, int]
) -> None:
    item = intake(clerk, office["A-101"])
    assert mail.return_list(clerk) == []
    with pytest.raises(ValidationError):  # not on the return list yet
        kit.transition(
            clerk, "mail", "return_to_post", item["id"], None, {"post_office_receiver": "邮局张"}
        )
    once = kit.transition(clerk, "mail", "failed_try", item["id"], None, {"note": "无人"})
    assert (once["status"], once["tries"]) == ("notified", 1)
    twice = kit.transition(clerk, "mail", "failed_try", item["id"], None, {})
    assert (twice["status"], twice["tries"]) == ("to_return", 2)
    assert [r["number"] for r in mail.return_list(clerk)] == [item["number"]]
    with pytest.raises(WrongState):
        hand_out(clerk, item)  # on its way back to the post office
    done = kit.transition(
        clerk, "mail", "return_to_post", item["id"], None, {"post_office_receiver": "邮局张"}
    )
    assert (done["status"], done["return_reason"], done["post_office_receiver"]) == (
        "returned",
        "two_tries",
        "邮局张",
    )
    assert mail.return_list(clerk) == []


def test_mail_for_an_addressee_who_moved_out_is_on_the_return_list(
    clerk: Actor, office: dict[str, int]
) -> None:
    gone = intake(clerk, office["A-102"], addressee="李强", addressee_party=office["p:李强"])
    here = intake(clerk, office["A-101"])
    listed = mail.return_list(clerk)
    assert [r["number"] for r in listed] == [gone["number"]]
    assert listed[0]["why"] == "收件人已迁出/空房"
    pdf = slips.print_list(clerk, "mail", "return_list")
    assert gone["number"] in flat(all_text(pdf)) and here["number"] not in flat(all_text(pdf))
    done = kit.transition(
        clerk, "mail", "return_to_post", gone["id"], None, {"post_office_receiver": "邮局张"}
    )
    assert done["return_reason"] == "moved_out"


def test_mail_waiting_too_long_is_on_the_today_panel(clerk: Actor, office: dict[str, int]) -> None:
    old = kit.create(
        clerk,
        "mail",
        {"unit": office["A-101"], "addressee": "王芳", "kind": "parcel"},
        now=datetime.now() - timedelta(days=20),
    )
    intake(clerk, office["A-101"])  # today's
    group = next(g for g in today.today(clerk) if g.register == "mail")
    assert group.count == 1 and group.lines[0].record_id == old["id"]
    hand_out(clerk, old)
    group = next(g for g in today.today(clerk) if g.register == "mail")
    assert group.count == 0


def test_roles_without_mail_permissions_are_refused(
    office: dict[str, int], make_actor: Callable[[str], Actor], clerk: Actor
) -> None:
    engineer = make_actor("engineering")
    with pytest.raises(PermissionDenied):
        intake(engineer, office["A-101"])
    item = intake(clerk, office["A-101"])
    with pytest.raises(PermissionDenied):
        mail.pick_up(engineer, [item["id"]], pickup_inputs())


# ---------------------------------------------------------------------------------------------
# Shift handover


def _sig(name: str) -> SignatureInput:
    return SignatureInput(signature_png(), name)


def test_a_handover_lists_exactly_the_held_items_with_both_signatures(
    clerk: Actor, office: dict[str, int]
) -> None:
    morning = datetime.now().replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(days=1)
    held = [
        kit.create(
            clerk, "mail", {"unit": office["A-101"], "addressee": "王芳", "kind": k}, now=morning
        )
        for k in ("registered", "parcel")
    ]
    gone = kit.create(
        clerk,
        "mail",
        {"unit": office["A-101"], "addressee": "王芳", "kind": "remittance"},
        now=morning,
    )
    hand_out(clerk, gone)
    notified = kit.transition(
        clerk, "mail", "notify", held[1]["id"], None, {"notify_method": "slip"}
    )
    refused = intake(clerk, office["A-101"], kind="courier", notes="快递拒收")
    # held over last night's shift change without a handover: flagged, with who answers for it
    flagged = mail.held_without_handover(clerk)
    assert [r["id"] for r in flagged] == [h["id"] for h in held]
    assert {r["held_by"] for r in flagged} == {held[0]["received_by"]}
    # both signatures, or nothing is written
    before = MailHandover.select().count()
    with pytest.raises(ValidationError) as refused_handover:
        mail.hand_over(clerk, "夜班 张敏", _sig("前台"), None)
    assert "to_signature" in refused_handover.value.errors
    assert MailHandover.select().count() == before
    done = mail.hand_over(clerk, "夜班 张敏", _sig("前台"), _sig("张敏"), "两件待领")
    assert done.item_numbers == tuple(h["number"] for h in held)
    lines = {(line.item_id, line.status) for line in MailHandoverLine.select()}
    assert lines == {(held[0]["id"], "received"), (held[1]["id"], notified["status"])}
    assert refused["id"] not in {i for i, _ in lines} and gone["id"] not in {i for i, _ in lines}
    assert mail.held_without_handover(clerk) == []
    assert MailItem.get_by_id(held[0]["id"]).held_by == "夜班 张敏"
    assert [e["kind"] for e in kit.history(clerk, "mail", held[0]["id"])][-1] == "handed_over"
    # the handover sheet: its barcode, both signatures, exactly those items
    pdf = slips.print_slip(clerk, "mail_handovers", "handover_sheet", done.handover_id)
    text = flat(all_text(pdf))
    assert done.number in code128s(pdf) and image_count(pdf) == 2
    assert all(h["number"] in text for h in held) and gone["number"] not in text


# ---------------------------------------------------------------------------------------------
# The day's summary and the holiday safe-keeping list


def test_daily_summary_counts_the_day_prints_and_exports(
    clerk: Actor, office: dict[str, int], tmp_path: Path, make_actor: Callable[[str], Actor]
) -> None:
    import openpyxl

    yesterday = datetime.now() - timedelta(days=1)
    old = kit.create(
        clerk,
        "mail",
        {"unit": office["A-101"], "addressee": "王芳", "kind": "parcel"},
        now=yesterday,
    )
    items = [intake(clerk, office["A-101"]) for _ in range(3)]
    intake(clerk, office["A-101"], kind="courier", notes="快递拒收")
    kit.transition(clerk, "mail", "notify", items[0]["id"], None, {"notify_method": "slip"})
    hand_out(clerk, items[1])
    hand_out(clerk, old)
    counts = mail.daily_summary(clerk)["counts"]
    assert {k: counts[k] for k in ("received", "refused", "notified", "picked_up", "held")} == {
        "received": 3,
        "refused": 1,
        "notified": 1,
        "picked_up": 2,
        "held": 2,
    }
    pdf = slips.print_list(clerk, "mail", "daily_summary")
    text = flat(all_text(pdf))
    assert "每日邮件汇总表" in text and items[0]["number"] in text and old["number"] not in text
    supervisor = make_actor("supervisor")  # exporting needs EXPORT
    with pytest.raises(PermissionDenied):
        mail.export_daily_summary(clerk, tmp_path / "x.xlsx")
    out = mail.export_daily_summary(supervisor, tmp_path / "summary.xlsx")
    book = openpyxl.load_workbook(out)
    figures = dict(book["汇总"].iter_rows(values_only=True))
    assert figures["收件"] == 3 and figures["已领取"] == 2 and figures["在台未领"] == 2
    held = list(book["在台未领邮件"].iter_rows(values_only=True))
    assert [r[0] for r in held[1:]] == [items[0]["number"], items[2]["number"]]


def test_mail_received_before_a_holiday_is_listed_for_safe_keeping(
    clerk: Actor, office: dict[str, int]
) -> None:
    from app.registers.mail import rules

    before_national_day = datetime(2026, 9, 30, 16, 0)  # 1–7 October off
    assert rules.next_holiday(before_national_day.date())[0].isoformat() == "2026-10-01"
    item = kit.create(
        clerk,
        "mail",
        {"unit": office["A-101"], "addressee": "王芳", "kind": "parcel"},
        now=before_national_day - timedelta(hours=6),
    )
    pdf = slips.print_list(clerk, "mail", "holiday_list", now=before_national_day)
    text = flat(all_text(pdf))
    assert "节假日邮件保管清单" in text and item["number"] in text and "2026-10-01" in text


# ---------------------------------------------------------------------------------------------
# CLI


def test_cli_exports_and_prints_mail(
    db: DatabaseInfo, clerk: Actor, office: dict[str, int], tmp_path: Path
) -> None:
    import openpyxl

    items = [intake(clerk, office["A-101"]), intake(clerk, office["A-101"], addressee="陈静")]
    hand_out(clerk, items[0])
    # The CLI opens the same database the test writes: the SQLite file, or the PostgreSQL URL.
    url = str(db.target.path) if db.target.kind == "sqlite" else os.environ["PROPDESK_TEST_DB"]
    out = tmp_path / "mail.xlsx"
    assert cli.main(["export", "mail", str(out), "--db", url]) == 0
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert "邮件编号" in rows[0] and "状态" in rows[0]
    assert {r[rows[0].index("邮件编号")] for r in rows[1:]} == {i["number"] for i in items}
    assert "已领取" in {r[rows[0].index("状态")] for r in rows[1:]}
    numbers = [i["number"] for i in items]
    for what, codes in (
        ("mail-notice", numbers),
        ("mail-label", numbers),
        ("mail-receipt", numbers[:1]),
    ):
        pdf = tmp_path / f"{what}.pdf"
        assert cli.main(["print", what, *codes, "-o", str(pdf), "--db", url]) == 0
        assert set(codes) <= barcodes(pdf.read_bytes()), what
    assert cli.main(["print", "mail-receipt", *numbers, "-o", str(pdf), "--db", url]) == 2

    # The day's summary as figures and the items still held (one picked up, one held).
    summary = tmp_path / "summary.xlsx"
    assert cli.main(["export", "mail-summary", str(summary), "--db", url]) == 0
    book = openpyxl.load_workbook(summary)
    figures = {r[0]: r[1] for r in book["汇总"].iter_rows(values_only=True)}
    held = list(book["在台未领邮件"].iter_rows(values_only=True))
    assert figures["日期"] == date.today().isoformat()
    assert (figures["收件"], figures["已领取"], figures["在台未领"]) == (2, 1, 1)
    assert [r[0] for r in held[1:]] == [items[1]["number"]]


# ---------------------------------------------------------------------------------------------
# Two desks, one item, the same moment (separate processes on one SQLite file)


@pytest.mark.skipif(
    bool(os.environ.get("PROPDESK_TEST_DB")),
    reason="two processes on one SQLite file; PostgreSQL has its own test of row conflicts",
)
def test_two_desks_hand_out_the_same_item_at_once_one_wins(
    db: DatabaseInfo, clerk: Actor, office: dict[str, int]
) -> None:
    item = intake(clerk, office["A-101"])
    start_at = time.time() + 4.0  # both processes have opened the database by then
    recipients = [
        pickup_inputs(),
        pickup_inputs(recipient_name="陈静", relation="occupant", id_number=_valid(TENANT_ID)),
    ]
    procs = [
        spawn(
            "mail_pickup",
            {
                "url": str(db.target.path),
                "index": i,
                "item_id": item["id"],
                "inputs": inputs,
                "start_at": start_at,
            },
        )
        for i, inputs in enumerate(recipients)
    ]
    results = [finish(p) for p in procs]
    winners = [r for r in results if r["ok"]]
    losers = [r for r in results if not r["ok"]]
    assert len(winners) == 1 and len(losers) == 1, results
    assert losers[0]["error"] == "WrongState" and "已领取" in losers[0]["message"]
    pickups = list(MailPickup.select())
    assert [(p.number, p.recipient_name) for p in pickups] == [
        (winners[0]["number"], winners[0]["recipient"])
    ]
    row = MailItem.get_by_id(item["id"])
    assert (row.status, row.pickup_id, row.version) == (
        "picked_up",
        pickups[0].id,
        item["version"] + 1,
    )
    assert AuditEvent.select().where(AuditEvent.action == "pick_up mail").count() == 1


def test_demo_has_mail_in_every_state(db: DatabaseInfo) -> None:
    from app import demo
    from app.registers.mail.register import STATES
    from app.services.context import SYSTEM

    summary = demo.create_demo(SYSTEM, seed=5, units_per_floor=1)
    assert summary["mail"] == MailItem.select().count() == 10
    assert {m.status for m in MailItem.select()} == {s.value for s in STATES}
    items = list(MailItem.select().order_by(MailItem.id))
    assert [m.received_at for m in items] == sorted(m.received_at for m in items)
    assert MailPickup.select().where(MailPickup.items == 2).count() == 1
    assert MailPickup.select().where(MailPickup.relation == "authorised").count() == 1
    assert next(g for g in today.today(SYSTEM) if g.register == "mail").count >= 1
    assert len(mail.return_list(SYSTEM)) == 1
    assert summary["mail_handovers"] == MailHandover.select().count() == 1
