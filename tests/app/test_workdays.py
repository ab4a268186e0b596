"""Working days of the PRC calendar: deadlines skip weekends and public holidays."""

from __future__ import annotations

from datetime import date

from app.rules import workdays


def test_a_weekend_is_skipped() -> None:
    friday = date(2026, 11, 27)
    assert workdays.add_workdays(friday, 1) == date(2026, 11, 30)


def test_national_day_holidays_are_skipped() -> None:
    assert not workdays.is_workday(date(2026, 10, 1))  # 国庆节
    after = workdays.add_workdays(date(2026, 9, 30), 1)
    assert after >= date(2026, 10, 8) and workdays.is_workday(after)


def test_a_year_without_a_published_schedule_falls_back_to_weekdays() -> None:
    assert workdays.schedule_known(2026)
    assert not workdays.schedule_known(2099)
    assert workdays.is_workday(date(2099, 1, 2))  # a Friday
    assert not workdays.is_workday(date(2099, 1, 3))  # a Saturday
