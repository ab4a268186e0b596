"""Every register's Today line finds its open, past-due records through an index that starts
with the "still open" condition and holds the due time: the panel refreshes on every change, and
it must not walk a register's closed history (0.5 s at 200,000 archive loans before)."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from app.db import db_proxy, is_sqlite
from app.kit import registry
from app.kit.today import open_condition

DUE_LINES = [
    r.name
    for r in registry.all_registers()
    if r.today is not None and not r.today.all_open and r.due_field in r.model._meta.fields
]


@pytest.mark.parametrize("name", DUE_LINES)
def test_today_line_reads_open_records_by_index(name: str, admin) -> None:  # noqa: ANN001
    if not is_sqlite():
        pytest.skip("SQLite's query plan")
    reg = registry.get(name)
    model, db = reg.model, db_proxy.obj
    due = model._meta.fields[reg.due_field]
    query = model.select(model.id).where(open_condition(reg) & (due < datetime(2026, 12, 1)))
    sql, params = query.sql()
    plan = " ".join(r[-1] for r in db.execute_sql("EXPLAIN QUERY PLAN " + sql, params))
    found = re.search(r"USING (?:COVERING )?INDEX (\S+)", plan)
    assert found, f"{name}: the Today query scans the table: {plan}"
    columns = [r[2] for r in db.execute_sql(f"PRAGMA index_info('{found.group(1)}')")]
    open_sql = model.select(model.id).where(open_condition(reg)).sql()[0]
    assert f'"{columns[0]}"' in open_sql, (
        f"{name}: {found.group(1)} {columns} does not lead with the open condition"
    )
    assert due.column_name in columns, f"{name}: {found.group(1)} {columns} lacks the due time"
