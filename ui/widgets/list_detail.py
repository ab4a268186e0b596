"""The register layout every dock shares: the list on the left, the record panel on the right.

The record panel's pieces, the same on every register dock (the kit's RegisterDock, the key dock):
the bold heading, the card's value labels, the buttons (disabled with the reason as tooltip when
not allowed) and the history table, newest first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.formatting import format_datetime
from ui.icons import icon

CONTEXT = "RecordPanel"  # the translation context of the texts here (spelt out: lupdate reads them)
HISTORY_HEADERS = (
    QT_TRANSLATE_NOOP("RecordPanel", "When"),
    QT_TRANSLATE_NOOP("RecordPanel", "What"),
    QT_TRANSLATE_NOOP("RecordPanel", "By"),
    QT_TRANSLATE_NOOP("RecordPanel", "Detail"),
)


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


def record_heading(parent: QWidget, text: str, name: str) -> QLabel:
    """The record's number and title on top of its card, bold and a little larger."""
    heading = QLabel(text, parent)
    heading.setObjectName(name)
    heading.setWordWrap(True)
    font = heading.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.2)
    heading.setFont(font)
    return heading


def card_value(parent: QWidget, name: str) -> QLabel:
    """One value on the card ("—" until a record is shown); the clerk can select and copy it."""
    value = QLabel("—", parent)
    value.setObjectName(name)
    value.setWordWrap(True)
    value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return value


def panel_button(
    parent: QWidget, icon_name: str, text: str, name: str, tip: str = ""
) -> QPushButton:
    b = QPushButton(icon(icon_name), text, parent)
    b.setObjectName(name)
    if tip:
        b.setToolTip(tip)
    b.setAutoDefault(True)  # Enter on a focused button presses it, as Space does
    return b


def not_your_role() -> str:
    return QCoreApplication.translate("RecordPanel", "Your role may not do this.")


def guard(button: QPushButton, allowed: bool, why: str = "") -> None:
    """Enable a button the role may use; otherwise disable it with the reason as tooltip (the
    services check the permission anyway)."""
    button.setEnabled(allowed)
    if not allowed:
        button.setToolTip(why or not_your_role())


def history_table(parent: QWidget, name: str) -> QTableWidget:
    """The record's trail: when, what, by whom, detail (`show_history` fills it)."""
    table = QTableWidget(0, 4, parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(
        [QCoreApplication.translate(CONTEXT, text) for text in HISTORY_HEADERS]
    )
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    table.setMinimumHeight(120)
    return table


def show_history(
    table: QTableWidget, events: Iterable[Mapping[str, Any]], kind_label: Callable[[str], str]
) -> None:
    """Trail rows (oldest first, as the services give them: at, kind, username, document,
    detail) newest first; `kind_label` puts the event's kind into words."""
    rows = list(events)[::-1]
    table.setRowCount(len(rows))
    for i, e in enumerate(rows):
        at = e.get("at")
        cells = (
            format_datetime(at) if isinstance(at, datetime) else str(at or ""),
            kind_label(str(e.get("kind") or "")),
            str(e.get("username") or ""),
            " ".join(p for p in (e.get("document") or "", e.get("detail") or "") if p),
        )
        for col, text in enumerate(cells):
            table.setItem(i, col, QTableWidgetItem(text))


__all__ = [
    "card_value",
    "guard",
    "history_table",
    "list_beside_panel",
    "not_your_role",
    "panel_button",
    "record_heading",
    "show_history",
]
