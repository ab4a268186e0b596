#!/usr/bin/env python3
"""Many desks at once: writes per second and the wait per write, SQLite vs PostgreSQL.

    .venv/bin/python tests/bench/bench_concurrency.py [--seconds 5] [--procs 1,2,4,8]
        [--db-dir DIR] [--pg URL | --no-pg] [--think-ms 0] [--out docs/BENCHMARKS.md]
    .venv/bin/python tests/bench/bench_concurrency.py --soak MINUTES [--procs 8] [--think-ms 10]

Each run starts N desk processes (tests/app/workers.py, the same as tests/app/test_concurrency.py)
that lend, return and receive keys through the real services for `--seconds`, then checks the
database: every acknowledged YS-/JJ- number present, numbers 1..max without gaps or duplicates,
`integrity_check` ok (SQLite). Reported per N: acknowledged writes per second (all desks together),
median / p95 / max time one write took (including waiting for the lock), StorageUnavailable
("busy, please retry") and raw driver errors (must be 0), and the slowest desk's count.

Columns, side by side: SQLite in `--db-dir` (default: a temporary folder on local disk) and
PostgreSQL at `--pg` (default $PROPDESK_TEST_DB, else tools/dev.py's local test server
postgresql://propdesk:propdesk@127.0.0.1:5432/propdesk_test; skipped when unreachable — start it
with `pg_ctlcluster 15 main start`). `--db-dir` is the hook for a slow or faulty mount (a network
share, tests/faultfs.py's latency file system): `--db-dir /mnt/latency --label "latency FS"` adds
that column by running once more with the SQLite file there (the section keeps earlier columns
only within one run, so pass several `--db-dir`s to compare them: the option repeats).

The figures go into docs/BENCHMARKS.md's "concurrency" section (write_section), with machine and
date. `--soak MINUTES` instead runs one long session (default 8 desks, 10 ms pause between a
desk's writes) and only prints and checks: exit 1 on any lost write, gap, raw error or damage.
Not part of the test suite: speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "app"))

from workers import run_desks  # noqa: E402

from tests.bench.run_benchmarks import machine, write_section  # noqa: E402

DEFAULT_PG = "postgresql://propdesk:propdesk@127.0.0.1:5432/propdesk_test"


def pg_reachable(url: str) -> str | None:
    """None when reachable, else why not."""
    from app.db import make_database, parse_database_url

    try:
        database = make_database(parse_database_url(url))
        database.connect()
        database.close()
    except Exception as exc:  # noqa: BLE001 - reported in the table
        return str(exc).splitlines()[0]
    return None


def empty_pg(url: str) -> None:
    from app.db import make_database, parse_database_url

    database = make_database(parse_database_url(url))
    database.connect()
    database.execute_sql("DROP SCHEMA IF EXISTS public CASCADE")
    database.execute_sql("CREATE SCHEMA public")
    database.close()


def verify(url: str, acks: list[dict[str, Any]]) -> list[str]:
    """Problems found in the database after a run (empty list: all good)."""
    from app.db import close_database, db_proxy, is_sqlite
    from app.db_open import open_database
    from app.models import KeyHandover, KeyLoan

    problems: list[str] = []
    open_database(url, create=False)
    try:
        if is_sqlite():
            result = db_proxy.execute_sql("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                problems.append(f"integrity_check: {result}")
        loans = {n: r for n, r in KeyLoan.select(KeyLoan.number, KeyLoan.returned_at).tuples()}
        handovers = {n for (n,) in KeyHandover.select(KeyHandover.number).tuples()}
    finally:
        close_database()
    for ack in acks:
        if ack["op"] == "lend" and ack["number"] not in loans:
            problems.append(f"acknowledged loan {ack['number']} missing")
        elif ack["op"] == "return" and loans.get(ack["number"]) is None:
            problems.append(f"acknowledged return of {ack['number']} missing")
        elif ack["op"] == "handover" and ack["number"] not in handovers:
            problems.append(f"acknowledged handover {ack['number']} missing")
    series: dict[tuple[str, str], list[int]] = defaultdict(list)
    for number in [*loans, *handovers]:
        match = re.fullmatch(r"([A-Z]{2})-(\d{4})-(\d{5})", number)
        if match is None:
            problems.append(f"odd number {number}")
            continue
        series[(match[1], match[2])].append(int(match[3]))
    for key, values in series.items():
        if sorted(values) != list(range(1, max(values) + 1)):
            problems.append(f"{key}: duplicates or gaps")
    return problems


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def one_run(url: str, workers: int, seconds: float, think_ms: float) -> dict[str, Any]:
    if url.startswith("postgresql://"):
        empty_pg(url)
    with tempfile.TemporaryDirectory() as tmp:
        acks, summaries = run_desks(url, Path(tmp), workers, seconds, think_ms)
    waits = [w for s in summaries for w in s["waits_ms"]]
    totals: dict[str, int] = defaultdict(int)
    for s in summaries:
        for name, value in s["counts"].items():
            totals[name] += value
    problems = verify(url, acks) + [p for s in summaries for p in s["problems"]]
    return {
        "workers": workers,
        "acknowledged": totals["acknowledged"],
        "per_s": totals["acknowledged"] / seconds,
        "p50": statistics.median(waits) if waits else float("nan"),
        "p95": percentile(waits, 0.95),
        "max": max(waits) if waits else float("nan"),
        "busy": totals["busy"],
        "raw": totals["raw_locked"] + totals["errors"],
        "retries": totals["retries"],
        "slowest": min(s["counts"]["acknowledged"] for s in summaries),
        "problems": problems,
    }


def cell(r: dict[str, Any] | None) -> str:
    if r is None:
        return "—"
    text = (
        f"{r['per_s']:.0f}/s · p50 {r['p50']:.0f} ms · p95 {r['p95']:.0f} ms · max {r['max']:.0f} ms"
        f" · busy {r['busy']} · raw {r['raw']} · slowest desk {r['slowest']}"
    )
    if r["problems"]:
        text += f" · **{len(r['problems'])} problems**"
    return text


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--procs", default="1,2,4,8")
    parser.add_argument(
        "--db-dir", action="append", default=[], help="folder for the SQLite file (repeatable)"
    )
    parser.add_argument("--label", action="append", default=[], help="column name per --db-dir")
    parser.add_argument("--pg", default=os.environ.get("PROPDESK_TEST_DB") or DEFAULT_PG)
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--think-ms", type=float, default=None)
    parser.add_argument("--soak", type=float, metavar="MINUTES")
    parser.add_argument("--out", default=str(ROOT / "docs" / "BENCHMARKS.md"))
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument(
        "--latency-fs",
        action="store_true",
        help="also run with the SQLite file on tests/faultfs.py's FUSE drive (~2 ms a call, like a "
        "LAN share; needs root and fuse3)",
    )
    args = parser.parse_args()
    procs = [int(p) for p in args.procs.split(",")]

    if args.soak:
        workers = procs[-1] if args.procs != "1,2,4,8" else 8
        think = 10.0 if args.think_ms is None else args.think_ms
        folder = Path(args.db_dir[0]) if args.db_dir else Path(tempfile.mkdtemp())
        url = str(folder / f"soak-{os.getpid()}.sqlite3")
        print(f"soak: {workers} desks on {url} for {args.soak} min (pause {think} ms)", flush=True)
        started = time.monotonic()
        r = one_run(url, workers, args.soak * 60, think)
        print(f"{time.monotonic() - started:.0f} s: {r['acknowledged']} writes; {cell(r)}")
        for problem in r["problems"][:20]:
            print("  ", problem)
        return 1 if r["problems"] or r["raw"] else 0

    think = 0.0 if args.think_ms is None else args.think_ms
    columns: list[tuple[str, str | None, str | None]] = []  # (label, sqlite folder, pg url)
    temp = tempfile.TemporaryDirectory()
    folders = args.db_dir or [temp.name]
    latency_mount = None
    if args.latency_fs:
        from tests import faultfs

        why_not = faultfs.skip_reason()
        if why_not:
            print(f"latency file system not measured: {why_not}", flush=True)
        else:
            latency_mount = faultfs.FaultMount(Path(tempfile.mkdtemp()))
            if not args.db_dir:
                folders = [temp.name]
            folders = [*folders, str(latency_mount.path)]
            args.label = [
                *(args.label or ["SQLite, local disk"] * (len(folders) - 1)),
                f"SQLite on a FUSE share ({faultfs.LATENCY_S * 1000:g} ms a call)",
            ]
    for i, folder in enumerate(folders):
        label = (
            args.label[i]
            if i < len(args.label)
            else ("SQLite, local disk" if not args.db_dir else f"SQLite in {folder}")
        )
        columns.append((label, folder, None))
    pg_note = ""
    if not args.no_pg:
        why = pg_reachable(args.pg)
        if why is None:
            columns.append(("PostgreSQL 127.0.0.1", None, args.pg))
        else:
            pg_note = f"PostgreSQL not measured ({why})."
    results: dict[tuple[str, int], dict[str, Any]] = {}
    for label, folder, pg in columns:
        for n in procs:
            url = pg or str(Path(folder or temp.name) / f"bench-{n}-{os.getpid()}.sqlite3")
            print(f"{label}: {n} desks …", flush=True)
            r = one_run(url, n, args.seconds, think)
            results[(label, n)] = r
            print("   ", cell(r), flush=True)
            for problem in r["problems"][:5]:
                print("    !", problem)
    temp.cleanup()
    if latency_mount is not None:
        latency_mount.unmount()

    lines = [
        "## Many desks at once: SQLite vs PostgreSQL",
        "",
        f"Measured {datetime.now():%Y-%m-%d %H:%M} on {machine()}.",
        f"Command: `.venv/bin/python tests/bench/bench_concurrency.py --seconds {args.seconds:g}"
        f"{f' --think-ms {think:g}' if think else ''}{' --latency-fs' if args.latency_fs else ''}`. Each desk is a separate process writing "
        f"through the real services (lend / return / receive keys) "
        f"{'with no pause' if not think else f'with a {think:g} ms pause'} between its writes, for "
        f"{args.seconds:g} s; then every acknowledged number is checked in the database.",
        "",
        "Per cell: acknowledged writes per second (all desks) · time one write took including the "
        'wait for the lock (median, 95th percentile, max) · StorageUnavailable "busy" (the desk '
        "keeps the input and says retry) · raw driver errors (must be 0) · writes of the slowest desk.",
        "",
        "| desks | " + " | ".join(label for label, _f, _p in columns) + " |",
        "|---|" + "---|" * len(columns),
    ]
    for n in procs:
        lines.append(
            f"| {n} | "
            + " | ".join(cell(results.get((label, n))) for label, _f, _p in columns)
            + " |"
        )
    lines += [
        "",
        "Notes:",
        "- SQLite (rollback journal, `synchronous=FULL`, `BEGIN IMMEDIATE`, busy timeout "
        "5 s): one writer at a time; a waiting desk polls the lock (SQLite's busy handler sleeps "
        "up to 100 ms between tries), so the lock is not handed over in order — with desks that "
        "write without pause, one desk can wait seconds while another writes again and again "
        "(see max and slowest desk). Real desks write a few times a minute, far below this.",
        "- PostgreSQL serialises only the document-number row (`SELECT … FOR UPDATE`); waits "
        "are queued in order.",
        "- Hook for other storage: `--db-dir DIR [--label NAME]` (repeatable) puts the SQLite "
        "file on any mount, e.g. a share or a latency-injecting FUSE file system.",
        "- The FUSE share (`--latency-fs`, tests/faultfs.py) adds 2 ms to every file-system call, "
        "as a LAN share does. One SQLite write transaction makes well over a hundred such calls "
        "(journal created, written, synced, deleted; the database written and synced), so a write "
        "takes ~0.3 s and the file serves ~4 writes a second whatever the number of desks: fine "
        "for a desk's pace, the reason a busy office moves to PostgreSQL.",
    ]
    if pg_note:
        lines.append(f"- {pg_note}")
    body = "\n".join(lines)
    print()
    print(body)
    if not args.no_write:
        write_section(Path(args.out), "concurrency", body)
        print(f"\nwritten to {args.out} (section 'concurrency')")
    failed = any(r["problems"] or r["raw"] for r in results.values())
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
