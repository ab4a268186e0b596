"""The status bar shows how many desks are connected; the heartbeat runs off the GUI thread."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from pytestqt.qtbot import QtBot

from app.services import presence
from app.services.context import Actor
from ui.context import UiContext
from ui.presence import DeskPresence
from ui.widgets.status_bar import StatusBar


def test_status_bar_counts_the_connected_desks(
    qtbot: QtBot,
    ui_ctx: UiContext,
    admin: Actor,
    english: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = datetime.now()
    presence.register_desk(admin, pc_name="FRONT-2", now=now)
    presence.register_desk(admin, pc_name="FRONT-3", now=now)
    bar = StatusBar(ui_ctx)
    qtbot.addWidget(bar)
    assert bar.desks_text() == ""  # nothing shown before the first heartbeat

    threads: list[str] = []
    original = presence.keep_alive

    def spy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        threads.append(threading.current_thread().name)
        return original(*args, **kwargs)

    monkeypatch.setattr(presence, "keep_alive", spy)
    desk = DeskPresence(ui_ctx, bar, interval_ms=50)
    desk.desks_changed.connect(bar.set_desks)
    bar.show()
    desk.start()
    qtbot.waitUntil(lambda: bar.desks_text() == "3 desks connected", timeout=10_000)
    qtbot.waitUntil(lambda: len(threads) >= 3, timeout=10_000)  # it keeps beating
    assert threading.main_thread().name not in threads  # never on the GUI thread
    assert "FRONT-2" in bar.desks.toolTip() and admin.username in bar.desks.toolTip()

    desk.stop()  # the window closes: this desk is gone, the other two remain
    assert len(presence.connected_desks()) == 2
    desk.stop()  # idempotent


def test_main_window_registers_and_unregisters(
    qtbot: QtBot,
    ui_ctx: UiContext,
    ui_settings,
    english: None,  # noqa: ANN001
) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(ui_ctx, ui_settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.status.desks_text() == "1 desks connected", timeout=10_000)
    assert [d.username for d in presence.connected_desks()] == [ui_ctx.actor.username]
    window.close()
    assert presence.connected_desks() == []
