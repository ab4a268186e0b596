"""Office calendar (节假日安排): the office's own holidays (休) and working weekend days (班).

The State Council schedule for the years the installed chinese_calendar knows is built in; the
office table here wins over it for the days it lists and covers later years (app.services.calendar).
Managers add, edit and remove entries or import a year from Excel (日期, 类型, 名称); everyone
else sees the table read-only.

The database may sit on a share that hangs, so every calendar service runs off the GUI thread
(ui.tasks.run_in_background): the table fills when a year's entries arrive (`loaded`); a save,
removal or import says it is under way, cannot be started twice, keeps the typed entry when it
fails (messages under the fields) and reports through `answered`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.errors import ConflictError, PropDeskError, ValidationError
from app.rules.roles import Perm
from app.services import calendar
from app.services.calendar import HolidayView
from app.services.context import Actor
from ui.context import UiContext
from ui.errors import show_error
from ui.icons import icon
from ui.tasks import run_in_background
from ui.widgets.excel_import import EXCEL_FILTER, report_rejected, show_import_report
from ui.widgets.form import RecordForm, choice_box, line_edit

log = logging.getLogger(__name__)

COLUMNS = 3  # date, 休/班, name


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Yes/No question; separate so tests can answer instead of blocking."""
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def default_year() -> int:
    """The year the desk warns about (next year in December), else this year (in a worker)."""
    try:
        missing = calendar.unknown_years()
    except PropDeskError:
        missing = []
    return missing[-1] if missing else date.today().year


def entries_of(actor: Actor, year: int) -> list[HolidayView] | None:
    """The year's entries after a change (in a worker); None: the change is made but the table
    could not be read again (it is asked for once more)."""
    try:
        return calendar.list_holidays(actor, year)
    except PropDeskError:
        log.warning("office calendar changed, re-reading %s failed", year, exc_info=True)
        return None


class HolidaysDialog(QDialog):
    loaded = Signal()  # the table shows the year's entries (or they could not be read)
    answered = Signal(object)  # a save, removal or import came back: its result, or the exception

    def __init__(
        self, ctx: UiContext, parent: QWidget | None = None, *, year: int | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.can_edit = ctx.actor.can(Perm.CALENDAR_EDIT)
        self.editing: HolidayView | None = None
        self.entries: list[HolidayView] = []
        self.last_report = ""
        self.busy = False  # a save, removal or import is on its way
        self._asked = self._shown = 0  # the newest listing asked for / the one on screen
        self.setObjectName("holidays_dialog")
        self.setWindowTitle(self.tr("Office calendar"))
        self.setWindowIcon(icon("today"))

        # year
        self.year_box = QSpinBox(self)
        self.year_box.setObjectName("holidays_year")
        self.year_box.setRange(calendar.FIRST_YEAR, calendar.LAST_YEAR)
        year_label = QLabel(self.tr("&Year:"), self)
        year_label.setBuddy(self.year_box)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("holidays_state")
        self.state_label.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year_box)
        top.addWidget(self.state_label, 1)

        # the office entries of that year
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setObjectName("holidays_table")
        self.table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Day"), self.tr("Name")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        # one entry
        self.form = RecordForm(self)
        self.form.add_field(
            "day",
            self.tr("Date"),
            line_edit(16, "2027-01-01"),
            required=True,
            hint=self.tr("e.g. 2027-01-01 or 2027/1/1"),
        )
        self.form.add_field(
            "kind",
            self.tr("Day"),
            choice_box(
                [
                    ("", self.tr("— choose —")),
                    ("off", self.tr("休 — day off")),
                    ("work", self.tr("班 — working day (e.g. a weekend worked, 调休)")),
                ]
            ),
            required=True,
        )
        self.form.add_field("name", self.tr("Name"), line_edit(calendar.NAME_MAX, "元旦"))

        self.new_button = QPushButton(icon("add"), self.tr("&New"), self)
        self.new_button.setObjectName("holidays_new")
        self.new_button.clicked.connect(self.new_entry)
        self.save_button = QPushButton(icon("save"), self.tr("&Save"), self)
        self.save_button.setObjectName("holidays_save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.remove_button = QPushButton(icon("void"), self.tr("&Remove"), self)
        self.remove_button.setObjectName("holidays_remove")
        self.remove_button.clicked.connect(self.remove)
        self.import_button = QPushButton(icon("import"), self.tr("&Import from Excel…"), self)
        self.import_button.setObjectName("holidays_import")
        self.import_button.setToolTip(
            self.tr("First row: 日期, 类型, 名称; 类型 is 休 (day off) or 班 (working day).")
        )
        self.import_button.clicked.connect(lambda: self.import_from())
        edit_row = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.remove_button):
            button.setAutoDefault(False)
            edit_row.addWidget(button)
        edit_row.addStretch(1)
        self.import_button.setAutoDefault(False)
        edit_row.addWidget(self.import_button)

        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("holidays_busy")
        self.busy_label.setVisible(False)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.form)
        layout.addLayout(edit_row)
        layout.addWidget(self.busy_label)
        if not self.can_edit:
            note = QLabel(self.tr("Only a manager or an administrator may change these."), self)
            note.setObjectName("holidays_readonly_note")
            note.setStyleSheet("color: #8d6e00;")
            layout.addWidget(note)
            self.form.set_read_only(True)
        layout.addWidget(self.buttons)
        self.resize(560, 620)

        self.year_box.setValue(year or date.today().year)
        self.year_box.valueChanged.connect(lambda _y: self.reload())
        self.new_entry()
        self.reload(find_year=year is None)

    # -- background work ------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """A year's entries are on their way."""
        return self._asked != self._shown

    def _update_buttons(self) -> None:
        """Changes wait for the table and for each other; the typed entry stays meanwhile."""
        ready = self.can_edit and not self.busy and not self.loading
        for button in (self.new_button, self.save_button, self.import_button):
            button.setEnabled(ready)
        self.remove_button.setEnabled(ready and self.editing is not None)
        for widget in (self.form, self.year_box, self.table, self.buttons):
            widget.setEnabled(not self.busy)

    def _set_busy(self, text: str) -> None:
        """`text` (Saving… / Removing… / Importing…) while a change is on its way, "" after."""
        self.busy = bool(text)
        self.busy_label.setText(text)
        self.busy_label.setVisible(self.busy)
        self._update_buttons()

    def _run(self, job: Callable[[], Any], done: Callable[[Any], None], failed: Callable) -> None:
        """`job()` in a worker; `done(result)` or `failed(exc)` here, unless the dialog is gone."""

        def answer(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def call(value: Any) -> None:
                if isValid(self):
                    callback(value)
                else:
                    log.debug("office calendar dialog gone before its answer came back")

            return call

        run_in_background(job, answer(done), answer(failed))

    def reject(self) -> None:
        if not self.busy:  # the answer is on its way: closing now would hide what happened
            super().reject()

    # -- the table ------------------------------------------------------------------------------

    def year(self) -> int:
        return self.year_box.value()

    def reload(self, *, find_year: bool = False) -> None:
        """Read the year's entries in the background (`find_year`: first the year the desk warns
        about); the table fills when they come, and an answer overtaken by a newer one is dropped."""
        self._asked += 1
        asked, actor, year = self._asked, self.ctx.actor, self.year()
        self.state_label.setText(self.tr("Loading…"))
        self.state_label.setStyleSheet("color: palette(mid);")
        self._update_buttons()

        def job() -> tuple[int, list[HolidayView]]:
            shown = default_year() if find_year else year
            return shown, calendar.list_holidays(actor, shown)

        def failed(exc: BaseException) -> None:
            if asked == self._asked:
                self._shown = asked
                show_error(self, exc)
                self._show(year, [])
                self.loaded.emit()

        self._run(job, lambda answer: self._listed(asked, *answer), failed)

    def _listed(self, asked: int, year: int, entries: list[HolidayView]) -> None:
        if asked != self._asked:  # the clerk went on to another year
            return
        self._shown = asked
        self._show(year, entries)
        self.loaded.emit()

    def _show(self, year: int, entries: list[HolidayView] | None) -> None:
        """Fill the table with `year`'s entries (None: read them again)."""
        if entries is None:
            self.reload()
            return
        if year != self.year():
            self.year_box.blockSignals(True)
            self.year_box.setValue(year)
            self.year_box.blockSignals(False)
        selected = self.editing.id if self.editing else None
        self.entries = entries
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            cells = (entry.day.isoformat(), entry.kind_label, entry.name)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, entry.id)
                if column == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    item.setToolTip(
                        self.tr("day off") if entry.kind == "off" else self.tr("working day")
                    )
                self.table.setItem(row, column, item)
        self.table.clearSelection()
        self.table.blockSignals(False)
        if selected is not None:
            self.select_entry(selected)
        self._update_state()
        self._update_buttons()

    def _update_state(self) -> None:
        year = self.year()
        if calendar.package_knows(year):
            text = self.tr(
                "The State Council schedule for {year} is built in; office entries replace it for "
                "their days."
            ).format(year=year)
            style = "color: palette(mid);"
        elif self.entries:
            text = self.tr(
                "{year}: the office's entries below; on other days Monday–Friday are working days."
            ).format(year=year)
            style = "color: palette(mid);"
        else:
            text = self.tr(
                "No holiday schedule for {year} yet: Monday–Friday are being counted as working "
                "days. Enter its holidays and working weekends, or import them from Excel."
            ).format(year=year)
            style = "background: #fff8e1; color: #5d4300; padding: 4px;"
        self.state_label.setText(text)
        self.state_label.setStyleSheet(style)

    def select_entry(self, holiday_id: int) -> bool:
        for row, entry in enumerate(self.entries):
            if entry.id == holiday_id:
                self.table.selectRow(row)
                return True
        return False

    def _selection_changed(self) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if len(rows) == 1:
            self.load_entry(self.entries[rows.pop()])
        else:
            self.new_entry()

    # -- one entry ------------------------------------------------------------------------------

    def new_entry(self) -> None:
        """An empty form: Save adds a new entry."""
        self.editing = None
        if self.table.selectionModel().hasSelection():
            self.table.blockSignals(True)
            self.table.clearSelection()
            self.table.blockSignals(False)
        self.form.set_values({"day": "", "kind": "", "name": ""})
        self._update_buttons()
        self.save_button.setText(self.tr("&Add"))
        if self.can_edit:
            self.form.field("day").setFocus()

    def load_entry(self, entry: HolidayView) -> None:
        self.editing = entry
        self.form.set_values({"day": entry.day.isoformat(), "kind": entry.kind, "name": entry.name})
        self._update_buttons()
        self.save_button.setText(self.tr("&Save"))

    def save(self) -> bool:
        """Add the form's entry, or save the changes of the selected one, in the background
        (False: not allowed, or the dialog is busy). `answered` brings the saved entry or why not."""
        if not self.can_edit or self.busy or self.loading:
            return False
        values = self.form.values()
        day, kind, name = values["day"], values["kind"] or "", values["name"]
        actor, editing = self.ctx.actor, self.editing
        self.form.errors.clear()

        def job() -> tuple[HolidayView, list[HolidayView] | None]:
            if editing is None:
                view = calendar.add_holiday(actor, day, kind, name)
            else:
                changes = {"day": day, "kind": kind, "name": name}
                view = calendar.update_holiday(actor, editing.id, editing.version, **changes)
            return view, entries_of(actor, view.day.year)

        self._set_busy(self.tr("Saving… (the shared drive may be slow)"))
        self._run(job, self._saved, self._save_failed)
        return True

    def _saved(self, answer: tuple[HolidayView, list[HolidayView] | None]) -> None:
        view, entries = answer
        self._set_busy("")
        self._changed(
            self.tr("Saved {day} {kind} {name}.").format(
                day=view.day.isoformat(), kind=view.kind_label, name=view.name
            )
        )
        self.editing = None
        self._show(view.day.year, entries)
        self.new_entry()
        self.answered.emit(view)

    def _save_failed(self, exc: BaseException) -> None:
        """Nothing saved: the typed entry stays; what is wrong shows under its field."""
        self._set_busy("")
        if isinstance(exc, ValidationError):
            self.form.errors.show(exc)
        else:  # a colleague's newer change (ConflictError), the share gone …: a message box
            show_error(self, exc, self.form.field_labels())
            if isinstance(exc, ConflictError):
                self.editing = None
                self.reload()
        self.answered.emit(exc)

    def remove(self) -> bool:
        """Remove the selected entry (after asking) in the background; False: nothing to do."""
        entry = self.editing
        if entry is None or not self.can_edit or self.busy or self.loading:
            return False
        question = self.tr("Remove {day} {kind} {name} from the office calendar?").format(
            day=entry.day.isoformat(), kind=entry.kind_label, name=entry.name
        )
        if not confirm(self, self.tr("Remove entry"), question):
            return False
        actor, year = self.ctx.actor, self.year()

        def job() -> list[HolidayView] | None:
            calendar.remove_holiday(actor, entry.id, entry.version)
            return entries_of(actor, year)

        def removed(entries: list[HolidayView] | None) -> None:
            self._set_busy("")
            self.editing = None
            self._changed(self.tr("Removed {day} from the office calendar.").format(day=entry.day))
            self._show(year, entries)
            self.new_entry()
            self.answered.emit(entry)

        def failed(exc: BaseException) -> None:
            self._set_busy("")
            show_error(self, exc)
            self.editing = None
            self.reload()
            self.answered.emit(exc)

        self._set_busy(self.tr("Removing… (the shared drive may be slow)"))
        self._run(job, removed, failed)
        return True

    def _changed(self, message: str) -> None:
        self.ctx.bus.register_changed.emit("holidays")  # e.g. the calendar warning refreshes
        self.ctx.bus.status_message.emit(message)

    # -- Excel ----------------------------------------------------------------------------------

    def import_from(self, path: str | Path | None = None) -> bool:
        """Import a workbook in the background (False: not allowed, busy or cancelled); all rows
        or none, reported in a message box (`last_report`)."""
        if not self.can_edit or self.busy or self.loading:
            return False
        if path is None:
            path = choose_workbook(self, self.tr("Import the office calendar"))
            if not path:
                return False
        actor, year, path = self.ctx.actor, self.year(), Path(path)

        def job() -> tuple[Any, list[HolidayView] | None]:
            return calendar.import_holidays(actor, path), entries_of(actor, year)

        self._set_busy(self.tr("Importing… (the shared drive may be slow)"))
        self._run(job, lambda answer: self._imported(year, *answer), self._import_failed)
        return True

    def _imported(self, year: int, result: Any, entries: list[HolidayView] | None) -> None:
        self._set_busy("")
        counts = {"created": result.created, "updated": result.updated}
        self._changed(
            self.tr("Office calendar: {created} new and {updated} updated days imported.").format(
                **counts
            )
        )
        self._show(year, entries)
        self.last_report = show_import_report(
            self,
            QMessageBox.Icon.Information,
            self.tr("Import finished"),
            self.tr("{created} new and {updated} updated days.").format(**counts),
        )
        self.answered.emit(result)

    def _import_failed(self, exc: BaseException) -> None:
        """Nothing imported: each bad row and field, or what is wrong with the file."""
        self._set_busy("")
        if isinstance(exc, ValidationError):
            self.last_report = report_rejected(self, exc)
        else:
            show_error(self, exc)
        self.answered.emit(exc)


def choose_workbook(parent: QWidget, title: str) -> str:
    """The file chosen in the open-file dialog ('' if cancelled); tests replace it."""
    path, _ = QFileDialog.getOpenFileName(parent, title, "", EXCEL_FILTER)
    return path


__all__ = ["HolidaysDialog"]
