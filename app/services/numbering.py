"""Gapless, unique document numbers per form and year: `YS-2026-00017`.

Called inside a write transaction: on SQLite `BEGIN IMMEDIATE` already serialises writers; on
PostgreSQL the row is locked with SELECT … FOR UPDATE. A rolled-back save rolls its number back too,
so no number is ever skipped. Prefixes are declared by each register (app/kit: `Register.prefix`).
"""

from __future__ import annotations

from datetime import datetime

from app.db import is_sqlite
from app.models import DocumentSequence


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
