"""Schema version and ordered migrations.

A new database gets the current schema in one go and is stamped with SCHEMA_VERSION. An older
database is backed up (SQLite backup API) and then brought forward one migration at a time, each in
its own transaction that re-reads the version first, so two PCs upgrading at once cannot apply a
step twice. A database stamped with a newer version than this build knows is refused untouched.

To change the schema: add `mNNNN_what.py` with `def apply(db): …`, append it to MIGRATIONS. Never
edit a released migration.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

import peewee

from app.db import DatabaseTarget, backup_sqlite, default_backup_dir
from app.errors import SchemaTooNew
from app.migrations import search_index

log = logging.getLogger(__name__)

# (version, description, apply). Version 1 is the initial schema made by create_schema().
MIGRATIONS: list[tuple[int, str, Callable[[peewee.Database], None]]] = []

SCHEMA_VERSION = 1 + len(MIGRATIONS)
META_TABLE = "propdesk_meta"


def current_version(db: peewee.Database) -> int:
    if META_TABLE not in db.get_tables():
        return 0
    row = db.execute_sql(f"SELECT value FROM {META_TABLE} WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def _set_version(db: peewee.Database, version: int) -> None:
    from app.models import SchemaMeta

    SchemaMeta.insert(key="schema_version", value=str(version)).on_conflict(
        conflict_target=[SchemaMeta.key], update={SchemaMeta.value: str(version)}
    ).execute()


def create_schema(db: peewee.Database) -> None:
    from app.models import ALL_MODELS

    db.create_tables(ALL_MODELS, safe=True)
    search_index.create_all(db)
    _protect_audit_log(db)


def _protect_audit_log(db: peewee.Database) -> None:
    """The audit log is append-only, enforced in the database itself and not only by the UI."""
    if isinstance(db, peewee.SqliteDatabase):
        for op in ("UPDATE", "DELETE"):
            db.execute_sql(
                f"CREATE TRIGGER IF NOT EXISTS audit_event_no_{op.lower()} BEFORE {op} ON audit_event "
                "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
            )
    else:
        db.execute_sql(
            "CREATE OR REPLACE FUNCTION propdesk_audit_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$ LANGUAGE plpgsql"
        )
        db.execute_sql("DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event")
        db.execute_sql(
            "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event "
            "FOR EACH ROW EXECUTE FUNCTION propdesk_audit_append_only()"
        )


def migrate(db: peewee.Database, target: DatabaseTarget) -> int:
    version = current_version(db)
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"this database was written by a newer PropDesk (schema {version}, this program knows "
            f"{SCHEMA_VERSION}); install the newer PropDesk on this PC. The database was not touched."
        )
    if version == SCHEMA_VERSION:
        return version
    if version == 0:
        with db.atomic():
            if current_version(db) == 0:  # another PC may have created it meanwhile
                create_schema(db)
                _set_version(db, SCHEMA_VERSION)
        return current_version(db)
    if isinstance(db, peewee.SqliteDatabase) and target.path is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        dest = (
            default_backup_dir(target)
            / f"{target.path.stem}-before-v{SCHEMA_VERSION}-{stamp}.sqlite3"
        )
        backup_sqlite(db, dest)
        log.info("backup before migrating: %s", dest)
    for step, description, apply in MIGRATIONS:
        if step <= version:
            continue
        with db.atomic():
            if current_version(db) >= step:
                continue
            log.info("migrating to schema %d: %s", step, description)
            apply(db)
            _set_version(db, step)
    return current_version(db)
