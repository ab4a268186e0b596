"""Login and first administrator dialogs against a real database (no fakes for accounts)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.services import accounts
from app.services.context import Actor
from tests.conftest import TEST_PASSWORD
from ui.dialogs.create_admin import CreateAdminDialog
from ui.dialogs.login import LoginDialog

IN_HOURS = datetime(2026, 3, 4, 10, 0)  # a Wednesday, working day
OUT_OF_HOURS = datetime(2026, 3, 4, 22, 30)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _dialog(qtbot, username: str = "", now: datetime = IN_HOURS) -> tuple[LoginDialog, Clock]:
    clock = Clock(now)
    dialog = LoginDialog(username=username, now=clock)
    qtbot.addWidget(dialog)
    return dialog, clock


def test_login_with_a_real_account(qtbot, admin: Actor) -> None:
    dialog, _ = _dialog(qtbot)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.reason_visible()
    qtbot.keyClicks(dialog.username, "admin")
    qtbot.keyClicks(dialog.password, TEST_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # the default button logs in
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_login is not None
    assert dialog.result_login.actor.username == "admin"
    assert dialog.result_login.actor.role == "admin"
    assert not dialog.result_login.out_of_hours


def test_wrong_password_shows_an_error_and_stays_open(qtbot, admin: Actor) -> None:
    dialog, _ = _dialog(qtbot, username="admin")
    qtbot.keyClicks(dialog.password, "Not-the-password-1")
    dialog.try_login()
    assert dialog.result_login is None
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_text()
    assert dialog.password.text() == ""  # cleared for the next try


def test_remembered_user_name_puts_the_cursor_in_the_password(qtbot, admin: Actor) -> None:
    dialog, _ = _dialog(qtbot, username="admin")
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.username.text() == "admin"
    assert dialog.focusWidget() is dialog.password


def test_locked_account_says_until_when(qtbot, admin: Actor) -> None:
    dialog, _ = _dialog(qtbot, username="admin")
    for _ in range(accounts.MAX_FAILURES):
        dialog.password.setText("Wrong-password-9")
        dialog.try_login()
    assert "10:15" in dialog.error_text()  # IN_HOURS + 15 minutes
    dialog.password.setText(TEST_PASSWORD)
    dialog.try_login()
    assert dialog.result_login is None
    assert "10:15" in dialog.error_text()


def test_out_of_hours_asks_for_a_reason_up_front(qtbot, admin: Actor) -> None:
    dialog, _ = _dialog(qtbot, username="admin", now=OUT_OF_HOURS)
    assert dialog.reason_visible()
    dialog.password.setText(TEST_PASSWORD)
    dialog.try_login()
    assert dialog.result_login is None
    assert dialog.error_text()
    dialog.reason.setText("夜班取钥匙")  # QTest cannot type Chinese
    dialog.try_login()
    assert dialog.result_login is not None
    assert dialog.result_login.out_of_hours
    flagged = accounts.flagged_logins(admin)
    assert flagged[0]["reason"] == "夜班取钥匙"


def test_reason_required_raised_at_login_is_asked_in_the_same_dialog(qtbot, admin: Actor) -> None:
    dialog, clock = _dialog(qtbot, username="admin", now=IN_HOURS)
    assert not dialog.reason_visible()
    clock.now = OUT_OF_HOURS  # the clock passed 18:00 while the dialog stood open
    dialog.password.setText(TEST_PASSWORD)
    dialog.try_login()
    assert dialog.result_login is None
    assert dialog.reason_visible()
    assert dialog.password.text() == TEST_PASSWORD  # kept: only the reason is missing
    dialog.reason.setText("紧急维修")
    dialog.try_login()
    assert dialog.result_login is not None


def test_create_first_admin_shows_errors_next_to_fields(qtbot, db) -> None:  # noqa: ANN001
    assert not accounts.has_users()
    dialog = CreateAdminDialog()
    qtbot.addWidget(dialog)
    dialog.password.setText("Desk-2026-ok")
    dialog.repeat.setText("Desk-2026-no")
    dialog.try_create()
    assert dialog.errors.message("repeat")
    dialog.password.setText("12345678")
    dialog.repeat.setText("12345678")
    dialog.try_create()
    assert dialog.errors.message("password")  # the service's rule, shown under the field
    assert not accounts.has_users()
    dialog.display_name.setText("王主任")
    dialog.password.setText(TEST_PASSWORD)
    dialog.repeat.setText(TEST_PASSWORD)
    dialog.try_create()
    assert dialog.created_username == "admin"
    assert accounts.has_users()
    assert accounts.login("admin", TEST_PASSWORD, now=IN_HOURS).actor.display_name == "王主任"
