"""This desk's presence heartbeat, off the GUI thread (app/services/presence.py).

`DeskPresence.start()` registers the desk (after log-in) and heartbeats every HEARTBEAT_EVERY_S
on a QThreadPool thread: a slow or vanished share never freezes the window. Each job uses its
thread's own database connection (ui.tasks closes it when the job is done).
`desks_changed(count, names)` arrives on the GUI thread. `stop()` (window closing or the
application quitting) unregisters the desk, waiting at most STOP_WAIT_MS for it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, QTimer, Signal

from app.services import presence
from ui.context import UiContext
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

STOP_WAIT_MS = 3000


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
        self.pool.setMaxThreadCount(1)  # register, heartbeats and unregister stay in order
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

        run_in_background(job, self._on_done, self._on_failed, self.pool)

    def _on_done(self, result: tuple[int, list[presence.DeskView]]) -> None:
        self._busy = False
        desk_id, desks = result
        if not self.running:
            return
        self.desk_id = desk_id
        names = [f"{d.pc_name} ({d.username})" for d in desks]
        self.desks_changed.emit(len(desks), names)

    def _on_failed(self, exc: BaseException) -> None:
        log.warning("presence heartbeat failed: %s", exc)  # the next round tries again
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
            run_in_background(
                lambda: presence.unregister_desk(desk_id), on_failed=self._on_failed, pool=self.pool
            )
        self.pool.waitForDone(STOP_WAIT_MS)
