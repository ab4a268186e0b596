"""The office database connection: embedded SQLite (local or on a network share) or PostgreSQL.

SQLite on a share follows sqlite.org's advice (ARCHITECTURE.md): rollback journal, synchronous
FULL, `BEGIN IMMEDIATE` for writes, a busy timeout, foreign keys. Every query goes through
`db_proxy`, so models never know which database they are bound to; `run_with_retry` turns a busy
or failing drive into retries and StorageUnavailable.

This is the bottom floor: it imports no PropDesk module above app.errors (tests/test_layering.py).
Opening a database (connect, `quick_check`, the remote-drive warning, migrating) is one floor up,
in app/db_open.py (`open_database`).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TypeVar
from urllib.parse import unquote, urlparse

import peewee

from app.errors import StorageUnavailable

log = logging.getLogger(__name__)

db_proxy = peewee.DatabaseProxy()

# SQLite waits this long for a lock by itself; run_with_retry adds a few rounds on top.
BUSY_TIMEOUT_S = 5.0
BUSY_RETRIES = 3
REMOTE_FS_TYPES = {"cifs", "smb3", "smbfs", "nfs", "nfs4", "9p", "fuse.sshfs", "afs", "ncpfs"}

T = TypeVar("T")


@dataclass(frozen=True)
class DatabaseTarget:
    kind: str  # "sqlite" or "postgresql"
    path: Path | None = None  # sqlite
    url: str | None = None  # postgresql

    def describe(self) -> str:
        if self.kind == "sqlite":
            return str(self.path)
        parsed = urlparse(self.url or "")
        return f"postgresql://{parsed.hostname or 'localhost'}:{parsed.port or 5432}{parsed.path}"


@dataclass
class DatabaseInfo:
    """What the status bar and `check` show about the open database."""

    target: DatabaseTarget
    remote: bool = False
    schema_version: int = 0
    warnings: list[str] = field(default_factory=list)
    opened_at: datetime = field(default_factory=datetime.now)


def parse_database_url(url: str) -> DatabaseTarget:
    """Accepts `sqlite:///path`, a bare path (also `C:\\…`, `Z:\\…`, `\\\\server\\share\\…`) or
    `postgresql://user:pw@host:port/db`."""
    url = url.strip()
    if not url:
        raise ValueError("empty database location")
    lowered = url.lower()
    if lowered.startswith(("postgresql://", "postgres://")):
        return DatabaseTarget("postgresql", url=url)
    if lowered.startswith("sqlite:"):
        rest = url[len("sqlite:") :]
        if rest.startswith("///"):  # sqlite:///relative, sqlite:////abs, sqlite:///C:/x
            rest = rest[3:]
        elif rest.startswith("//"):
            rest = rest[2:]
        return DatabaseTarget("sqlite", path=Path(unquote(rest)).expanduser())
    if "://" in url:
        raise ValueError(f"unsupported database URL: {url}")
    return DatabaseTarget("sqlite", path=Path(url).expanduser())


def is_remote_path(path: Path) -> bool:
    """True for UNC paths, mapped network drives (Windows) and network file systems (Linux)."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(text))[0]
        if drive:
            DRIVE_REMOTE = 4
            return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE
        return False
    return _linux_fs_type(path) in REMOTE_FS_TYPES


def _linux_fs_type(path: Path) -> str | None:
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    target = os.path.abspath(path if path.exists() else path.parent)
    best, best_type = "", None
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        if (target == mount_point or target.startswith(mount_point.rstrip("/") + "/")) and len(
            mount_point
        ) > len(best):
            best, best_type = mount_point, parts[2]
    return best_type


class OfficeSqliteDatabase(peewee.SqliteDatabase):
    """SQLite that never creates a file on reconnect.

    sqlite3.connect() creates a missing file; after the share drops and comes back empty (an
    unmounted mount point), a reconnect would silently start a new, empty office database. Only
    the first open of a new office database may create the file (`allow_create`)."""

    allow_create = False

    def _connect(self) -> sqlite3.Connection:
        if not self.allow_create and not os.path.exists(self.database):
            raise peewee.OperationalError(f"unable to open database file: {self.database} is gone")
        return super()._connect()


def make_database(target: DatabaseTarget) -> peewee.Database:
    if target.kind == "sqlite":
        assert target.path is not None
        return OfficeSqliteDatabase(
            str(target.path),
            # Rollback journal: WAL's shared memory does not work over a network file system.
            pragmas={
                "journal_mode": "delete",
                "synchronous": "full",
                "foreign_keys": 1,
                "cache_size": -16000,
            },
            timeout=BUSY_TIMEOUT_S,
            lock_type="IMMEDIATE",  # take the write lock at BEGIN, not half-way through
            check_same_thread=False,
            autoconnect=True,
        )
    parsed = urlparse(target.url or "")
    return peewee.PostgresqlDatabase(
        (parsed.path or "/propdesk").lstrip("/"),
        user=unquote(parsed.username) if parsed.username else None,
        password=unquote(parsed.password) if parsed.password else None,
        host=parsed.hostname or "localhost",
        port=parsed.port or 5432,
        autoconnect=True,
    )


# Text of errors that mean "the storage itself failed" (SQLite on a share, PostgreSQL's socket).
# "malformed" / "not a database" are here because a failed read on a share comes back from
# SQLite as SQLITE_CORRUPT on a connection that had the file open (seen with faultfs EIO); a
# fresh connection tells a transient failure from real damage (run_with_retry tries one).
STORAGE_ERROR_TEXTS = (
    "disk i/o error",
    "unable to open database",
    "database disk image is malformed",
    "file is not a database",
    "no such file",
    "readonly database",
    "database or disk is full",
    "transport endpoint is not connected",
    "input/output error",
    "stale file handle",
    "network name is no longer available",
    "could not connect",
    "connection refused",
    "server closed the connection",
    "connection already closed",
    "no connection to the server",
    "terminating connection",
    "ssl connection has been closed",
)
BUSY_ERROR_TEXTS = (
    "database is locked",
    "database is busy",
    "database table is locked",
    "locking protocol",
)
# An I/O error is retried once, on a fresh connection, after this pause; never in a long loop
# (a dropped share does not come back in milliseconds, and the clerk is waiting).
STORAGE_RETRY_DELAY_S = 0.25
STORAGE_RETRIES = 1


def _error_chain(exc: BaseException) -> list[BaseException]:
    """`exc` and what caused it: peewee's rollback after a failed COMMIT raises "cannot rollback
    - no transaction is active" with the real I/O error only in its __context__."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def is_storage_error(exc: BaseException) -> bool:
    """True when `exc` (or the error behind it) says the storage failed, not the SQL."""
    return any(
        any(s in str(e).lower() for s in STORAGE_ERROR_TEXTS) or _is_storage_oserror(e)
        for e in _error_chain(exc)
    )


def _is_storage_oserror(exc: BaseException) -> bool:
    import errno

    return isinstance(exc, OSError) and exc.errno in (
        errno.EIO,
        errno.ENOTCONN,
        errno.ESTALE,
        errno.EHOSTDOWN,
        errno.ENETDOWN,
        errno.ENETUNREACH,
    )


def is_busy_error(exc: BaseException) -> bool:
    return any(any(s in str(e).lower() for s in BUSY_ERROR_TEXTS) for e in _error_chain(exc))


def _in_transaction() -> bool:
    try:
        return db_proxy.obj is not None and bool(db_proxy.in_transaction())
    except Exception:  # noqa: BLE001 - a broken connection is "not in a transaction" here
        return False


def run_with_retry(fn: Callable[[], T], *, retries: int = BUSY_RETRIES) -> T:
    """Run `fn` (one whole transaction), retrying while the database is busy.

    - Busy (another PC holds the lock): retried `retries` times with a growing pause, then
      StorageUnavailable("busy").
    - Storage failure (disk I/O error, vanished share, "malformed" read …): the connection is
      dropped (the next call opens a fresh one), `fn` is tried ONCE more after a short pause, then
      StorageUnavailable. Nothing is half-saved: the transaction rolled back (or SQLite rolls its
      hot journal back when the next connection opens the file).
    - Called inside an outer transaction (a service calling another), nothing is retried or
      dropped here: the error goes up as StorageUnavailable and the outermost call cleans up.
    Any other database error is a bug and goes up unchanged.
    """
    delay = 0.05
    busy_tries = 0
    storage_tries = 0
    while True:
        try:
            return fn()
        except StorageUnavailable:
            if not _in_transaction():  # a nested call failed: the outermost drops the connection
                _drop_connection()
            raise
        except (peewee.PeeweeException, sqlite3.Error, OSError) as exc:
            nested = _in_transaction()
            if is_busy_error(exc):
                if busy_tries < retries and not nested:
                    busy_tries += 1
                    log.info("database busy, retry %d/%d", busy_tries, retries)
                    time.sleep(delay)
                    delay = min(delay * 4, 1.0)
                    continue
                if not nested:
                    _drop_connection()
                raise StorageUnavailable("the database is busy; please retry", busy=True) from exc
            if is_storage_error(exc):
                if nested:
                    raise StorageUnavailable(f"the database cannot be reached: {exc}") from exc
                _drop_connection()
                if storage_tries < STORAGE_RETRIES:
                    storage_tries += 1
                    log.warning("storage error (%s); one retry on a fresh connection", exc)
                    time.sleep(STORAGE_RETRY_DELAY_S)
                    continue
                raise StorageUnavailable(f"the database cannot be reached: {exc}") from exc
            raise


def _drop_connection() -> None:
    """After an I/O error the connection may be unusable; the next call reconnects.

    peewee refuses to close while its transaction stack is not empty, and a broken sqlite3
    connection may fail to close: either way this thread's state is reset, so the next query
    opens a fresh connection (autoconnect) instead of reusing the broken one.
    """
    database = db_proxy.obj
    if database is None:
        return
    try:
        if not database.is_closed():
            database.close()
    except Exception:  # noqa: BLE001 - closing a broken connection may itself fail
        log.debug("closing a broken connection failed", exc_info=True)
        state = getattr(database, "_state", None)
        conn = getattr(state, "conn", None)
        try:
            if conn is not None:
                conn.close()
        except Exception:  # noqa: BLE001
            log.debug("closing the raw connection failed", exc_info=True)
        if state is not None:
            state.reset()


def close_database() -> None:
    if db_proxy.obj is not None:
        try:
            if not db_proxy.is_closed():
                db_proxy.close()
        except Exception:  # noqa: BLE001
            log.debug("close failed", exc_info=True)


def is_sqlite() -> bool:
    return isinstance(db_proxy.obj, peewee.SqliteDatabase)


def default_backup_dir(target: DatabaseTarget) -> Path:
    assert target.path is not None
    return target.path.parent / "propdesk-backups"


def files_folder_of(database_path: Path) -> Path:
    """Where a SQLite database keeps its scanned copies: `<stem>-files` beside the file (backups
    and restore copy it with the database; app/services/attachments.py writes it)."""
    return database_path.parent / f"{database_path.stem}-files"
