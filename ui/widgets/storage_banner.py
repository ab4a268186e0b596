"""The red strip across the top of the main window while the database cannot be reached.

It appears when any service call met StorageUnavailable (`bus.storage_state.emit(False)`, which
ui.errors.describe_error sends for every such error the clerk is told about). While it shows, a
timer probes the database every few seconds OFF the GUI thread (`app.maintenance.probe()`, a cheap
read that touches the file); the Retry button probes at once. When a probe answers, the banner
hides and `storage_state.emit(True)` tells the rest (status bar). Typed text in open dialogs is
untouched: the dialogs keep it on a failed save; the clerk saves again once the strip is gone.

It is a QToolBar so the main window can place it as a full-width row under the scan bar.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QToolBar, QWidget

from ui.context import UiContext
from ui.icons import icon
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

PROBE_INTERVAL_MS = 4000
BANNER_STYLE = (
    "#storage_banner_body { background: #fdecea; border-bottom: 2px solid #c62828; }"
    "#storage_banner_text { color: #8b0000; font-weight: bold; }"
)


def _default_probe() -> bool:
    from app import maintenance

    return maintenance.probe()


class StorageBanner(QToolBar):
    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        probe: Callable[[], bool] | None = None,
        interval_ms: int = PROBE_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._probe = probe or _default_probe
        self.unavailable = False
        self.probing = False
        self.setObjectName("storage_banner")
        self.setWindowTitle(self.tr("Database connection"))
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)  # not a panel the clerk switches on or off

        body = QWidget(self)
        body.setObjectName("storage_banner_body")
        body.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        body.setStyleSheet(BANNER_STYLE)
        body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(body)
        layout.setContentsMargins(10, 6, 10, 6)
        self.icon_label = QLabel(body)
        self.icon_label.setPixmap(icon("error").pixmap(20, 20))
        self.text_label = QLabel(
            self.tr(
                "Cannot reach the database (network drive disconnected?). What you typed is kept; "
                "save again once the connection is back."
            ),
            body,
        )
        self.text_label.setObjectName("storage_banner_text")
        self.text_label.setWordWrap(True)
        self.state_label = QLabel(body)
        self.state_label.setObjectName("storage_banner_state")
        self.retry_button = QPushButton(self.tr("Retry"), body)
        self.retry_button.setObjectName("storage_banner_retry")
        self.retry_button.clicked.connect(self.probe_now)
        layout.addWidget(self.icon_label)
        layout.addWidget(self.text_label, 1)
        layout.addWidget(self.state_label)
        layout.addWidget(self.retry_button)
        self.addWidget(body)

        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.probe_now)
        ctx.bus.storage_state.connect(self.set_available)
        self.setVisible(False)

    # -- state ----------------------------------------------------------------------------------

    def set_available(self, available: bool) -> None:
        if available:
            if self.unavailable:
                self.unavailable = False
                self.timer.stop()
                self.setVisible(False)
            return
        if not self.unavailable:
            self.unavailable = True
            self.state_label.clear()
            self.setVisible(True)
            self.timer.start()

    def sync_visibility(self) -> None:
        """After restoreState (which remembers toolbars): shown exactly while unavailable."""
        self.setVisible(self.unavailable)

    # -- probing ---------------------------------------------------------------------------------

    def probe_now(self) -> None:
        """Ask the database in a worker thread; the answer comes back queued to the GUI thread.
        A probe still running (a share can hang for a while) is not doubled."""
        if self.probing:
            return
        self.probing = True
        self.retry_button.setEnabled(False)
        self.state_label.setText(self.tr("Checking…"))
        probe = self._probe

        def run() -> bool:
            return bool(probe())

        # A failing probe (any exception) means "not yet".
        run_in_background(run, self._probe_done, lambda _exc: self._probe_done(False))

    def _probe_done(self, ok: bool) -> None:
        self.probing = False
        self.retry_button.setEnabled(True)
        if ok:
            self.state_label.clear()
            self.ctx.bus.storage_state.emit(True)  # hides this banner, restores the status bar
        else:
            self.state_label.setText(self.tr("Still not reachable."))
