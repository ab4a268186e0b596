"""Settings: this PC's database and language, and the office's settings (Perm.SETTINGS_EDIT)."""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import PropDeskError, ValidationError
from app.rules.roles import Perm
from app.services import office_settings
from ui.context import UiContext
from ui.errors import FieldErrors, show_error
from ui.i18n import tr_msg
from ui.icons import icon
from ui.widgets.status_bar import database_location

TIME_KEYS = ("work_start", "work_end", "key_loan_cutoff")
LANGUAGES = (("zh_CN", "中文"), ("en", "English"))


class SettingsDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.application import ui_settings

        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setWindowIcon(icon("settings"))
        self.ctx = ctx
        self.ui_settings = ui_settings()
        self.restart_needed = False
        self.can_edit = ctx.actor.can(Perm.SETTINGS_EDIT)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._office_tab(), icon("building"), self.tr("&Office"))
        self.tabs.addTab(self._pc_tab(), icon("database"), self.tr("This &PC"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    # -- tabs ---------------------------------------------------------------------------------

    def _office_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.errors = FieldErrors(self)
        self.fields: dict[str, QLineEdit | QTimeEdit] = {}
        labels = {
            "office_name": self.tr("Office &name:"),
            "work_start": self.tr("Working hours &start:"),
            "work_end": self.tr("Working hours &end:"),
            "key_loan_cutoff": self.tr("&Key loans due back by:"),
            "archive_loan_days_own": self.tr("Archive loans, own department (working days):"),
            "archive_loan_days_other": self.tr("Archive loans, other departments (working days):"),
            "callback_windows": self.tr("Callback &hours:"),
            "callback_script": self.tr("Callback scrip&t:"),
            "backup_dir": self.tr("&Backup folder:"),
            "backup_keep": self.tr("Backups &retained:"),
        }
        self.original: dict[str, str] = {}
        for key, label in labels.items():
            value = office_settings.get_setting(key)
            self.original[key] = value
            if key in TIME_KEYS:
                widget: QLineEdit | QTimeEdit = QTimeEdit(QTime.fromString(value, "HH:mm"))
                widget.setDisplayFormat("HH:mm")
            else:
                widget = QLineEdit(value)
                widget.setMaxLength(1000 if key == "callback_script" else 100)
            widget.setObjectName(f"setting_{key}")
            widget.setEnabled(self.can_edit)
            widget.setToolTip(tr_msg(office_settings.SPECS[key].help))
            self.fields[key] = widget
            caption = QLabel(label)
            caption.setBuddy(widget)
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(widget)
            help_label = QLabel(tr_msg(office_settings.SPECS[key].help))
            help_label.setStyleSheet("color: palette(mid);")
            help_label.setWordWrap(True)
            cell.addWidget(help_label)
            cell.addWidget(self.errors.add_field(key, widget))
            form.addRow(caption, cell)
        if not self.can_edit:
            note = QLabel(self.tr("Only a manager or an administrator may change these."))
            note.setObjectName("settings_readonly_note")
            note.setStyleSheet("color: #8d6e00;")
            form.addRow(note)
        form.addRow(self.errors.form_label)
        return page

    def _pc_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        box = QGroupBox(self.tr("Database"))
        row = QHBoxLayout(box)
        self.database_label = QLabel(database_location(self.ctx.database))
        self.database_label.setWordWrap(True)
        change = QPushButton(icon("database-switch"), self.tr("&Change…"))
        change.clicked.connect(self.change_database)
        row.addWidget(self.database_label, 1)
        row.addWidget(change)
        layout.addWidget(box)
        lang_box = QGroupBox(self.tr("Language"))
        lang_row = QFormLayout(lang_box)
        self.language = QComboBox()
        self.language.setObjectName("settings_language")
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        current = str(self.ui_settings.value("ui/language", "zh_CN") or "zh_CN")
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        caption = QLabel(self.tr("&Interface:"))
        caption.setBuddy(self.language)
        lang_row.addRow(caption, self.language)
        layout.addWidget(lang_box)
        self.restart_note = QLabel(self.tr("Changes on this page take effect after a restart."))
        self.restart_note.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.restart_note)
        layout.addStretch(1)
        return page

    # -- actions ------------------------------------------------------------------------------

    def change_database(self) -> None:
        from ui.dialogs.first_run import FirstRunDialog

        dialog = FirstRunDialog(self, mode=FirstRunDialog.MODE_SWITCH)
        if dialog.exec() and dialog.database_url:
            self.database_label.setText(
                self.tr("{new}  (after restart; now: {old})").format(
                    new=dialog.database_url, old=database_location(self.ctx.database)
                )
            )
            self.restart_needed = True

    def value(self, key: str) -> str:
        widget = self.fields[key]
        if isinstance(widget, QTimeEdit):
            return widget.time().toString("HH:mm")
        return widget.text().strip()

    def save(self) -> None:
        self.errors.clear()
        language = self.language.currentData()
        if language != (self.ui_settings.value("ui/language", "zh_CN") or "zh_CN"):
            self.ui_settings.setValue("ui/language", language)
            self.restart_needed = True
        if self.can_edit:
            for key in self.fields:
                value = self.value(key)
                if value == self.original[key]:
                    continue
                try:
                    office_settings.set_setting(self.ctx.actor, key, value)
                except ValidationError as exc:
                    self.errors.show(ValidationError({key: next(iter(exc.errors.values()))}))
                    return
                except PropDeskError as exc:
                    show_error(self, exc)
                    return
                self.original[key] = value
        self.accept()
