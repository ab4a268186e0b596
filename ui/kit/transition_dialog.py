"""Forms built from declarations: a transition's inputs (`TransitionDialog`), a register's fields
for New and Edit (`RecordDialog`), and Void with a reason (`VoidDialog`).

Widgets by `Field.kind`: text, multiline, int, decimal, bool, date, datetime, choice (the declared
value labels), ref (typed with completion: staff by name, units by code, other registers by their
number or code). Required fields carry a red asterisk, help texts sit under their field, a
transition's help text on top, and a signature pad when the transition takes a signature.

Keyboard: Enter in any single-line field saves; a multi-line field takes Enter for a new line and
Ctrl+Enter to save. Saving runs through `ui.tasks.run_in_background` (the share may hang): while it
runs the form says so and cannot be sent twice. When a save fails NOTHING typed is lost: the dialog
stays open with the input; a ValidationError's messages go under their fields, a WrongState
(another desk moved the record first) and a ConflictError are told in plain words.

A transition with checklist inputs over a register's `items` opens `ChecklistDialog`
(ui/kit/checklist_dialog.py: the archive return). Special forms: a transition with `form="name"`
opens the dialog registered for that name (`register_form`) instead of the generic one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QStringListModel,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QRegularExpressionValidator, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConflictError, PropDeskError, ValidationError, WrongState
from app.kit import registry
from app.kit import services as kit
from app.kit.declare import Field, Register, Transition
from app.services import listing
from app.services.listing import ListRequest
from app.services.signatures import SignatureInput
from ui.context import UiContext
from ui.dialogs.key_common import StaffPicker
from ui.errors import ERROR_COLOR, FORM_LEVEL, describe_error, show_error
from ui.i18n import tr_msg
from ui.kit import labels
from ui.tasks import run_in_background
from ui.widgets.form import RecordForm, decimal_edit, line_edit
from ui.widgets.signature_pad import SignatureField

log = logging.getLogger(__name__)

REF_LIMIT = 2000  # rows a ref field's completer starts with; more are searched as typed
REF_SEARCH_DELAY_MS = 200
INT_RE = r"^-?\d{0,9}$"

# Special transition forms by `Transition.form`: (ctx, register, transition, record, parent).
FormFactory = Callable[[UiContext, Register, Transition, dict[str, Any], QWidget | None], QDialog]
SPECIAL_FORMS: dict[str, FormFactory] = {}


def register_form(name: str, factory: FormFactory) -> FormFactory:
    """A special dialog for transitions declaring `form=name`."""
    SPECIAL_FORMS[name] = factory
    return factory


def changed_registers(reg: Register) -> list[str]:
    """`reg` and the registers a write to it may touch: those it points at and those pointing at
    it by a ref field (a file's lend opens a loan; a return closes it and may open incidents)."""
    names = [reg.name]
    for f in reg.fields:
        if f.kind == "ref" and registry.find(f.ref) is not None and f.ref not in names:
            names.append(f.ref)
    for other in registry.all_registers():
        if other.name not in names and any(
            f.kind == "ref" and f.ref == reg.name for f in other.fields
        ):
            names.append(other.name)
    return names


# -- input widgets ----------------------------------------------------------------------------


class MultilineEdit(QPlainTextEdit):
    """Enter: a new line; Ctrl+Enter: `submit_requested` (the form saves); Tab leaves."""

    submit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(64)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            event.accept()
            self.submit_requested.emit()
            return
        super().keyPressEvent(event)


class OptionalDateTimeEdit(QWidget):
    """A date (or date and time) that may stay empty: a check box switches the editor on."""

    def __init__(self, with_time: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_time = with_time
        self.check = QCheckBox(self)
        self.check.setToolTip(self.tr("Tick to give a date"))
        self.edit: QDateTimeEdit = QDateTimeEdit(self) if with_time else QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm" if with_time else "yyyy-MM-dd")
        start = datetime.now().replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        self.edit.setDateTime(QDateTime(_qdate(start.date()), QTime(start.hour, 0)))
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(lambda on: on and self.edit.setFocus())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)
        self.setFocusProxy(self.check)

    def value(self) -> date | datetime | None:
        if not self.check.isChecked():
            return None
        return _py_datetime(self.edit.dateTime()) if self.with_time else _py_date(self.edit.date())

    def set_value(self, value: date | datetime | None) -> None:
        self.check.setChecked(value is not None)
        if isinstance(value, datetime):
            self.edit.setDateTime(QDateTime(_qdate(value.date()), QTime(value.hour, value.minute)))
        elif isinstance(value, date):
            self.edit.setDate(_qdate(value))


class RefPicker(QLineEdit):
    """A record of a reference list or register, typed with completion on its code or name.

    `value()`: the chosen record's id; None when empty; the typed text when it matches nothing
    (the service then says so by the field).
    """

    def __init__(
        self, ctx: UiContext, list_name: str, label_key: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.list_name = list_name
        self.label_key = label_key
        self._ids: dict[str, int] = {}
        self._more = False
        self.setPlaceholderText(self.tr("Type to search…"))
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self._add(self._rows(ListRequest(), REF_LIMIT))
        self._more = len(self._ids) >= REF_LIMIT
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REF_SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search)
        self.textEdited.connect(lambda _t: self._more and self._timer.start())

    def _rows(self, request: ListRequest, limit: int) -> list[dict[str, Any]]:
        try:
            return listing.page(self.ctx.actor, self.list_name, request, 0, limit)
        except PropDeskError as exc:
            log.warning("%s not loaded for completion: %s", self.list_name, exc)
            return []

    def _add(self, rows: list[dict[str, Any]]) -> None:
        for r in rows:
            text = str(r.get(self.label_key) or r.get("id"))
            self._ids.setdefault(text, int(r["id"]))
        self._model.setStringList(list(self._ids))

    def _search(self) -> None:
        text = self.text().strip()
        if text:
            self._add(self._rows(ListRequest(search=text), 50))

    def value(self) -> int | str | None:
        text = self.text().strip()
        if not text:
            return None
        if text in self._ids:
            return self._ids[text]
        folded = {k.casefold(): v for k, v in self._ids.items()}
        return folded.get(text.casefold(), text)

    def set_value(self, record_id: int | None, text: str = "") -> None:
        if record_id is not None and text:
            self._ids.setdefault(text, int(record_id))
        self.setText(text)


class StaffRef(StaffPicker):
    """A staff member by name (key_common.StaffPicker) as a form input."""

    def value(self) -> int | str | None:
        text = self.text().strip()
        if not text:
            return None
        found = self.staff_id()
        return found if found is not None else text

    def set_value(self, record_id: int | None, text: str = "") -> None:
        self.setText(text)


def _ref_picker(ctx: UiContext, f: Field) -> QLineEdit:
    if f.ref == "staff":
        return StaffRef(ctx)
    if f.ref == "units":
        return RefPicker(ctx, "units", "code")
    if f.ref == "parties":
        return RefPicker(ctx, "parties", "name")
    if f.ref == "departments":
        return RefPicker(ctx, "departments", "name")
    reg = registry.find(f.ref)
    key = "id"
    if reg is not None:
        key = reg.number_field if reg.prefix else (reg.code_field or reg.title_field or "id")
    return RefPicker(ctx, f.ref, key)


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _py_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _py_datetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def make_input(ctx: UiContext, reg: Register, t: Transition | None, f: Field) -> QWidget:
    """The widget for one declared field (the dialogs' `make_input` hook calls this)."""
    kind = f.kind
    if f.choices and kind in ("choice", "text"):
        box = QComboBox()
        if not f.required:
            box.addItem("—", None)
        elif f.default is None:  # no silent first choice: the clerk picks one
            box.addItem(QCoreApplication.translate("KitFormDialog", "— choose —"), None)
        for c in f.choices:
            box.addItem(labels.input_choice_label(reg, t, f, c), c.value)
        return box
    if kind == "multiline":
        return MultilineEdit()
    if kind == "int":
        edit = line_edit(10)
        edit.setValidator(QRegularExpressionValidator(INT_RE, edit))
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        return edit
    if kind == "decimal":
        return decimal_edit()
    if kind == "bool":
        return QCheckBox()
    if kind in ("date", "datetime"):
        if f.required:
            edit = QDateTimeEdit() if kind == "datetime" else QDateEdit()
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm" if kind == "datetime" else "yyyy-MM-dd")
            edit.setDateTime(QDateTime.currentDateTime())
            return edit
        return OptionalDateTimeEdit(kind == "datetime")
    if kind == "ref":
        return _ref_picker(ctx, f)
    if kind == "checklist":
        note = QLabel(QCoreApplication.translate("KitFormDialog", "Checked in its own form."))
        note.setEnabled(False)
        return note
    return line_edit(f.max_length)


def input_value(widget: QWidget, f: Field) -> Any:
    if isinstance(widget, RefPicker | StaffRef):
        return widget.value()
    if isinstance(widget, OptionalDateTimeEdit):
        return widget.value()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QDateTimeEdit):
        if isinstance(widget, QDateEdit) or f.kind == "date":
            return _py_date(widget.date())
        return _py_datetime(widget.dateTime())
    return None


def set_input_value(widget: QWidget, f: Field, value: Any, label: str = "") -> None:
    if isinstance(widget, RefPicker | StaffRef):
        widget.set_value(value, label)
    elif isinstance(widget, OptionalDateTimeEdit):
        widget.set_value(value)
    elif isinstance(widget, QComboBox):
        i = widget.findData(value)
        if i >= 0:
            widget.setCurrentIndex(i)
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText("" if value is None else str(value))
    elif isinstance(widget, QLineEdit):
        widget.setText("" if value is None else str(value))
        widget.setCursorPosition(0)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QDateTimeEdit) and value is not None:
        if isinstance(value, datetime):
            widget.setDateTime(QDateTime(_qdate(value.date()), QTime(value.hour, value.minute)))
        elif isinstance(value, date):
            widget.setDate(_qdate(value))


# -- the dialogs ------------------------------------------------------------------------------


class KitFormDialog(QDialog):
    """A form of declared fields that saves through one kit service call, off the GUI thread.

    Override `call_service(values, signature)` (runs in a worker thread: no widgets there) and,
    if needed, `make_input(field)`, `values()`, `after_save(result)`.
    """

    saved = Signal(object)  # the service's result, after the dialog accepted
    # A batch form (scan, type, Enter, next) stays open after each save: `next_record(result)`
    # clears it for the next one instead of closing the dialog.
    keep_open = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Never taller or wider than the screen (a 1366×768 desk PC): the form scrolls instead."""
        super().showEvent(event)
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        room = screen.availableGeometry()
        width = min(self.width(), int(room.width() * 0.95))
        height = min(self.height(), int(room.height() * 0.92))
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        frame = self.frameGeometry()
        frame.moveCenter(room.center())
        self.move(frame.topLeft().x(), max(room.top(), frame.topLeft().y()))

    def __init__(
        self,
        ctx: UiContext,
        register: Register,
        fields: Sequence[Field],
        *,
        transition: Transition | None = None,
        record: dict[str, Any] | None = None,
        title: str = "",
        ok_text: str = "",
        intro: str = "",
        signature_caption: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.register = register
        self.transition = transition
        self.record = record
        self.fields = tuple(fields)
        self.result_view: Any = None
        self.saving = False
        self.last_error: BaseException | None = None
        self.setWindowTitle(title)
        self.setObjectName("kit_form_dialog")
        self.setMinimumWidth(480)

        self.intro = QLabel(intro, self)
        self.intro.setObjectName("form_intro")
        self.intro.setWordWrap(True)
        self.intro.setVisible(bool(intro))
        self.state_label = QLabel(self)  # WrongState / Conflict: what happened, in words
        self.state_label.setObjectName("form_problem")
        self.state_label.setWordWrap(True)
        self.state_label.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.state_label.setVisible(False)
        self.form = RecordForm(self)
        self.inputs: dict[str, QWidget] = {}
        for f in self.fields:
            widget = self.make_input(f)
            self.inputs[f.name] = widget
            self.form.add_field(
                f.name,
                labels.input_label(register, transition, f),
                widget,
                required=f.required,
                hint=labels.input_help(register, transition, f),
            )
            if isinstance(widget, MultilineEdit):
                widget.submit_requested.connect(self.save)
            if f.default is not None:
                set_input_value(widget, f, f.default)
        self.signature: SignatureField | None = None
        if signature_caption:
            self.signature = SignatureField(self)
            self.form.add_field("signature", signature_caption, self.signature)
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("form_busy")
        self.busy_label.setVisible(False)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            ok_text or self.tr("Save (Enter)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setObjectName("dialog_ok")
        self.ok_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.state_label)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.buttons)
        self._follow_signer()
        first = next(iter(self.inputs.values()), None)
        if first is not None:
            first.setFocus()

    # -- hooks -------------------------------------------------------------------------------

    def make_input(self, f: Field) -> QWidget:
        return make_input(self.ctx, self.register, self.transition, f)

    def values(self) -> dict[str, Any]:
        return {name: input_value(w, self._field(name)) for name, w in self.inputs.items()}

    def signature_input(self) -> SignatureInput | None:
        return self.signature.signature() if self.signature is not None else None

    def call_service(self, values: dict[str, Any], signature: SignatureInput | None) -> Any:
        raise NotImplementedError

    def after_save(self, result: Any) -> None:
        for name in changed_registers(self.register):
            self.ctx.bus.register_changed.emit(name)

    def field_labels(self) -> dict[str, str]:
        return self.form.field_labels()

    def next_record(self, result: Any) -> None:
        """A `keep_open` form after a save: ready for the next record (override)."""

    # -- saving ------------------------------------------------------------------------------

    def _field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def _follow_signer(self) -> None:
        """The borrower typed in a staff field signs: the pad's name follows it."""
        if self.signature is None:
            return
        staff = next((w for w in self.inputs.values() if isinstance(w, StaffRef)), None)
        if staff is None:
            return
        last = {"name": ""}

        def typed(text: str) -> None:
            name = text.split("  ")[0]
            if not self.signature.signer_name() or self.signature.signer_name() == last["name"]:
                self.signature.set_signer_name(name)
            last["name"] = name

        staff.textChanged.connect(typed)

    def save(self) -> bool:
        """Start saving (False: already saving). The dialog closes only once the service saved."""
        if self.saving:
            return False
        self.form.errors.clear()
        self.state_label.setVisible(False)
        values = self.values()
        signature = self.signature_input()
        self._set_busy(True)
        run_in_background(
            lambda: self.call_service(values, signature), self._save_done, self._save_failed
        )
        return True

    def _set_busy(self, busy: bool) -> None:
        self.saving = busy
        self.busy_label.setText(self.tr("Saving… (the shared drive may be slow)") if busy else "")
        self.busy_label.setVisible(busy)
        self.ok_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self.form.setEnabled(not busy)

    def reject(self) -> None:
        if self.saving:  # the answer is on its way: closing now would hide what happened
            return
        super().reject()

    def _save_done(self, result: Any) -> None:
        try:
            self._set_busy(False)
            self.result_view = result
            self.after_save(result)
            if self.keep_open:
                self.saved.emit(result)
                self.next_record(result)
                return
            self.accept()
            self.saved.emit(result)
        except RuntimeError:  # the dialog was deleted while the save ran
            log.debug("form gone before its save came back", exc_info=True)

    def _save_failed(self, exc: BaseException) -> None:
        try:
            self._set_busy(False)
            self.show_failure(exc)
        except RuntimeError:
            log.debug("form gone before its failure came back", exc_info=True)

    def show_failure(self, exc: BaseException) -> None:
        """Tell the clerk; the typed input stays in the form."""
        self.last_error = exc
        if isinstance(exc, ValidationError):
            self.form.errors.show(exc)
            self.on_validation(exc)
            self.ctx.bus.status_message.emit(
                self.tr("Not saved: please correct the marked fields.")
            )
            return
        if isinstance(exc, WrongState):
            self.state_label.setText(tr_msg(exc.message))
            self.state_label.setVisible(True)
            show_error(self, exc, self.field_labels())
            return
        if isinstance(exc, ConflictError):
            self.state_label.setText(describe_error(exc).text)
            self.state_label.setVisible(True)
            if show_error(self, exc, self.field_labels()):
                self.reload_record()
            return
        show_error(self, exc, self.field_labels())

    def on_validation(self, exc: ValidationError) -> None:
        """Messages for names the form has no field for go to the form-level line."""
        unknown = [m for k, m in exc.errors.items() if k not in self.form.field_names()]
        if unknown and not self.form.errors.message(FORM_LEVEL):
            self.form.errors.form_label.setText("\n".join(tr_msg(m) for m in unknown))
            self.form.errors.form_label.setVisible(True)

    def reload_record(self) -> None:
        """After a conflict: read the record again (its new version); the input stays."""
        if self.record is None:
            return
        try:
            self.record = kit.record(self.ctx.actor, self.register.name, self.record["id"])
        except PropDeskError as exc:
            show_error(self, exc)


def record_text(reg: Register, record: dict[str, Any]) -> str:
    parts = []
    if reg.prefix:
        parts.append(str(record.get(reg.number_field) or ""))
    if reg.code_field:
        parts.append(str(record.get(reg.code_field) or ""))
    if reg.title_field:
        title = record.get(f"{reg.title_field}_label", record.get(reg.title_field))
        parts.append(str(title or ""))
    return " ".join(p for p in parts if p)


class TransitionDialog(KitFormDialog):
    """The inputs of one declared transition for one record, saved by `kit.transition`.

    Declared confirmations (`Transition.confirms`) are check boxes that must all be ticked
    before it saves. A special form (`register_form`) or `ChecklistDialog` derives from it and
    adds what the generic inputs cannot show."""

    def __init__(
        self,
        ctx: UiContext,
        register: Register,
        transition: Transition,
        record: dict[str, Any],
        parent: QWidget | None = None,
        *,
        ok_text: str = "",
    ) -> None:
        action = labels.transition_label(register, transition)
        what = record_text(register, record)
        super().__init__(
            ctx,
            register,
            [f for f in transition.inputs if f.kind != "checklist"],
            transition=transition,
            record=record,
            title=QCoreApplication.translate("TransitionDialog", "{action} — {record}").format(
                action=action, record=what
            ),
            ok_text=ok_text
            or QCoreApplication.translate("TransitionDialog", "{action} (Enter)").format(
                action=action
            ),
            intro=labels.transition_help(register, transition)
            or QCoreApplication.translate("TransitionDialog", "{action}: {record}").format(
                action=action, record=what
            ),
            signature_caption=labels.signature_caption(register, transition),
            parent=parent,
        )
        self.setObjectName(f"transition_{transition.name}")
        self.confirm_boxes: list[QCheckBox] = []  # the declared confirmations, all ticked to save
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        for en, _zh in transition.confirms:
            box = QCheckBox(labels.tr_kit(register, en, f"confirm:{transition.name}"), self)
            self.confirm_boxes.append(box)
            layout.insertWidget(layout.count() - 2, box)
        if self.confirm_boxes:
            layout.insertWidget(
                layout.count() - 2, self.form.errors.add_field("confirm", self.confirm_boxes[-1])
            )
        if self.signature is not None and transition.signer and record.get(transition.signer):
            self.signature.set_signer_name(str(record[transition.signer]))

    def save(self) -> bool:
        if not self.saving and not all(box.isChecked() for box in self.confirm_boxes):
            self.form.errors.clear()
            message = self.tr("Tick every confirmation first.")
            self.form.errors.show(ValidationError({"confirm": message}))
            return False
        return super().save()

    def call_service(self, values: dict[str, Any], signature: SignatureInput | None) -> Any:
        record = self.record or {}
        return kit.transition(
            self.ctx.actor,
            self.register.name,
            self.transition.name,
            record["id"],
            record.get("version"),
            values,
            signature=signature,
        )


class RecordDialog(KitFormDialog):
    """New (record None) or Edit: the register's create fields or its editable fields."""

    def __init__(
        self,
        ctx: UiContext,
        register: Register,
        record: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        if record is None:
            names = register.create_fields or register.editable or [f.name for f in register.fields]
        else:
            names = register.editable
        title_reg = labels.register_title(register)
        if record is None:
            title = QCoreApplication.translate("RecordDialog", "New — {register}").format(
                register=title_reg
            )
        else:
            title = QCoreApplication.translate("RecordDialog", "Edit {record}").format(
                record=record_text(register, record)
            )
        super().__init__(
            ctx,
            register,
            [register.field(n) for n in names],
            record=record,
            title=title,
            parent=parent,
        )
        self.setObjectName("kit_new_dialog" if record is None else "kit_edit_dialog")
        if record is not None:
            for name, widget in self.inputs.items():
                set_input_value(
                    widget,
                    self._field(name),
                    record.get(name),
                    str(record.get(f"{name}_label") or ""),
                )

    def call_service(self, values: dict[str, Any], signature: SignatureInput | None) -> Any:
        if self.record is None:
            return kit.create(self.ctx.actor, self.register.name, values)
        return kit.edit(
            self.ctx.actor,
            self.register.name,
            self.record["id"],
            self.record["version"],
            values,
        )


VOID_REASON = Field("reason", "Reason for voiding", "作废原因", kind="multiline", required=True)


class VoidDialog(KitFormDialog):
    """作废 with a reason: the record stays, marked voided."""

    def __init__(
        self,
        ctx: UiContext,
        register: Register,
        record: dict[str, Any],
        parent: QWidget | None = None,
    ) -> None:
        what = record_text(register, record)
        super().__init__(
            ctx,
            register,
            [VOID_REASON],
            record=record,
            title=QCoreApplication.translate("VoidDialog", "Void {record}").format(record=what),
            ok_text=QCoreApplication.translate("VoidDialog", "Void (Ctrl+Enter)"),
            intro=QCoreApplication.translate(
                "VoidDialog", "{record} stays in the register, marked void, with your reason."
            ).format(record=what),
            parent=parent,
        )
        self.setObjectName("kit_void_dialog")

    def make_input(self, f: Field) -> QWidget:
        return MultilineEdit()

    def call_service(self, values: dict[str, Any], signature: SignatureInput | None) -> Any:
        record = self.record or {}
        return kit.void(
            self.ctx.actor,
            self.register.name,
            record["id"],
            record["version"],
            values.get("reason") or "",
        )


def transition_dialog(
    ctx: UiContext,
    register: Register,
    transition: Transition,
    record: dict[str, Any],
    parent: QWidget | None = None,
) -> QDialog:
    """The special dialog the transition names (`form`), else the generic one — with the
    record's item list to check when the transition has checklist inputs."""
    special = SPECIAL_FORMS.get(transition.form) if transition.form else None
    if special is not None:
        return special(ctx, register, transition, record, parent)
    if register.items is not None and any(f.kind == "checklist" for f in transition.inputs):
        from ui.kit.checklist_dialog import ChecklistDialog  # it derives from TransitionDialog

        return ChecklistDialog(ctx, register, transition, record, parent)
    return TransitionDialog(ctx, register, transition, record, parent)


__all__ = [
    "KitFormDialog",
    "MultilineEdit",
    "OptionalDateTimeEdit",
    "RecordDialog",
    "RefPicker",
    "SPECIAL_FORMS",
    "StaffRef",
    "TransitionDialog",
    "VoidDialog",
    "changed_registers",
    "make_input",
    "record_text",
    "register_form",
    "transition_dialog",
]
