"""The key register (SPEC §3.1) as a clerk relies on it: lend, take back, count, hand over."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from app.db import db_proxy, is_sqlite
from app.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from app.models import (
    AuditEvent,
    Building,
    Department,
    DocumentSequence,
    Floor,
    Key,
    KeyLoan,
    RecordEvent,
    Signature,
    Staff,
    Unit,
)
from app.services import keys, listing, office_settings, scan
from app.services.context import Actor
from app.services.listing import ListRequest
from app.services.signatures import PNG_MAGIC, SignatureInput

MONDAY = datetime(2026, 3, 2)  # a plain working day


def at(hh: int, mm: int = 0, day: datetime = MONDAY) -> datetime:
    return day.replace(hour=hh, minute=mm, second=0, microsecond=0)


@pytest.fixture
def office(admin: Actor) -> dict[str, object]:
    """Two floors of units and a few staff, written straight to the reference tables."""
    building = Building.create(code="A", name="A座")
    units = []
    for floor_no in (12, 15):
        floor = Floor.create(building=building, number=floor_no)
        for n in range(1, 5):
            units.append(Unit.create(code=f"A-{floor_no}{n:02d}", floor=floor).code)
    engineering = Department.create(name="工程部")
    desk = Department.create(name="客服部")
    li = Staff.create(name="李强", department=engineering, phone="13812345678")
    wang = Staff.create(name="王芳", department=desk, phone="13987654321")
    gone = Staff.create(name="赵离", department=desk, active=False)
    return {"units": units, "li": li.id, "wang": wang.id, "gone": gone.id}


@pytest.fixture
def supervisor(make_actor: Callable[[str], Actor]) -> Actor:
    return make_actor("supervisor")


@pytest.fixture
def assistant(make_actor: Callable[[str], Actor]) -> Actor:
    return make_actor("assistant")


def lend_staff(actor: Actor, code: str, staff_id: int, now: datetime, **kw: object):
    return keys.lend_key(
        actor,
        code,
        borrower_kind="staff",
        borrower_staff_id=staff_id,
        purpose="检修",
        now=now,
        **kw,
    )


def lend_external(actor: Actor, code: str, now: datetime, **kw: object):
    args = {
        "borrower_kind": "external",
        "borrower_name": "周师傅",
        "borrower_org": "华安消防",
        "borrower_phone": "13700001111",
        "document_ref": "维保工单 2031",
        "approved_by": "项目总经理 钱海",
        "purpose": "消防巡检",
    }
    args.update(kw)
    return keys.lend_key(actor, code, now=now, **args)


def png() -> bytes:
    return PNG_MAGIC + b"\x00" * 32


# --------------------------------------------------------------------------------------------
# Registering keys


def test_create_key_makes_up_unique_codes_and_validates(supervisor: Actor, office) -> None:
    a = keys.create_key(supervisor, label="A-1201 户门", unit_code="A-1201", key_count=2)
    b = keys.create_key(supervisor, label="配电室", area="B1 配电室")
    assert a.code != b.code
    assert a.code.startswith("K") and b.code.startswith("K")
    assert a.unit_code == "A-1201" and a.status == "in_cabinet" and a.key_count == 2
    assert keys.find_key(supervisor, a.code.lower()) == a  # Caps Lock off on the scanner

    with pytest.raises(ValidationError) as err:
        keys.create_key(supervisor, label=" ", code="户门 1", unit_code="Z-9999", key_count=0)
    assert set(err.value.errors) == {"label", "code", "unit_code", "key_count"}
    with pytest.raises(ValidationError) as err:
        keys.create_key(supervisor, label="x", code=a.code)
    assert "code" in err.value.errors
    with pytest.raises(ValidationError) as err:
        keys.create_key(supervisor, label="x", code="YS-2026-00001")
    assert "code" in err.value.errors
    assert Key.select().count() == 2


def test_stale_update_raises_conflict(supervisor: Actor, office) -> None:
    key = keys.create_key(supervisor, label="天台", area="屋面")
    mine = keys.update_key(supervisor, key.id, key.version, hook="G01")
    assert mine.hook == "G01" and mine.version == key.version + 1
    with pytest.raises(ConflictError):
        keys.update_key(supervisor, key.id, key.version, label="天台门")
    assert keys.get_key(supervisor, key.id).label == "天台"
    with pytest.raises(ValidationError):
        keys.update_key(supervisor, key.id, mine.version, status="lost")


def test_retire_key_needs_a_reason_and_not_while_lent(supervisor: Actor, office) -> None:
    key = keys.create_key(supervisor, label="水泵房")
    with pytest.raises(ValidationError) as err:
        keys.retire_key(supervisor, key.id, "")
    assert "reason" in err.value.errors
    lend_staff(supervisor, key.code, office["li"], at(9))
    with pytest.raises(ValidationError):
        keys.retire_key(supervisor, key.id, "锁已更换")
    keys.return_key(supervisor, key.code, now=at(10))
    retired = keys.retire_key(supervisor, key.id, "锁已更换")
    assert retired.status == "retired" and "锁已更换" in retired.notes


# --------------------------------------------------------------------------------------------
# Loans


def test_lend_and_return_round_trip_numbers_and_trail(
    assistant: Actor, supervisor: Actor, office
) -> None:
    key = keys.create_key(supervisor, label="配电室", area="B1")
    sig = SignatureInput(png(), "李强")
    loan = lend_staff(assistant, key.code, office["li"], at(9, 15), signature=sig)
    assert loan.number == "YS-2026-00001"
    assert loan.borrower_name == "李强" and loan.borrower_org == "工程部"
    assert loan.borrower_phone == "13812345678"
    assert loan.due_at == at(18)  # default cut-off
    assert loan.borrower_signature_png == sig.png
    held = keys.get_key(assistant, key.id)
    assert (held.status, held.holder, held.open_loan_number) == ("lent", "李强", loan.number)
    assert keys.open_loan_for_key(assistant, key.code).number == loan.number

    back = keys.return_key(assistant, loan.number, now=at(11))
    assert back.status == "returned" and back.returned_at == at(11)
    assert keys.get_key(assistant, key.id).status == "in_cabinet"
    assert keys.open_loan_for_key(assistant, key.code) is None

    again = lend_external(assistant, key.code, at(13))
    assert again.number == "YS-2026-00002"
    back = keys.return_key(assistant, key.code, now=at(14))  # by key code this time
    assert back.number == "YS-2026-00002"

    trail = [(e["kind"], e["document"]) for e in keys.key_history(assistant, key.id)]
    assert [t for t in trail if t[0] != "created"] == [
        ("lent", "YS-2026-00001"),
        ("returned", "YS-2026-00001"),
        ("lent", "YS-2026-00002"),
        ("returned", "YS-2026-00002"),
    ]
    # Both lends are audited: the key's transition (the kit's "<step> <register>") and the loan.
    assert AuditEvent.select().where(AuditEvent.action == "lend keys").count() == 2
    assert AuditEvent.select().where(AuditEvent.action == "create key_loans").count() == 2


def test_lending_a_lent_key_is_refused_naming_the_holder(
    assistant: Actor, office, admin: Actor
) -> None:
    key = keys.create_key(admin, label="天台")
    loan = lend_staff(assistant, key.code, office["li"], at(9))
    with pytest.raises(ValidationError) as err:
        lend_staff(assistant, key.code, office["wang"], at(10))
    message = err.value.errors["code"]
    assert "李强" in message and loan.number in message
    assert KeyLoan.select().count() == 1


def test_external_loan_without_approval_is_refused_and_nothing_written(
    assistant: Actor, office, admin: Actor
) -> None:
    key = keys.create_key(admin, label="电梯机房")
    tables = (KeyLoan, RecordEvent, AuditEvent, DocumentSequence, Signature)
    before = {t: t.select().count() for t in tables}
    with pytest.raises(ValidationError) as err:
        keys.lend_key(
            assistant,
            key.code,
            borrower_kind="external",
            borrower_name="周师傅",
            borrower_phone="12345",
            signature=SignatureInput(png(), "周师傅"),
            now=at(9),
        )
    assert {"document_ref", "approved_by", "borrower_phone"} <= set(err.value.errors)
    assert {t: t.select().count() for t in tables} == before
    assert keys.get_key(assistant, key.id).status == "in_cabinet"


def test_staff_loan_needs_an_active_staff_member_and_a_purpose(
    assistant: Actor, office, admin: Actor
) -> None:
    key = keys.create_key(admin, label="水泵房")
    with pytest.raises(ValidationError) as err:
        keys.lend_key(
            assistant, key.code, borrower_kind="staff", borrower_staff_id=office["gone"], now=at(9)
        )
    assert {"borrower_staff_id", "purpose"} <= set(err.value.errors)


def test_due_time_is_the_same_day_by_the_cut_off(assistant: Actor, office, admin: Actor) -> None:
    key = keys.create_key(admin, label="消防控制室")
    for due, field in ((at(9, day=MONDAY + timedelta(days=1)), "due_at"), (at(8), "due_at")):
        with pytest.raises(ValidationError) as err:
            lend_staff(assistant, key.code, office["li"], at(9), due_at=due)
        assert field in err.value.errors
    with pytest.raises(ValidationError):  # later than the cut-off
        lend_staff(assistant, key.code, office["li"], at(9), due_at=at(20))
    early = lend_staff(assistant, key.code, office["li"], at(9), due_at=at(12))
    assert early.due_at == at(12)
    keys.return_key(assistant, key.code, now=at(11))
    late = lend_staff(assistant, key.code, office["li"], at(19))  # after the cut-off
    assert late.due_at == at(23, 59).replace(second=59)


def test_a_role_without_the_permission_is_denied(
    make_actor: Callable[[str], Actor], office, admin: Actor
) -> None:
    key = keys.create_key(admin, label="天台")
    engineer = make_actor("engineering")
    with pytest.raises(PermissionDenied):
        lend_staff(engineer, key.code, office["li"], at(9))
    assistant = make_actor("assistant")
    with pytest.raises(PermissionDenied):
        keys.create_key(assistant, label="配电室")
    assert keys.find_key(engineer, key.code).status == "in_cabinet"  # may look it up
    assert KeyLoan.select().count() == 0


def test_overdue_list_after_the_cut_off(assistant: Actor, office, admin: Actor) -> None:
    office_settings.set_setting(admin, "key_loan_cutoff", "17:30")
    a = keys.create_key(admin, label="配电室")
    b = keys.create_key(admin, label="水泵房")
    c = keys.create_key(admin, label="天台")
    la = lend_staff(assistant, a.code, office["li"], at(9))
    lb = lend_external(assistant, b.code, at(10))
    lend_staff(assistant, c.code, office["wang"], at(11))
    keys.return_key(assistant, c.code, now=at(12))
    assert la.due_at == at(17, 30)
    assert keys.overdue_loans(assistant, now=at(17, 0)) == []
    overdue = keys.overdue_loans(assistant, now=at(17, 31))
    assert [v.number for v in overdue] == [la.number, lb.number]
    assert {v.status for v in overdue} == {"overdue"}
    request = ListRequest(filters=(("overdue_only", True), ("now", at(17, 31))))
    assert listing.count(assistant, "key_loans", request) == 2
    open_only = ListRequest(filters=(("open_only", True),))
    assert listing.count(assistant, "key_loans", open_only) == 2
    assert listing.count(assistant, "key_loans") == 3


def test_return_lost_needs_a_statement_and_marks_the_key_lost(
    assistant: Actor, office, admin: Actor
) -> None:
    key = keys.create_key(admin, label="A-1201 户门", unit_code="A-1201")
    loan = lend_staff(assistant, key.code, office["li"], at(9))
    with pytest.raises(ValidationError) as err:
        keys.return_key(assistant, loan.number, condition="lost", now=at(16))
    assert "statement" in err.value.errors
    assert keys.get_key(assistant, key.id).status == "lent"

    closed = keys.return_key(
        assistant,
        loan.number,
        condition="lost",
        statement="巡检时遗失",
        signature=SignatureInput(png(), "李强"),
        now=at(16),
    )
    assert closed.status == "lost" and closed.reported_up and closed.statement == "巡检时遗失"
    assert closed.return_signature_png is not None
    view = keys.get_key(assistant, key.id)
    assert view.status == "lost" and view.open_loan_number is None
    with pytest.raises(ValidationError):  # a lost key cannot be lent
        lend_staff(assistant, key.code, office["li"], at(17))
    with pytest.raises(ValidationError):  # nor returned twice
        keys.return_key(assistant, loan.number, now=at(17))


def test_return_damaged_keeps_the_key_in_the_cabinet_with_a_note(
    assistant: Actor, office, admin: Actor
) -> None:
    key = keys.create_key(admin, label="配电室")
    loan = lend_external(assistant, key.code, at(9))
    back = keys.return_key(
        assistant, key.code, condition="damaged", statement="齿部弯曲", now=at(10)
    )
    assert back.status == "damaged" and back.reported_up
    view = keys.get_key(assistant, key.id)
    assert view.status == "in_cabinet" and "齿部弯曲" in view.notes and loan.number in view.notes
    damaged = [e for e in keys.key_history(assistant, key.id) if e["kind"] == "damaged"]
    assert [(e["document"], e["detail"]) for e in damaged] == [(loan.number, "齿部弯曲")]


# --------------------------------------------------------------------------------------------
# Handovers


def test_receive_checks_counts_and_registered_codes(supervisor: Actor, office) -> None:
    a = keys.create_key(supervisor, label="A-1201 户门", unit_code="A-1201", key_count=3)
    b = keys.create_key(supervisor, label="配电室", key_count=2)
    with pytest.raises(ValidationError) as err:
        keys.receive_keys(
            supervisor,
            from_name="开发商工程部",
            lines=[(a.code, 3), (b.code, 1), ("K99999", 1)],
        )
    assert set(err.value.errors) == {"lines.1", "lines.2"}
    assert "K99999" in err.value.errors["lines.2"]
    assert keys.get_key(supervisor, a.id).version == a.version  # nothing written

    handover = keys.receive_keys(
        supervisor,
        from_name="开发商工程部",
        lines=[(a.code, 3), (b.code, 2)],
        from_signature=SignatureInput(png(), "开发商工程部 陈工"),
        now=at(10),
    )
    assert handover.number == "JJ-2026-00001" and handover.kind == "receive"
    assert handover.lines == [(a.code, a.label, 3), (b.code, b.label, 2)]
    assert handover.from_signature_png is not None and handover.to_signature_png is None
    assert keys.get_handover(supervisor, handover.number) == handover


def test_issue_to_owner_and_custodian_handover(supervisor: Actor, office) -> None:
    a = keys.create_key(supervisor, label="A-1201 户门", unit_code="A-1201", key_count=2)
    b = keys.create_key(supervisor, label="配电室")
    c = keys.create_key(supervisor, label="天台")
    issued = keys.issue_keys(supervisor, to_name="王建国", lines=[(a.code, 2)], now=at(9))
    assert issued.kind == "issue" and issued.to_name == "王建国"
    assert keys.get_key(supervisor, a.id).status == "issued"
    assert keys.get_key(supervisor, a.id).holder == "王建国"
    with pytest.raises(ValidationError) as err:  # not in the cabinet any more
        keys.issue_keys(supervisor, to_name="李秀英", lines=[(a.code, 2)])
    assert "王建国" in err.value.errors["lines.0"]

    loan = lend_staff(supervisor, c.code, office["li"], at(10))
    with pytest.raises(ValidationError):
        keys.custodian_handover(supervisor, from_name="王芳", to_name="王芳")
    handover = keys.custodian_handover(supervisor, from_name="王芳", to_name="刘洋", now=at(12))
    assert handover.kind == "custodian" and handover.number == "JJ-2026-00002"
    assert handover.lines == [(b.code, b.label, 1)]
    assert loan.number in handover.notes and "李强" in handover.notes


# --------------------------------------------------------------------------------------------
# Stocktake


def test_stocktake_lists_missing_and_unexpected_keys(
    assistant: Actor, office, admin: Actor
) -> None:
    present = keys.create_key(admin, label="配电室")
    missing = keys.create_key(admin, label="水泵房")
    lent = keys.create_key(admin, label="天台")
    loan = lend_staff(assistant, lent.code, office["li"], at(9))

    stocktake_id = keys.start_stocktake(assistant, now=at(10))
    assert keys.record_stocktake_scan(assistant, stocktake_id, present.code) == "counted"
    assert keys.record_stocktake_scan(assistant, stocktake_id, present.code) == "duplicate"
    assert keys.record_stocktake_scan(assistant, stocktake_id, lent.code) == "unexpected"
    assert keys.record_stocktake_scan(assistant, stocktake_id, "X-404") == "unexpected"
    result = keys.finish_stocktake(assistant, stocktake_id, now=at(10, 30))

    assert result.number == "QD-2026-00001" and result.finished_at == at(10, 30)
    assert [k.code for k in result.counted] == [present.code]
    assert [k.code for k in result.missing] == [missing.code]
    reasons = dict(result.unexpected)
    assert set(reasons) == {lent.code, "X-404"}
    assert loan.number in reasons[lent.code]
    assert reasons["X-404"] == "Unknown code."
    trail = keys.key_history(assistant, missing.id)
    assert [e["document"] for e in trail if e["kind"] == "missing"] == [result.number]

    # frozen: the key coming back later does not rewrite the report
    keys.return_key(assistant, lent.code, now=at(11))
    again = keys.stocktake_result(assistant, result.number)
    assert again == result
    with pytest.raises(ValidationError):
        keys.record_stocktake_scan(assistant, stocktake_id, missing.code)


# --------------------------------------------------------------------------------------------
# Lists and the scan box


def test_keys_list_pages_sorted_and_searched(assistant: Actor, office, admin: Actor) -> None:
    labels = ["配电室", "B2 配电室", "水泵房", "天台", "A-1201 户门", "A-1202 户门"]
    for i, label in enumerate(labels):
        unit = label.split()[0] if "户门" in label else None
        keys.create_key(admin, label=label, unit_code=unit, hook=f"H{9 - i}")
    request = ListRequest(sort="hook")
    assert listing.count(assistant, "keys", request) == 6
    first = listing.page(assistant, "keys", request, 0, 4)
    rest = listing.page(assistant, "keys", request, 4, 4)
    assert [r["hook"] for r in first + rest] == sorted(f"H{9 - i}" for i in range(6))
    assert set(first[0]) == {"id", *listing.get_list("keys").columns}
    desc = listing.page(assistant, "keys", ListRequest(sort="label", descending=True), 0, 10)
    assert [r["label"] for r in desc] == sorted(labels, reverse=True)
    by_unit = listing.page(assistant, "keys", ListRequest(sort="unit"), 0, 10)
    assert [r["unit"] for r in by_unit][-2:] == ["A-1201", "A-1202"]

    # 3+ characters: FTS5 trigram; 2 characters: LIKE
    for term in ("配电室", "配电"):
        rows = listing.page(assistant, "keys", ListRequest(search=term), 0, 10)
        assert sorted(r["label"] for r in rows) == ["B2 配电室", "配电室"], term
        assert listing.count(assistant, "keys", ListRequest(search=term)) == 2
    assert listing.count(assistant, "keys", ListRequest(search="户门")) == 2
    if is_sqlite():
        fts_hits = db_proxy.execute_sql(
            'SELECT COUNT(*) FROM "key_fts" WHERE "key_fts" MATCH ?', ('"配电室"',)
        ).fetchone()[0]
        assert fts_hits == 2  # the 3-character search above is the trigram index's answer
    roof = keys.find_key(assistant, "K00004")
    keys.update_key(admin, roof.id, roof.version, label="消防控制室")  # index follows edits
    assert [
        r["code"] for r in listing.page(assistant, "keys", ListRequest(search="消防控"), 0, 9)
    ] == [roof.code]
    assert listing.count(assistant, "keys", ListRequest(search="天台")) == 0

    k = keys.find_key(assistant, "K00003")
    lend_staff(assistant, k.code, office["li"], at(9))
    lent = listing.page(assistant, "keys", ListRequest(filters=(("status", "lent"),)), 0, 10)
    assert [(r["code"], r["holder"], r["due_at"]) for r in lent] == [(k.code, "李强", at(18))]
    with pytest.raises(ValidationError):
        listing.page(assistant, "keys", ListRequest(sort="notes"), 0, 10)


def test_key_loans_masks_phones_for_an_assistant_not_a_supervisor(
    assistant: Actor, supervisor: Actor, office
) -> None:
    key = keys.create_key(supervisor, label="配电室")
    lend_external(assistant, key.code, at(9), borrower_phone="13700001111")
    masked = listing.page(assistant, "key_loans", ListRequest(), 0, 10)
    full = listing.page(supervisor, "key_loans", ListRequest(), 0, 10)
    assert masked[0]["borrower_phone"] == "137****1111"
    assert full[0]["borrower_phone"] == "13700001111"
    assert masked[0]["key_label"] == "配电室" and masked[0]["number"] == "YS-2026-00001"
    assert listing.count(assistant, "key_loans", ListRequest(search="周师傅")) == 1
    assert listing.count(assistant, "key_loans", ListRequest(search="周师")) == 1
    assert listing.count(assistant, "key_loans", ListRequest(search="张三丰")) == 0


def test_scan_finds_a_key_by_code_and_a_loan_by_number(
    assistant: Actor, office, admin: Actor
) -> None:
    key = keys.create_key(admin, label="A-1201 户门", unit_code="A-1201")
    loan = lend_staff(assistant, key.code, office["li"], at(9))
    hit = scan.resolve(assistant, key.code)
    assert (hit.register, hit.record_id) == ("keys", key.id)
    assert "A-1201 户门" in hit.title
    hit = scan.resolve(assistant, loan.number + "\n")
    assert (hit.register, hit.record_id) == ("key_loans", loan.id)
    stocktake_id = keys.start_stocktake(assistant, now=at(10))
    assert scan.resolve(assistant, "QD-2026-00001").record_id == stocktake_id
    handover = keys.custodian_handover(assistant, from_name="王芳", to_name="刘洋", now=at(12))
    hit = scan.resolve(assistant, handover.number.lower())
    assert hit.register == "key_handovers"
    row = listing.page(assistant, "key_handovers", ListRequest(), 0, 10)[0]
    assert (row["id"], row["number"], row["kind"]) == (hit.record_id, handover.number, "custodian")
    assert row["key_sets"] == 0  # the only key is out on loan
    row = listing.page(assistant, "key_stocktakes", ListRequest(), 0, 10)[0]
    assert (row["id"], row["finished_at"]) == (stocktake_id, None)
    with pytest.raises(NotFound):
        scan.resolve(assistant, "YS-2026-99999")


# --------------------------------------------------------------------------------------------
# Demo


def test_demo_creates_loans_in_every_state(admin: Actor, office) -> None:
    from app.demo_keys import create_key_demo

    now = datetime.now()
    counts = create_key_demo(
        admin, random.Random(7), office["units"], [office["li"], office["wang"]], now
    )
    assert counts["keys"] == Key.select().count() > 10
    assert counts["key_loans"] == KeyLoan.select().count() == 5
    assert counts["key_handovers"] == 3 and counts["key_stocktakes"] == 1
    loans = [keys.get_loan(admin, number) for (number,) in KeyLoan.select(KeyLoan.number).tuples()]
    assert {v.status for v in loans} == {"out", "overdue", "returned", "damaged", "lost"}
    statuses = {k.status for k in Key.select()}
    assert {"in_cabinet", "lent", "issued", "lost"} <= statuses
    stocktake = keys.stocktake_result(admin, f"QD-{now.year}-00001")
    assert stocktake.finished_at is not None and stocktake.missing and stocktake.unexpected
