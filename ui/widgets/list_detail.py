"""The register layout every dock shares: the list on the left, the record panel on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QSplitter, QVBoxLayout, QWidget


def list_beside_panel(
    owner: QWidget, listing: QWidget, panel: QWidget, min_width: int
) -> QSplitter:
    """Lay `listing` and a scrollable `panel` side by side (3:2) as `owner`'s whole content."""
    scroll = QScrollArea(owner)
    scroll.setWidgetResizable(True)
    scroll.setWidget(panel)
    scroll.setMinimumWidth(min_width)
    splitter = QSplitter(Qt.Orientation.Horizontal, owner)
    splitter.addWidget(listing)
    splitter.addWidget(scroll)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(splitter)
    return splitter
