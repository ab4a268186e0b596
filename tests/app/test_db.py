"""Opening databases: URL forms, SQLite pragmas for a share, schema versions, refusing newer ones."""

from __future__ import annotations

from pathlib import Path

import peewee
import pytest

from app import migrations
from app.db import close_database, db_proxy, parse_database_url
from app.db_open import open_database
from app.errors import SchemaTooNew, StorageUnavailable


@pytest.mark.parametrize(
    ("url", "kind", "path"),
    [
        ("/srv/office.sqlite3", "sqlite", "/srv/office.sqlite3"),
        ("sqlite:////srv/office.sqlite3", "sqlite", "/srv/office.sqlite3"),
        ("sqlite:///C:/PropDesk/office.sqlite3", "sqlite", "C:/PropDesk/office.sqlite3"),
        (r"Z:\物业\propdesk.sqlite3", "sqlite", r"Z:\物业\propdesk.sqlite3"),
        (r"\\fileserver\share\propdesk.sqlite3", "sqlite", r"\\fileserver\share\propdesk.sqlite3"),
    ],
)
def test_parse_sqlite_locations(url: str, kind: str, path: str) -> None:
    target = parse_database_url(url)
    assert target.kind == kind
    assert str(target.path) == str(Path(path))


def test_parse_postgresql_url_hides_password() -> None:
    target = parse_database_url("postgresql://desk:secret@db.local:5433/propdesk")
    assert target.kind == "postgresql"
    assert "secret" not in target.describe()
    assert target.describe() == "postgresql://db.local:5433/propdesk"


def test_unknown_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported"):
        parse_database_url("mysql://x/y")


def test_sqlite_is_configured_for_a_network_share(db_path: Path) -> None:
    open_database(str(db_path))
    try:
        assert db_proxy.execute_sql("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert db_proxy.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert db_proxy.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db_proxy.obj._lock_type == "IMMEDIATE"
        assert migrations.current_version(db_proxy.obj) == migrations.SCHEMA_VERSION
    finally:
        close_database()


def test_connect_to_missing_file_does_not_create_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "office.sqlite3"
    with pytest.raises(StorageUnavailable, match="no PropDesk database"):
        open_database(str(missing), create=False)
    assert not missing.exists()


def test_newer_schema_is_refused_and_untouched(db_path: Path) -> None:
    open_database(str(db_path))
    db_proxy.execute_sql(
        "UPDATE propdesk_meta SET value = ? WHERE key = 'schema_version'",
        (str(migrations.SCHEMA_VERSION + 5),),
    )
    close_database()
    before = db_path.read_bytes()
    with pytest.raises(SchemaTooNew, match="newer PropDesk"):
        open_database(str(db_path))
    assert db_path.read_bytes() == before


def test_damaged_file_is_reported_not_opened(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageUnavailable):
        open_database(str(bad))


def test_migration_backs_up_before_upgrading(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_database(str(db_path))
    close_database()

    applied: list[int] = []

    def add_column(db: peewee.Database) -> None:
        applied.append(1)
        db.execute_sql("CREATE TABLE upgrade_probe (id INTEGER PRIMARY KEY)")

    old = migrations.SCHEMA_VERSION
    new = old + 1
    monkeypatch.setattr(
        migrations, "MIGRATIONS", [*migrations.MIGRATIONS, (new, "probe", add_column)]
    )
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", new)
    info = open_database(str(db_path))
    try:
        assert info.schema_version == new
        assert applied == [1]
        backups = list((db_path.parent / "propdesk-backups").glob("*.sqlite3"))
        assert len(backups) == 1
        # the backup is the old schema, openable on its own
        import sqlite3

        con = sqlite3.connect(backups[0])
        assert con.execute("SELECT value FROM propdesk_meta WHERE key='schema_version'").fetchone()[
            0
        ] == str(old)
        con.close()
    finally:
        close_database()
    # opening again applies nothing twice
    open_database(str(db_path))
    close_database()
    assert applied == [1]


def test_audit_log_cannot_be_edited(db) -> None:  # noqa: ANN001
    from app.models import AuditEvent

    AuditEvent.create(username="x", action="probe")
    from app.db import db_proxy

    # SQLite reports the trigger's RAISE(ABORT) as IntegrityError, PostgreSQL as InternalError.
    with pytest.raises(peewee.DatabaseError, match="append-only"), db_proxy.atomic():
        AuditEvent.update(action="forged").execute()
    with pytest.raises(peewee.DatabaseError, match="append-only"), db_proxy.atomic():
        AuditEvent.delete().execute()
    assert AuditEvent.select().where(AuditEvent.action == "probe").count() == 1


def test_reconnect_never_creates_an_empty_database(db_path: Path) -> None:
    """The share comes back empty (unmounted mount point): no silent new office database."""
    from app.errors import StorageUnavailable
    from app.models import Key
    from app.services import keys
    from app.services.context import SYSTEM

    open_database(str(db_path))
    try:
        close_database()
        db_path.unlink()
        with pytest.raises(StorageUnavailable):
            keys.find_key(SYSTEM, "K00001")
        assert not db_path.exists()
        assert Key._meta.database.obj is db_proxy.obj
    finally:
        close_database()
