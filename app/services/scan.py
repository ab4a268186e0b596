"""Scan box: whatever barcode PropDesk printed, find the record it stands for.

Each register adds a resolver; the first that recognises the text wins. Document numbers
(`YS-2026-00017`) are matched by prefix, key codes by exact code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.db import run_with_retry
from app.errors import NotFound
from app.services.context import Actor


@dataclass(frozen=True)
class ScanHit:
    register: str  # "keys", "key_loans", …
    record_id: int
    title: str  # what the status bar shows


Resolver = Callable[[Actor, str], ScanHit | None]
_RESOLVERS: list[Resolver] = []


def add_resolver(resolver: Resolver) -> Resolver:
    _RESOLVERS.append(resolver)
    return resolver


def resolve(actor: Actor, text: str) -> ScanHit:
    """Raises NotFound when nothing PropDesk printed carries this code."""
    code = text.strip()
    if not code:
        raise NotFound("empty scan")
    # Registers register their resolvers on import.
    import app.services.keys  # noqa: F401

    for resolver in _RESOLVERS:
        hit = run_with_retry(lambda r=resolver: r(actor, code))
        if hit is not None:
            return hit
    raise NotFound(f"nothing carries the code {code}")
