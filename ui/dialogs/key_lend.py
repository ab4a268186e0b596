"""借出 — lend a key from the cabinet (钥匙借用登记表): the key register's `lend` transition form.

The inputs are the declaration's (app/registers/keys/register.py); what this form adds is what
the generic one cannot: staff borrowers are picked by name and state the purpose, outside
borrowers give their name, document reference (证件/文件号) and the approving leader — only the
inputs of the chosen kind are shown. The due time is a time of day, defaulting to the office
cut-off (当天借当天还), and may only be made earlier. Enter saves (off the GUI thread, as every kit
form); Ctrl+P saves and then prints the loan slip.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QTimeEdit, QWidget

from app.kit.declare import Field, Register, Transition
from app.services import keys
from app.services.keys import LoanView
from ui.context import UiContext
from ui.dialogs.key_common import print_direct
from ui.formatting import format_datetime
from ui.kit.transition_dialog import StaffRef, TransitionDialog, register_form
from ui.lazy import lazy_import

documents = lazy_import("app.services.keys.printing")  # reportlab loads on first print

STAFF_ONLY = ("borrower_staff_id",)
EXTERNAL_ONLY = ("borrower_name", "document_ref", "approved_by")


class KeyLendDialog(TransitionDialog):
    def __init__(
        self,
        ctx: UiContext,
        register: Register,
        transition: Transition,
        record: dict[str, Any],
        parent: QWidget | None = None,
    ) -> None:
        self._now = datetime.now()
        self._default_due = keys.loan_cutoff_due(self._now)
        super().__init__(ctx, register, transition, record, parent)
        self.setObjectName("key_lend_dialog")
        self.print_after_save = False
        self.kind_box: QComboBox = self.inputs["borrower_kind"]  # type: ignore[assignment]
        self.kind_box.setCurrentIndex(self.kind_box.findData("staff"))
        self.staff_edit: StaffRef = self.inputs["borrower_staff_id"]  # type: ignore[assignment]
        self.due_edit: QTimeEdit = self.inputs["due_at"]  # type: ignore[assignment]
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        shortcut.activated.connect(self.save_and_print)
        self.ok_button.setToolTip(self.tr("Lend the key (Enter); Ctrl+P: lend and print the slip"))
        self.resize(560, 660)
        self.kind_box.setFocus()

    def make_input(self, f: Field) -> QWidget:
        if f.name != "due_at":
            return super().make_input(f)
        edit = QTimeEdit()  # the same day only: a time, not a date
        edit.setDisplayFormat("HH:mm")
        edit.setTime(QTime(self._default_due.hour, self._default_due.minute))
        return edit

    def kind(self) -> str:
        return str(self.kind_box.currentData())

    def _kind_changed(self) -> None:
        external = self.kind() == "external"
        for name in STAFF_ONLY:
            self.form.set_field_visible(name, not external)
        for name in EXTERNAL_ONLY:
            self.form.set_field_visible(name, external)
        for name in STAFF_ONLY + EXTERNAL_ONLY:
            self.form.set_field_required(name, True)  # shown only for the kind that needs it
        self.form.set_field_required("purpose", not external)

    def values(self) -> dict[str, Any]:
        """The inputs of the chosen borrower kind; due_at only when made earlier."""
        hidden = STAFF_ONLY if self.kind() == "external" else EXTERNAL_ONLY
        values = {
            name: value
            for name, value in super().values().items()
            if name not in hidden and name != "due_at"
        }
        t = self.due_edit.time()
        if (t.hour(), t.minute()) != (self._default_due.hour, self._default_due.minute):
            values["due_at"] = self._now.replace(
                hour=t.hour(), minute=t.minute(), second=0, microsecond=0
            )
        return values

    def call_service(self, values: dict[str, Any], signature: Any) -> Any:
        """Lend, then read the loan it opened — both in the worker thread (the share may be slow)."""
        key = super().call_service(values, signature)
        return key, keys.open_loan_for_key(self.ctx.actor, str(key["code"]))

    def after_save(self, result: Any) -> None:
        super().after_save(result)
        _key, loan = result
        self.loan = loan
        if loan is None:
            return
        self.ctx.bus.status_message.emit(
            self.tr("Lent {code} to {name} as {number}, due {due}.").format(
                code=loan.key_code,
                name=loan.borrower_name,
                number=loan.number,
                due=format_datetime(loan.due_at),
            )
        )
        if self.print_after_save:
            print_direct(
                self.parentWidget(),
                lambda: documents.key_loan_pdf(self.ctx.actor, loan.number),
                self.tr("Key loan slip {number}").format(number=loan.number),
            )

    loan: LoanView | None = None

    def save_and_print(self) -> bool:
        """Ctrl+P: lend, and once saved print the slip straight away."""
        self.print_after_save = True
        return self.save()


register_form("key_lend", KeyLendDialog)
