"""An office database of schema 1 (the first release) is upgraded to the register kit's schema:
the key register's history moves into the shared trail, the new tables appear, a backup is kept."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from app.db import close_database, db_proxy, is_sqlite
from app.db_open import open_database
from app.migrations import SCHEMA_VERSION, current_version, m0002_register_kit
from app.models import RecordEvent
from app.services import keys
from app.services.context import Actor

# The key_event table as schema 1 created it.
KEY_EVENT_V1 = (
    'CREATE TABLE "key_event" ("id" INTEGER NOT NULL PRIMARY KEY, "key_id" INTEGER NOT NULL, '
    '"at" DATETIME NOT NULL, "username" VARCHAR(64) NOT NULL, "kind" VARCHAR(24) NOT NULL, '
    '"detail" TEXT NOT NULL, "document" VARCHAR(20) NOT NULL, '
    'FOREIGN KEY ("key_id") REFERENCES "key" ("id") ON DELETE RESTRICT)'
)


def _as_schema_1(key_id: int) -> None:
    """Turn the fresh database back into what schema 1 looked like, with a key history."""
    db = db_proxy.obj
    for table in reversed(m0002_register_kit.NEW_TABLES):
        for suffix in ("_fts",):
            db.execute_sql(f'DROP TABLE IF EXISTS "{table}{suffix}"')
        db.execute_sql(f'DROP TABLE IF EXISTS "{table}"')
    db.execute_sql(KEY_EVENT_V1)
    for i, kind in enumerate(("created", "lent", "returned")):
        db.execute_sql(
            "INSERT INTO key_event (key_id, at, username, kind, detail, document) "
            "VALUES (?, ?, 'wangfang', ?, '李强', 'YS-2026-00001')",
            (key_id, datetime(2026, 3, 2, 9 + i), kind),
        )
    db.execute_sql("UPDATE propdesk_meta SET value = '1' WHERE key = 'schema_version'")


@pytest.mark.skipif("PROPDESK_TEST_DB" in __import__("os").environ, reason="SQLite file upgrade")
def test_schema_1_database_is_upgraded_with_its_key_history(db_path: Path, admin: Actor) -> None:
    assert is_sqlite()
    key = keys.create_key(admin, label="配电室")
    _as_schema_1(key.id)
    close_database()

    open_database(str(db_path))

    assert current_version(db_proxy.obj) == SCHEMA_VERSION
    tables = set(db_proxy.obj.get_tables())
    assert "key_event" not in tables
    assert {"record_event", "archive_file", "archive_loan", "office_holiday"} <= tables
    history = keys.key_history(admin, key.id)
    assert [h["kind"] for h in history] == ["created", "lent", "returned"]
    assert history[1]["document"] == "YS-2026-00001" and history[1]["username"] == "wangfang"
    assert RecordEvent.select().where(RecordEvent.register == "keys").count() == 3
    backups = list(
        (db_path.parent / "propdesk-backups").glob(f"*-before-v{SCHEMA_VERSION}.sqlite3")
    )
    assert len(backups) == 1


@pytest.mark.skipif("PROPDESK_TEST_DB" in __import__("os").environ, reason="SQLite file upgrade")
def test_schema_4_database_gets_the_today_indexes(db_path: Path, admin: Actor) -> None:
    """Step 5 adds the Today panel's (open, due) indexes to an office database made before it."""
    from app.migrations import m0005_today_indexes

    db = db_proxy.obj
    for name, _table, _columns in m0005_today_indexes.INDEXES:
        db.execute_sql(f'DROP INDEX "{name}"')
    db.execute_sql("UPDATE propdesk_meta SET value = '4' WHERE key = 'schema_version'")
    close_database()
    info = open_database(str(db_path))
    try:
        assert info.schema_version == SCHEMA_VERSION == 5
        for name, table, columns in m0005_today_indexes.INDEXES:
            found = [i for i in db_proxy.obj.get_indexes(table) if i.name == name]
            assert found and tuple(found[0].columns) == columns, name
    finally:
        close_database()
