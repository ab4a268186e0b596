"""PRC working days, including adjusted working weekends (调休).

`chinese_calendar` knows the State Council's schedule up to the last year it was released for and
raises for later years; then weekdays count as working days and `schedule_known()` is False so the
UI can warn. (An editable override table is planned: offices cannot update packages.)
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar


def schedule_known(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def is_workday(day: date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


def add_workdays(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself not counted)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_workday(current):
            remaining -= 1
    return current
