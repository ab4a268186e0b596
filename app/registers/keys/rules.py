"""What is special about lending keys (钥匙借用登记表), as the key register's transition rules:
field checks that depend on the borrower kind, the same-day due time, and the handlers that open
and close the loan (KeyLoan) while the kit moves the key itself (`app.kit.services`).

Due time of a loan (当天借当天还): a loan is due back the same day by the office cut-off
(`office_settings "key_loan_cutoff"`, default 18:00). Lent before the cut-off → due at the cut-off
today. Lent at or after the cut-off → due by the end of that day (23:59:59), so a late loan is not
overdue the moment it is made. A clerk may set an earlier due time that day, never a later one and
never a time already past; a loan over several days is not possible.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, time
from typing import Any

from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.kit import registry
from app.kit.declare import Context
from app.models import Key, KeyLoan, Staff
from app.rules.identity import check_phone
from app.services import office_settings

END_OF_DAY = time(23, 59, 59)


def fmt(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def append_note(notes: str, line: str) -> str:
    """A dated line under a key's notes (damage, loss, retirement)."""
    return (notes.rstrip() + "\n" + line).strip()


def loan_cutoff_due(lent_at: datetime) -> datetime:
    """When a loan made at `lent_at` is due back by default (see the module docstring)."""
    cutoff = datetime.combine(lent_at.date(), office_settings.get_time("key_loan_cutoff"))
    if lent_at < cutoff:
        return cutoff
    return datetime.combine(lent_at.date(), END_OF_DAY)


def open_loan(key_id: int) -> KeyLoan | None:
    return (
        KeyLoan.select()
        .where(
            (KeyLoan.key == key_id) & KeyLoan.returned_at.is_null() & KeyLoan.voided_at.is_null()
        )
        .first()
    )


def whereabouts(key: Key) -> str:
    """Who has a key that is not in the cabinet, for the refusal of a lend or a retirement."""
    loan = open_loan(key.id) if key.status == "lent" else None
    if loan is not None:
        return Msg(
            QT_TRANSLATE_NOOP("app", "This key is out on loan {number} to {holder}, due {due}."),
            number=loan.number,
            holder=loan.borrower_name,
            due=fmt(loan.due_at),
        )
    return key.holder or ""


def not_in_cabinet(key: Key) -> str:
    """Why a key cannot be handed over from the cabinet (handover lines)."""
    if key.status == "lent":
        return whereabouts(key) or Msg(
            QT_TRANSLATE_NOOP("app", "This key is out with {holder}."), holder=key.holder
        )
    if key.status == "issued":
        return Msg(
            QT_TRANSLATE_NOOP("app", "This key was issued to {holder}; it is not in the cabinet."),
            holder=key.holder,
        )
    if key.status == "lost":
        return QT_TRANSLATE_NOOP("app", "This key is reported lost.")
    return QT_TRANSLATE_NOOP("app", "This key is retired.")


# -- field checks that depend on the borrower kind ------------------------------------------------


def needed_for(kind: str, message: str) -> Callable[[Any, Mapping[str, Any]], str | None]:
    """A lend input the borrower kind `kind` must give."""

    def check(value: Any, values: Mapping[str, Any]) -> str | None:
        return message if values.get("borrower_kind") == kind and not value else None

    return check


def valid_phone(value: Any, values: Mapping[str, Any]) -> str | None:
    return check_phone(value or "")[1] if value else None


def statement_needed(value: Any, values: Mapping[str, Any]) -> str | None:
    """Damage or loss is reported up with the borrower's statement."""
    if not value and values.get("condition", "lost") in ("damaged", "lost"):
        return QT_TRANSLATE_NOOP("app", "Damage or loss needs the borrower's statement (说明).")
    return None


# -- lending ------------------------------------------------------------------------------------


def check_lend(ctx: Context) -> dict[str, str]:
    """Same day only, by the cut-off at the latest, never already past."""
    due, now = ctx.inputs.get("due_at"), ctx.now
    latest = loan_cutoff_due(now)
    if due is None:
        return {}
    if due.date() != now.date():
        return {
            "due_at": QT_TRANSLATE_NOOP(
                "app", "Keys are lent for the same day only (当天借当天还)."
            )
        }
    if due < now:
        return {"due_at": QT_TRANSLATE_NOOP("app", "The due time has already passed.")}
    if due > latest:
        return {
            "due_at": Msg(
                QT_TRANSLATE_NOOP("app", "Keys are due back by {time} at the latest."),
                time=latest.strftime("%H:%M"),
            )
        }
    return {}


def lend(ctx: Context) -> None:
    """The key left the cabinet: open the loan (number YS-…); a staff borrower's name, phone and
    department come from the staff record."""
    from app.kit.services import insert_record, who

    v = ctx.inputs
    name, org = v.get("borrower_name") or "", v.get("borrower_org") or ""
    phone = check_phone(v.get("borrower_phone") or "")[0]
    staff = None
    if v["borrower_kind"] == "staff":
        staff = Staff.get_by_id(v["borrower_staff_id"])
        name, org, phone = staff.name, org or staff.department.name, phone or staff.phone or ""
    data = {
        "key": ctx.record.id,
        "borrower_kind": v["borrower_kind"],
        "borrower_staff": staff.id if staff is not None else None,
        "borrower_name": name,
        "borrower_phone": phone,
        "borrower_org": org,
        "purpose": v.get("purpose") or "",
        "document_ref": v.get("document_ref") or "",
        "approved_by": v.get("approved_by") or "",
        "lent_at": ctx.now,
        "lent_by": who(ctx.actor),
        "due_at": v.get("due_at") or loan_cutoff_due(ctx.now),
        "borrower_signature": ctx.signature_id,
    }
    loan = insert_record(ctx.actor, registry.get("key_loans"), data, ctx.now, detail=name)
    Key.update(holder=name).where(Key.id == ctx.record.id).execute()
    ctx.document, ctx.detail, ctx.event = loan.number, name, "lent"


# -- taking a key back ----------------------------------------------------------------------------


def check_return(ctx: Context) -> dict[str, str]:
    loan = open_loan(ctx.record.id)
    if loan is not None and ctx.now < loan.lent_at:
        return {"now": QT_TRANSLATE_NOOP("app", "A key cannot come back before it was lent.")}
    return {}


def take_back(ctx: Context) -> None:
    """Close the key's open loan with its condition. Damaged: back in the cabinet with the damage
    noted on the key; lost (the `lose` transition): the key's status is `lost`. Both are marked
    reported up (SPEC: damage or loss is reported up)."""
    from app.kit.services import who

    condition = ctx.inputs.get("condition") or "lost"
    statement = ctx.inputs.get("statement") or ""
    loan = open_loan(ctx.record.id)
    if loan is not None:
        KeyLoan.update(
            returned_at=ctx.now,
            returned_to=who(ctx.actor),
            return_condition=condition,
            statement=statement,
            reported_up=condition in ("damaged", "lost"),
            return_signature=ctx.signature_id,
            updated_at=datetime.now(),
            updated_by=ctx.actor.username,
            version=KeyLoan.version + 1,
        ).where(KeyLoan.id == loan.id).execute()
    changes: dict[str, Any] = {"holder": ""}
    if condition != "good":
        word = "遗失" if condition == "lost" else "损坏"
        number = loan.number if loan is not None else ""
        changes["notes"] = append_note(
            ctx.record.notes, f"[{word} {number} {fmt(ctx.now)}] {statement}"
        )
    Key.update(**changes).where(Key.id == ctx.record.id).execute()
    ctx.document = loan.number if loan is not None else ""
    ctx.detail = statement or (loan.borrower_name if loan is not None else "")
    ctx.event = {"good": "returned", "damaged": "damaged", "lost": "lost"}[condition]


def retire(ctx: Context) -> None:
    """Out of use (报废, lock changed, written off after a loss): the reason goes on the key."""
    reason = ctx.inputs["reason"]
    notes = append_note(ctx.record.notes, f"[报废 {fmt(ctx.now)}] {reason}")
    Key.update(holder="", notes=notes).where(Key.id == ctx.record.id).execute()
    ctx.detail, ctx.event = reason, "retired"
