#!/usr/bin/env python3
"""The service desk at size: the monthly report over 100,000 work orders and 1,000,000
callbacks, and the Today panel with every declared register full — each figure against a floor
measured in the same run.

    .venv/bin/python tests/bench/bench_service_desk.py [--orders 100000] [--callbacks 1000000]
        [--today-rows 200000]

- monthly report: `reports.compute` (its GROUP BY queries) and `render_pdf` (A4, charts) for one
  month of a year of orders and callbacks; peak Python memory (tracemalloc) while it runs;
  floor: one bare sqlite3 GROUP BY over that month's callbacks.
- Today panel: `kit.today.today()` for an administrator (every group) with every declared
  register holding `--today-rows` rows (tests/kit/bulk.py); floor: one bare sqlite3 indexed
  `… WHERE due_at < ? ORDER BY due_at LIMIT 50` per group.
Writes its own section of docs/BENCHMARKS.md. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.bench.bench_archives import _timed  # noqa: E402
from tests.bench.run_benchmarks import machine, write_section  # noqa: E402

YEAR_MINUTES = 365 * 24 * 60
MONTH = "2026-06"
OPEN_SHARE = 100  # 1 in 100 records of a full register still open
STAMP = "'2026-01-01 09:00:00', 'bench', '2026-01-01 09:00:00', 'bench', 1"
COUNTER = "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < {n})"


def _spread(n: int, offset_minutes: int = 0) -> str:
    """A moment of 2026 for the counter i, spread evenly over the year."""
    return (
        f"datetime('2026-01-01 08:00', '+' || (i * {YEAR_MINUTES} / {n} + {offset_minutes}) "
        "|| ' minutes')"
    )


def build(path: Path, orders: int, callbacks: int) -> None:
    """The real schema (open_database), then a year of orders and callbacks filled in SQL."""
    from app.db import close_database
    from app.db_open import open_database
    from app.services import reference
    from app.services.context import SYSTEM

    open_database(str(path), create=True)
    reference.ensure_departments(SYSTEM)
    reference.create_building(SYSTEM, code="A", name="A座")
    unit = reference.create_unit(SYSTEM, code="A-0101", building_code="A", floor_number=1)
    engineer = reference.create_staff(SYSTEM, name="王工程", department="工程部")
    close_database()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=OFF")  # set-up only
    con.execute("PRAGMA synchronous=OFF")
    # The search index is not what the report reads: its triggers go (this is a copy to measure).
    triggers = con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%fts%' "
        "AND tbl_name IN ('work_order', 'callback')"
    ).fetchall()
    for (name,) in triggers:
        con.execute(f'DROP TRIGGER "{name}"')
    at = _spread(orders)
    with con:
        con.execute(
            "INSERT INTO work_order (created_at, created_by, updated_at, updated_by, version, "
            "number, area, unit_id, location, reporter_name, contact_phone, fault, category, "
            "channel, status, engineer_id, dispatched_at, dispatched_by, arrival_due_at, "
            "arrived_at, arrival_via, arrival_met, paid, work_done, finished_at, accepted_by, "
            "unfinished_reason, received_by, reopen_reason) "
            + COUNTER.format(n=orders)
            + f" SELECT {at}, 'bench', {at}, 'bench', 1, 'WX-2026-' || printf('%07d', i), "
            f"CASE WHEN i % 3 = 0 THEN 'public' ELSE 'customer' END, {unit.id}, '', '张先生', "
            '\'13800138000\', \'漏水\', json_extract(\'["water","electric","hvac","lift",'
            "\"doors\",\"civil\",\"other\"]', '$[' || (i % 7) || ']'), 'phone', "
            "CASE WHEN i % 50 = 0 THEN 'unfinished' ELSE 'received' END, "
            f"{engineer.id}, {at}, 'bench', {_spread(orders, 15)}, "
            f"{_spread(orders, 10)}, 'scanned', (i % 10 <> 0), (i % 7 = 0), '已修复', "
            f"{_spread(orders, 60)}, '张先生', CASE WHEN i % 50 = 0 THEN '缺配件' ELSE '' END, "
            "'bench', '' FROM c"
        )
        cat = _spread(callbacks, 90)
        con.execute(
            "INSERT INTO callback (created_at, created_by, updated_at, updated_by, version, "
            "number, source, purpose, work_order_id, person_name, unit_id, contact_phone, "
            "subject, assigned_name, method, status, due_at, done_at, done_by, satisfaction, "
            "answers, comments, cancel_reason) "
            + COUNTER.format(n=callbacks)
            + f" SELECT {cat}, 'bench', {cat}, 'bench', 1, 'HF-2026-' || printf('%07d', i), "
            "CASE WHEN i % 5 = 0 THEN 'complaint' ELSE 'repair' END, "
            "CASE WHEN i % 5 = 0 THEN 'progress' ELSE 'repair' END, "
            f"CASE WHEN i % 5 = 0 THEN NULL ELSE (i % {orders}) + 1 END, '张先生', {unit.id}, "
            "'13800138000', '回访', 'clerk' || (i % 6), 'phone', "
            "CASE WHEN i % 40 = 0 THEN 'due' ELSE 'done' END, "
            f"{cat}, CASE WHEN i % 40 = 0 THEN NULL ELSE {cat} END, 'bench', "
            "CASE WHEN i % 40 = 0 THEN '' WHEN i % 11 = 0 THEN 'unsatisfied' "
            "WHEN i % 4 = 0 THEN 'fair' ELSE 'satisfied' END, '', '', '' FROM c"
        )
    con.execute("ANALYZE")
    con.close()


def bench_report(path: Path, repeat: int) -> dict[str, float]:
    from app.db import close_database, db_proxy
    from app.db_open import open_database
    from app.registers.service_desk import reports

    open_database(str(path))
    period = reports.parse_period("monthly", MONTH)
    now = datetime(2026, 12, 31)
    out = {"compute": _timed(lambda: reports.compute(period, now), repeat)}
    r = reports.compute(period, now)
    out["pdf"] = _timed(lambda: reports.render_pdf(r), repeat)
    tracemalloc.start()
    reports.render_pdf(reports.compute(period, now))
    out["peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    out["callbacks_in_month"] = r.callbacks.due
    out["orders_in_month"] = r.orders
    con = db_proxy.obj.connection()
    out["floor"] = _timed(
        lambda: con.execute(
            "SELECT assigned_name, COUNT(*), SUM(status = 'done') FROM callback "
            "WHERE due_at >= ? AND due_at < ? GROUP BY assigned_name",
            (period.start.isoformat(sep=" "), period.end.isoformat(sep=" ")),
        ).fetchall(),
        repeat,
    )
    close_database()
    return out


def bench_today(path: Path, rows: int, repeat: int) -> dict[str, Any]:
    """Every declared register full, then the Today panel's service."""
    from app.db import close_database, db_proxy
    from app.db_open import open_database
    from app.kit import registry
    from app.kit import today as kit_today
    from app.services.context import SYSTEM
    from tests.kit.bulk import fill

    open_database(str(path), create=True)
    db = db_proxy.obj
    db.execute_sql("PRAGMA synchronous=OFF")  # set-up only
    regs = registry.all_registers()
    for reg in regs:
        table = reg.model._meta.table_name
        for op in ("ai", "au", "ad"):  # the search index is not what the Today panel reads
            db.execute_sql(f'DROP TRIGGER IF EXISTS "{table}_fts_{op}"')
        fill(reg.model, rows, reg)
        # A full register is mostly history: one record in OPEN_SHARE still open (the bulk
        # fill cycles through the states, which would leave a third of it open and overdue).
        spec = reg.today
        if spec is not None and spec.open_states:
            closed = next(s.value for s in reg.states if s.value not in spec.open_states)
            db.execute_sql(
                f'UPDATE "{table}" SET "{reg.state_field}" = ? WHERE id % {OPEN_SHARE} <> 0',
                (closed,),
            )
        elif spec is not None and "returned_at" in reg.model._meta.fields:  # key loans
            db.execute_sql(
                f'UPDATE "{table}" SET returned_at = created_at WHERE id % {OPEN_SHARE} <> 0'
            )
    db.execute_sql("ANALYZE")
    db.execute_sql("PRAGMA synchronous=FULL")
    inside = datetime(2026, 6, 3, 10, 30)  # a Wednesday in the morning call window
    out: dict[str, Any] = {"today": _timed(lambda: kit_today.today(SYSTEM, inside), repeat)}
    con = db.connection()
    groups = [r for r in regs if r.today is not None]
    out["per_group"] = {
        reg.name: _timed(lambda reg=reg: kit_today.group(reg, inside), repeat) for reg in groups
    }

    def floor() -> None:
        for reg in groups:
            table = reg.model._meta.table_name
            if reg.model._meta.fields.get(reg.due_field) is None:
                con.execute(f'SELECT id FROM "{table}" ORDER BY id LIMIT 50').fetchall()
            else:
                con.execute(
                    f'SELECT id, "{reg.due_field}" FROM "{table}" WHERE "{reg.due_field}" < ? '
                    f'ORDER BY "{reg.due_field}" LIMIT 50',
                    (inside.isoformat(sep=" "),),
                ).fetchall()

    out["floor"] = _timed(floor, repeat)
    out["groups"] = len(groups)
    close_database()
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--callbacks", type=int, default=1_000_000)
    parser.add_argument("--today-rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", default=str(ROOT / "docs" / "BENCHMARKS.md"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "desk.sqlite3"
        started = time.perf_counter()
        build(path, args.orders, args.callbacks)
        print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
        r = bench_report(path, args.repeat)
        full = Path(tmp) / "full.sqlite3"
        started = time.perf_counter()
        t = bench_today(full, args.today_rows, args.repeat * 10)
        print(f"today measured in {time.perf_counter() - started:.0f} s", flush=True)
    when = datetime.now().strftime("%Y-%m-%d %H:%M")
    lines = [
        "## Service desk: the monthly report and the Today panel at size",
        "",
        f"Measured {when} on {machine()}.",
        "Command: `.venv/bin/python tests/bench/bench_service_desk.py` (medians; SQLite on "
        f"local disk; a year of {args.orders:,} work orders and {args.callbacks:,} callbacks, "
        f"the report for {MONTH}: {int(r['orders_in_month']):,} orders, "
        f"{int(r['callbacks_in_month']):,} callbacks owed).",
        "",
        "| what | PropDesk | floor (same run) | ratio |",
        "|---|---|---|---|",
        f"| monthly report: figures (`reports.compute`, GROUP BY queries) | "
        f"{r['compute']:.0f} ms | bare sqlite3 GROUP BY of the month's callbacks per staff "
        f"member {r['floor']:.0f} ms | {r['compute'] / r['floor']:.1f}× |",
        f"| monthly report: A4 PDF with charts (`render_pdf`) | {r['pdf']:.0f} ms | — | — |",
        f"| monthly report: peak Python memory (tracemalloc, figures + PDF) | "
        f"{r['peak_mib']:.1f} MiB | — | — |",
        f"| Today panel (`kit.today.today`, all {int(t['groups'])} groups) with every declared "
        f"register at {args.today_rows:,} rows, 1 in {OPEN_SHARE} still open | {t['today']:.1f} ms | bare sqlite3 indexed "
        f"`WHERE due_at < ? ORDER BY due_at LIMIT 50` per group {t['floor']:.1f} ms | "
        f"{t['today'] / t['floor']:.1f}× |",
        "",
        "Notes:",
        "- The report reads the month through the indexed date columns (created_at, "
        "dispatched_at, finished_at, due_at, done_at) with GROUP BY; it never loads a row per "
        "record, so its time follows the month's size, not the register's.",
        "- The Today panel's figure includes each group's count and its next due time (two "
        "more queries per group) besides the lines; the floor reads only the lines. Per group: "
        + ", ".join(f"{name} {ms:.1f} ms" for name, ms in t["per_group"].items())
        + ". The service desk's tables have a (status, due_at) index; the archive loans (archive_loans) "
        "read their open rows through the due_at index alone, which walks the closed "
        "history — a composite index there would bring them down the same way.",
        "",
    ]
    write_section(Path(args.out), "service-desk", "\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
