"""Database health: integrity check and schema version (the `check` command), and `probe()`."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.db import close_database, db_proxy, is_sqlite, run_with_retry
from app.errors import StorageUnavailable
from app.migrations import SCHEMA_VERSION, current_version

DEMO_META_KEY = "demo"  # propdesk_meta marker written by app.demo.create_demo


def is_demo_database() -> bool:
    """True when the open database was filled by app.demo (cheap: no Faker, no services)."""
    from app.models import SchemaMeta

    row = run_with_retry(lambda: SchemaMeta.get_or_none(SchemaMeta.key == DEMO_META_KEY))
    return row is not None and row.value == "1"


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


def probe() -> bool:
    """Can the database be reached right now? A cheap read that really touches the file (a bare
    `SELECT 1` would not, on SQLite), for the UI's "drive is back?" check off the GUI thread.

    The connection this opens belongs to the calling thread (peewee keeps one per thread) and is
    closed again, so a probe thread never keeps a stale handle on the share.
    """
    sql = "SELECT count(*) FROM sqlite_master" if is_sqlite() else "SELECT 1"
    try:
        run_with_retry(lambda: db_proxy.execute_sql(sql).fetchone(), retries=0)
    except StorageUnavailable:
        return False
    finally:
        close_database()  # this thread's connection only
    return True
