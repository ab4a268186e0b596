"""The office calendar dialog (File › Office calendar…) and the yellow schedule warning strip.

The dialog reads and writes off the GUI thread: the tests wait for its `loaded` / `answered`."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QSettings

from app.errors import StorageUnavailable, ValidationError
from app.services import calendar
from app.services.calendar import HolidayView
from app.services.importing import ImportRejected, ImportResult
from ui import errors as ui_errors
from ui.actions import ActionId
from ui.context import UiContext
from ui.dialogs import holidays as holidays_dialog
from ui.dialogs.holidays import HolidaysDialog
from ui.widgets import calendar_warning
from ui.widgets.calendar_warning import CalendarWarning

TIMEOUT_MS = 10_000


def _dialog(qtbot, ctx: UiContext, year: int | None = 2027) -> HolidaysDialog:  # noqa: ANN001
    dialog = HolidaysDialog(ctx, year=year)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading, timeout=TIMEOUT_MS)
    return dialog


def _answer(qtbot, dialog: HolidaysDialog, start) -> Any:  # noqa: ANN001
    """Start a save / removal / import (`start()` says it started) and wait for its answer."""
    with qtbot.waitSignal(dialog.answered, timeout=TIMEOUT_MS) as answered:
        assert start() is True
    return answered.args[0]


def _save(qtbot, dialog: HolidaysDialog) -> Any:  # noqa: ANN001
    return _answer(qtbot, dialog, dialog.save)


def _fill(dialog: HolidaysDialog, day: str, kind: str, name: str) -> None:
    dialog.form.field("day").setText(day)
    box = dialog.form.field("kind")
    box.setCurrentIndex(box.findData(kind))
    dialog.form.field("name").setText(name)


def _rows(dialog: HolidaysDialog) -> list[tuple[str, ...]]:
    table = dialog.table
    return [
        tuple(table.item(r, c).text() for c in range(table.columnCount()))
        for r in range(table.rowCount())
    ]


def test_add_an_entry_and_see_it_in_the_table(qtbot, ui_ctx: UiContext) -> None:  # noqa: ANN001
    dialog = _dialog(qtbot, ui_ctx)
    assert dialog.year() == 2027 and _rows(dialog) == []
    assert "2027" in dialog.state_label.text()
    _fill(dialog, "2027-01-01", "off", "元旦")
    with qtbot.waitSignal(ui_ctx.bus.register_changed, timeout=TIMEOUT_MS) as changed:
        assert isinstance(_save(qtbot, dialog), HolidayView)
    assert changed.args == ["holidays"]
    _fill(dialog, "2027/1/3", "work", "元旦调休")
    assert isinstance(_save(qtbot, dialog), HolidayView)
    assert _rows(dialog) == [("2027-01-01", "休", "元旦"), ("2027-01-03", "班", "元旦调休")]
    assert not calendar.is_workday(date(2027, 1, 1)) and calendar.is_workday(date(2027, 1, 3))
    assert dialog.form.values()["day"] == ""  # ready for the next entry


def test_a_bad_date_or_kind_shows_under_its_field(qtbot, ui_ctx: UiContext) -> None:  # noqa: ANN001
    dialog = _dialog(qtbot, ui_ctx)
    _fill(dialog, "2027-13-40", "", "元旦")
    assert isinstance(_save(qtbot, dialog), ValidationError)
    assert dialog.form.errors.message("day")
    assert dialog.form.errors.message("kind")
    assert not dialog.form.errors.message("name")
    assert dialog.form.field("day").text() == "2027-13-40"  # the typed text stays
    assert _rows(dialog) == []
    assert calendar.list_holidays(ui_ctx.actor, 2027) == []


def test_edit_and_remove_an_entry(
    qtbot,  # noqa: ANN001
    ui_ctx: UiContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calendar.add_holiday(ui_ctx.actor, date(2027, 2, 6), "off", "春节")
    dialog = _dialog(qtbot, ui_ctx)
    dialog.table.selectRow(0)
    assert dialog.editing is not None
    assert dialog.form.field("day").text() == "2027-02-06"
    _fill(dialog, "2027-02-06", "work", "春节调休")
    assert isinstance(_save(qtbot, dialog), HolidayView)
    assert _rows(dialog) == [("2027-02-06", "班", "春节调休")]

    asked: list[str] = []
    monkeypatch.setattr(holidays_dialog, "confirm", lambda _p, _t, text: asked.append(text) or True)
    dialog.table.selectRow(0)
    assert isinstance(_answer(qtbot, dialog, dialog.remove), HolidayView)
    assert asked and "2027-02-06" in asked[0]
    assert _rows(dialog) == []
    assert calendar.list_holidays(ui_ctx.actor, 2027) == []


def test_import_from_excel(qtbot, ui_ctx: UiContext, tmp_path: Path) -> None:  # noqa: ANN001
    dialog = _dialog(qtbot, ui_ctx)
    wb = Workbook()
    ws = wb.active
    ws.append(["日期", "类型", "名称"])
    ws.append([date(2027, 1, 1), "休", "元旦"])
    ws.append(["2027-02-30", "休", "春节"])
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    assert isinstance(_answer(qtbot, dialog, lambda: dialog.import_from(bad)), ImportRejected)
    assert "3" in dialog.last_report and "日期" in dialog.last_report
    assert _rows(dialog) == []

    ws.delete_rows(3)
    good = tmp_path / "good.xlsx"
    wb.save(good)
    assert isinstance(_answer(qtbot, dialog, lambda: dialog.import_from(good)), ImportResult)
    assert _rows(dialog) == [("2027-01-01", "休", "元旦")]


def test_a_failed_save_keeps_the_typed_entry_and_says_why(
    qtbot,  # noqa: ANN001
    ui_ctx: UiContext,
    monkeypatch: pytest.MonkeyPatch,
    english: None,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(ui_errors, "_exec_box", lambda box: shown.append(box.text()) or 0)
    dialog = _dialog(qtbot, ui_ctx)
    release = threading.Event()
    workers: list[threading.Thread] = []

    def share_gone(*_args: object, **_kwargs: object) -> None:
        workers.append(threading.current_thread())
        release.wait(TIMEOUT_MS / 1000)
        raise StorageUnavailable("share gone")

    real = calendar.add_holiday
    monkeypatch.setattr(calendar, "add_holiday", share_gone)
    _fill(dialog, "2027-05-01", "off", "劳动节")
    with qtbot.waitSignal(dialog.answered, timeout=TIMEOUT_MS) as answered:
        assert dialog.save() is True
        # on its way: the form says so and cannot be sent twice, nor the dialog closed
        assert dialog.busy and "Saving" in dialog.busy_label.text()
        assert dialog.busy_label.isVisibleTo(dialog)
        assert not dialog.save_button.isEnabled() and not dialog.form.isEnabled()
        assert dialog.save() is False
        dialog.reject()
        assert dialog.isVisible()
        release.set()
    assert isinstance(answered.args[0], StorageUnavailable)
    assert workers and workers[0] is not threading.main_thread()
    assert shown and "database" in shown[-1].lower()
    assert dialog.form.values() == {"day": "2027-05-01", "kind": "off", "name": "劳动节"}
    assert not dialog.busy and not dialog.busy_label.isVisibleTo(dialog)
    assert dialog.save_button.isEnabled() and dialog.form.isEnabled()
    assert _rows(dialog) == [] and calendar.list_holidays(ui_ctx.actor, 2027) == []

    # the share is back: the same typed entry saves
    monkeypatch.setattr(calendar, "add_holiday", real)
    assert isinstance(_save(qtbot, dialog), HolidayView)
    assert _rows(dialog) == [("2027-05-01", "休", "劳动节")]


def test_without_a_year_it_opens_on_the_year_the_desk_warns_about(
    qtbot,  # noqa: ANN001
    ui_ctx: UiContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calendar.add_holiday(ui_ctx.actor, date(2031, 1, 1), "off", "元旦")
    monkeypatch.setattr(calendar, "unknown_years", lambda: [2031])
    dialog = _dialog(qtbot, ui_ctx, year=None)
    assert dialog.year() == 2031
    assert _rows(dialog) == [("2031-01-01", "休", "元旦")]


def test_read_only_for_an_assistant(qtbot, ui_ctx: UiContext, make_actor) -> None:  # noqa: ANN001
    calendar.add_holiday(ui_ctx.actor, date(2027, 1, 1), "off", "元旦")
    ctx = UiContext(actor=make_actor("assistant"), database=ui_ctx.database)
    dialog = _dialog(qtbot, ctx)
    assert _rows(dialog) == [("2027-01-01", "休", "元旦")]
    assert not dialog.save_button.isEnabled() and not dialog.import_button.isEnabled()
    assert dialog.findChild(type(dialog.state_label), "holidays_readonly_note") is not None
    assert dialog.save() is False


def test_the_file_menu_opens_the_dialog(
    qtbot,  # noqa: ANN001
    ui_ctx: UiContext,
    ui_settings: QSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ui.main_window import MainWindow

    opened: list[HolidaysDialog] = []
    monkeypatch.setattr(HolidaysDialog, "exec", lambda self: opened.append(self) or 0)
    window = MainWindow(ui_ctx, ui_settings)
    qtbot.addWidget(window)
    action = window.actions_[ActionId.HOLIDAYS]
    file_menu = window.menuBar().actions()[0].menu()
    assert action in file_menu.actions()
    action.trigger()
    assert len(opened) == 1


def test_the_warning_strip_loads_off_the_gui_thread(
    qtbot,  # noqa: ANN001
    ui_ctx: UiContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads: list[threading.Thread] = []
    real = calendar_warning._load_warning  # noqa: SLF001

    def spy(today: date | None) -> object:
        threads.append(threading.current_thread())
        return real(today)

    monkeypatch.setattr(calendar_warning, "_load_warning", spy)
    strip = CalendarWarning(ui_ctx)
    qtbot.addWidget(strip)
    assert strip.isHidden()

    strip.today = date(2026, 11, 30)  # 2026 is known and it is not December yet
    with qtbot.waitSignal(strip.refreshed) as answer:
        strip.refresh()
    assert answer.args == [""] and strip.isHidden()

    strip.today = date(2026, 12, 1)  # December: 2027 is not known
    with qtbot.waitSignal(strip.refreshed) as answer:
        strip.refresh()
    assert "2027" in answer.args[0]
    assert not strip.isHidden() and "2027" in strip.warning_text()
    assert threads and all(t is not threading.main_thread() for t in threads)

    # a manager enters 2027 on this desk: the strip hears about it and hides
    calendar.add_holiday(ui_ctx.actor, date(2027, 1, 1), "off", "元旦")
    with qtbot.waitSignal(strip.refreshed) as answer:
        ui_ctx.bus.register_changed.emit("holidays")
    assert answer.args == [""] and strip.isHidden()
