"""The shell's actions, declared once (Picard-style): id, text, icon, shortcut, status tip.

`create_actions(parent)` builds a QAction per id; menus and toolbars only place them. Texts are
English source, translated in the context "Actions". Every action has a shortcut.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

from ui.icons import icon


class ActionId(StrEnum):
    SETTINGS = "settings"
    HOLIDAYS = "holidays"
    SWITCH_DATABASE = "switch_database"
    QUIT = "quit"
    FOCUS_SCAN = "focus_scan"
    SHOW_NAVIGATOR = "show_navigator"
    RESET_LAYOUT = "reset_layout"
    ABOUT = "about"


@dataclass(frozen=True)
class ActionSpec:
    text: str  # English source with a mnemonic (&)
    icon: str  # ui.icons name
    shortcuts: tuple[str, ...]  # first one is shown in menus
    tip: str  # status tip
    menu_role: QAction.MenuRole = QAction.MenuRole.NoRole


ACTIONS: dict[ActionId, ActionSpec] = {
    ActionId.SETTINGS: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Settings…"),
        "settings",
        ("Ctrl+,",),
        QT_TRANSLATE_NOOP("Actions", "Office settings and this PC's database"),
        QAction.MenuRole.PreferencesRole,
    ),
    ActionId.HOLIDAYS: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Office &calendar…"),
        "today",
        ("Ctrl+Shift+H",),
        QT_TRANSLATE_NOOP("Actions", "Public holidays and working weekends the office enters"),
    ),
    ActionId.SWITCH_DATABASE: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Switch &database…"),
        "database-switch",
        ("Ctrl+Shift+O",),
        QT_TRANSLATE_NOOP("Actions", "Open another office database (takes effect after restart)"),
    ),
    ActionId.QUIT: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Quit"),
        "quit",
        ("Ctrl+Q",),
        QT_TRANSLATE_NOOP("Actions", "Close PropDesk"),
        QAction.MenuRole.QuitRole,
    ),
    ActionId.FOCUS_SCAN: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "S&can box"),
        "scan",
        ("F2", "Ctrl+L"),
        QT_TRANSLATE_NOOP("Actions", "Put the cursor in the scan box (F2 or Ctrl+L)"),
    ),
    ActionId.SHOW_NAVIGATOR: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Registers"),
        "navigator",
        ("Ctrl+0",),
        QT_TRANSLATE_NOOP("Actions", "Go to the list of registers"),
    ),
    ActionId.RESET_LAYOUT: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Reset &layout"),
        "layout",
        ("Ctrl+Shift+R",),
        QT_TRANSLATE_NOOP("Actions", "Put every panel back where it started"),
    ),
    ActionId.ABOUT: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&About PropDesk"),
        "info",
        ("F1",),
        QT_TRANSLATE_NOOP("Actions", "Version, database and licences"),
        QAction.MenuRole.AboutRole,
    ),
}


def create_action(parent: QObject, action_id: ActionId) -> QAction:
    spec = ACTIONS[action_id]
    action = QAction(icon(spec.icon), QCoreApplication.translate("Actions", spec.text), parent)
    action.setObjectName(f"action_{action_id.value}")
    action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
    tip = QCoreApplication.translate("Actions", spec.tip)
    action.setStatusTip(tip)
    action.setToolTip(f"{tip} ({spec.shortcuts[0]})")
    action.setMenuRole(spec.menu_role)
    return action


def create_actions(parent: QObject) -> dict[ActionId, QAction]:
    """One QAction per ActionId, children of `parent` (add them to the window so shortcuts work)."""
    return {action_id: create_action(parent, action_id) for action_id in ActionId}
