"""The key register's lists for the UI (lazy, SQL-sorted, one query per page), registered with
`listing` when this module is imported."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import peewee

from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Key, KeyHandover, KeyHandoverLine, KeyLoan, KeyStocktake, Unit
from app.registers.keys import (
    KEY_HANDOVERS,
    KEY_LOANS,
    KEY_STATUSES,
    KEY_STOCKTAKES,
    KEYS,
)
from app.rules.identity import mask_phone
from app.rules.roles import Perm
from app.services import listing
from app.services.context import Actor
from app.services.keys.views import _as_datetime, _key_select, _loan_status
from app.services.listing import ListRequest, RegisterList


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
        columns=KEYS.list.columns,
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
        .dicts()
    )
    return _loan_filters(query, request)


def _loans_count_query(actor: Actor, request: ListRequest) -> peewee.ModelSelect:
    """The same rows without the key columns: count() on 1,000,000 loans reads one index."""
    return _loan_filters(KeyLoan.select(KeyLoan.id), request)


def _loan_filters(query: peewee.ModelSelect, request: ListRequest) -> peewee.ModelSelect:
    """The declared "show" filter (open / overdue / all), and the older open_only/overdue_only."""
    query = query.where(KeyLoan.voided_at.is_null())
    show = request.filter("show")
    overdue = request.filter("overdue_only") or show == "overdue"
    if request.filter("open_only") or overdue or show == "open":
        query = query.where(KeyLoan.returned_at.is_null())
    if overdue:
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
        columns=KEY_LOANS.list.columns,
        permission=Perm.KEYS_VIEW,
        base_query=_loans_query,
        count_query=_loans_count_query,
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
        columns=KEY_HANDOVERS.list.columns,
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
        columns=KEY_STOCKTAKES.list.columns,
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
