"""The scan box resolver of the key register, added to `scan` when this module is imported."""

from __future__ import annotations

from app.models import Key, KeyHandover, KeyLoan, KeyStocktake
from app.rules.roles import Perm
from app.services import scan
from app.services.context import Actor


@scan.add_resolver
def _resolve_scan(actor: Actor, text: str) -> scan.ScanHit | None:
    """A key code → the key; YS-/JJ-/QD- numbers → the loan, handover or stocktake."""
    code = text.strip().upper()
    hit: scan.ScanHit | None = None
    if code.startswith("YS-"):
        row = (
            KeyLoan.select(KeyLoan.id, KeyLoan.number, KeyLoan.borrower_name, Key.code, Key.label)
            .join(Key)
            .where(KeyLoan.number == code)
            .dicts()
            .get_or_none()
        )
        if row:
            title = f"{row['number']} {row['code']} {row['label']} {row['borrower_name']}"
            hit = scan.ScanHit("key_loans", row["id"], title)
    elif code.startswith("JJ-"):
        handover = KeyHandover.get_or_none(KeyHandover.number == code)
        if handover:
            title = f"{handover.number} {handover.from_name} → {handover.to_name}"
            hit = scan.ScanHit("key_handovers", handover.id, title)
    elif code.startswith("QD-"):
        stocktake = KeyStocktake.get_or_none(KeyStocktake.number == code)
        if stocktake:
            hit = scan.ScanHit(
                "key_stocktakes", stocktake.id, f"{stocktake.number} {stocktake.done_by}"
            )
    else:
        key = Key.get_or_none(Key.code == code)
        if key:
            hit = scan.ScanHit("keys", key.id, f"{key.code} {key.label}")
    if hit is not None:
        actor.require(Perm.KEYS_VIEW)
    return hit
