"""The main window as a clerk meets it, for the desks' pytest-qt tests: open it active, scan."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.context import UiContext
from ui.main_window import MainWindow


def open_window(qtbot, actor, db, settings) -> MainWindow:  # noqa: ANN001
    """The main window, shown, exposed and active (the scan box takes the keys)."""
    window = MainWindow(UiContext(actor, db), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def scan(qtbot, window: MainWindow, code: str) -> None:  # noqa: ANN001
    """What a barcode scanner does: the code typed into the scan box, then Enter."""
    box = window.scan_box
    box.focus_scan()
    qtbot.keyClicks(box.line_edit, code)
    qtbot.keyClick(box.line_edit, Qt.Key.Key_Return)
