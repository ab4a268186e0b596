"""The Today panel: overdue key loans and archive loans side by side, counts, a line opens its
record, a return refreshes it — and the service behind it, one query per group."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt

from app.kit import services as kit
from app.kit import today as kit_today
from app.services import keys, listing
from ui.context import UiContext
from ui.docks.registry import DOCKS
from ui.docks.today import TodayPanel
from ui.kit.checklist_dialog import ChecklistDialog
from ui.main_window import STATE_VERSION, MainWindow, load_dock_modules

if TYPE_CHECKING:
    from archive_fixtures import ArchiveOffice

pytest_plugins = ("archive_fixtures",)  # archive_office, no_dialogs

PAST = datetime(2026, 1, 5, 9, 30)  # a Monday: everything lent then is long overdue
SAVE_TIMEOUT = 10_000


@pytest.fixture
def overdue(archive_office: ArchiveOffice):  # noqa: ANN201
    """An overdue key loan and an overdue archive loan (lent long ago), one file on the shelf."""
    admin = archive_office.admin
    keys.create_key(admin, code="K-PD", label="配电室", area="B1")
    key_loan = keys.lend_key(
        admin,
        "K-PD",
        borrower_kind="external",
        borrower_name="王五",
        document_ref="GA-1",
        approved_by="张经理",
        now=PAST,
    )
    lent = archive_office.new_file(0, present=2)
    kit.transition(
        admin,
        "archives",
        "lend",
        lent["id"],
        None,
        {"borrower_staff": archive_office.engineer_id, "kind": "borrow", "purpose": "装修审核"},
        now=PAST,
    )
    archive_office.new_file(1)  # on the shelf: not on the Today panel
    loan = listing.page(admin, "archive_loans", listing.ListRequest(), 0, 1)[0]
    return {"key_loan": key_loan, "file": lent, "archive_loan": loan}


def _panel(qtbot, actor, db) -> TodayPanel:  # noqa: ANN001
    panel = TodayPanel(UiContext(actor, db))
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.loaded, timeout=SAVE_TIMEOUT)
    return panel


def test_the_today_dock_replaces_the_overdue_strip() -> None:
    load_dock_modules()
    specs = {d.object_name: d for d in DOCKS}
    assert "dock_today" in specs and "dock_key_overdue" not in specs
    assert specs["dock_today"].order < min(
        d.order for d in DOCKS if d.object_name not in ("dock_navigator", "dock_today")
    )
    assert STATE_VERSION >= 2  # saved layouts with the old strip are not restored


def test_overdue_key_and_archive_loans_both_show_with_counts(qtbot, overdue, db, archive_office):  # noqa: ANN001
    panel = _panel(qtbot, archive_office.admin, db)
    assert panel.count("key_loans") == 1
    assert panel.count("archive_loans") == 1
    assert panel.count("archive_incidents") == 0
    key_line = panel.line_item("key_loans", overdue["key_loan"].id)
    archive_line = panel.line_item("archive_loans", overdue["archive_loan"]["id"])
    assert key_line is not None and overdue["key_loan"].number in key_line.text(0)
    assert archive_line is not None and overdue["archive_loan"]["number"] in archive_line.text(0)
    assert "王工程" in archive_line.text(0)
    assert archive_line.text(1).startswith("2026-01")  # the due time
    assert archive_line.text(2)  # how late
    groups = {
        panel.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole): panel.tree.topLevelItem(i)
        for i in range(panel.tree.topLevelItemCount())
    }
    assert "(1)" in groups["key_loans"].text(0) and "(1)" in groups["archive_loans"].text(0)
    assert "Archive files overdue" in groups["archive_loans"].text(0)  # the declared label
    assert "2" in panel.title.text()  # two things to handle
    assert panel.current_line() is not None  # Enter opens the longest overdue at once


def test_a_role_sees_only_its_registers(qtbot, overdue, db, make_actor) -> None:  # noqa: ANN001
    panel = _panel(qtbot, make_actor("engineering"), db)  # keys and repairs yes, archives no
    assert {g.register for g in panel.groups} == {
        "key_loans",
        "work_orders",
        "complaints",
        "callbacks",
    }
    assert panel.count("key_loans") == 1


def test_a_line_opens_its_record_and_a_return_refreshes_it(
    qtbot,
    overdue,
    db,
    archive_office,
    ui_settings,
    no_dialogs,  # noqa: ANN001
) -> None:
    window = MainWindow(UiContext(archive_office.admin, db), ui_settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    panel = window.docks["dock_today"].widget()
    assert isinstance(panel, TodayPanel)  # the raised first tab: the clerk sees it first
    assert window.docks["dock_today"].isVisible()
    qtbot.waitUntil(lambda: panel.loaded, timeout=SAVE_TIMEOUT)

    line = panel.line_item("archive_loans", overdue["archive_loan"]["id"])
    panel.tree.setCurrentItem(line)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)  # Enter on the line
    loans = window.docks["dock_archive_loans"].widget()
    assert loans.record is not None and loans.record["id"] == overdue["archive_loan"]["id"]
    assert loans.problem.isVisible()  # "overdue since …" in red on the card

    key_line = panel.line_item("key_loans", overdue["key_loan"].id)
    panel.tree.itemActivated.emit(key_line, 0)
    key_loans = window.docks["dock_key_loans"].widget()
    assert key_loans.loan is not None and key_loans.loan.number == overdue["key_loan"].number

    # the file comes back through its Return checklist: the panel refreshes by itself
    files = window.show_dock("dock_archives")
    files.show_record("archives", overdue["file"]["id"])
    dialog = files.start_transition("return")
    assert isinstance(dialog, ChecklistDialog)
    dialog.checklist.mark_all()
    for box in dialog.confirm_boxes:
        box.setChecked(True)
    with qtbot.waitSignal(panel.refreshed, timeout=SAVE_TIMEOUT):
        dialog.save()
    qtbot.waitUntil(lambda: panel.count("archive_loans") == 0, timeout=SAVE_TIMEOUT)
    assert panel.line_item("archive_loans", overdue["archive_loan"]["id"]) is None
    assert panel.count("key_loans") == 1  # the key is still out
    if files.last_preview is not None:
        files.last_preview.close()


def test_open_incidents_are_listed_until_closed(qtbot, overdue, db, archive_office) -> None:  # noqa: ANN001
    admin = archive_office.admin
    contents = kit.record(admin, "archives", overdue["file"]["id"])
    from app.kit import items

    docs = [
        d.id
        for s in items.item_list(admin, "archives", contents["id"]).sections
        for d in s.items
        if d.present
    ]
    kit.transition(
        admin,
        "archives",
        "return",
        contents["id"],
        None,
        {"ok": docs[:1], "missing": docs[1:], "note": "遗失"},
    )
    panel = _panel(qtbot, admin, db)
    assert panel.count("archive_incidents") == 1  # open, whatever its due time
    assert panel.count("archive_loans") == 0


def test_the_service_runs_one_query_per_group_plus_counts(overdue, archive_office, caplog) -> None:  # noqa: ANN001
    caplog.set_level(logging.DEBUG, logger="peewee")
    now = datetime.now()
    groups = kit_today.today(archive_office.admin, now)
    # the office settings and holiday table a due rule reads are not the registers' queries
    selects = [
        r
        for r in caplog.records
        if r.name == "peewee"
        and "SELECT" in str(r.msg)
        and not any(t in str(r.msg) for t in ('"office_setting"', '"office_holiday"'))
    ]
    regs = kit_today.registers_for(archive_office.admin)
    # lines + count for each group, and the next due time for those not listing all open; none
    # for a group that lists nothing at this moment (callbacks outside the call windows)
    resting = [r for r in regs if r.due is not None and r.due.listed_from(now) is not None]
    listing_now = [r for r in regs if r not in resting]
    assert len(selects) == 2 * len(listing_now) + sum(
        1 for r in listing_now if not r.today.all_open
    )
    by_name = {g.register: g for g in groups}
    assert by_name["archive_loans"].count == 1
    assert by_name["archive_loans"].lines[0].overdue
    assert by_name["key_loans"].lines[0].record_id == overdue["key_loan"].id


def test_lines_are_capped_but_the_count_is_not(overdue, archive_office) -> None:  # noqa: ANN001
    later = archive_office.new_file(2)
    kit.transition(
        archive_office.admin,
        "archives",
        "lend",
        later["id"],
        None,
        {"borrower_staff": archive_office.clerk_id, "kind": "borrow", "purpose": "x"},
        now=PAST + timedelta(days=1),
    )
    groups = {g.register: g for g in kit_today.today(archive_office.admin, limit=1)}
    assert groups["archive_loans"].count == 2
    assert len(groups["archive_loans"].lines) == 1
    first = groups["archive_loans"].lines[0]
    request = listing.ListRequest(filters=(("show", "all"),))
    dues = {
        r["id"]: r["due_at"]
        for r in listing.page(archive_office.admin, "archive_loans", request, 0, 9)
    }
    assert first.due_at == min(dues.values())  # the longest overdue first
    assert first.record_id == min(dues, key=dues.get)
