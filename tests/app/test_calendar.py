"""The working-day calendar: State Council holidays and 调休 from chinese_calendar (real dates, no
mocks), the office holiday table that wins over it, unknown years, the Excel import and the CLI."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from app import cli
from app.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from app.models import AuditEvent, OfficeHoliday
from app.rules import workdays
from app.services import accounts, calendar
from app.services.context import Actor
from app.services.importing import ImportRejected


def _workbook(path: Path, rows: list[tuple[Any, ...]], header=("日期", "类型", "名称")) -> Path:  # noqa: ANN001
    wb = Workbook()
    ws = wb.active
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


# -- the package's schedule ----------------------------------------------------------------------


def test_national_day_week_2025(db) -> None:  # noqa: ANN001
    for day in range(1, 9):
        assert not calendar.is_workday(date(2025, 10, day)), day
    assert calendar.is_workday(date(2025, 9, 28))  # a Sunday, 调休
    assert calendar.is_workday(date(2025, 10, 11))  # a Saturday, 调休
    assert not calendar.is_workday(date(2025, 10, 12))  # an ordinary Sunday
    # Tuesday 30 September + 1 working day: the holiday week is skipped
    assert calendar.add_workdays(date(2025, 9, 30), 1) == date(2025, 10, 9)
    assert calendar.add_workdays(date(2025, 9, 30), 2) == date(2025, 10, 10)
    assert calendar.workdays_between(date(2025, 9, 30), date(2025, 10, 10)) == 2
    assert calendar.add_workdays(date(2025, 10, 9), -1) == date(2025, 9, 30)
    assert calendar.schedule_known(2025)


def test_an_adjusted_working_weekend_counts(db) -> None:  # noqa: ANN001
    # Friday 26 September 2025 + 1: Sunday the 28th is a working day (调休), Saturday the 27th not
    assert calendar.add_workdays(date(2025, 9, 26), 1) == date(2025, 9, 28)
    # Friday 10 October + 1: Saturday the 11th is worked
    assert calendar.add_workdays(date(2025, 10, 10), 1) == date(2025, 10, 11)
    assert calendar.add_workdays(date(2025, 10, 10), 2) == date(2025, 10, 13)


def test_pure_rules_take_overrides() -> None:
    overrides = {date(2025, 10, 8): True, date(2025, 10, 9): False}
    assert workdays.is_workday(date(2025, 10, 8), overrides)
    assert not workdays.is_workday(date(2025, 10, 9), overrides)
    assert workdays.add_workdays(date(2025, 9, 30), 1, overrides) == date(2025, 10, 8)
    assert workdays.package_knows(2026) and not workdays.package_knows(2027)
    assert workdays.schedule_known(2027, {date(2027, 1, 1): False})
    assert not workdays.schedule_known(2027, {date(2028, 1, 1): False})
    names = {p.day: (p.workday, p.name) for p in workdays.package_days(2025)}
    assert names[date(2025, 10, 1)] == (False, "国庆节")
    assert names[date(2025, 9, 28)] == (True, "国庆节")
    assert workdays.package_days(2027) == []


# -- a year nobody knows ---------------------------------------------------------------------------


def test_an_unknown_year_counts_weekdays_and_warns(db) -> None:  # noqa: ANN001
    assert not calendar.schedule_known(2027)
    assert calendar.is_workday(date(2027, 1, 1))  # a Friday: assumed a working day, no crash
    assert not calendar.is_workday(date(2027, 1, 2))  # a Saturday
    assert calendar.add_workdays(date(2026, 12, 31), 1) == date(2027, 1, 1)

    warning = calendar.schedule_warning(date(2026, 12, 1))
    assert warning is not None and "2027" in warning and "Monday–Friday" in warning
    assert warning.template and warning.params == {"year": "2027"}  # translatable
    assert calendar.schedule_warning(date(2026, 11, 30)) is None  # 2026 is known; not December
    assert "2027" in (calendar.schedule_warning(date(2027, 3, 1)) or "")
    both = calendar.schedule_warning(date(2027, 12, 1))
    assert both is not None and "2027" in both and "2028" in both


def test_entering_next_years_schedule_removes_the_warning(db, admin: Actor) -> None:  # noqa: ANN001
    assert calendar.schedule_warning(date(2026, 12, 1)) is not None
    new_year = calendar.add_holiday(admin, date(2027, 1, 1), "off", "元旦")
    assert new_year.kind_label == "休"
    calendar.add_holiday(admin, "2027-01-03", "班", "元旦调休")  # a Sunday worked
    assert calendar.schedule_warning(date(2026, 12, 1)) is None
    assert calendar.schedule_known(2027)
    assert not calendar.is_workday(date(2027, 1, 1))
    assert calendar.is_workday(date(2027, 1, 3))
    # Thursday 31 December 2026 + 1 working day: Friday the 1st off, Saturday off, Sunday worked
    assert calendar.add_workdays(date(2026, 12, 31), 1) == date(2027, 1, 3)
    listed = calendar.list_holidays(admin, 2027)
    assert [(h.day, h.kind, h.name) for h in listed] == [
        (date(2027, 1, 1), "off", "元旦"),
        (date(2027, 1, 3), "work", "元旦调休"),
    ]


def test_an_office_entry_wins_over_the_package(db, admin: Actor) -> None:  # noqa: ANN001
    assert not calendar.is_workday(date(2025, 10, 8))
    calendar.add_holiday(admin, date(2025, 10, 8), "work", "本处值班")
    calendar.add_holiday(admin, date(2025, 10, 9), "off", "本处补休")
    assert calendar.is_workday(date(2025, 10, 8))
    assert not calendar.is_workday(date(2025, 10, 9))
    assert calendar.add_workdays(date(2025, 9, 30), 1) == date(2025, 10, 8)
    days = {d.day: d for d in calendar.year_days(2025)}
    assert days[date(2025, 10, 8)].source == "office"
    assert days[date(2025, 10, 8)].replaces is not None
    assert days[date(2025, 10, 7)].source == "package"


def test_out_of_hours_logins_follow_the_office_table(db, admin: Actor) -> None:  # noqa: ANN001
    monday = datetime(2027, 1, 4, 10, 0)
    assert not accounts.is_out_of_hours(monday)
    calendar.add_holiday(admin, monday.date(), "off", "本处休息")
    assert accounts.is_out_of_hours(monday)
    assert not accounts.is_out_of_hours(datetime(2027, 1, 5, 10, 0))


# -- editing ---------------------------------------------------------------------------------------


def test_validation_errors_by_field(db, admin: Actor) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as caught:
        calendar.add_holiday(admin, "next Friday", "holiday", "名" * 65)
    assert set(caught.value.errors) == {"day", "kind", "name"}
    with pytest.raises(ValidationError) as caught:
        calendar.add_holiday(admin, "2027-02-30", "休")
    assert set(caught.value.errors) == {"day"}
    calendar.add_holiday(admin, "2027年1月1日", "休", "元旦")
    with pytest.raises(ValidationError) as caught:
        calendar.add_holiday(admin, date(2027, 1, 1), "off", "again")
    assert "already" in caught.value.errors["day"]
    assert len(calendar.list_holidays(admin, 2027)) == 1


def test_update_and_remove_are_versioned_and_audited(db, admin: Actor) -> None:  # noqa: ANN001
    entry = calendar.add_holiday(admin, date(2027, 2, 6), "off", "春节")
    changed = calendar.update_holiday(admin, entry.id, entry.version, kind="work", name="春节调休")
    assert (changed.kind, changed.name, changed.version) == ("work", "春节调休", entry.version + 1)
    assert calendar.is_workday(date(2027, 2, 6))  # this process's write shows at once
    with pytest.raises(ConflictError):
        calendar.update_holiday(admin, entry.id, entry.version, name="stale copy")
    with pytest.raises(ConflictError):
        calendar.remove_holiday(admin, entry.id, entry.version)
    calendar.remove_holiday(admin, entry.id, changed.version)
    assert calendar.list_holidays(admin, 2027) == []
    assert not calendar.is_workday(date(2027, 2, 6))  # a Saturday again
    with pytest.raises(NotFound):
        calendar.remove_holiday(admin, entry.id)
    actions = [e.action for e in AuditEvent.select().where(AuditEvent.entity == "OfficeHoliday")]
    assert actions == ["add holiday", "update holiday", "remove holiday"]
    removed = AuditEvent.get(AuditEvent.action == "remove holiday")
    assert json.loads(removed.before)["name"] == "春节调休"


def test_only_managers_edit_but_everyone_reads(db, admin: Actor, make_actor, tmp_path) -> None:  # noqa: ANN001
    assistant = make_actor("assistant")
    manager = make_actor("manager")
    with pytest.raises(PermissionDenied):
        calendar.add_holiday(assistant, date(2027, 1, 1), "off", "元旦")
    book = _workbook(tmp_path / "h.xlsx", [(date(2027, 1, 1), "休", "元旦")])
    with pytest.raises(PermissionDenied):
        calendar.import_holidays(assistant, book)
    entry = calendar.add_holiday(manager, date(2027, 1, 1), "off", "元旦")
    with pytest.raises(PermissionDenied):
        calendar.remove_holiday(assistant, entry.id)
    with pytest.raises(PermissionDenied):
        calendar.update_holiday(assistant, entry.id, entry.version, name="x")
    assert [h.name for h in calendar.list_holidays(assistant, 2027)] == ["元旦"]
    assert not calendar.is_workday(date(2027, 1, 1))


def test_another_pcs_change_is_seen_within_the_cache_time(
    db,  # noqa: ANN001
    admin: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time as real_time

    assert calendar.is_workday(date(2027, 1, 1))  # loads (and caches) the empty table
    # another PC writes straight into the shared database
    OfficeHoliday.create(day=date(2027, 1, 1), kind="off", name="元旦", created_by="other-pc")
    assert calendar.is_workday(date(2027, 1, 1))  # still the cached copy

    class Later:
        @staticmethod
        def monotonic() -> float:
            return real_time.monotonic() + calendar.CACHE_SECONDS + 1

    monkeypatch.setattr(calendar, "time", Later)
    assert not calendar.is_workday(date(2027, 1, 1))


# -- Excel import ----------------------------------------------------------------------------------


def test_import_from_excel_and_reimport_updates(db, admin: Actor, tmp_path: Path) -> None:  # noqa: ANN001
    book = _workbook(
        tmp_path / "2027.xlsx",
        [
            (date(2027, 1, 1), "休", "元旦"),
            ("2027-01-03", "班", "元旦调休"),
            (datetime(2027, 2, 6), "work", "春节调休"),
            (None, None, None),  # blank rows are skipped
            ("2027/2/10", "off", "春节"),
        ],
    )
    result = calendar.import_holidays(admin, book)
    assert (result.created, result.updated) == (4, 0)
    assert calendar.schedule_warning(date(2026, 12, 1)) is None
    assert calendar.is_workday(date(2027, 1, 3)) and calendar.is_workday(date(2027, 2, 6))
    assert not calendar.is_workday(date(2027, 2, 10))

    again = _workbook(
        tmp_path / "2027b.xlsx",
        [(date(2027, 1, 1), "休", "元旦节"), ("2027-01-03", "班", "元旦调休")],
        header=("date", "kind", "name"),
    )
    result = calendar.import_holidays(admin, again)
    assert (result.created, result.updated) == (0, 1)
    names = {h.day: h.name for h in calendar.list_holidays(admin, 2027)}
    assert names[date(2027, 1, 1)] == "元旦节"
    assert len(names) == 4
    assert AuditEvent.select().where(AuditEvent.action == "import").count() == 2


def test_a_bad_row_imports_nothing_and_is_reported(db, admin: Actor, tmp_path: Path) -> None:  # noqa: ANN001
    book = _workbook(
        tmp_path / "bad.xlsx",
        [
            (date(2027, 1, 1), "休", "元旦"),
            ("2027-02-30", "休", "春节"),  # row 3: no such date
            (date(2027, 2, 6), "假日", "春节调休"),  # row 4: neither 休 nor 班
            (date(2027, 1, 1), "休", "twice"),  # row 5: the same day again
        ],
    )
    with pytest.raises(ImportRejected) as caught:
        calendar.import_holidays(admin, book)
    error = caught.value
    assert isinstance(error, ValidationError)
    assert set(error.errors) == {"row 3", "row 4", "row 5"}
    assert "日期" in error.errors["row 3"] and "类型" in error.errors["row 4"]
    fields = {(p.row, p.field, p.label) for p in error.problems}
    assert fields == {(3, "day", "日期"), (4, "kind", "类型"), (5, "day", "日期")}
    assert "row 2" in next(p.message for p in error.problems if p.row == 5)
    assert calendar.list_holidays(admin, 2027) == []
    assert calendar.schedule_warning(date(2026, 12, 1)) is not None


def test_import_file_problems(db, admin: Actor, tmp_path: Path) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as caught:
        calendar.import_holidays(admin, tmp_path / "missing.xlsx")
    assert set(caught.value.errors) == {"file"}
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    with pytest.raises(ValidationError):
        calendar.import_holidays(admin, text)
    no_kind = _workbook(
        tmp_path / "cols.xlsx", [(date(2027, 1, 1), "元旦")], header=("日期", "名称")
    )
    with pytest.raises(ValidationError) as caught:
        calendar.import_holidays(admin, no_kind)
    assert "类型" in caught.value.errors["headers"]
    empty = _workbook(tmp_path / "empty.xlsx", [])
    with pytest.raises(ValidationError) as caught:
        calendar.import_holidays(admin, empty)
    assert set(caught.value.errors) == {"file"}


# -- CLI -------------------------------------------------------------------------------------------


def test_cli_import_and_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "cli.sqlite3"
    assert cli.main(["init", "--db", str(database)]) == 0
    capsys.readouterr()

    assert cli.main(["holidays", "list", "2027", "--db", str(database)]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "2027 holiday schedule has not been entered" in err

    book = _workbook(
        tmp_path / "2027.xlsx", [(date(2027, 1, 1), "休", "元旦"), ("2027-01-03", "班", "")]
    )
    assert cli.main(["holidays", "import", str(book), "--db", str(database)]) == 0
    assert "imported 2 new, 0 updated" in capsys.readouterr().out

    assert cli.main(["holidays", "list", "2027", "--db", str(database)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == ["2027-01-01 休 元旦", "2027-01-03 班"]
    assert err == ""

    assert cli.main(["holidays", "list", "2025", "--db", str(database)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "2025-10-01 休 国庆节  [package]" in lines
    assert "2025-09-28 班 国庆节  [package]" in lines
    assert lines == sorted(lines)

    bad = _workbook(tmp_path / "bad.xlsx", [("2027-13-01", "休", "x")])
    assert cli.main(["holidays", "import", str(bad), "--db", str(database)]) == 2
    assert "row 2" in capsys.readouterr().err


def test_cli_holidays_need_a_real_year(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["holidays", "list", "twenty"])
    assert "not a year" in capsys.readouterr().err
