"""Errors as a clerk sees them: a clear Chinese message, never a traceback.

`show_error(parent, exc)` maps every error the services raise on purpose (app/errors.py) to a
message box; anything else is a bug: the clerk gets a short generic message and the traceback
goes to the log file. `describe_error(exc)` gives the same text without a dialog (status bars,
inline banners, tests).

`FieldErrors` puts a ValidationError's messages under the fields they belong to.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from app.errors import (
    AccountLocked,
    AuthenticationFailed,
    ConflictError,
    NotFound,
    PermissionDenied,
    ReasonRequired,
    SchemaTooNew,
    StorageUnavailable,
    ValidationError,
    WrongState,
)
from ui.i18n import tr_msg

log = logging.getLogger(__name__)

ERROR_COLOR = "#c62828"
FORM_LEVEL = "__all__"

# Who hears that the database could not be reached (False) or answers again (True). The main
# window sets it to its bus's `storage_state.emit`, so whichever dialog, dock or list met a
# StorageUnavailable, the storage banner shows (ui/widgets/storage_banner.py).
_storage_listener: Callable[[bool], None] | None = None


def set_storage_listener(listener: Callable[[bool], None] | None) -> None:
    global _storage_listener
    _storage_listener = listener


def report_storage(available: bool) -> None:
    if _storage_listener is None:
        return
    try:
        _storage_listener(available)
    except RuntimeError:  # the window (and its bus) was deleted
        log.debug("storage listener gone", exc_info=True)


@dataclass(frozen=True)
class ErrorText:
    title: str
    text: str
    informative: str = ""
    icon: QMessageBox.Icon = QMessageBox.Icon.Warning
    offer_reload: bool = False


def describe_error(exc: BaseException, field_labels: dict[str, str] | None = None) -> ErrorText:
    """Title and message for `exc` in the UI language. `field_labels` names fields for humans."""
    if isinstance(exc, ValidationError):
        labels = field_labels or {}
        lines = []
        for field, message in exc.errors.items():
            text = tr_msg(message)
            name = labels.get(field, "" if field == FORM_LEVEL else field)
            lines.append(f"• {name}：{text}" if name else f"• {text}")
        return ErrorText(
            QCoreApplication.translate("Errors", "Please check your input"),
            QCoreApplication.translate("Errors", "Nothing was saved. Please correct:")
            + "\n"
            + "\n".join(lines),
        )
    if isinstance(exc, ConflictError):
        when = exc.changed_at.strftime("%Y-%m-%d %H:%M") if exc.changed_at else "?"
        return ErrorText(
            QCoreApplication.translate("Errors", "Changed by someone else"),
            QCoreApplication.translate(
                "Errors",
                "{who} saved this record at {when}, after you opened it. Your changes were not saved.",
            ).format(who=exc.changed_by or "?", when=when),
            QCoreApplication.translate(
                "Errors",
                "Reload to see their version; your typed text stays in the form until you do.",
            ),
            offer_reload=True,
        )
    if isinstance(exc, WrongState):  # a transition from a state the record is no longer in
        return ErrorText(
            QCoreApplication.translate("Errors", "Not possible now"),
            tr_msg(exc.message),
            QCoreApplication.translate(
                "Errors",
                "Another desk may have handled it first. Nothing was saved; your input is kept.",
            ),
        )
    if isinstance(exc, PermissionDenied):
        return ErrorText(
            QCoreApplication.translate("Errors", "Not allowed"),
            QCoreApplication.translate(
                "Errors", "Your role may not do this. Ask a supervisor or manager."
            ),
            icon=QMessageBox.Icon.Information,
        )
    if isinstance(exc, NotFound):
        return ErrorText(
            QCoreApplication.translate("Errors", "Not found"),
            QCoreApplication.translate(
                "Errors", "The record no longer exists or was never saved. Refresh the list."
            ),
            icon=QMessageBox.Icon.Information,
        )
    if isinstance(exc, StorageUnavailable):
        if not exc.busy:  # another desk writing is no reason for the "drive lost" banner
            report_storage(False)  # every path that tells the clerk comes through here
        return ErrorText(
            QCoreApplication.translate("Errors", "Database unavailable"),
            QCoreApplication.translate(
                "Errors",
                "The database cannot be reached or is busy. Your input is kept — try again in a moment.",
            ),
            QCoreApplication.translate(
                "Errors", "If this goes on, check the network drive or ask IT."
            ),
        )
    if isinstance(exc, SchemaTooNew):
        return ErrorText(
            QCoreApplication.translate("Errors", "PropDesk is too old"),
            QCoreApplication.translate(
                "Errors",
                "This database was written by a newer PropDesk. Install the new version; the database was not touched.",
            ),
            icon=QMessageBox.Icon.Critical,
        )
    if isinstance(exc, AccountLocked):
        return ErrorText(
            QCoreApplication.translate("Errors", "Account locked"),
            QCoreApplication.translate(
                "Errors", "Too many failed logins. The account is locked until {time}."
            ).format(time=exc.until.strftime("%H:%M")),
        )
    if isinstance(exc, AuthenticationFailed):
        return ErrorText(
            QCoreApplication.translate("Errors", "Login failed"),
            QCoreApplication.translate("Errors", "Wrong user name or password."),
        )
    if isinstance(exc, ReasonRequired):
        return ErrorText(
            QCoreApplication.translate("Errors", "Reason required"),
            QCoreApplication.translate(
                "Errors", "Logging in outside working hours needs a reason."
            ),
            icon=QMessageBox.Icon.Information,
        )
    return ErrorText(
        QCoreApplication.translate("Errors", "Something went wrong"),
        QCoreApplication.translate(
            "Errors",
            "PropDesk hit an unexpected problem. Your input is kept; the details were written to the log.",
        ),
        icon=QMessageBox.Icon.Critical,
    )


def is_expected(exc: BaseException) -> bool:
    from app.errors import PropDeskError

    return isinstance(exc, PropDeskError)


def _exec_box(box: QMessageBox) -> QMessageBox.StandardButton:
    """Separate so tests can replace the modal loop."""
    return QMessageBox.StandardButton(box.exec())


def show_error(
    parent: QWidget | None,
    exc: BaseException,
    field_labels: dict[str, str] | None = None,
) -> bool:
    """Tell the clerk about `exc`. Returns True when they chose Reload (ConflictError only)."""
    if not is_expected(exc):
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    info = describe_error(exc, field_labels)
    box = QMessageBox(parent)
    box.setIcon(info.icon)
    box.setWindowTitle(info.title)
    box.setText(info.text)
    if info.informative:
        box.setInformativeText(info.informative)
    reload_button = None
    if info.offer_reload:
        reload_button = box.addButton(
            QCoreApplication.translate("Errors", "Reload"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(
            QCoreApplication.translate("Errors", "Keep my text"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(reload_button)
    else:
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
    _exec_box(box)
    return reload_button is not None and box.clickedButton() is reload_button


class FieldErrors(QObject):
    """Red messages under form fields, by field name.

    `add_field(name, widget)` makes (or takes) the label under a field; `show(ValidationError)`
    fills them, putting messages for unknown fields into `form_label`; `clear()` empties all.
    Typing in a field clears its own message.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._labels: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}
        self.form_label = self.make_label()

    @staticmethod
    def make_label(parent: QWidget | None = None) -> QLabel:
        label = QLabel(parent)
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {ERROR_COLOR};")
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setVisible(False)
        return label

    def add_field(self, name: str, widget: QWidget, label: QLabel | None = None) -> QLabel:
        label = label or self.make_label()
        label.setObjectName(f"error_{name}")
        self._labels[name] = label
        self._widgets[name] = widget
        signal = None
        if isinstance(widget, QLineEdit):
            signal = widget.textEdited
        elif isinstance(widget, QComboBox):
            signal = widget.currentIndexChanged
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            signal = widget.textChanged
        elif isinstance(widget, QAbstractButton):
            signal = widget.toggled
        if signal is not None:
            signal.connect(lambda *_: self.clear_field(name))
        return label

    def fields(self) -> tuple[str, ...]:
        return tuple(self._labels)

    def label(self, name: str) -> QLabel | None:
        return self._labels.get(name)

    def message(self, name: str) -> str:
        """The message shown for `name` ('' if none); FORM_LEVEL for the form-level label."""
        label = self.form_label if name == FORM_LEVEL else self._labels.get(name)
        return label.text() if label is not None else ""

    def show(self, error: ValidationError) -> None:
        self.clear()
        unknown = []
        first: QWidget | None = None
        for field, message in error.errors.items():
            text = tr_msg(message)
            label = self._labels.get(field)
            if label is None:
                unknown.append(text)
                continue
            label.setText(text)
            label.setVisible(True)
            widget = self._widgets[field]
            widget.setProperty("invalid", True)
            widget.setStyleSheet(f"border: 1px solid {ERROR_COLOR};")
            first = first or widget
        if unknown:
            self.form_label.setText("\n".join(unknown))
            self.form_label.setVisible(True)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_field(self, name: str) -> None:
        label = self._labels.get(name)
        if label is None or not label.text():
            return
        label.clear()
        label.setVisible(False)
        widget = self._widgets[name]
        widget.setProperty("invalid", False)
        widget.setStyleSheet("")

    def clear(self) -> None:
        for name in self._labels:
            self.clear_field(name)
        self.form_label.clear()
        self.form_label.setVisible(False)

    def has_errors(self) -> bool:
        return bool(self.form_label.text()) or any(lbl.text() for lbl in self._labels.values())
