"""钥匙收发与使用 / 钥匙借用: the key registers — declared in `register`, with the lending rules
(borrower kinds, the same-day due time, opening and closing the loan) in `rules`. Handovers,
stocktakes and the hand-written lists stay in app/services/keys."""

from app.registers.keys.register import (
    BORROWER_KINDS,
    HANDOVER_KINDS,
    KEY_HANDOVERS,
    KEY_LOANS,
    KEY_STATUSES,
    KEY_STOCKTAKES,
    KEYS,
    LOAN_STATUSES,
    RETURN_CONDITIONS,
)

__all__ = [
    "BORROWER_KINDS",
    "HANDOVER_KINDS",
    "KEYS",
    "KEY_HANDOVERS",
    "KEY_LOANS",
    "KEY_STATUSES",
    "KEY_STOCKTAKES",
    "LOAN_STATUSES",
    "RETURN_CONDITIONS",
]
