"""Schema version and ordered migrations.

A new database gets the current schema in one go and is stamped with SCHEMA_VERSION. An older
database is first handed to the caller's `before_upgrade` (app/db_open.py takes the backup
there, through app.backup: this floor never imports backup or the services), then brought
forward under the migration lock (`migration_lock`: on SQLite one `BEGIN EXCLUSIVE` transaction
for every step): the version is re-read once the lock is held, so two PCs upgrading at once
cannot apply a step twice, and a PC opening the database meanwhile waits in
`app.db_open.open_database` (its `on_wait` callback is told) until the upgrade committed.
A database stamped with a newer version than this build knows is refused untouched.

To change the schema: add `mNNNN_what.py` with `def apply(db): …`, append it to MIGRATIONS. Never
edit a released migration.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import peewee

from app.errors import SchemaTooNew
from app.migrations import (
    m0002_register_kit,
    m0003_mail,
    m0004_service_desk,
    m0005_today_indexes,
    search_index,
)

log = logging.getLogger(__name__)

# (version, description, apply). Version 1 is the initial schema made by create_schema().
MIGRATIONS: list[tuple[int, str, Callable[[peewee.Database], None]]] = [
    (2, "register kit: record trail, holidays, archives", m0002_register_kit.apply),
    (3, "mail: items, pickups, shift handovers, periodicals", m0003_mail.apply),
    (4, "service desk: work orders, complaints, callbacks", m0004_service_desk.apply),
    (5, "indexes for the Today panel's open, past-due lines", m0005_today_indexes.apply),
]

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


# Migration lock (issue 3): see migration_lock(). Any fixed number: other PostgreSQL users of
# advisory locks in this database must avoid it.
PG_MIGRATION_LOCK_KEY = 0x50524F50  # "PROP"


def migration_lock(db: peewee.Database) -> AbstractContextManager[object]:
    """One transaction for a whole schema change that no other PC can interleave with.

    SQLite: `BEGIN EXCLUSIVE` — nobody else may even read until it commits, so a PC opening the
    database meanwhile gets "database is locked" and `open_database` WAITS (polling, telling its
    `on_wait` callback) instead of failing or racing; a half-upgraded schema is never seen, and
    the COMMIT never waits for readers. Everything inside is one transaction (SQLite DDL is
    transactional): a failed step leaves the database as it was. A step that needs
    `PRAGMA foreign_keys=OFF` (table rebuilds) must set it before the lock, not inside.
    PostgreSQL: a transaction with a transaction-scoped advisory lock; other upgraders queue on
    it, readers go on.
    """
    if isinstance(db, peewee.SqliteDatabase):
        return db.transaction(lock_type="EXCLUSIVE")
    return _pg_locked(db)


@contextmanager
def _pg_locked(db: peewee.Database) -> Iterator[None]:
    with db.atomic():
        db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (PG_MIGRATION_LOCK_KEY,))
        yield


def _refuse_newer(version: int) -> None:
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"this database was written by a newer PropDesk (schema {version}, this program knows "
            f"{SCHEMA_VERSION}); install the newer PropDesk on this PC. The database was not touched."
        )


def migrate(db: peewee.Database, *, before_upgrade: Callable[[int], object] | None) -> int:
    """Bring `db` to SCHEMA_VERSION → the version it is at afterwards.

    `before_upgrade(SCHEMA_VERSION)` is called before an existing (older) database is changed,
    outside the migration lock; it is not called for a new database or one already up to date.
    Its caller passes the backup there (app/db_open.py); `None` is an explicit "no backup"."""
    version = current_version(db)
    _refuse_newer(version)
    if version == SCHEMA_VERSION:
        return version
    if version > 0 and before_upgrade is not None:
        # Backup first, outside the lock (SQLite's backup API cannot read through a connection
        # that holds an EXCLUSIVE transaction). A PC that finds the upgrade already done once it
        # has the lock just leaves an extra "before" backup behind.
        before_upgrade(SCHEMA_VERSION)
    # Then the migration lock, and look again: another PC may have done the upgrade meanwhile
    # (we waited for it in app.db_open.open_database) and there is nothing left to do.
    with migration_lock(db):
        version = current_version(db)
        _refuse_newer(version)
        if version == 0:
            create_schema(db)
            _set_version(db, SCHEMA_VERSION)
        for step, description, apply in MIGRATIONS:
            if step <= version or version == 0:
                continue
            with db.atomic():  # a savepoint inside the lock's transaction
                log.info("migrating to schema %d: %s", step, description)
                apply(db)
                _set_version(db, step)
    return current_version(db)
