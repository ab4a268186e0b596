"""Login: personal account and password; a reason when it is outside working hours (保密制度).

`now` is injectable so tests (and a desk whose clock is wrong) can decide what "now" is.
`login` is injectable for the same reason; by default it is app.services.accounts.login.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import (
    AccountLocked,
    AuthenticationFailed,
    ReasonRequired,
    StorageUnavailable,
)
from app.services import accounts
from app.services.accounts import LoginResult
from ui.errors import ERROR_COLOR, describe_error
from ui.icons import icon

LoginFn = Callable[..., LoginResult]


class LoginDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        username: str = "",
        database: str = "",
        now: Callable[[], datetime] | None = None,
        login: LoginFn | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("login_dialog")
        self.setWindowTitle(self.tr("PropDesk — log in"))
        self.setWindowIcon(icon("login"))
        self._now = now or datetime.now
        self._login = login or accounts.login
        self.result_login: LoginResult | None = None

        heading = QLabel(self.tr("Log in with your own account."))
        heading.setObjectName("login_heading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)

        self.username = QLineEdit(username)
        self.username.setObjectName("login_username")
        self.username.setMaxLength(64)
        self.password = QLineEdit()
        self.password.setObjectName("login_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.reason = QLineEdit()
        self.reason.setObjectName("login_reason")
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(self.tr("e.g. night shift, urgent repair, key return"))
        self.reason_label = QLabel(self.tr("&Reason:"))
        self.reason_label.setBuddy(self.reason)
        self.reason_hint = QLabel(
            self.tr("It is outside working hours. Logins now need a reason; the manager sees them.")
        )
        self.reason_hint.setWordWrap(True)
        self.reason_hint.setStyleSheet("color: #8d6e00;")

        self.error = QLabel()
        self.error.setObjectName("login_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()

        form = QFormLayout()
        user_label = QLabel(self.tr("&User name:"))
        user_label.setBuddy(self.username)
        pw_label = QLabel(self.tr("&Password:"))
        pw_label.setBuddy(self.password)
        form.addRow(user_label, self.username)
        form.addRow(pw_label, self.password)
        form.addRow(self.reason_hint)
        form.addRow(self.reason_label, self.reason)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Log in"))
        self.ok_button.setIcon(icon("login"))
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Quit"))
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        if database:
            where = QLabel(self.tr("Database: {where}").format(where=database))
            where.setObjectName("login_database")
            where.setStyleSheet("color: palette(mid);")
            where.setWordWrap(True)
            layout.addWidget(where)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

        self._show_reason(self._out_of_hours())
        (self.password if username else self.username).setFocus()

    # -- behaviour ----------------------------------------------------------------------------

    def _out_of_hours(self) -> bool:
        try:
            return accounts.is_out_of_hours(self._now())
        except Exception:  # noqa: BLE001 - the login call will say what is wrong
            return False

    def _show_reason(self, visible: bool) -> None:
        for widget in (self.reason, self.reason_label, self.reason_hint):
            widget.setVisible(visible)

    def reason_visible(self) -> bool:
        return not self.reason.isHidden()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def error_text(self) -> str:
        return self.error.text() if not self.error.isHidden() else ""

    def try_login(self) -> None:
        username = self.username.text().strip()
        if not username:
            self.show_error(self.tr("Enter your user name."))
            self.username.setFocus()
            return
        if not self.password.text():
            self.show_error(self.tr("Enter your password."))
            self.password.setFocus()
            return
        try:
            result = self._login(
                username, self.password.text(), self.reason.text().strip(), now=self._now()
            )
        except ReasonRequired:
            self._show_reason(True)
            self.show_error(self.tr("Please give the reason for logging in outside working hours."))
            self.reason.setFocus()
            return
        except AccountLocked as exc:
            self.show_error(
                self.tr("Too many failed attempts. The account is locked until {time}.").format(
                    time=exc.until.strftime("%H:%M")
                )
            )
            self.password.clear()
            return
        except AuthenticationFailed:
            self.show_error(self.tr("Wrong user name or password."))
            self.password.clear()
            self.password.setFocus()
            return
        except StorageUnavailable as exc:
            self.show_error(describe_error(exc).text)
            return
        self.result_login = result
        self.accept()
