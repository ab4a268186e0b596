"""The frozen views the key register hands to the UI, and the row → view builders and select
helpers that make them (one query per view; lists one query per page)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import peewee

from app.errors import NotFound
from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.models import Key, KeyHandover, KeyHandoverLine, KeyLoan, Signature, Unit
from app.services.keys.codes import _norm_code
from app.services.keys.trail import _now


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
# Reading views (one query per view; lists one query per page)


def _png(signature_id: int | None) -> bytes | None:
    if signature_id is None:
        return None
    row = Signature.get_or_none(Signature.id == signature_id)
    return bytes(row.image_png) if row else None


def _loan_status(
    returned_at: datetime | None, condition: str | None, due_at: datetime, now: datetime
) -> str:
    if returned_at is None:
        return "overdue" if due_at < now else "out"
    if condition in ("damaged", "lost"):
        return condition
    return "returned"


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
