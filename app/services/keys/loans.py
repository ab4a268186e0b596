"""Key loans (借用): lending a key from the cabinet, taking it back, and looking loans up.

Due time of a loan (当天借当天还): a loan is due back the same day by the office cut-off
(`office_settings "key_loan_cutoff"`, default 18:00). Lent before the cut-off → due at the cut-off
today. Lent at or after the cut-off → due by the end of that day (23:59:59), so a late loan is not
overdue the moment it is made. A clerk may set an earlier due time that day, never a later one and
never a time already past; a loan over several days is not possible.
"""

from __future__ import annotations

from datetime import datetime, time

from app.errors import NotFound, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.models import Key, KeyLoan, Staff
from app.registers.keys import KEY_LOANS, RETURN_CONDITIONS
from app.rules.identity import check_phone
from app.rules.roles import Perm
from app.services import numbering, office_settings
from app.services.context import Actor
from app.services.keys.codes import _norm_code
from app.services.keys.signature_checks import _check_signatures
from app.services.keys.trail import _append_note, _event, _fmt, _now, _who
from app.services.keys.views import (
    LoanView,
    _find_key_row,
    _loan_select,
    _loan_view,
    _loan_view_from,
)
from app.services.records import stamp_new, update_versioned
from app.services.signatures import SignatureInput, store_signature
from app.services.tx import audit, read_service, snapshot, write_service

END_OF_DAY = time(23, 59, 59)


def loan_cutoff_due(lent_at: datetime) -> datetime:
    """When a loan made at `lent_at` is due back by default (see the module docstring)."""
    cutoff = datetime.combine(lent_at.date(), office_settings.get_time("key_loan_cutoff"))
    if lent_at < cutoff:
        return cutoff
    return datetime.combine(lent_at.date(), END_OF_DAY)


def _not_in_cabinet_message(key: Key) -> str:
    if key.status == "lent":
        loan = (
            KeyLoan.select()
            .where(
                (KeyLoan.key == key.id)
                & KeyLoan.returned_at.is_null()
                & KeyLoan.voided_at.is_null()
            )
            .first()
        )
        if loan is not None:
            return Msg(
                QT_TRANSLATE_NOOP(
                    "app", "This key is out on loan {number} to {holder}, due {due}."
                ),
                number=loan.number,
                holder=loan.borrower_name,
                due=_fmt(loan.due_at),
            )
        return Msg(QT_TRANSLATE_NOOP("app", "This key is out with {holder}."), holder=key.holder)
    if key.status == "issued":
        return Msg(
            QT_TRANSLATE_NOOP("app", "This key was issued to {holder}; it is not in the cabinet."),
            holder=key.holder,
        )
    if key.status == "lost":
        return QT_TRANSLATE_NOOP("app", "This key is reported lost.")
    return QT_TRANSLATE_NOOP("app", "This key is retired.")


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
    Due: see the module docstring (same day, by the cut-off; never later, never in the past).
    """
    now = _now(now)
    errors: dict[str, str] = {}
    key = Key.get_or_none(Key.code == _norm_code(code))
    if key is None:
        errors["code"] = Msg(
            QT_TRANSLATE_NOOP("app", "No key has the code {code}."), code=(code or "").strip()
        )
    elif key.status != "in_cabinet":
        errors["code"] = _not_in_cabinet_message(key)

    name = borrower_name.strip()
    org = borrower_org.strip()
    phone, phone_problem = check_phone(borrower_phone)
    staff = None
    if borrower_kind == "staff":
        if borrower_staff_id is None:
            errors["borrower_staff_id"] = QT_TRANSLATE_NOOP("app", "Choose the staff member.")
        else:
            staff = Staff.get_or_none(Staff.id == borrower_staff_id)
            if staff is None or not staff.active:
                errors["borrower_staff_id"] = QT_TRANSLATE_NOOP(
                    "app", "Only an active staff member can borrow as staff."
                )
            else:
                name = staff.name
                org = org or staff.department.name
                if not phone and not phone_problem:
                    phone = staff.phone or ""
        if not purpose.strip():
            errors["purpose"] = QT_TRANSLATE_NOOP("app", "Staff borrowing a key state the purpose.")
    elif borrower_kind == "external":
        if not name:
            errors["borrower_name"] = QT_TRANSLATE_NOOP("app", "Enter the borrower's name.")
        elif len(name) > 64:
            errors["borrower_name"] = Msg(QT_TRANSLATE_NOOP("app", "At most {n} characters."), n=64)
        if not document_ref.strip():
            errors["document_ref"] = QT_TRANSLATE_NOOP(
                "app", "An outside borrower needs a document reference (证件/文件号)."
            )
        if not approved_by.strip():
            errors["approved_by"] = QT_TRANSLATE_NOOP(
                "app", "An outside borrower needs the approving leader's name."
            )
    else:
        errors["borrower_kind"] = QT_TRANSLATE_NOOP("app", "Choose staff or outside borrower.")
    if phone_problem:
        errors["borrower_phone"] = phone_problem

    latest = loan_cutoff_due(now)
    if due_at is None:
        due_at = latest
    elif due_at.date() != now.date():
        errors["due_at"] = QT_TRANSLATE_NOOP(
            "app", "Keys are lent for the same day only (当天借当天还)."
        )
    elif due_at < now:
        errors["due_at"] = QT_TRANSLATE_NOOP("app", "The due time has already passed.")
    elif due_at > latest:
        errors["due_at"] = Msg(
            QT_TRANSLATE_NOOP("app", "Keys are due back by {time} at the latest."),
            time=latest.strftime("%H:%M"),
        )
    _check_signatures(errors, signature=signature)
    if errors:
        raise ValidationError(errors)
    assert key is not None

    signature_id = store_signature(actor, signature, "signature")
    number = numbering.next_number(KEY_LOANS.prefix, now)
    loan = KeyLoan.create(
        number=number,
        key=key.id,
        borrower_kind=borrower_kind,
        borrower_staff=staff.id if staff is not None else None,
        borrower_name=name,
        borrower_phone=phone,
        borrower_org=org,
        purpose=purpose.strip(),
        document_ref=document_ref.strip(),
        approved_by=approved_by.strip(),
        lent_at=now,
        lent_by=_who(actor),
        due_at=due_at,
        borrower_signature=signature_id,
        **stamp_new(actor),
    )
    update_versioned(
        actor, Key, key.id, key.version, {"status": "lent", "holder": name}, "lend key"
    )
    _event(actor, key.id, "lent", now, name, number)
    audit(actor, "lend key", "KeyLoan", loan.id, None, snapshot(loan))
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
    loan = (
        KeyLoan.select()
        .where(
            (KeyLoan.key == key.id) & KeyLoan.returned_at.is_null() & KeyLoan.voided_at.is_null()
        )
        .first()
    )
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
    damage noted on it. Lost: the loan is closed and the key's status becomes `lost`.
    """
    now = _now(now)
    errors: dict[str, str] = {}
    loan, problem = _open_loan_for(code_or_number)
    if problem:
        errors["code"] = problem
    if condition not in RETURN_CONDITIONS:
        errors["condition"] = QT_TRANSLATE_NOOP("app", "Choose good, damaged or lost.")
    elif condition in ("damaged", "lost") and not statement.strip():
        errors["statement"] = QT_TRANSLATE_NOOP(
            "app", "Damage or loss needs the borrower's statement (说明)."
        )
    if loan is not None and now < loan.lent_at:
        errors["now"] = QT_TRANSLATE_NOOP("app", "A key cannot come back before it was lent.")
    _check_signatures(errors, signature=signature)
    if errors:
        raise ValidationError(errors)
    assert loan is not None

    before = snapshot(loan)
    signature_id = store_signature(actor, signature, "signature")
    statement = statement.strip()
    KeyLoan.update(
        returned_at=now,
        returned_to=_who(actor),
        return_condition=condition,
        statement=statement,
        reported_up=condition in ("damaged", "lost"),
        return_signature=signature_id,
        updated_at=datetime.now(),
        updated_by=actor.username,
        version=KeyLoan.version + 1,
    ).where(KeyLoan.id == loan.id).execute()
    key = Key.get_by_id(loan.key_id)
    if condition == "lost":
        notes = _append_note(key.notes, f"[遗失 {loan.number} {_fmt(now)}] {statement}")
        changes = {"status": "lost", "holder": "", "notes": notes}
    elif condition == "damaged":
        notes = _append_note(key.notes, f"[损坏 {loan.number} {_fmt(now)}] {statement}")
        changes = {"status": "in_cabinet", "holder": "", "notes": notes}
    else:
        changes = {"status": "in_cabinet", "holder": ""}
    update_versioned(actor, Key, key.id, key.version, changes, "return key")
    kind = {"good": "returned", "damaged": "damaged", "lost": "lost"}[condition]
    _event(actor, key.id, kind, now, statement or loan.borrower_name, loan.number)
    audit(
        actor,
        "return key",
        "KeyLoan",
        loan.id,
        before,
        snapshot(KeyLoan.get_by_id(loan.id)),
    )
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
