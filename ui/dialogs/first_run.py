"""Choosing the office database: create a new one, or connect to one that exists.

First start (no database configured) and File → Switch database use the same dialog. The choice is
saved to this PC's LocalSettings; a switch takes effect after a restart.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.db import parse_database_url
from app.paths import default_database_path
from app.settings import LocalSettings
from ui.errors import FieldErrors
from ui.icons import icon

DB_FILE_NAME = "propdesk.sqlite3"
DB_FILTER = "PropDesk (*.sqlite3 *.sqlite *.db);;*"


def is_postgres_url(text: str) -> bool:
    return text.strip().lower().startswith(("postgresql://", "postgres://"))


class FirstRunDialog(QDialog):
    MODE_FIRST = "first"
    MODE_SWITCH = "switch"

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        mode: str = MODE_FIRST,
        current: str = "",
        save: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("first_run_dialog")
        self.mode = mode
        self.save = save
        self.database_url: str | None = None
        self.create = False
        switch = mode == self.MODE_SWITCH
        self.setWindowTitle(
            self.tr("Change the office database") if switch else self.tr("Welcome to PropDesk")
        )
        self.setWindowIcon(icon("database"))

        intro = QLabel(
            self.tr(
                "Which database does this PC use? The change takes effect after PropDesk restarts."
            )
            if switch
            else self.tr(
                "PropDesk keeps the office's registers in one database that every desk PC shares. "
                "Create it on the first PC, then connect the others to it."
            )
        )
        intro.setWordWrap(True)

        self.new_radio = QRadioButton(self.tr("&Create a new office database"))
        self.new_radio.setObjectName("first_run_new")
        self.new_radio.setIcon(icon("database-new"))
        self.new_path = QLineEdit(str(default_database_path()))
        self.new_path.setObjectName("first_run_new_path")
        self.new_browse = QPushButton(icon("open"), self.tr("Bro&wse…"))
        new_hint = QLabel(
            self.tr(
                "A file on this PC, or in a folder on the office's network drive "
                "(e.g. Z:\\PropDesk or \\\\server\\share\\PropDesk) so other desks can connect."
            )
        )
        new_hint.setWordWrap(True)
        new_hint.setStyleSheet("color: palette(mid);")

        self.existing_radio = QRadioButton(self.tr("Connect to an &existing database"))
        self.existing_radio.setObjectName("first_run_existing")
        self.existing_radio.setIcon(icon("database"))
        self.existing_path = QLineEdit()
        self.existing_path.setObjectName("first_run_existing_path")
        self.existing_path.setPlaceholderText(
            self.tr("Z:\\PropDesk\\propdesk.sqlite3  or  postgresql://host/propdesk")
        )
        self.existing_browse = QPushButton(icon("open"), self.tr("Brow&se…"))
        existing_hint = QLabel(
            self.tr("The database file on the shared drive, or the PostgreSQL address IT gave you.")
        )
        existing_hint.setWordWrap(True)
        existing_hint.setStyleSheet("color: palette(mid);")

        group = QButtonGroup(self)
        group.addButton(self.new_radio)
        group.addButton(self.existing_radio)
        self.errors = FieldErrors(self)
        new_error = self.errors.add_field("new", self.new_path)
        existing_error = self.errors.add_field("existing", self.existing_path)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addWidget(self.new_radio)
        layout.addLayout(self._row(self.new_path, self.new_browse))
        layout.addWidget(new_hint)
        layout.addWidget(new_error)
        layout.addSpacing(6)
        layout.addWidget(self.existing_radio)
        layout.addLayout(self._row(self.existing_path, self.existing_browse))
        layout.addWidget(existing_hint)
        layout.addWidget(existing_error)
        layout.addWidget(self.errors.form_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Use this database"))
        self.ok_button.setDefault(True)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        self.new_browse.clicked.connect(self._browse_new)
        self.existing_browse.clicked.connect(self._browse_existing)
        self.new_radio.toggled.connect(self._update_enabled)
        self.new_path.textEdited.connect(lambda: self.new_radio.setChecked(True))
        self.existing_path.textEdited.connect(lambda: self.existing_radio.setChecked(True))

        if switch or current:
            self.existing_radio.setChecked(True)
            self.existing_path.setText(current)
        else:
            self.new_radio.setChecked(True)
        self._update_enabled()

    @staticmethod
    def _row(edit: QLineEdit, button: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(24, 0, 0, 0)
        row.addWidget(edit, 1)
        row.addWidget(button)
        return row

    def _update_enabled(self) -> None:
        new = self.new_radio.isChecked()
        self.new_path.setEnabled(new)
        self.new_browse.setEnabled(new)
        self.existing_path.setEnabled(not new)
        self.existing_browse.setEnabled(not new)
        (self.new_path if new else self.existing_path).setFocus()

    def _browse_new(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New database file"), self.new_path.text(), DB_FILTER
        )
        if path:
            self.new_path.setText(path)

    def _browse_existing(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Existing database file"), self.existing_path.text(), DB_FILTER
        )
        if path:
            self.existing_path.setText(path)

    # -- validation ---------------------------------------------------------------------------

    def choice(self) -> tuple[str, bool] | str:
        """(url, create) for the current input, or an error message (English source, tr'd)."""
        if self.new_radio.isChecked():
            text = self.new_path.text().strip()
            if not text:
                return self.tr("Choose where the new database goes.")
            if is_postgres_url(text):
                return self.tr(
                    "A PostgreSQL database is created by IT; choose “Connect to an existing database”."
                )
            path = Path(text).expanduser()
            if path.is_dir() or text.endswith(("/", "\\")):
                path = path / DB_FILE_NAME
            if path.parent.exists() and not path.parent.is_dir():
                return self.tr("{path} is not a folder.").format(path=path.parent)
            return str(path), True
        text = self.existing_path.text().strip()
        if not text:
            return self.tr("Enter the database file or a postgresql:// address.")
        if is_postgres_url(text):
            return text, False
        try:
            target = parse_database_url(text)
        except ValueError:
            return self.tr("This is neither a file path nor a postgresql:// address.")
        assert target.path is not None
        path = target.path / DB_FILE_NAME if target.path.is_dir() else target.path
        if not path.is_file():
            return self.tr(
                "There is no database at {path}. Is the network drive connected?"
            ).format(path=path)
        return str(path), False

    def try_accept(self) -> None:
        self.errors.clear()
        result = self.choice()
        if isinstance(result, str):
            field = "new" if self.new_radio.isChecked() else "existing"
            from app.errors import ValidationError

            self.errors.show(ValidationError({field: result}))
            return
        self.database_url, self.create = result
        if self.save:
            settings = LocalSettings.load()
            settings.database_url = self.database_url
            settings.save()
        self.accept()
