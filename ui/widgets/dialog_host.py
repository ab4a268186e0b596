"""What a dock that opens dialogs and PDF previews shares: they open window-modally without a
nested event loop (the keyboard flow stays scan → Enter → fill → Enter, and tests drive them
without blocking); `active_dialog` is the one open now, `last_preview` the last preview."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog

from ui.dialogs.key_common import open_window, preview_pdf
from ui.widgets.pdf_preview import PdfPreviewDialog


class DialogHost:
    active_dialog: QDialog | None = None
    last_preview: PdfPreviewDialog | None = None

    def open_dialog(self, dialog: QDialog, on_accept: Callable[[Any], None]) -> QDialog:
        """Open `dialog`; `on_accept(dialog.result_view)` runs when it is accepted."""
        self.active_dialog = dialog

        def done(code: int) -> None:
            if self.active_dialog is dialog:
                self.active_dialog = None
            if code == QDialog.DialogCode.Accepted:
                on_accept(getattr(dialog, "result_view", None))

        dialog.finished.connect(done)
        return open_window(dialog)

    def preview(self, build: Callable[[], bytes], title: str) -> PdfPreviewDialog | None:
        """The PDF `build` makes, in the preview (Print with Enter or Ctrl+P)."""
        self.last_preview = preview_pdf(self, build, title)  # type: ignore[arg-type]
        return self.last_preview
