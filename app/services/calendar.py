"""The app's working-day calendar: PRC holidays and 调休 from chinese_calendar, plus the office table.

Every working-day deadline in PropDesk goes through this module:

    calendar.is_workday(day)            calendar.add_workdays(start, n)
    calendar.workdays_between(a, b)     calendar.schedule_known(year)
    calendar.schedule_warning()         → a Msg for the UI, or None

The office holiday table (models.calendar.OfficeHoliday, edited by managers here or imported from
an .xlsx) WINS over the package for the days it lists, and covers years the installed package does
not know (offices cannot update packages). For a year neither knows, Monday–Friday count as
working days and `schedule_warning()` says so — for the current year, and in December also for
the next one, until its schedule is entered.

The table is read through a small per-process cache: this process's own writes invalidate it once
they are committed; otherwise it is re-read at most every CACHE_SECONDS, because other PCs share
the database and may change it. Reading the calendar needs no permission; changing it needs
Perm.CALENDAR_EDIT.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import time
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, ParamSpec, TypeVar

from app.db import db_proxy, run_with_retry
from app.errors import ConflictError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.models import OfficeHoliday
from app.models.calendar import KIND_OFF, KIND_WORK
from app.rules import workdays
from app.rules.roles import Perm
from app.rules.workdays import PackageDay, package_knows
from app.services.context import Actor
from app.services.importing import ImportRejected, ImportResult, RowProblem, read_rows, row_problems
from app.services.records import get_or_404, stamp_new, update_versioned
from app.services.tx import audit, read_service, snapshot, write_service

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

KINDS = (KIND_OFF, KIND_WORK)
KIND_LABELS_ZH = {KIND_OFF: "休", KIND_WORK: "班"}
_KIND_WORDS = {
    "休": KIND_OFF,
    "休息": KIND_OFF,
    "假": KIND_OFF,
    "放假": KIND_OFF,
    "off": KIND_OFF,
    "班": KIND_WORK,
    "上班": KIND_WORK,
    "补班": KIND_WORK,
    "work": KIND_WORK,
}
FIRST_YEAR, LAST_YEAR = 2000, 2099
NAME_MAX = 64

# Excel import: field → accepted headers (the first one is what a template would write).
HEADERS: dict[str, tuple[str, ...]] = {
    "day": ("日期", "date", "day"),
    "kind": ("类型", "休/班", "kind", "type"),
    "name": ("名称", "节日", "name"),
}
REQUIRED = ("day", "kind")


@dataclass(frozen=True)
class HolidayView:
    """One entry of the office table."""

    id: int
    day: date
    kind: str  # KIND_OFF | KIND_WORK
    name: str
    version: int
    updated_by: str
    updated_at: datetime

    @property
    def workday(self) -> bool:
        return self.kind == KIND_WORK

    @property
    def kind_label(self) -> str:
        return KIND_LABELS_ZH.get(self.kind, self.kind)


@dataclass(frozen=True)
class CalendarDay:
    """A day of a year's schedule as PropDesk counts it (`holidays list`): an office entry, or a
    package holiday / 调休 day that no office entry replaces."""

    day: date
    workday: bool
    name: str
    source: str  # "office" | "package"
    replaces: PackageDay | None = None  # the package's own entry an office entry overrides

    @property
    def kind_label(self) -> str:
        return KIND_LABELS_ZH[KIND_WORK if self.workday else KIND_OFF]


# ---------------------------------------------------------------------------------------------
# The office table, cached per process

CACHE_SECONDS = 60.0


class _Cache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.database: weakref.ref[Any] | None = None  # the database it was read from
        self.loaded_at = 0.0  # time.monotonic()
        self.generation = 0  # bumped by every invalidation
        self.overrides: Mapping[date, bool] = MappingProxyType({})


_cache = _Cache()


def invalidate_cache() -> None:
    """Forget the cached office table (after this process changed it)."""
    with _cache.lock:
        _cache.generation += 1
        _cache.database = None


def office_overrides() -> Mapping[date, bool]:
    """The office table as day → working day (True, 班) / day off (False); read-only."""
    database = db_proxy.obj
    with _cache.lock:
        fresh = (
            _cache.database is not None
            and _cache.database() is database
            and time.monotonic() - _cache.loaded_at < CACHE_SECONDS
        )
        if fresh:
            return _cache.overrides
        generation = _cache.generation
    started = time.monotonic()
    loaded = MappingProxyType(run_with_retry(_load_overrides))
    with _cache.lock:
        # An invalidation while we read means our copy may predate that write: use it, don't keep it.
        if _cache.generation == generation and database is not None:
            _cache.database = weakref.ref(database)
            _cache.loaded_at = started
            _cache.overrides = loaded
    return loaded


def _load_overrides() -> dict[date, bool]:
    query = OfficeHoliday.select(OfficeHoliday.day, OfficeHoliday.kind).tuples()
    # a kind other than off/work (a hand-edited row) is ignored rather than guessed
    return {_as_date(day): kind == KIND_WORK for day, kind in query if kind in KINDS}


def _invalidates(fn: Callable[P, R]) -> Callable[P, R]:
    """Around a write service: the cache is dropped after the transaction ended (committed or
    not), so no other thread can re-read the table before the change is visible."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        finally:
            invalidate_cache()

    return wrapper


# ---------------------------------------------------------------------------------------------
# The calendar


def is_workday(day: date) -> bool:
    return workdays.is_workday(day, office_overrides())


def add_workdays(start: date, n: int) -> date:
    """The date `n` working days after `start` (start not counted; negative `n` counts back)."""
    return workdays.add_workdays(start, n, office_overrides())


def workdays_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative if `end` is earlier)."""
    return workdays.workdays_between(start, end, office_overrides())


def schedule_known(year: int) -> bool:
    """The package knows `year`, or the office table has at least one entry for it."""
    return workdays.schedule_known(year, office_overrides())


def unknown_years(today: date | None = None) -> list[int]:
    """The years the desk should warn about: this year, and in December also next year, when
    their holiday schedule is not known."""
    today = today or date.today()
    years = [today.year] + ([today.year + 1] if today.month == 12 else [])
    return [year for year in years if not schedule_known(year)]


def schedule_warning(today: date | None = None) -> Msg | None:
    """The message the desk shows while a needed year's holiday schedule is missing, else None."""
    years = unknown_years(today)
    if not years:
        return None
    if len(years) == 1:
        return Msg(
            QT_TRANSLATE_NOOP(
                "app",
                "The {year} holiday schedule has not been entered; Monday–Friday are being "
                "counted as working days. A manager can enter it under File › Office calendar.",
            ),
            year=str(years[0]),
        )
    return Msg(
        QT_TRANSLATE_NOOP(
            "app",
            "The {first} and {second} holiday schedules have not been entered; Monday–Friday "
            "are being counted as working days. A manager can enter them under File › Office "
            "calendar.",
        ),
        first=str(years[0]),
        second=str(years[1]),
    )


def year_days(year: int) -> list[CalendarDay]:
    """Every special day of `year`: office entries, plus the package's holidays and 调休 days
    that no office entry replaces; by date. The office table is read afresh (not cached)."""
    rows = run_with_retry(
        lambda: list(
            OfficeHoliday.select(OfficeHoliday.day, OfficeHoliday.kind, OfficeHoliday.name)
            .where(OfficeHoliday.day.between(date(year, 1, 1), date(year, 12, 31)))
            .tuples()
        )
    )
    package = {p.day: p for p in workdays.package_days(year)}
    days = [
        CalendarDay(day, kind == KIND_WORK, name or "", "office", package.get(day))
        for day, kind, name in ((_as_date(d), k, n) for d, k, n in rows)
        if kind in KINDS
    ]
    office = {c.day for c in days}
    days += [
        CalendarDay(p.day, p.workday, p.name, "package")
        for p in package.values()
        if p.day not in office
    ]
    return sorted(days, key=lambda c: c.day)


# ---------------------------------------------------------------------------------------------
# Validation

_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def _as_date(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):  # a DateField read back as text (SQLite, unusual formats)
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return value
    return value


def parse_day(value: Any) -> date | None:
    """A date from a date, an ISO text (2027-01-01, 2027/1/1, 2027.1.1, 2027年1月1日,
    20270101) or an Excel serial number; None if it is none of these."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 < value < 80000:  # an Excel date serial (1954 … 2119) in an unformatted cell
            from openpyxl.utils.datetime import from_excel

            return from_excel(value).date()
        value = str(int(value)) if float(value).is_integer() else str(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    match = _DATE_RE.match(text)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def parse_kind(value: Any) -> str | None:
    """KIND_OFF / KIND_WORK from 休 / 班 / off / work (and a few synonyms); None otherwise."""
    text = str(value or "").strip().lower()
    return _KIND_WORDS.get(text)


def clean_holiday(
    day: Any, kind: Any, name: Any, holiday_id: int | None = None, *, check_taken: bool = True
) -> tuple[dict[str, Any], dict[str, str]]:
    """(clean values, field → message). `holiday_id`: the entry being edited (its own day is not
    "taken")."""
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    parsed = parse_day(day)
    if parsed is None:
        errors["day"] = QT_TRANSLATE_NOOP("app", "Enter a date such as 2027-01-01.")
    elif not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        errors["day"] = Msg(
            QT_TRANSLATE_NOOP("app", "Give a date from {first} to {last}."),
            first=str(FIRST_YEAR),
            last=str(LAST_YEAR),
        )
    else:
        clean["day"] = parsed
        if check_taken:
            query = OfficeHoliday.select().where(OfficeHoliday.day == parsed)
            if holiday_id is not None:
                query = query.where(OfficeHoliday.id != holiday_id)
            if query.exists():
                errors["day"] = QT_TRANSLATE_NOOP(
                    "app", "This day is already in the office calendar; edit that entry instead."
                )
    parsed_kind = parse_kind(kind)
    if parsed_kind is None:
        errors["kind"] = QT_TRANSLATE_NOOP("app", "Choose 休 (day off) or 班 (working day).")
    else:
        clean["kind"] = parsed_kind
    text = "" if name is None else str(name).strip()
    if len(text) > NAME_MAX:
        errors["name"] = QT_TRANSLATE_NOOP("app", "At most 64 characters.")
    else:
        clean["name"] = text
    return clean, errors


def _view(row: OfficeHoliday) -> HolidayView:
    return HolidayView(
        id=row.id,
        day=_as_date(row.day),
        kind=row.kind,
        name=row.name or "",
        version=row.version,
        updated_by=row.updated_by,
        updated_at=row.updated_at,
    )


# ---------------------------------------------------------------------------------------------
# Services (managers)


@read_service(None)
def list_holidays(actor: Actor, year: int) -> list[HolidayView]:
    """The office entries of `year`, by date."""
    rows = (
        OfficeHoliday.select()
        .where(OfficeHoliday.day.between(date(year, 1, 1), date(year, 12, 31)))
        .order_by(OfficeHoliday.day)
    )
    return [_view(r) for r in rows]


@read_service(None)
def get_holiday(actor: Actor, holiday_id: int) -> HolidayView:
    return _view(get_or_404(OfficeHoliday, holiday_id))


@_invalidates
@write_service(Perm.CALENDAR_EDIT)
def add_holiday(actor: Actor, day: date | str, kind: str, name: str = "") -> HolidayView:
    clean, errors = clean_holiday(day, kind, name)
    if errors:
        raise ValidationError(errors)
    row = OfficeHoliday.create(**clean, **stamp_new(actor))
    audit(actor, "add holiday", "OfficeHoliday", row.id, None, snapshot(row))
    return _view(row)


@_invalidates
@write_service(Perm.CALENDAR_EDIT)
def update_holiday(
    actor: Actor,
    holiday_id: int,
    version: int,
    *,
    day: date | str | None = None,
    kind: str | None = None,
    name: str | None = None,
) -> HolidayView:
    """Change an entry; arguments left None keep their value. ConflictError on a stale version."""
    current = get_or_404(OfficeHoliday, holiday_id)
    clean, errors = clean_holiday(
        current.day if day is None else day,
        current.kind if kind is None else kind,
        current.name if name is None else name,
        holiday_id,
    )
    if errors:
        raise ValidationError(errors)
    stored = {"day": _as_date(current.day), "kind": current.kind, "name": current.name or ""}
    changes = {field: value for field, value in clean.items() if value != stored[field]}
    saved = update_versioned(actor, OfficeHoliday, holiday_id, version, changes, "update holiday")
    return _view(saved)


@_invalidates
@write_service(Perm.CALENDAR_EDIT)
def remove_holiday(actor: Actor, holiday_id: int, version: int | None = None) -> None:
    """Delete an entry (configuration, not a record: a real delete, audited). With `version`,
    a colleague's newer change is not deleted unseen (ConflictError)."""
    row = get_or_404(OfficeHoliday, holiday_id)
    if version is not None and row.version != version:
        raise ConflictError("OfficeHoliday", row.updated_by, row.updated_at)
    before = snapshot(row)
    OfficeHoliday.delete().where(OfficeHoliday.id == holiday_id).execute()
    audit(actor, "remove holiday", "OfficeHoliday", holiday_id, before, None)


# ---------------------------------------------------------------------------------------------
# Excel import


def read_sheet(path: Path | str) -> tuple[list[tuple[int, dict[str, Any]]], dict[str, str]]:
    """(row number, field → cell) for every non-empty row of the first sheet, and field →
    header as written (the reference-data import's reader, with this sheet's columns)."""
    return read_rows(path, HEADERS, REQUIRED)


def _plan_import(
    rows: list[tuple[int, dict[str, Any]]], headers: dict[str, str]
) -> list[dict[str, Any]]:
    """Every row validated; ImportRejected (nothing imported) if any is bad."""
    plan: list[dict[str, Any]] = []
    bad: list[RowProblem] = []
    seen: dict[date, int] = {}
    labels = {field: accepted[0] for field, accepted in HEADERS.items()} | headers
    for number, raw in rows:
        clean, errors = clean_holiday(
            raw.get("day"), raw.get("kind"), raw.get("name"), check_taken=False
        )
        day = clean.get("day")
        if day is not None and day in seen:
            errors["day"] = Msg(
                QT_TRANSLATE_NOOP("app", "Also on row {row}; each day once."), row=seen[day]
            )
        elif day is not None:
            seen[day] = number
        if errors:
            bad += row_problems(number, errors, labels)
        else:
            plan.append(clean)
    if bad:
        raise ImportRejected(bad)
    if not plan:
        raise ValidationError(
            {"file": QT_TRANSLATE_NOOP("app", "The sheet has no rows to import.")}
        )
    return plan


@_invalidates
@write_service(Perm.CALENDAR_EDIT)
def _write_import(actor: Actor, plan: list[dict[str, Any]], source: str) -> ImportResult:
    created = updated = 0
    for clean in plan:
        existing = OfficeHoliday.get_or_none(OfficeHoliday.day == clean["day"])
        if existing is None:
            row = OfficeHoliday.create(**clean, **stamp_new(actor))
            audit(actor, "add holiday", "OfficeHoliday", row.id, None, snapshot(row))
            created += 1
            continue
        changes = {f: v for f, v in clean.items() if f != "day" and getattr(existing, f) != v}
        if changes:
            update_versioned(
                actor, OfficeHoliday, existing.id, existing.version, changes, "update holiday"
            )
            updated += 1
    audit(
        actor,
        "import",
        "OfficeHoliday",
        "",
        None,
        {"file": source, "created": created, "updated": updated},
    )
    return ImportResult(created=created, updated=updated)


def import_holidays(actor: Actor, path: Path | str) -> ImportResult:
    """Import the office entries of an .xlsx whose first row is 日期, 类型, 名称 (类型: 休 = day
    off, 班 = working weekend day; off/work too). All rows or none: one bad row and nothing is
    imported (ImportRejected names each bad row and field). A day already entered is updated."""
    actor.require(Perm.CALENDAR_EDIT)
    path = Path(path)
    rows, headers = read_sheet(path)  # read and checked before the write lock is taken
    plan = _plan_import(rows, headers)
    return _write_import(actor, plan, path.name)


__all__ = [
    "CACHE_SECONDS",
    "CalendarDay",
    "HolidayView",
    "KINDS",
    "KIND_LABELS_ZH",
    "add_holiday",
    "add_workdays",
    "clean_holiday",
    "get_holiday",
    "import_holidays",
    "invalidate_cache",
    "is_workday",
    "list_holidays",
    "office_overrides",
    "package_knows",
    "remove_holiday",
    "schedule_known",
    "schedule_warning",
    "unknown_years",
    "update_holiday",
    "workdays_between",
    "year_days",
]
