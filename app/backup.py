"""Backups of the office database and restoring one (`python -m app backup | restore`).

SQLite: always an online copy through SQLite's backup API (never a file copy of a live database),
written under a unique temporary name, checked (`PRAGMA integrity_check`, schema version readable)
and only then renamed to its final name, so a file called `…sqlite3` in the backup folder is a
good backup. File name: `<database stem>-<YYYYmmdd-HHMMSS>-<reason>.sqlite3`, e.g.
`propdesk-20260310-081502-daily.sqlite3`.

Where: the office setting `backup_dir` (empty → `propdesk-backups/` beside the database; a
relative path is taken relative to the database's folder; a UNC path or another drive is fine).

Kinds (`reason`) and how many are kept:
- `daily`: taken automatically by the first PropDesk to start each day (`daily_backup_if_due`).
- `manual`: `python -m app backup`.
  Of each of these two kinds the newest `backup_keep` (office setting, default 14) are kept in the
  folder the backup was written to; older ones of that kind and database are deleted.
- `before-vN` (before a schema upgrade) and `before-restore` (the safety copy `restore` takes):
  never deleted automatically — they are the way back from an upgrade or a restore.

Two PCs starting at the same minute: the day is claimed in `propdesk_meta` (`last_daily_backup`)
inside one `BEGIN IMMEDIATE` transaction, so exactly one of them takes the daily backup; temporary
names are unique per process, so two backups written at once never collide.

PostgreSQL: `backup` runs `pg_dump -Fc` when it is installed on this PC (file `…-manual.dump`,
checked with `pg_restore --list`); otherwise backing the server up is the database
administrator's job. There is no automatic daily backup on PostgreSQL (the server's own backup
schedule does that), and `restore` refuses a PostgreSQL database with a pointer to `pg_restore`.

Restore (SQLite only): the backup is checked first (integrity ok, a PropDesk database, schema not
newer than this program); a database in use is refused (another desk connected according to the
presence heartbeats, or the file locked: `BEGIN EXCLUSIVE` fails); a safety backup of the current
database is taken; the backup is copied into the database file with the backup API (not a file
copy over an open file) and the result is checked again. `force=True` only overrides the presence
heartbeats (a desk that crashed and has not timed out yet), never a lock.

Floors (tests/test_layering.py): this module uses app.db, app.migrations (META table, schema
versions), app.models and app.heartbeats, never app.services or app.db_open — app.db_open calls
`backup_before_migration` before an upgrade. "Is another desk connected?" comes from
app.heartbeats, the heartbeat query that app.services.presence uses too, so restore asks it by
itself and no caller can forget to.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import peewee

from app import migrations
from app.db import (
    BUSY_TIMEOUT_S,
    DatabaseTarget,
    close_database,
    db_proxy,
    default_backup_dir,
    files_folder_of,
    make_database,
    parse_database_url,
    run_with_retry,
)
from app.errors import PropDeskError

log = logging.getLogger(__name__)

DAILY = "daily"
MANUAL = "manual"
BEFORE_RESTORE = "before-restore"
ROUTINE_REASONS = (DAILY, MANUAL)  # pruned to `backup_keep`; every other kind is kept
DEFAULT_KEEP = 14
LAST_DAILY_KEY = "last_daily_backup"  # propdesk_meta key: ISO date of the last daily backup
SUFFIX = ".sqlite3"
PG_SUFFIX = ".dump"
LOCK_PROBE_TIMEOUT_S = 2.0

_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z0-9][a-z0-9-]*)(?P<suffix>\.sqlite3|\.dump)$"
)


class BackupError(PropDeskError):
    """A backup could not be taken, checked or restored; the message says why in one line."""


@dataclass(frozen=True)
class BackupCheck:
    path: Path
    schema_version: int
    tables: dict[str, int] = field(default_factory=dict)  # table → row count


# -- names and folders ---------------------------------------------------------------------------


def backup_name(stem: str, reason: str, when: datetime, suffix: str = SUFFIX) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", reason):
        raise ValueError(f"bad backup reason {reason!r}")
    return f"{stem}-{when:%Y%m%d-%H%M%S}-{reason}{suffix}"


def parse_backup_name(name: str) -> tuple[str, datetime, str] | None:
    """(database stem, taken at, reason) of a backup file name, or None for any other file."""
    match = _NAME.match(name)
    if not match:
        return None
    try:
        when = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return match["stem"], when, match["reason"]


def _setting(key: str, default: str) -> str:
    """An office setting read with plain SQL: works during a migration and on an old schema."""
    if db_proxy.obj is None:
        return default
    try:
        row = db_proxy.execute_sql(
            "SELECT value FROM office_setting WHERE key = %s"
            if not isinstance(db_proxy.obj, peewee.SqliteDatabase)
            else "SELECT value FROM office_setting WHERE key = ?",
            (key,),
        ).fetchone()
    except peewee.DatabaseError:
        log.debug("office setting %s unreadable, using %r", key, default, exc_info=True)
        return default
    return row[0] if row and row[0] is not None and str(row[0]).strip() else default


def keep_count() -> int:
    try:
        return max(1, int(_setting("backup_keep", str(DEFAULT_KEEP))))
    except ValueError:
        return DEFAULT_KEEP


def backup_folder(target: DatabaseTarget) -> Path:
    """The office setting `backup_dir`, relative to the database's folder; default beside it."""
    configured = _setting("backup_dir", "").strip()
    if target.kind == "sqlite":
        assert target.path is not None
        if not configured:
            return default_backup_dir(target)
        folder = Path(configured).expanduser()
        return folder if folder.is_absolute() else target.path.parent / folder
    if not configured or not Path(configured).expanduser().is_absolute():
        raise BackupError(
            "a PostgreSQL backup needs a folder: give --to DIR or set the office setting "
            "backup_dir to an absolute path"
        )
    return Path(configured).expanduser()


def current_target() -> DatabaseTarget:
    database = db_proxy.obj
    if database is None:
        raise BackupError("no database is open")
    if isinstance(database, peewee.SqliteDatabase):
        return DatabaseTarget("sqlite", path=Path(database.database))
    return DatabaseTarget("postgresql", url=_pg_url(database))


def _pg_url(database: peewee.Database) -> str:
    params = dict(database.connect_params)
    from urllib.parse import quote

    auth = ""
    if params.get("user"):
        auth = quote(str(params["user"]), safe="")
        if params.get("password"):
            auth += ":" + quote(str(params["password"]), safe="")
        auth += "@"
    host = params.get("host") or "localhost"
    port = params.get("port") or 5432
    return f"postgresql://{auth}{host}:{port}/{database.database}"


# -- checking a backup file ----------------------------------------------------------------------


def check_sqlite_file(path: Path, *, count_rows: bool = False) -> BackupCheck:
    """Open `path` read-only, run integrity_check, read the schema version.

    Raises BackupError for a missing, damaged or non-PropDesk file. Never creates or changes it.
    """
    meta_table = migrations.META_TABLE
    if not path.is_file():
        raise BackupError(f"{path} does not exist")
    try:
        con = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as exc:
        raise BackupError(f"{path.name} cannot be opened: {exc}") from exc
    try:
        con.execute("PRAGMA query_only = 1")
        try:
            rows = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{path.name} is not a usable SQLite database ({exc})") from exc
        if rows != ["ok"]:
            raise BackupError(f"{path.name} is damaged (integrity_check: {'; '.join(rows[:3])})")
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            ).fetchall()
        ]
        if meta_table not in tables:
            raise BackupError(f"{path.name} is not a PropDesk database (no {meta_table} table)")
        row = con.execute(f"SELECT value FROM {meta_table} WHERE key = 'schema_version'").fetchone()
        try:
            version = int(row[0]) if row else 0
        except ValueError:
            version = 0
        if version <= 0:
            raise BackupError(f"{path.name} is not a PropDesk database (no schema version)")
        counts: dict[str, int] = {}
        if count_rows:
            for table in tables:
                if table.startswith("sqlite_") or "_fts" in table:
                    continue
                counts[table] = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        return BackupCheck(path, version, counts)
    except sqlite3.Error as exc:
        raise BackupError(f"{path.name} cannot be read: {exc}") from exc
    finally:
        con.close()


# -- taking a backup -----------------------------------------------------------------------------


def _temp_name(dest: Path) -> Path:
    return dest.with_name(f".{dest.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.part")


def _finish(tmp: Path, dest: Path) -> None:
    try:
        os.replace(tmp, dest)
    except OSError:
        _unlink(tmp)
        raise


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        log.warning("could not delete %s", path, exc_info=True)


def copy_sqlite(
    source: sqlite3.Connection, dest: Path, *, check: bool = True
) -> BackupCheck | None:
    """Online copy of `source` (an open connection) to `dest` via the backup API, checked before
    it gets its final name."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_name(dest)
    try:
        out = sqlite3.connect(str(tmp))
        try:
            # One step: the copy is a consistent snapshot (a shared lock for its duration).
            source.backup(out)
        finally:
            out.close()
        result = check_sqlite_file(tmp) if check else None
    except BaseException:
        _unlink(tmp)
        raise
    _finish(tmp, dest)
    return result


def backup_sqlite_database(
    database: peewee.SqliteDatabase,
    target: DatabaseTarget,
    reason: str,
    dest_dir: Path | None = None,
    *,
    now: datetime | None = None,
    prune: bool = True,
) -> Path:
    """Back up an open SQLite database (its own connection is the source)."""
    assert target.path is not None
    folder = Path(dest_dir) if dest_dir is not None else backup_folder(target)
    dest = folder / backup_name(target.path.stem, reason, now or datetime.now())
    try:
        copy_sqlite(database.connection(), dest)
    except BackupError as exc:
        raise BackupError(f"the backup {dest.name} failed its check: {exc}") from exc
    except (sqlite3.Error, peewee.DatabaseError) as exc:
        raise BackupError(f"backup to {dest} failed: {exc}") from exc
    except OSError as exc:
        raise BackupError(f"cannot write the backup to {folder}: {exc}") from exc
    copy_scans(files_folder_of(target.path), files_folder_of(folder / target.path.stem))
    log.info("backup (%s) written: %s", reason, dest)
    if prune and reason in ROUTINE_REASONS:
        prune_backups(folder, target.path.stem, reason, keep_count())
    return dest


def copy_scans(source: Path, dest: Path) -> int:
    """Copy the scanned copies `dest` lacks (content-addressed: a file's name is its sha256, so
    one folder serves every backup of the database and nothing is ever overwritten or pruned).
    Each file is written under a temporary name, then renamed. → how many were copied."""
    if not source.is_dir():
        return 0
    copied = 0
    try:
        dest.mkdir(parents=True, exist_ok=True)
        for item in source.iterdir():
            if item.name.startswith(".") or not item.is_file():
                continue  # a scan still being written
            final = dest / item.name
            if final.is_file() and final.stat().st_size == item.stat().st_size:
                continue
            temp = dest / f".{item.name}.part"
            shutil.copyfile(item, temp)
            os.replace(temp, final)
            copied += 1
    except OSError as exc:
        raise BackupError(f"cannot copy the scanned copies to {dest}: {exc}") from exc
    return copied


def take_backup(
    reason: str = MANUAL, dest_dir: Path | str | None = None, *, now: datetime | None = None
) -> Path:
    """Back up the open database (db_proxy) → the backup file's path."""
    target = current_target()
    folder = Path(dest_dir).expanduser() if dest_dir else None
    if target.kind == "sqlite":
        database = db_proxy.obj
        assert isinstance(database, peewee.SqliteDatabase)
        return backup_sqlite_database(database, target, reason, folder, now=now)
    return pg_dump(target, reason, folder or backup_folder(target), now=now)


def backup_before_migration(
    database: peewee.Database, target: DatabaseTarget, version: int
) -> Path | None:
    """Called by app.db_open (migrations' `before_upgrade`) before upgrading an existing SQLite
    database to `version`."""
    if not isinstance(database, peewee.SqliteDatabase) or target.path is None:
        return None  # PostgreSQL: the DBA's backups (see the module docstring)
    return backup_sqlite_database(database, target, f"before-v{version}")


def prune_backups(folder: Path, stem: str, reason: str, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups of this database and kind in `folder`; also
    leftover temporary files older than a day. Safe when another PC prunes at the same time."""
    if reason not in ROUTINE_REASONS:
        return []
    mine: list[tuple[datetime, Path]] = []
    stale_before = datetime.now() - timedelta(days=1)
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        if path.name.endswith(".part") and path.name.startswith(f".{stem}-"):
            try:
                if datetime.fromtimestamp(path.stat().st_mtime) < stale_before:
                    _unlink(path)
            except OSError:
                pass
            continue
        parsed = parse_backup_name(path.name)
        if parsed and parsed[0] == stem and parsed[2] == reason:
            mine.append((parsed[1], path))
    mine.sort(reverse=True)
    removed = [p for _, p in mine[keep:]]
    for path in removed:
        _unlink(path)
        log.info("old backup deleted: %s", path)
    return removed


def list_backups(folder: Path, stem: str | None = None) -> list[tuple[datetime, str, Path]]:
    """(taken at, reason, path) of the backups in `folder`, newest first."""
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        parsed = parse_backup_name(path.name)
        if parsed and (stem is None or parsed[0] == stem):
            found.append((parsed[1], parsed[2], path))
    return sorted(found, reverse=True)


# -- the daily backup ----------------------------------------------------------------------------


def _claim_day(day: date) -> tuple[bool, str | None]:
    """Record `day` as backed up unless it already is → (claimed, previous value)."""
    from app.models import SchemaMeta

    def attempt() -> tuple[bool, str | None]:
        with db_proxy.atomic():  # BEGIN IMMEDIATE on SQLite: one PC at a time
            row = SchemaMeta.get_or_none(SchemaMeta.key == LAST_DAILY_KEY)
            previous = row.value if row else None
            if previous is not None and previous >= day.isoformat():
                return False, previous
            SchemaMeta.insert(key=LAST_DAILY_KEY, value=day.isoformat()).on_conflict(
                conflict_target=[SchemaMeta.key], update={SchemaMeta.value: day.isoformat()}
            ).execute()
            return True, previous

    return run_with_retry(attempt)


def _unclaim_day(day: date, previous: str | None) -> None:
    from app.models import SchemaMeta

    def attempt() -> None:
        with db_proxy.atomic():
            query = SchemaMeta.delete() if previous is None else SchemaMeta.update(value=previous)
            query.where(
                (SchemaMeta.key == LAST_DAILY_KEY) & (SchemaMeta.value == day.isoformat())
            ).execute()

    try:
        run_with_retry(attempt)
    except Exception:  # noqa: BLE001 - best effort; the next start tries again tomorrow at worst
        log.warning("could not reset the daily backup date", exc_info=True)


def daily_backup_if_due(now: Callable[[], datetime] | datetime | None = None) -> Path | None:
    """The first PropDesk to start each day backs the (SQLite) database up → its path, or None
    when today's backup exists already (or the database is PostgreSQL)."""
    when = now() if callable(now) else (now or datetime.now())
    target = current_target()
    if target.kind != "sqlite":
        return None
    assert target.path is not None
    folder = backup_folder(target)
    prefix = f"{target.path.stem}-{when:%Y%m%d}-"
    if any(
        p.name.startswith(prefix) and p.name.endswith(f"-{DAILY}{SUFFIX}")
        for _, _, p in list_backups(folder, target.path.stem)
    ):
        return None  # e.g. the database was restored and its date record is older
    claimed, previous = _claim_day(when.date())
    if not claimed:
        return None
    try:
        return take_backup(DAILY, folder, now=when)
    except BaseException:
        _unclaim_day(when.date(), previous)
        raise


# -- PostgreSQL ----------------------------------------------------------------------------------


def pg_dump(
    target: DatabaseTarget, reason: str, folder: Path, *, now: datetime | None = None
) -> Path:
    exe = shutil.which("pg_dump")
    if exe is None:
        raise BackupError(
            "pg_dump is not installed on this PC: backing up a PostgreSQL database is the "
            "database administrator's job (pg_dump -Fc on the server)"
        )
    from urllib.parse import urlparse

    name = (urlparse(target.url or "").path or "/propdesk").lstrip("/") or "propdesk"
    dest = folder / backup_name(name, reason, now or datetime.now(), PG_SUFFIX)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = _temp_name(dest)
    try:
        proc = subprocess.run(
            [exe, "--format=custom", f"--file={tmp}", f"--dbname={target.url}"],
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            raise BackupError(f"pg_dump failed: {_first_line(proc.stderr)}")
        restore = shutil.which("pg_restore")
        if restore:
            listing = subprocess.run([restore, "--list", str(tmp)], capture_output=True, text=True)
            if listing.returncode != 0 or "propdesk_meta" not in listing.stdout:
                raise BackupError(f"the dump failed its check: {_first_line(listing.stderr)}")
    except BaseException:
        _unlink(tmp)
        raise
    _finish(tmp, dest)
    return dest


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else "no message"


# -- restore -------------------------------------------------------------------------------------


@dataclass
class RestoreResult:
    restored: BackupCheck
    target: Path
    safety_backup: Path | None
    notes: list[str] = field(default_factory=list)


def connected_desks(target: DatabaseTarget) -> list[str] | None:
    """Other desks connected to the database (`PC (user)`), from the presence heartbeats.

    None when the heartbeats cannot be read (then only the file lock tells whether the database
    is in use)."""
    from app import heartbeats  # loads app.models: only a restore needs it

    close_database()
    db_proxy.initialize(make_database(target))
    try:
        return heartbeats.connected_desk_names()
    except (peewee.DatabaseError, sqlite3.Error, PropDeskError):
        log.info("presence not readable in %s", target.describe(), exc_info=True)
        return None
    finally:
        close_database()


def _probe_lock(path: Path) -> None:
    """Raise BackupError when another program holds a lock on the database file."""
    con = sqlite3.connect(str(path), timeout=LOCK_PROBE_TIMEOUT_S, isolation_level=None)
    try:
        con.execute("BEGIN EXCLUSIVE")
        con.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise BackupError(
                f"{path} is in use (locked by another PropDesk or program); close PropDesk on "
                "every PC and try again"
            ) from exc
        raise BackupError(f"{path} cannot be locked: {exc}") from exc
    finally:
        con.close()


def _safety_backup(path: Path, folder: Path, when: datetime) -> Path:
    dest = folder / backup_name(path.stem, BEFORE_RESTORE, when)
    con = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
    try:
        copy_sqlite(con, dest, check=False)  # the current database may be the damaged one
        return dest
    except sqlite3.DatabaseError:
        # Not a database at all ("file is not a database"): nothing can be using it as one and
        # the lock probe passed, so keep its bytes as they are.
        log.warning("%s is not a readable database; keeping a plain copy", path)
        folder.mkdir(parents=True, exist_ok=True)
        tmp = _temp_name(dest)
        shutil.copyfile(path, tmp)
        _finish(tmp, dest)
        return dest
    finally:
        con.close()


def restore_backup(
    backup_file: Path | str,
    target_url: str,
    *,
    force: bool = False,
    safety_dir: Path | None = None,
    now: datetime | None = None,
) -> RestoreResult:
    backup_file = Path(backup_file).expanduser()
    target = parse_database_url(target_url)
    if target.kind != "sqlite":
        raise BackupError(
            "restore works on SQLite databases only; restore a PostgreSQL database with "
            "pg_restore (pg_restore --clean --if-exists -d postgresql://… FILE.dump), the "
            "database administrator's job"
        )
    assert target.path is not None
    path = target.path
    checked = check_sqlite_file(backup_file, count_rows=True)
    known = migrations.SCHEMA_VERSION  # read at call time (tests bump it)
    if checked.schema_version > known:
        raise BackupError(
            f"{backup_file.name} was written by a newer PropDesk (schema "
            f"{checked.schema_version}, this program knows {known}); restore it with "
            "the newer PropDesk"
        )
    if path.exists() and path.resolve() == backup_file.resolve():
        raise BackupError("the backup file and the database are the same file")
    result = RestoreResult(restored=checked, target=path, safety_backup=None)
    close_database()
    if path.exists():
        desks = connected_desks(target)
        if desks is None:
            result.notes.append("no presence information: relied on the file lock only")
        elif desks and not force:
            raise BackupError(
                "the database is in use by " + ", ".join(sorted(desks)) + "; close PropDesk "
                "there first (--force only if those PCs are really off and their presence is "
                "stale)"
            )
        elif desks:
            result.notes.append("ignored stale presence of " + ", ".join(sorted(desks)))
        _probe_lock(path)
        folder = safety_dir or _folder_for_restore(target)
        try:
            result.safety_backup = _safety_backup(path, folder, now or datetime.now())
        except (OSError, sqlite3.Error) as exc:
            raise BackupError(f"cannot take the safety backup in {folder}: {exc}") from exc
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(str(backup_file), timeout=BUSY_TIMEOUT_S)
    try:
        dest = sqlite3.connect(str(path), timeout=LOCK_PROBE_TIMEOUT_S)
        try:
            source.backup(dest)  # takes the write lock on the target for the whole copy
        except sqlite3.OperationalError as exc:
            raise BackupError(f"{path} became busy during the restore; try again: {exc}") from exc
        finally:
            dest.close()
    finally:
        source.close()
    named = parse_backup_name(backup_file.name)
    scans_stem = named[0] if named else backup_file.stem
    copy_scans(files_folder_of(backup_file.parent / scans_stem), files_folder_of(path))
    after = check_sqlite_file(path, count_rows=True)
    if after.schema_version != checked.schema_version or after.tables != checked.tables:
        raise BackupError(
            f"the restored database does not match the backup; the previous database is in "
            f"{result.safety_backup}"
        )
    return result


def _folder_for_restore(target: DatabaseTarget) -> Path:
    """The backup folder from the current database's office settings, else the default."""
    try:
        db_proxy.initialize(make_database(target))
        return backup_folder(target)
    except (peewee.DatabaseError, sqlite3.Error, BackupError):
        return default_backup_dir(target)
    finally:
        close_database()
