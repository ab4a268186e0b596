"""Key loans (借用): lending a key from the cabinet, taking it back, and looking loans up.

Lend, return and report lost are the key register's kit transitions (app/registers/keys: the
rules, the due time by the cut-off, the loan they open and close); the functions here are the
desk's intents by key code or loan number, and turn a key in the wrong state into a message by
the code field, naming who holds it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.errors import NotFound, ValidationError, WrongState
from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.kit import services as kit
from app.models import Key, KeyLoan
from app.registers.keys import KEYS, RETURN_CONDITIONS
from app.registers.keys.rules import END_OF_DAY, loan_cutoff_due, open_loan
from app.rules.roles import Perm
from app.services.context import Actor
from app.services.keys.codes import _norm_code
from app.services.keys.trail import _fmt, _now
from app.services.keys.views import (
    LoanView,
    _find_key_row,
    _loan_select,
    _loan_view,
    _loan_view_from,
)
from app.services.signatures import SignatureInput
from app.services.tx import read_service, write_service

__all__ = ["END_OF_DAY", "loan_cutoff_due"]


def _step(
    actor: Actor,
    key: Key,
    name: str,
    inputs: dict[str, Any],
    signature: SignatureInput | None,
    now: datetime | None,
) -> None:
    """The key's transition `name`; a key in the wrong state is refused by the code field."""
    try:
        kit.apply_transition(actor, KEYS, KEYS.transition(name), key, None, inputs, signature, now)
    except WrongState as exc:
        raise ValidationError({"code": str(exc)}) from None


@write_service(Perm.KEYS_LEND)
def lend_key(
    actor: Actor,
    code: str,
    *,
    borrower_kind: str,
    borrower_staff_id: int | None = None,
    borrower_name: str = "",
    borrower_phone: str = "",
    borrower_org: str = "",
    purpose: str = "",
    document_ref: str = "",
    approved_by: str = "",
    due_at: datetime | None = None,
    signature: SignatureInput | None = None,
    now: datetime | None = None,
) -> LoanView:
    """Lend a key from the cabinet (钥匙借用登记表), number `YS-YYYY-NNNNN`.

    Staff borrower (`borrower_kind="staff"`): an active staff member; name, phone (when not given)
    and department come from the staff record; the purpose is required.
    External borrower (`"external"`): name, document reference (证件/文件号) and the approving
    leader are required; a phone, when given, must be a valid mainland number.
    Due: see app/registers/keys/rules.py (same day, by the cut-off; never later, never past).
    """
    key = Key.get_or_none(Key.code == _norm_code(code))
    if key is None:
        raise ValidationError(
            {
                "code": Msg(
                    QT_TRANSLATE_NOOP("app", "No key has the code {code}."),
                    code=(code or "").strip(),
                )
            }
        )
    inputs = {
        "borrower_kind": borrower_kind,
        "borrower_staff_id": borrower_staff_id,
        "borrower_name": borrower_name,
        "borrower_phone": borrower_phone,
        "borrower_org": borrower_org,
        "purpose": purpose,
        "document_ref": document_ref,
        "approved_by": approved_by,
        "due_at": due_at,
    }
    _step(actor, key, "lend", inputs, signature, now)
    loan = open_loan(key.id)
    assert loan is not None
    return _loan_view(loan.id)


def _open_loan_for(code_or_number: str) -> tuple[KeyLoan | None, str | None]:
    """(open loan, error message) for a key code or a YS- number."""
    text = (code_or_number or "").strip()
    if text.upper().startswith("YS-"):
        loan = KeyLoan.get_or_none((KeyLoan.number == text.upper()) & KeyLoan.voided_at.is_null())
        if loan is None:
            return None, Msg(
                QT_TRANSLATE_NOOP("app", "There is no key loan {number}."), number=text
            )
        if loan.returned_at is not None:
            return None, Msg(
                QT_TRANSLATE_NOOP("app", "Loan {number} was already closed on {at}."),
                number=loan.number,
                at=_fmt(loan.returned_at),
            )
        return loan, None
    key = Key.get_or_none(Key.code == _norm_code(text))
    if key is None:
        return None, Msg(QT_TRANSLATE_NOOP("app", "No key has the code {code}."), code=text)
    loan = open_loan(key.id)
    if loan is None:
        return None, QT_TRANSLATE_NOOP("app", "This key is not out on loan.")
    return loan, None


@write_service(Perm.KEYS_LEND)
def return_key(
    actor: Actor,
    code_or_number: str,
    *,
    condition: str = "good",
    statement: str = "",
    signature: SignatureInput | None = None,
    now: datetime | None = None,
) -> LoanView:
    """Take a lent key back, by key code or loan number, recording its condition.

    `damaged` and `lost` need the borrower's statement (说明) and are marked reported up
    (SPEC: damage or loss is reported up). Damaged: the key goes back into the cabinet with the
    damage noted on it. Lost (the `lose` transition): the loan is closed and the key is `lost`.
    """
    loan, problem = _open_loan_for(code_or_number)
    if problem:
        raise ValidationError({"code": problem})
    if condition not in RETURN_CONDITIONS:
        raise ValidationError(
            {"condition": QT_TRANSLATE_NOOP("app", "Choose good, damaged or lost.")}
        )
    assert loan is not None
    key = Key.get_by_id(loan.key_id)
    if condition == "lost":
        _step(actor, key, "lose", {"statement": statement}, signature, now)
    else:
        inputs = {"condition": condition, "statement": statement}
        _step(actor, key, "return", inputs, signature, now)
    return _loan_view(loan.id)


@read_service(Perm.KEYS_VIEW)
def get_loan(actor: Actor, number: str) -> LoanView:
    row = _loan_select().where(KeyLoan.number == (number or "").strip().upper()).get_or_none()
    if row is None:
        raise NotFound(
            Msg(QT_TRANSLATE_NOOP("app", "There is no key loan {number}."), number=number)
        )
    return _loan_view_from(row)


@read_service(Perm.KEYS_VIEW)
def open_loan_for_key(actor: Actor, code: str) -> LoanView | None:
    key = _find_key_row(code)
    row = (
        _loan_select().where((KeyLoan.key == key.id) & KeyLoan.returned_at.is_null()).get_or_none()
    )
    return _loan_view_from(row) if row else None


@read_service(Perm.KEYS_VIEW)
def overdue_loans(actor: Actor, now: datetime | None = None) -> list[LoanView]:
    """Open loans past their due time, the longest overdue first (the desk's morning list)."""
    now = _now(now)
    rows = (
        _loan_select()
        .where(KeyLoan.returned_at.is_null() & (KeyLoan.due_at < now))
        .order_by(KeyLoan.due_at, KeyLoan.id)
    )
    return [_loan_view_from(r, now) for r in rows]
