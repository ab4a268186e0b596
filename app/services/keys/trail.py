"""What a change to a key leaves behind: the dated event trail (the kit's RecordEvent), the lines appended to a key's
notes, and the name and time they carry."""

from __future__ import annotations

from datetime import datetime

from app.kit import trail
from app.registers.keys import KEYS
from app.services.context import Actor


def _who(actor: Actor) -> str:
    return actor.display_name or actor.username


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now()


def _fmt(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def _event(
    actor: Actor, key_id: int, kind: str, at: datetime, detail: str = "", document: str = ""
) -> None:
    trail.add(actor, KEYS.name, key_id, kind, at, detail, document)


def _append_note(notes: str, line: str) -> str:
    return (notes.rstrip() + "\n" + line).strip()
