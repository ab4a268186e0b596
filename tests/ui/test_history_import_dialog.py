"""The history import dialog: a combo box per sheet column prefilled from the headers (or the saved
mapping), import off the GUI thread, the row-by-row report when a row is bad (nothing imported)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from app.kit import services as kit
from app.models import ArchiveLoan
from app.services import reference
from app.services.context import Actor
from ui.context import UiContext
from ui.kit.history_import_dialog import HistoryImportDialog, open_history_import

HEADERS = ["借阅单号", "档案编号", "借阅人", "借阅方式", "借出时间", "归还时间", "接收人", "备注"]
TIMEOUT_MS = 15000


def _sheet(path: Path, rows: list[list[Any]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["档案借阅登记表"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


ROWS = [
    [
        "JY-2023-00012",
        "DA00001",
        "张三",
        "借阅",
        datetime(2023, 5, 6, 9, 30),
        datetime(2023, 5, 8, 16),
        "王五",
        "",
    ],
    [
        "JY-2023-00013",
        "DA00001",
        "张三",
        "查阅",
        datetime(2023, 5, 10, 10),
        datetime(2023, 5, 10, 11),
        "王五",
        "",
    ],
]


@pytest.fixture
def archive(admin: Actor) -> None:
    reference.ensure_departments(admin)
    reference.create_staff(admin, name="张三", department="客服部")
    reference.create_building(admin, "A", "A座")
    unit = reference.create_unit(admin, code="A-1201", building_code="A", floor_number=12)
    kit.create(
        admin,
        "archives",
        {"code": "DA00001", "category": "household", "unit": unit.id, "title": "A-1201 业主档案"},
    )


def _loaded(qtbot, ctx: UiContext, path: Path) -> HistoryImportDialog:  # noqa: ANN001
    dialog = HistoryImportDialog(ctx, "archive_loans")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=TIMEOUT_MS):
        assert dialog.load(path)
    return dialog


def _import(qtbot, dialog: HistoryImportDialog, *, dry_run: bool = False) -> Any:  # noqa: ANN001
    with qtbot.waitSignal(dialog.finished_import, timeout=TIMEOUT_MS) as done:
        assert dialog.import_now(dry_run=dry_run)
    return done.args[0]


def test_the_columns_map_themselves_and_the_sheet_imports(
    qtbot, ui_ctx: UiContext, archive: None, tmp_path: Path, english: None
) -> None:  # noqa: ANN001
    dialog = _loaded(qtbot, ui_ctx, _sheet(tmp_path / "档案借阅登记表.xlsx", ROWS))
    assert "header in row 2, 2 rows" in dialog.info_label.text()
    assert "suggested" in dialog.info_label.text()
    assert dialog.table.columnCount() == len(HEADERS)
    assert dialog.table.item(1, 0).text() == "JY-2023-00012"
    assert dialog.table.item(1, 4).text() == "2023-05-06 09:30"
    assert dialog.combos[2].currentText() == "借阅人（员工）"
    assert dialog.mapping() == {
        "借阅单号": "number",
        "档案编号": "file",
        "借阅人": "borrower_staff",
        "借阅方式": "kind",
        "借出时间": "lent_at",
        "归还时间": "returned_at",
        "接收人": "returned_to",
    }
    dialog.set_field("接收人", "")  # the clerk leaves a column out

    checked = _import(qtbot, dialog, dry_run=True)
    assert checked.dry_run and checked.created == 2
    assert "Nothing was written" in dialog.report_label.text()
    assert ArchiveLoan.select().count() == 0

    with qtbot.waitSignal(ui_ctx.bus.register_changed, timeout=TIMEOUT_MS) as changed:
        result = _import(qtbot, dialog)
    assert changed.args == ["archive_loans"]
    assert result.created == 2 and result.kept_numbers == 2
    assert "Imported 2 records" in dialog.report_label.text()
    assert {loan.number for loan in ArchiveLoan.select()} == {"JY-2023-00012", "JY-2023-00013"}
    assert {loan.returned_to for loan in ArchiveLoan.select()} == {""}

    # the same header row next time: the saved mapping, with the column still left out
    again = _loaded(qtbot, ui_ctx, _sheet(tmp_path / "下一年.xlsx", []))
    assert "saved" in again.info_label.text()
    assert "接收人" not in again.mapping()
    assert again.mapping()["借阅人"] == "borrower_staff"


def test_a_bad_row_imports_nothing_and_the_report_lists_it(
    qtbot, ui_ctx: UiContext, archive: None, tmp_path: Path, english: None
) -> None:  # noqa: ANN001
    rows = [*ROWS, ["JY-2023-00014", "DA00001", "王五", "借阅", "2023-02-30 10:00", None, "", ""]]
    dialog = _loaded(qtbot, ui_ctx, _sheet(tmp_path / "bad.xlsx", rows))

    failure = _import(qtbot, dialog)

    assert isinstance(failure, Exception)
    assert "Nothing was imported: 1 row(s)" in dialog.report_label.text()
    lines = dialog.report_lines()
    assert [(row, field) for row, field, _ in lines] == [("5", "借阅人"), ("5", "借出时间")]
    assert "王五" in lines[0][2]
    assert dialog.report.isVisibleTo(dialog)
    assert ArchiveLoan.select().count() == 0
    assert dialog.import_button.isEnabled()  # fix the sheet, import again


def test_a_role_that_may_not_import_sees_why(
    qtbot, db, archive: None, make_actor: Callable[[str], Actor], tmp_path: Path, english: None
) -> None:  # noqa: ANN001
    ctx = UiContext(make_actor("assistant"), db)
    dialog = open_history_import(ctx, "archive_loans")
    qtbot.addWidget(dialog)
    assert "may not import" in dialog.report_label.text()
    with qtbot.waitSignal(dialog.loaded, timeout=TIMEOUT_MS):
        dialog.load(_sheet(tmp_path / "loans.xlsx", ROWS))
    assert not dialog.import_button.isEnabled() and not dialog.check_button.isEnabled()
    assert not dialog.import_now()
    dialog.close()


def test_a_file_that_is_no_workbook_is_reported_without_rows(
    qtbot, ui_ctx: UiContext, archive: None, tmp_path: Path, english: None
) -> None:  # noqa: ANN001
    notes = tmp_path / "notes.xlsx"
    notes.write_text("not a workbook")
    dialog = HistoryImportDialog(ui_ctx, "archive_loans")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=TIMEOUT_MS):
        assert dialog.load(notes)
    assert dialog.report_label.text() == "Nothing was imported."
    assert dialog.report_lines() == [("", "file", "This is not an Excel workbook (.xlsx).")]
    assert not dialog.import_button.isEnabled()
