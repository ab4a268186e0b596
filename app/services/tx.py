"""One short write transaction per user intent, with its audit record inside it.

`@write_service(Perm.X)` checks the actor's permission, runs the function in one `BEGIN IMMEDIATE`
transaction, retries it while the database is busy and turns a lost share into
StorageUnavailable. Nothing is half-saved: an exception rolls everything back.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, ParamSpec, TypeVar

from app.db import db_proxy, run_with_retry
from app.models import AuditEvent
from app.rules.roles import Perm
from app.services.context import Actor

P = ParamSpec("P")
R = TypeVar("R")


def write_service(perm: Perm | None) -> Callable[[Callable[P, R]], Callable[P, R]]:
    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            actor = args[0] if args else kwargs.get("actor")
            if not isinstance(actor, Actor):
                raise TypeError(f"{fn.__name__} needs an Actor as its first argument")
            if perm is not None:
                actor.require(perm)

            def attempt() -> R:
                with db_proxy.atomic():
                    return fn(*args, **kwargs)

            return run_with_retry(attempt)

        return wrapper

    return decorate


def read_service(perm: Perm | None) -> Callable[[Callable[P, R]], Callable[P, R]]:
    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            actor = args[0] if args else kwargs.get("actor")
            if not isinstance(actor, Actor):
                raise TypeError(f"{fn.__name__} needs an Actor as its first argument")
            if perm is not None:
                actor.require(perm)
            return run_with_retry(lambda: fn(*args, **kwargs))

        return wrapper

    return decorate


def _json_default(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return str(value)


def snapshot(instance: Any) -> dict[str, Any]:
    """A record's fields as a plain dict (foreign keys as ids), for audit before/after."""
    data = dict(instance.__data__)
    return {k: v for k, v in data.items() if not isinstance(v, bytes)}


def audit(
    actor: Actor,
    action: str,
    entity: str = "",
    entity_id: Any = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Append the audit record; call inside the service's transaction."""
    AuditEvent.create(
        username=actor.username,
        role=actor.role,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        before=json.dumps(before, ensure_ascii=False, default=_json_default) if before else None,
        after=json.dumps(after, ensure_ascii=False, default=_json_default) if after else None,
        workstation=actor.workstation,
    )
