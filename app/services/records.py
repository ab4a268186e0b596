"""Saving edits without overwriting a colleague's: optimistic locking on `version`."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from app.errors import ConflictError, NotFound
from app.models.base import TrackedModel
from app.services.context import Actor
from app.services.tx import audit, snapshot

M = TypeVar("M", bound=TrackedModel)


def get_or_404(model: type[M], record_id: int) -> M:
    obj = model.get_or_none(model.id == record_id)
    if obj is None:
        raise NotFound(f"{model.__name__} {record_id} does not exist")
    return obj


def update_versioned(
    actor: Actor,
    model: type[M],
    record_id: int,
    expected_version: int,
    changes: dict[str, Any],
    action: str,
    where: Any = None,
) -> M:
    """Apply `changes` only if nobody saved since `expected_version` was read; audit it.

    `where` adds a condition the row must still meet when it is written (the register kit's
    transitions: the state they start from)."""
    current = get_or_404(model, record_id)
    before = snapshot(current)
    if current.version != expected_version:
        raise ConflictError(model.__name__, current.updated_by, current.updated_at)
    now = datetime.now()
    fields = dict(changes, updated_at=now, updated_by=actor.username, version=expected_version + 1)
    condition = (model.id == record_id) & (model.version == expected_version)
    if where is not None:
        condition &= where
    updated = model.update(**fields).where(condition).execute()
    if updated != 1:  # someone slipped in between our read and write (PostgreSQL)
        fresh = get_or_404(model, record_id)
        raise ConflictError(model.__name__, fresh.updated_by, fresh.updated_at)
    saved = get_or_404(model, record_id)
    audit(actor, action, model.__name__, record_id, before, snapshot(saved))
    return saved


def stamp_new(actor: Actor) -> dict[str, Any]:
    now = datetime.now()
    return {
        "created_at": now,
        "created_by": actor.username,
        "updated_at": now,
        "updated_by": actor.username,
    }
