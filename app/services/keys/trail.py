"""What a change to a key leaves behind: the dated event trail (the kit's RecordEvent), the lines
appended to a key's notes, and the name and time they carry — the same helpers the key register's
rules and the kit use."""

from __future__ import annotations

from datetime import datetime

from app.kit import trail
from app.kit.services import who as _who  # noqa: F401 - one 'who' for keys and the kit
from app.registers.keys import KEYS
from app.registers.keys.rules import append_note as _append_note  # noqa: F401
from app.registers.keys.rules import fmt as _fmt  # noqa: F401
from app.services.context import Actor


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now()


def _event(
    actor: Actor, key_id: int, kind: str, at: datetime, detail: str = "", document: str = ""
) -> None:
    trail.add(actor, KEYS.name, key_id, kind, at, detail, document)
