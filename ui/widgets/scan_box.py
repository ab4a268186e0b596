"""The scan box: where keyboard-wedge scanners (text + Enter) and typed codes go.

A scan is read at the moment its Enter arrives and queued, so a scanner that types the next
code while the previous one is still being looked up (or while opening a record spins an event
loop) loses neither the Enter nor the characters. After a scan the text stays selected: the next
scan replaces it.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from app.errors import NotFound, PermissionDenied, StorageUnavailable
from app.services.context import Actor
from app.services.scan import ScanHit
from ui.context import UiContext
from ui.icons import icon

log = logging.getLogger(__name__)

Resolver = Callable[[Actor, str], ScanHit]

ERROR_STYLE = "color: #c62828; font-weight: bold;"
OK_STYLE = "color: #2e7d32;"


class ScanLineEdit(QLineEdit):
    """Catches Return/Enter itself so the text is captured before anything else can change it."""

    entered = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit(self.text())
            event.accept()
            return
        super().keyPressEvent(event)


class ScanBox(QWidget):
    """Line edit + inline message. `scanned(hit)` after a successful look-up."""

    scanned = Signal(object)  # ScanHit
    failed = Signal(str)  # the code that found nothing (or could not be looked up)
    storage_failed = Signal(str)  # the database could not be reached

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        resolver: Resolver | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._resolver = resolver
        self._queue: deque[str] = deque()
        self._busy = False
        self._last: tuple[str, ScanHit] | None = None  # the record the box is showing

        self.line_edit = ScanLineEdit(self)
        self.line_edit.setObjectName("scan_box")
        self.line_edit.setPlaceholderText(
            QCoreApplication.translate("ScanBox", "Scan or type a code, then Enter  (F2)")
        )
        self.line_edit.setClearButtonEnabled(True)
        self.line_edit.addAction(icon("scan"), QLineEdit.ActionPosition.LeadingPosition)
        self.line_edit.setMinimumWidth(280)
        self.line_edit.setMaximumWidth(420)
        self.line_edit.setAccessibleName(QCoreApplication.translate("ScanBox", "Scan box"))
        self.line_edit.entered.connect(self._on_entered)
        self.line_edit.textEdited.connect(self._clear_message)
        self.line_edit.textEdited.connect(self._forget_last)

        self.message = QLabel(self)
        self.message.setObjectName("scan_message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setMinimumWidth(260)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.line_edit)
        layout.addWidget(self.message, 1)
        self.setFocusProxy(self.line_edit)

    # -- public -------------------------------------------------------------------------------

    def focus_scan(self) -> None:
        """Put the cursor in the box with its text selected (F2 / Ctrl+L)."""
        self.window().activateWindow()
        self.line_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.line_edit.selectAll()

    def submit(self, text: str) -> None:
        """Handle one scan as if it had been typed and Enter pressed."""
        self._on_entered(text)

    def show_error(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)

    def show_ok(self, text: str) -> None:
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(text)

    # -- internals ----------------------------------------------------------------------------

    def _clear_message(self) -> None:
        if self.message.text():
            self.message.clear()

    def _resolve(self, code: str) -> ScanHit:
        if self._resolver is not None:
            return self._resolver(self.ctx.actor, code)
        from app.services import scan

        return scan.resolve(self.ctx.actor, code)

    def _on_entered(self, text: str) -> None:
        code = text.strip()
        if not code:
            return
        self._queue.append(code)
        if self._busy:  # re-entered from an event loop a record opened: handled after this one
            return
        self._busy = True
        try:
            while self._queue:
                self._handle(self._queue.popleft())
        finally:
            self._busy = False

    def _forget_last(self) -> None:
        self._last = None

    def _handle(self, code: str) -> None:
        if self._last is not None and self._last[0] == code:
            # Enter again on the record just opened: scan → Enter → lend (or return) dialog.
            hit = self._last[1]
            self.ctx.bus.act_on_record.emit(hit.register, hit.record_id)
            return
        self._last = None
        try:
            hit = self._resolve(code)
        except NotFound:
            self._after(code)
            self.show_error(
                QCoreApplication.translate("ScanBox", "Nothing carries the code {code}.").format(
                    code=code
                )
            )
            self.failed.emit(code)
            return
        except StorageUnavailable:
            self._after(code)
            self.show_error(
                QCoreApplication.translate(
                    "ScanBox", "The database cannot be reached; scan again in a moment."
                )
            )
            self.storage_failed.emit(code)
            self.failed.emit(code)
            return
        except PermissionDenied:
            self._after(code)
            self.show_error(
                QCoreApplication.translate("ScanBox", "Your role may not open this record.")
            )
            self.failed.emit(code)
            return
        except Exception:  # a broken resolver must not swallow the next scan
            log.exception("scan of %r failed", code)
            self._after(code)
            self.show_error(
                QCoreApplication.translate("ScanBox", "This code could not be looked up.")
            )
            self.failed.emit(code)
            return
        self._after(code)
        self._last = (code, hit)
        self.show_ok(
            QCoreApplication.translate("ScanBox", "{title} — Enter again to handle it").format(
                title=hit.title
            )
        )
        self.ctx.bus.status_message.emit(
            QCoreApplication.translate("ScanBox", "Scanned {code}: {title}").format(
                code=code, title=hit.title
            )
        )
        self.scanned.emit(hit)
        self.ctx.bus.open_record.emit(hit.register, hit.record_id)
        # Opening a record may move the focus into its dock; the next scan still lands here.
        self.line_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.line_edit.selectAll()

    def _after(self, code: str) -> None:
        self.line_edit.setText(code)
        self.line_edit.selectAll()
