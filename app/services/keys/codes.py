"""Key codes: what a key's tag carries on its Code 128 barcode, how they are normalised and
checked, and the made-up code (`K00012`) for a key registered without one."""

from __future__ import annotations

import re

import peewee

from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.kit import registry
from app.models import Key

AUTO_CODE_PREFIX = "K"
AUTO_CODE_DIGITS = 5

# Code 128 carries printable ASCII; a space is legal in Code 128 but scanners and typing mangle it.
_CODE_RE = re.compile(r"^[\x21-\x7e]+$")


# The scan box resolves document numbers (YS-2026-00017 …) by their register's prefix, so a key
# code may not start with any declared prefix.
def _document_prefixes() -> tuple[str, ...]:
    return tuple(f"{p}-" for p in registry.prefixes())


def _norm_code(code: str) -> str:
    """Key codes are stored upper-case; a scanner with Caps Lock on still finds the key."""
    return (code or "").strip().upper()


def _code_problem(code: str, own_id: int | None = None) -> str | None:
    if not code:
        return QT_TRANSLATE_NOOP("app", "Enter the key code.")
    if len(code) > 32:
        return Msg(QT_TRANSLATE_NOOP("app", "At most {n} characters."), n=32)
    if not _CODE_RE.match(code):
        return QT_TRANSLATE_NOOP(
            "app",
            "Use letters, digits and - . / only (no spaces, no Chinese): it goes on a barcode.",
        )
    if code.startswith(_document_prefixes()):
        return QT_TRANSLATE_NOOP(
            "app", "A key code may not start like a document number (YS-, JJ-, QD- …)."
        )
    query = Key.select().where(Key.code == code)
    if own_id is not None:
        query = query.where(Key.id != own_id)
    if query.exists():
        return QT_TRANSLATE_NOOP("app", "Another key already has this code.")
    return None


def _next_auto_code() -> str:
    last = Key.select(peewee.fn.MAX(Key.id)).scalar() or 0
    n = last + 1
    while True:
        code = f"{AUTO_CODE_PREFIX}{n:0{AUTO_CODE_DIGITS}d}"
        if not Key.select().where(Key.code == code).exists():
            return code
        n += 1
