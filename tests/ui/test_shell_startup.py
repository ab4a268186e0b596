"""Start-up flow: first-run choice saved to LocalSettings, opening errors, warnings once, settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.db import DatabaseInfo, close_database
from app.services import office_settings
from app.settings import LocalSettings
from ui import startup
from ui.context import UiContext
from ui.dialogs.first_run import FirstRunDialog
from ui.dialogs.settings import SettingsDialog


def test_first_run_new_database_is_saved_to_local_settings(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    assert dialog.new_radio.isChecked()
    folder = tmp_path / "share" / "物业"
    folder.mkdir(parents=True)
    dialog.new_path.setText(str(folder))  # a folder: the file name is added
    dialog.try_accept()
    expected = str(folder / "propdesk.sqlite3")
    assert dialog.database_url == expected
    assert dialog.create is True
    assert LocalSettings.load().database_url == expected


def test_first_run_existing_database_must_exist(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.existing_radio.setChecked(True)
    dialog.existing_path.setText(str(tmp_path / "missing.sqlite3"))
    dialog.try_accept()
    assert dialog.database_url is None
    assert dialog.errors.message("existing")
    assert LocalSettings.load().database_url is None

    there = tmp_path / "office.sqlite3"
    there.write_bytes(b"")
    dialog.existing_path.setText(str(there))
    dialog.try_accept()
    assert dialog.database_url == str(there)
    assert dialog.create is False
    assert LocalSettings.load().database_url == str(there)


def test_first_run_accepts_a_postgres_url(qtbot) -> None:  # noqa: ANN001
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.existing_radio.setChecked(True)
    dialog.existing_path.setText("postgresql://desk:pw@dbhost/propdesk")
    dialog.try_accept()
    assert dialog.database_url == "postgresql://desk:pw@dbhost/propdesk"


def test_a_missing_database_is_not_created_and_offers_a_choice(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    asked: list[str] = []

    def answer(parent, url, exc):  # noqa: ANN001, ANN202
        asked.append(url)
        return startup.QUIT

    monkeypatch.setattr(startup, "ask_after_open_error", answer)
    missing = tmp_path / "gone" / "office.sqlite3"
    assert startup.open_interactive(str(missing)) is None
    assert asked == [str(missing)]
    assert not missing.exists()


def test_choose_another_after_an_error(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    good = tmp_path / "new.sqlite3"
    monkeypatch.setattr(startup, "ask_after_open_error", lambda *a: startup.CHOOSE)
    monkeypatch.setattr(startup, "choose_database", lambda parent=None: (str(good), True))
    info = startup.open_interactive(str(tmp_path / "missing.sqlite3"))
    try:
        assert info is not None
        assert info.target.path == good
    finally:
        close_database()


def test_location_warnings_are_shown_once(
    qtbot, db: DatabaseInfo, ui_settings, monkeypatch
) -> None:  # noqa: ANN001
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    db.warnings.append("The database is on a network drive.")
    assert startup.show_warnings_once(db, settings=ui_settings)
    assert startup.show_warnings_once(db, settings=ui_settings) == []
    assert len(shown) == 1


def test_settings_are_read_only_without_the_permission(qtbot, db, make_actor) -> None:  # noqa: ANN001
    dialog = SettingsDialog(UiContext(actor=make_actor("assistant"), database=db))
    qtbot.addWidget(dialog)
    assert not dialog.fields["office_name"].isEnabled()
    assert not dialog.fields["work_end"].isEnabled()


def test_manager_changes_office_settings(qtbot, db, make_actor) -> None:  # noqa: ANN001
    dialog = SettingsDialog(UiContext(actor=make_actor("manager"), database=db))
    qtbot.addWidget(dialog)
    dialog.fields["office_name"].setText("金茂大厦 客服部")
    dialog.fields["work_end"].setTime(dialog.fields["work_end"].time().addSecs(3600))
    dialog.save()
    assert office_settings.get_setting("office_name") == "金茂大厦 客服部"
    assert office_settings.get_setting("work_end") == "19:00"
    assert not dialog.restart_needed


def test_waiting_for_another_pcs_upgrade_shows_a_message(qtbot) -> None:  # noqa: ANN001
    from ui.startup import _UpgradeWait

    waiting = _UpgradeWait(None)
    waiting.update("Another PC is upgrading the database; please wait…")
    assert waiting.dialog is not None and waiting.dialog.isVisible()
    assert "PC" in waiting.dialog.labelText() or "电脑" in waiting.dialog.labelText()
    waiting.close()
    assert waiting.dialog is None
