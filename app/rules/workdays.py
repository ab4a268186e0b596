"""PRC working days, including adjusted working weekends (调休). Pure: no database.

Three sources, first match wins:
1. `overrides` — the office holiday table (app/services/calendar.py passes it in), a mapping
   date → True (a working day, 班) / False (a day off, 休);
2. `chinese_calendar`, which knows the State Council's schedule from 2004 up to the last year it
   was released for (and raises NotImplementedError for later years);
3. otherwise Monday–Friday are working days. `schedule_known()` is then False so the UI can warn.

Use app.services.calendar in services and the UI: it supplies the office table. Calling these
functions without `overrides` means "the package only".
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import chinese_calendar
from chinese_calendar.constants import Holiday

Overrides = Mapping[date, bool]

_NO_OVERRIDES: Overrides = {}
_ZH_NAMES = {h.value: h.chinese for h in Holiday}


@dataclass(frozen=True)
class PackageDay:
    """A day the package lists: a public holiday (or a day of its holiday period) or a 调休 day."""

    day: date
    workday: bool  # True: a working weekend day (班); False: a day off (休)
    name: str  # Chinese, e.g. 国庆节


def _as_date(day: date) -> date:
    return day.date() if isinstance(day, datetime) else day


@functools.cache
def _package_years() -> tuple[int, int]:
    days = list(chinese_calendar.holidays) + list(chinese_calendar.workdays)
    return min(d.year for d in days), max(d.year for d in days)


def package_knows(year: int) -> bool:
    """Whether the installed chinese_calendar has the State Council schedule for `year`."""
    first, last = _package_years()
    return first <= year <= last


def schedule_known(year: int, overrides: Overrides | None = None) -> bool:
    """The package knows `year`, or the office table has at least one entry in it."""
    if package_knows(year):
        return True
    return any(d.year == year for d in (overrides or _NO_OVERRIDES))


def is_workday(day: date, overrides: Overrides | None = None) -> bool:
    day = _as_date(day)
    entered = (overrides or _NO_OVERRIDES).get(day)
    if entered is not None:
        return bool(entered)
    if package_knows(day.year):
        return bool(chinese_calendar.is_workday(day))
    return day.weekday() < 5


def add_workdays(start: date, days: int, overrides: Overrides | None = None) -> date:
    """The date `days` working days after `start` (start itself not counted).

    `days == 0` gives `start`; a negative `days` counts back (the working day `-days` working
    days before `start`)."""
    current = _as_date(start)
    step = timedelta(days=1 if days >= 0 else -1)
    remaining = abs(days)
    while remaining > 0:
        current += step
        if is_workday(current, overrides):
            remaining -= 1
    return current


def workdays_between(start: date, end: date, overrides: Overrides | None = None) -> int:
    """Working days after `start` up to and including `end`, so that
    `workdays_between(s, add_workdays(s, n)) == n`; negative when `end` is before `start`."""
    start, end = _as_date(start), _as_date(end)
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_workday(current, overrides):
            count += 1
    return sign * count


def package_days(year: int) -> list[PackageDay]:
    """The package's holidays and 调休 working days of `year`, by date ([] for an unknown year)."""
    if not package_knows(year):
        return []
    found = [
        PackageDay(d, False, _ZH_NAMES.get(name, name))
        for d, name in chinese_calendar.holidays.items()
        if d.year == year
    ]
    found += [
        PackageDay(d, True, _ZH_NAMES.get(name, name))
        for d, name in chinese_calendar.workdays.items()
        if d.year == year
    ]
    return sorted(found, key=lambda p: p.day)


__all__ = [
    "Overrides",
    "PackageDay",
    "add_workdays",
    "is_workday",
    "package_days",
    "package_knows",
    "schedule_known",
    "workdays_between",
]
