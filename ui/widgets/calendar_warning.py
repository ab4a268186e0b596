"""A yellow strip saying a year's holiday schedule is missing (app.services.calendar).

While neither the installed chinese_calendar nor the office table knows this year — or, in
December, next year — Monday–Friday are being counted as working days, and the desk should know.
The strip is hidden when there is nothing to say. `refresh()` asks the calendar OFF the GUI thread
(ui.tasks.run_in_background: the office table lives on the shared drive); it refreshes itself
every half hour (the date moves on, another PC may enter the schedule) and, given a UiContext,
whenever this desk changes the office calendar (`bus.register_changed("holidays")`).
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ui.context import UiContext
from ui.i18n import tr_msg
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

REFRESH_INTERVAL_MS = 30 * 60 * 1000
WARNING_STYLE = (
    "#calendar_warning { background: #fff8e1; color: #5d4300; border: 1px solid #f9a825;"
    " border-radius: 3px; padding: 6px 10px; }"
)


def _load_warning(today: date | None) -> object:
    from app.services import calendar

    return calendar.schedule_warning(today)


class CalendarWarning(QLabel):
    # The text now shown after a refresh ('' when hidden); also emitted when nothing changed.
    refreshed = Signal(str)

    def __init__(
        self,
        ctx: UiContext | None = None,
        parent: QWidget | None = None,
        *,
        interval_ms: int = REFRESH_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("calendar_warning")
        self.setStyleSheet(WARNING_STYLE)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.loading = False
        self._again = False
        self.today: date | None = None  # None: the real date (tests set a fixed day)
        self.setVisible(False)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        if ctx is not None:
            ctx.bus.register_changed.connect(self._register_changed)

    def _register_changed(self, register: str) -> None:
        if register == "holidays":
            self.refresh()

    def refresh(self) -> None:
        """Ask the calendar in a worker thread; the answer shows (or hides) the strip."""
        if self.loading:  # one at a time; ask again once the running one is back
            self._again = True
            return
        self.loading = True
        today = self.today
        run_in_background(lambda: _load_warning(today), self._loaded, self._failed)

    def _loaded(self, warning: object) -> None:
        try:
            self.loading = False
            text = tr_msg(warning) if warning else ""
            self.setText(text)
            self.setToolTip(text)
            self.setVisible(bool(text))
            self.refreshed.emit(text)
            self._maybe_again()
        except RuntimeError:  # the widget was deleted while the job ran
            log.debug("calendar warning gone before its answer", exc_info=True)

    def _failed(self, exc: BaseException) -> None:
        """The database could not be asked: keep what is shown; the next refresh tries again."""
        log.info("calendar warning not refreshed: %s", exc)
        try:
            self.loading = False
            self.refreshed.emit(self.warning_text())
            self._maybe_again()
        except RuntimeError:
            log.debug("calendar warning gone before its answer", exc_info=True)

    def _maybe_again(self) -> None:
        if self._again:
            self._again = False
            self.refresh()

    def warning_text(self) -> str:
        """What the strip says ('' while hidden)."""
        return self.text() if not self.isHidden() else ""


__all__ = ["CalendarWarning"]
