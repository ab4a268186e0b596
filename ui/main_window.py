"""The main window: lays out the docks from ui.docks.registry, the scan box, menus and status bar,
and wires them together. Register logic lives in the docks; data comes from app/services.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QToolBar,
    QWidget,
)

from ui.actions import ActionId, create_actions
from ui.context import UiContext
from ui.docks import registry
from ui.docks.navigator import dock_title
from ui.docks.registry import DockSpec
from ui.errors import set_storage_listener
from ui.icons import icon
from ui.presence import DeskPresence
from ui.widgets.scan_box import ScanBox
from ui.widgets.status_bar import STATE_OK, STATE_REMOTE, STATE_UNAVAILABLE, StatusBar
from ui.widgets.storage_banner import StorageBanner

log = logging.getLogger(__name__)

BOTTOM_DOCK_HEIGHT = 170
LEFT_DOCK_WIDTH = 220
STATE_VERSION = 2  # bump when dock object names or the default layout change incompatibly
# 2: the Today panel (dock_today, first on the right) replaced the overdue-keys strip
AREAS = {
    "left": Qt.DockWidgetArea.LeftDockWidgetArea,
    "right": Qt.DockWidgetArea.RightDockWidgetArea,
    "bottom": Qt.DockWidgetArea.BottomDockWidgetArea,
}


def load_dock_modules() -> None:
    """Import every ui/docks/*.py so each registers its DockSpec; a broken one is skipped."""
    import ui.docks

    for module in pkgutil.iter_modules(ui.docks.__path__):
        if module.name != "registry":
            try:
                importlib.import_module(f"ui.docks.{module.name}")
            except Exception:  # noqa: BLE001 - one broken register must not stop the desk
                log.exception("dock module ui.docks.%s failed to load", module.name)


class LazyDock(QDockWidget):
    """A dock whose widget is built by its DockSpec's factory the first time it is shown."""

    def __init__(self, spec: DockSpec, ctx: UiContext, parent: QWidget) -> None:
        super().__init__(dock_title(spec), parent)
        self.spec = spec
        self.ctx = ctx
        self.built: QWidget | None = None
        self.setObjectName(spec.object_name)
        self.setWidget(QLabel(QCoreApplication.translate("MainWindow", "Loading…")))
        self.visibilityChanged.connect(lambda visible: visible and self.ensure_widget())

    def ensure_widget(self) -> QWidget:
        if self.built is None:
            try:
                self.built = self.spec.factory(self.ctx)
            except Exception:  # noqa: BLE001 - show the failure in the dock, keep the window
                log.exception("building %s failed", self.spec.object_name)
                self.built = QLabel(
                    QCoreApplication.translate(
                        "MainWindow", "This panel could not be opened; see the log file."
                    )
                )
            self.setWidget(self.built)
            request = getattr(self.built, "dock_requested", None)
            if request is not None and isinstance(self.parent(), MainWindow):
                request.connect(self.parent().show_dock)
        return self.built


class MainWindow(QMainWindow):
    restart_requested = Signal()

    def __init__(self, ctx: UiContext, settings: QSettings | None = None) -> None:
        super().__init__()
        from ui.application import ui_settings

        self.ctx = ctx
        self.settings = settings if settings is not None else ui_settings()
        self.setObjectName("main_window")
        self.setWindowTitle(
            QCoreApplication.translate("MainWindow", "PropDesk — customer service desk")
        )
        self.setDockNestingEnabled(True)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AllowNestedDocks
        )
        self.actions_ = create_actions(self)
        self.addActions(list(self.actions_.values()))
        self.docks: dict[str, LazyDock] = {}
        self.scan_box = ScanBox(ctx, self)
        self.status = StatusBar(ctx, self)
        self.setStatusBar(self.status)
        # Who is connected (issue 3): registers when first shown, heartbeats off the GUI thread.
        self.presence = DeskPresence(ctx, self)
        self.presence.desks_changed.connect(self.status.set_desks)
        self._build_toolbar()
        self.storage_banner = StorageBanner(ctx, self)  # a red strip under the scan bar
        self.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.storage_banner)
        self._build_docks()
        self._build_menus()
        self._wire()
        self._default_state = self.saveState(STATE_VERSION)
        self._size_left_docks = not self.restore_layout()
        self.storage_banner.sync_visibility()

    # -- layout -------------------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        bar = QToolBar(QCoreApplication.translate("MainWindow", "Scan"), self)
        bar.setObjectName("toolbar_scan")
        bar.setMovable(False)
        bar.setIconSize(QSize(20, 20))
        bar.addAction(self.actions_[ActionId.SHOW_NAVIGATOR])
        bar.addSeparator()
        bar.addWidget(self.scan_box)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.toolbar = bar

    def _build_docks(self) -> None:
        load_dock_modules()
        first_in_area: dict[str, LazyDock] = {}
        for spec in registry.docks_for(self.ctx.actor):
            dock = LazyDock(spec, self.ctx, self)
            area = spec.area if spec.area in AREAS else "right"
            self.addDockWidget(AREAS[area], dock)
            if area in first_in_area:
                self.tabifyDockWidget(first_in_area[area], dock)
            else:
                first_in_area[area] = dock
            self.docks[spec.object_name] = dock
        for dock in first_in_area.values():
            dock.raise_()

    def _dock_shortcuts(self) -> dict[str, str]:
        specs = registry.docks_for(self.ctx.actor)
        taken = {s.shortcut for s in specs if s.shortcut}
        # In the docks' order: Ctrl+1…9, Alt+1…9, then Ctrl+Shift+1…9 (the navigator reaches any).
        pool = [f"{mod}+{n}" for mod in ("Ctrl", "Alt", "Ctrl+Shift") for n in range(1, 10)]
        free = (s for s in pool if s not in taken)
        result: dict[str, str] = {}
        for spec in specs:
            if spec.object_name != "dock_navigator":
                result[spec.object_name] = spec.shortcut or next(free, "")
        return result

    def _build_menus(self) -> None:
        a = self.actions_
        menu = self.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&File"))
        menu.addActions([a[ActionId.SETTINGS], a[ActionId.HOLIDAYS], a[ActionId.SWITCH_DATABASE]])
        menu.addSeparator()
        menu.addAction(a[ActionId.QUIT])

        view = self.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&View"))
        view.addActions([a[ActionId.FOCUS_SCAN], a[ActionId.SHOW_NAVIGATOR]])
        view.addSeparator()
        self.dock_actions: dict[str, QAction] = {}
        for name, shortcut in self._dock_shortcuts().items():
            dock = self.docks[name]
            act = QAction(icon(dock.spec.icon), dock.windowTitle(), self)
            act.setObjectName(f"action_show_{name}")
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(lambda _=False, n=name: self.show_dock(n))
            view.addAction(act)
            self.addAction(act)
            self.dock_actions[name] = act
        panels = view.addMenu(QCoreApplication.translate("MainWindow", "&Panels"))
        for dock in self.docks.values():
            panels.addAction(dock.toggleViewAction())
        view.addSeparator()
        view.addAction(a[ActionId.RESET_LAYOUT])

        help_menu = self.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Help"))
        help_menu.addAction(a[ActionId.ABOUT])

    def _wire(self) -> None:
        a = self.actions_
        a[ActionId.QUIT].triggered.connect(self.close)
        a[ActionId.FOCUS_SCAN].triggered.connect(self.scan_box.focus_scan)
        a[ActionId.SHOW_NAVIGATOR].triggered.connect(lambda: self.show_dock("dock_navigator"))
        a[ActionId.RESET_LAYOUT].triggered.connect(self.reset_layout)
        a[ActionId.SETTINGS].triggered.connect(self.open_settings)
        a[ActionId.HOLIDAYS].triggered.connect(self.open_holidays)
        a[ActionId.SWITCH_DATABASE].triggered.connect(self.switch_database)
        a[ActionId.ABOUT].triggered.connect(self.open_about)
        self.ctx.bus.open_record.connect(self.open_record)
        self.ctx.bus.act_on_record.connect(self.act_on_record)
        self.scan_box.storage_failed.connect(lambda _code: self.ctx.bus.storage_state.emit(False))
        self.ctx.bus.storage_state.connect(self._storage_state)
        set_storage_listener(self.ctx.bus.storage_state.emit)  # ui.errors → banner

    def _storage_state(self, available: bool) -> None:
        remote = STATE_REMOTE if self.ctx.database.remote else STATE_OK
        self.status.set_database_state(remote if available else STATE_UNAVAILABLE)

    # -- docks --------------------------------------------------------------------------------

    def dock_for_register(self, register: str) -> LazyDock | None:
        for dock in self.docks.values():
            if register in dock.spec.registers:
                return dock
        return None

    def show_dock(self, object_name: str, focus: bool = True) -> QWidget | None:
        dock = self.docks.get(object_name)
        if dock is None:
            return None
        dock.show()
        dock.raise_()
        widget = dock.ensure_widget()
        if focus:
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return widget

    def open_record(self, register: str, record_id: int) -> None:
        dock = self.dock_for_register(register)
        if dock is None:
            self.status.show_message(
                QCoreApplication.translate(
                    "MainWindow", "No panel shows {register} records yet."
                ).format(register=register)
            )
            return
        widget = self.show_dock(dock.spec.object_name, focus=False)
        show_record = getattr(widget, "show_record", None)
        if callable(show_record):
            show_record(register, record_id)

    def act_on_record(self, register: str, record_id: int) -> None:
        """The record's obvious next step (its dock decides: lend, return, print …)."""
        dock = self.dock_for_register(register)
        if dock is None:
            return
        widget = self.show_dock(dock.spec.object_name, focus=False)
        act = getattr(widget, "act_on_record", None) or getattr(widget, "show_record", None)
        if callable(act):
            act(register, record_id)

    # -- layout persistence -------------------------------------------------------------------

    def save_layout(self) -> None:
        self.settings.setValue("MainWindow/geometry", self.saveGeometry())
        self.settings.setValue("MainWindow/state", self.saveState(STATE_VERSION))
        self.settings.setValue("MainWindow/stateVersion", STATE_VERSION)
        self.settings.sync()

    def restore_layout(self) -> bool:
        geometry = self.settings.value("MainWindow/geometry")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geometry))
        else:  # first start: 1280×800, or the whole screen when it is smaller (1366×768)
            screen = self.screen()
            room = screen.availableGeometry() if screen is not None else None
            if room is not None and (room.width() < 1280 or room.height() < 800):
                # leave room for the title bar the window manager adds
                self.resize(min(1280, room.width()), min(800, room.height() - 40))
                self.move(room.topLeft())
            else:
                self.resize(1280, 800)
        state = self.settings.value("MainWindow/state")
        version = int(self.settings.value("MainWindow/stateVersion", 0) or 0)
        if version == STATE_VERSION and isinstance(state, QByteArray | bytes):
            return self.restoreState(QByteArray(state), STATE_VERSION)
        return False

    def reset_layout(self) -> None:
        self.restoreState(self._default_state, STATE_VERSION)
        self.storage_banner.sync_visibility()
        for dock in self.docks.values():
            if dock.isFloating():
                dock.setFloating(False)
        self._narrow_left_docks()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.presence.start()  # once; later shows do nothing
        if self._size_left_docks:  # default layout: a narrow register list, wide registers
            self._size_left_docks = False
            QTimer.singleShot(0, self._narrow_left_docks)  # once the window has its size

    def _narrow_left_docks(self) -> None:
        visible = [d for d in self.docks.values() if d.isVisible() and not d.isFloating()]
        left = [d for d in visible if self.dockWidgetArea(d) == AREAS["left"]]
        right = [d for d in visible if self.dockWidgetArea(d) == AREAS["right"]][:1]
        if left and right:  # no central widget: the two areas share the width
            rest = max(self.width() - LEFT_DOCK_WIDTH * len(left), LEFT_DOCK_WIDTH)
            self.resizeDocks(
                left + right, [LEFT_DOCK_WIDTH] * len(left) + [rest], Qt.Orientation.Horizontal
            )
        bottom = [d for d in visible if self.dockWidgetArea(d) == AREAS["bottom"]][:1]
        if bottom and right:  # a bottom dock is a strip under the registers, not half the window
            rest = max(self.height() - BOTTOM_DOCK_HEIGHT - 120, BOTTOM_DOCK_HEIGHT)
            self.resizeDocks(right + bottom, [rest, BOTTOM_DOCK_HEIGHT], Qt.Orientation.Vertical)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_layout()
        self.presence.stop()  # unregister this desk
        super().closeEvent(event)

    # -- dialogs ------------------------------------------------------------------------------

    def open_settings(self) -> None:
        from ui.dialogs.settings import SettingsDialog

        dialog = SettingsDialog(self.ctx, self)
        dialog.exec()
        if dialog.restart_needed:
            self._offer_restart()

    def open_holidays(self) -> None:
        from ui.dialogs.holidays import HolidaysDialog

        HolidaysDialog(self.ctx, self).exec()

    def switch_database(self) -> None:
        from ui.dialogs.first_run import FirstRunDialog

        dialog = FirstRunDialog(self, mode=FirstRunDialog.MODE_SWITCH)
        if dialog.exec():
            self._offer_restart()

    def _offer_restart(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self,
            QCoreApplication.translate("MainWindow", "Restart PropDesk"),
            QCoreApplication.translate(
                "MainWindow", "The new database is used after PropDesk restarts. Restart now?"
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restart_requested.emit()

    def open_about(self) -> None:
        from ui.dialogs.about import AboutDialog

        AboutDialog(self.ctx, self).exec()
