"""钥匙 — the key register: the key list with the current key's card, and the loan list.

Keyboard first: a scanned key tag (open_record("keys", id)) selects the key and puts Lend (key in
the cabinet) or Return (key out) under the cursor, so scan → Enter → fill → Enter lends a key.
A scanned loan number selects the loan with Return or Print slip at hand. Scanned handover (JJ-)
and stocktake (QD-) numbers open their printed sheet.

Buttons a role may not use stay visible but disabled, with a tooltip saying why; the services
check the permission anyway. Dialogs open window-modally without a nested event loop
(`key_common.open_window`); `self.active_dialog` is the one open now.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from app.errors import PropDeskError
from app.kit.declare import Transition
from app.registers.keys import KEY_LOANS, KEYS
from app.rules.roles import Perm
from app.services import keys
from app.services.keys import KeyView, LoanView
from ui.context import UiContext
from ui.dialogs import key_lend, key_return  # noqa: F401 - register the lend and return forms
from ui.docks.registry import DockSpec, add_dock
from ui.errors import ERROR_COLOR, describe_error, show_error
from ui.formatting import format_datetime
from ui.kit import labels
from ui.kit.register_dock import RegisterDock
from ui.lazy import lazy_import
from ui.models.register_model import RegisterTableModel
from ui.widgets.dialog_host import DialogHost
from ui.widgets.list_detail import (
    card_value,
    guard,
    panel_button,
)
from ui.widgets.pdf_preview import PdfPreviewDialog

documents = lazy_import("app.services.keys.printing")  # reportlab loads on first print
slips = lazy_import("app.kit.slips")

log = logging.getLogger(__name__)

# Headers, states, value words and the history's event kinds (the "event" value set) come from the
# key registers' declarations (app/registers/keys), through ui/kit/labels.py.

KEY_COLUMNS = ("code", "label", "unit", "key_count", "hook", "status", "holder", "due_at")


class _DialogHost(DialogHost):
    """The key docks' dialogs and their printed sheets."""

    ctx: UiContext

    def preview_handover(self, number: str) -> PdfPreviewDialog | None:
        actor = self.ctx.actor
        return self.preview(
            lambda: documents.key_handover_pdf(actor, number),
            QCoreApplication.translate("KeysDock", "Key handover sheet {number}").format(
                number=number
            ),
        )

    def preview_stocktake(self, number_or_id: str | int) -> PdfPreviewDialog | None:
        actor = self.ctx.actor
        return self.preview(
            lambda: documents.key_stocktake_pdf(actor, number_or_id),
            QCoreApplication.translate("KeysDock", "Key stocktake report {number}").format(
                number=number_or_id
            ),
        )

    def preview_loan_slip(self, number: str) -> PdfPreviewDialog | None:
        actor = self.ctx.actor
        return self.preview(
            lambda: documents.key_loan_pdf(actor, number),
            QCoreApplication.translate("KeysDock", "Key loan slip {number}").format(number=number),
        )

    def show_document(self, register: str, record_id: int) -> bool:
        """Scanned JJ-/QD- numbers: their printed sheet in the preview."""
        if register == "key_stocktakes":
            self.preview_stocktake(record_id)
            return True
        if register == "key_handovers":
            model = RegisterTableModel(self.ctx.actor, "key_handovers", autoload=False)
            try:
                model.refresh()
                row = model.row_of_id(record_id)
            except PropDeskError as exc:
                show_error(self, exc)  # type: ignore[arg-type]
                return False
            data = model.row_dict(row) if row >= 0 else None
            if data is None:
                return False
            self.preview_handover(data["number"])
            return True
        return False


# ---------------------------------------------------------------------------------------------


class KeysDock(RegisterDock, _DialogHost):
    """The key register's dock on the kit (ui/kit/register_dock.py): the list with the current
    key's card, its declared steps (Lend, Return, Report lost, Retire), the open loan and the
    cabinet's own work (new keys, receive, issue, custodian handover, stocktake)."""

    loan: LoanView | None = None  # the current key's open loan
    _key: KeyView | None = None

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "keys", parent, columns=KEY_COLUMNS)
        actor = ctx.actor
        self.can_lend = actor.can(Perm.KEYS_LEND)
        self.can_manage = actor.can(Perm.KEYS_MANAGE)
        self.can_stocktake = actor.can(Perm.KEYS_STOCKTAKE)
        self.lend_button = self.transition_buttons["lend"]
        self.return_button = self.transition_buttons["return"]
        self.tag_button = self.print_buttons["tag"]
        self.tag_layout = self.paper_boxes["tag"]
        self.fields = self.card_values
        self._update_buttons()

    # -- generated pieces the key register adds to ---------------------------------------------

    def make_card(self) -> QFormLayout:
        card = super().make_card()
        loan = card_value(self, "key_loan")
        card.addRow(self.tr("Open loan"), loan)
        self.card_values["loan"] = loan
        return card

    def make_extra_panel(self) -> QWidget:
        """The open loan's slip, then the cabinet: new keys, receive, issue, custodian, count."""
        panel = QWidget(self)
        grid = QGridLayout(panel)
        grid.setContentsMargins(0, 0, 0, 0)
        self.slip_button = panel_button(
            self, "print", self.tr("Print slip"), "key_slip", self.tr("Print the open loan's slip")
        )
        self.slip_button.clicked.connect(self.print_loan_slip)
        grid.addWidget(self.slip_button, 0, 0, 1, 2)
        cabinet_title = QLabel(self.tr("Cabinet"), panel)
        cabinet_title.setStyleSheet("font-weight: bold; margin-top: 6px;")
        grid.addWidget(cabinet_title, 1, 0, 1, 2)
        self.receive_button = panel_button(
            self,
            "handover",
            self.tr("Receive (接收)"),
            "key_receive",
            self.tr("Keys come into the cabinet"),
        )
        self.issue_button = panel_button(
            self,
            "handover",
            self.tr("Issue (发放)"),
            "key_issue",
            self.tr("Keys handed to an owner"),
        )
        self.custodian_button = panel_button(
            self,
            "handover",
            self.tr("Custodian handover (内部交接)"),
            "key_custodian",
            self.tr("Hand the cabinet to a stand-in"),
        )
        self.stocktake_button = panel_button(
            self,
            "stocktake",
            self.tr("Stocktake (清点)"),
            "key_stocktake",
            self.tr("Count the cabinet by scanning"),
        )
        self.receive_button.clicked.connect(lambda: self.handover("receive"))
        self.issue_button.clicked.connect(lambda: self.handover("issue"))
        self.custodian_button.clicked.connect(self.custodian)
        self.stocktake_button.clicked.connect(self.stocktake)
        grid.addWidget(self.stocktake_button, 2, 0)
        grid.addWidget(self.receive_button, 2, 1)
        grid.addWidget(self.issue_button, 3, 0)
        grid.addWidget(self.custodian_button, 3, 1)
        return panel

    def make_transition_dialog(self, t: Transition) -> QDialog:
        if t.name in ("return", "lose") and self.loan is not None and self.record is not None:
            step = KEYS.transition(t.name)  # the card's open loan: no second lookup
            return key_return.KeyReturnDialog(
                self.ctx, KEYS, step, self.record, self, loan=self.loan
            )
        return super().make_transition_dialog(t)

    def make_create_dialog(self) -> QDialog:
        from ui.dialogs.key_edit import KeyEditDialog

        return KeyEditDialog(self.ctx, None, self)

    def offers_edit(self) -> bool:
        return True  # the key's own form (codes, unit or area), not the kit's

    def make_edit_dialog(self) -> QDialog:
        from ui.dialogs.key_edit import KeyEditDialog

        return KeyEditDialog(self.ctx, self.key, self)

    def after_transition(self, t: Transition, result: Any) -> None:
        if self.record is not None:
            self.load_record(int(self.record["id"]))
        if t.name == "lend" and self.slip_button.isEnabled():
            self.slip_button.setFocus()  # Enter now prints the slip
        elif t.name == "retire":
            super().after_transition(t, None)
        else:
            self.view.table.setFocus()

    @staticmethod
    def event_label(kind: str) -> str:
        """A history row's kind in words: the key register's declared "event" value set."""
        return labels.value_label(KEYS, "event", kind)

    def at_hand(self) -> QPushButton | None:
        """Return for a lent key, Lend for one in the cabinet, else the slip or the tag."""
        for button in (self.return_button, self.lend_button, self.slip_button, self.tag_button):
            if button.isEnabled():
                return button
        return None

    # -- the current key ------------------------------------------------------------------------

    @property
    def key(self) -> KeyView | None:
        return self._key

    def load_record(self, record_id: int) -> dict[str, Any] | None:
        self._key, self.loan = None, None
        if record_id:
            try:
                self._key = keys.get_key(self.ctx.actor, record_id)
                if self._key.open_loan_number:
                    self.loan = keys.open_loan_for_key(self.ctx.actor, self._key.code)
            except PropDeskError as exc:
                self.ctx.bus.status_message.emit(describe_error(exc).text)
        return super().load_record(record_id)

    load_key = load_record

    def card_text(self, name: str, record: dict[str, Any]) -> str:
        if name != "loan":
            return super().card_text(name, record)
        loan = self.loan
        if loan is None:
            return "—"
        late = loan.status == "overdue"
        return self.tr("{number} — {name}, due {due}{late}").format(
            number=loan.number,
            name=loan.borrower_name,
            due=format_datetime(loan.due_at),
            late=f" ({labels.state_label(KEY_LOANS, 'overdue')})" if late else "",
        )

    def _show(self) -> None:
        super()._show()
        overdue = self.loan is not None and self.loan.status == "overdue"
        self.card_values["loan"].setStyleSheet(
            f"color: {ERROR_COLOR}; font-weight: bold;" if overdue else ""
        )

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if not hasattr(self, "can_manage"):  # the kit's dock is still being built
            return
        guard(self.slip_button, self.loan is not None, self.tr("This key is not out on loan."))
        for b in (self.receive_button, self.issue_button):
            guard(b, self.can_manage)
        guard(self.custodian_button, self.can_lend)
        guard(self.stocktake_button, self.can_stocktake)

    def show_other(self, register: str, record_id: int) -> None:
        self.show_document(register, record_id)

    def selected_codes(self) -> list[str]:
        rows = sorted({i.row() for i in self.view.table.selectionModel().selectedRows()})
        codes = [r["code"] for r in (self.view.model.row_dict(row) for row in rows) if r]
        if not codes and self.key is not None:
            codes = [self.key.code]
        return codes

    # -- actions --------------------------------------------------------------------------------

    def lend(self) -> QDialog | None:
        return self.start_transition("lend")

    def return_key(self) -> QDialog | None:
        return self.start_transition("return")

    def print_loan_slip(self) -> PdfPreviewDialog | None:
        if self.loan is None:
            return None
        return self.preview_loan_slip(self.loan.number)

    def tag_pdf_bytes(self) -> bytes:
        return slips.print_slips(
            self.ctx.actor, "keys", "tag", self.selected_ids(), self.tag_layout.currentData()
        )

    def print_tags(self) -> PdfPreviewDialog | None:
        return self.print_slip("tag")

    def new_key(self) -> QDialog | None:
        return self.new_record()

    def _saved(self, result: Any) -> None:
        if result is not None:
            self.show_record("keys", int(result.id))

    def handover(self, kind: str) -> QDialog | None:
        if not self.can_manage:
            return None
        from ui.dialogs.key_handover import KeyHandoverDialog

        return self.open_dialog(KeyHandoverDialog(self.ctx, kind, self), self._handed_over)

    def custodian(self) -> QDialog | None:
        if not self.can_lend:
            return None
        from ui.dialogs.key_handover import CustodianHandoverDialog

        return self.open_dialog(CustodianHandoverDialog(self.ctx, self), self._handed_over)

    def _handed_over(self, view: Any) -> None:
        if view is not None:
            self.ctx.bus.status_message.emit(
                self.tr("Saved handover {number}.").format(number=view.number)
            )
            self.preview_handover(view.number)

    def stocktake(self) -> QDialog | None:
        if not self.can_stocktake:
            return None
        from ui.dialogs.key_stocktake import KeyStocktakeDialog

        return self.open_dialog(KeyStocktakeDialog(self.ctx, self), lambda _v: None)


# ---------------------------------------------------------------------------------------------


class KeyLoansDock(RegisterDock, _DialogHost):
    """The loan list (open / overdue / all, declared) with the current loan's card: Return and
    Report lost act on its key (the key's kit steps), Print slip prints the loan slip."""

    loan: LoanView | None = None

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "key_loans", parent)
        self.can_lend = ctx.actor.can(Perm.KEYS_LEND)
        self.return_button = self._step_buttons["return"]
        self.lost_button = self._step_buttons["lose"]
        self.slip_button = self.print_buttons["loan_slip"]
        self._update_buttons()

    def make_extra_panel(self) -> QWidget:
        """The key's Return and Report lost, labelled as the key register declares them."""
        panel = QWidget(self)
        grid = QGridLayout(panel)
        grid.setContentsMargins(0, 0, 0, 0)
        self._step_buttons: dict[str, QPushButton] = {}
        for i, name in enumerate(("return", "lose")):
            t = KEYS.transition(name)
            button = panel_button(
                self,
                "return" if name == "return" else "void",
                labels.transition_label(KEYS, t),
                f"loan_{name}",
            )
            button.clicked.connect(lambda _=False, lost=name == "lose": self.return_key(lost=lost))
            grid.addWidget(button, 0, i)
            self._step_buttons[name] = button
        return panel

    def load_record(self, record_id: int) -> dict[str, Any] | None:
        record = super().load_record(record_id)
        self.loan = None
        if record is not None:
            try:
                self.loan = keys.get_loan(self.ctx.actor, record["number"])
            except PropDeskError as exc:
                self.ctx.bus.status_message.emit(describe_error(exc).text)
        self._update_buttons()
        return record

    load_loan = load_record

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if not hasattr(self, "can_lend"):  # the kit's dock is still being built
            return
        open_ = self.loan is not None and self.loan.returned_at is None
        for button in self._step_buttons.values():
            guard(button, self.can_lend and open_)
            if self.can_lend and not open_:
                button.setToolTip(self.tr("Select an open loan."))

    def at_hand(self) -> QPushButton | None:
        for button in (self.return_button, self.slip_button):
            if button.isEnabled():
                return button
        return None

    def return_key(self, lost: bool = False) -> QDialog | None:
        if self.loan is None or not self._step_buttons["lose" if lost else "return"].isEnabled():
            return None
        try:
            dialog = key_return.return_form(self.ctx, self.loan, self, lost=lost)
        except PropDeskError as exc:
            show_error(self, exc)
            return None
        return self.open_dialog(dialog, self._returned)

    def _returned(self, _key: Any) -> None:
        if self.loan is not None:
            self.load_record(self.loan.id)
        self.slip_button.setFocus()

    def show_other(self, register: str, record_id: int) -> None:
        self.show_document(register, record_id)


add_dock(
    DockSpec(
        object_name="dock_keys",
        title=QT_TRANSLATE_NOOP("Docks", "Keys"),
        icon="key",
        registers=("keys", "key_handovers", "key_stocktakes"),
        factory=KeysDock,
        shortcut="Ctrl+1",
        area="right",
        tags=("keys",),
        order=10,
    )
)
add_dock(
    DockSpec(
        object_name="dock_key_loans",
        title=QT_TRANSLATE_NOOP("Docks", "Key loans"),
        icon="loan",
        registers=("key_loans",),
        factory=KeyLoansDock,
        shortcut="Ctrl+2",
        area="right",
        tags=("keys",),
        order=11,
    )
)

__all__ = ["KeyLoansDock", "KeysDock"]
