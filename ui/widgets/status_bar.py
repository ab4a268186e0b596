"""Status bar: where the database is (never its password), whether it answers, and who is in."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStatusBar, QWidget

from app.db import DatabaseInfo
from app.rules.roles import ROLE_LABELS_ZH, Role
from ui.context import UiContext
from ui.icons import icon

STATE_OK = "ok"
STATE_REMOTE = "remote"
STATE_UNAVAILABLE = "unavailable"
MESSAGE_MS = 8000


def role_label(role: str) -> str:
    """Chinese role name as the office says it (客服助理 …), whatever the UI language."""
    try:
        return ROLE_LABELS_ZH[Role(role)]
    except ValueError:
        return role


def database_location(info: DatabaseInfo) -> str:
    """Path of the SQLite file or postgresql://host:port/db; credentials never shown."""
    return info.target.describe()


class _IconLabel(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.icon = QLabel(self)
        self.text = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(4)
        layout.addWidget(self.icon)
        layout.addWidget(self.text)

    def set(self, icon_name: str, text: str, tip: str = "") -> None:
        self.icon.setPixmap(icon(icon_name).pixmap(QSize(16, 16)))
        self.text.setText(text)
        self.setToolTip(tip)


class StatusBar(QStatusBar):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status_bar")
        self.ctx = ctx
        self.database = _IconLabel(self)
        self.database.setObjectName("status_database")
        self.user = _IconLabel(self)
        self.user.setObjectName("status_user")
        # Who is connected (issue 3): set by ui.presence.DeskPresence via set_desks().
        self.desks = _IconLabel(self)
        self.desks.setObjectName("status_desks")
        self.desks.hide()  # until the first heartbeat has counted
        self.addPermanentWidget(self.desks)
        self.addPermanentWidget(self.database)
        self.addPermanentWidget(self.user)
        self.state = ""
        self.set_database_state(STATE_REMOTE if ctx.database.remote else STATE_OK)
        actor = ctx.actor
        self.user.set(
            "user",
            f"{actor.display_name or actor.username}  ·  {role_label(actor.role)}",
            QCoreApplication.translate("StatusBar", "Logged in as {user}").format(
                user=actor.username
            ),
        )
        ctx.bus.status_message.connect(self.show_message)

    def show_message(self, text: str) -> None:
        self.showMessage(text, MESSAGE_MS)

    def set_database_state(self, state: str) -> None:
        """ok / remote (works, but on a network drive) / unavailable (the last access failed)."""
        self.state = state
        where = database_location(self.ctx.database)
        if state == STATE_UNAVAILABLE:
            self.database.set(
                "error",
                QCoreApplication.translate("StatusBar", "{where} — not reachable").format(
                    where=where
                ),
                QCoreApplication.translate(
                    "StatusBar",
                    "The database did not answer. Check the network drive, then try again.",
                ),
            )
            self.database.text.setStyleSheet("color: #c62828;")
        elif state == STATE_REMOTE:
            self.database.set(
                "warning",
                where,
                QCoreApplication.translate(
                    "StatusBar", "The database is on a network drive: fine for a few PCs at once."
                ),
            )
            self.database.text.setStyleSheet("color: #8d6e00;")
        else:
            kind = (
                "database-remote" if self.ctx.database.target.kind == "postgresql" else "database"
            )
            self.database.set(kind, where, QCoreApplication.translate("StatusBar", "Database"))
            self.database.text.setStyleSheet("")

    def set_desks(self, count: int, names: list[str] | None = None) -> None:
        """Show "3 desks connected" (3 台电脑在线); the tooltip lists them as "PC (user)"."""
        self.desks.set(
            "party",
            QCoreApplication.translate("StatusBar", "{n} desks connected").format(n=count),
            QCoreApplication.translate("StatusBar", "PropDesk is open on: {desks}").format(
                desks=", ".join(names or [])
            ),
        )
        self.desks.show()

    def desks_text(self) -> str:
        return self.desks.text.text() if self.desks.isVisible() else ""

    def database_text(self) -> str:
        return self.database.text.text()

    def user_text(self) -> str:
        return self.user.text.text()
