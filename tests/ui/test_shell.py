"""The main window: docks from the registry, layout persistence, scan box, status bar, i18n."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from app.errors import NotFound
from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.services import scan
from app.services.context import Actor
from app.services.scan import ScanHit
from ui.actions import ACTIONS, ActionId, create_actions
from ui.context import UiContext
from ui.docks import registry
from ui.docks.registry import DockSpec, add_dock
from ui.icons import ICONS, UnknownIcon, icon
from ui.main_window import MainWindow
from ui.widgets.scan_box import ScanBox
from ui.widgets.status_bar import StatusBar

ROOT = Path(__file__).resolve().parents[2]


class RecordPanel(QLabel):
    """A stand-in register dock widget that remembers what it was asked to show."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__("fake register")
        self.shown: list[tuple[str, int]] = []

    def show_record(self, register: str, record_id: int) -> None:
        self.shown.append((register, record_id))


@pytest.fixture
def fake_dock() -> Iterator[DockSpec]:
    spec = add_dock(
        DockSpec(
            object_name="dock_fake_register",
            title="Fake register",
            icon="key",
            registers=("fake",),
            factory=RecordPanel,
        )
    )
    yield spec
    registry.DOCKS[:] = [d for d in registry.DOCKS if d.object_name != spec.object_name]


@pytest.fixture
def fake_resolver() -> Iterator[None]:
    def resolve(actor: Actor, text: str) -> ScanHit | None:
        if text.startswith("FAKE-"):
            return ScanHit("fake", int(text.split("-")[1]), f"Fake record {text}")
        return None

    scan.add_resolver(resolve)
    yield
    scan._RESOLVERS.remove(resolve)


def _window(qtbot, ctx: UiContext, settings: QSettings) -> MainWindow:  # noqa: ANN001
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    return window


def test_a_dock_per_registry_entry_with_stable_object_names(qtbot, ui_ctx, ui_settings) -> None:  # noqa: ANN001
    window = _window(qtbot, ui_ctx, ui_settings)
    names = [spec.object_name for spec in registry.DOCKS]
    assert "dock_navigator" in names
    assert len(set(names)) == len(names)
    for name in names:
        dock = window.findChild(QWidget, name)
        assert dock is not None, name
        assert dock is window.docks[name]
        assert name.startswith("dock_")


def test_dock_widgets_are_built_lazily(qtbot, ui_ctx, ui_settings, fake_dock) -> None:  # noqa: ANN001
    window = _window(qtbot, ui_ctx, ui_settings)
    dock = window.docks[fake_dock.object_name]
    dock.hide()
    assert dock.built is None
    widget = window.show_dock(fake_dock.object_name)
    assert isinstance(widget, RecordPanel)
    assert window.show_dock(fake_dock.object_name) is widget  # built once


def test_layout_is_saved_and_restored(qtbot, ui_ctx, ui_settings, fake_dock) -> None:  # noqa: ANN001
    window = _window(qtbot, ui_ctx, ui_settings)
    window.show()
    qtbot.waitExposed(window)
    window.docks["dock_navigator"].hide()
    window.docks[fake_dock.object_name].setFloating(True)
    window.close()  # saves

    again = _window(qtbot, ui_ctx, ui_settings)
    again.show()
    qtbot.waitExposed(again)
    assert again.docks["dock_navigator"].isHidden()
    assert again.docks[fake_dock.object_name].isFloating()

    again.reset_layout()
    assert not again.docks["dock_navigator"].isHidden()
    assert not again.docks[fake_dock.object_name].isFloating()


def test_a_layout_of_another_version_is_ignored(qtbot, ui_ctx, ui_settings) -> None:  # noqa: ANN001
    window = _window(qtbot, ui_ctx, ui_settings)
    window.docks["dock_navigator"].hide()
    window.save_layout()
    ui_settings.setValue("MainWindow/stateVersion", 0)
    again = _window(qtbot, ui_ctx, ui_settings)
    again.show()
    assert not again.docks["dock_navigator"].isHidden()


def test_open_record_shows_the_dock_and_the_record(qtbot, ui_ctx, ui_settings, fake_dock) -> None:  # noqa: ANN001
    window = _window(qtbot, ui_ctx, ui_settings)
    window.show()
    ui_ctx.bus.open_record.emit("fake", 7)
    dock = window.docks[fake_dock.object_name]
    assert dock.isVisible()
    assert dock.built.shown == [("fake", 7)]


def test_navigator_enter_raises_the_register_dock(qtbot, ui_ctx, ui_settings, fake_dock) -> None:  # noqa: ANN001
    window = _window(qtbot, ui_ctx, ui_settings)
    window.show()
    qtbot.waitExposed(window)
    navigator = window.show_dock("dock_navigator")
    row = next(
        i
        for i in range(navigator.count())
        if navigator.item(i).data(Qt.ItemDataRole.UserRole) == fake_dock.object_name
    )
    navigator.setCurrentRow(row)
    with qtbot.waitSignal(navigator.dock_requested) as blocker:
        qtbot.keyClick(navigator, Qt.Key.Key_Return)
    assert blocker.args == [fake_dock.object_name]
    assert window.docks[fake_dock.object_name].built is not None


def test_f2_and_ctrl_l_focus_the_scan_box(qtbot, ui_ctx, ui_settings) -> None:  # noqa: ANN001
    window = _window(qtbot, ui_ctx, ui_settings)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    edit = window.scan_box.line_edit
    edit.setText("A-1203")
    for key, modifier in (
        (Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier),
    ):
        window.show_dock("dock_navigator")  # focus somewhere else first
        assert not edit.hasFocus()
        qtbot.keyClick(window.focusWidget() or window, key, modifier)
        qtbot.waitUntil(edit.hasFocus)
        assert edit.selectedText() == "A-1203"


def test_unknown_code_shows_a_red_message_and_keeps_it_selected(
    qtbot, ui_ctx, fake_resolver
) -> None:  # noqa: ANN001
    box = ScanBox(ui_ctx)
    qtbot.addWidget(box)
    box.show()
    with qtbot.assertNotEmitted(ui_ctx.bus.open_record):
        qtbot.keyClicks(box.line_edit, "NOPE-0001")
        qtbot.keyClick(box.line_edit, Qt.Key.Key_Return)
    assert "NOPE-0001" in box.message.text()
    assert "c62828" in box.message.styleSheet()
    assert box.line_edit.selectedText() == "NOPE-0001"


def test_known_code_opens_the_record(qtbot, ui_ctx, fake_resolver) -> None:  # noqa: ANN001
    box = ScanBox(ui_ctx)
    qtbot.addWidget(box)
    with qtbot.waitSignal(ui_ctx.bus.open_record) as blocker:
        qtbot.keyClicks(box.line_edit, "FAKE-42")
        qtbot.keyClick(box.line_edit, Qt.Key.Key_Enter)  # keypad Enter too
    assert blocker.args == ["fake", 42]
    assert "FAKE-42" in box.message.text()


def test_fast_scans_lose_no_enter(qtbot, ui_ctx) -> None:  # noqa: ANN001
    """A second scan arriving while the first is being opened is queued, not dropped."""
    seen: list[str] = []

    def resolver(actor: Actor, text: str) -> ScanHit:
        seen.append(text)
        if not text.startswith("FAKE-"):
            raise NotFound(text)
        return ScanHit("fake", int(text.split("-")[1]), text)

    box = ScanBox(ui_ctx, resolver=resolver)
    qtbot.addWidget(box)
    opened: list[int] = []

    def on_open(register: str, record_id: int) -> None:
        opened.append(record_id)
        if record_id == 1:  # the scanner's next code arrives while record 1 opens
            qtbot.keyClicks(box.line_edit, "FAKE-2")
            qtbot.keyClick(box.line_edit, Qt.Key.Key_Return)

    ui_ctx.bus.open_record.connect(on_open)
    qtbot.keyClicks(box.line_edit, "FAKE-1")
    qtbot.keyClick(box.line_edit, Qt.Key.Key_Return)
    assert seen == ["FAKE-1", "FAKE-2"]
    assert opened == [1, 2]
    assert box.line_edit.text() == "FAKE-2"


def test_status_bar_shows_the_role_in_chinese(qtbot, db, make_actor) -> None:  # noqa: ANN001
    actor = make_actor("assistant")
    bar = StatusBar(UiContext(actor=actor, database=db))
    qtbot.addWidget(bar)
    assert "客服助理" in bar.user_text()
    assert str(db.target.path) in bar.database_text()


def test_status_bar_never_shows_a_postgres_password(qtbot, ui_ctx) -> None:  # noqa: ANN001
    from app.db import DatabaseInfo, parse_database_url

    info = DatabaseInfo(parse_database_url("postgresql://desk:s3cret@dbhost:5433/propdesk"))
    bar = StatusBar(UiContext(actor=ui_ctx.actor, database=info))
    qtbot.addWidget(bar)
    assert "dbhost" in bar.database_text()
    assert "s3cret" not in bar.database_text()
    assert "管理员" in bar.user_text()


def test_translator_gives_chinese(qapp) -> None:  # noqa: ANN001
    from ui.i18n import load_translator, tr_msg, unload_translators

    try:
        assert load_translator(qapp, "zh_CN") is not None
        assert QCoreApplication.translate("LoginDialog", "&Log in") == "登录(&L)"
        message = Msg(QT_TRANSLATE_NOOP("app", "Use at least {n} characters."), n=8)
        assert tr_msg(message) == "至少使用 8 个字符。"
        assert tr_msg("No translation for this one.") == "No translation for this one."
    finally:
        unload_translators(qapp)
    assert QCoreApplication.translate("LoginDialog", "&Log in") == "&Log in"


def test_english_when_asked(qapp, monkeypatch) -> None:  # noqa: ANN001
    from ui.application import setup_language

    monkeypatch.setenv("PROPDESK_LANG", "en")
    assert setup_language(qapp) is False
    assert QCoreApplication.translate("LoginDialog", "&Log in") == "&Log in"


def test_icons_and_actions(qapp, ui_settings) -> None:  # noqa: ANN001
    for name in ICONS:
        assert not icon(name).isNull(), name
    with pytest.raises(UnknownIcon):
        icon("no-such-icon")
    for spec in registry.DOCKS:
        assert spec.icon in ICONS, spec.object_name
    holder = QWidget()
    actions = create_actions(holder)
    assert set(actions) == set(ActionId)
    shortcuts = [s for spec in ACTIONS.values() for s in spec.shortcuts]
    assert all(spec.shortcuts for spec in ACTIONS.values())
    assert len(shortcuts) == len(set(shortcuts))
    assert actions[ActionId.FOCUS_SCAN].shortcut().toString() == "F2"


def test_every_window_action_has_a_shortcut(qtbot, ui_ctx, ui_settings) -> None:  # noqa: ANN001
    window = _window(qtbot, ui_ctx, ui_settings)
    for action in window.actions():
        assert not action.shortcut().isEmpty() or not action.text(), action.text()
    assert all(not a.shortcut().isEmpty() for a in window.dock_actions.values())


@pytest.mark.slow
def test_screenshot_of_a_demo_database(tmp_path: Path) -> None:
    if importlib.util.find_spec("app.demo") is None:
        pytest.skip("app/demo.py (demo data) is not written yet")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PROPDESK_CACHE_DIR": str(tmp_path)}
    db = tmp_path / "demo.sqlite3"
    made = subprocess.run(
        [sys.executable, "-m", "app", "demo", "--db", str(db)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert made.returncode == 0, made.stderr
    png = tmp_path / "shell.png"
    shot = subprocess.run(
        [sys.executable, "-m", "ui", "--db", str(db), "--screenshot", str(png)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert shot.returncode == 0, shot.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_screenshot_fails_cleanly_without_a_database(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PROPDESK_CACHE_DIR": str(tmp_path)}
    shot = subprocess.run(
        [
            sys.executable,
            "-m",
            "ui",
            "--db",
            str(tmp_path / "missing.sqlite3"),
            "--screenshot",
            str(tmp_path / "x.png"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert shot.returncode == 1
    assert len(shot.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "missing.sqlite3").exists()


def test_audit_docks_only_for_roles_that_may_read_the_log(
    qtbot, db, make_actor, ui_settings
) -> None:  # noqa: ANN001
    manager_window = _window(qtbot, UiContext(make_actor("manager"), db), ui_settings)
    assert "dock_audit" in manager_window.docks and "dock_logins" in manager_window.docks
    assistant_window = _window(qtbot, UiContext(make_actor("assistant"), db), ui_settings)
    assert "dock_audit" not in assistant_window.docks
    assert "dock_keys" in assistant_window.docks
