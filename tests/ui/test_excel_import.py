"""Importing reference data from Excel in the GUI: all or nothing, bad rows reported by number."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from app.services import listing, reference
from ui.context import UiContext
from ui.widgets.excel_import import ExcelImportButton


def _units_workbook(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["房号", "楼栋", "楼层", "面积", "用途", "状态"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_a_bad_row_imports_nothing_and_names_the_row(qtbot, db, admin, tmp_path, english) -> None:  # noqa: ANN001
    reference.create_building(admin, "A", "A座")
    button = ExcelImportButton(UiContext(admin, db), "units")
    qtbot.addWidget(button)
    book = _units_workbook(
        tmp_path / "units.xlsx",
        [
            ["A-0101", "A", 1, "88.50", "办公", "空置"],
            ["A-0102", "A", 1, "-3", "办公", "空置"],  # impossible area on Excel row 3
        ],
    )
    assert not button.import_from(book)
    assert "Row 3" in button.last_report
    assert "面积" in button.last_report  # the column as the sheet names it
    assert "1 row(s) need correcting" in button.last_report
    assert listing.count(admin, "units") == 0


def test_a_file_that_is_no_workbook_is_not_counted_as_bad_rows(
    qtbot, db, admin, tmp_path, english
) -> None:  # noqa: ANN001
    button = ExcelImportButton(UiContext(admin, db), "units")
    qtbot.addWidget(button)
    notes = tmp_path / "notes.xlsx"
    notes.write_text("not a workbook")
    assert not button.import_from(notes)
    assert "Nothing was imported" in button.last_report
    assert "not an Excel workbook" in button.last_report
    assert "row(s)" not in button.last_report


def test_a_good_workbook_imports_every_row_and_refreshes(qtbot, db, admin, tmp_path) -> None:  # noqa: ANN001
    reference.create_building(admin, "A", "A座")
    ctx = UiContext(admin, db)
    button = ExcelImportButton(ctx, "units")
    qtbot.addWidget(button)
    book = _units_workbook(
        tmp_path / "units.xlsx",
        [
            ["A-0101", "A", 1, "88.50", "办公", "空置"],
            ["A-0102", "A", 1, "120", "办公", "已入住"],
        ],
    )
    with qtbot.waitSignal(ctx.bus.register_changed) as changed:
        assert button.import_from(book)
    assert changed.args == ["units"]
    assert listing.count(admin, "units") == 2


def test_template_has_headers(qtbot, db, admin, tmp_path) -> None:  # noqa: ANN001
    from openpyxl import load_workbook

    button = ExcelImportButton(UiContext(admin, db), "staff")
    qtbot.addWidget(button)
    path = button.save_template(tmp_path / "staff.xlsx")
    headers = [c.value for c in next(load_workbook(path).active.iter_rows(max_row=1))]
    assert "姓名" in headers and "部门" in headers
