"""What a staff member still holds, across every declared register: the open records of each
register that declares a `holder_field` (archive loans, key loans …). A staff member holding any
cannot be marked as left (调离: 须清理移交档案文件后方可办理调离手续); the messages name them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import peewee

from app.db import run_with_retry
from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.kit import registry
from app.kit.declare import Register
from app.kit.services import label_fields, ref_model
from app.kit.today import column_datetime, open_condition
from app.rules.roles import Perm
from app.services.context import Actor
from app.services.tx import read_service


def _thing(reg: Register, row: Any) -> str:
    """What the record is about: the code and title of every register record it points at
    (the archive file of a loan, the key of a key loan)."""
    parts = []
    for name, fobj in reg.model._meta.fields.items():
        if not isinstance(fobj, peewee.ForeignKeyField) or name == reg.holder_field:
            continue
        target = registry.for_model(fobj.rel_model)
        if target is None or not target.code_field:
            continue
        other = getattr(row, name)
        if other is None:
            continue
        text = str(getattr(other, target.code_field) or "")
        if target.title_field:
            title = getattr(other, target.title_field)
            text += f" {getattr(title, 'code', title) or ''}"
        parts.append(text.strip())
    return "，".join(p for p in parts if p)


def _holding(reg: Register, row: Any) -> str:
    number = getattr(row, reg.number_field, "") if reg.prefix else ""
    if not number and reg.code_field:
        number = getattr(row, reg.code_field, "")
    due = getattr(row, reg.due_field, None) if reg.due_field in reg.model._meta.fields else None
    params = {"register": reg.zh, "number": number or "", "item": _thing(reg, row)}
    if isinstance(due, datetime):
        return Msg(
            QT_TRANSLATE_NOOP("app", "{register} {number}: {item}, due {due}"),
            due=f"{due:%Y-%m-%d %H:%M}",
            **params,
        )
    return Msg(QT_TRANSLATE_NOOP("app", "{register} {number}: {item}"), **params)


def holdings_of(staff_id: int) -> list[str]:
    """Every open record, in every register that declares a `holder_field` and an open
    condition, held by this staff member — one message each. Runs in the caller's transaction."""
    lines: list[str] = []
    for reg in registry.all_registers():
        if not reg.holder_field:
            continue
        if reg.today is None:
            continue
        cond = open_condition(reg)
        model = reg.model
        rows = model.select().where(cond & (getattr(model, reg.holder_field) == staff_id))
        lines += [_holding(reg, row) for row in rows.order_by(model.id)]
    return lines


def staff_holdings(actor: Actor | None, staff_id: int) -> list[str]:
    """What the staff member still holds (archive files, keys …), one message per open record.
    `actor` None: a check by another service inside its own transaction (调离)."""
    if actor is not None:
        actor.require(Perm.REFERENCE_VIEW)
    return run_with_retry(lambda: holdings_of(staff_id))


# -- accountability lists: who has what (overdue list, files out by person / department) ------


@dataclass(frozen=True)
class HeldGroup:
    """The open records of one holder: a person (the holder field) or any other column's value
    (a department)."""

    name: str  # the value's label (a staff member's name) or the value itself
    key: Any
    records: tuple[dict[str, Any], ...]

    @property
    def count(self) -> int:
        return len(self.records)

    @property
    def overdue(self) -> int:
        return sum(1 for r in self.records if r["overdue"])


def _open_rows(reg: Register, now: datetime, overdue: bool) -> list[dict[str, Any]]:
    """Open records as dicts (ref fields and the holder with their `<name>_label`), oldest due
    first: one query on the open condition and the indexed due field, one per ref's labels."""
    model = reg.model
    due = model._meta.fields.get(reg.due_field)
    cond = open_condition(reg)
    if overdue:
        cond &= due < now
    order = [due, model.id] if due is not None else [model.id]
    rows = list(model.select().where(cond).order_by(*order).dicts())
    for r in rows:
        at = column_datetime(due, r.get(reg.due_field)) if due is not None else None
        r["overdue"] = at is not None and at < now
    refs = {f.name: ref_model(f.ref) for f in reg.fields if f.kind == "ref"}
    if reg.holder_field:
        refs.setdefault(reg.holder_field, model._meta.fields[reg.holder_field].rel_model)
    for name, target in refs.items():
        ids = list({r[name] for r in rows if r.get(name) is not None})
        label = label_fields(target)[0]
        names = dict(target.select(target.id, label).where(target.id.in_(ids)).tuples())
        for r in rows:
            r[f"{name}_label"] = str(names.get(r.get(name), ""))
    return rows


@read_service(None)
def open_records(
    actor: Actor, register: str, now: datetime | None = None, *, overdue: bool = False
) -> list[dict[str, Any]]:
    """The register's open records (its Today rule), or only those past due (`overdue`)."""
    reg = registry.get(register)
    actor.require(reg.view_perm)
    return _open_rows(reg, now or datetime.now(), overdue)


@read_service(None)
def held_by(
    actor: Actor, register: str, field: str = "", now: datetime | None = None
) -> list[HeldGroup]:
    """The open records grouped by `field` (default the holder field), most records first."""
    reg = registry.get(register)
    actor.require(reg.view_perm)
    field = field or reg.holder_field
    grouped: dict[Any, list[dict[str, Any]]] = {}
    for r in _open_rows(reg, now or datetime.now(), False):
        grouped.setdefault(r[field], []).append(r)
    groups = [
        HeldGroup(str(rows[0].get(f"{field}_label") or key or ""), key, tuple(rows))
        for key, rows in grouped.items()
    ]
    return sorted(groups, key=lambda g: (-g.count, g.name))
