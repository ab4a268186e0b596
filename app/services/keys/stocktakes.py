"""Key stocktakes (清点), numbered QD-YYYY-NNNNN: scan every tag in the cabinet, then compare
with what the register says should be there."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import peewee

from app.errors import NotFound, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.models import Key, KeyLoan, KeyStocktake, KeyStocktakeScan
from app.registers.keys import KEY_STOCKTAKES
from app.rules.roles import Perm
from app.services import numbering
from app.services.context import Actor
from app.services.keys.codes import _norm_code
from app.services.keys.trail import _event, _now, _who
from app.services.keys.views import StocktakeResult, _key_views
from app.services.records import stamp_new
from app.services.tx import audit, read_service, snapshot, write_service

_REASON_UNKNOWN = QT_TRANSLATE_NOOP("app", "Unknown code.")
_REASON_LENT = QT_TRANSLATE_NOOP("app", "The key is lent out as {number}.")
_REASON_ISSUED = QT_TRANSLATE_NOOP("app", "The key was issued to {holder}.")
_REASON_LOST = QT_TRANSLATE_NOOP("app", "The key is reported lost.")
_REASON_RETIRED = QT_TRANSLATE_NOOP("app", "The key is retired.")


def _unexpected_reason(key: Key | None) -> tuple[str, dict[str, Any]]:
    if key is None:
        return _REASON_UNKNOWN, {}
    if key.status == "lent":
        loan = (
            KeyLoan.select(KeyLoan.number)
            .where(
                (KeyLoan.key == key.id)
                & KeyLoan.returned_at.is_null()
                & KeyLoan.voided_at.is_null()
            )
            .first()
        )
        return _REASON_LENT, {"number": loan.number if loan else "?"}
    if key.status == "issued":
        return _REASON_ISSUED, {"holder": key.holder}
    if key.status == "lost":
        return _REASON_LOST, {}
    return _REASON_RETIRED, {}


def _get_stocktake(number_or_id: int | str) -> KeyStocktake:
    if isinstance(number_or_id, int):
        row = KeyStocktake.get_or_none(KeyStocktake.id == number_or_id)
    else:
        row = KeyStocktake.get_or_none(KeyStocktake.number == number_or_id.strip().upper())
    if row is None:
        raise NotFound(
            Msg(QT_TRANSLATE_NOOP("app", "There is no stocktake {number}."), number=number_or_id)
        )
    return row


def _compute_stocktake(stocktake: KeyStocktake) -> dict[str, Any]:
    """Counted/missing key ids and unexpected scans, against the keys' status right now."""
    scans = list(
        KeyStocktakeScan.select(KeyStocktakeScan, Key)
        .join(Key, peewee.JOIN.LEFT_OUTER)
        .where(KeyStocktakeScan.stocktake == stocktake.id)
        .order_by(KeyStocktakeScan.id)
    )
    counted: list[int] = []
    unexpected: list[list[Any]] = []
    for s in scans:
        key = s.key if s.key_id is not None else None
        if key is not None and key.status == "in_cabinet":
            counted.append(key.id)
        else:
            template, params = _unexpected_reason(key)
            unexpected.append([s.code, template, params])
    scanned = KeyStocktakeScan.select(KeyStocktakeScan.key).where(
        (KeyStocktakeScan.stocktake == stocktake.id) & KeyStocktakeScan.key.is_null(False)
    )
    missing = [
        k.id
        for k in Key.select(Key.id)
        .where((Key.status == "in_cabinet") & Key.id.not_in(scanned))
        .order_by(Key.hook, Key.code)
    ]
    return {"counted": counted, "missing": missing, "unexpected": unexpected}


def _stocktake_result(stocktake: KeyStocktake) -> StocktakeResult:
    data = json.loads(stocktake.result_json) if stocktake.result_json else None
    if data is None:
        data = _compute_stocktake(stocktake)
    return StocktakeResult(
        id=stocktake.id,
        number=stocktake.number,
        started_at=stocktake.started_at,
        finished_at=stocktake.finished_at,
        done_by=stocktake.done_by,
        counted=_key_views(data["counted"]),
        missing=_key_views(data["missing"]),
        unexpected=[
            (code, Msg(template, **params)) for code, template, params in data["unexpected"]
        ],
    )


@write_service(Perm.KEYS_STOCKTAKE)
def start_stocktake(actor: Actor, *, now: datetime | None = None) -> int:
    """Open a stocktake (QD-YYYY-NNNNN); scan every key in the cabinet, then finish it."""
    now = _now(now)
    stocktake = KeyStocktake.create(
        number=numbering.next_number(KEY_STOCKTAKES.prefix, now),
        started_at=now,
        done_by=_who(actor),
        **stamp_new(actor),
    )
    audit(actor, "start key stocktake", "KeyStocktake", stocktake.id, None, snapshot(stocktake))
    return stocktake.id


@write_service(Perm.KEYS_STOCKTAKE)
def record_stocktake_scan(
    actor: Actor, stocktake_id: int, code: str, *, now: datetime | None = None
) -> str:
    """One scanned tag: "counted" (a key that belongs in the cabinet), "duplicate" (scanned
    before in this stocktake; nothing written) or "unexpected" (unknown code, or a key that
    should not be in the cabinet: lent, issued, lost, retired)."""
    stocktake = _get_stocktake(stocktake_id)
    text = _norm_code(code)
    if stocktake.finished_at is not None:
        raise ValidationError(
            {"stocktake": QT_TRANSLATE_NOOP("app", "This stocktake is finished already.")}
        )
    if not text:
        raise ValidationError({"code": QT_TRANSLATE_NOOP("app", "Scan or type a key code.")})
    if len(text) > 64:
        raise ValidationError(
            {"code": Msg(QT_TRANSLATE_NOOP("app", "At most {n} characters."), n=64)}
        )
    if (
        KeyStocktakeScan.select()
        .where((KeyStocktakeScan.stocktake == stocktake.id) & (KeyStocktakeScan.code == text))
        .exists()
    ):
        return "duplicate"
    key = Key.get_or_none(Key.code == text)
    KeyStocktakeScan.create(
        stocktake=stocktake.id, code=text, key=key.id if key else None, at=_now(now)
    )
    return "counted" if key is not None and key.status == "in_cabinet" else "unexpected"


@write_service(Perm.KEYS_STOCKTAKE)
def finish_stocktake(
    actor: Actor, stocktake_id: int, *, now: datetime | None = None
) -> StocktakeResult:
    """Close the stocktake and freeze its result; each missing key gets a `missing` event."""
    now = _now(now)
    stocktake = _get_stocktake(stocktake_id)
    if stocktake.finished_at is not None:
        raise ValidationError(
            {"stocktake": QT_TRANSLATE_NOOP("app", "This stocktake is finished already.")}
        )
    before = snapshot(stocktake)
    data = _compute_stocktake(stocktake)
    KeyStocktake.update(
        finished_at=now,
        result_json=json.dumps(data, ensure_ascii=False),
        updated_at=datetime.now(),
        updated_by=actor.username,
        version=KeyStocktake.version + 1,
    ).where(KeyStocktake.id == stocktake.id).execute()
    for key_id in data["missing"]:
        _event(actor, key_id, "missing", now, "", stocktake.number)
    stocktake = KeyStocktake.get_by_id(stocktake.id)
    audit(
        actor,
        "finish key stocktake",
        "KeyStocktake",
        stocktake.id,
        before,
        {
            "number": stocktake.number,
            "counted": len(data["counted"]),
            "missing": len(data["missing"]),
            "unexpected": len(data["unexpected"]),
        },
    )
    return _stocktake_result(stocktake)


@read_service(Perm.KEYS_VIEW)
def stocktake_result(actor: Actor, number_or_id: int | str) -> StocktakeResult:
    """A finished stocktake as it was frozen; an open one against the keys' status now."""
    return _stocktake_result(_get_stocktake(number_or_id))
