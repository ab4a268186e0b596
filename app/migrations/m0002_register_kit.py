"""Schema 2 — the register kit: one event trail for every register (record_event; the key
register's key_event rows move into it), the office holiday table, the archive register (files,
contents, loans, return checks, incidents, scanned copies) and saved Excel column mappings.

New tables are created from the models as they are in this release; a later migration that
changes one of them alters it (never edit this file once released).
"""

from __future__ import annotations

import peewee

from app.migrations import search_index

# Tables this step adds, by table name (models are looked up by it so this file does not
# depend on where a model class lives).
NEW_TABLES = (
    "record_event",
    "office_holiday",
    "attachment",
    "attachment_blob",
    "archive_file",
    "archive_document",
    "archive_loan",
    "archive_loan_check",
    "archive_incident",
    "import_mapping",
)


def apply(db: peewee.Database) -> None:
    from app.models import ALL_MODELS

    by_table = {m._meta.table_name: m for m in ALL_MODELS}
    db.create_tables([by_table[t] for t in NEW_TABLES if t in by_table], safe=True)
    searchable = search_index.searchable()
    for table in NEW_TABLES:
        if table in searchable:
            search_index.create_one(db, table, searchable[table])
    if "key_event" in db.get_tables():
        db.execute_sql(
            "INSERT INTO record_event (register, record_id, at, username, kind, detail, document) "
            "SELECT 'keys', key_id, at, username, kind, detail, document FROM key_event "
            "ORDER BY id"
        )
        db.execute_sql("DROP TABLE key_event")
