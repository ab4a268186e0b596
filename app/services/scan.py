"""Scan box: whatever barcode PropDesk printed, find the record it stands for.

Registers are found through their declarations (app/kit): a document number (`YS-2026-00017`)
by its register's prefix, a printed code by the registers' code fields. A register with a lookup
of its own adds a resolver (`add_resolver`); those are asked first.
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
    # Declaration modules add their own resolvers when imported; the kit's lookup comes last.
    from app.kit import registry, scanning

    registry.load_all()
    for resolver in [*_RESOLVERS, scanning.resolve]:
        hit = run_with_retry(lambda r=resolver: r(actor, code))
        if hit is not None:
            return hit
    raise NotFound(f"nothing carries the code {code}")
