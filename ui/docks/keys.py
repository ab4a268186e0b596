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
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from app.registers.keys import KEY_LOANS, KEYS
from app.rules.roles import Perm
from app.services import keys
from app.services.keys import KeyView, LoanView
from ui.context import UiContext
from ui.docks.registry import DockSpec, add_dock
from ui.errors import ERROR_COLOR, describe_error, show_error
from ui.formatting import format_datetime
from ui.kit import labels
from ui.lazy import lazy_import
from ui.models.register_model import RegisterTableModel
from ui.widgets.dialog_host import DialogHost
from ui.widgets.list_detail import (
    card_value,
    guard,
    history_table,
    list_beside_panel,
    panel_button,
    record_heading,
    show_history,
)
from ui.widgets.pdf_preview import PdfPreviewDialog
from ui.widgets.register_view import RegisterView

documents = lazy_import("app.services.keys.printing")  # reportlab loads on first print

log = logging.getLogger(__name__)

# Headers, states, value words and the history's event kinds (the "event" value set) come from the
# key registers' declarations (app/registers/keys.py), through ui/kit/labels.py.

KEY_COLUMNS = ("code", "label", "unit", "key_count", "hook", "status", "holder", "due_at")
# (value, English): "" for every key, then the declared key states (their words: kit:keys).
KEY_FILTERS = (("", QT_TRANSLATE_NOOP("KeysDock", "All keys")),) + tuple(
    (s.value, s.en) for s in KEYS.states
)
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


class KeysDock(QWidget, _DialogHost):
    """Key list (status filter, multi-select for tags) beside the current key's card."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.key: KeyView | None = None
        self.loan: LoanView | None = None
        actor = ctx.actor
        self.can_lend = actor.can(Perm.KEYS_LEND)
        self.can_manage = actor.can(Perm.KEYS_MANAGE)
        self.can_stocktake = actor.can(Perm.KEYS_STOCKTAKE)

        self.view = RegisterView(
            ctx, "keys", KEY_COLUMNS, parent=self, also_refresh_on=("key_loans",)
        )
        self.view.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("keys_status_filter")
        self.status_filter.setToolTip(self.tr("Show keys by status"))
        for value, text in KEY_FILTERS:
            label = (
                labels.state_label(KEYS, value)
                if value
                else QCoreApplication.translate("KeysDock", text)
            )
            self.status_filter.addItem(label, value)
        self.status_filter.currentIndexChanged.connect(self._filter_changed)
        self.view.add_filter_widget(self.status_filter)

        # --- the key's card -------------------------------------------------------------------
        self.heading = record_heading(self, self.tr("No key selected"), "key_heading")
        self.fields: dict[str, QLabel] = {}
        card = QFormLayout()
        card.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for name, label in (
            ("code", self.tr("Code")),
            ("label", self.tr("Label")),
            ("place", self.tr("Unit / area")),
            ("key_count", self.tr("Keys in set")),
            ("hook", self.tr("Cabinet hook")),
            ("status", self.tr("Status")),
            ("holder", self.tr("Held by")),
            ("loan", self.tr("Open loan")),
            ("notes", self.tr("Notes")),
        ):
            value = card_value(self, f"key_{name}")
            card.addRow(label, value)
            self.fields[name] = value

        self.lend_button = panel_button(
            self, "loan", self.tr("Lend (借出)"), "key_lend", self.tr("Lend this key (Enter)")
        )
        self.return_button = panel_button(
            self, "return", self.tr("Return (归还)"), "key_return", self.tr("Take this key back")
        )
        self.slip_button = panel_button(
            self, "print", self.tr("Print slip"), "key_slip", self.tr("Print the open loan's slip")
        )
        self.tag_button = panel_button(
            self,
            "print",
            self.tr("Print tag (打印钥匙牌)"),
            "key_tag",
            self.tr("Print tags for the selected keys (select several with Shift/Ctrl)"),
        )
        self.tag_layout = QComboBox(self)
        self.tag_layout.setObjectName("key_tag_layout")
        self.tag_layout.addItem(self.tr("Label printer (50×30 mm)"), "label")
        self.tag_layout.addItem(self.tr("A4 sheet"), "a4_sheet")
        self.tag_layout.setToolTip(self.tr("Where the tags are printed"))
        self.edit_button = panel_button(
            self, "edit", self.tr("Edit"), "key_edit", self.tr("Edit this key")
        )
        self.new_button = panel_button(
            self, "add", self.tr("New key"), "key_new", self.tr("Register a key (Ctrl+N)")
        )
        self.retire_button = panel_button(
            self, "void", self.tr("Retire"), "key_retire", self.tr("Take this key out of use")
        )
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
        self.lend_button.clicked.connect(self.lend)
        self.return_button.clicked.connect(self.return_key)
        self.slip_button.clicked.connect(self.print_slip)
        self.tag_button.clicked.connect(self.print_tags)
        self.edit_button.clicked.connect(self.edit_key)
        self.new_button.clicked.connect(self.new_key)
        self.retire_button.clicked.connect(self.retire_key)
        self.receive_button.clicked.connect(lambda: self.handover("receive"))
        self.issue_button.clicked.connect(lambda: self.handover("issue"))
        self.custodian_button.clicked.connect(self.custodian)
        self.stocktake_button.clicked.connect(self.stocktake)
        shortcut = QShortcut(QKeySequence("Ctrl+N"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.new_key)

        actions = QGridLayout()
        actions.addWidget(self.lend_button, 0, 0)
        actions.addWidget(self.return_button, 0, 1)
        actions.addWidget(self.slip_button, 1, 0)
        actions.addWidget(self.tag_button, 1, 1)
        actions.addWidget(self.tag_layout, 2, 1)
        actions.addWidget(self.edit_button, 3, 0)
        actions.addWidget(self.retire_button, 3, 1)
        cabinet_title = QLabel(self.tr("Cabinet"), self)
        cabinet_title.setStyleSheet("font-weight: bold; margin-top: 6px;")
        actions.addWidget(cabinet_title, 4, 0, 1, 2)
        actions.addWidget(self.new_button, 5, 0)
        actions.addWidget(self.stocktake_button, 5, 1)
        actions.addWidget(self.receive_button, 6, 0)
        actions.addWidget(self.issue_button, 6, 1)
        actions.addWidget(self.custodian_button, 7, 0, 1, 2)

        self.history = history_table(self, "key_history")

        panel = QWidget(self)
        panel_layout = QVBoxLayout(panel)
        panel_layout.addWidget(self.heading)
        panel_layout.addLayout(card)
        panel_layout.addLayout(actions)
        panel_layout.addWidget(QLabel(self.tr("History"), panel))
        panel_layout.addWidget(self.history, 1)
        self.splitter = list_beside_panel(self, self.view, panel, 340)
        self.setFocusProxy(self.view)

        self.view.current_changed.connect(self.load_key)
        self.view.activated.connect(self._activated)
        ctx.bus.register_changed.connect(self._register_changed)
        self._update_buttons()

    # --- the current key ------------------------------------------------------------------------

    def _filter_changed(self) -> None:
        self.view.set_filters(status=self.status_filter.currentData() or None)

    def load_key(self, key_id: int) -> KeyView | None:
        if not key_id:
            self.key = None
            self.loan = None
            self._show()
            return None
        try:
            self.key = keys.get_key(self.ctx.actor, key_id)
            self.loan = (
                keys.open_loan_for_key(self.ctx.actor, self.key.code)
                if self.key.open_loan_number
                else None
            )
            history = keys.key_history(self.ctx.actor, key_id)
        except PropDeskError as exc:
            self.ctx.bus.status_message.emit(describe_error(exc).text)
            self.key, self.loan = None, None
            history = []
        self._show(history)
        return self.key

    def _show(self, history: list[dict[str, Any]] | None = None) -> None:
        k = self.key
        if k is None:
            self.heading.setText(self.tr("No key selected"))
            for label in self.fields.values():
                label.setText("—")
            self.history.setRowCount(0)
            self._update_buttons()
            return
        self.heading.setText(f"{k.code}  {k.label}")
        values = {
            "code": k.code,
            "label": k.label,
            "place": " · ".join(p for p in (k.unit_code or "", k.area) if p) or "—",
            "key_count": str(k.key_count),
            "hook": k.hook or "—",
            "status": labels.state_label(KEYS, k.status),
            "holder": k.holder or "—",
            "notes": k.notes or "—",
            "loan": "—",
        }
        if self.loan is not None:
            late = self.loan.status == "overdue"
            values["loan"] = self.tr("{number} — {name}, due {due}{late}").format(
                number=self.loan.number,
                name=self.loan.borrower_name,
                due=format_datetime(self.loan.due_at),
                late=f" ({labels.state_label(KEY_LOANS, 'overdue')})" if late else "",
            )
        for name, text in values.items():
            self.fields[name].setText(text)
        overdue = self.loan is not None and self.loan.status == "overdue"
        self.fields["loan"].setStyleSheet(
            f"color: {ERROR_COLOR}; font-weight: bold;" if overdue else ""
        )
        show_history(self.history, history or [], self.event_label)
        self._update_buttons()

    @staticmethod
    def event_label(kind: str) -> str:
        """A history row's kind in words: the key register's declared "event" value set."""
        return labels.value_label(KEYS, "event", kind)

    def _update_buttons(self) -> None:
        k = self.key
        status = k.status if k else None
        lend_ok = status == "in_cabinet"
        guard(self.lend_button, self.can_lend and lend_ok)
        if self.can_lend and not lend_ok:
            self.lend_button.setToolTip(
                self.tr("Select a key that is in the cabinet.")
                if k is None
                else self.tr("This key is not in the cabinet ({status}).").format(
                    status=labels.state_label(KEYS, status)
                )
            )
        elif self.can_lend:
            self.lend_button.setToolTip(self.tr("Lend this key (Enter)"))
        out = self.loan is not None
        guard(self.return_button, self.can_lend and out)
        if self.can_lend and not out:
            self.return_button.setToolTip(self.tr("This key is not out on loan."))
        guard(self.slip_button, out, self.tr("This key is not out on loan."))
        guard(self.tag_button, k is not None, self.tr("Select one or more keys."))
        guard(self.edit_button, self.can_manage and k is not None)
        guard(
            self.retire_button,
            self.can_manage and k is not None and status not in ("retired", "lent"),
            "" if not self.can_manage else self.tr("Not for a key out on loan or already retired."),
        )
        for b in (self.new_button, self.receive_button, self.issue_button):
            guard(b, self.can_manage)
        guard(self.custodian_button, self.can_lend)
        guard(self.stocktake_button, self.can_stocktake)

    def at_hand(self) -> QPushButton:
        """The button the clerk most likely wants for the current key."""
        if self.loan is not None and self.return_button.isEnabled():
            return self.return_button
        if self.lend_button.isEnabled():
            return self.lend_button
        return self.slip_button if self.slip_button.isEnabled() else self.tag_button

    def _focus_at_hand(self) -> None:
        button = self.at_hand()
        if button.isEnabled():
            button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.view.table.setFocus()

    def _activated(self, key_id: int) -> None:
        if key_id != (self.key.id if self.key else 0):
            self.load_key(key_id)
        button = self.at_hand()
        if button in (self.lend_button, self.return_button) and button.isEnabled():
            button.click()

    def _register_changed(self, name: str) -> None:
        if name in ("keys", "key_loans") and self.key is not None:
            self.load_key(self.key.id)

    def show_record(self, register: str, record_id: int) -> None:
        """Open a record from the scan box / overdue list: select the key, Lend/Return at hand."""
        if register != "keys":
            self.show_document(register, record_id)
            return
        if not self.view.select_id(record_id):
            if self.view.search_text():
                self.view.set_search_text("")
            if self.status_filter.currentIndex() != 0:
                self.status_filter.setCurrentIndex(0)
            self.view.select_id(record_id)
        if self.key is None or self.key.id != record_id:
            self.load_key(record_id)
        self._focus_at_hand()

    def act_on_record(self, register: str, record_id: int) -> None:
        """Scanned again: open Lend for a key in the cabinet, Return for a lent one."""
        self.show_record(register, record_id)
        if register == "keys":
            button = self.at_hand()
            if button in (self.lend_button, self.return_button) and button.isEnabled():
                button.click()

    def selected_codes(self) -> list[str]:
        rows = sorted({i.row() for i in self.view.table.selectionModel().selectedRows()})
        codes = [r["code"] for r in (self.view.model.row_dict(row) for row in rows) if r]
        if not codes and self.key is not None:
            codes = [self.key.code]
        return codes

    # --- actions --------------------------------------------------------------------------------

    def lend(self) -> QDialog | None:
        if self.key is None or not self.lend_button.isEnabled():
            return None
        from ui.dialogs.key_lend import KeyLendDialog

        return self.open_dialog(KeyLendDialog(self.ctx, self.key, self), self._lent)

    def _lent(self, loan: LoanView | None) -> None:
        if self.key is not None:
            self.load_key(self.key.id)
        self.slip_button.setFocus()  # Enter now prints the slip

    def return_key(self) -> QDialog | None:
        if self.loan is None or not self.return_button.isEnabled():
            return None
        from ui.dialogs.key_return import KeyReturnDialog

        return self.open_dialog(KeyReturnDialog(self.ctx, self.loan, self), self._returned)

    def _returned(self, loan: LoanView | None) -> None:
        if self.key is not None:
            self.load_key(self.key.id)
        self.view.table.setFocus()

    def print_slip(self) -> PdfPreviewDialog | None:
        if self.loan is None:
            return None
        return self.preview_loan_slip(self.loan.number)

    def tag_pdf_bytes(self) -> bytes:
        return documents.key_tags_pdf(
            self.ctx.actor, self.selected_codes(), layout=str(self.tag_layout.currentData())
        )

    def print_tags(self) -> PdfPreviewDialog | None:
        codes = self.selected_codes()
        if not codes:
            return None
        return self.preview(
            self.tag_pdf_bytes,
            self.tr("Key tags {codes}").format(
                codes=", ".join(codes[:3]) + (" …" if len(codes) > 3 else "")
            ),
        )

    def new_key(self) -> QDialog | None:
        if not self.can_manage:
            return None
        from ui.dialogs.key_edit import KeyEditDialog

        return self.open_dialog(KeyEditDialog(self.ctx, None, self), self._saved_key)

    def edit_key(self) -> QDialog | None:
        if self.key is None or not self.can_manage:
            return None
        from ui.dialogs.key_edit import KeyEditDialog

        return self.open_dialog(KeyEditDialog(self.ctx, self.key, self), self._saved_key)

    def _saved_key(self, key: KeyView | None) -> None:
        if key is None:
            return
        self.show_record("keys", key.id)

    def retire_key(self) -> QDialog | None:
        if self.key is None or not self.retire_button.isEnabled():
            return None
        from ui.dialogs.key_edit import KeyRetireDialog

        return self.open_dialog(KeyRetireDialog(self.ctx, self.key, self), self._saved_key)

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
        from ui.dialogs.key_return import KeyReturnDialog

        return self.open_dialog(KeyReturnDialog(self.ctx, self.loan, self), self._returned)

    def _returned(self, loan: LoanView | None) -> None:
        if loan is not None:
            self.load_loan(loan.id)
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
