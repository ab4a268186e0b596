"""Build a large office database for benchmarks: N keys and N key loans, straight through SQLite.

Bulk loading bypasses the services on purpose (a million service calls would take an hour); the
schema, indexes and search triggers are the real ones, created by `open_database`.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from app.db import close_database
from app.db_open import open_database
from app.models import Building, Floor, Key, KeyLoan, Unit


def _columns(model: Any) -> list[str]:
    return [f.column_name for f in model._meta.sorted_fields if f.name != "id"]


def _insert(
    con: sqlite3.Connection, model: Any, rows: Iterator[dict[str, Any]], chunk: int = 50_000
) -> int:
    cols = _columns(model)
    table = model._meta.table_name
    sql = f'INSERT INTO "{table}" ({", ".join(cols)}) VALUES ({", ".join("?" * len(cols))})'
    defaults = {
        f.column_name: (f.default() if callable(f.default) else f.default)
        for f in model._meta.sorted_fields
        if f.name != "id"
    }
    n = 0
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        full = {**defaults, **row}
        batch.append(tuple(full[c] for c in cols))
        if len(batch) >= chunk:
            con.executemany(sql, batch)
            n += len(batch)
            batch.clear()
    if batch:
        con.executemany(sql, batch)
        n += len(batch)
    return n


def build(path: Path, n: int, progress: Callable[[str], None] = print) -> Path:
    """Create `path` with n keys and n loans (every key lent once, 1 % still out)."""
    if path.exists():
        path.unlink()
    open_database(str(path))
    close_database()
    started = time.perf_counter()
    con = sqlite3.connect(str(path))
    con.execute("PRAGMA journal_mode=OFF")  # bench set-up only
    con.execute("PRAGMA synchronous=OFF")
    now = datetime(2026, 11, 26, 9, 0)
    stamp = {
        "created_at": now,
        "updated_at": now,
        "created_by": "bench",
        "updated_by": "bench",
        "version": 1,
    }
    with con:
        _insert(con, Building, iter([{**stamp, "code": "A", "name": "A座"}]))
        _insert(
            con,
            Floor,
            iter([{**stamp, "building_id": 1, "number": f, "name": f"{f}F"} for f in range(1, 41)]),
        )
        _insert(
            con,
            Unit,
            (
                {
                    **stamp,
                    "code": f"A-{f:02d}{u:02d}",
                    "floor_id": f,
                    "area": "120.50",
                    "use": "office",
                    "status": "occupied",
                }
                for f in range(1, 41)
                for u in range(1, 26)
            ),
        )
    progress(f"  units ready ({time.perf_counter() - started:.1f}s)")
    labels = ["户门", "配电室", "水泵房", "天台", "消防控制室", "电梯机房", "信报箱", "车库门"]
    with con:
        _insert(
            con,
            Key,
            (
                {
                    **stamp,
                    "code": f"K{i:07d}",
                    "label": f"A-{i % 1000:04d} {labels[i % len(labels)]}",
                    "unit_id": (i % 1000) + 1,
                    "area": "",
                    "key_count": 1 + i % 3,
                    "hook": f"H{i % 400:03d}",
                    "status": "lent" if i % 100 == 0 else "in_cabinet",
                    "holder": "王小明" if i % 100 == 0 else "",
                    "notes": "",
                }
                for i in range(1, n + 1)
            ),
        )
    progress(f"  {n} keys ({time.perf_counter() - started:.1f}s)")
    base = now - timedelta(days=400)
    with con:
        _insert(
            con,
            KeyLoan,
            (
                {
                    **stamp,
                    "number": f"YS-{2025 + (i * 2 > n)}-{i:07d}",
                    "key_id": i,
                    "borrower_kind": "staff",
                    "borrower_name": f"员工{i % 97:02d}",
                    "borrower_phone": f"138{i:08d}"[:11],
                    "purpose": "维修入户",
                    "lent_at": base + timedelta(minutes=i // 3),
                    "lent_by": "bench",
                    "due_at": base + timedelta(minutes=i // 3 + 480),
                    "returned_at": None if i % 100 == 0 else base + timedelta(minutes=i // 3 + 120),
                    "returned_to": None if i % 100 == 0 else "bench",
                    "return_condition": None if i % 100 == 0 else "good",
                }
                for i in range(1, n + 1)
            ),
        )
    progress(f"  {n} loans ({time.perf_counter() - started:.1f}s)")
    con.execute("ANALYZE")
    con.close()
    return path
