"""逾期钥匙 — keys still out past their due time: the desk's list at opening and after the cut-off.

Shown at start (its own dock at the bottom). It refreshes after every key write, a minute after
the office cut-off (QTimer, re-armed for the next day), and every REFRESH_MINUTES in between.
Enter or double-click on a line opens its loan in the loans dock (open_record("key_loans", id)).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import PropDeskError
from app.rules.identity import mask_phone
from app.rules.roles import Perm
from app.services import keys, office_settings
from app.services.keys import LoanView
from ui.context import UiContext
from ui.docks.registry import DockSpec, add_dock
from ui.errors import describe_error
from ui.formatting import format_datetime
from ui.icons import icon

REFRESH_MINUTES = 5
AFTER_CUTOFF_SECONDS = 60


def _late(now: datetime, due: datetime) -> str:
    minutes = max(0, int((now - due).total_seconds() // 60))
    hours, minutes = divmod(minutes, 60)
    if hours:
        return QCoreApplication.translate("OverdueKeysPanel", "{hours}h{minutes:02d}").format(
            hours=hours, minutes=minutes
        )
    return QCoreApplication.translate("OverdueKeysPanel", "{minutes} min").format(minutes=minutes)


class OverdueKeysPanel(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loans: list[LoanView] = []
        self.title = QLabel(self)
        self.title.setObjectName("overdue_title")
        self.refresh_button = QPushButton(icon("refresh"), self.tr("Refresh"), self)
        self.refresh_button.setAutoDefault(True)
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.list = QListWidget(self)
        self.list.setObjectName("overdue_list")
        self.list.itemActivated.connect(self._open)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        self.setFocusProxy(self.list)

        self.periodic = QTimer(self)
        self.periodic.setInterval(REFRESH_MINUTES * 60 * 1000)
        self.periodic.timeout.connect(lambda: self.refresh())
        self.periodic.start()
        self.cutoff_timer = QTimer(self)
        self.cutoff_timer.setSingleShot(True)
        self.cutoff_timer.timeout.connect(self._after_cutoff)
        ctx.bus.register_changed.connect(self._changed)
        self.refresh()
        self.arm_cutoff_timer()

    def next_cutoff(self, now: datetime | None = None) -> datetime:
        """A minute after the next cut-off (today's if still ahead, else tomorrow's)."""
        now = now or datetime.now()
        try:
            cutoff = office_settings.get_time("key_loan_cutoff")
        except PropDeskError:
            cutoff = datetime.strptime("18:00", "%H:%M").time()
        at = datetime.combine(now.date(), cutoff) + timedelta(seconds=AFTER_CUTOFF_SECONDS)
        if at <= now:
            at += timedelta(days=1)
        return at

    def arm_cutoff_timer(self, now: datetime | None = None) -> int:
        now = now or datetime.now()
        ms = max(1000, int((self.next_cutoff(now) - now).total_seconds() * 1000))
        self.cutoff_timer.start(ms)
        return ms

    def _after_cutoff(self) -> None:
        self.refresh()
        self.arm_cutoff_timer()

    def _changed(self, name: str) -> None:
        if name in ("keys", "key_loans"):
            self.refresh()

    def refresh(self, now: datetime | None = None) -> list[LoanView]:
        now = now or datetime.now()
        try:
            self.loans = keys.overdue_loans(self.ctx.actor, now=now)
        except PropDeskError as exc:
            self.title.setText(
                self.tr("Overdue keys: cannot be read now ({error}).").format(
                    error=describe_error(exc).title
                )
            )
            return self.loans
        self.list.clear()
        for loan in self.loans:
            text = self.tr(
                "{number}  {code} {label} — {name} {phone}, due {due} ({late} late)"
            ).format(
                number=loan.number,
                code=loan.key_code,
                label=loan.key_label,
                name=loan.borrower_name,
                phone=loan.borrower_phone
                if self.ctx.actor.can(Perm.PII_VIEW)
                else mask_phone(loan.borrower_phone),
                due=format_datetime(loan.due_at),
                late=_late(now, loan.due_at),
            )
            item = QListWidgetItem(icon("warning"), text)
            item.setData(Qt.ItemDataRole.UserRole, loan.id)
            item.setForeground(QColor("#c62828"))
            self.list.addItem(item)
        if self.loans:
            self.title.setText(
                self.tr("<b>{n} key(s) overdue</b> — Enter opens the loan").format(
                    n=len(self.loans)
                )
            )
            self.list.setCurrentRow(0)
        else:
            self.title.setText(self.tr("No keys overdue."))
        return self.loans

    def _open(self, item: QListWidgetItem) -> None:
        loan_id = item.data(Qt.ItemDataRole.UserRole)
        if loan_id:
            self.ctx.bus.open_record.emit("key_loans", int(loan_id))


add_dock(
    DockSpec(
        object_name="dock_key_overdue",
        title=QT_TRANSLATE_NOOP("Docks", "Overdue keys"),
        icon="warning",
        registers=(),
        factory=OverdueKeysPanel,
        area="bottom",
        tags=("keys",),
        order=12,
    )
)

__all__ = ["OverdueKeysPanel"]
