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

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
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
from ui.widgets.register_view import RegisterView

documents = lazy_import("app.services.keys.printing")  # reportlab loads on first print
slips = lazy_import("app.kit.slips")

log = logging.getLogger(__name__)

# Headers, states, value words and the history's event kinds (the "event" value set) come from the
# key registers' declarations (app/registers/keys), through ui/kit/labels.py.

KEY_COLUMNS = ("code", "label", "unit", "key_count", "hook", "status", "holder", "due_at")
LOAN_FILTERS = (
    ("open", QT_TRANSLATE_NOOP("KeyLoansDock", "Open loans")),
    ("overdue", QT_TRANSLATE_NOOP("KeyLoansDock", "Overdue")),
    ("all", QT_TRANSLATE_NOOP("KeyLoansDock", "All loans")),
)


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


class KeyLoansDock(QWidget, _DialogHost):
    """The loan list (open / overdue / all) with the current loan, Return and Print slip."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loan: LoanView | None = None
        self.can_lend = ctx.actor.can(Perm.KEYS_LEND)
        self.view = RegisterView(ctx, "key_loans", parent=self, also_refresh_on=("keys",))
        self.loan_filter = QComboBox(self)
        self.loan_filter.setObjectName("loans_filter")
        for value, text in LOAN_FILTERS:
            self.loan_filter.addItem(QCoreApplication.translate("KeyLoansDock", text), value)
        self.loan_filter.currentIndexChanged.connect(self._filter_changed)
        self.view.add_filter_widget(self.loan_filter)
        self._filter_changed()

        self.detail = QLabel(self.tr("No loan selected"), self)
        self.detail.setObjectName("loan_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.return_button = panel_button(
            self, "return", self.tr("Return (归还)"), "loan_return", self.tr("Take the key back")
        )
        self.slip_button = panel_button(
            self, "print", self.tr("Print slip"), "loan_slip", self.tr("Print the loan slip")
        )
        self.return_button.clicked.connect(self.return_key)
        self.slip_button.clicked.connect(self.print_slip)
        buttons = QGridLayout()
        buttons.addWidget(self.return_button, 0, 0)
        buttons.addWidget(self.slip_button, 0, 1)
        panel = QWidget(self)
        panel_layout = QVBoxLayout(panel)
        panel_layout.addWidget(self.detail)
        panel_layout.addLayout(buttons)
        panel_layout.addStretch(1)
        panel.setMinimumWidth(300)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.view)
        splitter.addWidget(panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.setFocusProxy(self.view)
        self.view.current_changed.connect(self.load_loan)
        self.view.activated.connect(lambda _id: self._focus_at_hand())
        ctx.bus.register_changed.connect(self._register_changed)
        self._update_buttons()

    def _filter_changed(self) -> None:
        value = self.loan_filter.currentData()
        self.view.set_filters(
            open_only=True if value == "open" else None,
            overdue_only=True if value == "overdue" else None,
        )

    def load_loan(self, loan_id: int) -> LoanView | None:
        self.loan = None
        row = self.view.model.row_of_id(loan_id, fetch=False) if loan_id else -1
        data = self.view.model.row_dict(row) if row >= 0 else None
        if data is not None:
            try:
                self.loan = keys.get_loan(self.ctx.actor, data["number"])
            except PropDeskError as exc:
                self.ctx.bus.status_message.emit(describe_error(exc).text)
        self._show()
        return self.loan

    def _show(self) -> None:
        loan = self.loan
        if loan is None:
            self.detail.setText(self.tr("No loan selected"))
        else:
            lines = [
                f"<b>{loan.number}</b> — {labels.state_label(KEY_LOANS, loan.status)}",
                f"{loan.key_code} {loan.key_label}",
                self.tr("Borrower: {name} ({kind}) {org}").format(
                    name=loan.borrower_name,
                    kind=labels.value_label(KEY_LOANS, "borrower_kind", loan.borrower_kind),
                    org=loan.borrower_org,
                ),
                self.tr("Purpose: {purpose}").format(purpose=loan.purpose or "—"),
                self.tr("Lent {at} by {by}").format(
                    at=format_datetime(loan.lent_at), by=loan.lent_by
                ),
                self.tr("Due {due}").format(due=format_datetime(loan.due_at)),
            ]
            if loan.approved_by:
                lines.append(self.tr("Approved by {name}").format(name=loan.approved_by))
            if loan.returned_at:
                lines.append(
                    self.tr("Returned {at} to {to}: {condition}").format(
                        at=format_datetime(loan.returned_at),
                        to=loan.returned_to or "",
                        condition=labels.value_label(
                            KEY_LOANS, "return_condition", loan.return_condition
                        ),
                    )
                )
                if loan.statement:
                    lines.append(self.tr("Statement: {text}").format(text=loan.statement))
            self.detail.setText("<br>".join(lines))
        self._update_buttons()

    def _update_buttons(self) -> None:
        open_ = self.loan is not None and self.loan.returned_at is None
        guard(self.return_button, self.can_lend and open_)
        if self.can_lend and not open_:
            self.return_button.setToolTip(self.tr("Select an open loan."))
        guard(self.slip_button, self.loan is not None, self.tr("Select a loan."))

    def _focus_at_hand(self) -> None:
        button = self.return_button if self.return_button.isEnabled() else self.slip_button
        if button.isEnabled():
            button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _register_changed(self, name: str) -> None:
        if name in ("keys", "key_loans") and self.loan is not None:
            self.load_loan(self.loan.id)

    def show_record(self, register: str, record_id: int) -> None:
        if register != "key_loans":
            self.show_document(register, record_id)
            return
        if not self.view.select_id(record_id):
            if self.view.search_text():
                self.view.set_search_text("")
            self.loan_filter.setCurrentIndex(self.loan_filter.findData("all"))
            self.view.select_id(record_id)
        if self.loan is None or self.loan.id != record_id:
            self.load_loan(record_id)
        self._focus_at_hand()

    def act_on_record(self, register: str, record_id: int) -> None:
        """Scanned again: take the key back if the loan is open, else show its slip."""
        self.show_record(register, record_id)
        if register == "key_loans":
            if self.return_button.isEnabled():
                self.return_button.click()
            elif self.slip_button.isEnabled():
                self.slip_button.click()

    def return_key(self) -> QDialog | None:
        if self.loan is None or not self.return_button.isEnabled():
            return None
        try:
            dialog = key_return.return_form(self.ctx, self.loan, self)
        except PropDeskError as exc:
            show_error(self, exc)
            return None
        return self.open_dialog(dialog, self._returned)

    def _returned(self, _key: Any) -> None:
        if self.loan is not None:
            self.load_loan(self.loan.id)
        self.slip_button.setFocus()

    def print_slip(self) -> PdfPreviewDialog | None:
        if self.loan is None:
            return None
        return self.preview_loan_slip(self.loan.number)


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
