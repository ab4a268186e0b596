"""Opening the office database: connect, check, bring the schema up to date (`open_database`).

The floors, bottom up; each imports only floors below it, also inside functions
(tests/test_layering.py::test_lower_floors_do_not_reach_up):

    app.db          connection, pragmas, busy/storage retries (imports only app.errors)
    app.models      the tables, bound to app.db.db_proxy
    app.migrations  schema version, create_schema, migration_lock, the ordered steps
    app.heartbeats  who is connected (the presence query restore and services.presence share)
    app.backup      backups and restore: app.db, app.migrations (META, versions), app.heartbeats
    app.db_open     this module: open + quick_check + migrate, a backup before an upgrade
    app.services …, app.cli, ui

Opening is the one thing that needs the three lower floors at once (a connection, the schema
steps and a backup taken before the first step), so it sits above them, instead of app.db reaching
up to migrations and migrations reaching up to backup. `migrations.migrate` hears what to do
before upgrading an existing database through its `before_upgrade` callback; here that is
`backup.backup_before_migration`.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable

import peewee

from app import backup, migrations
from app.db import (
    BUSY_TIMEOUT_S,
    DatabaseInfo,
    DatabaseTarget,
    OfficeSqliteDatabase,
    close_database,
    db_proxy,
    is_busy_error,
    is_remote_path,
    make_database,
    parse_database_url,
)
from app.errors import StorageUnavailable
from app.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)


def open_database(
    url: str,
    *,
    create: bool = True,
    migrate: bool = True,
    on_wait: Callable[[str], None] | None = None,
) -> DatabaseInfo:
    """Open the office database, bind every model to it and bring its schema up to date.

    `create=False` refuses a SQLite file that does not exist (connecting to an existing office
    database must not silently create an empty one next to it).

    `on_wait(message)`: while another PC holds the SQLite file locked during opening (it is
    upgrading the schema under the migration lock, app/migrations), this waits instead of
    failing and calls `on_wait` about every OPEN_WAIT_POLL_S seconds with UPGRADE_WAIT_MESSAGE
    (QT_TRANSLATE_NOOP text: show it with tr_msg). It runs on the caller's thread: a GUI may
    show the text and process events; raising from it stops waiting (the exception goes up).
    After OPEN_WAIT_LIMIT_S the open fails with StorageUnavailable.
    """
    target = parse_database_url(url)
    info = DatabaseInfo(target=target)
    if target.kind == "sqlite":
        assert target.path is not None
        if not target.path.exists():
            # A vanished share looks like a missing folder: say so, never "create a new one".
            unreachable = (
                ""
                if target.path.parent.is_dir()
                else f" (the folder {target.path.parent} cannot be reached: "
                "is the network drive connected?)"
            )
            if not create:
                raise StorageUnavailable(f"no PropDesk database at {target.path}{unreachable}")
            try:
                target.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageUnavailable(
                    f"cannot create folder {target.path.parent}{unreachable}: {exc}"
                ) from exc
        info.remote = is_remote_path(target.path)
        if info.remote:
            info.warnings.append(
                QT_TRANSLATE_NOOP(
                    "app",
                    "The database is on a network drive. Every PC needs write access to its "
                    "folder; with more than a few PCs at once, move the office to PostgreSQL.",
                )
            )
    database = make_database(target)
    if isinstance(database, OfficeSqliteDatabase):
        database.allow_create = create  # only this first connection may create the file
    close_database()
    db_proxy.initialize(database)
    try:
        # Migration lock (issue 3): waits while another PC upgrades; see _open_waiting.
        info.schema_version = _open_waiting(database, target, migrate, on_wait)
        if isinstance(database, OfficeSqliteDatabase):
            database.allow_create = False
    except (peewee.OperationalError, peewee.InterfaceError, sqlite3.OperationalError) as exc:
        close_database()
        raise StorageUnavailable(f"cannot open {target.describe()}: {exc}") from exc
    except peewee.DatabaseError as exc:  # "file is not a database", "malformed"
        close_database()
        raise StorageUnavailable(
            f"{target.describe()} is not a usable PropDesk database ({exc}); restore a backup"
        ) from exc
    except Exception:
        close_database()
        raise
    log.info(
        "opened %s (schema %s, remote=%s)", target.describe(), info.schema_version, info.remote
    )
    return info


# Waiting while another PC upgrades the schema (migration lock, app/migrations): while opening,
# SQLite's busy wait is cut to OPEN_WAIT_POLL_S so `on_wait` hears about it every second.
UPGRADE_WAIT_MESSAGE = QT_TRANSLATE_NOOP(
    "app", "Another PC is upgrading the database; please wait…"
)
OPEN_WAIT_POLL_S = 1.0
OPEN_WAIT_LIMIT_S = 600.0


def _backup_before_upgrade(
    database: peewee.Database, target: DatabaseTarget
) -> Callable[[int], None]:
    """`migrations.migrate`'s `before_upgrade`: a checked backup of the old schema (SQLite)."""

    def before_upgrade(version: int) -> None:
        dest = backup.backup_before_migration(database, target, version)  # SQLite; checked
        if dest is not None:
            log.info("backup before migrating: %s", dest)

    return before_upgrade


def _open_waiting(
    database: peewee.Database,
    target: DatabaseTarget,
    migrate: bool,
    on_wait: Callable[[str], None] | None,
) -> int:
    """Connect, quick_check and migrate; on SQLite, while the file stays locked (another PC
    holds the migration lock), poll and tell `on_wait` instead of failing. Returns the schema
    version. Errors other than "locked" go up unchanged (open_database words them)."""
    sqlite = isinstance(database, peewee.SqliteDatabase)
    deadline = time.monotonic() + OPEN_WAIT_LIMIT_S
    while True:
        if sqlite:
            database.timeout = OPEN_WAIT_POLL_S  # type: ignore[attr-defined]
        try:
            database.connect(reuse_if_open=True)
            if sqlite:
                result = database.execute_sql("PRAGMA quick_check").fetchone()[0]
                if result != "ok":
                    raise StorageUnavailable(
                        f"the database file is damaged ({result}); restore a backup"
                    )
            if migrate:
                return migrations.migrate(
                    database, before_upgrade=_backup_before_upgrade(database, target)
                )
            return migrations.current_version(database)
        except (peewee.OperationalError, sqlite3.OperationalError) as exc:
            if not (sqlite and is_busy_error(exc)) or time.monotonic() > deadline:
                raise
            log.info(
                "%s is locked while opening (another PC upgrading?); waiting", target.describe()
            )
            if on_wait is not None:
                on_wait(UPGRADE_WAIT_MESSAGE)
            time.sleep(0.1)
        finally:
            if sqlite:
                try:  # back to the normal busy wait (also sets it on the open connection)
                    database.timeout = BUSY_TIMEOUT_S  # type: ignore[attr-defined]
                except peewee.PeeweeException:
                    log.debug("resetting the busy timeout failed", exc_info=True)
