"""Due rules on real dates: the stored due time every overdue list and the Today panel use."""

from __future__ import annotations

from datetime import datetime, time

from app.kit.due import CallWindow, EveryDays, Minutes, SameDayCutoff, WorkingDays
from app.services import calendar
from app.services.context import Actor


def test_same_day_cutoff_and_a_late_loan(admin: Actor) -> None:
    rule = SameDayCutoff("key_loan_cutoff")  # office default 18:00
    assert rule.compute({}, datetime(2026, 3, 2, 9, 30)) == datetime(2026, 3, 2, 18, 0)
    assert rule.compute({}, datetime(2026, 3, 2, 19, 0)) == datetime(2026, 3, 2, 23, 59, 59)


def test_minutes_after_dispatch(admin: Actor) -> None:
    assert Minutes(15).compute({}, datetime(2026, 3, 2, 9, 50)) == datetime(2026, 3, 2, 10, 5)


def test_working_days_skip_national_day_week(admin: Actor) -> None:
    # 2025-09-30 (Tue) + 3 working days: 10-01…10-08 are off, 10-09 and 10-10 work, 10-11 (Sat)
    # is a 调休 working day.
    due = WorkingDays(3).compute({}, datetime(2025, 9, 30, 10, 0))
    assert due == datetime(2025, 10, 11, 18, 0)


def test_working_days_by_the_record_and_same_day(admin: Actor) -> None:
    rule = WorkingDays(lambda values: 0 if values.get("kind") == "read" else 5)
    start = datetime(2026, 3, 2, 9, 0)  # a Monday
    assert rule.compute({"kind": "read"}, start) == datetime(2026, 3, 2, 18, 0)
    assert rule.compute({"kind": "borrow"}, start) == datetime(2026, 3, 9, 18, 0)
    # read after closing time: by the end of that day, never already overdue
    late = datetime(2026, 3, 2, 19, 0)
    assert rule.compute({"kind": "read"}, late) == datetime(2026, 3, 2, 23, 59, 59)


def test_working_days_into_an_entered_year(admin: Actor) -> None:
    """2027 is unknown to the package: weekdays are assumed until the office enters it."""
    start = datetime(2026, 12, 31, 9, 0)  # Thursday
    assert WorkingDays(1).compute({}, start).date().isoformat() == "2027-01-01"
    calendar.add_holiday(admin, "2027-01-01", "off", "元旦")
    assert WorkingDays(1).compute({}, start).date().isoformat() == "2027-01-04"


def test_every_n_days(admin: Actor) -> None:
    assert EveryDays(2).compute({}, datetime(2026, 3, 2, 9, 0)) == datetime(2026, 3, 4, 9, 0)


def test_call_windows_skip_lunch_evenings_and_holidays(admin: Actor) -> None:
    rule = CallWindow()
    assert rule.compute({}, datetime(2026, 3, 2, 9, 0)) == datetime(2026, 3, 2, 12, 0)
    assert rule.compute({}, datetime(2026, 3, 2, 12, 30)) == datetime(2026, 3, 2, 17, 0)
    # Friday evening → Monday's morning window
    assert rule.compute({}, datetime(2026, 3, 6, 17, 30)) == datetime(2026, 3, 9, 12, 0)
    # the day before National Day 2026 → the first working day after the holiday
    after = rule.compute({}, datetime(2026, 9, 30, 18, 0))
    assert after.time() == time(12, 0) and calendar.is_workday(after.date())
    assert after.date() > datetime(2026, 10, 7).date()
