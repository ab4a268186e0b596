"""The desk's Today panel (SPEC §5): for every declared register with a `today` spec that the
clerk may see, what is past its due time — keys out past the cut-off, archive files overdue — or,
for `all_open` registers (incidents), everything still open.

Each group is ONE query for its first lines on the indexed due field (`due_at < now` over the open
records: `today.open_where(model)`, else `today.open_states` on the state field) plus a count of
the same rows, and one `MIN(due_at)` over the open records not yet due, so the panel knows when to
look again (the key cut-off) without polling.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import peewee

from app.db import is_sqlite
from app.kit import registry
from app.kit.declare import Register
from app.kit.services import label_fields
from app.services.context import Actor
from app.services.tx import read_service

LINES = 50  # lines per group; the count says how many there are in all


@dataclass(frozen=True)
class TodayLine:
    register: str
    record_id: int
    text: str  # number/code + title ("JY-2026-00017 张三"); the panel adds the due time
    due_at: datetime | None
    overdue: bool


@dataclass(frozen=True)
class TodayGroup:
    register: str
    en: str
    zh: str
    count: int  # every matching record, not only the lines listed
    lines: tuple[TodayLine, ...]
    all_open: bool = False
    next_due: datetime | None = None  # the next open record to fall due (None: none)


def open_condition(reg: Register) -> Any:
    """The declaration's "still open" condition: `today.open_where(model)`, else the state in
    `today.open_states`, else every record; voided ones never."""
    model = reg.model
    spec = reg.today
    assert spec is not None
    if spec.open_where is not None:
        cond = spec.open_where(model)
    elif spec.open_states:
        cond = getattr(model, reg.state_field).in_(list(spec.open_states))
    else:
        cond = model.id.is_null(False)
    if "voided_at" in model._meta.fields:
        voided: Any = model.voided_at
        if is_sqlite():
            # SQLite keeps no statistics here: it would take "voided_at IS NULL" (true of nearly
            # every row) for the selective term and walk the whole register by that index. A
            # unary + keeps the term off the index choice, so the open-state index is used.
            voided = peewee.NodeList((peewee.SQL("+"), voided), glue="")
        cond &= voided.is_null()
    return cond


def _title_select(reg: Register) -> tuple[list[Any], Any]:
    """Extra columns for the line text and the join they need (a FK title shows its label)."""
    model = reg.model
    if not reg.title_field:
        return [], None
    fobj = model._meta.fields.get(reg.title_field)
    if isinstance(fobj, peewee.ForeignKeyField):
        alias = fobj.rel_model.alias("today_title")
        label = getattr(alias, label_fields(fobj.rel_model)[0].name)
        return [label.alias("today_title")], (alias, fobj)
    if fobj is not None:
        return [fobj.alias("today_title")], None
    return [], None


def _text(reg: Register, row: dict[str, Any]) -> str:
    parts = []
    if reg.prefix:
        parts.append(row.get(reg.number_field) or "")
    if reg.code_field:
        parts.append(row.get(reg.code_field) or "")
    parts.append(str(row.get("today_title") or ""))
    return " ".join(p for p in parts if p)


def group(reg: Register, now: datetime, limit: int = LINES) -> TodayGroup:
    """One register's group (the caller checked the permission)."""
    spec = reg.today
    assert spec is not None
    model = reg.model
    due = model._meta.fields.get(reg.due_field)  # None: open until closed, nothing falls due
    where = open_condition(reg)
    if not spec.all_open:
        assert due is not None, f"{reg.name}: a Today line that is not all_open needs a due field"
        # Not listed at this moment (callbacks outside the call windows): nothing is due now;
        # the panel looks again when listing starts.
        resumes = reg.due.listed_from(now) if reg.due is not None else None
        if resumes is not None:
            return TodayGroup(reg.name, spec.en, spec.zh, 0, (), next_due=resumes)
        where &= due < now
    extra, join = _title_select(reg)
    columns = [model.id] + ([due] if due is not None else [])
    for name in (reg.number_field if reg.prefix else "", reg.code_field):
        if name:
            columns.append(getattr(model, name))
    query = model.select(*columns, *extra)
    if join is not None:
        alias, fobj = join
        query = query.join(alias, peewee.JOIN.LEFT_OUTER, on=(fobj == alias.id))
    # Oldest due first; open records without a due time (all_open) after those with one.
    if due is None:
        order = [model.id.asc()]
    elif spec.all_open:
        order = [due.is_null(), due.asc(), model.id.asc()]
    else:
        order = [due.asc(), model.id]
    rows = list(query.where(where).order_by(*order).limit(limit).dicts())
    count = model.select(model.id).where(where).count()
    next_due = None
    if not spec.all_open:
        next_due = (
            model.select(peewee.fn.MIN(due)).where(open_condition(reg) & (due >= now)).scalar()
        )
        next_due = column_datetime(due, next_due)
    lines = []
    for r in rows:
        at = column_datetime(due, r.get(reg.due_field)) if due is not None else None
        text = spec.describe(r) if spec.describe is not None else _text(reg, r)
        lines.append(TodayLine(reg.name, r["id"], text, at, at is not None and at < now))
    return TodayGroup(
        register=reg.name,
        en=spec.en,
        zh=spec.zh,
        count=count,
        lines=tuple(lines),
        all_open=spec.all_open,
        next_due=next_due,
    )


def column_datetime(field: Any, value: Any) -> datetime | None:
    """A datetime column's value as read back (holdings and Today lists use this)."""
    if isinstance(value, str):  # SQLite hands MIN() and some dict rows back as text
        value = field.python_value(value)
    return value if isinstance(value, datetime) else None


def registers_for(actor: Actor) -> list[Register]:
    """The registers with a Today line this actor may see, in declaration order."""
    return [r for r in registry.all_registers() if r.today is not None and actor.can(r.view_perm)]


@read_service(None)
def today(actor: Actor, now: datetime | None = None, limit: int = LINES) -> list[TodayGroup]:
    """Every Today group the actor may see (empty groups included: the panel says "none")."""
    now = now or datetime.now()
    return [group(reg, now, limit) for reg in registers_for(actor)]


__all__ = ["LINES", "TodayGroup", "TodayLine", "group", "registers_for", "today"]
