"""Excel import for reference data: all rows or none, with a row-by-row report of what is wrong.

The button carries a menu: import a workbook, or save an empty template with the expected
(Chinese) headers. The service validates every row first; one bad row and nothing is imported,
and the clerk sees each bad row's number and what is wrong with it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QPushButton, QWidget

from app.errors import PropDeskError, ValidationError
from ui.context import UiContext
from ui.errors import show_error
from ui.i18n import tr_msg
from ui.icons import icon
from ui.lazy import lazy_import

# openpyxl costs ~150 ms to import: load it when the clerk imports, not at start-up.
importing = lazy_import("app.services.importing")

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


def report_bad_rows(parent: QWidget, lines: list[str]) -> str:
    """ "Nothing was imported": one line per row that needs correcting."""
    return show_import_report(
        parent,
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("ExcelImportButton", "Nothing was imported"),
        QCoreApplication.translate(
            "ExcelImportButton",
            "{n} row(s) need correcting. Fix them in the workbook and import it again.",
        ).format(n=len(lines)),
        "\n".join(lines),
    )


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
            rows = [self._row_line(where, msg) for where, msg in exc.errors.items()]
            self.last_report = report_bad_rows(self, rows)
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

    def _row_line(self, where: str, message: str) -> str:
        """ "row 7" → 第 7 行：…; form-level messages as they are."""
        if where.startswith("row ") and where[4:].isdigit():
            return self.tr("Row {n}: {message}").format(n=where[4:], message=tr_msg(message))
        return tr_msg(message)

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
