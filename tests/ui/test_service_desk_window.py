"""The service desk in the main window (real SQLite): take the call → dispatch → the engineer
scans the order on arrival → finish with acceptance → the callback from the queue, unsatisfied,
reopens the order; the arrival clock; the callback script; a refused paid finish keeps the form."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from desk_window import open_window, scan

from app.kit import services as kit
from app.models import Callback, WorkOrder
from ui.context import UiContext
from ui.docks.service_desk import ArrivalClock, CallbacksDock, WorkOrdersDock
from ui.kit.transition_dialog import RecordDialog, TransitionDialog

if TYPE_CHECKING:
    from service_desk_fixtures import DeskOffice

pytest_plugins = ("archive_fixtures", "service_desk_fixtures")  # no_dialogs, desk_office

SAVE_TIMEOUT = 10_000


def _save(qtbot, dock, dialog) -> None:  # noqa: ANN001
    assert dialog.save() is True
    qtbot.waitUntil(lambda: not dialog.saving, timeout=SAVE_TIMEOUT)
    qtbot.waitUntil(lambda: dock.active_dialog is None, timeout=SAVE_TIMEOUT)


def test_take_call_dispatch_arrive_finish_callback(
    qtbot,
    desk_office: DeskOffice,
    db,
    ui_settings,
    no_dialogs,  # noqa: ANN001
) -> None:
    window = open_window(qtbot, desk_office.clerk, db, ui_settings)
    for name in ("dock_work_orders", "dock_complaints", "dock_callbacks"):
        assert name in window.docks
    window.docks["dock_work_orders"].show()
    orders = window.docks["dock_work_orders"].ensure_widget()
    assert isinstance(orders, WorkOrdersDock)

    # take the call: New (Ctrl+N) — the customer's area, unit, fault
    new = orders.new_record()
    assert isinstance(new, RecordDialog)
    new.inputs["unit"].setText("A-1201")
    new.inputs["reporter_name"].setText("张先生")
    new.inputs["contact_phone"].setText("13800138000")
    new.inputs["fault"].setPlainText("卫生间水龙头漏水")
    category = new.inputs["category"]
    category.setCurrentIndex(category.findData("water"))
    _save(qtbot, orders, new)
    assert no_dialogs == []
    assert orders.record is not None and orders.record["number"].startswith("WX-")
    number = orders.record["number"]
    assert orders.record["status"] == "new"
    assert orders.at_hand() is orders.transition_buttons["dispatch"]

    # dispatch to the engineer: the order slip opens for the engineer to take along
    dispatch = orders.start_transition("dispatch")
    assert isinstance(dispatch, TransitionDialog)
    dispatch.inputs["engineer"].setText("王工程")
    _save(qtbot, orders, dispatch)
    assert orders.record["status"] == "dispatched"
    assert orders.last_preview is not None and orders.last_preview.pdf_bytes().startswith(b"%PDF")
    orders.last_preview.close()
    clock = orders.clock
    assert isinstance(clock, ArrivalClock) and clock.isVisible()
    assert "14:" in clock.text() or "15:00" in clock.text()
    clock.tick(orders.record["arrival_due_at"] + timedelta(seconds=61))
    assert "01:01" in clock.text() and "missed" in clock.text()

    # the engineer scans the order at the desk: Arrived at hand, Enter records it
    scan(qtbot, window, number)
    assert orders.at_hand() is orders.transition_buttons["arrive"]
    arrive = orders.start_transition("arrive")
    assert arrive.inputs["arrival_via"].currentData() == "scanned"
    _save(qtbot, orders, arrive)
    assert orders.record["status"] == "arrived" and orders.record["arrival_met"] is True
    assert not clock.isVisible()

    finish = orders.start_transition("finish")
    finish.inputs["work_done"].setPlainText("更换阀芯")
    finish.inputs["accepted_by"].setText("张先生")
    _save(qtbot, orders, finish)
    assert orders.record["status"] == "finished"

    # the callback is in the queue: its script names the customer; unsatisfied reopens
    (call,) = Callback.select()
    window.docks["dock_callbacks"].show()
    calls = window.docks["dock_callbacks"].ensure_widget()
    assert isinstance(calls, CallbacksDock)
    calls.show_record("callbacks", call.id)
    assert calls.script.isVisible() and "张先生" in calls.script.text.text()
    dialog = calls.start_transition("call")
    satisfaction = dialog.inputs["satisfaction"]
    satisfaction.setCurrentIndex(satisfaction.findData("unsatisfied"))
    dialog.inputs["comments"].setPlainText("还在滴水")
    _save(qtbot, calls, dialog)
    assert calls.record["status"] == "done"
    assert WorkOrder.get(WorkOrder.number == number).status == "reopened"
    assert no_dialogs == []


def test_a_refused_paid_finish_keeps_what_was_typed(
    qtbot,
    desk_office: DeskOffice,
    db,
    ui_settings,
    no_dialogs,  # noqa: ANN001
) -> None:
    now = datetime.now()
    order = desk_office.order(now - timedelta(minutes=30), paid=True)
    order = desk_office.step(
        order, "dispatch", now - timedelta(minutes=20), engineer=desk_office.engineer_id
    )
    order = desk_office.step(order, "arrive", now - timedelta(minutes=10), arrival_via="phoned")
    dock = WorkOrdersDock(UiContext(desk_office.clerk, db))
    qtbot.addWidget(dock)
    dock.show()
    dock.show_record("work_orders", order["id"])
    finish = dock.start_transition("finish")
    finish.inputs["work_done"].setPlainText("更换龙头")
    finish.inputs["accepted_by"].setText("张先生")
    assert finish.save() is True
    qtbot.waitUntil(lambda: not finish.saving, timeout=SAVE_TIMEOUT)
    assert finish.isVisible()
    assert finish.form.errors.message("work_done")  # no confirmation, no work
    assert finish.inputs["work_done"].toPlainText() == "更换龙头"
    assert kit.record(desk_office.clerk, "work_orders", order["id"])["status"] == "arrived"
    finish.reject()


def test_the_report_prints_from_the_callbacks_dock(
    qtbot,
    desk_office: DeskOffice,
    db,
    no_dialogs,  # noqa: ANN001
) -> None:
    desk_office.finished_order(datetime.now() - timedelta(hours=2))
    dock = CallbacksDock(UiContext(desk_office.supervisor, db))
    qtbot.addWidget(dock)
    preview = dock.print_report()
    assert preview is not None and preview.pdf_bytes().startswith(b"%PDF")
    preview.close()
    dock.report_period.setText("2026-13")
    assert dock.print_report() is None  # the period is refused with a message
    assert no_dialogs
