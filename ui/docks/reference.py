"""基础资料 docks: units (单元/房号), owners and tenants (业主/租户), staff (员工).

Each dock is a RegisterView beside a record form. Saving calls app.services.reference; bad input
shows next to its field and nothing is saved; typed text is never thrown away because a save
failed (a lost share, a colleague's newer save). Roles without the edit permission see the same
form read-only.

The form follows the list only while it holds no unsaved edits: moving through the list never
overwrites what a clerk typed (Enter or double-click still opens the row, asking first).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QIntValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConflictError, PropDeskError, ValidationError
from app.rules.roles import Perm
from app.services import reference
from ui.context import UiContext
from ui.docks.registry import DockSpec, add_dock
from ui.errors import FORM_LEVEL, show_error
from ui.formatting import add_status_labels, status_label
from ui.icons import icon
from ui.widgets.excel_import import ExcelImportButton
from ui.widgets.form import (
    RecordForm,
    choice_box,
    decimal_edit,
    line_edit,
    set_widget_read_only,
    set_widget_value,
)
from ui.widgets.list_detail import list_beside_panel
from ui.widgets.register_view import RegisterView

log = logging.getLogger(__name__)

add_status_labels(
    {
        "office": QT_TRANSLATE_NOOP("Status", "Office"),
        "shop": QT_TRANSLATE_NOOP("Status", "Shop"),
        "storage": QT_TRANSLATE_NOOP("Status", "Storage"),
        "residence": QT_TRANSLATE_NOOP("Status", "Residence"),
        "parking": QT_TRANSLATE_NOOP("Status", "Parking"),
    },
    columns=("use",),
)

UNIT_STATUSES = ("occupied", "vacant", "renovating")
UNIT_USES = ("office", "shop", "storage", "residence", "parking", "other")


def _status_choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(v, status_label(v)) for v in values]


def _ask(parent: QWidget, title: str, text: str) -> bool:
    """Yes/No question; separate so tests can answer it."""
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


class RecordDock(QWidget):
    """A register list + a record form. Subclasses declare the form and the service calls."""

    register: str = ""
    edit_permission: Perm = Perm.REFERENCE_EDIT
    saved = Signal(int)  # record id after a successful save

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.can_edit = ctx.actor.can(self.edit_permission)
        self.record: Any = None  # the service's view of the record in the form (None: new)
        self._base: dict[str, Any] = {}  # form values as loaded: what "changed" compares with

        self.view = RegisterView(ctx, self.register, parent=self)
        self.form = RecordForm(self)
        self.build_form(self.form)

        self.heading = QLabel(self)
        self.heading.setObjectName("record_heading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.read_only_label = QLabel(self.tr("Read only: your role may not change these records."))
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setVisible(not self.can_edit)

        self.new_button = QPushButton(icon("add"), self.tr("New"), self)
        self.new_button.setToolTip(self.tr("New record (Ctrl+N)"))
        self.save_button = QPushButton(icon("save"), self.tr("Save"), self)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.save_button.setObjectName("record_save")
        self.revert_button = QPushButton(icon("reload"), self.tr("Revert"), self)
        self.revert_button.setToolTip(self.tr("Throw away the changes in the form"))
        for button in (self.new_button, self.save_button, self.revert_button):
            button.setVisible(self.can_edit)
            button.setAutoDefault(False)
        self.new_button.clicked.connect(self.new_record)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        if self.can_edit:
            for seq, slot in (
                (QKeySequence.StandardKey.Save, self.save),
                ("Ctrl+N", self.new_record),
            ):
                shortcut = QShortcut(QKeySequence(seq), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)

        self.import_button = ExcelImportButton(ctx, self.register, self)
        self.import_button.setVisible(self.can_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        self.extra_layout = QVBoxLayout()

        panel = QWidget(self)
        panel_layout = QVBoxLayout(panel)
        panel_layout.addWidget(self.heading)
        panel_layout.addWidget(self.read_only_label)
        panel_layout.addWidget(self.form, 1)
        panel_layout.addLayout(self.extra_layout)
        panel_layout.addLayout(buttons)
        self.splitter = list_beside_panel(self, self.view, panel, 300)

        self.view.current_changed.connect(self._follow_list)
        self.view.activated.connect(self.open_record)
        self.form.set_read_only(not self.can_edit)
        self._start_new()

    # --- subclass hooks ---------------------------------------------------------------------

    def build_form(self, form: RecordForm) -> None:
        raise NotImplementedError

    def fetch(self, record_id: int) -> Any:
        raise NotImplementedError

    def form_values(self, record: Any) -> dict[str, Any]:
        """The form's fields from a service view."""
        return {k: v for k, v in asdict(record).items() if k in self.form.field_names()}

    def create(self, values: dict[str, Any]) -> Any:
        raise NotImplementedError

    def update(self, record: Any, changes: dict[str, Any]) -> Any:
        raise NotImplementedError

    def describe(self, record: Any) -> str:
        return str(getattr(record, "name", "") or getattr(record, "code", ""))

    def prepare(self, values: dict[str, Any]) -> dict[str, Any]:
        """Form values → service arguments (e.g. split a list typed as text)."""
        return values

    def editable_fields(self, record: Any) -> set[str]:
        return set(self.form.field_names())

    # --- the record in the form -------------------------------------------------------------

    def is_dirty(self) -> bool:
        return self.can_edit and self.form.values() != self._base

    def new_record(self) -> None:
        if self.is_dirty() and not _ask(
            self,
            self.tr("Discard changes?"),
            self.tr("The form has unsaved changes. Discard them?"),
        ):
            return
        self._start_new()

    def _start_new(self) -> None:
        self.record = None
        self.form.set_values(self.blank_values())
        self._base = self.form.values()
        self.heading.setText(self.tr("New record"))
        self._apply_editable(None)
        if self.can_edit:
            first = self.form.field(self.form.field_names()[0])
            first.setFocus()

    def blank_values(self) -> dict[str, Any]:
        return {name: None for name in self.form.field_names()}

    def load(self, record: Any) -> None:
        self.record = record
        self.form.set_values(self.form_values(record))
        self._base = self.form.values()
        self.heading.setText(self.describe(record))
        self._apply_editable(record)

    def open_record(self, record_id: int) -> bool:
        """Load a record into the form (asks before throwing away unsaved edits)."""
        if self.is_dirty():
            if self.record is not None and self.record.id == record_id:
                return True  # already open, with the clerk's edits: keep them
            if not _ask(
                self,
                self.tr("Discard changes?"),
                self.tr("The form has unsaved changes. Discard them and open the other record?"),
            ):
                return False
        try:
            record = self.fetch(record_id)
        except Exception as exc:  # noqa: BLE001 - shown, bugs logged
            show_error(self, exc)
            return False
        self.load(record)
        return True

    def show_record(self, register: str, record_id: int) -> None:
        """Open a record from elsewhere (scan box, navigator): select its row, open the form."""
        if not self.view.select_id(record_id) and self.view.search_text():
            self.view.set_search_text("")
            self.view.select_id(record_id)
        self.open_record(record_id)

    def revert(self) -> None:
        if self.record is None:
            self.form.set_values(self.blank_values())
            self._base = self.form.values()
        else:
            self.open_record_fresh(self.record.id)

    def open_record_fresh(self, record_id: int) -> None:
        self._base = self.form.values()  # no "discard?" question: the clerk asked for it
        self.open_record(record_id)

    def _follow_list(self, record_id: int) -> None:
        if record_id and not self.is_dirty():
            self.open_record(record_id)

    def _apply_editable(self, record: Any) -> None:
        if not self.can_edit:
            return
        allowed = (
            self.editable_fields(record) if record is not None else set(self.form.field_names())
        )
        for name in self.form.field_names():
            set_widget_read_only(self.form.field(name), name not in allowed)

    # --- saving -----------------------------------------------------------------------------

    def changes(self) -> dict[str, Any]:
        values = self.form.values()
        allowed = self.editable_fields(self.record) if self.record is not None else set(values)
        return {k: v for k, v in values.items() if v != self._base.get(k) and k in allowed}

    def save(self) -> bool:
        if not self.can_edit:
            return False
        self.form.errors.clear()
        try:
            if self.record is None:
                saved = self.create(self.prepare(self.form.values()))
            else:
                changes = self.changes()
                if not changes:
                    self.ctx.bus.status_message.emit(self.tr("Nothing to save."))
                    return True
                saved = self.update(self.record, self.prepare(changes))
        except ValidationError as exc:
            self.form.errors.show(exc)
            self.ctx.bus.status_message.emit(
                self.tr("Not saved: please correct the marked fields.")
            )
            return False
        except ConflictError as exc:
            self._conflict(exc)
            return False
        except Exception as exc:  # noqa: BLE001 - StorageUnavailable etc.: text stays in the form
            show_error(self, exc, self.form.field_labels())
            return False
        self.load(saved)
        self.ctx.bus.register_changed.emit(self.register)
        self.view.select_id(saved.id)
        self.saved.emit(saved.id)
        self.ctx.bus.status_message.emit(self.tr("Saved {what}.").format(what=self.describe(saved)))
        return True

    def _conflict(self, exc: ConflictError) -> None:
        """Someone saved first: reload theirs, or keep the typed text and see what differs."""
        if show_error(self, exc):
            self.open_record_fresh(self.record.id)
            return
        try:
            theirs = self.fetch(self.record.id)
        except PropDeskError as inner:
            show_error(self, inner)
            return
        mine = self.form.values()
        their_values = self.form_values(theirs)
        labels = self.form.field_labels()
        differ = [
            f"{labels.get(k, k)}: {self._shown(their_values[k])}"
            for k in their_values
            if their_values[k] != self._base.get(k)
        ]
        # the next save is based on their version but sends what the clerk typed
        self.record = theirs
        self._base = {**self.form_values(theirs)}
        self.form.errors.show(
            ValidationError(
                {
                    FORM_LEVEL: self.tr(
                        "{who} changed this record meanwhile. Their values: {changes}. "
                        "Save again to replace them with yours."
                    ).format(
                        who=exc.changed_by or "?",
                        changes="; ".join(differ) or self.tr("(no visible difference)"),
                    )
                }
            )
        )
        for name, value in mine.items():
            set_widget_value(self.form.field(name), value)

    @staticmethod
    def _shown(value: Any) -> str:
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return QCoreApplication.translate("Status", "Yes" if value else "No")
        return status_label(value) if isinstance(value, str) else str(value)


# ---------------------------------------------------------------------------------------------


class UnitsDock(RecordDock):
    register = "units"
    edit_permission = Perm.REFERENCE_EDIT

    def build_form(self, form: RecordForm) -> None:
        self.building_box = QComboBox()
        self.building_box.setEditable(True)
        self.building_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        try:
            for b in reference.list_buildings(self.ctx.actor):
                self.building_box.addItem(f"{b.code}  {b.name}", b.code)
        except PropDeskError as exc:
            log.warning("buildings not loaded: %s", exc)
        form.add_field("code", self.tr("Unit no."), line_edit(32, "A-1203"), required=True)
        form.add_field("building_code", self.tr("Building"), self.building_box, required=True)
        floor = line_edit(4, "12")
        floor.setValidator(QIntValidator(-9, 300, floor))
        form.add_field("floor_number", self.tr("Floor"), floor, required=True)
        form.add_field("area", self.tr("Area (m²)"), decimal_edit("86.50"))
        form.add_field("use", self.tr("Use"), choice_box(_status_choices(UNIT_USES)))
        form.add_field("status", self.tr("Status"), choice_box(_status_choices(UNIT_STATUSES)))
        self.owner_label = QLabel(self)
        self.owner_label.setWordWrap(True)
        form.layout_.addRow(self.tr("Owner"), self.owner_label)

    def blank_values(self) -> dict[str, Any]:
        return {
            "code": "",
            "building_code": self.building_box.itemData(0) if self.building_box.count() else "",
            "floor_number": "",
            "area": "",
            "use": "office",
            "status": "vacant",
        }

    def form_values(self, record: Any) -> dict[str, Any]:
        return {
            "code": record.code,
            "building_code": record.building_code,
            "floor_number": str(record.floor_number),
            "area": "" if record.area is None else f"{record.area:f}",
            "use": record.use,
            "status": record.status,
        }

    def load(self, record: Any) -> None:
        super().load(record)
        self.owner_label.setText(record.owner or "—")

    def _start_new(self) -> None:
        super()._start_new()
        self.owner_label.setText("—")

    def prepare(self, values: dict[str, Any]) -> dict[str, Any]:
        out = dict(values)
        if "building_code" in out and isinstance(out["building_code"], str):
            out["building_code"] = (
                out["building_code"].split()[0] if out["building_code"].strip() else ""
            )
        if "area" in out and out["area"] == "":
            out["area"] = None
        return out

    def fetch(self, record_id: int) -> Any:
        return reference.get_unit(self.ctx.actor, record_id)

    def create(self, values: dict[str, Any]) -> Any:
        return reference.create_unit(self.ctx.actor, **values)

    def update(self, record: Any, changes: dict[str, Any]) -> Any:
        return reference.update_unit(self.ctx.actor, record.id, record.version, **changes)

    def describe(self, record: Any) -> str:
        return self.tr("Unit {code}").format(code=record.code)


class PartiesDock(RecordDock):
    register = "parties"
    edit_permission = Perm.REFERENCE_EDIT
    PII_FIELDS = ("id_number", "phone", "emergency_phone")

    def build_form(self, form: RecordForm) -> None:
        form.add_field(
            "kind", self.tr("Owner or tenant"), choice_box(_status_choices(("owner", "tenant")))
        )
        form.add_field("name", self.tr("Name"), line_edit(128), required=True)
        self.company_box = QCheckBox(self.tr("A company (单位)"))
        form.add_field("is_company", self.tr("Company"), self.company_box)
        form.add_field(
            "id_type",
            self.tr("ID document"),
            choice_box(_status_choices(("ric", "passport", "uscc"))),
        )
        form.add_field("id_number", self.tr("ID number"), line_edit(32))
        form.add_field("phone", self.tr("Phone"), line_edit(32))
        form.add_field("emergency_contact", self.tr("Emergency contact"), line_edit(64))
        form.add_field("emergency_phone", self.tr("Emergency phone"), line_edit(32))
        form.add_field(
            "unit_codes",
            self.tr("Units"),
            line_edit(512, "A-1203, A-1204"),
            hint=self.tr("Unit numbers, separated by commas."),
        )
        notes = QPlainTextEdit()
        notes.setTabChangesFocus(True)
        notes.setFixedHeight(64)
        form.add_field("notes", self.tr("Notes"), notes)
        self.company_box.toggled.connect(self._company_toggled)

    def _company_toggled(self, company: bool) -> None:
        box = self.form.field("id_type")
        assert isinstance(box, QComboBox)
        box.setCurrentIndex(box.findData("uscc" if company else "ric"))

    def blank_values(self) -> dict[str, Any]:
        return {
            "kind": "owner",
            "name": "",
            "is_company": False,
            "id_type": "ric",
            "id_number": "",
            "phone": "",
            "emergency_contact": "",
            "emergency_phone": "",
            "unit_codes": "",
            "notes": "",
        }

    def form_values(self, record: Any) -> dict[str, Any]:
        values = super().form_values(record)
        values["unit_codes"] = ", ".join(record.unit_codes)
        return values

    def editable_fields(self, record: Any) -> set[str]:
        fields = set(self.form.field_names())
        if record is not None and record.masked:  # never send a masked number back
            fields -= set(self.PII_FIELDS)
        return fields

    def prepare(self, values: dict[str, Any]) -> dict[str, Any]:
        out = dict(values)
        if "unit_codes" in out:
            out["unit_codes"] = reference.split_codes(out["unit_codes"] or "")
        return out

    def fetch(self, record_id: int) -> Any:
        return reference.get_party(self.ctx.actor, record_id)

    def create(self, values: dict[str, Any]) -> Any:
        return reference.create_party(self.ctx.actor, **values)

    def update(self, record: Any, changes: dict[str, Any]) -> Any:
        return reference.update_party(self.ctx.actor, record.id, record.version, **changes)


class StaffDock(RecordDock):
    register = "staff"
    edit_permission = Perm.STAFF_EDIT

    def build_form(self, form: RecordForm) -> None:
        departments: list[str] = []
        try:
            departments = reference.list_departments(self.ctx.actor)
            if not departments and self.ctx.actor.can(Perm.STAFF_EDIT):
                departments = list(reference.ensure_departments(self.ctx.actor))
        except PropDeskError as exc:
            log.warning("departments not loaded: %s", exc)
        form.add_field("name", self.tr("Name"), line_edit(64), required=True)
        form.add_field(
            "department",
            self.tr("Department"),
            choice_box([(d, d) for d in departments]),
            required=True,
        )
        form.add_field("position", self.tr("Position"), line_edit(64))
        form.add_field("phone", self.tr("Phone"), line_edit(32))
        form.add_field("id_number", self.tr("ID number"), line_edit(32))

        self.state_label = QLabel(self)
        form.layout_.addRow(self.tr("State"), self.state_label)
        self.left_on_edit = QDateEdit(QDate.currentDate(), self)
        self.left_on_edit.setCalendarPopup(True)
        self.left_on_edit.setDisplayFormat("yyyy-MM-dd")
        self.leave_button = QPushButton(self.tr("Record leaving (调离)"), self)
        self.leave_button.setAutoDefault(False)
        self.leave_button.clicked.connect(self.record_leaving)
        self.left_error = form.errors.add_field("left_on", self.left_on_edit)
        row = QHBoxLayout()
        row.addWidget(self.left_on_edit)
        row.addWidget(self.leave_button, 1)
        holder = QVBoxLayout()
        holder.addLayout(row)
        holder.addWidget(self.left_error)
        self._leave_row_label = QLabel(self.tr("Left on"), self)
        form.layout_.addRow(self._leave_row_label, holder)

    def blank_values(self) -> dict[str, Any]:
        box = self.form.field("department")
        assert isinstance(box, QComboBox)
        return {
            "name": "",
            "department": box.itemData(0) if box.count() else None,
            "position": "",
            "phone": "",
            "id_number": "",
        }

    def _show_state(self, record: Any) -> None:
        active = record is None or record.active
        if record is None:
            self.state_label.setText("—")
        elif active:
            self.state_label.setText(self.tr("Active"))
        else:
            self.state_label.setText(
                self.tr("Left on {date}").format(
                    date=record.left_on.isoformat() if record.left_on else "?"
                )
            )
        can_leave = self.can_edit and record is not None and active
        for w in (self.left_on_edit, self.leave_button, self._leave_row_label):
            w.setVisible(can_leave)

    def load(self, record: Any) -> None:
        super().load(record)
        self._show_state(record)

    def _start_new(self) -> None:
        super()._start_new()
        self._show_state(None)

    def editable_fields(self, record: Any) -> set[str]:
        fields = set(self.form.field_names())
        if record is not None and record.masked:
            fields -= {"phone", "id_number"}
        return fields

    def record_leaving(self) -> bool:
        if self.record is None or not self.can_edit:
            return False
        d = self.left_on_edit.date()
        try:
            saved = reference.staff_leaves(
                self.ctx.actor, self.record.id, date(d.year(), d.month(), d.day())
            )
        except ValidationError as exc:
            self.form.errors.show(exc)
            return False
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return False
        self.load(saved)
        self.ctx.bus.register_changed.emit(self.register)
        return True

    def fetch(self, record_id: int) -> Any:
        return reference.get_staff(self.ctx.actor, record_id)

    def create(self, values: dict[str, Any]) -> Any:
        return reference.create_staff(self.ctx.actor, **values)

    def update(self, record: Any, changes: dict[str, Any]) -> Any:
        return reference.update_staff(self.ctx.actor, record.id, record.version, **changes)


def _spec(
    name: str, title: str, icon_name: str, factory: Callable[[UiContext], QWidget], order: int
) -> DockSpec:
    return add_dock(
        DockSpec(
            object_name=f"dock_{name}",
            title=title,
            icon=icon_name,
            registers=(name,),
            factory=factory,
            area="right",
            tags=("reference",),
            order=order,
        )
    )


_spec("units", QT_TRANSLATE_NOOP("Docks", "Units"), "units", UnitsDock, 20)
_spec("parties", QT_TRANSLATE_NOOP("Docks", "Owners and tenants"), "parties", PartiesDock, 21)
_spec("staff", QT_TRANSLATE_NOOP("Docks", "Staff"), "staff", StaffDock, 22)

__all__ = ["PartiesDock", "RecordDock", "StaffDock", "UnitsDock"]
