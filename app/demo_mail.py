"""Demo data for the mail desk (邮件分拣): special mail in every state — waiting (one for too
long: the Today panel), notified by slip and by phone, handed out (two items in one pickup, and
one to an authorised person), two failed tries on the return list, one returned to the post
office, a refused courier parcel. Everything goes through the kit's services with `now=` in the
past, in date order (numbers run with dates), as the clerk would have done it."""

from __future__ import annotations

import random
from datetime import datetime, time
from typing import Any

from app.kit import services as kit
from app.models import Party, UnitParty
from app.registers.mail import services as mail
from app.services import calendar
from app.services.context import Actor
from app.services.signatures import SignatureInput

SENDERS = ("北京市税务局", "中国银行信用卡中心", "人民法院", "社保中心", "出版社发行部")


def _at(day: datetime, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day.date(), time(hh, mm))


def demo_signature() -> bytes:
    """A scribble as the signature pad would capture it (PNG)."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (300, 100), (255, 255, 255, 0))
    ImageDraw.Draw(image).line(
        [(10, 70), (60, 20), (100, 80), (160, 30), (280, 60)], fill=(0, 0, 140), width=5
    )
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _occupants(rng: random.Random, n: int) -> list[tuple[int, Party]]:
    """(unit id, person) pairs: owners and tenants who are people with an ID card on file."""
    rows = list(
        UnitParty.select(UnitParty.unit, Party)
        .join(Party, on=(UnitParty.party == Party.id))
        .where(UnitParty.until.is_null() & ~Party.is_company & (Party.id_type == "ric"))
        .order_by(UnitParty.id)
        .objects(lambda **r: r)
    )
    picked = rng.sample(rows, min(n, len(rows)))
    return [(r["unit"], Party.get_by_id(r["id"])) for r in picked]


def create_mail_demo(actor: Actor, rng: random.Random, now: datetime) -> dict[str, int]:
    people = _occupants(rng, 9)
    if len(people) < 9:
        return {"mail": 0}
    day = [
        datetime.combine(calendar.add_workdays(now.date(), -n), time(9)) for n in range(12, -1, -1)
    ]

    def receive(i: int, when: datetime, kind: str = "registered", **extra: Any) -> dict:
        unit, party = people[i]
        values = {
            "unit": unit,
            "addressee": party.name,
            "kind": kind,
            "tracking_no": f"XA{rng.randint(10**8, 10**9 - 1)}CN",
            "sender": rng.choice(SENDERS),
            **extra,
        }
        return kit.create(actor, "mail", values, now=when)

    def identity(i: int) -> dict[str, Any]:
        party = people[i][1]
        return {
            "recipient_name": party.name,
            "relation": "addressee",
            "id_type": "ric",
            "id_number": party.id_number,
        }

    made = 0
    # Two failed tries → the return list; one of them then returned to the post office.
    for i, returned in ((0, True), (1, False)):
        item = receive(i, _at(day[0], 9, 10 + i))
        kit.transition(actor, "mail", "failed_try", item["id"], None, {}, now=_at(day[1], 15))
        kit.transition(
            actor, "mail", "failed_try", item["id"], None, {"note": "敲门无人"}, now=_at(day[3], 15)
        )
        if returned:
            kit.transition(
                actor,
                "mail",
                "return_to_post",
                item["id"],
                None,
                {"post_office_receiver": "邮局投递员 何师傅"},
                now=_at(day[4], 10),
            )
        made += 1
    # Waiting too long (on the Today panel), notified by a slip in the mailbox.
    late = receive(2, _at(day[5], 9, 30), kind="parcel_note")
    kit.transition(
        actor, "mail", "notify", late["id"], None, {"notify_method": "slip"}, now=_at(day[5], 10)
    )
    # Two items for one person, handed out together with one identity check.
    pair = [receive(3, _at(day[9], 9, 20)), receive(3, _at(day[9], 9, 21), kind="remittance")]
    kit.transition(
        actor,
        "mail",
        "notify",
        pair[0]["id"],
        None,
        {"notify_method": "phone", "notified_whom": people[3][1].name},
        now=_at(day[9], 10),
    )
    mail.pick_up(actor, [p["id"] for p in pair], identity(3), now=_at(day[10], 11))
    # Picked up by someone the addressee authorised.
    proxy = receive(4, _at(day[10], 9, 40), kind="parcel")
    party = people[4][1]
    kit.transition(
        actor,
        "mail",
        "pick_up",
        proxy["id"],
        None,
        {
            "recipient_name": "周伟",
            "relation": "authorised",
            "id_type": "ric",
            "id_number": "110101198001010037",
            "party": party.id,
            "authorisation": f"{party.name}电话确认委托代领",
        },
        now=_at(day[11], 16),
    )
    # A courier parcel refused at the desk (特快专递原则上不予接受).
    receive(5, _at(day[11], 14), kind="courier", notes="顺丰速运，按制度不予代收，请快递员送至单元")
    # Last night's shift change: the mail still held handed over with both signatures.
    mail.hand_over(
        actor,
        "夜班 张敏",
        SignatureInput(demo_signature(), "前台 李娜"),
        SignatureInput(demo_signature(), "夜班 张敏"),
        now=_at(day[11], 20),
    )
    # Today's post: waiting, one notified by phone.
    fresh = [receive(i, _at(day[12], 9, i)) for i in (6, 7, 8)]
    kit.transition(
        actor,
        "mail",
        "notify",
        fresh[0]["id"],
        None,
        {"notify_method": "phone", "notified_whom": people[6][1].name},
        now=_at(day[12], 9, 30),
    )
    made += 1 + 2 + 1 + 1 + 3
    return {"mail": made, "mail_handovers": 1, **_periodicals(actor, people, day)}


TITLES = (("人民日报", 1), ("经济日报", 1), ("读者", 2))


def _periodicals(actor: Actor, people: list[tuple[int, Party]], day: list[datetime]) -> dict:
    """Subscriptions of six units; yesterday's count distributed; today one title short (being
    chased with the post office) and one not come at all (late)."""
    subscriptions = 0
    for i, (unit, _party) in enumerate(people[:6]):
        for title, copies in TITLES[: 1 + i % 3]:
            kit.create(
                actor,
                "periodical_subscriptions",
                {"unit": unit, "title": title, "copies": copies},
                now=day[0],
            )
            subscriptions += 1
    expected = {}
    for i in range(6):
        for title, copies in TITLES[: 1 + i % 3]:
            expected[title] = expected.get(title, 0) + copies
    receipts = 0
    for title, _ in TITLES:
        done = kit.create(
            actor,
            "periodical_receipts",
            {"title": title, "received": expected[title]},
            now=_at(day[11], 8, 30),
        )
        kit.transition(
            actor,
            "periodical_receipts",
            "distribute",
            done["id"],
            None,
            {},
            now=_at(day[11], 10),
        )
        receipts += 1
    counted = {"人民日报": expected["人民日报"], "经济日报": expected["经济日报"] - 1, "读者": 0}
    for title, received in counted.items():
        kit.create(
            actor,
            "periodical_receipts",
            {"title": title, "received": received},
            now=_at(day[12], 8, 30),
        )
        receipts += 1
    from app.models import PeriodicalShortage

    short = PeriodicalShortage.get(PeriodicalShortage.kind == "short")
    kit.transition(
        actor,
        "periodical_shortages",
        "chase",
        short.id,
        None,
        {"note": "已电话邮局投递组，答应下午补送"},
        now=_at(day[12], 9, 15),
    )
    return {"periodical_subscriptions": subscriptions, "periodical_receipts": receipts}
