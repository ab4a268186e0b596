"""Fill any declared register's table with N synthetic rows inside SQLite itself (one
`INSERT … SELECT` over a recursive counter: the real schema, indexes and search triggers, no
Python per row), for the conformance test's 1,000,000-row lists."""

from __future__ import annotations

import peewee

from app.db import db_proxy
from app.kit.declare import Register


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _cycle(values: list[str]) -> str:
    """A SQL expression picking values[i % len] for the counter i."""
    cases = " ".join(f"WHEN {k} THEN {_quote(v)}" for k, v in enumerate(values))
    return f"(CASE i % {len(values)} {cases} END)"


def _expr(reg: Register | None, f: peewee.Field, refs: dict[type, int]) -> str:
    name = f.name
    if f.null and name.startswith("void"):  # live records: none voided
        return "NULL"
    if isinstance(f, peewee.ForeignKeyField):
        return "NULL" if f.null else str(refs[f.rel_model])
    if reg is not None and reg.states and name == reg.state_field:
        return _cycle([s.value for s in reg.states])
    if reg is not None:
        declared = {fl.name: fl for fl in reg.fields}
        if name in declared and declared[name].choices:
            return _cycle([c.value for c in declared[name].choices])
    if isinstance(f, peewee.DateTimeField):
        value = "datetime('2025-06-02 09:00', '+' || ((i * 7919) % 500000) || ' minutes')"
        return f"(CASE WHEN i % 3 = 0 THEN NULL ELSE {value} END)" if f.null else value
    if isinstance(f, peewee.DateField):
        return "NULL" if f.null else "date('2025-06-02', '+' || (i % 400) || ' days')"
    if isinstance(f, peewee.BooleanField):
        return "(i % 2)"
    if isinstance(f, peewee.IntegerField):
        return "1" if name == "version" else "(1 + i % 5)"
    if isinstance(f, peewee.DecimalField):
        return "'1.00'"
    if isinstance(f, peewee.BlobField):
        return "x''"
    if f.unique or (reg is not None and name in (reg.number_field, reg.code_field)):
        prefix = reg.prefix if reg is not None and reg.prefix else "X"
        return f"'{prefix}-2025-' || printf('%07d', i)"
    width = getattr(f, "max_length", None) or 64
    return f"substr('值' || printf('%05d', (i * 31) % 9973), 1, {width})"


def fill(model: type[peewee.Model], n: int, reg: Register | None = None) -> None:
    """n rows of `model`; each required foreign key points at one row made for it first."""
    refs: dict[type, int] = {}
    for f in model._meta.sorted_fields:
        if isinstance(f, peewee.ForeignKeyField) and not f.null and f.rel_model not in refs:
            target = f.rel_model
            if target.select().count() == 0:
                fill(target, 1)
            refs[target] = target.select(target.id).order_by(target.id).first().id
    fields = [f for f in model._meta.sorted_fields if f.name != "id"]
    cols = ", ".join(f'"{f.column_name}"' for f in fields)
    exprs = ", ".join(_expr(reg, f, refs) for f in fields)
    start = (model.select(peewee.fn.MAX(model.id)).scalar() or 0) + 1
    db = db_proxy.obj
    with db.atomic():
        db.execute_sql(
            f'INSERT INTO "{model._meta.table_name}" ({cols}) '
            f"WITH RECURSIVE c(i) AS (SELECT {start} UNION ALL SELECT i + 1 FROM c "
            f"WHERE i < {start + n - 1}) SELECT {exprs} FROM c"
        )
