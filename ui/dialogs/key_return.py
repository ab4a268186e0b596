"""归还 — take a lent key back, recording its condition.

Damaged or lost needs the borrower's statement (说明); the service says so and the dialog shows
it under the statement field. The borrower may sign on the pad (optional).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from app.registers.keys import KEY_LOANS
from app.services import keys
from app.services.keys import LoanView
from ui.context import UiContext
from ui.dialogs.key_common import ServiceFormDialog
from ui.errors import ERROR_COLOR
from ui.formatting import format_datetime
from ui.kit import labels
from ui.widgets.form import choice_box
from ui.widgets.signature_pad import SignatureField

CONDITION = KEY_LOANS.field("return_condition")  # good, damaged, lost — declared with the loans


def _condition_label(value: str) -> str:
    return labels.value_label(KEY_LOANS, CONDITION.name, value)


class KeyReturnDialog(ServiceFormDialog):
    def __init__(
        self,
        ctx: UiContext,
        loan: LoanView,
        parent: QWidget | None = None,
        *,
        now: datetime | None = None,
        lost: bool = False,
    ) -> None:
        super().__init__(ctx, parent)
        self.loan = loan
        self._now = now
        self.setObjectName("key_return_dialog")
        self.setWindowTitle(self.tr("Return key {code}").format(code=loan.key_code))
        self.ok_button.setText(self.tr("Take back (Enter)"))
        form = self.form
        late = loan.status == "overdue"
        summary = QLabel(
            self.tr(
                "<b>{number}</b> — {code} {label}<br>Borrower: {name} {org}<br>"
                "Lent {lent} by {by}; due {due}{late}"
            ).format(
                number=loan.number,
                code=loan.key_code,
                label=loan.key_label,
                name=loan.borrower_name,
                org=loan.borrower_org,
                lent=format_datetime(loan.lent_at),
                by=loan.lent_by,
                due=format_datetime(loan.due_at),
                late=(
                    f" — <span style='color:{ERROR_COLOR}'>"
                    f"{labels.state_label(KEY_LOANS, 'overdue')}</span>"
                )
                if late
                else "",
            )
        )
        summary.setWordWrap(True)
        form.add_field("code", self.tr("Loan"), summary)
        self.condition_box = choice_box(
            [(c.value, _condition_label(c.value)) for c in CONDITION.choices]
        )
        form.add_field("condition", self.tr("Condition"), self.condition_box, required=True)
        self.statement_edit = QPlainTextEdit()
        self.statement_edit.setTabChangesFocus(True)
        self.statement_edit.setFixedHeight(64)
        self.statement_edit.setPlaceholderText(
            self.tr("Borrower's statement (说明) — required when damaged or lost")
        )
        form.add_field("statement", self.tr("Statement"), self.statement_edit)
        self.signature = SignatureField(self, signer_name=loan.borrower_name)
        form.add_field("signature", self.tr("Borrower's signature"), self.signature)
        if lost:  # Report lost (遗失): the statement is what is asked first
            self.condition_box.setCurrentIndex(self.condition_box.findData("lost"))
        self.resize(520, 520)
        (self.statement_edit if lost else self.condition_box).setFocus()

    def submit(self) -> LoanView:
        extra = {"now": self._now} if self._now is not None else {}
        return keys.return_key(
            self.ctx.actor,
            self.loan.number,
            condition=str(self.condition_box.currentData()),
            statement=self.statement_edit.toPlainText().strip(),
            signature=self.signature.signature(),
            **extra,
        )

    def after_save(self, view: LoanView) -> None:
        self.ctx.bus.register_changed.emit("keys")
        self.ctx.bus.register_changed.emit("key_loans")
        self.ctx.bus.status_message.emit(
            self.tr("{code} is back ({condition}); loan {number} closed.").format(
                code=view.key_code,
                condition=_condition_label(view.return_condition),
                number=view.number,
            )
        )
