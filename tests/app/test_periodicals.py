"""报刊收发登记表: the day's count per title checked against the units' subscriptions, the
distribution signed off, shortages and late issues chased with the post office until closed,
reported to the department head when chasing fails (邮件分拣管理制度 2, 5)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from pdf_helpers import all_text, code128s, flat

from app.errors import ValidationError, WrongState
from app.kit import services as kit
from app.kit import slips, today
from app.models import PeriodicalShortage
from app.services import reference
from app.services.context import Actor


@pytest.fixture
def clerk(admin: Actor, make_actor: Callable[[str], Actor]) -> Actor:
    reference.create_building(admin, "A", "A座")
    for code in ("A-101", "A-102"):
        unit = reference.create_unit(admin, code=code, building_code="A", floor_number=1)
        kit.create(
            admin, "periodical_subscriptions", {"unit": unit.id, "title": "人民日报", "copies": 2}
        )
    unit = reference.create_unit(admin, code="A-201", building_code="A", floor_number=2)
    kit.create(
        admin,
        "periodical_subscriptions",
        {"unit": unit.id, "title": "读者", "copies": 1, "until": date(2020, 1, 1)},
    )
    return make_actor("assistant")


def test_the_days_count_is_checked_against_the_subscriptions(clerk: Actor) -> None:
    full = kit.create(clerk, "periodical_receipts", {"title": "人民日报", "received": 4})
    assert (full["expected"], full["received"], full["status"]) == (4, 4, "received")
    assert PeriodicalShortage.select().count() == 0
    with pytest.raises(ValidationError) as refused:  # once per title and day
        kit.create(clerk, "periodical_receipts", {"title": "人民日报", "received": 4})
    assert "title" in refused.value.errors
    # the distribution list names every subscribing unit with its copies, and is signed off
    pdf = slips.print_slip(clerk, "periodical_receipts", "distribution_list", full["id"])
    text = flat(all_text(pdf))
    assert "A-101" in text and "A-102" in text and full["number"] in code128s(pdf)
    done = kit.transition(clerk, "periodical_receipts", "distribute", full["id"], None, {})
    assert done["status"] == "distributed" and done["distributed_by"]
    with pytest.raises(WrongState):
        kit.transition(clerk, "periodical_receipts", "distribute", full["id"], None, {})
    # an ended subscription expects nothing
    assert (
        kit.create(clerk, "periodical_receipts", {"title": "读者", "received": 0})["expected"] == 0
    )


def test_a_shortage_is_chased_then_reported_up_and_stays_open_until_closed(clerk: Actor) -> None:
    short = kit.create(clerk, "periodical_receipts", {"title": "人民日报", "received": 3})
    shortage = PeriodicalShortage.get()
    assert (shortage.kind, shortage.missing, shortage.status, shortage.receipt_id) == (
        "short",
        1,
        "open",
        short["id"],
    )
    group = next(g for g in today.today(clerk) if g.register == "periodical_shortages")
    assert group.count == 1
    with pytest.raises(WrongState):  # report up only once chasing failed
        kit.transition(
            clerk, "periodical_shortages", "escalate", shortage.id, None, {"reported_to": "孙丽"}
        )
    kit.transition(
        clerk, "periodical_shortages", "chase", shortage.id, None, {"note": "邮局答应明日补送"}
    )
    chased = kit.transition(
        clerk, "periodical_shortages", "chase", shortage.id, None, {"note": "仍未补送"}
    )
    assert (chased["status"], chased["chased"]) == ("chasing", 2)
    up = kit.transition(
        clerk, "periodical_shortages", "escalate", shortage.id, None, {"reported_to": "经理 孙丽"}
    )
    assert up["status"] == "escalated"
    assert next(g for g in today.today(clerk) if g.register == "periodical_shortages").count == 1
    kit.transition(
        clerk, "periodical_shortages", "close", shortage.id, None, {"resolution": "邮局已补送"}
    )
    assert next(g for g in today.today(clerk) if g.register == "periodical_shortages").count == 0


def test_an_issue_that_did_not_come_is_late(clerk: Actor) -> None:
    kit.create(clerk, "periodical_receipts", {"title": "人民日报", "received": 0})
    shortage = PeriodicalShortage.get()
    assert (shortage.kind, shortage.missing) == ("late", 4)


def test_the_demo_has_periodicals_in_every_state(db) -> None:  # noqa: ANN001
    from app import demo
    from app.models import PeriodicalReceipt
    from app.services.context import SYSTEM

    summary = demo.create_demo(SYSTEM, seed=5, units_per_floor=1)
    assert summary["periodical_receipts"] == PeriodicalReceipt.select().count() == 6
    assert {r.status for r in PeriodicalReceipt.select()} == {"received", "distributed"}
    assert {(s.kind, s.status) for s in PeriodicalShortage.select()} == {
        ("short", "chasing"),
        ("late", "open"),
    }
