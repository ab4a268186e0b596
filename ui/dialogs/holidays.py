"""Office calendar (节假日安排): the office's own holidays (休) and working weekend days (班).

The State Council schedule for the years the installed chinese_calendar knows is built in; the
office table here wins over it for the days it lists and covers later years (app.services.calendar).
Managers add, edit and remove entries or import a year from Excel (日期, 类型, 名称); everyone
else sees the table read-only.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
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

from app.errors import ConflictError, PropDeskError, ValidationError
from app.rules.roles import Perm
from app.services import calendar
from app.services.calendar import HolidayView
from ui.context import UiContext
from ui.errors import show_error
from ui.i18n import tr_msg
from ui.icons import icon
from ui.widgets.excel_import import EXCEL_FILTER, report_bad_rows, show_import_report
from ui.widgets.form import RecordForm, choice_box, line_edit

COLUMNS = 3  # date, 休/班, name


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Yes/No question; separate so tests can answer instead of blocking."""
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


class HolidaysDialog(QDialog):
    def __init__(
        self, ctx: UiContext, parent: QWidget | None = None, *, year: int | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.can_edit = ctx.actor.can(Perm.CALENDAR_EDIT)
        self.editing: HolidayView | None = None
        self.entries: list[HolidayView] = []
        self.last_report = ""
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

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.form)
        layout.addLayout(edit_row)
        if not self.can_edit:
            note = QLabel(self.tr("Only a manager or an administrator may change these."), self)
            note.setObjectName("holidays_readonly_note")
            note.setStyleSheet("color: #8d6e00;")
            layout.addWidget(note)
            self.form.set_read_only(True)
            for button in (
                self.new_button,
                self.save_button,
                self.remove_button,
                self.import_button,
            ):
                button.setEnabled(False)
        layout.addWidget(self.buttons)
        self.resize(560, 620)

        self.year_box.setValue(year or self._default_year())
        self.year_box.valueChanged.connect(lambda _y: self.reload())
        self.reload()
        self.new_entry()

    def _default_year(self) -> int:
        """The year the desk warns about (next year in December), else this year."""
        try:
            missing = calendar.unknown_years()
        except PropDeskError:
            missing = []
        return missing[-1] if missing else date.today().year

    # -- the table ------------------------------------------------------------------------------

    def year(self) -> int:
        return self.year_box.value()

    def reload(self) -> None:
        selected = self.editing.id if self.editing else None
        try:
            self.entries = calendar.list_holidays(self.ctx.actor, self.year())
        except PropDeskError as exc:
            show_error(self, exc)
            self.entries = []
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
        self.remove_button.setEnabled(False)
        self.save_button.setText(self.tr("&Add"))
        if self.can_edit:
            self.form.field("day").setFocus()

    def load_entry(self, entry: HolidayView) -> None:
        self.editing = entry
        self.form.set_values({"day": entry.day.isoformat(), "kind": entry.kind, "name": entry.name})
        self.remove_button.setEnabled(self.can_edit)
        self.save_button.setText(self.tr("&Save"))

    def save(self) -> bool:
        """Add the form's entry, or save the changes of the selected one."""
        if not self.can_edit:
            return False
        values = self.form.values()
        day, kind, name = values["day"], values["kind"] or "", values["name"]
        self.form.errors.clear()
        try:
            if self.editing is None:
                view = calendar.add_holiday(self.ctx.actor, day, kind, name)
            else:
                view = calendar.update_holiday(
                    self.ctx.actor,
                    self.editing.id,
                    self.editing.version,
                    day=day,
                    kind=kind,
                    name=name,
                )
        except ValidationError as exc:
            self.form.errors.show(exc)
            return False
        except ConflictError as exc:
            show_error(self, exc, self.form.field_labels())
            self.editing = None
            self.reload()
            return False
        except Exception as exc:  # noqa: BLE001 - StorageUnavailable etc.: the text stays
            show_error(self, exc, self.form.field_labels())
            return False
        self._changed(
            self.tr("Saved {day} {kind} {name}.").format(
                day=view.day.isoformat(), kind=view.kind_label, name=view.name
            )
        )
        self.editing = None
        if view.day.year != self.year():
            self.year_box.setValue(view.day.year)  # reloads
        else:
            self.reload()
        self.new_entry()
        return True

    def remove(self) -> bool:
        entry = self.editing
        if entry is None or not self.can_edit:
            return False
        question = self.tr("Remove {day} {kind} {name} from the office calendar?").format(
            day=entry.day.isoformat(), kind=entry.kind_label, name=entry.name
        )
        if not confirm(self, self.tr("Remove entry"), question):
            return False
        try:
            calendar.remove_holiday(self.ctx.actor, entry.id, entry.version)
        except PropDeskError as exc:
            show_error(self, exc)
            self.editing = None
            self.reload()
            return False
        self.editing = None
        self._changed(self.tr("Removed {day} from the office calendar.").format(day=entry.day))
        self.reload()
        self.new_entry()
        return True

    def _changed(self, message: str) -> None:
        self.ctx.bus.register_changed.emit("holidays")  # e.g. the calendar warning refreshes
        self.ctx.bus.status_message.emit(message)

    # -- Excel ----------------------------------------------------------------------------------

    def import_from(self, path: str | Path | None = None) -> bool:
        if not self.can_edit:
            return False
        if path is None:
            path = choose_workbook(self, self.tr("Import the office calendar"))
            if not path:
                return False
        try:
            result = calendar.import_holidays(self.ctx.actor, Path(path))
        except calendar.ImportRowsError as exc:
            lines = [
                self.tr("Row {n}: {problems}").format(
                    n=number,
                    problems="; ".join(
                        f"{exc.headers.get(field) or calendar.HEADERS[field][0]}: {tr_msg(msg)}"
                        for field, msg in problems.items()
                    ),
                )
                for number, problems in sorted(exc.rows.items())
            ]
            self.last_report = report_bad_rows(self, lines)
            return False
        except ValidationError as exc:  # the file itself: missing, not .xlsx, no 类型 column …
            self.last_report = show_import_report(
                self,
                QMessageBox.Icon.Warning,
                self.tr("Nothing was imported"),
                "\n".join(tr_msg(m) for m in exc.errors.values()),
            )
            return False
        except PropDeskError as exc:
            show_error(self, exc)
            return False
        self._changed(
            self.tr("Office calendar: {created} new and {updated} updated days imported.").format(
                created=result.created, updated=result.updated
            )
        )
        self.reload()
        self.last_report = show_import_report(
            self,
            QMessageBox.Icon.Information,
            self.tr("Import finished"),
            self.tr("{created} new and {updated} updated days.").format(
                created=result.created, updated=result.updated
            ),
        )
        return True


def choose_workbook(parent: QWidget, title: str) -> str:
    """The file chosen in the open-file dialog ('' if cancelled); tests replace it."""
    path, _ = QFileDialog.getOpenFileName(parent, title, "", EXCEL_FILTER)
    return path


__all__ = ["HolidaysDialog"]
