"""Start-up: which database, open it, first administrator, log in → a UiContext.

    --db URL  →  $PROPDESK_DB  →  this PC's LocalSettings  →  first-run dialog

Opening errors (share not connected, file damaged, database from a newer PropDesk) are shown with
a way to try again or choose another database. Warnings about the location (network drive) are
shown once per database on this PC; the status bar keeps showing them.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.db import DatabaseInfo
from app.db_open import open_database
from app.errors import PropDeskError, SchemaTooNew, StorageUnavailable
from app.services import accounts
from app.settings import LocalSettings, configured_database_url
from ui.context import UiContext
from ui.i18n import tr_msg
from ui.tasks import run_in_background

log = logging.getLogger(__name__)


def choose_database(
    parent: QWidget | None = None, *, switch: bool = False
) -> tuple[str, bool] | None:
    """First-run / switch dialog → (url, create) saved to LocalSettings, or None if cancelled."""
    from ui.dialogs.first_run import FirstRunDialog

    mode = FirstRunDialog.MODE_SWITCH if switch else FirstRunDialog.MODE_FIRST
    dialog = FirstRunDialog(parent, mode=mode)
    if dialog.exec() and dialog.database_url:
        return dialog.database_url, dialog.create
    return None


def open_error_text(exc: BaseException) -> tuple[str, str]:
    """(message, details) for a database that would not open."""
    if isinstance(exc, SchemaTooNew):
        return (
            QCoreApplication.translate(
                "Startup",
                "This database was written by a newer PropDesk. Install the new version on this "
                "PC; the database was not touched.",
            ),
            str(exc),
        )
    if isinstance(exc, StorageUnavailable):
        return (
            QCoreApplication.translate(
                "Startup",
                "The database cannot be opened. If it is on a network drive, check that the drive "
                "is connected and that you may write to its folder.",
            ),
            str(exc),
        )
    return (
        QCoreApplication.translate("Startup", "The database cannot be opened."),
        f"{type(exc).__name__}: {exc}",
    )


RETRY, CHOOSE, QUIT = "retry", "choose", "quit"


def ask_after_open_error(parent: QWidget | None, url: str, exc: BaseException) -> str:
    message, details = open_error_text(exc)
    box = QMessageBox(parent)
    box.setObjectName("open_error_box")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("Startup", "Database unavailable"))
    box.setText(message)
    box.setInformativeText(
        QCoreApplication.translate("Startup", "Database: {where}").format(where=url)
    )
    box.setDetailedText(details)
    retry = box.addButton(
        QCoreApplication.translate("Startup", "&Try again"), QMessageBox.ButtonRole.AcceptRole
    )
    choose = box.addButton(
        QCoreApplication.translate("Startup", "&Choose another database…"),
        QMessageBox.ButtonRole.ActionRole,
    )
    box.addButton(QCoreApplication.translate("Startup", "&Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.exec()
    clicked = box.clickedButton()
    return RETRY if clicked is retry else CHOOSE if clicked is choose else QUIT


def open_interactive(
    url: str | None, create: bool = False, parent: QWidget | None = None
) -> DatabaseInfo | None:
    """Open `url` (asking for one when None) until it works or the clerk quits."""
    while True:
        if url is None:
            choice = choose_database(parent)
            if choice is None:
                return None
            url, create = choice
        waiting = _UpgradeWait(parent)
        try:
            return open_database(url, create=create, on_wait=waiting.update)
        except (PropDeskError, ValueError, OSError) as exc:
            log.warning("cannot open %s: %s", url, exc)
            answer = ask_after_open_error(parent, url, exc)
            if answer == QUIT:
                return None
            if answer == CHOOSE:
                url, create = None, False
        finally:
            waiting.close()


class _UpgradeWait:
    """While another PC upgrades the schema, open_database calls back about once a second:
    show that instead of a frozen window (a non-modal dialog, no cancel: the upgrade finishes)."""

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent
        self.dialog: QProgressDialog | None = None

    def update(self, message: str) -> None:
        if self.dialog is None:
            self.dialog = QProgressDialog(tr_msg(message), "", 0, 0, self.parent)
            self.dialog.setCancelButton(None)
            self.dialog.setWindowTitle(QCoreApplication.translate("Startup", "Please wait"))
            self.dialog.setMinimumDuration(0)
            self.dialog.show()
        QCoreApplication.processEvents()

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None


def show_warnings_once(
    info: DatabaseInfo, parent: QWidget | None = None, settings: QSettings | None = None
) -> list[str]:
    """Show each location warning once per database on this PC; returns those shown."""
    from ui.application import ui_settings

    settings = settings or ui_settings()
    key = "warned/" + hashlib.sha1(info.target.describe().encode()).hexdigest()[:16]
    seen = set(settings.value(key, []) or [])
    fresh = [w for w in info.warnings if w not in seen]
    if fresh:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("Startup", "About this database"),
            "\n\n".join(tr_msg(w) for w in fresh),
        )
        settings.setValue(key, sorted(seen | set(fresh)))
    return fresh


def ensure_admin(parent: QWidget | None = None) -> str | None:
    """Offer to create the first administrator when the database has no account.

    Returns the new user name, "" when accounts already exist, None when cancelled."""
    if accounts.has_users():
        return ""
    from ui.dialogs.create_admin import CreateAdminDialog

    dialog = CreateAdminDialog(parent)
    if dialog.exec() and dialog.created_username:
        return dialog.created_username
    return None


def log_in(
    info: DatabaseInfo,
    username: str = "",
    parent: QWidget | None = None,
    now: Callable[[], datetime] | None = None,
) -> accounts.LoginResult | None:
    from ui.dialogs.login import LoginDialog

    local = LocalSettings.load()
    dialog = LoginDialog(
        parent,
        username=username or local.last_username or "",
        database=info.target.describe(),
        now=now,
    )
    if not dialog.exec() or dialog.result_login is None:
        return None
    result = dialog.result_login
    local = LocalSettings.load()
    if local.last_username != result.actor.username:
        local.last_username = result.actor.username
        local.save()
    return result


def daily_backup() -> None:
    """The first PropDesk to start each day backs the office database up (app.backup), in the
    background: copying a large file over the share takes seconds and must not hold up the
    log-in. A failed backup is logged and never stops the start."""
    from app import backup

    def done(path: object) -> None:
        if path is not None:
            log.info("daily backup: %s", path)

    run_in_background(
        backup.daily_backup_if_due, done, lambda exc: log.warning("daily backup failed: %s", exc)
    )


def run_startup(
    explicit_db: str | None = None,
    parent: QWidget | None = None,
    now: Callable[[], datetime] | None = None,
) -> UiContext | None:
    """The whole start-up flow; None when the clerk cancels anywhere (the app then exits)."""
    info = open_interactive(configured_database_url(explicit_db), create=False, parent=parent)
    if info is None:
        return None
    show_warnings_once(info, parent)
    daily_backup()
    created = ensure_admin(parent)
    if created is None:
        return None
    result = log_in(info, created, parent, now)
    if result is None:
        return None
    return UiContext(actor=result.actor, database=info)
