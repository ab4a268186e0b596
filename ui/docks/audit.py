"""审计记录 and 登录记录 — read-only views of the audit log and the login history.

Only roles with Perm.AUDIT_VIEW get these docks (manager, administrator). Nothing here can change
an audit record; a flagged out-of-hours login can be marked as reviewed, which is itself audited.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import PropDeskError
from app.rules.roles import Perm
from app.services import audit
from ui.context import UiContext
from ui.docks.registry import DockSpec, add_dock
from ui.errors import show_error
from ui.formatting import add_column_labels, add_status_labels, format_datetime
from ui.icons import icon
from ui.widgets.register_view import RegisterView

add_column_labels(
    {
        "username": QT_TRANSLATE_NOOP("Columns", "User"),
        "action": QT_TRANSLATE_NOOP("Columns", "Action"),
        "entity": QT_TRANSLATE_NOOP("Columns", "Record type"),
        "entity_id": QT_TRANSLATE_NOOP("Columns", "Record"),
        "workstation": QT_TRANSLATE_NOOP("Columns", "PC"),
        "success": QT_TRANSLATE_NOOP("Columns", "Succeeded"),
        "out_of_hours": QT_TRANSLATE_NOOP("Columns", "Out of hours"),
        "reason": QT_TRANSLATE_NOOP("Columns", "Reason"),
        "reviewed_by": QT_TRANSLATE_NOOP("Columns", "Reviewed by"),
    }
)


# Roles show in Chinese in the log (the same words as the status bar).
add_status_labels(
    {
        "assistant": QT_TRANSLATE_NOOP("Status", "Customer-service assistant"),
        "supervisor": QT_TRANSLATE_NOOP("Status", "Customer-service supervisor"),
        "manager": QT_TRANSLATE_NOOP("Status", "Customer-service manager"),
        "archivist": QT_TRANSLATE_NOOP("Status", "Archivist"),
        "finance": QT_TRANSLATE_NOOP("Status", "Finance"),
        "engineering": QT_TRANSLATE_NOOP("Status", "Engineering"),
        "security": QT_TRANSLATE_NOOP("Status", "Security"),
        "admin": QT_TRANSLATE_NOOP("Status", "Administrator"),
    },
    columns=("role",),
)


class AuditLogPanel(QWidget):
    """The audit list with the selected record's before/after beside it."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view = RegisterView(ctx, "audit_events", parent=self)
        self.detail = QPlainTextEdit(self)
        self.detail.setObjectName("audit_detail")
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText(self.tr("Select a line to see what changed."))
        splitter = QSplitter(self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.view.current_changed.connect(self.show_event_detail)

    def show_event_detail(self, event_id: int) -> None:
        if not event_id:
            self.detail.clear()
            return
        try:
            event = audit.audit_event(self.ctx.actor, event_id)
        except PropDeskError as exc:
            show_error(self, exc)
            return
        lines = [
            self.tr("{time}  {user} ({role}) on {pc}").format(
                time=format_datetime(event["at"]),
                user=event["username"],
                role=event["role"],
                pc=event["workstation"] or "?",
            ),
            self.tr("Action: {action}  {entity} {id}").format(
                action=event["action"], entity=event["entity"], id=event["entity_id"]
            ),
            "",
            self.tr("Before:"),
            json.dumps(event["before"], ensure_ascii=False, indent=2) if event["before"] else "—",
            "",
            self.tr("After:"),
            json.dumps(event["after"], ensure_ascii=False, indent=2) if event["after"] else "—",
        ]
        self.detail.setPlainText("\n".join(lines))

    def show_record(self, register: str, record_id: int) -> None:
        if self.view.select_id(record_id):
            self.show_event_detail(record_id)


class LoginHistoryPanel(QWidget):
    """Login attempts; out-of-hours logins flagged for the manager until reviewed."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view = RegisterView(ctx, "login_events", parent=self)
        self.flagged_only = QCheckBox(self.tr("Only flagged logins not yet reviewed"), self)
        self.flagged_only.setChecked(True)
        self.flagged_only.toggled.connect(self._apply_filter)
        self.review_button = QPushButton(icon("ok"), self.tr("Mark as &reviewed"), self)
        self.review_button.setEnabled(False)
        self.review_button.clicked.connect(self.mark_reviewed)
        bar = QHBoxLayout()
        bar.addWidget(self.flagged_only)
        bar.addStretch(1)
        bar.addWidget(self.review_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self.view.current_changed.connect(lambda i: self.review_button.setEnabled(bool(i)))
        self._apply_filter()

    def _apply_filter(self) -> None:
        self.view.set_filters(flagged_only=True if self.flagged_only.isChecked() else None)

    def mark_reviewed(self) -> None:
        event_id = self.view.current_id()
        if not event_id:
            return
        try:
            audit.mark_login_reviewed(self.ctx.actor, event_id)
        except PropDeskError as exc:
            show_error(self, exc)
            return
        self.ctx.bus.register_changed.emit("login_events")
        self.view.refresh()

    def show_record(self, register: str, record_id: int) -> None:
        self.flagged_only.setChecked(False)
        self.view.select_id(record_id)


add_dock(
    DockSpec(
        object_name="dock_audit",
        title=QT_TRANSLATE_NOOP("Docks", "Audit log"),
        icon="audit",
        registers=("audit_events",),
        factory=AuditLogPanel,
        area="right",
        tags=("admin",),
        permission=Perm.AUDIT_VIEW,
        order=90,
    )
)
add_dock(
    DockSpec(
        object_name="dock_logins",
        title=QT_TRANSLATE_NOOP("Docks", "Login history"),
        icon="lock",
        registers=("login_events",),
        factory=LoginHistoryPanel,
        area="right",
        tags=("admin",),
        permission=Perm.AUDIT_VIEW,
        order=91,
    )
)
