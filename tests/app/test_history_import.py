"""The kit imports a register's history from an office Excel sheet: mapped once, every row checked
as a create would be, all or nothing, old numbers and dates kept (app/kit/history_import.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from app.errors import PermissionDenied, ValidationError
from app.kit import history_import as hi
from app.kit import services as kit
from app.models import ArchiveFile, ArchiveLoan, DocumentSequence, Key, KeyLoan, RecordEvent
from app.services import keys, reference
from app.services.context import Actor

ARCHIVE_HEADERS = [
    "借阅单号",
    "档案编号",
    "借阅人",
    "借阅方式",
    "借阅事由",
    "借出时间",
    "应还时间",
    "归还时间",
    "接收人",
    "备注",
]
KEY_HEADERS = [
    "借用单号",
    "钥匙编号",
    "借用人类别",
    "借用人",
    "借用单位",
    "用途",
    "借出时间",
    "应还时间",
    "归还时间",
    "经办人",
]


def sheet(path: Path, headers: list[Any], rows: list[list[Any]], title: str | None = None) -> Path:
    """An office sheet as openpyxl writes it: an optional merged title row, the header, rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "登记表"
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@dataclasses.dataclass
class Office:
    admin: Actor
    zhang: int  # 张三, 客服部
    li: int  # 李四, 工程部
    files: list[int]  # DA00001, DA00002 on the shelf
    keys: list[int]  # K-A1201, K-A1202 in the cabinet


@pytest.fixture
def office(admin: Actor) -> Office:
    reference.ensure_departments(admin)
    zhang = reference.create_staff(admin, name="张三", department="客服部")
    li = reference.create_staff(admin, name="李四", department="工程部")
    reference.create_building(admin, "A", "A座")
    units = [
        reference.create_unit(admin, code=code, building_code="A", floor_number=12)
        for code in ("A-1201", "A-1202")
    ]
    files = [
        kit.create(
            admin,
            "archives",
            {
                "code": f"DA0000{i + 1}",
                "category": "household",
                "unit": unit.id,
                "title": f"{unit.code} 业主档案",
            },
        )["id"]
        for i, unit in enumerate(units)
    ]
    key_ids = [
        keys.create_key(admin, label=f"{u.code} 户门", code=f"K-{u.code.replace('-', '')}").id
        for u in units
    ]
    return Office(admin, zhang.id, li.id, files, key_ids)


def archive_rows() -> list[list[Any]]:
    return [
        [
            "JY-2023-00012",
            "DA00001",
            "张三",
            "借阅",
            "核对入伙资料",
            datetime(2023, 5, 6, 9, 30),
            datetime(2023, 5, 9, 17, 0),
            datetime(2023, 5, 8, 16, 0),
            "王五",
            "",
        ],
        [
            "jy-2023-00013",
            "da00002",
            "李四",
            "查阅",
            "查看装修图纸",
            "2023/5/10 10:00",
            None,
            "2023年5月10日 11:00",
            "王五",
            "",
        ],
        [
            None,
            "DA00002",
            "张三",
            "复印",
            "复印合同",
            datetime(2023, 6, 1, 9, 0),
            None,
            "2023-06-01 10:30",
        ],
    ]


def test_an_archive_loan_sheet_maps_itself_and_keeps_numbers_and_dates(
    office: Office, tmp_path: Path
) -> None:
    path = sheet(
        tmp_path / "档案借阅登记表.xlsx", ARCHIVE_HEADERS, archive_rows(), "档案借阅登记表"
    )

    preview = hi.read_sheet_columns(path)
    assert preview.header_row == 2  # the title row above it is skipped
    assert preview.headers == tuple(ARCHIVE_HEADERS)
    assert preview.row_count == 3 and len(preview.rows) == 3
    mapping = hi.suggest_mapping("archive_loans", preview.headers)
    assert mapping == {
        "借阅单号": "number",
        "档案编号": "file",
        "借阅人": "borrower_staff",
        "借阅方式": "kind",
        "借阅事由": "purpose",
        "借出时间": "lent_at",
        "应还时间": "due_at",
        "归还时间": "returned_at",
        "接收人": "returned_to",
    }

    result = hi.import_history(office.admin, "archive_loans", path, mapping)

    assert (result.created, result.kept_numbers, result.new_numbers) == (3, 2, 1)
    assert result.numbers == ("JY-2023-00012", "JY-2023-00013", "JY-2023-00014")
    loans = {loan.number: loan for loan in ArchiveLoan.select()}
    first = loans["JY-2023-00012"]
    assert first.file_id == office.files[0]
    assert (first.borrower_staff_id, first.borrower_name) == (office.zhang, "张三")
    assert (first.kind, first.status, first.returned_to) == ("borrow", "returned", "王五")
    assert first.lent_at == datetime(2023, 5, 6, 9, 30)
    assert first.due_at == datetime(2023, 5, 9, 17, 0)
    assert first.returned_at == datetime(2023, 5, 8, 16, 0)
    assert first.created_at == datetime(2023, 5, 6, 9, 30)  # the row's date, not today
    second = loans["JY-2023-00013"]
    assert (second.file_id, second.borrower_name, second.kind) == (office.files[1], "李四", "read")
    assert second.lent_at == datetime(2023, 5, 10, 10, 0)
    assert second.returned_at == datetime(2023, 5, 10, 11, 0)
    assert second.due_at.date() == datetime(2023, 5, 10).date()  # read on the spot: same day
    third = loans["JY-2023-00014"]  # no number in the sheet: the next one of its year
    assert third.lent_at == datetime(2023, 6, 1, 9, 0) and third.status == "returned"
    # its trail: created when it was lent, from the sheet's row
    events = [
        (e.kind, e.at)
        for e in RecordEvent.select()
        .where((RecordEvent.register == "archive_loans") & (RecordEvent.record_id == first.id))
        .order_by(RecordEvent.at)
    ]
    assert events == [("created", datetime(2023, 5, 6, 9, 30))]
    # returned loans leave the files on their shelves
    assert {f.status for f in ArchiveFile.select()} == {"on_shelf"}


def test_numbers_issued_after_the_import_never_collide(office: Office, tmp_path: Path) -> None:
    now = datetime.now()
    this_year = f"JY-{now.year}-00040"
    lent = now - timedelta(minutes=30)
    rows = [
        [
            "JY-2023-00012",
            "DA00001",
            "张三",
            "借阅",
            "核对",
            datetime(2023, 5, 6, 9),
            None,
            datetime(2023, 5, 7, 9),
        ],
        [this_year, "DA00002", "李四", "查阅", "查看", lent, None, lent + timedelta(minutes=10)],
    ]
    path = sheet(tmp_path / "loans.xlsx", ARCHIVE_HEADERS, rows)
    hi.import_history(
        office.admin, "archive_loans", path, hi.suggest_mapping("archive_loans", ARCHIVE_HEADERS)
    )
    assert DocumentSequence.get(prefix="JY", year=2023).last_value == 12
    assert DocumentSequence.get(prefix="JY", year=now.year).last_value == 40

    kit.transition(
        office.admin,
        "archives",
        "lend",
        office.files[0],
        None,
        {"borrower_staff": office.zhang, "kind": "borrow", "purpose": "核对资料"},
    )
    newest = ArchiveLoan.select().order_by(ArchiveLoan.id.desc()).get()
    assert newest.number == f"JY-{now.year}-00041"


def test_a_bad_row_imports_nothing_and_the_report_names_each_row_and_field(
    office: Office, tmp_path: Path
) -> None:
    kit.transition(
        office.admin,
        "archives",
        "lend",
        office.files[0],
        None,
        {"borrower_staff": office.zhang, "kind": "borrow", "purpose": "在用"},
    )
    used = ArchiveLoan.get().number  # a number PropDesk issued already
    good = [
        "JY-2023-00001",
        "DA00002",
        "张三",
        "借阅",
        "核对",
        datetime(2023, 5, 6, 9),
        None,
        datetime(2023, 5, 7, 9),
    ]
    rows = [
        good,  # row 3
        [
            "JY-2023-00002",
            "DA00002",
            "王五",
            "借阅",
            "核对",
            datetime(2023, 5, 8, 9),
        ],  # unknown staff
        ["JY-2023-00003", "DA00002", "李四", "借阅", "核对", "2023-02-30 10:00"],  # no such date
        [
            "JY-2023-00001",
            "DA00002",
            "李四",
            "借阅",
            "核对",
            datetime(2023, 5, 9, 9),
        ],  # row 3's number
        [used, "DA00002", "李四", "借阅", "核对", datetime(2023, 5, 10, 9)],  # issued already
        [
            "YS-2023-00001",
            "DA00002",
            "李四",
            "借阅",
            "核对",
            datetime(2023, 5, 11, 9),
        ],  # key loans'
        [
            "JY-2023-00007",
            "DA09999",
            "李四",
            "借阅",
            "核对",
            datetime(2023, 5, 12, 9),
        ],  # no such file
        [
            "JY-2023-00008",
            "DA00002",
            "李四",
            "借阅",
            "核对",
            datetime(2023, 5, 12, 9),
            None,
            datetime.now() + timedelta(days=2),
        ],  # returned in the future
    ]
    path = sheet(tmp_path / "loans.xlsx", ARCHIVE_HEADERS, rows, "档案借阅登记表")
    mapping = hi.suggest_mapping("archive_loans", ARCHIVE_HEADERS)
    loans_before = ArchiveLoan.select().count()

    with pytest.raises(hi.ImportRejected) as caught:
        hi.import_history(office.admin, "archive_loans", path, mapping)

    problems = {(p.row, p.field, p.label) for p in caught.value.problems}
    assert problems == {
        (4, "borrower_staff", "借阅人"),
        (5, "lent_at", "借出时间"),
        (6, "number", "借阅单号"),
        (7, "number", "借阅单号"),
        (8, "number", "借阅单号"),
        (9, "file", "档案编号"),
        (10, "returned_at", "归还时间"),
    }
    messages = {p.row: p.message for p in caught.value.problems}
    assert "王五" in messages[4]
    assert "row 3" in messages[6]
    assert used in messages[7]
    assert "档案借阅" in messages[8] and "JY-" in messages[8]
    assert "DA09999" in messages[9]
    assert "future" in messages[10]
    # the reference-data import's shape: "row N" → one line naming the fields in Chinese
    assert caught.value.errors["row 4"].startswith("Check these fields: 借阅人: ")
    assert "row 3" not in caught.value.errors
    # nothing was imported, no number was used up
    assert ArchiveLoan.select().count() == loans_before
    assert not DocumentSequence.select().where(DocumentSequence.year == 2023).exists()


def test_a_dry_run_checks_everything_and_writes_nothing(office: Office, tmp_path: Path) -> None:
    path = sheet(tmp_path / "loans.xlsx", ARCHIVE_HEADERS, archive_rows())
    mapping = hi.suggest_mapping("archive_loans", ARCHIVE_HEADERS)
    result = hi.import_history(office.admin, "archive_loans", path, mapping, dry_run=True)
    assert result.dry_run and result.created == 3 and result.kept_numbers == 2
    assert ArchiveLoan.select().count() == 0
    assert not DocumentSequence.select().where(DocumentSequence.prefix == "JY").exists()
    assert hi.saved_mapping(office.admin, "archive_loans", ARCHIVE_HEADERS) is None


def test_the_mapping_is_saved_and_offered_again_for_the_same_header_row(
    office: Office, tmp_path: Path
) -> None:
    headers = ["单号", "档案", "姓名", "方式", "事由", "日期", "登记人"]
    rows = [["JY-2022-00003", "DA00001", "张三", "借阅", "核对", datetime(2022, 3, 1, 9), "赵六"]]
    path = sheet(tmp_path / "旧表.xlsx", headers, rows)
    mapping, source = hi.mapping_for(office.admin, "archive_loans", headers)
    assert source == "suggested"
    mapping = {
        "单号": "number",
        "档案": "档案编号",  # a label is understood too
        "姓名": "borrower_staff",
        "方式": "kind",
        "事由": "purpose",
        "日期": "lent_at",
        "登记人": "lent_by",
    }
    hi.import_history(office.admin, "archive_loans", path, mapping)

    again, source = hi.mapping_for(
        office.admin, "archive_loans", [" 单号", "档案", "姓名 ", *headers[3:]]
    )
    assert source == "saved"
    assert again == {" 单号": "number", "姓名 ": "borrower_staff"} | {
        h: f for h, f in {**mapping, "档案": "file"}.items() if h not in ("单号", "姓名")
    }
    assert ArchiveLoan.get().lent_by == "赵六"
    # another header row, another register: nothing saved for them
    assert hi.saved_mapping(office.admin, "archive_loans", [*headers, "备注"]) is None
    assert hi.saved_mapping(office.admin, "key_loans", headers) is None
    # saved explicitly, replaced
    hi.save_mapping(office.admin, "archive_loans", headers, {**mapping, "登记人": ""})
    assert "登记人" not in hi.saved_mapping(office.admin, "archive_loans", headers)


def test_a_key_loan_sheet_lends_the_keys_still_out(office: Office, tmp_path: Path) -> None:
    now = datetime.now().replace(microsecond=0)
    out_since = now - timedelta(hours=1)
    rows = [
        [
            "YS-2024-00101",
            "K-A1201",
            "内部员工",
            "张三",
            "客服部",
            "开门",
            datetime(2024, 3, 1, 9),
            datetime(2024, 3, 1, 18),
            datetime(2024, 3, 1, 11),
            "王五",
        ],
        [
            "YS-2024-00102",
            "k-a1202",
            "外来人员",
            "刘装修",
            "某装修公司",
            "量尺寸",
            "2024-03-02 14:00",
            None,
            "2024-03-02 16:00",
            "王五",
        ],
        [None, "K-A1202", "External", "陈师傅", "空调公司", "维修", out_since, None, None, "王五"],
    ]
    path = sheet(tmp_path / "钥匙借用登记表.xlsx", KEY_HEADERS, rows, "钥匙借用登记表")
    mapping = hi.suggest_mapping("key_loans", hi.read_sheet_columns(path).headers)
    assert mapping["钥匙编号"] == "key"
    assert mapping["借用人"] == "borrower_name" and mapping["借用人类别"] == "borrower_kind"

    result = hi.import_history(office.admin, "key_loans", path, mapping)

    assert (result.created, result.kept_numbers, result.new_numbers) == (3, 2, 1)
    loans = {loan.number: loan for loan in KeyLoan.select()}
    first = loans["YS-2024-00101"]
    assert (first.key_id, first.borrower_kind, first.borrower_name) == (
        office.keys[0],
        "staff",
        "张三",
    )
    assert first.returned_at == datetime(2024, 3, 1, 11) and first.lent_by == "王五"
    second = loans["YS-2024-00102"]
    assert second.due_at == datetime(2024, 3, 2, 18, 0)  # the office cut-off that day
    still_out = loans[f"YS-{now.year}-00001"]
    assert still_out.returned_at is None and still_out.borrower_kind == "external"
    key = Key.get_by_id(office.keys[1])
    assert (key.status, key.holder) == ("lent", "陈师傅")
    assert Key.get_by_id(office.keys[0]).status == "in_cabinet"
    # and it is taken back like any loan
    keys.return_key(office.admin, "K-A1202", now=now)
    assert Key.get_by_id(office.keys[1]).status == "in_cabinet"


def test_an_open_archive_loan_lends_its_file_once(office: Office, tmp_path: Path) -> None:
    lent = datetime.now().replace(microsecond=0) - timedelta(days=1)
    rows = [
        ["JY-2025-00001", "DA00001", "李四", "借阅", "装修核对", lent],
        ["JY-2025-00002", "DA00001", "张三", "借阅", "也想借", lent + timedelta(hours=1)],
    ]
    path = sheet(tmp_path / "loans.xlsx", ARCHIVE_HEADERS, rows)
    mapping = hi.suggest_mapping("archive_loans", ARCHIVE_HEADERS)
    with pytest.raises(hi.ImportRejected) as caught:
        hi.import_history(office.admin, "archive_loans", path, mapping)
    assert [(p.row, p.field) for p in caught.value.problems] == [(3, "file")]  # no title row
    assert ArchiveFile.get_by_id(office.files[0]).status == "on_shelf"  # rolled back

    path = sheet(tmp_path / "loans.xlsx", ARCHIVE_HEADERS, rows[:1])
    hi.import_history(office.admin, "archive_loans", path, mapping)
    loan = ArchiveLoan.get()
    file = ArchiveFile.get_by_id(office.files[0])
    assert (loan.status, file.status, file.holder) == ("out", "lent", "李四")
    assert file.due_at == loan.due_at and loan.due_at > lent
    # it comes back through the register's own return
    kit.transition(
        office.admin, "archives", "return", file.id, None, {"ok": [], "missing": [], "damaged": []}
    )
    assert ArchiveLoan.get().status == "returned"
    assert ArchiveFile.get_by_id(office.files[0]).status == "on_shelf"


def test_states_and_choices_by_label_and_a_stamp_date_implies_the_state(
    office: Office, tmp_path: Path
) -> None:
    headers = ["借阅单号", "档案编号", "借阅人", "借阅方式", "借出时间", "归还时间", "状态"]
    rows = [
        ["JY-2023-00001", "DA00001", "张三", "Borrow", "2023/1/3 9:00", None, "已归还"],
        ["JY-2023-00002", "DA00002", "张三", "read", "2023年1月3日", "2023-01-03 10:00", None],
    ]
    path = sheet(tmp_path / "loans.xlsx", headers, rows)
    mapping = hi.suggest_mapping("archive_loans", headers)
    assert mapping["状态"] == "status"
    hi.import_history(office.admin, "archive_loans", path, mapping)
    loans = {loan.number: loan for loan in ArchiveLoan.select()}
    first, second = loans["JY-2023-00001"], loans["JY-2023-00002"]
    assert (first.status, first.kind, first.lent_at) == (
        "returned",
        "borrow",
        datetime(2023, 1, 3, 9),
    )
    assert (second.status, second.kind, second.lent_at) == (
        "returned",
        "read",
        datetime(2023, 1, 3),
    )
    # neither is out: both files stay on their shelves
    assert {f.status for f in ArchiveFile.select()} == {"on_shelf"}


def test_office_numbers_without_a_prefix_get_new_ones_and_stay_in_the_trail(
    office: Office, tmp_path: Path
) -> None:
    rows = [
        [
            "2023-015",
            "DA00001",
            "张三",
            "借阅",
            "核对",
            datetime(2023, 4, 1, 9),
            None,
            datetime(2023, 4, 2, 9),
        ]
    ]
    path = sheet(tmp_path / "loans.xlsx", ARCHIVE_HEADERS, rows)
    result = hi.import_history(
        office.admin, "archive_loans", path, hi.suggest_mapping("archive_loans", ARCHIVE_HEADERS)
    )
    assert result.numbers == ("JY-2023-00001",) and result.kept_numbers == 0
    created = RecordEvent.get(
        (RecordEvent.register == "archive_loans") & (RecordEvent.kind == "created")
    )
    assert "原单号 2023-015" in created.detail and "loans.xlsx 第2行" in created.detail


def test_header_rows_with_blank_merged_and_repeated_cells(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "钥匙借用登记表"
    ws.merge_cells("A1:F1")
    ws["A2"] = "2024年度"  # one filled cell: still not the header
    ws.append(["借用单号", "钥匙编号", "借出时间", None, "备注", "备注"])
    ws.merge_cells("C3:D3")
    ws.append(["YS-2024-00001", "K-1", datetime(2024, 1, 2, 9), "上午", "a", "b"])
    ws.append([])
    ws.append(["YS-2024-00002", "K-2", datetime(2024, 1, 3, 9), None, None, None])
    wb.save(tmp_path / "keys.xlsx")

    preview = hi.read_sheet_columns(tmp_path / "keys.xlsx")
    assert preview.header_row == 3
    assert preview.headers == ("借用单号", "钥匙编号", "借出时间", "", "备注", "备注")
    assert preview.row_count == 2
    assert preview.rows[0][2] == datetime(2024, 1, 2, 9)
    assert hi.suggest_mapping("key_loans", preview.headers) == {
        "借用单号": "number",
        "钥匙编号": "key",
        "借出时间": "lent_at",
    }
    assert preview.signature == hi.header_signature(list(preview.headers))


def test_mapping_mistakes_are_refused_before_any_row(office: Office, tmp_path: Path) -> None:
    path = sheet(tmp_path / "loans.xlsx", ARCHIVE_HEADERS, archive_rows())
    mapping = hi.suggest_mapping("archive_loans", ARCHIVE_HEADERS)
    with pytest.raises(ValidationError) as caught:
        hi.import_history(office.admin, "archive_loans", path, {**mapping, "接收人": "借阅事由"})
    assert "借阅事由" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        hi.import_history(office.admin, "archive_loans", path, {**mapping, "无此列": "lent_by"})
    assert "无此列" in caught.value.errors
    without_borrower = {h: f for h, f in mapping.items() if h != "借阅人"}
    with pytest.raises(ValidationError) as caught:
        hi.import_history(office.admin, "archive_loans", path, without_borrower)
    assert "借阅人" in caught.value.errors["mapping"]
    with pytest.raises(ValidationError):
        hi.read_sheet_columns(tmp_path / "missing.xlsx")
    (tmp_path / "not.xlsx").write_text("not a workbook")
    with pytest.raises(ValidationError):
        hi.read_sheet_columns(tmp_path / "not.xlsx")
    assert ArchiveLoan.select().count() == 0


def test_a_role_without_the_create_permission_is_refused(
    office: Office, tmp_path: Path, make_actor: Callable[[str], Actor]
) -> None:
    path = sheet(tmp_path / "loans.xlsx", ARCHIVE_HEADERS, archive_rows())
    mapping = hi.suggest_mapping("archive_loans", ARCHIVE_HEADERS)
    assistant = make_actor("assistant")
    with pytest.raises(PermissionDenied):
        hi.import_history(assistant, "archive_loans", path, mapping)
    with pytest.raises(PermissionDenied):
        hi.save_mapping(assistant, "archive_loans", ARCHIVE_HEADERS, mapping)
    archivist = make_actor("archivist")  # manages archives, not keys
    with pytest.raises(PermissionDenied):
        hi.import_history(archivist, "key_loans", path, {})
    assert ArchiveLoan.select().count() == 0
    assert hi.import_history(archivist, "archive_loans", path, mapping).created == 3


def test_a_register_with_create_hooks_is_imported_row_by_row(
    office: Office, tmp_path: Path
) -> None:
    """Archive files: each row through the kit's create (codes made up in turn, the checklist
    seeded, one household file per unit), units found by their code."""
    reference.create_unit(office.admin, code="A-1501", building_code="A", floor_number=15)
    reference.create_unit(office.admin, code="A-1502", building_code="A", floor_number=15)
    headers = ["档案编号", "档案类别", "房号", "档案名称", "存放位置", "建档日期"]
    rows = [
        [None, "一户一档", "a-1501", "A-1501 业主档案", "B柜-1层", datetime(2020, 3, 1)],
        [None, "装修档案", "A-1501", "A-1501 装修档案", "B柜-2层", datetime(2021, 6, 1)],
        ["DA00100", "household", "A-1502", "A-1502 业主档案", "B柜-1层", None],
    ]
    path = sheet(tmp_path / "档案目录.xlsx", headers, rows)
    mapping = hi.suggest_mapping("archives", headers)
    assert mapping == {
        "档案编号": "code",
        "档案类别": "category",
        "房号": "unit",
        "档案名称": "title",
        "存放位置": "shelf",
    }
    result = hi.import_history(
        office.admin, "archives", path, {**mapping, "建档日期": "created_at"}
    )
    assert result.numbers == ("DA00003", "DA00004", "DA00100")
    first = ArchiveFile.get(ArchiveFile.code == "DA00003")
    assert (first.category, first.shelf, first.created_at) == (
        "household",
        "B柜-1层",
        datetime(2020, 3, 1),
    )
    assert first.documents.count() > 0  # on_create seeded its checklist

    twice = [[None, "一户一档", "A-1502", "又一份", "", None]]
    with pytest.raises(hi.ImportRejected) as caught:
        hi.import_history(
            office.admin, "archives", sheet(tmp_path / "again.xlsx", headers, twice), mapping
        )
    assert [(p.row, p.field) for p in caught.value.problems] == [(2, "unit")]


def test_the_cli_prints_the_mapping_and_the_row_report(
    office: Office, tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app import cli, db

    if not db.is_sqlite():
        pytest.skip("the CLI is pointed at the test's SQLite file")
    bad = [
        *archive_rows(),
        ["JY-2023-00020", "DA00001", "王五", "借阅", "核对", datetime(2023, 7, 1)],
    ]
    path = sheet(tmp_path / "loans.xlsx", ARCHIVE_HEADERS, bad, "档案借阅登记表")
    args = ["import-history", "档案借阅", str(path), "--db", str(db_path)]

    assert cli.main(args) == 2
    out, err = capsys.readouterr()
    assert "header row 2, 4 rows; suggested mapping:" in out
    assert "借阅人 → borrower_staff (借阅人)" in out and "备注 → (not imported)" in out
    assert "row 6, 借阅人: No single 借阅人 matches 王五." in err
    assert "nothing was imported" in err
    assert ArchiveLoan.select().count() == 0

    path = sheet(tmp_path / "loans.xlsx", ARCHIVE_HEADERS, archive_rows(), "档案借阅登记表")
    assert cli.main([*args, "--map", "接收人=", "--dry-run"]) == 0
    assert "dry run: 3 rows would be imported" in capsys.readouterr().out
    assert ArchiveLoan.select().count() == 0
    assert cli.main([*args, "--map", "接收人="]) == 0
    assert "imported 3 rows into archive_loans (2 numbers kept, 1 new)" in capsys.readouterr().out
    assert {loan.returned_to for loan in ArchiveLoan.select()} == {""}
    assert cli.main(args) == 2  # the same sheet again: its numbers are taken now
    assert "saved mapping" in capsys.readouterr().out
