"""Gapless, unique document numbers per form and year: `YS-2026-00017`.

Called inside a write transaction: on SQLite `BEGIN IMMEDIATE` already serialises writers; on
PostgreSQL the row is locked with SELECT … FOR UPDATE. A rolled-back save rolls its number back too,
so no number is ever skipped.
"""

from __future__ import annotations

from datetime import datetime

from app.db import is_sqlite
from app.models import DocumentSequence

PREFIXES = {
    "YS": "key loan (钥匙借用)",
    "JJ": "key handover (钥匙交接)",
    "QD": "key stocktake (钥匙清点)",
    "TS": "complaint (投诉)",
    "WX": "repair (维修)",
    "JY": "archive loan (借阅)",
    "YJ": "mail (邮件)",
    "SJ": "receipt (收据)",
}


def next_number(prefix: str, when: datetime | None = None) -> str:
    year = (when or datetime.now()).year
    DocumentSequence.insert(prefix=prefix, year=year, last_value=0).on_conflict_ignore().execute()
    query = DocumentSequence.select().where(
        (DocumentSequence.prefix == prefix) & (DocumentSequence.year == year)
    )
    if not is_sqlite():
        query = query.for_update()
    seq = query.get()
    value = seq.last_value + 1
    DocumentSequence.update(last_value=value).where(DocumentSequence.id == seq.id).execute()
    return format_number(prefix, year, value)


def format_number(prefix: str, year: int, value: int) -> str:
    return f"{prefix}-{year}-{value:05d}"
