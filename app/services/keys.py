"""钥匙收发与使用 / 钥匙借用 — the key register (SPEC §3.1).

One function per user intent; each checks its permission, validates everything before it writes
anything, writes in one transaction (document number, KeyEvent trail and audit inside it) and
returns frozen views, never model instances.

Permissions (rules/roles.py):
- KEYS_VIEW: look keys, loans, handovers and stocktakes up; the register lists; the scan box.
- KEYS_LEND: lend and take back keys, and the custodian handover (内部交接) — the desk staff who
  keep the cabinet (seed: 客服助理负责钥匙借用及钥匙整理(管理)工作).
- KEYS_MANAGE: register, edit and retire keys; receive (接收) and issue (发放) keys.
- KEYS_STOCKTAKE: the stocktake (清点).

Due time of a loan (当天借当天还): a loan is due back the same day by the office cut-off
(`office_settings "key_loan_cutoff"`, default 18:00). Lent before the cut-off → due at the cut-off
today. Lent at or after the cut-off → due by the end of that day (23:59:59), so a late loan is not
overdue the moment it is made. A clerk may set an earlier due time that day, never a later one and
never a time already past; a loan over several days is not possible.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

import peewee

from app.errors import NotFound, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.models import (
    Key,
    KeyEvent,
    KeyHandover,
    KeyHandoverLine,
    KeyLoan,
    KeyStocktake,
    KeyStocktakeScan,
    Party,
    Signature,
    Staff,
    Unit,
)
from app.models.keys import KEY_STATUSES, RETURN_CONDITIONS
from app.rules.identity import check_phone, mask_phone
from app.rules.roles import Perm
from app.services import listing, numbering, office_settings, scan
from app.services.context import Actor
from app.services.listing import ListRequest, RegisterList
from app.services.records import stamp_new, update_versioned
from app.services.signatures import MAX_BYTES, PNG_MAGIC, SignatureInput, store_signature
from app.services.tx import audit, read_service, snapshot, write_service

BORROWER_KINDS = ("staff", "external")
HANDOVER_KINDS = ("receive", "issue", "custodian")
LOAN_STATUSES = ("out", "overdue", "returned", "damaged", "lost")
AUTO_CODE_PREFIX = "K"
AUTO_CODE_DIGITS = 5
END_OF_DAY = time(23, 59, 59)

# Code 128 carries printable ASCII; a space is legal in Code 128 but scanners and typing mangle it.
_CODE_RE = re.compile(r"^[\x21-\x7e]+$")
# The scan box resolves document numbers (YS-2026-00017 …) by their prefix, so a key code may not
# start with one of those prefixes.
_DOCUMENT_PREFIXES = tuple(f"{p}-" for p in numbering.PREFIXES)


# ---------------------------------------------------------------------------------------------
# Views returned to the UI


@dataclass(frozen=True)
class KeyView:
    id: int
    code: str
    label: str
    unit_code: str | None
    area: str
    key_count: int
    hook: str
    status: str  # in_cabinet / lent / issued / lost / retired
    holder: str
    notes: str
    version: int
    open_loan_number: str | None
    due_at: datetime | None


@dataclass(frozen=True)
class LoanView:
    id: int
    number: str
    key_id: int
    key_code: str
    key_label: str
    borrower_kind: str
    borrower_name: str
    borrower_phone: str
    borrower_org: str
    purpose: str
    document_ref: str
    approved_by: str
    lent_at: datetime
    lent_by: str
    due_at: datetime
    returned_at: datetime | None
    returned_to: str | None
    return_condition: str | None
    statement: str
    reported_up: bool
    status: str  # out / overdue / returned / damaged / lost
    borrower_signature_png: bytes | None
    return_signature_png: bytes | None


@dataclass(frozen=True)
class HandoverView:
    number: str
    kind: str  # receive / issue / custodian
    from_name: str
    to_name: str
    at: datetime
    notes: str
    lines: list[tuple[str, str, int]]  # (key_code, key_label, key_count)
    from_signature_png: bytes | None
    to_signature_png: bytes | None


@dataclass(frozen=True)
class StocktakeResult:
    id: int
    number: str
    started_at: datetime
    finished_at: datetime | None
    done_by: str
    counted: list[KeyView]
    missing: list[KeyView]
    unexpected: list[tuple[str, str]]  # (scanned code, reason)


# ---------------------------------------------------------------------------------------------
# Small helpers


def _who(actor: Actor) -> str:
    return actor.display_name or actor.username


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now()


def _norm_code(code: str) -> str:
    """Key codes are stored upper-case; a scanner with Caps Lock on still finds the key."""
    return (code or "").strip().upper()


def _signature_problem(sig: SignatureInput | None) -> str | None:
    """The checks store_signature makes, run before anything is written."""
    if sig is None:
        return None
    if not sig.png.startswith(PNG_MAGIC) or len(sig.png) > MAX_BYTES:
        return QT_TRANSLATE_NOOP("app", "The signature image is not usable; sign again.")
    if not sig.signer_name.strip():
        return QT_TRANSLATE_NOOP("app", "Whose signature is this? Enter the signer's name.")
    return None


def _check_signatures(errors: dict[str, str], **sigs: SignatureInput | None) -> None:
    for field, sig in sigs.items():
        problem = _signature_problem(sig)
        if problem:
            errors[field] = problem


def _png(signature_id: int | None) -> bytes | None:
    if signature_id is None:
        return None
    row = Signature.get_or_none(Signature.id == signature_id)
    return bytes(row.image_png) if row else None


def _event(
    actor: Actor, key_id: int, kind: str, at: datetime, detail: str = "", document: str = ""
) -> None:
    KeyEvent.create(
        key=key_id, at=at, username=actor.username, kind=kind, detail=detail, document=document
    )


def _fmt(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def loan_cutoff_due(lent_at: datetime) -> datetime:
    """When a loan made at `lent_at` is due back by default (see the module docstring)."""
    cutoff = datetime.combine(lent_at.date(), office_settings.get_time("key_loan_cutoff"))
    if lent_at < cutoff:
        return cutoff
    return datetime.combine(lent_at.date(), END_OF_DAY)


def _loan_status(
    returned_at: datetime | None, condition: str | None, due_at: datetime, now: datetime
) -> str:
    if returned_at is None:
        return "overdue" if due_at < now else "out"
    if condition in ("damaged", "lost"):
        return condition
    return "returned"


# ---------------------------------------------------------------------------------------------
# Reading views (one query per view; lists one query per page)


def _open_loan_join() -> Any:
    return (KeyLoan.key == Key.id) & KeyLoan.returned_at.is_null() & KeyLoan.voided_at.is_null()


def _key_select() -> peewee.ModelSelect:
    """Keys with their unit code and open loan (at most one per key), as dicts, one query."""
    return (
        Key.select(
            Key,
            Unit.code.alias("unit_code"),
            KeyLoan.number.alias("open_loan_number"),
            KeyLoan.due_at.alias("loan_due_at"),
        )
        .join(Unit, peewee.JOIN.LEFT_OUTER, on=(Key.unit == Unit.id))
        .switch(Key)
        .join(KeyLoan, peewee.JOIN.LEFT_OUTER, on=_open_loan_join())
        .dicts()
    )


def _as_datetime(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return KeyLoan.due_at.python_value(value)


def _key_view_from(row: dict[str, Any]) -> KeyView:
    return KeyView(
        id=row["id"],
        code=row["code"],
        label=row["label"],
        unit_code=row["unit_code"],
        area=row["area"],
        key_count=row["key_count"],
        hook=row["hook"],
        status=row["status"],
        holder=row["holder"],
        notes=row["notes"],
        version=row["version"],
        open_loan_number=row["open_loan_number"],
        due_at=_as_datetime(row["loan_due_at"]),
    )


def _key_view(key_id: int) -> KeyView:
    row = _key_select().where(Key.id == key_id).get_or_none()
    if row is None:
        raise NotFound(Msg(QT_TRANSLATE_NOOP("app", "Key {id} does not exist."), id=key_id))
    return _key_view_from(row)


def _key_views(ids: Iterable[int]) -> list[KeyView]:
    ids = list(ids)
    if not ids:
        return []
    by_id = {r["id"]: _key_view_from(r) for r in _key_select().where(Key.id.in_(ids))}
    return [by_id[i] for i in ids if i in by_id]


def _loan_select() -> peewee.ModelSelect:
    borrower_sig = Signature.alias("borrower_sig")
    return_sig = Signature.alias("return_sig")
    return (
        KeyLoan.select(
            KeyLoan,
            Key.code.alias("key_code"),
            Key.label.alias("key_label"),
            borrower_sig.image_png.alias("borrower_png"),
            return_sig.image_png.alias("return_png"),
        )
        .join(Key, on=(KeyLoan.key == Key.id))
        .switch(KeyLoan)
        .join(
            borrower_sig,
            peewee.JOIN.LEFT_OUTER,
            on=(KeyLoan.borrower_signature == borrower_sig.id),
        )
        .switch(KeyLoan)
        .join(return_sig, peewee.JOIN.LEFT_OUTER, on=(KeyLoan.return_signature == return_sig.id))
        .where(KeyLoan.voided_at.is_null())
        .dicts()
    )


def _loan_view_from(row: dict[str, Any], now: datetime | None = None) -> LoanView:
    due_at = _as_datetime(row["due_at"])
    returned_at = _as_datetime(row["returned_at"])
    assert due_at is not None
    return LoanView(
        id=row["id"],
        number=row["number"],
        key_id=row["key"],
        key_code=row["key_code"],
        key_label=row["key_label"],
        borrower_kind=row["borrower_kind"],
        borrower_name=row["borrower_name"],
        borrower_phone=row["borrower_phone"],
        borrower_org=row["borrower_org"],
        purpose=row["purpose"],
        document_ref=row["document_ref"],
        approved_by=row["approved_by"],
        lent_at=_as_datetime(row["lent_at"]),  # type: ignore[arg-type]
        lent_by=row["lent_by"],
        due_at=due_at,
        returned_at=returned_at,
        returned_to=row["returned_to"],
        return_condition=row["return_condition"],
        statement=row["statement"],
        reported_up=bool(row["reported_up"]),
        status=_loan_status(returned_at, row["return_condition"], due_at, _now(now)),
        borrower_signature_png=bytes(row["borrower_png"]) if row["borrower_png"] else None,
        return_signature_png=bytes(row["return_png"]) if row["return_png"] else None,
    )


def _loan_view(loan_id: int) -> LoanView:
    row = _loan_select().where(KeyLoan.id == loan_id).get()
    return _loan_view_from(row)


def _handover_view(handover: KeyHandover) -> HandoverView:
    lines = [
        (r["code"], r["label"], r["key_count"])
        for r in KeyHandoverLine.select(Key.code, Key.label, KeyHandoverLine.key_count)
        .join(Key)
        .where(KeyHandoverLine.handover == handover.id)
        .order_by(KeyHandoverLine.id)
        .dicts()
    ]
    return HandoverView(
        number=handover.number,
        kind=handover.kind,
        from_name=handover.from_name,
        to_name=handover.to_name,
        at=handover.at,
        notes=handover.notes,
        lines=lines,
        from_signature_png=_png(handover.from_signature_id),
        to_signature_png=_png(handover.to_signature_id),
    )


def _find_key_row(code: str) -> Key:
    key = Key.get_or_none(Key.code == _norm_code(code))
    if key is None:
        raise NotFound(
            Msg(QT_TRANSLATE_NOOP("app", "No key has the code {code}."), code=code.strip())
        )
    return key


# ---------------------------------------------------------------------------------------------
# Registering keys


def _code_problem(code: str, own_id: int | None = None) -> str | None:
    if not code:
        return QT_TRANSLATE_NOOP("app", "Enter the key code.")
    if len(code) > 32:
        return Msg(QT_TRANSLATE_NOOP("app", "At most {n} characters."), n=32)
    if not _CODE_RE.match(code):
        return QT_TRANSLATE_NOOP(
            "app",
            "Use letters, digits and - . / only (no spaces, no Chinese): it goes on a barcode.",
        )
    if code.startswith(_DOCUMENT_PREFIXES):
        return QT_TRANSLATE_NOOP(
            "app", "A key code may not start like a document number (YS-, JJ-, QD- …)."
        )
    query = Key.select().where(Key.code == code)
    if own_id is not None:
        query = query.where(Key.id != own_id)
    if query.exists():
        return QT_TRANSLATE_NOOP("app", "Another key already has this code.")
    return None


def _validate_key_fields(
    errors: dict[str, str],
    *,
    label: str,
    unit_code: str | None,
    area: str,
    key_count: Any,
    hook: str,
) -> Unit | None:
    if not label.strip():
        errors["label"] = QT_TRANSLATE_NOOP("app", "Enter a label, e.g. A-1203 户门 or 配电室.")
    elif len(label.strip()) > 128:
        errors["label"] = Msg(QT_TRANSLATE_NOOP("app", "At most {n} characters."), n=128)
    if len(area.strip()) > 64:
        errors["area"] = Msg(QT_TRANSLATE_NOOP("app", "At most {n} characters."), n=64)
    if len(hook.strip()) > 16:
        errors["hook"] = Msg(QT_TRANSLATE_NOOP("app", "At most {n} characters."), n=16)
    if isinstance(key_count, bool) or not isinstance(key_count, int) or key_count < 1:
        errors["key_count"] = QT_TRANSLATE_NOOP("app", "A key set has at least one key.")
    unit = None
    if unit_code is not None and unit_code.strip():
        unit = Unit.get_or_none((Unit.code == unit_code.strip()) & Unit.voided_at.is_null())
        if unit is None:
            errors["unit_code"] = Msg(
                QT_TRANSLATE_NOOP("app", "There is no unit {code}."), code=unit_code.strip()
            )
    return unit


def _next_auto_code() -> str:
    last = Key.select(peewee.fn.MAX(Key.id)).scalar() or 0
    n = last + 1
    while True:
        code = f"{AUTO_CODE_PREFIX}{n:0{AUTO_CODE_DIGITS}d}"
        if not Key.select().where(Key.code == code).exists():
            return code
        n += 1


@write_service(Perm.KEYS_MANAGE)
def create_key(
    actor: Actor,
    *,
    label: str,
    code: str | None = None,
    unit_code: str | None = None,
    area: str = "",
    key_count: int = 1,
    hook: str = "",
    notes: str = "",
) -> KeyView:
    """Register a key or key set. Without a code one is made up (`K00012`), unique."""
    errors: dict[str, str] = {}
    unit = _validate_key_fields(
        errors, label=label, unit_code=unit_code, area=area, key_count=key_count, hook=hook
    )
    if code is not None:
        code = _norm_code(code)
        problem = _code_problem(code)
        if problem:
            errors["code"] = problem
    if errors:
        raise ValidationError(errors)
    key = Key.create(
        code=code or _next_auto_code(),
        label=label.strip(),
        unit=unit,
        area=area.strip(),
        key_count=key_count,
        hook=hook.strip(),
        notes=notes.strip(),
        status="in_cabinet",
        holder="",
        **stamp_new(actor),
    )
    _event(actor, key.id, "created", key.created_at, key.label)
    audit(actor, "create key", "Key", key.id, None, snapshot(key))
    return _key_view(key.id)


_EDITABLE = ("code", "label", "unit_code", "area", "key_count", "hook", "notes")


@write_service(Perm.KEYS_MANAGE)
def update_key(actor: Actor, key_id: int, expected_version: int, **changes: Any) -> KeyView:
    """Edit a key's register data (code, label, unit_code, area, key_count, hook, notes).

    Status and holder change only through lending, returning, receiving, issuing and retiring.
    Raises ConflictError when someone saved the key after `expected_version` was read.
    """
    unknown = sorted(set(changes) - set(_EDITABLE))
    if unknown:
        raise ValidationError(
            {name: QT_TRANSLATE_NOOP("app", "This cannot be changed here.") for name in unknown}
        )
    current = Key.get_or_none(Key.id == key_id)
    if current is None:
        raise NotFound(Msg(QT_TRANSLATE_NOOP("app", "Key {id} does not exist."), id=key_id))
    errors: dict[str, str] = {}
    current_unit_code = current.unit.code if current.unit_id else None
    unit = _validate_key_fields(
        errors,
        label=changes.get("label", current.label),
        unit_code=changes.get("unit_code", current_unit_code),
        area=changes.get("area", current.area),
        key_count=changes.get("key_count", current.key_count),
        hook=changes.get("hook", current.hook),
    )
    fields: dict[str, Any] = {}
    if "code" in changes:
        code = _norm_code(changes["code"] or "")
        problem = _code_problem(code, own_id=key_id)
        if problem:
            errors["code"] = problem
        fields["code"] = code
    if errors:
        raise ValidationError(errors)
    for name in ("label", "area", "hook", "notes"):
        if name in changes:
            fields[name] = (changes[name] or "").strip()
    if "key_count" in changes:
        fields["key_count"] = changes["key_count"]
    if "unit_code" in changes:
        fields["unit"] = unit.id if unit is not None else None
    update_versioned(actor, Key, key_id, expected_version, fields, "update key")
    return _key_view(key_id)


@write_service(Perm.KEYS_MANAGE)
def retire_key(actor: Actor, key_id: int, reason: str) -> KeyView:
    """Take a key out of use (报废, lock changed, written off after a loss). Not while lent."""
    key = Key.get_or_none(Key.id == key_id)
    if key is None:
        raise NotFound(Msg(QT_TRANSLATE_NOOP("app", "Key {id} does not exist."), id=key_id))
    errors: dict[str, str] = {}
    if not (reason or "").strip():
        errors["reason"] = QT_TRANSLATE_NOOP("app", "Say why the key is retired.")
    if key.status == "retired":
        errors["key"] = QT_TRANSLATE_NOOP("app", "This key is already retired.")
    elif key.status == "lent":
        errors["key"] = QT_TRANSLATE_NOOP(
            "app", "This key is out on loan; take it back before retiring it."
        )
    if errors:
        raise ValidationError(errors)
    now = datetime.now()
    notes = _append_note(key.notes, f"[报废 {_fmt(now)}] {reason.strip()}")
    update_versioned(
        actor,
        Key,
        key.id,
        key.version,
        {"status": "retired", "holder": "", "notes": notes},
        "retire key",
    )
    _event(actor, key.id, "retired", now, reason.strip())
    return _key_view(key.id)


def _append_note(notes: str, line: str) -> str:
    return (notes.rstrip() + "\n" + line).strip()


@read_service(Perm.KEYS_VIEW)
def find_key(actor: Actor, code: str) -> KeyView:
    """The key with this code (what its tag's barcode carries); NotFound otherwise."""
    return _key_view(_find_key_row(code).id)


@read_service(Perm.KEYS_VIEW)
def get_key(actor: Actor, key_id: int) -> KeyView:
    return _key_view(key_id)


@read_service(Perm.KEYS_VIEW)
def key_history(actor: Actor, key_id: int) -> list[dict[str, Any]]:
    """Every dated event of the key, oldest first: at, kind, username, detail, document."""
    if not Key.select().where(Key.id == key_id).exists():
        raise NotFound(Msg(QT_TRANSLATE_NOOP("app", "Key {id} does not exist."), id=key_id))
    return list(
        KeyEvent.select(
            KeyEvent.id,
            KeyEvent.at,
            KeyEvent.kind,
            KeyEvent.username,
            KeyEvent.detail,
            KeyEvent.document,
        )
        .where(KeyEvent.key == key_id)
        .order_by(KeyEvent.at, KeyEvent.id)
        .dicts()
    )


# ---------------------------------------------------------------------------------------------
# Loans (借用)


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
    number = numbering.next_number("YS", now)
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


# ---------------------------------------------------------------------------------------------
# Handovers (接收 / 发放 / 内部交接), numbered JJ-YYYY-NNNNN


def _check_lines(
    errors: dict[str, str], lines: list[tuple[str, int]], allowed: tuple[str, ...]
) -> list[tuple[Key, int]]:
    """Each line (code, counted): a registered key, counted = its key_count, in a fit state."""
    checked: list[tuple[Key, int]] = []
    if not lines:
        errors["lines"] = QT_TRANSLATE_NOOP("app", "List at least one key.")
        return checked
    seen: set[str] = set()
    for i, line in enumerate(lines):
        field = f"lines.{i}"
        try:
            raw_code, counted = line
        except (TypeError, ValueError):
            errors[field] = QT_TRANSLATE_NOOP("app", "Each line is a key code and a count.")
            continue
        code = _norm_code(str(raw_code))
        if code in seen:
            errors[field] = Msg(QT_TRANSLATE_NOOP("app", "Key {code} is listed twice."), code=code)
            continue
        seen.add(code)
        key = Key.get_or_none(Key.code == code)
        if key is None:
            errors[field] = Msg(
                QT_TRANSLATE_NOOP(
                    "app", "Key {code} is not registered; register it first, then hand it over."
                ),
                code=code,
            )
            continue
        if isinstance(counted, bool) or not isinstance(counted, int):
            errors[field] = QT_TRANSLATE_NOOP("app", "Enter the number of keys counted.")
            continue
        if counted != key.key_count:
            errors[field] = Msg(
                QT_TRANSLATE_NOOP(
                    "app",
                    "{code} {label}: {counted} counted, the set has {expected}. Count again.",
                ),
                code=key.code,
                label=key.label,
                counted=counted,
                expected=key.key_count,
            )
            continue
        if key.status not in allowed:
            errors[field] = _not_in_cabinet_message(key)
            continue
        checked.append((key, counted))
    return checked


def _names(errors: dict[str, str], **names: str) -> None:
    for field, value in names.items():
        if not (value or "").strip():
            errors[field] = QT_TRANSLATE_NOOP("app", "Enter the name.")
        elif len(value.strip()) > 128:
            errors[field] = Msg(QT_TRANSLATE_NOOP("app", "At most {n} characters."), n=128)


def _create_handover(
    actor: Actor,
    *,
    kind: str,
    from_name: str,
    to_name: str,
    party_id: int | None,
    notes: str,
    lines: list[tuple[Key, int]],
    from_signature: SignatureInput | None,
    to_signature: SignatureInput | None,
    now: datetime,
) -> KeyHandover:
    from_sig = store_signature(actor, from_signature, "from_signature")
    to_sig = store_signature(actor, to_signature, "to_signature")
    handover = KeyHandover.create(
        number=numbering.next_number("JJ", now),
        kind=kind,
        from_name=from_name.strip(),
        to_name=to_name.strip(),
        party=party_id,
        at=now,
        notes=notes,
        from_signature=from_sig,
        to_signature=to_sig,
        **stamp_new(actor),
    )
    if lines:
        KeyHandoverLine.insert_many(
            [{"handover": handover.id, "key": key.id, "key_count": n} for key, n in lines]
        ).execute()
    audit(
        actor,
        f"key handover ({kind})",
        "KeyHandover",
        handover.id,
        None,
        dict(snapshot(handover), lines=[[key.code, n] for key, n in lines]),
    )
    return handover


@write_service(Perm.KEYS_MANAGE)
def receive_keys(
    actor: Actor,
    *,
    from_name: str,
    lines: list[tuple[str, int]],
    notes: str = "",
    from_signature: SignatureInput | None = None,
    to_signature: SignatureInput | None = None,
    now: datetime | None = None,
) -> HandoverView:
    """接收: registered keys come into the cabinet, each set counted (钥匙交接表).

    Keys received may be new in the register (in_cabinet), back from an owner (issued) or found
    again (lost); a key out on loan comes back with return_key, a retired one not at all.
    """
    now = _now(now)
    errors: dict[str, str] = {}
    _names(errors, from_name=from_name)
    checked = _check_lines(errors, lines, ("in_cabinet", "issued", "lost"))
    _check_signatures(errors, from_signature=from_signature, to_signature=to_signature)
    if errors:
        raise ValidationError(errors)
    handover = _create_handover(
        actor,
        kind="receive",
        from_name=from_name,
        to_name=_who(actor),
        party_id=None,
        notes=notes.strip(),
        lines=checked,
        from_signature=from_signature,
        to_signature=to_signature,
        now=now,
    )
    for key, _n in checked:
        if key.status != "in_cabinet" or key.holder:
            update_versioned(
                actor,
                Key,
                key.id,
                key.version,
                {"status": "in_cabinet", "holder": ""},
                "receive key",
            )
        _event(actor, key.id, "received", now, from_name.strip(), handover.number)
    return _handover_view(handover)


@write_service(Perm.KEYS_MANAGE)
def issue_keys(
    actor: Actor,
    *,
    to_name: str,
    lines: list[tuple[str, int]],
    party_id: int | None = None,
    notes: str = "",
    from_signature: SignatureInput | None = None,
    to_signature: SignatureInput | None = None,
    now: datetime | None = None,
) -> HandoverView:
    """发放: keys from the cabinet handed to an owner (钥匙签收单), each set counted together."""
    now = _now(now)
    errors: dict[str, str] = {}
    _names(errors, to_name=to_name)
    if party_id is not None and not Party.get_or_none(
        (Party.id == party_id) & Party.voided_at.is_null()
    ):
        errors["party_id"] = QT_TRANSLATE_NOOP("app", "No such owner or tenant.")
    checked = _check_lines(errors, lines, ("in_cabinet",))
    _check_signatures(errors, from_signature=from_signature, to_signature=to_signature)
    if errors:
        raise ValidationError(errors)
    handover = _create_handover(
        actor,
        kind="issue",
        from_name=_who(actor),
        to_name=to_name,
        party_id=party_id,
        notes=notes.strip(),
        lines=checked,
        from_signature=from_signature,
        to_signature=to_signature,
        now=now,
    )
    for key, _n in checked:
        update_versioned(
            actor,
            Key,
            key.id,
            key.version,
            {"status": "issued", "holder": to_name.strip()},
            "issue key",
        )
        _event(actor, key.id, "issued", now, to_name.strip(), handover.number)
    return _handover_view(handover)


@write_service(Perm.KEYS_LEND)
def custodian_handover(
    actor: Actor,
    *,
    from_name: str,
    to_name: str,
    notes: str = "",
    from_signature: SignatureInput | None = None,
    to_signature: SignatureInput | None = None,
    now: datetime | None = None,
) -> HandoverView:
    """内部交接: the key keeper hands the cabinet to a stand-in (or back).

    Lists every key in the cabinet with its count; keys out on loan are added to the notes with
    loan number, borrower and due time, so the stand-in knows what to expect back.
    """
    now = _now(now)
    errors: dict[str, str] = {}
    _names(errors, from_name=from_name, to_name=to_name)
    if (
        "from_name" not in errors
        and "to_name" not in errors
        and from_name.strip() == to_name.strip()
    ):
        errors["to_name"] = QT_TRANSLATE_NOOP("app", "Hand over to someone else.")
    _check_signatures(errors, from_signature=from_signature, to_signature=to_signature)
    if errors:
        raise ValidationError(errors)
    in_cabinet = list(Key.select().where(Key.status == "in_cabinet").order_by(Key.hook, Key.code))
    out = (
        KeyLoan.select(KeyLoan, Key)
        .join(Key)
        .where(KeyLoan.returned_at.is_null() & KeyLoan.voided_at.is_null())
        .order_by(KeyLoan.due_at, KeyLoan.id)
    )
    text = notes.strip()
    out_lines = [
        f"{loan.key.code} {loan.key.label} — {loan.number} {loan.borrower_name}, "
        f"应还 {_fmt(loan.due_at)}"
        for loan in out
    ]
    if out_lines:
        text = _append_note(text, "借出中:\n" + "\n".join(out_lines))
    handover = _create_handover(
        actor,
        kind="custodian",
        from_name=from_name,
        to_name=to_name,
        party_id=None,
        notes=text,
        lines=[(k, k.key_count) for k in in_cabinet],
        from_signature=from_signature,
        to_signature=to_signature,
        now=now,
    )
    return _handover_view(handover)


@read_service(Perm.KEYS_VIEW)
def get_handover(actor: Actor, number: str) -> HandoverView:
    handover = KeyHandover.get_or_none(KeyHandover.number == (number or "").strip().upper())
    if handover is None:
        raise NotFound(
            Msg(QT_TRANSLATE_NOOP("app", "There is no key handover {number}."), number=number)
        )
    return _handover_view(handover)


# ---------------------------------------------------------------------------------------------
# Stocktake (清点), numbered QD-YYYY-NNNNN

_REASON_UNKNOWN = QT_TRANSLATE_NOOP("app", "Unknown code.")
_REASON_LENT = QT_TRANSLATE_NOOP("app", "The key is lent out as {number}.")
_REASON_ISSUED = QT_TRANSLATE_NOOP("app", "The key was issued to {holder}.")
_REASON_LOST = QT_TRANSLATE_NOOP("app", "The key is reported lost.")
_REASON_RETIRED = QT_TRANSLATE_NOOP("app", "The key is retired.")


def _unexpected_reason(key: Key | None) -> tuple[str, dict[str, Any]]:
    if key is None:
        return _REASON_UNKNOWN, {}
    if key.status == "lent":
        loan = (
            KeyLoan.select(KeyLoan.number)
            .where(
                (KeyLoan.key == key.id)
                & KeyLoan.returned_at.is_null()
                & KeyLoan.voided_at.is_null()
            )
            .first()
        )
        return _REASON_LENT, {"number": loan.number if loan else "?"}
    if key.status == "issued":
        return _REASON_ISSUED, {"holder": key.holder}
    if key.status == "lost":
        return _REASON_LOST, {}
    return _REASON_RETIRED, {}


def _get_stocktake(number_or_id: int | str) -> KeyStocktake:
    if isinstance(number_or_id, int):
        row = KeyStocktake.get_or_none(KeyStocktake.id == number_or_id)
    else:
        row = KeyStocktake.get_or_none(KeyStocktake.number == number_or_id.strip().upper())
    if row is None:
        raise NotFound(
            Msg(QT_TRANSLATE_NOOP("app", "There is no stocktake {number}."), number=number_or_id)
        )
    return row


def _compute_stocktake(stocktake: KeyStocktake) -> dict[str, Any]:
    """Counted/missing key ids and unexpected scans, against the keys' status right now."""
    scans = list(
        KeyStocktakeScan.select(KeyStocktakeScan, Key)
        .join(Key, peewee.JOIN.LEFT_OUTER)
        .where(KeyStocktakeScan.stocktake == stocktake.id)
        .order_by(KeyStocktakeScan.id)
    )
    counted: list[int] = []
    unexpected: list[list[Any]] = []
    for s in scans:
        key = s.key if s.key_id is not None else None
        if key is not None and key.status == "in_cabinet":
            counted.append(key.id)
        else:
            template, params = _unexpected_reason(key)
            unexpected.append([s.code, template, params])
    scanned = KeyStocktakeScan.select(KeyStocktakeScan.key).where(
        (KeyStocktakeScan.stocktake == stocktake.id) & KeyStocktakeScan.key.is_null(False)
    )
    missing = [
        k.id
        for k in Key.select(Key.id)
        .where((Key.status == "in_cabinet") & Key.id.not_in(scanned))
        .order_by(Key.hook, Key.code)
    ]
    return {"counted": counted, "missing": missing, "unexpected": unexpected}


def _stocktake_result(stocktake: KeyStocktake) -> StocktakeResult:
    data = json.loads(stocktake.result_json) if stocktake.result_json else None
    if data is None:
        data = _compute_stocktake(stocktake)
    return StocktakeResult(
        id=stocktake.id,
        number=stocktake.number,
        started_at=stocktake.started_at,
        finished_at=stocktake.finished_at,
        done_by=stocktake.done_by,
        counted=_key_views(data["counted"]),
        missing=_key_views(data["missing"]),
        unexpected=[
            (code, Msg(template, **params)) for code, template, params in data["unexpected"]
        ],
    )


@write_service(Perm.KEYS_STOCKTAKE)
def start_stocktake(actor: Actor, *, now: datetime | None = None) -> int:
    """Open a stocktake (QD-YYYY-NNNNN); scan every key in the cabinet, then finish it."""
    now = _now(now)
    stocktake = KeyStocktake.create(
        number=numbering.next_number("QD", now),
        started_at=now,
        done_by=_who(actor),
        **stamp_new(actor),
    )
    audit(actor, "start key stocktake", "KeyStocktake", stocktake.id, None, snapshot(stocktake))
    return stocktake.id


@write_service(Perm.KEYS_STOCKTAKE)
def record_stocktake_scan(
    actor: Actor, stocktake_id: int, code: str, *, now: datetime | None = None
) -> str:
    """One scanned tag: "counted" (a key that belongs in the cabinet), "duplicate" (scanned
    before in this stocktake; nothing written) or "unexpected" (unknown code, or a key that
    should not be in the cabinet: lent, issued, lost, retired)."""
    stocktake = _get_stocktake(stocktake_id)
    text = _norm_code(code)
    if stocktake.finished_at is not None:
        raise ValidationError(
            {"stocktake": QT_TRANSLATE_NOOP("app", "This stocktake is finished already.")}
        )
    if not text:
        raise ValidationError({"code": QT_TRANSLATE_NOOP("app", "Scan or type a key code.")})
    if len(text) > 64:
        raise ValidationError(
            {"code": Msg(QT_TRANSLATE_NOOP("app", "At most {n} characters."), n=64)}
        )
    if (
        KeyStocktakeScan.select()
        .where((KeyStocktakeScan.stocktake == stocktake.id) & (KeyStocktakeScan.code == text))
        .exists()
    ):
        return "duplicate"
    key = Key.get_or_none(Key.code == text)
    KeyStocktakeScan.create(
        stocktake=stocktake.id, code=text, key=key.id if key else None, at=_now(now)
    )
    return "counted" if key is not None and key.status == "in_cabinet" else "unexpected"


@write_service(Perm.KEYS_STOCKTAKE)
def finish_stocktake(
    actor: Actor, stocktake_id: int, *, now: datetime | None = None
) -> StocktakeResult:
    """Close the stocktake and freeze its result; each missing key gets a `missing` event."""
    now = _now(now)
    stocktake = _get_stocktake(stocktake_id)
    if stocktake.finished_at is not None:
        raise ValidationError(
            {"stocktake": QT_TRANSLATE_NOOP("app", "This stocktake is finished already.")}
        )
    before = snapshot(stocktake)
    data = _compute_stocktake(stocktake)
    KeyStocktake.update(
        finished_at=now,
        result_json=json.dumps(data, ensure_ascii=False),
        updated_at=datetime.now(),
        updated_by=actor.username,
        version=KeyStocktake.version + 1,
    ).where(KeyStocktake.id == stocktake.id).execute()
    for key_id in data["missing"]:
        _event(actor, key_id, "missing", now, "", stocktake.number)
    stocktake = KeyStocktake.get_by_id(stocktake.id)
    audit(
        actor,
        "finish key stocktake",
        "KeyStocktake",
        stocktake.id,
        before,
        {
            "number": stocktake.number,
            "counted": len(data["counted"]),
            "missing": len(data["missing"]),
            "unexpected": len(data["unexpected"]),
        },
    )
    return _stocktake_result(stocktake)


@read_service(Perm.KEYS_VIEW)
def stocktake_result(actor: Actor, number_or_id: int | str) -> StocktakeResult:
    """A finished stocktake as it was frozen; an open one against the keys' status now."""
    return _stocktake_result(_get_stocktake(number_or_id))


# ---------------------------------------------------------------------------------------------
# Register lists for the UI (lazy, SQL-sorted, one query per page)


def _keys_query(actor: Actor, request: ListRequest) -> peewee.ModelSelect:
    return _key_status_filter(_key_select(), request)


def _keys_count_query(actor: Actor, request: ListRequest) -> peewee.ModelSelect:
    return _key_status_filter(Key.select(Key.id), request)


def _key_status_filter(query: peewee.ModelSelect, request: ListRequest) -> peewee.ModelSelect:
    status = request.filter("status")
    if status:
        statuses = (status,) if isinstance(status, str) else tuple(status)
        if any(s not in KEY_STATUSES for s in statuses):
            raise ValidationError({"status": QT_TRANSLATE_NOOP("app", "Unknown key status.")})
        query = query.where(Key.status.in_(statuses))
    return query


def _keys_row(actor: Actor, r: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": r["id"],
        "code": r["code"],
        "label": r["label"],
        "unit": r["unit_code"] or "",
        "area": r["area"],
        "key_count": r["key_count"],
        "hook": r["hook"],
        "status": r["status"],
        "holder": r["holder"],
        "due_at": _as_datetime(r["loan_due_at"]),
    }


register_keys = listing.register_list(
    RegisterList(
        name="keys",
        model=Key,
        columns=(
            "code",
            "label",
            "unit",
            "area",
            "key_count",
            "hook",
            "status",
            "holder",
            "due_at",
        ),
        permission=Perm.KEYS_VIEW,
        base_query=_keys_query,
        count_query=_keys_count_query,
        row=_keys_row,
        sort_fields={
            "code": Key.code,
            "label": Key.label,
            "unit": Unit.code,
            "area": Key.area,
            "key_count": Key.key_count,
            "hook": Key.hook,
            "status": Key.status,
            "holder": Key.holder,
            "due_at": KeyLoan.due_at,
        },
        like_fields=(Key.code, Key.label, Key.area, Key.holder),
        default_sort="code",
    )
)


def _loans_query(actor: Actor, request: ListRequest) -> peewee.ModelSelect:
    # Same rows either way (key_id is NOT NULL). A LEFT join on the key's primary key is dropped
    # by SQLite when nothing of the key is needed, so count() never touches the key table; an
    # INNER join lets the planner walk the key table's code/label index when sorting by them.
    by_key = request.sort in ("key_code", "key_label")
    join_type = peewee.JOIN.INNER if by_key else peewee.JOIN.LEFT_OUTER
    query = (
        KeyLoan.select(
            KeyLoan.id,
            KeyLoan.number,
            Key.code.alias("key_code"),
            Key.label.alias("key_label"),
            KeyLoan.borrower_name,
            KeyLoan.borrower_phone,
            KeyLoan.lent_at,
            KeyLoan.due_at,
            KeyLoan.returned_at,
            KeyLoan.return_condition,
        )
        .join(Key, join_type, on=(KeyLoan.key == Key.id))
        .where(KeyLoan.voided_at.is_null())
        .dicts()
    )
    if request.filter("open_only") or request.filter("overdue_only"):
        query = query.where(KeyLoan.returned_at.is_null())
    if request.filter("overdue_only"):
        query = query.where(KeyLoan.due_at < (request.filter("now") or datetime.now()))
    return query


def _loans_row(actor: Actor, r: dict[str, Any]) -> dict[str, Any]:
    due_at = _as_datetime(r["due_at"])
    returned_at = _as_datetime(r["returned_at"])
    phone = r["borrower_phone"] or ""
    assert due_at is not None
    return {
        "id": r["id"],
        "number": r["number"],
        "key_code": r["key_code"],
        "key_label": r["key_label"],
        "borrower_name": r["borrower_name"],
        "borrower_phone": phone if actor.can(Perm.PII_VIEW) else mask_phone(phone),
        "lent_at": _as_datetime(r["lent_at"]),
        "due_at": due_at,
        "returned_at": returned_at,
        "status": _loan_status(returned_at, r["return_condition"], due_at, datetime.now()),
    }


register_key_loans = listing.register_list(
    RegisterList(
        name="key_loans",
        model=KeyLoan,
        columns=(
            "number",
            "key_code",
            "key_label",
            "borrower_name",
            "borrower_phone",
            "lent_at",
            "due_at",
            "returned_at",
            "status",
        ),
        permission=Perm.KEYS_VIEW,
        base_query=_loans_query,
        row=_loans_row,
        # borrower_phone (masked for most roles) and status (computed) do not sort.
        sort_fields={
            "number": KeyLoan.number,
            "key_code": Key.code,
            "key_label": Key.label,
            "borrower_name": KeyLoan.borrower_name,
            "lent_at": KeyLoan.lent_at,
            "due_at": KeyLoan.due_at,
            "returned_at": KeyLoan.returned_at,
        },
        like_fields=(
            KeyLoan.number,
            KeyLoan.borrower_name,
            KeyLoan.borrower_org,
            KeyLoan.purpose,
        ),
        default_sort="lent_at",
    )
)


def _handovers_query(actor: Actor, request: ListRequest) -> peewee.ModelSelect:
    key_sets = (
        KeyHandoverLine.select(peewee.fn.COUNT(KeyHandoverLine.id))
        .where(KeyHandoverLine.handover == KeyHandover.id)
        .alias("key_sets")
    )
    query = KeyHandover.select(
        KeyHandover.id,
        KeyHandover.number,
        KeyHandover.kind,
        KeyHandover.from_name,
        KeyHandover.to_name,
        KeyHandover.at,
        KeyHandover.notes,
        key_sets,
    ).dicts()
    if request.filter("kind"):
        query = query.where(KeyHandover.kind == request.filter("kind"))
    return query


register_key_handovers = listing.register_list(
    RegisterList(
        name="key_handovers",
        model=KeyHandover,
        columns=("number", "kind", "from_name", "to_name", "at", "key_sets", "notes"),
        permission=Perm.KEYS_VIEW,
        base_query=_handovers_query,
        row=lambda actor, r: {
            "id": r["id"],
            "number": r["number"],
            "kind": r["kind"],
            "from_name": r["from_name"],
            "to_name": r["to_name"],
            "at": _as_datetime(r["at"]),
            "key_sets": r["key_sets"],
            "notes": r["notes"],
        },
        sort_fields={
            "number": KeyHandover.number,
            "kind": KeyHandover.kind,
            "at": KeyHandover.at,
        },
        like_fields=(KeyHandover.number, KeyHandover.from_name, KeyHandover.to_name),
        default_sort="number",
    )
)

register_key_stocktakes = listing.register_list(
    RegisterList(
        name="key_stocktakes",
        model=KeyStocktake,
        columns=("number", "started_at", "finished_at", "done_by"),
        permission=Perm.KEYS_VIEW,
        base_query=lambda actor, request: KeyStocktake.select(
            KeyStocktake.id,
            KeyStocktake.number,
            KeyStocktake.started_at,
            KeyStocktake.finished_at,
            KeyStocktake.done_by,
        ).dicts(),
        row=lambda actor, r: {
            "id": r["id"],
            "number": r["number"],
            "started_at": _as_datetime(r["started_at"]),
            "finished_at": _as_datetime(r["finished_at"]),
            "done_by": r["done_by"],
        },
        sort_fields={"number": KeyStocktake.number, "started_at": KeyStocktake.started_at},
        like_fields=(KeyStocktake.number, KeyStocktake.done_by),
        default_sort="number",
    )
)


# ---------------------------------------------------------------------------------------------
# Scan box


@scan.add_resolver
def _resolve_scan(actor: Actor, text: str) -> scan.ScanHit | None:
    """A key code → the key; YS-/JJ-/QD- numbers → the loan, handover or stocktake."""
    code = text.strip().upper()
    hit: scan.ScanHit | None = None
    if code.startswith("YS-"):
        row = (
            KeyLoan.select(KeyLoan.id, KeyLoan.number, KeyLoan.borrower_name, Key.code, Key.label)
            .join(Key)
            .where(KeyLoan.number == code)
            .dicts()
            .get_or_none()
        )
        if row:
            title = f"{row['number']} {row['code']} {row['label']} {row['borrower_name']}"
            hit = scan.ScanHit("key_loans", row["id"], title)
    elif code.startswith("JJ-"):
        handover = KeyHandover.get_or_none(KeyHandover.number == code)
        if handover:
            title = f"{handover.number} {handover.from_name} → {handover.to_name}"
            hit = scan.ScanHit("key_handovers", handover.id, title)
    elif code.startswith("QD-"):
        stocktake = KeyStocktake.get_or_none(KeyStocktake.number == code)
        if stocktake:
            hit = scan.ScanHit(
                "key_stocktakes", stocktake.id, f"{stocktake.number} {stocktake.done_by}"
            )
    else:
        key = Key.get_or_none(Key.code == code)
        if key:
            hit = scan.ScanHit("keys", key.id, f"{key.code} {key.label}")
    if hit is not None:
        actor.require(Perm.KEYS_VIEW)
    return hit
