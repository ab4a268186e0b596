"""One generic dock for any declared register (app/kit): its list beside the record card.

    RegisterDock(ctx, "archives")

- the list: `RegisterView` (search, lazy table, Excel export) with one combo box per declared
  `ListSpec.filters` entry, beside
- the card: the declaration's `card` fields with their declared labels and value labels (`ref`
  fields by their `<name>_label`), a red line when the record is voided or overdue;
- the buttons: every declared transition — enabled when the record's state and the clerk's role
  allow it, otherwise disabled with the reason as tooltip (`kit.allowed_transitions`) —, New
  (when the register declares `create_perm`), Edit (`editable`), Void (with a reason), Print for
  each declared slip (app/kit/slips.py);
- the history: the record's trail, newest first.

Keyboard first, as the key dock: a scan (`show_record`) selects the record and puts the first
allowed transition under the cursor; scanning it again (`act_on_record`) or Enter on the row opens
that transition's form (a file on the shelf: Lend; a lent one: Return).

Every generated piece is a method to override: `make_list`, `make_filter_box`, `make_card`,
`make_extra_panel`, `make_transition_button`, `make_transition_dialog`, `make_create_dialog`,
`make_edit_dialog`, `offers_edit`, `make_void_dialog`, `selected_ids`, `after_transition`, `event_label`, `is_overdue`, `at_hand`.
Dialogs open window-modally without a nested event loop; `self.active_dialog` is the open one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import PropDeskError
from app.kit import registry
from app.kit import services as kit
from app.kit.declare import Filter, Register, Transition
from app.services import scan
from ui.context import UiContext
from ui.docks.registry import DockSpec
from ui.errors import ERROR_COLOR, describe_error
from ui.formatting import format_datetime, format_value
from ui.i18n import tr_msg
from ui.kit import labels
from ui.kit.items_panel import ItemsPanel
from ui.kit.transition_dialog import (
    RecordDialog,
    VoidDialog,
    changed_registers,
    record_text,
    transition_dialog,
)
from ui.lazy import lazy_import
from ui.widgets.dialog_host import DialogHost
from ui.widgets.list_detail import (
    card_value,
    guard,
    history_table,
    list_beside_panel,
    not_your_role,
    panel_button,
    record_heading,
    show_history,
)
from ui.widgets.pdf_preview import PdfPreviewDialog
from ui.widgets.register_view import RegisterView

slips = lazy_import("app.kit.slips")  # reportlab loads on the first print

log = logging.getLogger(__name__)

# Icons for the transitions the registers declare (ui.icons names); others get "edit".
TRANSITION_ICONS = {
    "lend": "loan",
    "return": "return",
    "retire": "void",
    "reinstate": "reload",
    "close": "ok",
}


def record_title(reg: Register, record: dict[str, Any] | None) -> str:
    """Number / code and title of a record ("DA00012 A-1203 业主档案")."""
    return record_text(reg, record) if record else ""


class RegisterDock(QWidget, DialogHost):
    """A declared register's list and the current record's card, buttons and history."""

    # The record now on the card (a dict as kit.record gives it), None when there is none.
    record_loaded = Signal(object)

    def __init__(
        self,
        ctx: UiContext,
        register: str,
        parent: QWidget | None = None,
        *,
        columns: tuple[str, ...] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reg = registry.get(register)
        self.setObjectName(f"register_dock_{register}")
        self.record: dict[str, Any] | None = None
        self.history_rows: list[dict[str, Any]] = []
        self.changed = set(changed_registers(self.reg))

        self.view = self.make_list(columns)
        self.filter_boxes: dict[str, QComboBox] = {}
        for flt in self.reg.list.filters:
            box = self.make_filter_box(flt)
            self.filter_boxes[flt.name] = box
            self.view.add_filter_widget(box)
            box.currentIndexChanged.connect(self._filters_changed)
        if self.filter_boxes:  # the list opens on each filter's first option, said explicitly
            self._filters_changed()

        # --- the card ---------------------------------------------------------------------
        self.heading = record_heading(self, self.tr("Nothing selected"), "record_heading")
        self.problem = QLabel(self)  # voided / overdue, in red
        self.problem.setObjectName("record_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.problem.setVisible(False)
        self.card_values: dict[str, QLabel] = {}
        self.card = self.make_card()

        # --- the buttons ------------------------------------------------------------------
        self.transition_buttons: dict[str, QPushButton] = {}
        for t in self.reg.transitions:
            button = self.make_transition_button(t)
            button.clicked.connect(lambda _=False, name=t.name: self.start_transition(name))
            self.transition_buttons[t.name] = button
        self.new_button = panel_button(self, "add", self.tr("New"), f"{register}_new")
        self.new_button.setToolTip(self.tr("A new record (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_record)
        self.new_button.setVisible(self.reg.create_perm is not None)
        self.edit_button = panel_button(self, "edit", self.tr("Edit"), f"{register}_edit")
        self.edit_button.clicked.connect(self.edit_record)
        self.edit_button.setVisible(self.offers_edit())
        self.void_button = panel_button(self, "void", self.tr("Void (作废)"), f"{register}_void")
        self.void_button.clicked.connect(self.void_record)
        self.void_button.setVisible(self.reg.void_perm is not None)
        self.print_buttons: dict[str, QPushButton] = {}
        self.paper_boxes: dict[str, QComboBox] = {}
        for slip in self.reg.slips:
            button = panel_button(
                self,
                "print",
                self.tr("Print {slip}").format(slip=labels.slip_label(self.reg, slip)),
                f"{register}_print_{slip.name}",
            )
            button.clicked.connect(lambda _=False, name=slip.name: self.print_slip(name))
            self.print_buttons[slip.name] = button
            if len(slip.papers) > 1:
                self.paper_boxes[slip.name] = self._paper_box(slip)
        actions = QGridLayout()
        buttons = list(self.transition_buttons.values()) + [
            b for b in (self.edit_button, self.void_button) if not b.isHidden()
        ]
        for i, button in enumerate(buttons):
            actions.addWidget(button, i // 2, i % 2)
        row = (len(buttons) + 1) // 2
        for name, button in self.print_buttons.items():
            actions.addWidget(button, row, 0)
            if name in self.paper_boxes:
                actions.addWidget(self.paper_boxes[name], row, 1)
            row += 1
        if not self.new_button.isHidden():
            actions.addWidget(self.new_button, row, 0, 1, 2)
        shortcut = QShortcut(QKeySequence("Ctrl+N"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.new_record)

        # --- the history ------------------------------------------------------------------
        self.history = self.make_history()

        panel = QWidget(self)
        panel_layout = QVBoxLayout(panel)
        panel_layout.addWidget(self.heading)
        panel_layout.addWidget(self.problem)
        panel_layout.addLayout(self.card)
        panel_layout.addLayout(actions)
        self.extra_panel = self.make_extra_panel()
        if self.extra_panel is not None:
            panel_layout.addWidget(self.extra_panel)
        if self.reg.trail:
            panel_layout.addWidget(QLabel(self.tr("History"), panel))
            panel_layout.addWidget(self.history, 1)
        else:
            self.history.hide()
            panel_layout.addStretch(1)
        self.panel = panel
        self.splitter = list_beside_panel(self, self.view, panel, 360)
        self.setFocusProxy(self.view)

        self.view.current_changed.connect(self.load_record)
        self.view.activated.connect(self._activated)
        ctx.bus.register_changed.connect(self._register_changed)
        self._update_buttons()

    # -- generated pieces (override hooks) ---------------------------------------------------

    def make_list(self, columns: tuple[str, ...] | None) -> RegisterView:
        others = [n for n in self.changed if n != self.reg.name]
        view = RegisterView(self.ctx, self.reg.name, columns, parent=self, also_refresh_on=others)
        # Several rows at once (Shift/Ctrl) for a run of labels; the card shows the current one.
        view.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        return view

    def selected_ids(self) -> list[int]:
        """The selected rows' records, in list order (the current record when none is)."""
        rows = sorted({i.row() for i in self.view.table.selectionModel().selectedRows()})
        ids = [i for i in (self.view.model.id_at(r) for r in rows) if i]
        if not ids and self.record is not None:
            ids = [int(self.record["id"])]
        return ids

    def make_filter_box(self, flt: Filter) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(f"filter_{flt.name}")
        box.setToolTip(labels.filter_label(self.reg, flt.name, flt.en))
        for value, en, _zh, _where in flt.options:
            box.addItem(labels.option_label(self.reg, flt.name, value, en), value)
        return box

    def card_fields(self) -> tuple[str, ...]:
        return self.reg.card or self.reg.list.columns

    def make_card(self) -> QFormLayout:
        card = QFormLayout()
        card.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for name in self.card_fields():
            value = card_value(self, f"card_{name}")
            card.addRow(labels.field_label(self.reg, name), value)
            self.card_values[name] = value
        return card

    def make_extra_panel(self) -> QWidget | None:
        """Something the register shows under its card: its item list when it declares
        `items` (an archive file's contents; `self.items_panel`)."""
        if self.reg.items is None:
            return None
        self.items_panel = ItemsPanel(self.ctx, self.reg, self)
        self.record_loaded.connect(self.items_panel.load)
        return self.items_panel

    def make_transition_button(self, t: Transition) -> QPushButton:
        return panel_button(
            self,
            TRANSITION_ICONS.get(t.name, "edit"),
            labels.transition_label(self.reg, t),
            f"{self.reg.name}_{t.name}",
        )

    def make_history(self) -> QTableWidget:
        return history_table(self, "record_history")

    def make_transition_dialog(self, t: Transition) -> QDialog:
        assert self.record is not None
        return transition_dialog(self.ctx, self.reg, t, self.record, self)

    def make_create_dialog(self) -> QDialog:
        return RecordDialog(self.ctx, self.reg, None, self)

    def offers_edit(self) -> bool:
        """Whether the dock has an Edit button (a register with its own edit form says so)."""
        return self.reg.edit_perm is not None and bool(self.reg.editable)

    def make_edit_dialog(self) -> QDialog:
        return RecordDialog(self.ctx, self.reg, self.record, self)

    def make_void_dialog(self) -> QDialog:
        assert self.record is not None
        return VoidDialog(self.ctx, self.reg, self.record, self)

    def after_transition(self, t: Transition, result: dict[str, Any] | None) -> None:
        """After a transition saved: the card shows the record as it is now, and the slip the
        transition `prints` of the document it issued opens in the preview."""
        record_id = (result or self.record or {}).get("id")
        if record_id:
            self.load_record(int(record_id))
        self.ctx.bus.status_message.emit(
            self.tr("{action}: {record} saved.").format(
                action=labels.transition_label(self.reg, t),
                record=record_title(self.reg, self.record),
            )
        )
        if t.prints:
            self.print_issued(t)
        self._focus_at_hand()

    def print_issued(self, t: Transition) -> PdfPreviewDialog | None:
        """The preview of slip `t.prints` of the document the record's last `t` row names
        (the loan a lend opened, or a return closed)."""
        number = next(
            (e.get("document") or "" for e in reversed(self.history_rows) if e["kind"] == t.name),
            "",
        )
        reg = registry.prefixes().get(number.split("-")[0]) if "-" in number else None
        if reg is None:
            return None
        try:
            hit = scan.resolve(self.ctx.actor, number)
        except PropDeskError:
            return None
        return self.print_slip(t.prints, hit.record_id, reg.name, number)

    def event_label(self, kind: str) -> str:
        """A trail row's kind in words: a transition, or one of the kit's own events."""
        if any(t.name == kind for t in self.reg.transitions):
            return labels.transition_label(self.reg, kind)
        words = {
            "created": self.tr("Registered"),
            "voided": self.tr("Voided"),
            "edited": self.tr("Edited"),
            "returned": self.tr("Loan returned"),
            "contents": self.tr("Contents changed"),
        }
        return words.get(kind, kind)

    def is_overdue(self, record: dict[str, Any]) -> bool:
        """Past its due time while still open (the register's Today rule)."""
        spec = self.reg.today
        due = record.get(self.reg.due_field)
        if spec is None or not isinstance(due, datetime) or record.get("voided_at"):
            return False
        if spec.open_states and record.get(self.reg.state_field) not in spec.open_states:
            return False
        return due < datetime.now()

    def at_hand(self) -> QPushButton | None:
        """The button the clerk most likely wants now: the first allowed transition."""
        return next((b for b in self.transition_buttons.values() if b.isEnabled()), None)

    # -- the record --------------------------------------------------------------------------

    def load_record(self, record_id: int) -> dict[str, Any] | None:
        history: list[dict[str, Any]] = []
        if not record_id:
            self.record = None
        else:
            try:
                self.record = kit.record(self.ctx.actor, self.reg.name, record_id)
                if self.reg.trail:
                    history = kit.history(self.ctx.actor, self.reg.name, record_id)
            except PropDeskError as exc:
                self.ctx.bus.status_message.emit(describe_error(exc).text)
                self.record = None
        self.history_rows = history
        self._show()
        self.record_loaded.emit(self.record)
        return self.record

    def card_text(self, name: str, record: dict[str, Any]) -> str:
        try:
            f = self.reg.field(name)
        except KeyError:
            return format_value(record.get(name))
        value = record.get(name)
        if f.kind == "ref":
            return str(record.get(f"{name}_label") or "") or "—"
        if f.choices:
            return labels.choice_label(self.reg, f, value, name) or "—"
        text = format_value(value, name, self.reg.name)
        return text or "—"

    def _show(self) -> None:
        record = self.record
        if record is None:
            self.heading.setText(self.tr("Nothing selected"))
            for label in self.card_values.values():
                label.setText("—")
                label.setStyleSheet("")
                self.card.setRowVisible(label, True)
            self.problem.setVisible(False)
            self.history.setRowCount(0)
            self._update_buttons()
            return
        heading = record_title(self.reg, record)
        if self.reg.states:
            heading += "  ·  " + labels.state_label(self.reg, record.get(self.reg.state_field))
        self.heading.setText(heading)
        for name, label in self.card_values.items():
            text = self.card_text(name, record)
            label.setText(text)
            label.setStyleSheet("")
            # Steps not taken yet (returned —, picked up —) stay off the card: on a 1366×768
            # desk the buttons under it stay in view.
            self.card.setRowVisible(label, text not in ("", "—"))
        problems = []
        if record.get("voided_at"):
            problems.append(
                self.tr("Voided {at}: {reason}").format(
                    at=format_datetime(record["voided_at"]), reason=record.get("void_reason") or ""
                )
            )
        elif self.is_overdue(record):
            problems.append(
                self.tr("Overdue since {due}").format(
                    due=format_datetime(record[self.reg.due_field])
                )
            )
            due_label = self.card_values.get(self.reg.due_field)
            if due_label is not None:
                due_label.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.problem.setText("\n".join(problems))
        self.problem.setVisible(bool(problems))
        show_history(self.history, self.history_rows, self.event_label)
        self._update_buttons()

    def _update_buttons(self) -> None:
        actor = self.ctx.actor
        record = self.record
        select_first = self.tr("Select a record first.")
        if record is None:
            for button in self.transition_buttons.values():
                guard(button, False, select_first)
        else:
            for t, why in kit.allowed_transitions(actor, self.reg.name, record):
                button = self.transition_buttons[t.name]
                help_text = labels.transition_help(self.reg, t)
                guard(button, why is None, tr_msg(why) if why else help_text)
                if why is None:
                    button.setToolTip(help_text or labels.transition_label(self.reg, t))
        if self.reg.create_perm is not None:
            guard(self.new_button, actor.can(self.reg.create_perm), not_your_role())
            if self.new_button.isEnabled():
                self.new_button.setToolTip(self.tr("A new record (Ctrl+N)"))
        voided = bool(record and record.get("voided_at"))
        for button, perm in (
            (self.edit_button, self.reg.edit_perm),
            (self.void_button, self.reg.void_perm),
        ):
            if perm is None:
                continue
            if record is None:
                guard(button, False, select_first)
            elif not actor.can(perm):
                guard(button, False, not_your_role())
            elif voided:
                guard(button, False, self.tr("This record is voided."))
            elif button is self.void_button and "voided_at" not in record:
                guard(button, False, self.tr("Records of this register are not voided."))
            else:
                guard(button, True)
                button.setToolTip("")
        for name, button in self.print_buttons.items():
            per_record = getattr(self._slip(name), "per_record", True)
            guard(button, record is not None or not per_record, select_first)

    def _focus_at_hand(self) -> None:
        button = self.at_hand()
        if button is not None:
            button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.view.table.setFocus()

    def _activated(self, record_id: int) -> None:
        if record_id != (self.record or {}).get("id"):
            self.load_record(record_id)
        button = self.at_hand()
        if button is not None:
            button.click()

    def _register_changed(self, name: str) -> None:
        if name in self.changed and self.record is not None:
            self.load_record(self.record["id"])

    def _filters_changed(self) -> None:
        values = {name: box.currentData() for name, box in self.filter_boxes.items()}
        self.view.set_filters({k: v for k, v in values.items() if v not in (None, "")})

    def show_all(self) -> None:
        """Widen the list so any record is in it: no search, every filter on its "all" option."""
        if self.view.search_text():
            self.view.set_search_text("")
        for flt in self.reg.list.filters:
            box = self.filter_boxes[flt.name]
            wide = next((o[0] for o in flt.options if o[3] is None), None)
            if wide is not None:
                box.setCurrentIndex(box.findData(wide))

    def show_record(self, register: str, record_id: int) -> None:
        """Open a record (scan box, Today panel): select it, the obvious step at hand."""
        if register != self.reg.name:
            self.show_other(register, record_id)
            return
        if not self.view.select_id(record_id):
            self.show_all()
            self.view.select_id(record_id)
        if self.record is None or self.record.get("id") != record_id:
            self.load_record(record_id)
        self._focus_at_hand()

    def show_other(self, register: str, record_id: int) -> None:
        """A record of another register this dock was asked to show (DockSpec.registers)."""

    def act_on_record(self, register: str, record_id: int) -> None:
        """Scanned again: the first allowed transition's form (Lend a file on the shelf, Return
        a lent one)."""
        self.show_record(register, record_id)
        if register == self.reg.name:
            button = self.at_hand()
            if button is not None:
                button.click()

    # -- actions -----------------------------------------------------------------------------

    def start_transition(self, name: str) -> QDialog | None:
        button = self.transition_buttons.get(name)
        if self.record is None or button is None or not button.isEnabled():
            return None
        t = self.reg.transition(name)
        return self.open_dialog(
            self.make_transition_dialog(t), lambda result: self.after_transition(t, result)
        )

    def new_record(self) -> QDialog | None:
        perm = self.reg.create_perm
        if perm is None or not self.ctx.actor.can(perm):
            return None
        return self.open_dialog(self.make_create_dialog(), self._saved)

    def edit_record(self) -> QDialog | None:
        if self.record is None or not self.edit_button.isEnabled():
            return None
        return self.open_dialog(self.make_edit_dialog(), self._saved)

    def void_record(self) -> QDialog | None:
        if self.record is None or not self.void_button.isEnabled():
            return None
        return self.open_dialog(self.make_void_dialog(), self._saved)

    def _saved(self, result: dict[str, Any] | None) -> None:
        if result and result.get("id"):
            self.show_record(self.reg.name, int(result["id"]))

    def print_slip(
        self,
        slip_name: str,
        record_id: int | None = None,
        register: str | None = None,
        what: str = "",
    ) -> PdfPreviewDialog | None:
        """The slip's preview (Print with Enter or Ctrl+P): of the current record, of every
        selected one when several are, or another register's when asked (a file's dock shows
        the loan's lending slip)."""
        reg = registry.get(register) if register else self.reg
        slip = next((s for s in reg.slips if s.name == slip_name), None)
        if slip is None:
            return None
        box = self.paper_boxes.get(slip_name) if reg is self.reg else None
        paper = box.currentData() if box is not None else None
        actor = self.ctx.actor
        title = labels.slip_label(reg, slip)
        if not getattr(slip, "per_record", True):  # a list (the overdue list): no record
            build: Callable[[], bytes] = lambda: slips.print_list(  # noqa: E731
                actor, reg.name, slip_name, paper
            )
        else:
            if record_id is None:
                ids = [] if register else self.selected_ids()
                if not ids:
                    return None
                if len(ids) > 1:  # the selected rows: one PDF (a run of labels, an A4 sheet)
                    build = lambda: slips.print_slips(  # noqa: E731
                        actor, reg.name, slip_name, ids, paper
                    )
                    what = self.tr("{n} records").format(n=len(ids))
                    return self.preview(build, f"{title} {what}")
                record_id = ids[0]
            rid = record_id
            build = lambda: slips.print_slip(actor, reg.name, slip_name, rid, paper)  # noqa: E731
            what = what or (record_title(reg, self.record) if reg is self.reg else "")
            title = f"{title} {what}".strip()
        return self.preview(build, title)

    def _slip(self, name: str) -> Any:
        return next((s for s in self.reg.slips if s.name == name), None)

    # -- small helpers -----------------------------------------------------------------------

    def _paper_box(self, slip: Any) -> QComboBox:
        from app.printing.pages import preset

        box = QComboBox(self)
        box.setObjectName(f"{self.reg.name}_paper_{slip.name}")
        box.setToolTip(self.tr("Paper"))
        for paper in slip.papers:
            try:
                title = preset(paper).title
            except Exception:  # noqa: BLE001 - an unknown preset still prints by name
                title = paper
            box.addItem(title, paper)
        return box


def dock_spec(
    register: Register,
    icon: str,
    order: int,
    factory: Callable[[UiContext], QWidget] | None = None,
    **more: Any,
) -> DockSpec:
    """The main window's dock of a declared register (`add_dock(dock_spec(...))`): `dock_<name>`,
    titled with the declared title, for roles with its view permission, holding `factory`
    (default a plain RegisterDock)."""
    return DockSpec(
        object_name=f"dock_{register.name}",
        title=register.en,  # "Docks" titles of registers come from the declaration (labels.py)
        icon=icon,
        registers=(register.name,),
        factory=factory or (lambda ctx: RegisterDock(ctx, register.name)),
        permission=register.view_perm,
        order=order,
        **more,
    )


__all__ = ["RegisterDock", "TRANSITION_ICONS", "dock_spec", "record_title"]
