"""归还 / 报失 — take a lent key back, or report it lost: the key register's `return` and `lose`
transition forms.

The inputs are the declaration's (condition good or damaged, the borrower's statement); what this
form adds is the open loan on top (number, borrower, due, overdue in red) and the borrower's
name under the signature pad. Damaged or lost needs the statement (说明): the service says so
under the statement field. Saving runs off the GUI thread, as every kit form.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

from app.kit.declare import Register, Transition
from app.registers.keys import KEY_LOANS, KEYS
from app.services import keys
from app.services.keys import LoanView
from ui.context import UiContext
from ui.errors import ERROR_COLOR
from ui.formatting import format_datetime
from ui.kit import labels
from ui.kit.transition_dialog import TransitionDialog, register_form


def _summary(loan: LoanView) -> str:
    late = loan.status == "overdue"
    return QCoreApplication.translate(
        "KeyReturnDialog",
        "<b>{number}</b> — {code} {label}<br>Borrower: {name} {org}<br>"
        "Lent {lent} by {by}; due {due}{late}",
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


class KeyReturnDialog(TransitionDialog):
    def __init__(
        self,
        ctx: UiContext,
        register: Register,
        transition: Transition,
        record: dict[str, Any],
        parent: QWidget | None = None,
        *,
        loan: LoanView | None = None,
    ) -> None:
        super().__init__(ctx, register, transition, record, parent)
        self.setObjectName("key_return_dialog")
        # The dock that opens the form has the loan on its card already; else it is looked up.
        self.loan = loan or keys.open_loan_for_key(ctx.actor, str(record["code"]))
        if self.loan is not None:
            self.intro.setText(_summary(self.loan))
            self.intro.setVisible(True)
            if self.signature is not None:
                self.signature.set_signer_name(self.loan.borrower_name)
        self.condition_box: QComboBox | None = self.inputs.get("condition")  # type: ignore[assignment]
        self.statement_edit: QPlainTextEdit = self.inputs["statement"]  # type: ignore[assignment]
        self.resize(520, 540)
        (self.condition_box or self.statement_edit).setFocus()

    def call_service(self, values: dict[str, Any], signature: Any) -> Any:
        """Take back, then read the closed loan — both in the worker thread."""
        key = super().call_service(values, signature)
        return key, keys.get_loan(self.ctx.actor, self.loan.number) if self.loan else None

    def after_save(self, result: Any) -> None:
        super().after_save(result)
        _key, loan = result
        if loan is None:
            return
        self.ctx.bus.status_message.emit(
            self.tr("{code} is back ({condition}); loan {number} closed.").format(
                code=loan.key_code,
                condition=labels.value_label(KEY_LOANS, "return_condition", loan.return_condition),
                number=loan.number,
            )
        )


def return_form(
    ctx: UiContext, loan: LoanView, parent: QWidget | None = None, *, lost: bool = False
) -> KeyReturnDialog:
    """The return (or report-lost) form for a loan picked in the loans list."""
    from app.kit import services as kit

    record = kit.record(ctx.actor, KEYS.name, loan.key_id)
    step = KEYS.transition("lose" if lost else "return")
    return KeyReturnDialog(ctx, KEYS, step, record, parent, loan=loan)


register_form("key_return", KeyReturnDialog)
