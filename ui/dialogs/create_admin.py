"""First administrator of a new office database (only while it has no account at all)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import PropDeskError, ValidationError
from app.rules.passwords import MIN_LENGTH
from app.services import accounts
from app.services.context import SYSTEM
from ui.errors import FieldErrors, show_error
from ui.icons import icon


class CreateAdminDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("create_admin_dialog")
        self.setWindowTitle(self.tr("Create the first administrator"))
        self.setWindowIcon(icon("user"))
        self.created_username: str | None = None

        intro = QLabel(
            self.tr(
                "This database has no accounts yet. Create the administrator who will add "
                "everyone else's personal account. Each person uses their own account."
            )
        )
        intro.setWordWrap(True)
        self.username = QLineEdit("admin")
        self.username.setObjectName("admin_username")
        self.username.setMaxLength(64)
        self.display_name = QLineEdit()
        self.display_name.setObjectName("admin_display_name")
        self.display_name.setPlaceholderText(self.tr("e.g. 王主任"))
        self.password = QLineEdit()
        self.password.setObjectName("admin_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("admin_repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        rules = QLabel(
            self.tr(
                "Password: at least {n} characters, letters and digits mixed, not a common "
                "password or a keyboard sequence, and not containing the user name."
            ).format(n=MIN_LENGTH)
        )
        rules.setWordWrap(True)
        rules.setStyleSheet("color: palette(mid);")

        self.errors = FieldErrors(self)
        form = QFormLayout()
        for name, label, widget in (
            ("username", self.tr("&User name:"), self.username),
            ("display_name", self.tr("&Name shown:"), self.display_name),
            ("password", self.tr("&Password:"), self.password),
            ("repeat", self.tr("&Repeat password:"), self.repeat),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(widget)
            cell.addWidget(self.errors.add_field(name, widget))
            form.addRow(caption, cell)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Create administrator"))
        ok.setDefault(True)
        self.buttons.accepted.connect(self.try_create)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(rules)
        layout.addWidget(self.errors.form_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.password.setFocus()

    def try_create(self) -> None:
        self.errors.clear()
        if self.password.text() != self.repeat.text():
            self.errors.show(
                ValidationError({"repeat": self.tr("The two passwords are not the same.")})
            )
            return
        try:
            user = accounts.create_first_admin(
                SYSTEM,
                self.username.text().strip(),
                self.password.text(),
                self.display_name.text().strip(),
            )
        except ValidationError as exc:
            self.errors.show(exc)
            return
        except PropDeskError as exc:
            show_error(self, exc)
            return
        self.created_username = user.username
        self.accept()
