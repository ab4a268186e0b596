"""业主档案管理 (一户一档, SPEC §3.2): every archive rule, the clerk's services, slips and CLI.

Files are the kit's register `archives` (lend / return are its transitions), loans and incidents
`archive_loans` / `archive_incidents`; what is special is in app/registers/archives/. Today is
2026-12-01 on this machine; working-day dates use 2026, whose holidays chinese_calendar knows
(National Day: 1–7 October off, Saturday 10 October worked).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pdf_helpers import (
    all_text,
    assert_fonts_embedded,
    code128s,
    flat,
    image_count,
    page_sizes,
    signature_png,
)

from app import cli
from app.db import DatabaseInfo
from app.errors import ConflictError, NotFound, PermissionDenied, ValidationError, WrongState
from app.kit import holdings, items, slips
from app.kit import services as kit
from app.models import (
    ArchiveDocument,
    ArchiveFile,
    ArchiveIncident,
    ArchiveLoan,
    ArchiveLoanCheck,
    Attachment,
    AttachmentBlob,
    AuditEvent,
    RecordEvent,
    Staff,
)
from app.registers.archives import rules
from app.registers.archives import services as archives
from app.services import attachments, keys, listing, reference
from app.services.context import Actor
from app.services.listing import ListRequest
from app.services.signatures import SignatureInput

sys.path.insert(0, str(Path(__file__).parent))
from workers import finish, spawn  # noqa: E402

MM = 72 / 25.4
BEFORE_NATIONAL_DAY = datetime(2026, 9, 30, 10, 0)  # Wednesday; 1–7 Oct off, Sat 10 Oct worked
PDF = b"%PDF-1.4\n% a scanned page\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


# ---------------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture
def units(admin: Actor) -> dict[str, int]:
    """Building A with three units on two floors; building B with one."""
    reference.create_building(admin, "A", "A座")
    reference.create_building(admin, "B", "B座")
    made = {}
    for code, building, floor in (
        ("A-101", "A", 1),
        ("A-102", "A", 1),
        ("A-201", "A", 2),
        ("B-101", "B", 1),
    ):
        made[code] = reference.create_unit(
            admin, code=code, building_code=building, floor_number=floor
        ).id
    return made


@pytest.fixture
def people(admin: Actor) -> dict[str, int]:
    """Staff: two of 客服部 (the archive clerk's own department), one of 工程部."""
    return {
        name: reference.create_staff(admin, name=name, department=department).id
        for name, department in (("王芳", "客服部"), ("刘洋", "客服部"), ("赵工", "工程部"))
    }


@pytest.fixture
def clerk(make_actor: Callable[[str], Actor]) -> Actor:
    return make_actor("archivist")  # 档案管理员: opens files, lends, sees personal data


@pytest.fixture
def assistant(make_actor: Callable[[str], Actor]) -> Actor:
    return make_actor("assistant")  # may look files up, nothing more; no PII_VIEW


def household(actor: Actor, unit_id: int, code: str = "", shelf: str = "A柜-1-01") -> dict:
    values = {"category": "household", "unit": unit_id, "title": "业主档案", "shelf": shelf}
    if code:
        values["code"] = code
    return kit.create(actor, "archives", values)


def tick_all(actor: Actor, file_id: int, leave_out: int = 0) -> list[int]:
    """Tick every checklist line but the last `leave_out`; returns the ticked ids."""
    lines = [d for s in items.item_list(actor, "archives", file_id).sections for d in s.items]
    ticked = []
    for line in lines[: len(lines) - leave_out]:
        items.set_present(actor, "archives", line.id, line.version, True)
        ticked.append(line.id)
    return ticked


def lend(
    actor: Actor,
    file_id: int,
    borrower: int,
    kind: str = "borrow",
    now: datetime | None = None,
    **extra: Any,
) -> dict:
    current = kit.record(actor, "archives", file_id)
    inputs = {"borrower_staff": borrower, "kind": kind, "purpose": "核对资料", **extra}
    return kit.transition(actor, "archives", "lend", file_id, current["version"], inputs, now=now)


def overdue_loans(actor: Actor, now: datetime | None = None) -> list[dict]:
    """Files not back by their due time (档案逾期未还), the longest overdue first."""
    return holdings.open_records(actor, "archive_loans", now, overdue=True)


def open_loan(file_id: int) -> ArchiveLoan:
    return ArchiveLoan.get((ArchiveLoan.file == file_id) & (ArchiveLoan.status == "out"))


def written() -> tuple[int, ...]:
    """Rows every write leaves: compared before/after a refused call (nothing written)."""
    return (
        ArchiveLoan.select().count(),
        ArchiveLoanCheck.select().count(),
        ArchiveIncident.select().count(),
        AuditEvent.select().count(),
        RecordEvent.select().count(),
    )


# ---------------------------------------------------------------------------------------------
# Files: one per household, the unit, the contents checklist


def test_one_household_file_per_unit_with_the_seed_checklist(
    clerk: Actor, units: dict[str, int]
) -> None:
    first = household(clerk, units["A-101"])
    assert first["code"] == "DA00001" and first["status"] == "on_shelf"
    assert first["unit_label"] == "A-101"
    contents = items.item_list(clerk, "archives", first["id"])
    assert [s.zh for s in contents.sections] == [
        "业主入住资料",
        "业主基本资料",
        "业主联系方式",
        "往来函件",
    ]
    names = [d.name for s in contents.sections for d in s.items]
    assert names[0] == "入伙通知书" and "房屋交接验收表" in names and "业主身份证复印件" in names
    assert contents.total == len(names) == 20 and contents.missing == 20
    personal = {d.name for s in contents.sections for d in s.items if d.personal}
    assert {"业主身份证复印件", "紧急情况联系表", "入住资料卡"} <= personal
    assert "入伙通知书" not in personal

    before = written()
    with pytest.raises(ValidationError) as caught:
        household(clerk, units["A-101"])
    assert set(caught.value.errors) == {"unit"}
    assert "DA00001" in caught.value.errors["unit"]
    assert written() == before and ArchiveFile.select().count() == 1

    # another kind of file for the same unit is fine; its checklist is the renovation one
    renovation = kit.create(
        clerk, "archives", {"category": "renovation", "unit": units["A-101"], "title": "装修"}
    )
    assert items.item_list(clerk, "archives", renovation["id"]).sections[0].zh == "室内装修管理资料"
    # a given code is upper-cased; taken codes and document-number look-alikes are refused
    assert household(clerk, units["A-102"], code="a-102-hh")["code"] == "A-102-HH"
    with pytest.raises(ValidationError) as caught:
        household(clerk, units["A-201"], code="A-102-HH")
    assert "code" in caught.value.errors
    with pytest.raises(ValidationError) as caught:
        household(clerk, units["A-201"], code="JY-2026-00001")
    assert "code" in caught.value.errors
    # a voided household file frees its unit for a new one
    kit.void(clerk, "archives", first["id"], first["version"], "建档错误")
    assert household(clerk, units["A-101"])["code"] == "DA00003"


def test_a_units_file_needs_the_unit_a_category_file_does_not(
    clerk: Actor, assistant: Actor
) -> None:
    for category in ("household", "move_in", "renovation", "daily"):
        with pytest.raises(ValidationError) as caught:
            kit.create(clerk, "archives", {"category": category, "title": "无房号"})
        assert set(caught.value.errors) == {"unit"}
    letters = kit.create(clerk, "archives", {"category": "lawyer_letter", "title": "2026年律师函"})
    assert letters["unit"] is None
    assert items.item_list(clerk, "archives", letters["id"]).sections == ()
    with pytest.raises(PermissionDenied):
        kit.create(assistant, "archives", {"category": "fee_notice", "title": "催费通知书"})


def test_open_the_household_files_of_a_building_in_one_step(
    clerk: Actor, assistant: Actor, units: dict[str, int]
) -> None:
    from app.models import Building

    existing = household(clerk, units["A-102"])
    a = Building.get(Building.code == "A").id
    audits = AuditEvent.select().where(AuditEvent.action == "create archives").count()
    result = archives.open_files_for_building(clerk, a)
    assert (result.opened, result.existing) == (2, 1)
    assert len(result.codes) == 2 and existing["code"] not in result.codes
    files = {f.unit.code: f for f in ArchiveFile.select().where(ArchiveFile.code.in_(result.codes))}
    assert set(files) == {"A-101", "A-201"}
    assert files["A-101"].title == "A-101 业主档案" and files["A-101"].shelf == ""
    for f in files.values():
        assert ArchiveDocument.select().where(ArchiveDocument.file == f.id).count() == 20
        assert [e["kind"] for e in kit.history(clerk, "archives", f.id)] == ["created"]
    assert AuditEvent.select().where(AuditEvent.action == "create archives").count() == audits + 2
    # again: nothing new; building B untouched
    again = archives.open_files_for_building(clerk, a)
    assert (again.opened, again.existing) == (0, 3)
    assert not ArchiveFile.select().where(ArchiveFile.unit == units["B-101"]).exists()
    with pytest.raises(ValidationError) as caught:
        archives.open_files_for_building(clerk, 999)
    assert set(caught.value.errors) == {"building"}
    with pytest.raises(ValidationError):
        archives.open_files_for_building(clerk, a, category="lawyer_letter")
    with pytest.raises(PermissionDenied):
        archives.open_files_for_building(assistant, a)


def test_contents_ticks_additions_and_voids(clerk: Actor, units: dict[str, int]) -> None:
    file = household(clerk, units["A-101"])
    contents = items.item_list(clerk, "archives", file["id"])
    move_in = contents.sections[0]
    first = move_in.items[0]
    ticked = items.set_present(clerk, "archives", first.id, first.version, True)
    assert ticked.present and ticked.version == first.version + 1
    again = items.item_list(clerk, "archives", file["id"])
    assert again.sections[0].missing == move_in.missing - 1 and again.missing == 19
    # a stale copy is refused and changes nothing
    with pytest.raises(ConflictError):
        items.set_present(clerk, "archives", first.id, first.version, False)
    assert ArchiveDocument.get_by_id(first.id).present is True
    with pytest.raises(ValidationError):
        items.set_present(clerk, "archives", first.id, ticked.version, "yes")  # type: ignore[arg-type]

    letter = items.add_item(clerk, "archives", file["id"], "letters", "2026-11 业主来函（车位）")
    assert letter.present and not letter.personal
    assert items.item_list(clerk, "archives", file["id"]).total == 21
    with pytest.raises(ValidationError) as caught:
        items.add_item(clerk, "archives", file["id"], "letters", "2026-11 业主来函（车位）")
    assert set(caught.value.errors) == {"name"}
    with pytest.raises(ValidationError) as caught:
        items.add_item(clerk, "archives", file["id"], "nowhere", "")
    assert set(caught.value.errors) == {"section", "name"}

    with pytest.raises(ValidationError) as caught:
        items.void_item(clerk, "archives", letter.id, letter.version, "  ")
    assert set(caught.value.errors) == {"reason"}
    items.void_item(clerk, "archives", letter.id, letter.version, "重复登记")
    assert items.item_list(clerk, "archives", file["id"]).total == 20
    assert ArchiveDocument.get_by_id(letter.id).void_reason == "重复登记"  # kept, marked voided
    kinds = [e["kind"] for e in kit.history(clerk, "archives", file["id"])]
    assert kinds.count("contents") == 3


def test_contents_do_not_change_while_the_file_is_out(
    clerk: Actor, units: dict[str, int], people: dict[str, int]
) -> None:
    file = household(clerk, units["A-101"])
    line = items.item_list(clerk, "archives", file["id"]).sections[0].items[0]
    lend(clerk, file["id"], people["王芳"])
    with pytest.raises(ValidationError) as caught:
        items.set_present(clerk, "archives", line.id, line.version, True)
    assert "王芳" in caught.value.errors["present"]
    with pytest.raises(ValidationError):
        items.add_item(clerk, "archives", file["id"], "letters", "来函")


# ---------------------------------------------------------------------------------------------
# Lending


def test_copying_or_taking_away_needs_the_department_heads_approval(
    clerk: Actor, units: dict[str, int], people: dict[str, int]
) -> None:
    file = household(clerk, units["A-101"])
    for kind in ("copy", "take_out"):
        before = written()
        with pytest.raises(ValidationError) as caught:
            lend(clerk, file["id"], people["赵工"], kind)
        assert set(caught.value.errors) == {"approved_by"}
        assert written() == before
        row = ArchiveFile.get_by_id(file["id"])
        assert row.status == "on_shelf" and row.version == file["version"] and row.holder == ""
    lent = lend(clerk, file["id"], people["赵工"], "copy", approved_by="客服经理 孙丽")
    assert lent["status"] == "lent" and lent["holder"] == "赵工"
    loan = open_loan(file["id"])
    assert (loan.kind, loan.approved_by, loan.borrower_department) == (
        "copy",
        "客服经理 孙丽",
        "工程部",
    )
    assert loan.number == "JY-2026-00001"


@pytest.mark.parametrize(
    ("borrower", "kind", "due"),
    [
        ("王芳", "borrow", datetime(2026, 10, 10, 18, 0)),  # 本部门: 3 working days (10 Oct 调休)
        ("赵工", "borrow", datetime(2026, 10, 13, 18, 0)),  # another department: 5
        ("赵工", "read", datetime(2026, 9, 30, 18, 0)),  # 查阅: back the same day
    ],
)
def test_due_by_borrower_on_working_days(
    clerk: Actor,
    units: dict[str, int],
    people: dict[str, int],
    borrower: str,
    kind: str,
    due: datetime,
) -> None:
    file = household(clerk, units["A-101"])
    lent = lend(clerk, file["id"], people[borrower], kind, now=BEFORE_NATIONAL_DAY)
    loan = open_loan(file["id"])
    assert loan.lent_at == BEFORE_NATIONAL_DAY
    assert loan.due_at == due and lent["due_at"] == due
    # a due time given by the clerk wins; one in the past is refused
    with pytest.raises(ValidationError) as caught:
        lend(clerk, household(clerk, units["A-102"])["id"], people[borrower], due_at="2020-01-01")
    assert set(caught.value.errors) == {"due_at"}


def test_reading_on_the_spot_is_a_logged_same_day_loan(
    clerk: Actor, units: dict[str, int], people: dict[str, int]
) -> None:
    file = household(clerk, units["A-101"])
    ticked = tick_all(clerk, file["id"])
    at = datetime(2026, 12, 1, 9, 5)
    lend(clerk, file["id"], people["刘洋"], "read", now=at)
    loan = open_loan(file["id"])
    assert (loan.kind, loan.borrower_name, loan.lent_at) == ("read", "刘洋", at)
    assert loan.due_at == datetime(2026, 12, 1, 18, 0)
    assert [e["kind"] for e in kit.history(clerk, "archive_loans", loan.id)] == ["created"]
    lent = [e for e in kit.history(clerk, "archives", file["id"]) if e["kind"] == "lend"]
    assert [(e["at"], e["document"], e["detail"]) for e in lent] == [(at, loan.number, "刘洋")]
    actions = [a for (a,) in AuditEvent.select(AuditEvent.action).tuples()]
    assert "lend archives" in actions and "create archive_loans" in actions
    assert overdue_loans(clerk, now=datetime(2026, 12, 1, 17, 59)) == []
    assert [x["number"] for x in overdue_loans(clerk, now=datetime(2026, 12, 1, 18, 1))] == [
        loan.number
    ]
    current = kit.record(clerk, "archives", file["id"])
    kit.transition(
        clerk,
        "archives",
        "return",
        file["id"],
        current["version"],
        {"ok": ticked},
        now=datetime(2026, 12, 1, 9, 40),
    )
    back = ArchiveLoan.get_by_id(loan.id)
    assert back.status == "returned" and back.returned_at == datetime(2026, 12, 1, 9, 40)
    assert ArchiveLoanCheck.select().where(ArchiveLoanCheck.loan == loan.id).count() == len(ticked)


def test_wrong_state_and_stale_copies_are_refused_and_write_nothing(
    admin: Actor, clerk: Actor, units: dict[str, int], people: dict[str, int]
) -> None:
    file = household(clerk, units["A-101"])
    stale = kit.record(clerk, "archives", file["id"])
    lent = lend(clerk, file["id"], people["赵工"])
    number = open_loan(file["id"]).number
    before = written()
    # lent already: a second lend is told who holds it (whatever version it brings)
    for version in (stale["version"], lent["version"], None):
        with pytest.raises(WrongState) as caught:
            kit.transition(
                clerk,
                "archives",
                "lend",
                file["id"],
                version,
                {"borrower_staff": people["王芳"], "kind": "borrow", "purpose": "x"},
            )
        assert "赵工" in str(caught.value) and number in str(caught.value)
    # a return on a stale copy of the lent file
    with pytest.raises(ConflictError):
        kit.transition(clerk, "archives", "return", file["id"], stale["version"], {})
    # retiring a lent file
    with pytest.raises(WrongState):
        kit.transition(clerk, "archives", "retire", file["id"], lent["version"], {"reason": "x"})
    assert written() == before
    row = ArchiveFile.get_by_id(file["id"])
    assert (row.status, row.holder, row.version) == ("lent", "赵工", lent["version"])
    # an inactive staff member cannot borrow
    other = household(clerk, units["A-102"])
    reference.staff_leaves(admin, people["刘洋"], date(2026, 11, 30))
    with pytest.raises(ValidationError) as caught:
        lend(clerk, other["id"], people["刘洋"])
    assert set(caught.value.errors) == {"borrower_staff"}


# ---------------------------------------------------------------------------------------------
# Returning: every item checked together (当面核对), incidents


def test_the_return_checklist_accounts_for_every_item(
    clerk: Actor, units: dict[str, int], people: dict[str, int]
) -> None:
    file = household(clerk, units["A-101"])
    ticked = tick_all(clerk, file["id"], leave_out=15)  # five documents went out
    lend(clerk, file["id"], people["赵工"])
    loan = open_loan(file["id"])
    version = kit.record(clerk, "archives", file["id"])["version"]
    before = written()

    def give_back(inputs: dict[str, Any]) -> dict:
        return kit.transition(clerk, "archives", "return", file["id"], version, inputs)

    with pytest.raises(ValidationError) as caught:
        give_back({"ok": ticked[:4]})
    assert set(caught.value.errors) == {"ok"} and "1" in caught.value.errors["ok"]
    with pytest.raises(ValidationError) as caught:
        give_back({"ok": ticked, "missing": ticked[:1], "note": "x"})
    assert set(caught.value.errors) == {"ok"}
    with pytest.raises(ValidationError) as caught:
        give_back({"ok": ticked[1:], "missing": ticked[:1]})
    assert set(caught.value.errors) == {"note"}
    untick = items.item_list(clerk, "archives", file["id"]).sections[-1].items[-1].id
    with pytest.raises(ValidationError):  # an item that never went out
        give_back({"ok": [*ticked, untick]})
    assert written() == before and ArchiveFile.get_by_id(file["id"]).status == "lent"

    back = give_back(
        {"ok": ticked[2:], "missing": [ticked[0]], "damaged": [ticked[1]], "note": "遗失一页"}
    )
    assert back["status"] == "on_shelf" and back["holder"] == "" and back["due_at"] is None
    loan = ArchiveLoan.get_by_id(loan.id)
    assert loan.status == "returned" and loan.return_note == "遗失一页"
    results = dict(
        ArchiveLoanCheck.select(ArchiveLoanCheck.document, ArchiveLoanCheck.result)
        .where(ArchiveLoanCheck.loan == loan.id)
        .tuples()
    )
    assert results == {ticked[0]: "missing", ticked[1]: "damaged"} | {d: "ok" for d in ticked[2:]}
    assert ArchiveDocument.get_by_id(ticked[0]).present is False  # missing: no longer in the file
    assert ArchiveDocument.get_by_id(ticked[1]).present is True  # damaged: still there

    # each problem opens an incident naming the borrower; the Today line lists them until closed
    opened = holdings.open_records(clerk, "archive_incidents")
    assert [(i["kind"], i["responsible_name"], i["file_label"]) for i in opened] == [
        ("missing", "赵工", file["code"]),
        ("damaged", "赵工", file["code"]),
    ]
    open_list = ListRequest(filters=(("status", "open"),))
    assert listing.count(clerk, "archive_incidents", open_list) == 2
    first = kit.record(clerk, "archive_incidents", opened[0]["id"])
    kit.transition(
        clerk,
        "archive_incidents",
        "close",
        first["id"],
        first["version"],
        {"resolution": "已补交复印件"},
    )
    assert [i["kind"] for i in holdings.open_records(clerk, "archive_incidents")] == ["damaged"]
    closed = ArchiveIncident.get_by_id(first["id"])
    assert closed.status == "closed" and closed.closed_by and closed.closed_at
    history = kit.history(clerk, "archive_loans", loan.id)
    assert [e["kind"] for e in history] == ["created", "returned"]


# ---------------------------------------------------------------------------------------------
# Who holds what; a person leaving (调离)


def test_staff_cannot_leave_while_holding_files_or_keys(
    admin: Actor, clerk: Actor, units: dict[str, int], people: dict[str, int]
) -> None:
    file = household(clerk, units["A-101"])
    lend(clerk, file["id"], people["王芳"])
    loan = open_loan(file["id"])
    key = keys.create_key(admin, code="K-A101", label="A-101 户门")
    keys.lend_key(
        admin, key.code, borrower_kind="staff", borrower_staff_id=people["王芳"], purpose="开门"
    )

    held = holdings.staff_holdings(clerk, people["王芳"])
    assert len(held) == 2
    assert any(loan.number in line and file["code"] in line for line in held)
    assert any("K-A101" in line and "A-101 户门" in line for line in held)
    assert holdings.staff_holdings(None, people["刘洋"]) == []

    with pytest.raises(ValidationError) as caught:
        reference.staff_leaves(admin, people["王芳"], date(2026, 12, 1))
    message = caught.value.errors["left_on"]
    assert file["code"] in message and loan.number in message and "K-A101" in message
    assert Staff.get_by_id(people["王芳"]).active

    keys.return_key(admin, key.code)
    with pytest.raises(ValidationError) as caught:
        reference.staff_leaves(admin, people["王芳"], date(2026, 12, 1))
    assert file["code"] in caught.value.errors["left_on"]
    assert "K-A101" not in caught.value.errors["left_on"]
    ticked: list[int] = []
    current = kit.record(clerk, "archives", file["id"])
    kit.transition(clerk, "archives", "return", file["id"], current["version"], {"ok": ticked})
    left = reference.staff_leaves(admin, people["王芳"], date(2026, 12, 1))
    assert not left.active


def test_who_has_which_files(clerk: Actor, units: dict[str, int], people: dict[str, int]) -> None:
    files = [household(clerk, units[c])["id"] for c in ("A-101", "A-102", "A-201", "B-101")]
    lend(clerk, files[0], people["王芳"], now=BEFORE_NATIONAL_DAY)  # due 10 Oct
    lend(clerk, files[1], people["王芳"], now=datetime(2026, 11, 30, 9, 0))  # due 3 Dec
    lend(clerk, files[2], people["赵工"], now=BEFORE_NATIONAL_DAY)  # due 13 Oct
    now = datetime(2026, 12, 1, 10, 0)
    by_person = holdings.held_by(clerk, "archive_loans", now=now)
    assert [(g.name, g.count, g.overdue) for g in by_person] == [("王芳", 2, 1), ("赵工", 1, 1)]
    assert by_person[0].records[0]["borrower_department"] == "客服部"
    by_department = holdings.held_by(clerk, "archive_loans", "borrower_department", now=now)
    assert [(g.name, g.count) for g in by_department] == [("客服部", 2), ("工程部", 1)]
    overdue = overdue_loans(clerk, now=now)
    assert [(o["borrower_name"], o["due_at"]) for o in overdue] == [
        ("王芳", datetime(2026, 10, 10, 18, 0)),
        ("赵工", datetime(2026, 10, 13, 18, 0)),
    ]
    assert overdue[0]["file_label"] == ArchiveFile.get_by_id(files[0]).code
    assert overdue_loans(clerk, now=datetime(2026, 10, 10, 17, 0)) == []
    show = ListRequest(filters=(("show", "overdue"), ("now", now)))
    assert listing.count(clerk, "archive_loans", show) == 2


# ---------------------------------------------------------------------------------------------
# Scanned copies; personal documents


def _doc(actor: Actor, file_id: int, name: str) -> items.ItemLine:
    lines = items.item_list(actor, "archives", file_id).sections
    return next(d for s in lines for d in s.items if d.name == name)


@pytest.mark.skipif(
    bool(os.environ.get("PROPDESK_TEST_DB")),
    reason="scans go beside a SQLite file; on PostgreSQL they live in the database",
)
def test_scans_are_stored_beside_the_database_by_content(
    db: DatabaseInfo, clerk: Actor, assistant: Actor, units: dict[str, int]
) -> None:
    file = household(clerk, units["A-101"])
    notice = _doc(clerk, file["id"], "入伙通知书")
    saved = items.attach_scan(clerk, "archives", notice.id, "C:\\扫描\\入伙通知书.pdf", PDF)
    assert saved.has_scan and saved.scan_name == "入伙通知书.pdf"
    folder = db.target.path.parent / f"{db.target.path.stem}-files"
    import hashlib

    digest = hashlib.sha256(PDF).hexdigest()
    assert [p.name for p in folder.iterdir()] == [digest]
    assert (folder / digest).read_bytes() == PDF
    # anyone who may look files up opens a non-personal scan; no audit needed for it
    views = AuditEvent.select().where(AuditEvent.action == "view personal document").count()
    assert items.open_scan(assistant, "archives", notice.id) == (
        "入伙通知书.pdf",
        "application/pdf",
        PDF,
    )
    assert AuditEvent.select().where(AuditEvent.action == "view personal document").count() == views
    # the same content again is stored once; a PNG by its magic bytes, whatever its name says
    other = _doc(clerk, file["id"], "物业管理委托协议")
    items.attach_scan(clerk, "archives", other.id, "协议.pdf", PDF)
    card = _doc(clerk, file["id"], "房屋交接验收表")
    assert items.attach_scan(clerk, "archives", card.id, "验收.jpg", PNG).has_scan
    assert items.open_scan(clerk, "archives", card.id)[1] == "image/png"
    assert len(list(folder.iterdir())) == 2
    assert Attachment.select().count() == 3

    for data, problem in ((b"GIF89a....", "PDF"), (b"", "empty"), (b"%PDF" + b"x", "PDF")):
        with pytest.raises(ValidationError) as caught:
            items.attach_scan(clerk, "archives", notice.id, "x.pdf", data)
        assert set(caught.value.errors) == {"file"}, problem
    big = PDF + b"\x00" * attachments.MAX_BYTES
    with pytest.raises(ValidationError):
        items.attach_scan(clerk, "archives", notice.id, "big.pdf", big)
    with pytest.raises(PermissionDenied):
        items.attach_scan(assistant, "archives", notice.id, "x.pdf", PDF)
    with pytest.raises(NotFound):
        items.open_scan(clerk, "archives", _doc(clerk, file["id"], "楼宇交接书").id)
    # a damaged copy on the share is refused, not shown
    (folder / digest).write_bytes(PDF + b"tampered")
    with pytest.raises(NotFound):
        items.open_scan(clerk, "archives", notice.id)


@pytest.mark.skipif(
    bool(os.environ.get("PROPDESK_TEST_DB")),
    reason="scans go beside a SQLite file; on PostgreSQL they live in the database",
)
def test_a_dropped_share_leaves_no_half_file(
    db: DatabaseInfo, clerk: Actor, units: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.errors import StorageUnavailable

    file = household(clerk, units["A-101"])
    notice = _doc(clerk, file["id"], "入伙通知书")

    def dropped(src: object, dst: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(attachments.os, "replace", dropped)
    with pytest.raises(StorageUnavailable):
        items.attach_scan(clerk, "archives", notice.id, "a.pdf", PDF)
    folder = attachments.files_folder()
    assert folder is not None and list(folder.iterdir()) == []  # no final name, no temp file
    assert Attachment.select().count() == 0
    assert ArchiveDocument.get_by_id(notice.id).attachment_id is None


@pytest.mark.skipif(
    bool(os.environ.get("PROPDESK_TEST_DB")),
    reason="scans go beside a SQLite file; on PostgreSQL they live in the database",
)
def test_a_backup_keeps_the_scans_and_a_restore_brings_them_back(
    db: DatabaseInfo, clerk: Actor, units: dict[str, int], tmp_path: Path
) -> None:
    import shutil

    from app import backup
    from app.db import close_database
    from app.db_open import open_database

    file = household(clerk, units["A-101"])
    notice = _doc(clerk, file["id"], "入伙通知书")
    items.attach_scan(clerk, "archives", notice.id, "入伙通知书.pdf", PDF)
    made = backup.take_backup(backup.MANUAL, tmp_path / "backups", now=datetime(2026, 12, 1, 9))
    kept = tmp_path / "backups" / f"{db.target.path.stem}-files"
    assert [p.read_bytes() for p in kept.iterdir()] == [PDF]
    backup.take_backup(backup.MANUAL, tmp_path / "backups", now=datetime(2026, 12, 1, 10))
    assert len(list(kept.iterdir())) == 1  # a second backup shares the folder: stored once

    close_database()
    shutil.rmtree(attachments_folder := db.target.path.parent / f"{db.target.path.stem}-files")
    backup.restore_backup(made, str(db.target.path), force=True)
    open_database(str(db.target.path))
    assert (attachments_folder.is_dir(), items.open_scan(clerk, "archives", notice.id)[2]) == (
        True,
        PDF,
    )


def test_scans_live_in_the_database_on_postgresql(
    clerk: Actor, units: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(attachments, "files_folder", lambda: None)  # as on PostgreSQL
    file = household(clerk, units["A-101"])
    notice = _doc(clerk, file["id"], "入伙通知书")
    items.attach_scan(clerk, "archives", notice.id, "a.pdf", PDF)
    items.attach_scan(clerk, "archives", _doc(clerk, file["id"], "楼宇交接书").id, "b.pdf", PDF)
    assert AttachmentBlob.select().count() == 1
    assert Attachment.get().stored == "db"
    assert items.open_scan(clerk, "archives", notice.id)[2] == PDF


def test_personal_documents_need_pii_view_and_every_view_is_audited(
    clerk: Actor,
    assistant: Actor,
    make_actor: Callable[[str], Actor],
    units: dict[str, int],
) -> None:
    supervisor = make_actor("supervisor")  # ARCHIVES_VIEW and PII_VIEW
    file = household(clerk, units["A-101"])
    id_copy = _doc(clerk, file["id"], "业主身份证复印件")
    assert id_copy.personal
    items.attach_scan(
        clerk, "archives", id_copy.id, "身份证.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 32
    )

    def views() -> list[AuditEvent]:
        return list(
            AuditEvent.select()
            .where(AuditEvent.action == "view personal document")
            .order_by(AuditEvent.id)
        )

    with pytest.raises(PermissionDenied):
        items.open_scan(assistant, "archives", id_copy.id)
    assert views() == []
    for _ in range(2):
        name, mime, data = items.open_scan(supervisor, "archives", id_copy.id)
        assert (name, mime) == ("身份证.jpg", "image/jpeg") and data.startswith(b"\xff\xd8\xff")
    items.open_scan(clerk, "archives", id_copy.id)
    logged = views()
    assert [(v.username, v.entity, v.entity_id) for v in logged] == [
        (supervisor.username, "ArchiveDocument", str(id_copy.id)),
        (supervisor.username, "ArchiveDocument", str(id_copy.id)),
        (clerk.username, "ArchiveDocument", str(id_copy.id)),
    ]
    assert file["code"] in (logged[0].after or "") and "业主身份证复印件" in (logged[0].after or "")


# ---------------------------------------------------------------------------------------------
# Slips


def _lent_and_returned(clerk: Actor, units: dict[str, int], people: dict[str, int]) -> ArchiveLoan:
    file = household(clerk, units["A-101"])
    ticked = tick_all(clerk, file["id"], leave_out=16)
    signature = SignatureInput(signature_png(), "赵工")
    current = kit.record(clerk, "archives", file["id"])
    lent = kit.transition(
        clerk,
        "archives",
        "lend",
        file["id"],
        current["version"],
        {"borrower_staff": people["赵工"], "kind": "borrow", "purpose": "二次装修审图"},
        signature=signature,
        now=BEFORE_NATIONAL_DAY,
    )
    loan = open_loan(file["id"])
    kit.transition(
        clerk,
        "archives",
        "return",
        file["id"],
        lent["version"],
        {"ok": ticked[1:], "missing": ticked[:1], "note": "缺一页"},
        signature=signature,
        now=datetime(2026, 10, 12, 15, 0),
    )
    return ArchiveLoan.get_by_id(loan.id)


def test_file_labels_scan_back_to_their_codes(clerk: Actor, units: dict[str, int]) -> None:
    first = household(clerk, units["A-101"], shelf="A柜-3层-12")
    letters = kit.create(clerk, "archives", {"category": "lawyer_letter", "title": "2026年律师函"})
    pdf = slips.print_slips(clerk, "archives", "label", [first["id"], letters["id"]])
    assert [(round(w / MM), round(h / MM)) for w, h in page_sizes(pdf)] == [(50, 30), (50, 30)]
    assert code128s(pdf, 0) == [first["code"]] and code128s(pdf, 1) == [letters["code"]]
    text = flat(all_text(pdf))
    assert "A-101" in text and "一户一档" in text and "A柜-3层-12" in text
    assert "2026年律师函" in text and "律师函" in text
    assert_fonts_embedded(pdf)

    more = [household(clerk, units[c])["id"] for c in ("A-102", "A-201", "B-101")]
    sheet = slips.print_slips(clerk, "archives", "label", [first["id"], *more], "a4")
    assert [(round(w / MM), round(h / MM)) for w, h in page_sizes(sheet)] == [(210, 297)]
    expected = {ArchiveFile.get_by_id(i).code for i in [first["id"], *more]}
    assert set(code128s(sheet, 0)) == expected
    with pytest.raises(ValidationError):
        slips.print_slips(clerk, "archives", "label", [first["id"]], "receipt_80")
    prints = AuditEvent.select().where(AuditEvent.action == "print label").count()
    assert prints == 2


@pytest.mark.parametrize(("paper", "width_mm"), [("receipt_80", 80), ("a5", 148)])
def test_lending_slip_and_return_receipt(
    clerk: Actor, units: dict[str, int], people: dict[str, int], paper: str, width_mm: int
) -> None:
    loan = _lent_and_returned(clerk, units, people)
    pdf = slips.print_slip(clerk, "archive_loans", "loan_slip", loan.id, paper)
    assert round(page_sizes(pdf)[0][0] / MM) == width_mm
    assert code128s(pdf) == [loan.number]
    text = flat(all_text(pdf))
    for expected in (
        "档案借阅单",
        loan.number,
        ArchiveFile.get_by_id(loan.file_id).code,
        "A-101",  # the file's unit
        "赵工",
        "工程部",
        "借阅",
        "2026-09-3010:00",
        "2026-10-1318:00",
        "二次装修审图",
        "借阅人签字",
        "档案管理员签字",
        "第1页/共1页",
    ):
        assert expected in text, expected
    assert image_count(pdf) == 1  # the borrower's captured signature
    assert_fonts_embedded(pdf)

    receipt = slips.print_slip(clerk, "archive_loans", "return_receipt", loan.id, paper)
    assert code128s(receipt) == [loan.number]
    text = flat(all_text(receipt))
    for expected in (
        "档案归还单",
        "当面核对明细",
        "入伙通知书",
        "缺失",
        "完好",
        "共4项：完好3，缺失1",
        "DS-2026-00001",
        "2026-10-1215:00",
        "归还人签字",
        "档案管理员签字",
    ):
        assert expected in text, expected
    assert image_count(receipt) == 1
    actions = [a for (a,) in AuditEvent.select(AuditEvent.action).tuples()]
    assert actions.count("print loan_slip") == 1 and actions.count("print return_receipt") == 1


def test_overdue_list_and_print_permissions(
    clerk: Actor,
    make_actor: Callable[[str], Actor],
    units: dict[str, int],
    people: dict[str, int],
) -> None:
    files = [household(clerk, units[c])["id"] for c in ("A-101", "A-102")]
    lend(clerk, files[0], people["赵工"], now=BEFORE_NATIONAL_DAY)
    lend(clerk, files[1], people["王芳"])  # not due yet
    pdf = slips.print_list(clerk, "archive_loans", "overdue_list")
    assert [(round(w / MM), round(h / MM)) for w, h in page_sizes(pdf)] == [(210, 297)]
    text = flat(all_text(pdf))
    assert "档案逾期未还清单" in text and "JY-2026-00001" in text and "赵工" in text
    assert "JY-2026-00002" not in text and "1份" in text
    assert AuditEvent.select().where(AuditEvent.action == "print overdue_list").count() == 1
    finance = make_actor("finance")  # no ARCHIVES_VIEW
    with pytest.raises(PermissionDenied):
        slips.print_list(finance, "archive_loans", "overdue_list")
    with pytest.raises(PermissionDenied):
        slips.print_slip(finance, "archive_loans", "loan_slip", open_loan(files[0]).id)
    with pytest.raises(NotFound):
        slips.print_slip(clerk, "archive_loans", "no_such_slip", 1)
    with pytest.raises(ValidationError):
        slips.print_list(clerk, "archive_loans", "overdue_list", "receipt_80")


# ---------------------------------------------------------------------------------------------
# CLI: export and print


def test_cli_exports_and_prints_archives(
    db: DatabaseInfo,
    clerk: Actor,
    units: dict[str, int],
    people: dict[str, int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from openpyxl import load_workbook

    if db.target.kind != "sqlite":
        pytest.skip("the CLI test opens the SQLite file by path")
    loan = _lent_and_returned(clerk, units, people)
    file_code = ArchiveFile.get_by_id(loan.file_id).code
    household(clerk, units["A-102"])
    url = str(db.target.path)

    assert cli.main(["export", "archives", str(tmp_path / "files.xlsx"), "--db", url]) == 0
    rows = list(load_workbook(tmp_path / "files.xlsx").active.iter_rows(values_only=True))
    assert rows[0][:6] == ("档案编号", "档案类别", "房号", "档案名称", "存放位置", "状态")
    assert [r[0] for r in rows[1:]] == [file_code, "DA00002"]
    assert rows[1][1] == "一户一档" and rows[1][2] == "A-101" and rows[1][5] == "在架"

    assert cli.main(["export", "archive_loans", str(tmp_path / "loans.xlsx"), "--db", url]) == 0
    rows = list(load_workbook(tmp_path / "loans.xlsx").active.iter_rows(values_only=True))
    assert rows[0][:3] == ("借阅单号", "档案编号", "借阅方式")
    assert len(rows) == 2 and rows[1][:3] == (loan.number, file_code, "借阅")  # returned too
    assert "已归还" in rows[1]

    out = tmp_path / "labels.pdf"
    assert (
        cli.main(["print", "archive-label", file_code, "DA00002", "-o", str(out), "--db", url]) == 0
    )
    assert code128s(out.read_bytes(), 0) == [file_code]
    assert code128s(out.read_bytes(), 1) == ["DA00002"]
    out = tmp_path / "loan.pdf"
    assert cli.main(["print", "archive-loan", loan.number, "-o", str(out), "--db", url]) == 0
    assert code128s(out.read_bytes()) == [loan.number]
    assert "档案借阅单" in all_text(out.read_bytes())
    capsys.readouterr()
    assert cli.main(["print", "archive-loan", file_code, "-o", str(out), "--db", url]) == 2
    assert file_code in capsys.readouterr().err
    assert cli.main(["print", "archive-label", "-o", str(out), "--db", url]) == 2
    assert cli.main(["print", "archive-overdue", "-o", str(out), "--db", url]) == 0


# ---------------------------------------------------------------------------------------------
# Two desks, one file, the same moment (separate processes on one SQLite file)


@pytest.mark.skipif(
    bool(os.environ.get("PROPDESK_TEST_DB")),
    reason="two processes on one SQLite file; PostgreSQL has its own test of row conflicts",
)
def test_two_desks_lend_the_same_file_at_once_one_wins(
    db: DatabaseInfo, clerk: Actor, units: dict[str, int], people: dict[str, int]
) -> None:
    file = household(clerk, units["A-101"])
    borrowers = {people["王芳"]: "王芳", people["赵工"]: "赵工"}
    start_at = time.time() + 4.0  # both processes have opened the database by then
    procs = [
        spawn(
            "archive_lend",
            {
                "url": str(db.target.path),
                "index": i,
                "file_id": file["id"],
                "borrower": borrower,
                "start_at": start_at,
            },
        )
        for i, borrower in enumerate(borrowers)
    ]
    results = [finish(p) for p in procs]
    winners = [r for r in results if r["ok"]]
    losers = [r for r in results if not r["ok"]]
    assert len(winners) == 1 and len(losers) == 1, results
    winner, loser = winners[0], losers[0]
    # the other desk is told the file is out, and who has it under which loan
    assert loser["error"] == "WrongState", loser
    assert winner["borrower"] in loser["message"] and winner["number"] in loser["message"]
    loans = list(ArchiveLoan.select())
    assert [(x.number, x.borrower_name) for x in loans] == [(winner["number"], winner["borrower"])]
    row = ArchiveFile.get_by_id(file["id"])
    assert (row.status, row.holder, row.version) == (
        "lent",
        winner["borrower"],
        file["version"] + 1,
    )
    assert AuditEvent.select().where(AuditEvent.action == "lend archives").count() == 1


def test_register_declares_its_slips() -> None:
    from app.kit import registry

    assert [s.name for s in registry.get("archives").slips] == ["label"]
    assert [s.name for s in registry.get("archive_loans").slips] == [
        "loan_slip",
        "return_receipt",
        "overdue_list",
    ]
    assert registry.get("key_loans").holder_field == "borrower_staff"
    assert rules.loan_days({"kind": "read"}) == 0


def test_printed_slips_mask_personal_data_for_roles_without_pii_view(
    admin: Actor,
    make_actor: Callable[[str], Actor],
    people: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The kit masks a register's declared PII fields on a slip, rows and tables alike."""
    from dataclasses import replace

    from app.kit import registry

    phone_slip = slips.Slip(
        "phone_slip",
        "Phone slip",
        "电话单",
        papers=("a5",),
        blocks=(
            slips.Header("电话单"),
            slips.Rows(("borrower_name", "borrower_phone")),
            slips.Table("rows", columns=(("borrower_phone", "借用人电话", None),)),
        ),
        gather=lambda record: {"rows": [{"borrower_phone": record["borrower_phone"]}]},
    )
    loans = registry.get("key_loans")
    monkeypatch.setitem(registry.load_all(), "key_loans", replace(loans, slips=(phone_slip,)))
    key = keys.create_key(admin, code="K-1", label="配电室")
    loan = keys.lend_key(
        admin,
        key.code,
        borrower_kind="external",
        borrower_name="周师傅",
        borrower_phone="13812345678",
        document_ref="维保工单 2031",
        approved_by="孙丽",
        purpose="检修",
    )
    shown = flat(all_text(slips.print_slip(admin, "key_loans", "phone_slip", loan.id)))
    assert shown.count("13812345678") == 2
    masked = flat(
        all_text(slips.print_slip(make_actor("assistant"), "key_loans", "phone_slip", loan.id))
    )
    assert "13812345678" not in masked and masked.count("138****5678") == 2
    logged = (
        AuditEvent.select().where(AuditEvent.action == "print phone_slip").order_by(AuditEvent.id)
    )
    assert ['"pii_masked": false' in (e.after or "") for e in logged] == [True, False]


def test_demo_has_archive_files_and_loans_in_every_state(db: DatabaseInfo) -> None:
    from app import demo
    from app.services.context import SYSTEM

    summary = demo.create_demo(SYSTEM, seed=5, units_per_floor=1)
    units = summary["units"]
    assert summary["archive_files"] == units + 5  # every unit's file, 装修档案 and 4 category files
    assert ArchiveFile.select().where(ArchiveFile.category == "household").count() == units
    documents = ArchiveDocument.select().where(ArchiveDocument.voided_at.is_null())
    missing = documents.where(~ArchiveDocument.present).count()
    assert 0 < missing < documents.count() * 0.2  # most present, some missing
    categories = {c for (c,) in ArchiveFile.select(ArchiveFile.category).tuples()}
    assert {"renovation", "fee_notice", "lawyer_letter", "contractor_contract"} <= categories
    loans = list(ArchiveLoan.select().order_by(ArchiveLoan.id))
    assert summary["archive_loans"] == len(loans) == 6
    assert [x.lent_at for x in loans] == sorted(x.lent_at for x in loans)  # numbers run with dates
    out = [x for x in loans if x.status == "out"]
    assert len(out) == 2 and len(overdue_loans(SYSTEM)) == 1
    assert {x.kind for x in loans} >= {"read", "borrow", "copy", "take_out"}
    read = next(x for x in loans if x.kind == "read")
    assert read.status == "returned" and read.due_at.date() == read.lent_at.date()
    incidents = {i.kind: i.status for i in ArchiveIncident.select()}
    assert incidents == {"damaged": "closed", "missing": "open"}
    assert len(holdings.open_records(SYSTEM, "archive_incidents")) == 1
    clean = [x for x in loans if x.status == "returned" and not x.incidents.exists()]
    assert clean  # returned with every item as lent
    files_lent = ArchiveFile.select().where(ArchiveFile.status == "lent").count()
    assert files_lent == len(out)
