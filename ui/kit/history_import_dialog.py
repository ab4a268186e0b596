"""Import a register's history from an office Excel sheet (app/kit/history_import.py): a combo box
above every column of the preview for the field it goes into (the saved mapping, else suggested),
Check (a dry run) or Import — every row or none, with a row-by-row report of what is wrong (the
desk's one reading of an import's refusal, ui/widgets/excel_import.py `problem_lines`, shown in
the dialog's own table). The sheet is read and imported off the GUI thread. The register's dock calls `open_history_import`.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6 import QtWidgets
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QTableWidget, QTableWidgetItem, QWidget

from app.errors import ValidationError
from app.kit import history_import, registry
from app.kit.declare import Field, Register
from ui.context import UiContext
from ui.errors import show_error
from ui.icons import icon
from ui.tasks import run_in_background
from ui.widgets.excel_import import bad_rows, problem_lines

REFERENCE_ZH = {"staff": "员工", "units": "房号", "parties": "业主/租户"}


def cell_text(value: Any) -> str:
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}".removesuffix(" 00:00")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value)


def field_label(f: Field, fields: list[Field]) -> str:
    """The Chinese label, told apart where two fields share it (借阅人（员工） / 借阅人（文字）)."""
    if [g.zh for g in fields].count(f.zh) == 1:
        return f.zh
    what = (REFERENCE_ZH.get(f.ref) or registry.get(f.ref).zh) if f.kind == "ref" else "文字"
    return f"{f.zh}（{what}）"


class HistoryImportDialog(QDialog):
    loaded = Signal()  # the sheet's preview is shown (or could not be read)
    finished_import = Signal(object)  # the ImportResult, or the exception

    def __init__(self, ctx: UiContext, register: Register | str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.register = register if isinstance(register, Register) else registry.get(register)
        self.preview: Any = None  # history_import.SheetPreview
        self.combos: list[QComboBox] = []
        self.busy = False
        self.setWindowTitle(self.tr("Import history from Excel: {r}").format(r=self.register.zh))
        self.setWindowIcon(icon("import"))
        self.resize(960, 620)
        self.path_edit = QtWidgets.QLineEdit(self, readOnly=True)
        self.path_edit.setPlaceholderText(self.tr("Choose the office's Excel sheet (.xlsx)"))
        self.choose_button = QtWidgets.QPushButton(icon("open"), self.tr("Choose file…"), self)
        self.choose_button.clicked.connect(lambda: self.choose_file())
        self.info_label = QLabel(self.tr("One bad row: nothing is imported."), self)
        self.info_label.setWordWrap(True)
        self.table = QTableWidget(self)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.report_label = QLabel(self, wordWrap=True)
        self.report_label.setTextFormat(Qt.TextFormat.PlainText)
        self.report = QTableWidget(0, 3, self)
        headers = [self.tr("Row"), self.tr("Field"), self.tr("Problem")]
        self.report.setHorizontalHeaderLabels(headers)
        self.report.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.report.verticalHeader().setVisible(False)
        self.report.horizontalHeader().setStretchLastSection(True)
        self.report.setVisible(False)
        self.progress = QtWidgets.QProgressBar(self, minimum=0, maximum=0, visible=False)  # busy
        self.check_button = QtWidgets.QPushButton(icon("ok"), self.tr("Check"), self)
        self.check_button.setToolTip(self.tr("Check every row without importing anything"))
        self.check_button.clicked.connect(lambda: self.import_now(dry_run=True))
        self.import_button = QtWidgets.QPushButton(icon("import"), self.tr("Import"), self)
        self.import_button.clicked.connect(lambda: self.import_now())
        self.close_button = QtWidgets.QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        top, buttons = QtWidgets.QHBoxLayout(), QtWidgets.QHBoxLayout()
        for widget in (QLabel(self.tr("Sheet:"), self), self.path_edit, self.choose_button):
            top.addWidget(widget)
        layout.addLayout(top)
        for widget, stretch in ((self.info_label, 0), (self.table, 3), (self.report_label, 0)):
            layout.addWidget(widget, stretch)
        layout.addWidget(self.report, 2)
        for widget in (self.progress, self.check_button, self.import_button, self.close_button):
            buttons.addWidget(widget)
        buttons.insertStretch(1)
        layout.addLayout(buttons)
        perm = history_import.import_permission(self.register)
        self.allowed = perm is not None and ctx.actor.can(perm)
        if not self.allowed:
            self.report_label.setText(self.tr("Your role may not import this register."))
        self._set_busy(False)

    def choose_file(self) -> bool:
        caption = self.tr("Import history from Excel")
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, caption, "", "Excel (*.xlsx)")
        return bool(path) and self.load(path)

    def load(self, path: str | Path) -> bool:
        """Read the sheet's header row and first rows in the background (False: busy)."""
        if self.busy:
            return False
        self.path_edit.setText(str(path))
        self.preview = None
        self.table.setColumnCount(0)
        self._show_report("", [])
        actor, register = self.ctx.actor, self.register

        def job() -> tuple[Any, dict[str, str], str]:
            preview = history_import.read_sheet_columns(path)
            return preview, *history_import.mapping_for(actor, register, preview.headers)

        self._set_busy(True)
        run_in_background(job, self._loaded, self._failed)
        return True

    def _loaded(self, result: tuple[Any, dict[str, str], str]) -> None:
        p, mapping, source = result
        self.preview = p
        fields = history_import.importable_fields(self.register)
        self.table.clear()
        self.table.setColumnCount(len(p.headers))
        self.table.setRowCount(1 + len(p.rows))
        self.table.setHorizontalHeaderLabels(list(p.headers))
        rows = [str(p.header_row + i + 1) for i in range(len(p.rows))]
        self.table.setVerticalHeaderLabels([self.tr("Field"), *rows])
        self.combos = []
        for column, header in enumerate(p.headers):
            combo = QComboBox(self.table)
            combo.addItem(self.tr("(not imported)"), "")
            for f in fields:
                combo.addItem(field_label(f, fields), f.name)
                combo.setItemData(combo.count() - 1, f.en, Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(header, ""))))
            combo.currentIndexChanged.connect(lambda *_: self._show_report("", []))
            self.table.setCellWidget(0, column, combo)
            self.combos.append(combo)
        for row, values in enumerate(p.rows, start=1):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(cell_text(value)))
        self.table.resizeColumnsToContents()
        how = self.tr("saved for this header row") if source == "saved" else self.tr("suggested")
        text = self.tr("{sheet}: header in row {row}, {count} rows. Columns → fields: {how}.")
        counts = {"sheet": p.sheet, "row": p.header_row, "count": p.row_count, "how": how}
        self.info_label.setText(text.format(**counts))
        self._set_busy(False)
        self.loaded.emit()

    def mapping(self) -> dict[str, str]:
        """Sheet column (header as shown) → field name, as the combo boxes say."""
        pairs = zip(self.preview.headers if self.preview else (), self.combos, strict=False)
        return {header: combo.currentData() for header, combo in pairs if combo.currentData()}

    def set_field(self, header: str, field: str) -> None:
        """Map `header` to `field` ("": not imported), as a clerk picking it would."""
        combo = self.combos[self.preview.headers.index(header)]
        combo.setCurrentIndex(max(0, combo.findData(field)))

    def import_now(self, *, dry_run: bool = False) -> bool:
        """Check (dry run) or import every row in the background (False: nothing to do)."""
        if self.busy or self.preview is None or not self.allowed:
            return False
        self._show_report("", [])
        args = (self.ctx.actor, self.register, self.preview.path, self.mapping())

        def job() -> Any:
            return history_import.import_history(*args, dry_run=dry_run)

        self._set_busy(True)
        run_in_background(job, self._imported, self._failed)
        return True

    def _imported(self, result: Any) -> None:
        self._set_busy(False)
        numbers = self.tr("{kept} numbers kept from the sheet, {new} new")
        numbers = numbers.format(kept=result.kept_numbers, new=result.new_numbers)
        if result.dry_run:
            text = self.tr("All {n} rows can be imported ({numbers}). Nothing was written yet.")
        else:
            text = self.tr("Imported {n} records ({numbers}).")
        text = text.format(n=result.created, numbers=numbers)
        self.report_label.setText(text)
        if not result.dry_run:
            self.ctx.bus.register_changed.emit(self.register.name)
            self.ctx.bus.status_message.emit(text)
        self.finished_import.emit(result)

    def _failed(self, exc: BaseException) -> None:
        """A sheet that cannot be read or rows that cannot be imported: the report says why."""
        self._set_busy(False)
        if isinstance(exc, ValidationError):  # bad rows (ImportRejected), or the sheet itself
            title = self.tr("Nothing was imported: {n} row(s) need correcting in the sheet.")
            rows = bad_rows(exc)
            title = title.format(n=rows) if rows else self.tr("Nothing was imported.")
            self._show_report(title, problem_lines(exc))
        else:  # storage, permission …: logged, a short message
            show_error(self, exc)
        if self.preview is None:
            self.loaded.emit()
        else:
            self.finished_import.emit(exc)

    def _show_report(self, title: str, lines: list[tuple[str, str, str]]) -> None:
        if title or self.allowed:
            self.report_label.setText(title)
        self.report.setRowCount(len(lines))
        for row, line in enumerate(lines):
            for column, text in enumerate(line):
                self.report.setItem(row, column, QTableWidgetItem(text))
        self.report.resizeColumnToContents(0)
        self.report.setVisible(bool(lines))

    def report_lines(self) -> list[tuple[str, ...]]:
        """What the report shows: (row, field, message) per line."""
        rows, columns = range(self.report.rowCount()), range(3)
        return [tuple(self.report.item(r, c).text() for c in columns) for r in rows]

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        for widget in (self.choose_button, self.table, self.close_button):
            widget.setEnabled(not busy)
        ready = self.allowed and not busy and self.preview is not None
        self.check_button.setEnabled(ready)
        self.import_button.setEnabled(ready)

    def reject(self) -> None:
        if not self.busy:  # the answer is on its way: closing now would hide what happened
            super().reject()


def open_history_import(
    ctx: UiContext, register: Register | str, parent: QWidget | None = None
) -> HistoryImportDialog:
    """Show the history import of `register` (window-modal, does not block)."""
    dialog = HistoryImportDialog(ctx, register, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
