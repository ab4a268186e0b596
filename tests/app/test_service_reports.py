"""The service desk's monthly report on a known data set: the rates, the graded callback rate,
and the PDF and Excel read back with their figures."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from pdf_helpers import all_text, flat, page_sizes

from app.errors import PermissionDenied, ValidationError
from app.models import Callback
from app.registers.service_desk import reports

if TYPE_CHECKING:
    from service_desk_fixtures import DeskOffice

pytest_plugins = ("service_desk_fixtures",)  # desk_office

MARCH = datetime(2026, 3, 2, 9, 0)  # a Monday


def _march(office: DeskOffice) -> None:
    """Three orders, one complaint; callbacks: 3 owed, 2 made (one fairly satisfied)."""
    o = office
    met = o.finished_order(MARCH)  # arrived after 10 minutes
    late = o.order(
        MARCH + timedelta(hours=1), category="electric", area="public", unit=None, location="大堂"
    )
    late = o.step(late, "dispatch", MARCH + timedelta(hours=1), engineer=o.engineer_id)
    late = o.step(
        late, "arrive", MARCH + timedelta(hours=1, minutes=15, seconds=1), arrival_via="phoned"
    )
    o.step(late, "finish", MARCH + timedelta(hours=2), work_done="换灯管", accepted_by="巡视员")
    open_one = o.order(MARCH + timedelta(hours=3))
    open_one = o.step(open_one, "dispatch", MARCH + timedelta(hours=3), engineer=o.engineer_id)
    open_one = o.step(
        open_one,
        "arrive",
        MARCH + timedelta(hours=3, minutes=14, seconds=59),
        arrival_via="scanned",
    )
    o.step(
        open_one,
        "not_finished",
        MARCH + timedelta(hours=4),
        unfinished_reason="缺配件",
        appointment_at=datetime(2026, 3, 4, 10, 0),
    )
    complaint = o.complaint(MARCH + timedelta(hours=1, minutes=20))
    o.step(complaint, "resolve_now", MARCH + timedelta(hours=1, minutes=40), result="已处理")
    calls = {c.work_order_id or f"c{c.complaint_id}": c for c in Callback.select()}
    first = calls[met["id"]]
    o.step(
        {"id": first.id, "number": first.number},
        "call",
        first.due_at + timedelta(minutes=5),
        satisfaction="fair",
    )
    result = calls[f"c{complaint['id']}"]
    o.step(
        {"id": result.id, "number": result.number},
        "call",
        result.due_at + timedelta(minutes=5),
        satisfaction="satisfied",
    )


def test_the_rates_on_a_known_month(desk_office: DeskOffice) -> None:
    _march(desk_office)
    r = reports.report(desk_office.clerk, "monthly", "2026-03", now=datetime(2026, 3, 31, 12))
    assert r.orders == 3 and r.finished == 2 and r.unfinished == 1
    assert dict(r.orders_by_category)["给排水"] == 2 and dict(r.orders_by_category)["电气照明"] == 1
    assert dict(r.orders_by_area) == {"客户区域": 2, "公共区域": 1}
    assert (r.arrivals_met, r.arrivals_missed) == (2, 1)  # 14:59 met, 15:01 missed
    assert r.on_time_rate == pytest.approx(200 / 3)
    assert r.unfinished_reasons == [("缺配件", 1)]
    assert r.complaints == 1 and r.complaints_closed == 1
    assert dict(r.complaints_by_category)["服务"] == 1
    by_source = {x.name: (x.due, x.done) for x in r.callbacks_by_source}
    assert by_source == {"维修回访": (2, 1), "投诉回访": (1, 1), "其他回访": (0, 0)}
    repair = next(x for x in r.callbacks_by_source if x.name == "维修回访")
    assert repair.rate == 50.0 and repair.points == 10  # 50% below target: ten 5% steps
    assert dict(r.satisfaction) == {"满意": 1, "基本满意": 1, "不满意": 0}
    assert r.satisfied_rate == 100.0
    (staff,) = r.callbacks_by_staff
    assert (staff.name, staff.due, staff.done) == (desk_office.clerk.username, 3, 2)
    # another month is empty
    april = reports.report(desk_office.clerk, "monthly", "2026-04", now=datetime(2026, 5, 1))
    assert april.orders == 0 and april.on_time_rate is None


def test_grades_are_in_5_percent_steps() -> None:
    line = reports.RateLine
    assert [line("x", 100, d).points for d in (100, 99, 95, 94, 90, 0)] == [0, 1, 1, 2, 2, 20]
    assert line("x", 0, 0).rate == 100.0 and line("x", 0, 0).points == 0


def test_periods_are_parsed_and_bad_ones_refused() -> None:
    q = reports.parse_period("quarterly", "2026-q4")
    assert (q.start, q.end, q.label) == (
        datetime(2026, 10, 1),
        datetime(2027, 1, 1),
        "2026年第4季度",
    )
    m = reports.parse_period("monthly", "2026-12")
    assert (m.start, m.end) == (datetime(2026, 12, 1), datetime(2027, 1, 1))
    for kind, text in (("monthly", "2026-13"), ("monthly", "2026-Q1"), ("quarterly", "2026-Q5")):
        with pytest.raises(ValidationError):
            reports.parse_period(kind, text)


def test_the_report_pdf_reads_back_with_its_figures(desk_office: DeskOffice) -> None:
    _march(desk_office)
    pdf = reports.render_pdf(
        reports.report(desk_office.clerk, "monthly", "2026-03", now=datetime(2026, 3, 31, 12))
    )
    width, height = page_sizes(pdf)[0]
    assert (round(width), round(height)) == (595, 842)  # A4
    text = flat(all_text(pdf))
    assert "客服部月度服务报告（2026年3月）" in text
    assert "维修及时率66.7%" in text
    assert "15分钟内到场2/3" in text
    assert "回访率66.7%" in text
    assert "维修回访21" in text and "50.0%" in text  # owed 2, made 1
    assert "缺配件" in text and "2026-03-0410:00" in text
    assert "给排水" in text and "满意" in text


def test_the_report_excel_has_the_numbers(desk_office: DeskOffice) -> None:
    from openpyxl import load_workbook

    _march(desk_office)
    data = reports.render_xlsx(
        reports.report(desk_office.clerk, "monthly", "2026-03", now=datetime(2026, 3, 31, 12))
    )
    wb = load_workbook(io.BytesIO(data))
    summary = {row[0]: row[1] for row in wb["汇总"].iter_rows(values_only=True)}
    assert summary["报修总数"] == "3" and summary["维修及时率"] == "66.7%"
    staff = list(wb["回访人"].iter_rows(values_only=True))
    assert staff[1][1:] == (3, 2, 66.7, 7)


def test_only_service_roles_see_the_report(desk_office: DeskOffice, make_actor) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        reports.report(make_actor("finance"), "monthly", "2026-03")
