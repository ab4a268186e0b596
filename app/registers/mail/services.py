"""Mail intents the kit's generic services cannot express: several items handed to one person in
one pickup (one identity check, one signature), the items waiting for a unit, the return list,
and the scan box finding an item by the post office's own tracking barcode."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP
from app.kit import registry, trail
from app.kit import services as kit
from app.models import MailHandoverLine, MailItem, MailPickup, Unit
from app.registers.mail import rules
from app.rules.roles import Perm
from app.services import scan
from app.services.context import Actor
from app.services.reference import normalise_unit_code
from app.services.signatures import SignatureInput, store_signature
from app.services.tx import read_service, write_service


@dataclass(frozen=True)
class PickupResult:
    pickup_id: int
    number: str  # LQ-…
    item_ids: tuple[int, ...]
    item_numbers: tuple[str, ...]


@write_service(Perm.MAIL_HANDLE)
def pick_up(
    actor: Actor,
    item_ids: Sequence[int],
    inputs: Mapping[str, Any],
    *,
    versions: Mapping[int, int] | None = None,
    signature: SignatureInput | None = None,
    now: datetime | None = None,
) -> PickupResult:
    """Hand items to one recipient in one transaction: each item is checked against its own
    unit (the kit's `pick_up` transition and its identity guard), the first opens the pickup,
    the others join it. Any refusal leaves nothing written."""
    ids = list(dict.fromkeys(int(i) for i in item_ids))
    if not ids:
        raise ValidationError({"items": QT_TRANSLATE_NOOP("app", "Scan the items to hand out.")})
    reg = registry.get("mail")
    t = reg.transition("pick_up")
    actor.require(t.perm)
    now = now or datetime.now()
    versions = versions or {}
    pickup_id: int | None = None
    numbers = []
    for i, item_id in enumerate(ids):
        record = kit._get(reg, item_id)
        values = dict(inputs)
        values["pickup"] = pickup_id
        ctx = kit.apply_transition(
            actor,
            reg,
            t,
            record,
            versions.get(item_id),
            values,
            signature if i == 0 else None,
            now,
        )
        if pickup_id is None:
            pickup_id = MailItem.get_by_id(item_id).pickup_id
        numbers.append(ctx.record.number)
    assert pickup_id is not None
    pickup = MailPickup.get_by_id(pickup_id)
    return PickupResult(pickup.id, pickup.number, tuple(ids), tuple(numbers))


@read_service(Perm.MAIL_VIEW)
def waiting_for(actor: Actor, unit_id: int) -> list[dict[str, Any]]:
    """The items still held for a unit (the pickup form offers them with the scanned one)."""
    rows = (
        MailItem.select(
            MailItem.id,
            MailItem.number,
            MailItem.kind,
            MailItem.addressee,
            MailItem.status,
            MailItem.version,
            MailItem.received_at,
        )
        .where(
            (MailItem.unit == unit_id)
            & MailItem.status.in_(list(rules.PICKABLE))
            & MailItem.voided_at.is_null()
        )
        .order_by(MailItem.received_at, MailItem.id)
    )
    return list(rows.dicts())


@read_service(Perm.MAIL_VIEW)
def occupants(actor: Actor, unit_code: str) -> list[str]:
    """Names of the unit's current owners and tenants (completion for the addressee)."""
    unit = Unit.get_or_none(Unit.code == normalise_unit_code(unit_code))
    if unit is None:
        return []
    return [p.name for p in rules.current_parties(unit.id)]


@read_service(Perm.MAIL_VIEW)
def unit_id_of(actor: Actor, unit_code: str) -> int | None:
    unit = Unit.get_or_none(Unit.code == normalise_unit_code(unit_code))
    return unit.id if unit is not None else None


@read_service(Perm.MAIL_VIEW)
def return_list(actor: Actor, now: datetime | None = None) -> list[dict[str, Any]]:
    """Items on the return-to-post-office list (two failed tries, or the addressee moved out)."""
    return rules.return_list_data({"printed_at": now or datetime.now()})["items"]


@dataclass(frozen=True)
class HandoverResult:
    handover_id: int
    number: str  # JB-…
    item_numbers: tuple[str, ...]


@write_service(Perm.MAIL_HANDLE)
def hand_over(
    actor: Actor,
    to_name: str,
    from_signature: SignatureInput | None,
    to_signature: SignatureInput | None,
    note: str = "",
    *,
    now: datetime | None = None,
) -> HandoverResult:
    """交接班: every item still held goes to the next shift, both clerks sign; the record lists
    exactly those items, and each now answers to the one who took it over."""
    now = now or datetime.now()
    errors: dict[str, str] = {}
    to_name = (to_name or "").strip()
    if not to_name:
        errors["to_name"] = QT_TRANSLATE_NOOP("app", "Who takes the mail over?")
    elif to_name == kit.who(actor):
        errors["to_name"] = QT_TRANSLATE_NOOP("app", "The next shift is someone else.")
    if from_signature is None:
        errors["from_signature"] = QT_TRANSLATE_NOOP("app", "The clerk handing over signs.")
    if to_signature is None:
        errors["to_signature"] = QT_TRANSLATE_NOOP("app", "The clerk taking over signs.")
    if errors:
        raise ValidationError(errors)
    held = list(
        MailItem.select(MailItem.id, MailItem.number, MailItem.status)
        .where(rules.held_condition(MailItem) & MailItem.voided_at.is_null())
        .order_by(MailItem.received_at, MailItem.id)
    )
    data = {
        "handed_at": now,
        "from_name": kit.who(actor),
        "to_name": to_name,
        "items": len(held),
        "note": note or "",
        "from_signature": store_signature(actor, from_signature, "from_signature"),
        "to_signature": store_signature(actor, to_signature, "to_signature"),
    }
    handover = kit.insert_record(actor, registry.get("mail_handovers"), data, now, detail=to_name)
    if held:
        MailHandoverLine.insert_many(
            [{"handover": handover.id, "item": m.id, "status": m.status} for m in held]
        ).execute()
        ids = [m.id for m in held]
        MailItem.update(held_by=to_name, held_since=now).where(MailItem.id.in_(ids)).execute()
        for m in held:
            trail.add(actor, "mail", m.id, "handed_over", now, to_name, handover.number)
    return HandoverResult(handover.id, handover.number, tuple(m.number for m in held))


@read_service(Perm.MAIL_VIEW)
def held_without_handover(actor: Actor, now: datetime | None = None) -> list[dict[str, Any]]:
    """Items held over the last shift change with nobody signing them over: who answers for
    each (the seed puts a loss on whoever skipped the signature)."""
    now = now or datetime.now()
    rows = (
        MailItem.select(MailItem.id, MailItem.number, MailItem.held_by, MailItem.held_since)
        .where(rules.unhanded_condition(MailItem, now) & MailItem.voided_at.is_null())
        .order_by(MailItem.held_since, MailItem.id)
    )
    return list(rows.dicts())


@read_service(Perm.MAIL_VIEW)
def daily_summary(actor: Actor, now: datetime | None = None) -> dict[str, Any]:
    """The day's figures and the items still held (the A4 print is the `daily_summary` slip)."""
    now = now or datetime.now()
    return {"counts": rules.summary_counts(now.date(), now), "held": rules.held_rows(now)}


@read_service(Perm.EXPORT)
def export_daily_summary(actor: Actor, path: Path, now: datetime | None = None) -> Path:
    """The day's summary as an Excel workbook: the figures, then the items still held."""
    import openpyxl

    now = now or datetime.now()
    counts = rules.summary_counts(now.date(), now)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "汇总"
    sheet.append(["日期", now.date().isoformat()])
    for key, label in rules.SUMMARY_LABELS:
        sheet.append([label, counts[key]])
    held = book.create_sheet("在台未领邮件")
    columns = ("number", "kind", "unit", "addressee", "status", "received_at", "held_by")
    held.append(["邮件编号", "类别", "房号", "收件人", "状态", "收件时间", "保管人"])
    for row in rules.held_rows(now):
        held.append([row[c] for c in columns])
    book.save(path)
    return path


def _by_tracking_number(actor: Actor, text: str) -> scan.ScanHit | None:
    """The post office's barcode on the item finds it too (the newest registration of it)."""
    code = text.strip().upper()
    if not code or "-" in code[:3]:  # our own numbers (YJ-…) are the kit's
        return None
    row = (
        MailItem.select(MailItem.id, MailItem.number, MailItem.addressee)
        .where((MailItem.tracking_no == code) & MailItem.voided_at.is_null())
        .order_by(MailItem.id.desc())
        .first()
    )
    if row is None:
        return None
    actor.require(Perm.MAIL_VIEW)
    return scan.ScanHit("mail", row.id, f"{row.number} {row.addressee}")


scan.add_resolver(_by_tracking_number)
