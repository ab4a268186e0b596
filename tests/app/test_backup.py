"""Backups and restore on real SQLite files.

These are SQLite-file tests: each makes its own database in tmp_path, also in the PostgreSQL run
(PROPDESK_TEST_DB set), because backups and restore are about the office's SQLite file.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app import backup, cli, migrations
from app.backup import BackupError
from app.db import close_database
from app.db_open import open_database
from app.services import accounts, office_settings
from app.services.context import SYSTEM, Actor
from tests.conftest import TEST_PASSWORD

REPO = Path(__file__).resolve().parents[2]
DAY = datetime(2026, 3, 10, 8, 30)


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Path]:
    """An office database file with an administrator, open in this process."""
    path = tmp_path / "share" / "propdesk.sqlite3"
    open_database(str(path))
    accounts.create_first_admin(SYSTEM, "admin", TEST_PASSWORD, "管理员")
    yield path
    close_database()


def _admin() -> Actor:
    from app.models import User

    user = User.get(User.username == "admin")
    return Actor(user.id, user.username, user.role, user.display_name)


def _backups(folder: Path, reason: str | None = None) -> list[Path]:
    return sorted(
        p
        for p in folder.glob("*.sqlite3")
        if reason is None or (backup.parse_backup_name(p.name) or ("", "", ""))[2] == reason
    )


def _office_name(path: Path) -> str | None:
    con = sqlite3.connect(path)
    try:
        row = con.execute("SELECT value FROM office_setting WHERE key = 'office_name'").fetchone()
        return row[0] if row else None
    finally:
        con.close()


def test_backup_names_round_trip() -> None:
    name = backup.backup_name("物业-propdesk", "before-v3", DAY)
    assert name == "物业-propdesk-20260310-083000-before-v3.sqlite3"
    assert backup.parse_backup_name(name) == ("物业-propdesk", DAY, "before-v3")
    assert backup.parse_backup_name("propdesk.sqlite3") is None
    assert backup.parse_backup_name(".propdesk-20260310-083000-daily.sqlite3.1-ab.part") is None


def test_take_backup_is_checked_and_named_beside_the_database(office: Path) -> None:
    path = backup.take_backup("manual", now=DAY)
    assert path == office.parent / "propdesk-backups" / "propdesk-20260310-083000-manual.sqlite3"
    checked = backup.check_sqlite_file(path, count_rows=True)
    assert checked.schema_version == migrations.SCHEMA_VERSION
    assert checked.tables["user"] == 1
    assert not list(path.parent.glob("*.part"))  # written under a temporary name, then renamed


def test_daily_backup_happens_once_per_day(office: Path) -> None:
    first = backup.daily_backup_if_due(DAY)
    assert first is not None and first.name.endswith("-daily.sqlite3")
    assert backup.daily_backup_if_due(DAY + timedelta(minutes=5)) is None
    assert backup.daily_backup_if_due(DAY + timedelta(hours=9)) is None
    second = backup.daily_backup_if_due(DAY + timedelta(days=1))
    assert second is not None and second != first
    assert len(_backups(office.parent / "propdesk-backups", "daily")) == 2


def test_daily_backup_from_two_pcs_at_the_same_minute(office: Path) -> None:
    """Two processes start at once with the same clock: exactly one daily backup, no crash."""
    close_database()
    script = textwrap.dedent(
        f"""
        import sys, time
        from datetime import datetime
        sys.path.insert(0, {str(REPO)!r})
        from app import backup
        from app.db_open import open_database
        open_database({str(office)!r}, create=False)
        while time.time() < {time.time() + 1.5}:
            time.sleep(0.01)
        path = backup.daily_backup_if_due(datetime(2026, 3, 10, 8, 30))
        print("took" if path else "skipped")
        """
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(2)
    ]
    results = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [r[1].decode() for r in results]
    assert sorted(r[0].decode().strip() for r in results) == ["skipped", "took"]
    assert len(_backups(office.parent / "propdesk-backups", "daily")) == 1
    open_database(str(office))


def test_retention_keeps_the_newest_n_daily_and_every_pre_upgrade_backup(office: Path) -> None:
    office_settings.set_setting(_admin(), "backup_keep", "3")
    folder = office.parent / "propdesk-backups"
    backup.take_backup("before-v9", now=DAY - timedelta(days=30))
    backup.take_backup("manual", now=DAY - timedelta(days=20))
    for n in range(5):
        assert backup.daily_backup_if_due(DAY + timedelta(days=n)) is not None
    daily = _backups(folder, "daily")
    assert [backup.parse_backup_name(p.name)[1].day for p in daily] == [12, 13, 14]
    assert len(_backups(folder, "before-v9")) == 1
    assert len(_backups(folder, "manual")) == 1


def test_backup_keep_must_be_a_sensible_number(office: Path) -> None:
    from app.errors import ValidationError

    with pytest.raises(ValidationError):
        office_settings.set_setting(_admin(), "backup_keep", "0")
    with pytest.raises(ValidationError):
        office_settings.set_setting(_admin(), "backup_keep", "many")


def test_backup_folder_setting_relative_to_the_database(office: Path, tmp_path: Path) -> None:
    office_settings.set_setting(_admin(), "backup_dir", "备份")
    assert backup.take_backup(now=DAY).parent == office.parent / "备份"
    elsewhere = tmp_path / "nas" / "propdesk"
    office_settings.set_setting(_admin(), "backup_dir", str(elsewhere))
    assert backup.daily_backup_if_due(DAY).parent == elsewhere
    # an explicit folder wins (the CLI's --to)
    assert backup.take_backup(dest_dir=tmp_path / "usb", now=DAY).parent == tmp_path / "usb"


WRITER = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
con.execute("PRAGMA journal_mode=delete")
stop = time.time() + 20
n = 0
while time.time() < stop and n < int(sys.argv[2]):
    con.execute("BEGIN IMMEDIATE")
    con.execute("INSERT INTO probe_a (payload) VALUES (?)", ("x" * 300,))
    con.execute("INSERT INTO probe_b (payload) VALUES (?)", ("y" * 300,))
    con.execute("COMMIT")
    n += 1
    if n == 50:
        print("started", flush=True)
print(n, flush=True)
"""


def test_backup_while_another_process_writes_is_consistent(office: Path) -> None:
    from app.db import db_proxy

    db_proxy.execute_sql("CREATE TABLE probe_a (id INTEGER PRIMARY KEY, payload TEXT)")
    db_proxy.execute_sql("CREATE TABLE probe_b (id INTEGER PRIMARY KEY, payload TEXT)")
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(office), "3000"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "started"
        taken = []
        for n in range(3):
            taken.append(backup.take_backup("manual", now=DAY + timedelta(seconds=n)))
    finally:
        out, _ = writer.communicate(timeout=60)
    assert writer.returncode == 0
    for path in taken:
        con = sqlite3.connect(path)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            a = con.execute("SELECT count(*) FROM probe_a").fetchone()[0]
            b = con.execute("SELECT count(*) FROM probe_b").fetchone()[0]
        finally:
            con.close()
        assert a == b >= 50  # a snapshot between two transactions, never half of one


# -- restore ---------------------------------------------------------------------------------


@pytest.fixture
def good_backup(office: Path) -> Path:
    office_settings.set_setting(_admin(), "office_name", "备份时的名字")
    path = backup.take_backup("manual", now=DAY)
    office_settings.set_setting(_admin(), "office_name", "后来改的名字")
    close_database()
    return path


def _restore(file: Path, office: Path, **kw: object) -> backup.RestoreResult:
    return backup.restore_backup(file, str(office), **kw)  # type: ignore[arg-type]


def test_restore_round_trip_takes_a_safety_backup(office: Path, good_backup: Path) -> None:
    result = _restore(good_backup, office, now=DAY + timedelta(hours=1))
    assert _office_name(office) == "备份时的名字"
    assert result.safety_backup is not None
    assert result.safety_backup.name == "propdesk-20260310-093000-before-restore.sqlite3"
    assert _office_name(result.safety_backup) == "后来改的名字"  # the replaced state is kept
    assert result.restored.schema_version == migrations.SCHEMA_VERSION
    # the restored database opens as usual and passes the check
    from app import maintenance

    open_database(str(office), create=False)
    assert maintenance.check_database().ok
    assert office_settings.get_setting("office_name") == "备份时的名字"


def test_restore_into_a_missing_database_file(office: Path, good_backup: Path) -> None:
    new = office.parent / "rebuilt" / "propdesk.sqlite3"
    result = _restore(good_backup, new)
    assert result.safety_backup is None
    assert _office_name(new) == "备份时的名字"


def test_restore_refuses_a_corrupt_backup(office: Path, good_backup: Path) -> None:
    before = office.read_bytes()
    damaged = good_backup.with_name("damaged.sqlite3")
    data = bytearray(good_backup.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, 3 * page):  # scribble over b-tree pages
        data[offset : offset + 64] = b"\xff" * 64
    damaged.write_bytes(bytes(data))
    with pytest.raises(BackupError, match="damaged|not a usable|cannot be read"):
        _restore(damaged, office)
    junk = good_backup.with_name("junk.sqlite3")
    junk.write_bytes(b"not a database at all " * 500)
    with pytest.raises(BackupError, match="not a usable SQLite database"):
        _restore(junk, office)
    with pytest.raises(BackupError, match="does not exist"):
        _restore(good_backup.with_name("missing.sqlite3"), office)
    assert office.read_bytes() == before
    assert not _backups(office.parent / "propdesk-backups", backup.BEFORE_RESTORE)


def test_restore_refuses_a_database_that_is_not_propdesk(office: Path, tmp_path: Path) -> None:
    close_database()
    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()
    with pytest.raises(BackupError, match="not a PropDesk database"):
        _restore(other, office)


def test_restore_refuses_a_backup_from_a_newer_propdesk(office: Path, good_backup: Path) -> None:
    con = sqlite3.connect(good_backup)
    con.execute(
        "UPDATE propdesk_meta SET value = ? WHERE key = 'schema_version'",
        (str(migrations.SCHEMA_VERSION + 1),),
    )
    con.commit()
    con.close()
    before = office.read_bytes()
    with pytest.raises(BackupError, match="newer PropDesk"):
        _restore(good_backup, office)
    assert office.read_bytes() == before


def test_restore_refuses_a_locked_database(
    office: Path, good_backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup, "LOCK_PROBE_TIMEOUT_S", 0.2)
    other = sqlite3.connect(office, isolation_level=None)  # another program mid-write
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(BackupError, match="in use"):
            _restore(good_backup, office, force=True)  # --force never overrides a lock
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert _office_name(office) == "后来改的名字"


def test_restore_refuses_while_another_desk_is_connected(office: Path, good_backup: Path) -> None:
    from app.services import presence

    open_database(str(office), create=False)
    presence.register_desk(_admin(), pc_name="前台-2")
    close_database()
    with pytest.raises(BackupError, match="in use by 前台-2"):
        _restore(good_backup, office)
    assert _office_name(office) == "后来改的名字"
    # --force: the desk's presence is stale (the PC was switched off), nothing holds a lock
    result = _restore(good_backup, office, force=True)
    assert any("前台-2" in note for note in result.notes)
    assert _office_name(office) == "备份时的名字"


def test_cli_backup_and_restore(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    close_database()
    assert cli.main(["backup", "--db", str(office), "--to", str(tmp_path / "usb")]) == 0
    out = capsys.readouterr().out
    (made,) = _backups(tmp_path / "usb")
    assert f"backup written and checked: {made}" in out

    assert cli.main(["restore", str(made), "--db", str(office)]) == 0
    out = capsys.readouterr().out
    assert "safety backup of the replaced database" in out and "integrity ok" in out

    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"x" * 5000)
    assert cli.main(["restore", str(junk), "--db", str(office)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1

    assert cli.main(["backup", "--db", str(tmp_path / "none.sqlite3")]) == 1
    assert capsys.readouterr().err.startswith("error: no PropDesk database")
    assert not (tmp_path / "none.sqlite3").exists()


def test_restore_refuses_postgresql_with_a_pointer_to_pg_restore(good_backup: Path) -> None:
    with pytest.raises(BackupError, match="pg_restore"):
        backup.restore_backup(good_backup, "postgresql://u:p@127.0.0.1:1/none")


def test_backup_of_postgresql_without_pg_dump_says_it_is_the_dbas_job(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from app.db import DatabaseTarget

    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    target = DatabaseTarget("postgresql", url="postgresql://u:p@127.0.0.1/propdesk")
    with pytest.raises(BackupError, match="database administrator's job"):
        backup.pg_dump(target, "manual", tmp_path)


def test_pre_upgrade_backup_goes_through_the_backup_module(
    office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    close_database()
    new = migrations.SCHEMA_VERSION + 1
    monkeypatch.setattr(
        migrations, "MIGRATIONS", [*migrations.MIGRATIONS, (new, "noop", lambda db: None)]
    )
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", new)
    open_database(str(office))
    (made,) = _backups(office.parent / "propdesk-backups", f"before-v{new}")
    assert backup.check_sqlite_file(made).schema_version == new - 1
