"""The service desk's own rules (no Qt, real SQLite): the 15-minute arrival, paid work, the
callbacks repairs and complaints open, call windows, and what an answer does to its source."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from app.errors import ValidationError
from app.kit import services as kit
from app.kit import today
from app.migrations import SCHEMA_VERSION
from app.models import Callback, Complaint, WorkOrder
from app.services import office_settings
from app.services.listing import ListRequest

if TYPE_CHECKING:
    from service_desk_fixtures import DeskOffice

# A Monday with working days around it, as in service_desk_fixtures.
MONDAY = datetime(2026, 3, 2, 9, 0)

pytest_plugins = ("service_desk_fixtures",)  # desk_office

SIGNATURE = b"\x89PNG\r\n\x1a\n" + b"0" * 64


def _callbacks(**where: object) -> list[Callback]:
    query = Callback.select().order_by(Callback.id)
    for name, value in where.items():
        query = query.where(getattr(Callback, name) == value)
    return list(query)


def _today_ids(actor, register: str, now: datetime) -> list[int]:  # noqa: ANN001
    group = next(g for g in today.today(actor, now) if g.register == register)
    return [line.record_id for line in group.lines]


# -- repairs ---------------------------------------------------------------------------------


def test_a_new_order_is_numbered_per_year_and_due_at_once(desk_office: DeskOffice) -> None:
    first = desk_office.order()
    second = desk_office.order()
    assert (first["number"], second["number"]) == ("WX-2026-00001", "WX-2026-00002")
    assert first["status"] == "new"
    assert first["id"] in _today_ids(
        desk_office.clerk, "work_orders", MONDAY + timedelta(seconds=1)
    )


@pytest.mark.parametrize(
    ("after", "met"),
    [(timedelta(minutes=14, seconds=59), True), (timedelta(minutes=15, seconds=1), False)],
)
def test_the_engineer_has_15_minutes_from_dispatch(
    desk_office: DeskOffice, after: timedelta, met: bool
) -> None:
    order = desk_office.order()
    dispatched_at = MONDAY + timedelta(minutes=3)
    order = desk_office.step(order, "dispatch", dispatched_at, engineer=desk_office.engineer_id)
    assert order["arrival_due_at"] == dispatched_at + timedelta(minutes=15)
    assert order["due_at"] == order["arrival_due_at"]
    # on the Today panel only once the 15 minutes are up
    assert order["id"] not in _today_ids(
        desk_office.clerk, "work_orders", dispatched_at + after / 2
    )
    late = dispatched_at + timedelta(minutes=15, seconds=1)
    assert order["id"] in _today_ids(desk_office.clerk, "work_orders", late)
    order = desk_office.step(order, "arrive", dispatched_at + after, arrival_via="phoned")
    assert order["arrival_met"] is met
    assert order["arrival_via"] == "phoned"
    assert order["arrived_at"] == dispatched_at + after
    assert order["due_at"] is None  # nothing for the desk to chase while the engineer is there
    assert order["id"] not in _today_ids(desk_office.clerk, "work_orders", late)


def test_only_an_engineer_is_dispatched(desk_office: DeskOffice) -> None:
    order = desk_office.order()
    with pytest.raises(ValidationError) as refused:
        desk_office.step(order, "dispatch", MONDAY, engineer=desk_office.clerk_staff_id)
    assert "engineer" in refused.value.errors
    assert WorkOrder.get_by_id(order["id"]).status == "new"


def test_a_customer_area_needs_its_unit_and_nothing_is_saved(desk_office: DeskOffice) -> None:
    with pytest.raises(ValidationError) as refused:
        desk_office.order(unit=None)
    assert set(refused.value.errors) == {"unit"}
    with pytest.raises(ValidationError) as refused:
        desk_office.order(area="public", unit=None, location="")
    assert set(refused.value.errors) == {"location"}
    assert WorkOrder.select().count() == 0
    public = desk_office.order(area="public", unit=None, location="B1 车库入口")
    assert public["location"] == "B1 车库入口"


def test_paid_work_is_refused_before_the_customer_confirms_the_price(
    desk_office: DeskOffice,
) -> None:
    order = desk_office.order(paid=True)
    order = desk_office.step(order, "dispatch", MONDAY, engineer=desk_office.engineer_id)
    order = desk_office.step(order, "arrive", MONDAY + timedelta(minutes=5), arrival_via="scanned")
    done = {"work_done": "更换龙头", "accepted_by": "张先生"}
    with pytest.raises(ValidationError) as refused:
        desk_office.step(order, "finish", MONDAY + timedelta(minutes=40), **done)
    assert "work_done" in refused.value.errors
    row = WorkOrder.get_by_id(order["id"])
    assert (row.status, row.work_done, row.finished_at) == ("arrived", "", None)
    assert _callbacks() == []
    with pytest.raises(ValidationError) as refused:
        desk_office.step(order, "confirm_price", MONDAY + timedelta(minutes=8), price="0")
    assert "price" in refused.value.errors
    from app.services.signatures import SignatureInput

    order = kit.transition(
        desk_office.clerk,
        "work_orders",
        "confirm_price",
        order["id"],
        None,
        {"price": "80.00"},
        signature=SignatureInput(SIGNATURE, "张先生"),
        now=MONDAY + timedelta(minutes=8),
    )
    assert order["price"] == Decimal("80.00") and order["price_signature"] is not None
    order = desk_office.step(order, "finish", MONDAY + timedelta(minutes=40), **done)
    assert order["status"] == "finished"


def test_a_price_is_only_confirmed_for_paid_work(desk_office: DeskOffice) -> None:
    order = desk_office.order(paid=False)
    order = desk_office.step(order, "dispatch", MONDAY, engineer=desk_office.engineer_id)
    order = desk_office.step(order, "arrive", MONDAY + timedelta(minutes=5), arrival_via="scanned")
    with pytest.raises(ValidationError):
        desk_office.step(order, "confirm_price", MONDAY + timedelta(minutes=6), price="50")


def test_not_finished_keeps_reason_and_appointment_and_stays_on_today(
    desk_office: DeskOffice,
) -> None:
    order = desk_office.order()
    order = desk_office.step(order, "dispatch", MONDAY, engineer=desk_office.engineer_id)
    order = desk_office.step(order, "arrive", MONDAY + timedelta(minutes=9), arrival_via="scanned")
    with pytest.raises(ValidationError) as refused:
        desk_office.step(
            order,
            "not_finished",
            MONDAY + timedelta(hours=1),
            unfinished_reason="缺配件",
            appointment_at=MONDAY,
        )
    assert "appointment_at" in refused.value.errors
    appointment = datetime(2026, 3, 3, 14, 0)
    order = desk_office.step(
        order,
        "not_finished",
        MONDAY + timedelta(hours=1),
        unfinished_reason="缺配件",
        appointment_at=appointment,
    )
    assert (order["status"], order["unfinished_reason"], order["appointment_at"]) == (
        "unfinished",
        "缺配件",
        appointment,
    )
    # the desk follows up until it is done: listed today and still tomorrow
    for moment in (MONDAY + timedelta(hours=2), datetime(2026, 3, 3, 9, 0)):
        assert order["id"] in _today_ids(desk_office.clerk, "work_orders", moment)
    order = desk_office.step(order, "dispatch", appointment, engineer=desk_office.engineer_id)
    assert order["due_at"] == appointment + timedelta(minutes=15)


def test_a_finished_order_enters_the_callback_queue_and_is_received(
    desk_office: DeskOffice,
) -> None:
    order = desk_office.finished_order()
    (call,) = _callbacks(work_order=order["id"])
    assert (call.source, call.purpose, call.status, call.person_name) == (
        "repair",
        "repair",
        "due",
        "张先生",
    )
    assert call.assigned_name == desk_office.clerk.username  # who took the call calls back
    # finished 10:00 on a Monday: inside the morning window, so due at once
    assert call.due_at == MONDAY + timedelta(hours=1)
    order = desk_office.step(order, "receive", MONDAY + timedelta(hours=2))
    assert order["status"] == "received" and order["received_by"]


# -- callbacks -------------------------------------------------------------------------------


def test_callbacks_are_due_only_inside_the_call_windows_and_never_on_a_holiday(
    desk_office: DeskOffice,
) -> None:
    lunch = datetime(2026, 3, 2, 12, 30)
    call = kit.create(
        desk_office.clerk,
        "callbacks",
        {"person_name": "陈先生", "subject": "满意度调查"},
        now=lunch,
    )
    assert call["due_at"] == datetime(2026, 3, 2, 15, 0)  # the afternoon window opens
    ids = lambda at: _today_ids(desk_office.clerk, "callbacks", at)  # noqa: E731
    assert call["id"] not in ids(datetime(2026, 3, 2, 14, 0))
    assert call["id"] in ids(datetime(2026, 3, 2, 15, 30))
    assert call["id"] not in ids(datetime(2026, 3, 2, 17, 30))  # evening: nobody is called
    assert call["id"] in ids(datetime(2026, 3, 3, 10, 5))  # still waiting next morning
    # an office holiday on Wednesday: not due that day, even inside the window hours
    from app.services import calendar

    calendar.add_holiday(desk_office.admin, date(2026, 3, 4), "off", "办公室放假")
    assert call["id"] not in ids(datetime(2026, 3, 4, 10, 30))
    group = next(
        g
        for g in today.today(desk_office.clerk, datetime(2026, 3, 4, 10, 30))
        if g.register == "callbacks"
    )
    assert group.next_due == datetime(2026, 3, 5, 10, 0)  # the panel looks again then


def test_call_windows_are_an_office_setting(desk_office: DeskOffice) -> None:
    office_settings.set_setting(desk_office.admin, "callback_windows", "09:00-11:30 14:00-16:00")
    call = kit.create(
        desk_office.clerk,
        "callbacks",
        {"person_name": "陈先生", "subject": "满意度调查"},
        now=datetime(2026, 3, 2, 12, 30),
    )
    assert call["due_at"] == datetime(2026, 3, 2, 14, 0)
    with pytest.raises(ValidationError):
        office_settings.set_setting(desk_office.admin, "callback_windows", "12:00-10:00")
    assert office_settings.get_setting("callback_windows") == "09:00-11:30 14:00-16:00"


def test_an_unsatisfied_repair_callback_reopens_the_order(desk_office: DeskOffice) -> None:
    order = desk_office.finished_order()
    (call,) = _callbacks(work_order=order["id"])
    with pytest.raises(ValidationError) as refused:  # satisfaction is what a callback is for
        desk_office.step(
            {"id": call.id, "number": call.number}, "call", MONDAY + timedelta(hours=1, minutes=30)
        )
    assert "satisfaction" in refused.value.errors
    desk_office.step(
        {"id": call.id, "number": call.number},
        "call",
        MONDAY + timedelta(hours=1, minutes=30),
        satisfaction="unsatisfied",
        attitude="satisfied",
        speed="fair",
        outcome="unsatisfied",
        comments="还在漏",
    )
    row = WorkOrder.get_by_id(order["id"])
    assert row.status == "reopened" and "还在漏" in row.reopen_reason
    assert row.id in _today_ids(desk_office.clerk, "work_orders", MONDAY + timedelta(hours=2))


def test_the_callback_script_fills_in_the_customer(desk_office: DeskOffice) -> None:
    from app.registers.service_desk import rules

    desk_office.finished_order()
    call = kit.record(desk_office.clerk, "callbacks", _callbacks()[0].id)
    greeting, questions, closing = rules.script_for(call, "李客服")
    assert "张先生" in greeting and "李客服" in greeting and "WX-2026-00001" in greeting
    assert "满意" in questions and "再见" in closing


# -- complaints ------------------------------------------------------------------------------


def _assign(office: DeskOffice, complaint: dict, at: datetime, **extra: object) -> dict:
    inputs = {
        "investigation": "现场核实：大堂温度18℃",
        "department": office.departments["工程部"],
        "deadline": date(2026, 3, 13),
        "decided_by": "赵经理",
        **extra,
    }
    return office.step(complaint, "assign", at, actor=office.supervisor, **inputs)


def test_a_complaint_is_investigated_the_same_day(desk_office: DeskOffice) -> None:
    complaint = desk_office.complaint()
    assert complaint["number"] == "TS-2026-00001"
    assert complaint["due_at"] == datetime(2026, 3, 2, 18, 0)  # the end of today's work
    assert complaint["id"] in _today_ids(
        desk_office.clerk, "complaints", datetime(2026, 3, 2, 18, 1)
    )


def test_a_major_complaint_names_the_measures_and_who_is_responsible(
    desk_office: DeskOffice,
) -> None:
    complaint = desk_office.complaint()
    with pytest.raises(ValidationError) as refused:
        _assign(desk_office, complaint, MONDAY, major=True)
    assert set(refused.value.errors) == {"measures", "measures_owner"}
    assert Complaint.get_by_id(complaint["id"]).status == "received"
    assert _callbacks() == []
    with pytest.raises(ValidationError) as refused:
        _assign(desk_office, complaint, MONDAY, deadline=date(2026, 3, 1))
    assert "deadline" in refused.value.errors
    done = _assign(
        desk_office, complaint, MONDAY, major=True, measures="更换温控器", measures_owner="孙主管"
    )
    assert done["status"] == "assigned" and done["major"] is True
    assert done["due_at"] == datetime(2026, 3, 13, 18, 0)


def test_a_complaint_not_fixed_at_once_is_called_back_every_2_working_days_until_closed(
    desk_office: DeskOffice,
) -> None:
    complaint = desk_office.complaint(at=datetime(2026, 3, 5, 9, 0))  # a Thursday
    complaint = _assign(desk_office, complaint, datetime(2026, 3, 5, 10, 0))
    # Thursday + 2 working days = Monday (the weekend does not count), when the window opens
    (first,) = _callbacks(complaint=complaint["id"], status="due")
    assert (first.purpose, first.due_at) == ("progress", datetime(2026, 3, 9, 10, 0))
    assert first.id not in _today_ids(desk_office.clerk, "callbacks", datetime(2026, 3, 6, 10, 30))
    assert first.id in _today_ids(desk_office.clerk, "callbacks", datetime(2026, 3, 9, 10, 30))
    # called on Monday: the next one on Wednesday
    desk_office.step(
        {"id": first.id, "number": first.number},
        "call",
        datetime(2026, 3, 9, 10, 30),
        satisfaction="fair",
        comments="正在更换设备",
    )
    (second,) = _callbacks(complaint=complaint["id"], status="due")
    assert second.due_at == datetime(2026, 3, 11, 10, 0)
    # closing before the result has been called back is refused
    complaint = desk_office.step(
        complaint, "report_result", datetime(2026, 3, 10, 16, 0), result="已更换温控器"
    )
    with pytest.raises(ValidationError):
        desk_office.step(complaint, "close", datetime(2026, 3, 10, 16, 5))
    # the pending progress call gives way to the result call, due in this afternoon's window
    assert Callback.get_by_id(second.id).status == "cancelled"
    (result,) = _callbacks(complaint=complaint["id"], status="due")
    assert (result.purpose, result.due_at) == ("result", datetime(2026, 3, 10, 16, 0))
    desk_office.step(
        {"id": result.id, "number": result.number},
        "call",
        datetime(2026, 3, 10, 16, 30),
        satisfaction="satisfied",
    )
    row = Complaint.get_by_id(complaint["id"])
    assert row.status == "closed" and row.closed_at == datetime(2026, 3, 10, 16, 30)
    assert _callbacks(complaint=complaint["id"], status="due") == []


def test_a_complaint_fixed_at_once_is_called_back_right_after(desk_office: DeskOffice) -> None:
    complaint = desk_office.complaint(at=datetime(2026, 3, 2, 10, 20))
    desk_office.step(complaint, "resolve_now", datetime(2026, 3, 2, 10, 40), result="已调高温度")
    (call,) = _callbacks(complaint=complaint["id"])
    assert (call.purpose, call.due_at) == ("result", datetime(2026, 3, 2, 10, 40))


def test_an_unsatisfied_result_callback_reopens_the_complaint(desk_office: DeskOffice) -> None:
    complaint = desk_office.complaint(at=datetime(2026, 3, 2, 10, 20))
    desk_office.step(complaint, "resolve_now", datetime(2026, 3, 2, 10, 40), result="已调高温度")
    (call,) = _callbacks(complaint=complaint["id"])
    desk_office.step(
        {"id": call.id, "number": call.number},
        "call",
        datetime(2026, 3, 2, 11, 0),
        satisfaction="unsatisfied",
        comments="仍然很冷",
    )
    row = Complaint.get_by_id(complaint["id"])
    assert row.status == "assigned" and "仍然很冷" in row.reopen_reason
    # back on the Today panel for the supervisor, and called back again in 2 working days
    assert row.id in _today_ids(desk_office.supervisor, "complaints", datetime(2026, 3, 2, 11, 1))
    (progress,) = _callbacks(complaint=complaint["id"], status="due")
    assert progress.due_at == datetime(2026, 3, 4, 10, 0)


def test_the_service_registers_list_and_filter(desk_office: DeskOffice) -> None:
    from app.services import listing

    desk_office.finished_order()
    desk_office.order()
    request = ListRequest(filters=(("show", "unreceived"),))
    assert listing.count(desk_office.clerk, "work_orders", request) == 1
    assert listing.count(desk_office.clerk, "callbacks", ListRequest()) == 1


def test_an_engineer_records_arrival_but_takes_no_calls(
    desk_office: DeskOffice, make_actor
) -> None:  # noqa: ANN001
    from app.errors import PermissionDenied

    engineer = make_actor("engineering")
    order = desk_office.order()
    order = desk_office.step(order, "dispatch", MONDAY, engineer=desk_office.engineer_id)
    order = desk_office.step(
        order, "arrive", MONDAY + timedelta(minutes=4), actor=engineer, arrival_via="scanned"
    )
    assert order["status"] == "arrived"
    with pytest.raises(PermissionDenied):
        kit.create(engineer, "work_orders", {"reporter_name": "x", "fault": "y"})


def test_windows_parse() -> None:
    assert office_settings.parse_windows("15:00-17:00, 10:00-12:00") == (
        (time(10), time(12)),
        (time(15), time(17)),
    )


def test_a_schema_2_database_gets_the_service_desk_tables(tmp_path) -> None:  # noqa: ANN001
    """The step creates only its own tables and their search index, whatever else exists."""
    import sqlite3

    from app.db import close_database
    from app.db_open import open_database

    path = tmp_path / "old.sqlite3"
    open_database(str(path))
    close_database()
    con = sqlite3.connect(path)
    for table in ("callback", "complaint", "work_order"):
        for (name,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,)
        ).fetchall():
            con.execute(f'DROP TRIGGER "{name}"')
        con.execute(f'DROP TABLE "{table}"')
    con.execute("DROP TABLE IF EXISTS work_order_fts")
    con.execute("DROP TABLE IF EXISTS complaint_fts")
    con.execute("DROP TABLE IF EXISTS callback_fts")
    con.execute("UPDATE propdesk_meta SET value = '2' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    info = open_database(str(path))
    try:
        assert info.schema_version == SCHEMA_VERSION
        assert WorkOrder.select().count() == 0 and Callback.select().count() == 0
        # and its search index works: the new order is found by its reporter
        from app.kit import registry
        from app.services import listing
        from app.services.context import SYSTEM

        registry.load_all()

        WorkOrder.create(
            number="WX-2026-00001",
            area="public",
            location="大堂",
            reporter_name="巡视员周强",
            fault="灯不亮",
            category="electric",
            channel="patrol",
            created_by="t",
            updated_by="t",
        )
        assert listing.count(SYSTEM, "work_orders", ListRequest(search="周强")) == 1
    finally:
        close_database()
