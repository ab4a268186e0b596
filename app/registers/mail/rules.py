"""What is special about the mail register (邮件分拣管理制度): who occupies a unit now, the
identity check at pickup, the return-to-post-office rule, and the handlers the declaration names.

Handlers run inside the kit's transition transaction, after the item's own versioned state
change, and hold only the side effects (the pickup record, the delivery-try count).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

import peewee

from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.kit import registry
from app.kit.declare import Context
from app.kit.services import insert_record, who
from app.models import MailItem, MailPickup, Party, Unit, UnitParty
from app.rules.identity import check_id, mask_id
from app.services import office_settings

HOLD_DAYS_SETTING = "mail_hold_days"
HELD = ("received", "notified", "to_return")  # at the desk, in the clerk's keeping
PICKABLE = ("received", "notified")
FAILED_TRIES_TO_RETURN = 2  # 经两次复派到房间无人认收，则退回邮局
_CJK = re.compile(r"[\u3400-\u9fff]")


def hold_days(values: Mapping[str, Any]) -> int:
    """Working days an item may wait before the Today panel lists it (office setting)."""
    try:
        return max(0, int(office_settings.get_setting(HOLD_DAYS_SETTING)))
    except (ValueError, KeyError):
        return 3


def held_condition(model: type[MailItem], now: datetime | None = None) -> Any:
    """SQL: held at the desk (the list's "held" filter, the handover, the summary)."""
    return model.status.in_(list(HELD))


def late_condition(model: type[MailItem], now: datetime) -> Any:
    """SQL: held past its due time (the list's "waiting too long" filter and count)."""
    return held_condition(model) & (model.due_at < now)


# -- who is at a unit now (the reference data's owners and tenants) ----------------------------


def _current(link: Any, today: date) -> Any:
    return (link.until.is_null() | (link.until > today)) & (
        link.since.is_null() | (link.since <= today)
    )


def current_parties(unit_id: int, today: date | None = None) -> list[Party]:
    """The owners and tenants linked to the unit today (not moved out, not voided)."""
    today = today or date.today()
    return list(
        Party.select()
        .join(UnitParty, on=(UnitParty.party == Party.id))
        .where((UnitParty.unit == unit_id) & _current(UnitParty, today) & Party.voided_at.is_null())
        .order_by(Party.id)
    )


def moved_out_condition(model: type[MailItem], today: date) -> Any:
    """SQL: the addressee known from reference data no longer occupies the unit, or nobody
    does (空房、迁址)."""
    link = UnitParty.alias("mail_link")
    anyone = UnitParty.alias("mail_anyone")
    addressee_gone = model.addressee_party.is_null(False) & ~peewee.fn.EXISTS(
        link.select(link.id).where(
            (link.unit == model.unit)
            & (link.party == model.addressee_party)
            & _current(link, today)
        )
    )
    empty = ~peewee.fn.EXISTS(
        anyone.select(anyone.id).where((anyone.unit == model.unit) & _current(anyone, today))
    )
    return addressee_gone | empty


def return_list_condition(model: type[MailItem], now: datetime) -> Any:
    """On the return-to-post-office list: two failed tries (to_return), or still held for an
    addressee who has moved out."""
    held = model.status.in_(list(PICKABLE))
    return (model.status == "to_return") | (held & moved_out_condition(model, now.date()))


def is_moved_out(item: MailItem, today: date | None = None) -> bool:
    parties = {p.id for p in current_parties(item.unit_id, today)}
    if not parties:
        return True
    return item.addressee_party_id is not None and item.addressee_party_id not in parties


# -- intake -------------------------------------------------------------------------------------


def before_intake(ctx: Context) -> dict[str, str]:
    """A tracking number is registered once; the addressee is matched to the unit's occupant
    of that name; a damaged envelope is described; a courier parcel is logged as refused."""
    values = ctx.inputs
    errors: dict[str, str] = {}
    tracking = (values.get("tracking_no") or "").upper()
    values["tracking_no"] = tracking
    if tracking:
        other = (
            MailItem.select(MailItem.number)
            .where((MailItem.tracking_no == tracking) & MailItem.voided_at.is_null())
            .first()
        )
        if other is not None:
            errors["tracking_no"] = Msg(
                QT_TRANSLATE_NOOP("app", "This item is already registered as {number}."),
                number=other.number,
            )
    unit = values.get("unit")
    party = values.get("addressee_party")
    if unit is not None and party is None and values.get("addressee"):
        match = [p for p in current_parties(unit) if p.name == values["addressee"]]
        if len(match) == 1:
            values["addressee_party"] = match[0].id
    elif unit is not None and party is not None:
        linked = UnitParty.select().where((UnitParty.unit == unit) & (UnitParty.party == party))
        if not linked.exists():
            errors["addressee_party"] = QT_TRANSLATE_NOOP(
                "app", "This owner or tenant is not linked to the unit."
            )
        elif not values.get("addressee"):
            values["addressee"] = Party.get_by_id(party).name
    if not values.get("addressee") and "addressee" not in errors:
        errors["addressee"] = QT_TRANSLATE_NOOP("app", "Required.")
    if values.get("envelope_ok") is False and not values.get("notes"):
        errors["notes"] = QT_TRANSLATE_NOOP(
            "app", "Describe the damage to the envelope before signing for it."
        )
    if values.get("kind") == "courier":
        # 特快专递由快递公司直接送至业户单元，物业客服部原则上不予接受: logged, not kept.
        values["status"] = "refused"
        if not values.get("notes"):
            errors["notes"] = QT_TRANSLATE_NOOP(
                "app", "Note the courier company and why the parcel was refused."
            )
    values["received_at"] = ctx.now
    values["received_by"] = values["held_by"] = who(ctx.actor)
    values["held_since"] = ctx.now
    return errors


# -- shift handover -----------------------------------------------------------------------------

SHIFTS_SETTING = "mail_shift_changes"


def shift_changes() -> list[time]:
    """The desk's shift changes (office setting, e.g. "08:00,20:00")."""
    out = []
    for part in (office_settings.get_setting(SHIFTS_SETTING) or "").split(","):
        try:
            out.append(time.fromisoformat(part.strip()))
        except ValueError:
            continue
    return sorted(out) or [time(8), time(20)]


def last_shift_change(now: datetime) -> datetime:
    """The latest shift change at or before `now`."""
    for back in range(0, 2):
        day = (now - timedelta(days=back)).date()
        for at in reversed(shift_changes()):
            moment = datetime.combine(day, at)
            if moment <= now:
                return moment
    return datetime.combine(now.date() - timedelta(days=1), shift_changes()[-1])


def unhanded_condition(model: type[MailItem], now: datetime) -> Any:
    """SQL: held since before the last shift change with nobody signing it over (交接班未签名)."""
    return held_condition(model) & (model.held_since < last_shift_change(now))


# -- notification -------------------------------------------------------------------------------


def check_notify(ctx: Context) -> dict[str, str]:
    if ctx.inputs.get("notify_method") == "phone" and not ctx.inputs.get("notified_whom"):
        return {"notified_whom": QT_TRANSLATE_NOOP("app", "Say who was told on the phone.")}
    return {}


def note_notified(ctx: Context) -> None:
    method = ctx.inputs.get("notify_method")
    ctx.detail = ctx.inputs.get("notified_whom") or ("电话" if method == "phone" else "通知单")


# -- pickup: the identity check -----------------------------------------------------------------


def _same_id(party: Party, id_type: str, number: str) -> bool:
    return party.id_type == id_type and (party.id_number or "").upper() == number


def check_pickup(ctx: Context) -> dict[str, str]:
    """The document shown is checked against the addressee or an occupant of the item's unit
    on file; picking up for someone else records who authorised it and how."""
    v = ctx.inputs
    item: MailItem = ctx.record
    errors: dict[str, str] = {}
    id_type = v.get("id_type") or ""
    number, problem = check_id(id_type, v.get("id_number") or "")
    v["id_number"] = number
    if problem:
        errors["id_number"] = problem
    name = v.get("recipient_name") or ""
    if id_type != "passport" and not _CJK.search(name):
        errors["recipient_name"] = QT_TRANSLATE_NOOP(
            "app", "The recipient signs and is registered with their Chinese name."
        )
    if errors:
        return errors
    occupants = current_parties(item.unit_id, ctx.now.date())
    relation = v.get("relation")
    if relation in ("addressee", "occupant"):
        if relation == "addressee":
            candidates = [
                p
                for p in occupants
                if p.id == item.addressee_party_id
                or (item.addressee_party_id is None and p.name == item.addressee)
            ]
        else:
            candidates = occupants
        match = next((p for p in candidates if _same_id(p, id_type, number)), None)
        if match is None:
            errors["id_number"] = (
                QT_TRANSLATE_NOOP(
                    "app",
                    "This document does not match the addressee on file: pick up as an "
                    "authorised person, with the authorisation.",
                )
                if relation == "addressee"
                else QT_TRANSLATE_NOOP(
                    "app", "This document matches no owner or tenant of the unit on file."
                )
            )
        elif match.name != name and not match.is_company:
            errors["recipient_name"] = Msg(
                QT_TRANSLATE_NOOP("app", "The document on file is in the name of {name}."),
                name=match.name,
            )
        else:
            v["party"] = match.id
    elif relation == "authorised":
        party = v.get("party")
        allowed = {p.id for p in occupants} | (
            {item.addressee_party_id} if item.addressee_party_id else set()
        )
        if party is None:
            errors["party"] = QT_TRANSLATE_NOOP(
                "app", "Choose the addressee or the owner or tenant who authorised the pickup."
            )
        elif party not in allowed:
            errors["party"] = QT_TRANSLATE_NOOP(
                "app", "Only the addressee or an owner or tenant of the unit can authorise."
            )
        if not v.get("authorisation"):
            errors["authorisation"] = QT_TRANSLATE_NOOP(
                "app", "Record the authorisation (letter of authority, phone call with whom)."
            )
    joined = v.get("pickup")
    if joined is not None and not errors:
        pickup = MailPickup.get_by_id(joined)
        if (pickup.recipient_name, pickup.id_type, pickup.id_number) != (name, id_type, number):
            errors["pickup"] = QT_TRANSLATE_NOOP(
                "app", "Only items for the same recipient go into one pickup."
            )
        elif pickup.picked_up_at.date() != ctx.now.date():
            errors["pickup"] = QT_TRANSLATE_NOOP("app", "That pickup was on another day.")
    return errors


def hand_out(ctx: Context) -> None:
    """The item went to the recipient: open the pickup (number LQ-…) or add the item to the
    one it joins (several items for one person, one signature)."""
    v = ctx.inputs
    joined = v.get("pickup")
    if joined is None:
        data = {
            "recipient_name": v["recipient_name"],
            "id_type": v["id_type"],
            "id_number": v["id_number"],
            "relation": v["relation"],
            "party": v.get("party"),
            "authorisation": v.get("authorisation") or "",
            "picked_up_at": ctx.now,
            "handed_out_by": who(ctx.actor),
            "items": 1,
            "signature": ctx.signature_id,
        }
        pickups = registry.get("mail_pickups")
        pickup = insert_record(ctx.actor, pickups, data, ctx.now, detail=v["recipient_name"])
        joined = pickup.id
        number = pickup.number
    else:
        changes: dict[Any, Any] = {MailPickup.items: MailPickup.items + 1}
        if ctx.signature_id is not None:
            changes[MailPickup.signature] = ctx.signature_id
        MailPickup.update(changes).where(MailPickup.id == joined).execute()
        number = MailPickup.get_by_id(joined).number
    MailItem.update(pickup=joined).where(MailItem.id == ctx.record.id).execute()
    ctx.document = number
    ctx.detail = v["recipient_name"]


# -- not collected ------------------------------------------------------------------------------


def count_try(ctx: Context) -> dict[str, str]:
    """Guard of a failed try: the count the kit writes with the state change."""
    ctx.inputs["tries"] = (ctx.record.tries or 0) + 1
    return {}


def after_failed_try(ctx: Context) -> str:
    """The second failed try puts the item on the return list."""
    return "to_return" if ctx.inputs["tries"] >= FAILED_TRIES_TO_RETURN else "notified"


def note_try(ctx: Context) -> None:
    note = ctx.inputs.get("note") or ""
    ctx.detail = f"第{ctx.inputs['tries']}次复派无人认收" + (f"：{note}" if note else "")


def check_return(ctx: Context) -> dict[str, str]:
    """On the return list, and why (written with the state change)."""
    item: MailItem = ctx.record
    if item.status == "to_return":
        ctx.inputs["return_reason"] = "two_tries"
        return {}
    if is_moved_out(item, ctx.now.date()):
        ctx.inputs["return_reason"] = "moved_out"
        return {}
    return {
        "post_office_receiver": QT_TRANSLATE_NOOP(
            "app",
            "Only mail on the return list goes back to the post office: two failed delivery "
            "tries, or an addressee who has moved out.",
        )
    }


def note_return(ctx: Context) -> None:
    ctx.detail = ctx.inputs.get("post_office_receiver") or ""


# -- what the slips print beyond the record -----------------------------------------------------


def _zh(register: str, field: str) -> Any:
    """The Chinese a declared field prints for a stored value (its choice label)."""
    return registry.get(register).field(field).value_zh


def label_data(record: Mapping[str, Any]) -> dict[str, Any]:
    """The label's top line: room and addressee."""
    return {"label_top": f"{record.get('unit_label') or ''} {record.get('addressee') or ''}"}


def notice_data(record: Mapping[str, Any]) -> dict[str, Any]:
    start = office_settings.get_setting("work_start")
    end = office_settings.get_setting("work_end")
    return {"desk_hours": f"工作日 {start}–{end}"}


def receipt_data(record: Mapping[str, Any]) -> dict[str, Any]:
    """The pickup receipt: who picked up with which document (masked), and every item of the
    same pickup; an item not yet picked up prints a blank receipt to be signed on paper."""
    kind_zh = _zh("mail", "kind")
    pickup = (
        MailPickup.get_or_none(MailPickup.id == record.get("pickup"))
        if record.get("pickup")
        else None
    )
    data: dict[str, Any] = {
        "pickup_number": "",
        "recipient_name": "",
        "relation": "",
        "id_summary": "",
    }
    items = [record]
    if pickup is not None:
        id_type = _zh("mail_pickups", "id_type")(pickup.id_type)
        relation = _zh("mail_pickups", "relation")(pickup.relation)
        if pickup.authorisation:
            relation = f"{relation}（{pickup.authorisation}）"
        data.update(
            pickup_number=pickup.number,
            recipient_name=pickup.recipient_name,
            relation=relation,
            id_summary=f"{id_type} {mask_id(pickup.id_number)}",
            pickup_signature=pickup.signature_id,
        )
        items = list(
            MailItem.select(
                MailItem.number, MailItem.kind, MailItem.addressee, MailItem.tracking_no, Unit.code
            )
            .join(Unit)
            .where(MailItem.pickup == pickup.id)
            .order_by(MailItem.id)
            .dicts()
        )
    data["items"] = [
        {
            "number": i.get("number"),
            "kind": kind_zh(i.get("kind")),
            "unit": i.get("code") or record.get("unit_label") or "",
            "addressee": i.get("addressee"),
            "tracking_no": i.get("tracking_no") or "",
        }
        for i in items
    ]
    return data


def return_list_data(context: Mapping[str, Any]) -> dict[str, Any]:
    """退回邮局清单: every item on the return list, oldest first, with why."""
    kind_zh, reason_zh = _zh("mail", "kind"), _zh("mail", "return_reason")
    now = context.get("printed_at") or datetime.now()
    rows = (
        MailItem.select(MailItem, Unit)
        .join(Unit)
        .where(return_list_condition(MailItem, now) & MailItem.voided_at.is_null())
        .order_by(MailItem.received_at, MailItem.id)
    )
    items = [
        {
            "number": m.number,
            "tracking_no": m.tracking_no,
            "kind": kind_zh(m.kind),
            "unit": m.unit.code,
            "addressee": m.addressee,
            "received_at": m.received_at,
            "why": reason_zh("two_tries" if m.status == "to_return" else "moved_out"),
        }
        for m in rows
    ]
    return {"items": items, "count": f"{len(items)} 件"}


def handover_data(record: Mapping[str, Any]) -> dict[str, Any]:
    """The handover sheet: exactly the items that changed hands, as they were."""
    from app.models import MailHandoverLine

    kind_zh, status_zh = _zh("mail", "kind"), _zh("mail", "status")
    rows = (
        MailHandoverLine.select(
            MailHandoverLine.status, MailItem.number, MailItem.kind, MailItem.addressee, Unit.code
        )
        .join(MailItem)
        .join(Unit)
        .where(MailHandoverLine.handover == record["id"])
        .order_by(MailItem.received_at, MailItem.id)
        .dicts()
    )
    return {
        "lines": [
            {
                "number": r["number"],
                "kind": kind_zh(r["kind"]),
                "unit": r["code"],
                "addressee": r["addressee"],
                "status": status_zh(r["status"]),
            }
            for r in rows
        ]
    }


# -- the day's summary and the holiday safe-keeping list -----------------------------------------


def held_rows(now: datetime) -> list[dict[str, Any]]:
    kind_zh, status_zh = _zh("mail", "kind"), _zh("mail", "status")
    rows = (
        MailItem.select(
            MailItem.number,
            MailItem.kind,
            MailItem.addressee,
            MailItem.status,
            MailItem.received_at,
            MailItem.held_by,
            Unit.code,
        )
        .join(Unit)
        .where(
            held_condition(MailItem) & MailItem.voided_at.is_null() & (MailItem.received_at <= now)
        )
        .order_by(MailItem.received_at, MailItem.id)
        .dicts()
    )
    return [
        {
            "number": r["number"],
            "kind": kind_zh(r["kind"]),
            "unit": r["code"],
            "addressee": r["addressee"],
            "status": status_zh(r["status"]),
            "received_at": r["received_at"],
            "held_by": r["held_by"],
        }
        for r in rows
    ]


def summary_counts(day: date, now: datetime) -> dict[str, int]:
    """The day's figures (每日邮件清点): received, notified, picked up, returned, refused that
    day; still held, waiting too long and held without a handover now."""
    start = datetime.combine(day, time.min)
    end = start + timedelta(days=1)
    live = MailItem.voided_at.is_null()

    def on_day(field: Any, *extra: Any) -> int:
        query = MailItem.select().where(live & (field >= start) & (field < end))
        for cond in extra:
            query = query.where(cond)
        return query.count()

    held = MailItem.select().where(live & held_condition(MailItem))
    return {
        "received": on_day(MailItem.received_at, MailItem.kind != "courier"),
        "refused": on_day(MailItem.received_at, MailItem.kind == "courier"),
        "notified": on_day(MailItem.notified_at),
        "picked_up": on_day(MailItem.picked_up_at),
        "returned": on_day(MailItem.returned_at),
        "held": held.count(),
        "late": held.where(late_condition(MailItem, now)).count(),
        "unhanded": held.where(unhanded_condition(MailItem, now)).count(),
    }


SUMMARY_LABELS = (
    ("received", "收件"),
    ("notified", "已通知"),
    ("picked_up", "已领取"),
    ("returned", "退回邮局"),
    ("refused", "拒收快递"),
    ("held", "在台未领"),
    ("late", "逾期未领"),
    ("unhanded", "交接班未签收"),
)


def summary_data(context: Mapping[str, Any]) -> dict[str, Any]:
    """每日邮件汇总: the day's counts and the items still held at the desk."""
    now = context.get("printed_at") or datetime.now()
    counts = summary_counts(now.date(), now)
    data: dict[str, Any] = {key: f"{counts[key]} 件" for key, _ in SUMMARY_LABELS}
    data.update(day=now.date(), items=held_rows(now))
    return data


def next_holiday(day: date) -> tuple[date, date] | None:
    """The run of days off that starts after `day` (tomorrow or later, within two weeks)."""
    from app.services import calendar

    start = day + timedelta(days=1)
    for _ in range(14):
        if not calendar.is_workday(start):
            end = start
            while not calendar.is_workday(end + timedelta(days=1)):
                end += timedelta(days=1)
            return start, end
        start += timedelta(days=1)
    return None


def holiday_data(context: Mapping[str, Any]) -> dict[str, Any]:
    """节假日妥善保管: every item received and still held before the next days off, to be
    locked away for safe keeping until the desk opens again."""
    now = context.get("printed_at") or datetime.now()
    span = next_holiday(now.date())
    items = held_rows(now)
    period = f"{span[0].isoformat()} 至 {span[1].isoformat()}" if span else "两周内无节假日"
    return {"period": period, "items": items, "count": f"{len(items)} 件"}
