"""Due rules: when a record falls due, computed once and stored in its indexed `due_at` column,
so every overdue list and the Today panel is one SQL query (`due_at < now` over open records).

A rule gets the record's cleaned values and the moment it starts (lent, dispatched, …):

- `SameDayCutoff("key_loan_cutoff")` — back the same day by an office cut-off time (keys);
- `Minutes(15)` — an engineer's arrival after dispatch;
- `WorkingDays(5)` or `WorkingDays(lambda values: …)` — on the PRC working-day calendar with
  the office's own holiday table (app.services.calendar), due at the end of that working day;
- `OnDate("deadline")` — the end of the working day of a date the clerk entered;
- `EveryDays(2)` — a repeating duty (complaint callbacks), recomputed at each step;
- `CallWindow()` — the next callback window on a working day (default 10–12 and 15–17, or
  the office setting it names); with `opens=True` due when the window opens, and listed on the
  Today panel only while a window is open (`listed_from`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from app.services import calendar, office_settings

END_OF_DAY = time(23, 59, 59)


class DueRule:
    def compute(self, values: Mapping[str, Any], start: datetime) -> datetime:
        raise NotImplementedError

    def listed_from(self, now: datetime) -> datetime | None:
        """None: records past their due time are listed now (the Today panel); else the moment
        listing starts again (callbacks: not outside the call windows, not on holidays)."""
        return None


@dataclass(frozen=True)
class SameDayCutoff(DueRule):
    """Before the cut-off: due at the cut-off; at or after it: by the end of that day (a late
    loan is not overdue the moment it is made)."""

    setting: str

    def compute(self, values: Mapping[str, Any], start: datetime) -> datetime:
        cutoff = datetime.combine(start.date(), office_settings.get_time(self.setting))
        return cutoff if start < cutoff else datetime.combine(start.date(), END_OF_DAY)


@dataclass(frozen=True)
class Minutes(DueRule):
    minutes: int

    def compute(self, values: Mapping[str, Any], start: datetime) -> datetime:
        return start + timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class WorkingDays(DueRule):
    """`days` working days after the start day (the start day not counted), at `at` (default:
    the end of the working day, the office's `work_end`)."""

    days: int | Callable[[Mapping[str, Any]], int]
    at: time | None = None

    def compute(self, values: Mapping[str, Any], start: datetime) -> datetime:
        n = self.days(values) if callable(self.days) else self.days
        day = calendar.add_workdays(start.date(), n) if n > 0 else start.date()
        at = self.at or office_settings.get_time("work_end")
        due = datetime.combine(day, at)
        return due if due > start else datetime.combine(day, END_OF_DAY)


@dataclass(frozen=True)
class OnDate(DueRule):
    """At the end of the working day (`work_end`) of the date a field holds — a deadline the
    clerk enters (a complaint's 处理时限)."""

    field: str

    def compute(self, values: Mapping[str, Any], start: datetime) -> datetime:
        day = values.get(self.field)
        day = day.date() if isinstance(day, datetime) else day or start.date()
        return datetime.combine(day, office_settings.get_time("work_end"))


@dataclass(frozen=True)
class EveryDays(DueRule):
    days: int

    def compute(self, values: Mapping[str, Any], start: datetime) -> datetime:
        return start + timedelta(days=self.days)


@dataclass(frozen=True)
class CallWindow(DueRule):
    """The end of the first call window that is still open at or after `start`, on a working
    day (no callbacks on holidays). `setting`: an office setting holding the windows
    ("10:00-12:00 15:00-17:00", office_settings.get_windows) instead of `windows`. `opens`: due
    at the start of that window (at `start` itself when it falls inside one) — a callback falls
    due when its window opens, and is listed only while a window is open."""

    windows: tuple[tuple[time, time], ...] = ((time(10), time(12)), (time(15), time(17)))
    setting: str = ""
    opens: bool = False

    def _windows(self) -> tuple[tuple[time, time], ...]:
        return office_settings.get_windows(self.setting) if self.setting else self.windows

    def compute(self, values: Mapping[str, Any], start: datetime) -> datetime:
        windows = self._windows()
        day = start.date()
        for _ in range(400):
            if calendar.is_workday(day):
                for begin, end in windows:
                    candidate = datetime.combine(day, end)
                    if candidate > start:
                        if not self.opens:
                            return candidate
                        return max(start, datetime.combine(day, begin))
            day += timedelta(days=1)
        raise ValueError("no working day within 400 days")

    def listed_from(self, now: datetime) -> datetime | None:
        if not self.opens:
            return None
        if calendar.is_workday(now.date()):
            for begin, end in self._windows():
                if datetime.combine(now.date(), begin) <= now < datetime.combine(now.date(), end):
                    return None
        return self.compute({}, now)
