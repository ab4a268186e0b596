"""What the key dialogs share: a form dialog that saves through one service call, staff lookup,
and opening printed sheets in the PDF preview.

Dialogs and previews are opened with `open_window()` (QDialog.open(): window-modal, not a nested
event loop), so the keyboard flow stays scan → Enter → fill → Enter and tests drive the dialogs
without blocking. `run_modal()` exists for the few places that need an answer before going on;
tests replace it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConflictError, PropDeskError, ValidationError
from app.services import listing
from app.services.listing import ListRequest
from ui.context import UiContext
from ui.errors import show_error
from ui.widgets.form import RecordForm
from ui.widgets.pdf_preview import PdfPreviewDialog

log = logging.getLogger(__name__)

STAFF_LIMIT = 2000


def run_modal(dialog: QDialog) -> int:
    """dialog.exec(); separate so tests can answer instead of blocking."""
    return dialog.exec()


def open_window(dialog: QDialog) -> QDialog:
    """Show a dialog window-modally without a nested event loop; it deletes itself on close."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.open()
    return dialog


def build_pdf(parent: QWidget | None, build: Callable[[], bytes]) -> bytes | None:
    """The PDF bytes, or None after telling the clerk why not."""
    try:
        return build()
    except Exception as exc:  # noqa: BLE001 - every failure is shown, bugs logged
        show_error(parent, exc)
        return None


def preview_pdf(
    parent: QWidget | None, build: Callable[[], bytes], title: str
) -> PdfPreviewDialog | None:
    """Open the PDF that `build` makes in the preview (Print with Enter or Ctrl+P)."""
    data = build_pdf(parent, build)
    if data is None:
        return None
    try:
        dialog = PdfPreviewDialog(data, title, parent)
    except Exception as exc:  # noqa: BLE001 - an unreadable PDF is a bug: shown and logged
        show_error(parent, exc)
        return None
    open_window(dialog)
    return dialog


def print_direct(parent: QWidget | None, build: Callable[[], bytes], title: str) -> bool:
    """Straight to the print dialog (Ctrl+P), no preview."""
    data = build_pdf(parent, build)
    if data is None:
        return False
    dialog = PdfPreviewDialog(data, title, parent)
    try:
        return dialog.print_document()
    finally:
        dialog.deleteLater()


class StaffPicker(QLineEdit):
    """A staff member typed by name, completed from the active staff list.

    `staff_id()` is the chosen member's id: the completion picked, or the one active member with
    exactly the typed name; None otherwise (the service then says "Choose the staff member").
    """

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("Type a name…"))
        self.setMaxLength(64)
        self._by_text: dict[str, int] = {}
        self._by_name: dict[str, list[int]] = {}
        texts: list[str] = []
        try:
            rows = listing.page(
                ctx.actor, "staff", ListRequest(filters=(("active", True),)), 0, STAFF_LIMIT
            )
        except PropDeskError as exc:
            log.warning("staff list not loaded: %s", exc)
            rows = []
        for r in rows:
            text = "  ".join(
                p for p in (r["name"], r.get("department") or "", r.get("position") or "") if p
            )
            self._by_text[text] = r["id"]
            self._by_name.setdefault(r["name"], []).append(r["id"])
            texts.append(text)
        completer = QCompleter(QStringListModel(texts, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)

    def staff_id(self) -> int | None:
        text = self.text().strip()
        if text in self._by_text:
            return self._by_text[text]
        ids = self._by_name.get(text, [])
        return ids[0] if len(ids) == 1 else None

    def names(self) -> list[str]:
        return list(self._by_text)


class ServiceFormDialog(QDialog):
    """A RecordForm + OK/Cancel. OK (Enter) calls `submit()`; errors go next to their fields,
    the typed text stays, and the dialog closes only when the service saved."""

    ok_text = "OK"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_view: Any = None
        self.form = RecordForm(self)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            self.tr("OK"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button.setDefault(True)
        self.ok_button.setObjectName("dialog_ok")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.form, 1)
        self.layout_.addWidget(self.buttons)

    def submit(self) -> Any:
        """Call the service; return its view. Raise what it raises."""
        raise NotImplementedError

    def after_save(self, view: Any) -> None:
        """Emit register_changed etc."""

    def on_validation(self, exc: ValidationError) -> None:
        """Messages for fields the form does not have as such (e.g. table lines)."""

    def on_conflict(self, exc: ConflictError) -> None:
        show_error(self, exc, self.form.field_labels())

    def save(self) -> bool:
        self.form.errors.clear()
        try:
            view = self.submit()
        except ValidationError as exc:
            self.form.errors.show(exc)
            self.on_validation(exc)
            self.ctx.bus.status_message.emit(
                self.tr("Not saved: please correct the marked fields.")
            )
            return False
        except ConflictError as exc:
            self.on_conflict(exc)
            return False
        except Exception as exc:  # noqa: BLE001 - StorageUnavailable etc.: the text stays
            show_error(self, exc, self.form.field_labels())
            return False
        self.result_view = view
        self.after_save(view)
        self.accept()
        return True


class ScanEdit(QLineEdit):
    """A scan field: Enter (the scanner's, or typed) emits `scanned(text)` and clears the field;
    it never presses the dialog's default button."""

    scanned = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            text = self.text().strip()
            self.clear()
            if text:
                self.scanned.emit(text)
            event.accept()
            return
        super().keyPressEvent(event)
