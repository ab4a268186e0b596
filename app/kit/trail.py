"""The event trail of every register record (RecordEvent): who did what to it, when, with which
document. Written inside the service's transaction; read for the record card's history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.models import RecordEvent
from app.services.context import Actor


def add(
    actor: Actor,
    register: str,
    record_id: int,
    kind: str,
    at: datetime,
    detail: str = "",
    document: str = "",
) -> None:
    RecordEvent.create(
        register=register,
        record_id=record_id,
        at=at,
        username=actor.username,
        kind=kind,
        detail=detail,
        document=document,
    )


def for_record(register: str, record_id: int) -> list[dict[str, Any]]:
    """Oldest first: at, kind, username, detail, document."""
    rows = (
        RecordEvent.select(
            RecordEvent.id,
            RecordEvent.at,
            RecordEvent.kind,
            RecordEvent.username,
            RecordEvent.detail,
            RecordEvent.document,
        )
        .where((RecordEvent.register == register) & (RecordEvent.record_id == record_id))
        .order_by(RecordEvent.at, RecordEvent.id)
        .dicts()
    )
    return list(rows)
