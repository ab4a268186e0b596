"""The register navigator (left dock): every register dock by name and icon.

Enter or double-click emits `dock_requested(object_name)`; the main window connects any built dock
widget's `dock_requested` signal to its `show_dock`, so this widget never knows the window.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from ui.context import UiContext
from ui.docks.registry import DockSpec, add_dock, docks_for
from ui.icons import icon


def dock_title(spec: DockSpec) -> str:
    return QCoreApplication.translate("Docks", spec.title)


class Navigator(QListWidget):
    """The register list (left dock): Enter or double-click brings that register's dock up."""

    dock_requested = Signal(str)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.setObjectName("navigator")
        self.setIconSize(QSize(20, 20))
        for spec in docks_for(ctx.actor):
            if spec.object_name == "dock_navigator":
                continue
            item = QListWidgetItem(icon(spec.icon), dock_title(spec))
            item.setData(Qt.ItemDataRole.UserRole, spec.object_name)
            if spec.shortcut:
                item.setToolTip(spec.shortcut)
            self.addItem(item)
        self.setCurrentRow(0)
        self.itemActivated.connect(self._activated)  # Enter and double-click

    def _activated(self, item: QListWidgetItem) -> None:
        self.dock_requested.emit(item.data(Qt.ItemDataRole.UserRole))


add_dock(
    DockSpec(
        object_name="dock_navigator",
        title=QT_TRANSLATE_NOOP("Docks", "Registers"),
        icon="navigator",
        registers=(),
        factory=Navigator,
        area="left",
        order=0,
    )
)
