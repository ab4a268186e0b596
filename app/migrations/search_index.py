"""Chinese substring search on SQLite: FTS5 `trigram` tables kept in step by triggers.

Trigram finds runs of 3+ characters; 1–2 character searches use LIKE on the base table
(services.listing). PostgreSQL uses ILIKE and needs nothing here.
"""

from __future__ import annotations

import peewee


def searchable() -> dict[str, tuple[str, ...]]:
    """Table → columns of its search index: every model that declares `Meta.search_fields`."""
    from app.models import ALL_MODELS

    return {
        m._meta.table_name: tuple(m._meta.search_fields)
        for m in ALL_MODELS
        if getattr(m._meta, "search_fields", None)
    }


def fts_table(table: str) -> str:
    return f"{table}_fts"


def create_all(db: peewee.Database) -> None:
    if not isinstance(db, peewee.SqliteDatabase):
        return
    for table, columns in searchable().items():
        create_one(db, table, columns)


def create_one(db: peewee.Database, table: str, columns: tuple[str, ...]) -> None:
    fts = fts_table(table)
    cols = ", ".join(columns)
    new_vals = ", ".join(f"new.{c}" for c in columns)
    old_vals = ", ".join(f"old.{c}" for c in columns)
    db.execute_sql(
        f'CREATE VIRTUAL TABLE IF NOT EXISTS "{fts}" USING fts5({cols}, content="{table}", '
        f'content_rowid="id", tokenize="trigram")'
    )
    db.execute_sql(
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_ai" AFTER INSERT ON "{table}" BEGIN '
        f'INSERT INTO "{fts}"(rowid, {cols}) VALUES (new.id, {new_vals}); END'
    )
    db.execute_sql(
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_ad" AFTER DELETE ON "{table}" BEGIN '
        f'INSERT INTO "{fts}"("{fts}", rowid, {cols}) VALUES (\'delete\', old.id, {old_vals}); END'
    )
    db.execute_sql(
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_au" AFTER UPDATE ON "{table}" BEGIN '
        f'INSERT INTO "{fts}"("{fts}", rowid, {cols}) VALUES (\'delete\', old.id, {old_vals}); '
        f'INSERT INTO "{fts}"(rowid, {cols}) VALUES (new.id, {new_vals}); END'
    )


def rebuild(db: peewee.Database, table: str) -> None:
    """After a bulk load that bypassed the triggers."""
    fts = fts_table(table)
    db.execute_sql(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')
