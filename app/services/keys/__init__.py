"""钥匙收发与使用 / 钥匙借用 — the key register (SPEC §3.1).

One function per user intent; each checks its permission, validates everything before it writes
anything, writes in one transaction (document number, RecordEvent trail and audit inside it) and
returns frozen views, never model instances.

Permissions (rules/roles.py):
- KEYS_VIEW: look keys, loans, handovers and stocktakes up; the register lists; the scan box.
- KEYS_LEND: lend and take back keys, and the custodian handover (内部交接) — the desk staff who
  keep the cabinet (seed: 客服助理负责钥匙借用及钥匙整理(管理)工作).
- KEYS_MANAGE: register, edit and retire keys; receive (接收) and issue (发放) keys.
- KEYS_STOCKTAKE: the stocktake (清点).

The due time of a loan (当天借当天还) is explained in `loans`.

Modules: `views` (the frozen views and the queries that build them), `catalogue` (registering,
editing, retiring and finding keys), `codes` (key codes), `loans`, `handovers`, `stocktakes`,
`lists` (the register lists), `scanning` (the scan box resolver), `trail` (RecordEvent trail and
notes) and `signature_checks`. Callers use this package: `from app.services import keys`, then
`keys.lend_key(...)`. Importing it registers the lists and the scan resolver.
"""

from __future__ import annotations

from app.registers.keys import (
    BORROWER_KINDS,
    HANDOVER_KINDS,
    KEY_STATUSES,
    LOAN_STATUSES,
    RETURN_CONDITIONS,
)

# Importing `lists` registers the register lists with `listing`, importing `scanning` adds the
# scan box resolver (app/services/scan.py imports this package for that).
from app.services.keys import lists, scanning  # noqa: F401
from app.services.keys.catalogue import (
    create_key,
    find_key,
    get_key,
    key_history,
    retire_key,
    update_key,
)
from app.services.keys.codes import AUTO_CODE_DIGITS, AUTO_CODE_PREFIX
from app.services.keys.handovers import (
    custodian_handover,
    get_handover,
    issue_keys,
    receive_keys,
)
from app.services.keys.lists import (
    register_key_handovers,
    register_key_loans,
    register_key_stocktakes,
    register_keys,
)
from app.services.keys.loans import (
    END_OF_DAY,
    get_loan,
    lend_key,
    loan_cutoff_due,
    open_loan_for_key,
    overdue_loans,
    return_key,
)
from app.services.keys.stocktakes import (
    finish_stocktake,
    record_stocktake_scan,
    start_stocktake,
    stocktake_result,
)
from app.services.keys.views import HandoverView, KeyView, LoanView, StocktakeResult

__all__ = [
    "AUTO_CODE_DIGITS",
    "AUTO_CODE_PREFIX",
    "BORROWER_KINDS",
    "END_OF_DAY",
    "HANDOVER_KINDS",
    "KEY_STATUSES",
    "LOAN_STATUSES",
    "RETURN_CONDITIONS",
    "HandoverView",
    "KeyView",
    "LoanView",
    "StocktakeResult",
    "create_key",
    "custodian_handover",
    "find_key",
    "finish_stocktake",
    "get_handover",
    "get_key",
    "get_loan",
    "issue_keys",
    "key_history",
    "lend_key",
    "loan_cutoff_due",
    "open_loan_for_key",
    "overdue_loans",
    "receive_keys",
    "record_stocktake_scan",
    "register_key_handovers",
    "register_key_loans",
    "register_key_stocktakes",
    "register_keys",
    "retire_key",
    "return_key",
    "start_stocktake",
    "stocktake_result",
    "update_key",
]
