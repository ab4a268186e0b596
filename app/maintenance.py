"""Database health: integrity check and schema version (the `check` command)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.db import db_proxy, is_sqlite, run_with_retry
from app.migrations import SCHEMA_VERSION, current_version


@dataclass
class CheckReport:
    ok: bool = True
    lines: list[str] = field(default_factory=list)


def check_database() -> CheckReport:
    report = CheckReport()
    version = run_with_retry(lambda: current_version(db_proxy.obj))
    report.lines.append(f"schema version: {version} (this PropDesk: {SCHEMA_VERSION})")
    if version != SCHEMA_VERSION:
        report.ok = False
    if is_sqlite():
        rows = run_with_retry(lambda: db_proxy.execute_sql("PRAGMA integrity_check").fetchall())
        result = ", ".join(r[0] for r in rows[:10])
        report.lines.append(f"integrity_check: {result}")
        fk = run_with_retry(lambda: db_proxy.execute_sql("PRAGMA foreign_key_check").fetchall())
        report.lines.append(f"foreign_key_check: {'ok' if not fk else f'{len(fk)} problems'}")
        if result != "ok" or fk:
            report.ok = False
    report.lines.append("ok" if report.ok else "PROBLEMS FOUND")
    return report
