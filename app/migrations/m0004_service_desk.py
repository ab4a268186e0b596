"""Schema step — the service desk: repair work orders, complaints and the callback queue.

Creates only its own tables (`safe=True`), from the models as they are in this release, and
their search indexes: it does not depend on which other tables a database has besides main's
(another branch's step may come before or after it). Never edit this file once released.
"""

from __future__ import annotations

import peewee

from app.migrations import search_index

NEW_TABLES = ("work_order", "complaint", "callback")


def apply(db: peewee.Database) -> None:
    from app.models import ALL_MODELS

    by_table = {m._meta.table_name: m for m in ALL_MODELS}
    db.create_tables([by_table[t] for t in NEW_TABLES if t in by_table], safe=True)
    searchable = search_index.searchable()
    for table in NEW_TABLES:
        if table in searchable:
            search_index.create_one(db, table, searchable[table])
