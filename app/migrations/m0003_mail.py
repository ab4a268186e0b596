"""Schema 3 — mail (邮件分拣): items (邮件登记表), pickups with their identity check, and the
shift handovers of the mail still held; newspapers and periodicals (报刊收发登记表): subscriptions,
the day's receipts per title and the shortages chased with the post office.

New tables are created from the models as they are in this release; a later migration that
changes one of them alters it (never edit this file once released).
"""

from __future__ import annotations

import peewee

from app.migrations import search_index

NEW_TABLES = (
    "mail_pickup",
    "mail_item",
    "mail_handover",
    "mail_handover_line",
    "periodical_subscription",
    "periodical_receipt",
    "periodical_shortage",
)


def apply(db: peewee.Database) -> None:
    from app.models import ALL_MODELS

    by_table = {m._meta.table_name: m for m in ALL_MODELS}
    db.create_tables([by_table[t] for t in NEW_TABLES if t in by_table], safe=True)
    searchable = search_index.searchable()
    for table in NEW_TABLES:
        if table in searchable:
            search_index.create_one(db, table, searchable[table])
