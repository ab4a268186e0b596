"""A declared register's list, built for `app.services.listing` (lazy pages, SQL sort/search).

Columns are model fields, `ref` fields (shown by the referenced row's code or name, joined and
sortable) or declared extra columns (an expression plus the join it needs). The count query has
no display joins, so counting 1,000,000 rows reads one index. Named filters come from the
declaration; voided records are hidden unless the `voided` filter asks for them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import peewee

from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP
from app.kit.declare import Register
from app.kit.services import label_fields, ref_model
from app.rules.roles import Perm
from app.services import listing
from app.services.context import Actor
from app.services.listing import ListRequest, RegisterList


class _Columns:
    """The select list, joins and sort expressions of one register's list."""

    def __init__(self, reg: Register) -> None:
        model = reg.model
        self.select: list[Any] = [model.id]
        self.joins: list[Any] = []
        self.sort: dict[str, Any] = {}
        self.converters: dict[str, peewee.Field] = {}
        extra = {c.name: c for c in reg.list.extra_columns}
        fields = model._meta.fields
        for name in reg.list.columns:
            if name in extra:
                col = extra[name]
                self.select.append(col.expr().alias(name))
                if col.join is not None:
                    self.joins.append(col.join)
                if col.sort:
                    self.sort[name] = col.expr()
                continue
            fobj = fields.get(name)
            if fobj is None:
                raise KeyError(f"{reg.name}: list column {name} is neither a field nor declared")
            if isinstance(fobj, peewee.ForeignKeyField):
                decl = reg.field(name)
                target = ref_model(decl.ref) if decl.ref else fobj.rel_model
                alias = target.alias(f"ref_{name}")
                label = getattr(alias, label_fields(target)[0].name)
                self.select.append(label.alias(name))
                self.joins.append(
                    lambda q, a=alias, f=fobj: q.join(
                        a, peewee.JOIN.LEFT_OUTER, on=(f == a.id)
                    ).switch(model)
                )
                self.sort[name] = label
                continue
            self.select.append(fobj)
            if isinstance(fobj, peewee.DateTimeField | peewee.DateField):
                self.converters[name] = fobj
            if name not in reg.list.no_sort:
                self.sort[name] = fobj
        for name in ("voided_at", reg.state_field, reg.due_field):
            if name in fields and fields[name] not in self.select:
                self.select.append(fields[name])
                if isinstance(fields[name], peewee.DateTimeField):
                    self.converters[name] = fields[name]


def _filtered(reg: Register, query: peewee.ModelSelect, request: ListRequest) -> peewee.ModelSelect:
    model = reg.model
    now = request.filter("now") or datetime.now()
    if "voided_at" in model._meta.fields and not request.filter("voided"):
        query = query.where(model.voided_at.is_null())
    for flt in reg.list.filters:
        value = request.filter(flt.name)
        if value in (None, ""):
            value = flt.options[0][0]
        option = next((o for o in flt.options if o[0] == value), None)
        if option is None:
            raise ValidationError({flt.name: QT_TRANSLATE_NOOP("app", "Unknown filter value.")})
        if option[3] is not None:
            query = query.where(option[3](model, now))
    return query


def _row(reg: Register, cols: _Columns, actor: Actor, r: dict[str, Any]) -> dict[str, Any]:
    for name, fobj in cols.converters.items():
        if isinstance(r.get(name), str):
            r[name] = fobj.python_value(r[name])
    if not actor.can(Perm.PII_VIEW):
        for f in reg.fields:
            if f.name in r:
                r[f.name] = f.masked(r[f.name])
    if reg.today is not None:
        r["overdue"] = is_overdue(reg, r, datetime.now())
    return r


def is_overdue(reg: Register, row: dict[str, Any], now: datetime) -> bool:
    due = row.get(reg.due_field)
    if due is None or row.get("voided_at"):
        return False
    if reg.today is None or (
        reg.today.open_states and row.get(reg.state_field) not in reg.today.open_states
    ):
        return False
    return due < now


def list_for(reg: Register) -> RegisterList:
    """The RegisterList of a declaration (registered with `listing` under the register's name)."""
    cols = _Columns(reg)

    def base(actor: Actor, request: ListRequest) -> peewee.ModelSelect:
        query = reg.model.select(*cols.select)
        for join in cols.joins:
            query = join(query)
        return _filtered(reg, query.dicts(), request)

    def count(actor: Actor, request: ListRequest) -> peewee.ModelSelect:
        return _filtered(reg, reg.model.select(reg.model.id), request)

    spec = RegisterList(
        name=reg.name,
        model=reg.model,
        columns=reg.list.columns,
        permission=reg.view_perm,
        base_query=base,
        count_query=count,
        row=lambda actor, r: _row(reg, cols, actor, r),
        sort_fields=cols.sort,
        default_sort=reg.list.default_sort,
    )
    return listing.register_list(spec)


def whole_register(name: str) -> ListRequest:
    """A request for every row of a list: each declared filter set to its option without a
    condition (a list may open on "not returned"; an export of the register is all of it)."""
    from app.kit import registry

    reg = registry.find(name)
    if reg is None:
        return ListRequest()
    chosen = []
    for flt in reg.list.filters:
        everything = next((o[0] for o in flt.options if o[3] is None), None)
        if everything is not None:
            chosen.append((flt.name, everything))
    return ListRequest(filters=tuple(chosen))
