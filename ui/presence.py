"""This desk's presence heartbeat, off the GUI thread (app/services/presence.py).

`DeskPresence.start()` registers the desk (after log-in) and heartbeats every HEARTBEAT_EVERY_S
on a QThreadPool thread: a slow or vanished share never freezes the window. Each job uses its
thread's own database connection (peewee keeps one per thread) and closes it when done.
`desks_changed(count, names)` arrives on the GUI thread. `stop()` (window closing or the
application quitting) unregisters the desk, waiting at most STOP_WAIT_MS for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal

from app.services import presence
from ui.context import UiContext

log = logging.getLogger(__name__)

STOP_WAIT_MS = 3000


class _Signals(QObject):
    done = Signal(object)  # (desk_id, [DeskView])
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 - StorageUnavailable etc.: logged, next round
            log.warning("presence heartbeat failed: %s", exc)
            self.signals.failed.emit(str(exc))
        else:
            if result is not None:
                self.signals.done.emit(result)
        finally:
            presence.release_thread_connection()


class DeskPresence(QObject):
    desks_changed = Signal(int, list)  # number of connected desks, "PC (user)" names

    def __init__(
        self,
        ctx: UiContext,
        parent: QObject | None = None,
        interval_ms: int = presence.HEARTBEAT_EVERY_S * 1000,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.desk_id: int | None = None
        self._registered: int | None = None  # written by the pool thread as soon as known
        self.running = False
        self._busy = False
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.signals = _Signals(self)
        self.signals.done.connect(self._on_done)
        self.signals.failed.connect(self._on_failed)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.beat)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    def start(self) -> None:
        if self.running:
            return
        self.running = True
        self.beat()
        self.timer.start()

    def beat(self) -> None:
        """Register (first time) or heartbeat, then count, in the pool; skipped while the last
        round is still running (a hung share)."""
        if not self.running or self._busy:
            return
        self._busy = True
        actor, desk_id = self.ctx.actor, self.desk_id

        def job() -> tuple[int, list[presence.DeskView]]:
            result = presence.keep_alive(actor, desk_id)
            self._registered = result[0]
            return result

        self.pool.start(_Job(job, self.signals))

    def _on_done(self, result: tuple[int, list[presence.DeskView]]) -> None:
        self._busy = False
        desk_id, desks = result
        if not self.running:
            return
        self.desk_id = desk_id
        names = [f"{d.pc_name} ({d.username})" for d in desks]
        self.desks_changed.emit(len(desks), names)

    def _on_failed(self, _message: str) -> None:
        self._busy = False

    def stop(self) -> None:
        """Unregister this desk (in the pool; waits at most STOP_WAIT_MS). Idempotent."""
        if not self.running:
            return
        self.running = False
        self.timer.stop()
        self.pool.waitForDone(STOP_WAIT_MS)  # a round still running: its desk id counts too
        desk_id = self._registered
        self.desk_id = self._registered = None
        if desk_id is not None:
            self.pool.start(_Job(lambda: presence.unregister_desk(desk_id), self.signals))
        self.pool.waitForDone(STOP_WAIT_MS)
