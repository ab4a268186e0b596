"""Opening the office database: embedded SQLite (local or on a network share) or PostgreSQL.

SQLite on a share follows sqlite.org's advice (ARCHITECTURE.md): rollback journal, synchronous
FULL, `BEGIN IMMEDIATE` for writes, a busy timeout, foreign keys, `quick_check` at start and a
warning when the file is remote. Every query goes through `db_proxy`, so models never know which
database they are bound to.
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
from app.i18n import QT_TRANSLATE_NOOP

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


def make_database(target: DatabaseTarget) -> peewee.Database:
    if target.kind == "sqlite":
        assert target.path is not None
        return peewee.SqliteDatabase(
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


def is_storage_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(
        s in text
        for s in (
            "disk i/o error",
            "unable to open database",
            "database disk image is malformed",
            "no such file",
            "readonly database",
            "could not connect",
            "connection refused",
            "server closed the connection",
        )
    )


def is_busy_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return (
        "database is locked" in text
        or "database is busy" in text
        or "database table is locked" in text
    )


def run_with_retry(fn: Callable[[], T], *, retries: int = BUSY_RETRIES) -> T:
    """Run `fn` (one whole transaction), retrying while the database is busy.

    A busy database past the limit, or a vanished share, becomes StorageUnavailable: the caller's
    input is untouched because nothing was committed.
    """
    delay = 0.05
    for attempt in range(retries + 1):
        try:
            return fn()
        except (peewee.OperationalError, peewee.InterfaceError, sqlite3.OperationalError) as exc:
            if is_busy_error(exc) and attempt < retries:
                log.info("database busy, retry %d/%d", attempt + 1, retries)
                time.sleep(delay)
                delay = min(delay * 4, 1.0)
                continue
            if is_busy_error(exc):
                raise StorageUnavailable("the database is busy; please retry") from exc
            if is_storage_error(exc):
                _drop_connection()
                raise StorageUnavailable(f"the database cannot be reached: {exc}") from exc
            raise
        except peewee.DatabaseError as exc:
            if is_storage_error(exc):
                _drop_connection()
                raise StorageUnavailable(f"the database cannot be reached: {exc}") from exc
            raise
    raise AssertionError("unreachable")


def _drop_connection() -> None:
    """After an I/O error the connection may be unusable; the next call reconnects."""
    try:
        if db_proxy.obj is not None and not db_proxy.is_closed():
            db_proxy.close()
    except Exception:  # noqa: BLE001 - closing a broken connection may itself fail
        log.debug("closing a broken connection failed", exc_info=True)


def open_database(url: str, *, create: bool = True, migrate: bool = True) -> DatabaseInfo:
    """Open the office database, bind every model to it and bring its schema up to date.

    `create=False` refuses a SQLite file that does not exist (connecting to an existing office
    database must not silently create an empty one next to it).
    """
    from app import migrations

    target = parse_database_url(url)
    info = DatabaseInfo(target=target)
    if target.kind == "sqlite":
        assert target.path is not None
        if not target.path.exists():
            if not create:
                raise StorageUnavailable(f"no PropDesk database at {target.path}")
            try:
                target.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageUnavailable(
                    f"cannot create folder {target.path.parent}: {exc}"
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
    close_database()
    db_proxy.initialize(database)
    try:
        database.connect(reuse_if_open=True)
        if target.kind == "sqlite":
            result = database.execute_sql("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise StorageUnavailable(
                    f"the database file is damaged ({result}); restore a backup"
                )
        if migrate:
            info.schema_version = migrations.migrate(database, target)
        else:
            info.schema_version = migrations.current_version(database)
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


def close_database() -> None:
    if db_proxy.obj is not None:
        try:
            if not db_proxy.is_closed():
                db_proxy.close()
        except Exception:  # noqa: BLE001
            log.debug("close failed", exc_info=True)


def is_sqlite() -> bool:
    return isinstance(db_proxy.obj, peewee.SqliteDatabase)


def backup_sqlite(database: peewee.SqliteDatabase, dest: Path) -> Path:
    """Online backup through SQLite's backup API (never a file copy of a live database)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    target = sqlite3.connect(str(tmp))
    try:
        database.connection().backup(target)
    finally:
        target.close()
    os.replace(tmp, dest)
    return dest


def default_backup_dir(target: DatabaseTarget) -> Path:
    assert target.path is not None
    return target.path.parent / "propdesk-backups"
