"""Excel import for reference data: all rows or none, with a row-by-row report of what is wrong.

The button carries a menu: import a workbook, or save an empty template with the expected
(Chinese) headers. The service validates every row first; one bad row and nothing is imported,
and the clerk sees each bad row's number and what is wrong with it.

Every Excel import of the desk (this button, the office calendar, a register's history) reports
the same way: `problem_lines` reads an `ImportRejected` (app/services/importing.py) — or the
ValidationError of a file that cannot be read — into translated (row, column, message) lines, and
`report_rejected` shows them in the "Nothing was imported" box.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QPushButton, QWidget

from app.errors import PropDeskError, ValidationError
from app.services import importing  # openpyxl itself loads when a workbook is read
from app.services.importing import ImportRejected
from ui.context import UiContext
from ui.errors import show_error
from ui.i18n import tr_msg
from ui.icons import icon

EXCEL_FILTER = "Excel (*.xlsx)"


def show_import_report(
    parent: QWidget, kind: QMessageBox.Icon, title: str, text: str, details: str = ""
) -> str:
    """An import's outcome in a message box (window-modal: the event loop goes on), the rows'
    problems as its details. Returns the report as text (the callers' `last_report`)."""
    box = QMessageBox(kind, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
        box.setInformativeText(details if details.count("\n") < 8 else "")
    box.open()
    return "\n".join(p for p in (title, text, details) if p)


def problem_lines(exc: ValidationError) -> list[tuple[str, str, str]]:
    """What an import refused, translated: (row, column, message) per bad cell of an
    ImportRejected, in sheet order; ("", where, message) per error of any other ValidationError
    (the file itself: missing, not .xlsx, a column missing …)."""
    if isinstance(exc, ImportRejected):
        return [(str(p.row), p.label, tr_msg(p.message)) for p in exc.problems]
    return [("", where, tr_msg(message)) for where, message in exc.errors.items()]


def bad_rows(exc: ValidationError) -> int:
    """How many rows of the sheet need correcting (0: the file itself is the problem)."""
    return len({p.row for p in exc.problems}) if isinstance(exc, ImportRejected) else 0


def report_rejected(parent: QWidget, exc: ValidationError) -> str:
    """ "Nothing was imported": one line per row that needs correcting, each bad cell by its
    column ("Row 3: 日期: …; 类型: …"), or what is wrong with the file."""
    title = QCoreApplication.translate("ExcelImportButton", "Nothing was imported")
    rows: dict[str, list[str]] = {}
    for row, column, message in problem_lines(exc):
        rows.setdefault(row, []).append(f"{column}: {message}" if row else message)
    if not bad_rows(exc):
        text = "\n".join(message for messages in rows.values() for message in messages)
        return show_import_report(parent, QMessageBox.Icon.Warning, title, text)
    row_line = QCoreApplication.translate("ExcelImportButton", "Row {n}: {problems}")
    lines = [row_line.format(n=n, problems="; ".join(p)) for n, p in rows.items()]
    text = QCoreApplication.translate(
        "ExcelImportButton",
        "{n} row(s) need correcting. Fix them in the workbook and import it again.",
    ).format(n=len(lines))
    return show_import_report(parent, QMessageBox.Icon.Warning, title, text, "\n".join(lines))


class ExcelImportButton(QPushButton):
    imported = Signal(int, int)  # created, updated

    def __init__(self, ctx: UiContext, what: str, parent: QWidget | None = None) -> None:
        super().__init__(icon("import"), "", parent)
        self.setText(self.tr("Import from Excel"))
        self.ctx = ctx
        self.what = what  # "units" | "parties" | "staff"
        self.last_report = ""
        menu = QMenu(self)
        menu.addAction(icon("import"), self.tr("Import a workbook…"), lambda: self.import_from())
        menu.addAction(
            icon("export"), self.tr("Save an empty template…"), lambda: self.save_template()
        )
        self.setMenu(menu)
        self.setAutoDefault(False)

    def import_from(self, path: str | Path | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Import from Excel"), "", EXCEL_FILTER
            )
            if not path:
                return False
        try:
            result = importing.import_file(self.ctx.actor, self.what, Path(path))
        except ValidationError as exc:
            self.last_report = report_rejected(self, exc)
            return False
        except PropDeskError as exc:
            show_error(self, exc)
            return False
        self.last_report = show_import_report(
            self,
            QMessageBox.Icon.Information,
            self.tr("Import finished"),
            self.tr("{created} new and {updated} updated records.").format(
                created=result.created, updated=result.updated
            ),
        )
        self.ctx.bus.register_changed.emit(self.what)
        self.imported.emit(result.created, result.updated)
        return True

    def save_template(self, path: str | Path | None = None) -> Path | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save an empty template"), f"{self.what}.xlsx", EXCEL_FILTER
            )
            if not path:
                return None
        try:
            return importing.template_workbook(self.what, Path(path))
        except (PropDeskError, OSError) as exc:
            show_error(self, exc)
            return None
