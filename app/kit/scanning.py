"""The scan box lookup for every declared register: a document number (`JY-2026-00017`) is found
by its register's prefix, anything else by the registers' code fields (key tags, file labels).
A register with something special to find (a key code that is also a loan's key) adds its own
resolver with `scan.add_resolver` in its declaration module; the kit's runs after those."""

from __future__ import annotations

from typing import Any

from app.kit import registry
from app.kit.declare import Register
from app.services.context import Actor
from app.services.scan import ScanHit


def _title(reg: Register, row: Any) -> str:
    parts = []
    if reg.prefix:
        parts.append(getattr(row, reg.number_field))
    if reg.code_field:
        parts.append(getattr(row, reg.code_field))
    if reg.title_field:
        value = getattr(row, reg.title_field)
        parts.append(str(getattr(value, "code", value) or ""))
    return " ".join(p for p in parts if p)


def resolve(actor: Actor, text: str) -> ScanHit | None:
    code = text.strip().upper()
    head = code.split("-", 1)[0]
    regs = registry.load_all().values()
    for reg in regs:
        if reg.scan and reg.prefix and head == reg.prefix and code.startswith(reg.prefix + "-"):
            model = reg.model
            row = model.get_or_none(getattr(model, reg.number_field) == code)
            if row is not None:
                actor.require(reg.view_perm)
                return ScanHit(reg.name, row.id, _title(reg, row))
            return None
    for reg in regs:
        if reg.scan and reg.code_field:
            model = reg.model
            row = model.get_or_none(getattr(model, reg.code_field) == code)
            if row is not None:
                actor.require(reg.view_perm)
                return ScanHit(reg.name, row.id, _title(reg, row))
    return None
