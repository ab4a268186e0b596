"""What a staff member still holds, across every declared register: the open records of each
register that declares a `holder_field` (archive loans, key loans …). A staff member holding any
cannot be marked as left (调离: 须清理移交档案文件后方可办理调离手续); the messages name them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import peewee

from app.db import run_with_retry
from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.kit import registry
from app.kit.declare import Register
from app.kit.today import open_condition
from app.rules.roles import Perm
from app.services.context import Actor


def _thing(reg: Register, row: Any) -> str:
    """What the record is about: the code and title of every register record it points at
    (the archive file of a loan, the key of a key loan)."""
    parts = []
    for name, fobj in reg.model._meta.fields.items():
        if not isinstance(fobj, peewee.ForeignKeyField) or name == reg.holder_field:
            continue
        target = registry.for_model(fobj.rel_model)
        if target is None or not target.code_field:
            continue
        other = getattr(row, name)
        if other is None:
            continue
        text = str(getattr(other, target.code_field) or "")
        if target.title_field:
            title = getattr(other, target.title_field)
            text += f" {getattr(title, 'code', title) or ''}"
        parts.append(text.strip())
    return "，".join(p for p in parts if p)


def _holding(reg: Register, row: Any) -> str:
    number = getattr(row, reg.number_field, "") if reg.prefix else ""
    if not number and reg.code_field:
        number = getattr(row, reg.code_field, "")
    due = getattr(row, reg.due_field, None) if reg.due_field in reg.model._meta.fields else None
    params = {"register": reg.zh, "number": number or "", "item": _thing(reg, row)}
    if isinstance(due, datetime):
        return Msg(
            QT_TRANSLATE_NOOP("app", "{register} {number}: {item}, due {due}"),
            due=f"{due:%Y-%m-%d %H:%M}",
            **params,
        )
    return Msg(QT_TRANSLATE_NOOP("app", "{register} {number}: {item}"), **params)


def holdings_of(staff_id: int) -> list[str]:
    """Every open record, in every register that declares a `holder_field` and an open
    condition, held by this staff member — one message each. Runs in the caller's transaction."""
    lines: list[str] = []
    for reg in registry.all_registers():
        if not reg.holder_field:
            continue
        if reg.today is None:
            continue
        cond = open_condition(reg)
        model = reg.model
        rows = model.select().where(cond & (getattr(model, reg.holder_field) == staff_id))
        lines += [_holding(reg, row) for row in rows.order_by(model.id)]
    return lines


def staff_holdings(actor: Actor | None, staff_id: int) -> list[str]:
    """What the staff member still holds (archive files, keys …), one message per open record.
    `actor` None: a check by another service inside its own transaction (调离)."""
    if actor is not None:
        actor.require(Perm.REFERENCE_VIEW)
    return run_with_retry(lambda: holdings_of(staff_id))
