"""今日待办 — the Today panel as the desk's first dock (ui/kit/today.py): overdue keys, archive
files overdue, open incidents … one group per declared register with a `today` spec."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ui.docks.registry import DockSpec, add_dock
from ui.kit.today import TodayPanel

add_dock(
    DockSpec(
        object_name="dock_today",
        title=QT_TRANSLATE_NOOP("Docks", "Today"),
        icon="today",
        registers=(),
        factory=TodayPanel,
        shortcut="Ctrl+T",
        area="right",
        tags=("today",),
        order=1,  # the first tab on the right: what the clerk sees when the desk opens
    )
)

__all__ = ["TodayPanel"]
