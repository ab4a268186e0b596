"""今日待办 — the desk's Today panel: the first thing a clerk sees (SPEC §5).

One group per declared register with a `today` spec the clerk may see (keys out past the cut-off,
archive files overdue, open archive incidents, …): its label, how many, and its first lines, the
longest overdue first. Enter or double-click on a line opens its record (`bus.open_record`); on a
group it folds the group. The calendar warning strip (a year's holiday schedule missing) sits on
top.

Loaded off the GUI thread (`ui.tasks.run_in_background`: the database may be on a slow share). It
refreshes when any of its registers changes (`bus.register_changed`), when the next open record
falls due (the key cut-off: the service says when), and every REFRESH_MINUTES in between.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.kit import today as kit_today
from app.kit.today import TodayGroup, TodayLine
from ui.context import UiContext
from ui.errors import ERROR_COLOR, describe_error
from ui.formatting import format_datetime
from ui.icons import icon
from ui.kit.labels import today_label
from ui.tasks import run_in_background
from ui.widgets.calendar_warning import CalendarWarning

log = logging.getLogger(__name__)

REFRESH_MINUTES = 5
DAYS_FROM_HOURS = 72  # from three days late on, lateness is counted in days
AFTER_DUE_SECONDS = 60  # look again a minute after the next record falls due (the cut-off)
GroupRole = Qt.ItemDataRole.UserRole
RecordRole = Qt.ItemDataRole.UserRole + 1
DONE_COLOR = "#2e7d32"


def late_text(now: datetime, due: datetime) -> str:
    """How late: "26 小时 32 分" / "5 分钟". (Context kept from the key-only overdue strip this
    panel replaced, so its translations still apply.)"""
    minutes = max(0, int((now - due).total_seconds() // 60))
    hours, minutes = divmod(minutes, 60)
    if hours >= DAYS_FROM_HOURS:  # an archive file a week late: days, not 166 hours
        return QCoreApplication.translate("TodayPanel", "{days} days").format(days=hours // 24)
    if hours:
        return QCoreApplication.translate("OverdueKeysPanel", "{hours}h{minutes:02d}").format(
            hours=hours, minutes=minutes
        )
    return QCoreApplication.translate("OverdueKeysPanel", "{minutes} min").format(minutes=minutes)


def _calendar_warning(ctx: UiContext, parent: QWidget) -> CalendarWarning | None:
    try:
        warning = CalendarWarning(ctx, parent)
        warning.refresh()  # asks the calendar off the GUI thread
        return warning
    except Exception:  # noqa: BLE001 - the Today list matters more than the strip
        log.exception("calendar warning not shown")
        return None


class TodayPanel(QWidget):
    """The Today groups as a tree: group rows (label, count), record lines under them."""

    refreshed = Signal()  # after each load (or failed load) was shown

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        interval_ms: int = REFRESH_MINUTES * 60 * 1000,
        autoload: bool = True,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("today_panel")
        self.groups: list[TodayGroup] = []
        self.loading = False
        self.loaded = False
        self.now: datetime | None = None  # None: the real clock (tests fix it)
        self._again = False
        self.registers = {reg.name for reg in kit_today.registers_for(ctx.actor)}

        self.title = QLabel(self)
        self.title.setObjectName("today_title")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.refresh_button = QPushButton(icon("refresh"), self.tr("Refresh"), self)
        self.refresh_button.setObjectName("today_refresh")
        self.refresh_button.setToolTip(self.tr("Read the lists again (F5)"))
        self.refresh_button.setShortcut("F5")
        self.refresh_button.setAutoDefault(True)
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("today_tree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("What"), self.tr("Due"), self.tr("Late by")])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(self._activated)  # Enter and double-click

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.calendar_warning = _calendar_warning(ctx, self)
        if self.calendar_warning is not None:
            layout.addWidget(self.calendar_warning)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        self.setFocusProxy(self.tree)
        self.title.setText(self.tr("<b>Today</b> — loading…"))

        self.periodic = QTimer(self)
        self.periodic.setInterval(interval_ms)
        self.periodic.timeout.connect(lambda: self.refresh())
        self.periodic.start()
        self.due_timer = QTimer(self)
        self.due_timer.setSingleShot(True)
        self.due_timer.timeout.connect(lambda: self.refresh())
        ctx.bus.register_changed.connect(self._changed)
        if autoload:
            self.refresh()

    # -- loading ---------------------------------------------------------------------------

    def _changed(self, name: str) -> None:
        if name in self.registers:
            self.refresh()

    def refresh(self, now: datetime | None = None) -> None:
        """Ask the registers in a worker thread; the answer replaces the tree."""
        if now is not None:
            self.now = now
        if self.loading:  # one at a time; once more when the running one is back
            self._again = True
            return
        self.loading = True
        actor, at = self.ctx.actor, self.now
        run_in_background(lambda: kit_today.today(actor, at), self._loaded, self._failed)

    def _loaded(self, groups: list[TodayGroup]) -> None:
        try:
            self.loading = False
            self.loaded = True
            self.groups = list(groups)
            self._show(self.now or datetime.now())
            self._arm_due_timer()
            self.refreshed.emit()
            self._maybe_again()
        except RuntimeError:  # the panel was deleted while the job ran
            log.debug("Today panel gone before its answer", exc_info=True)

    def _failed(self, exc: BaseException) -> None:
        try:
            self.loading = False
            self.title.setText(
                self.tr("<b>Today</b> — cannot be read now ({error}).").format(
                    error=describe_error(exc).title
                )
            )
            self.title.setStyleSheet(f"color: {ERROR_COLOR};")
            self.refreshed.emit()
            self._maybe_again()
        except RuntimeError:
            log.debug("Today panel gone before its failure", exc_info=True)

    def _maybe_again(self) -> None:
        if self._again:
            self._again = False
            self.refresh()

    def _arm_due_timer(self) -> None:
        dues = [g.next_due for g in self.groups if g.next_due is not None]
        if not dues or self.now is not None:  # a fixed clock (tests) never moves on
            self.due_timer.stop()
            return
        at = min(dues) + timedelta(seconds=AFTER_DUE_SECONDS)
        ms = int((at - datetime.now()).total_seconds() * 1000)
        if ms < self.periodic.interval():  # the periodic refresh comes first anyway otherwise
            self.due_timer.start(max(1000, ms))

    # -- showing ---------------------------------------------------------------------------

    def _show(self, now: datetime) -> None:
        current = self.current_line()
        self.tree.clear()
        self.title.setStyleSheet("")
        waiting = 0
        for group in self.groups:
            item = self._group_item(group)
            self.tree.addTopLevelItem(item)
            item.setFirstColumnSpanned(True)
            for line in group.lines:
                item.addChild(self._line_item(group, line, now))
            item.setExpanded(bool(group.lines))
            waiting += group.count
        if waiting:
            self.title.setText(
                self.tr("<b>Today</b> {date} — {n} to handle; Enter opens the record").format(
                    date=now.strftime("%Y-%m-%d"), n=waiting
                )
            )
        else:
            self.title.setText(
                self.tr("<b>Today</b> {date} — nothing overdue.").format(
                    date=now.strftime("%Y-%m-%d")
                )
            )
        if current is not None and self.select_line(*current):
            return
        lines = self.line_items()
        if lines:
            self.tree.setCurrentItem(lines[0])  # Enter opens the longest overdue at once
        elif self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def _group_item(self, group: TodayGroup) -> QTreeWidgetItem:
        label = today_label(group.register)
        if group.count:
            text = self.tr("{label} ({n})").format(label=label, n=group.count)
            if group.count > len(group.lines):
                text += "  " + self.tr("— the first {shown} shown").format(shown=len(group.lines))
        else:
            text = self.tr("{label} — none").format(label=label)
        item = QTreeWidgetItem([text])
        item.setData(0, GroupRole, group.register)
        font = QFont(item.font(0))
        font.setBold(True)
        item.setFont(0, font)
        item.setIcon(0, icon("warning" if group.count else "ok"))
        if not group.count:
            item.setForeground(0, QBrush(QColor(DONE_COLOR)))
        return item

    def _line_item(self, group: TodayGroup, line: TodayLine, now: datetime) -> QTreeWidgetItem:
        due = format_datetime(line.due_at) if line.due_at else ""
        late = late_text(now, line.due_at) if line.overdue and line.due_at else ""
        item = QTreeWidgetItem([line.text, due, late])
        item.setData(0, GroupRole, line.register)
        item.setData(0, RecordRole, line.record_id)
        item.setToolTip(0, self.tr("Enter opens {text}").format(text=line.text))
        if line.overdue:
            item.setIcon(0, icon("warning"))
            for col in range(3):
                item.setForeground(col, QBrush(QColor(ERROR_COLOR)))
        return item

    # -- lines -----------------------------------------------------------------------------

    def group(self, register: str) -> TodayGroup | None:
        return next((g for g in self.groups if g.register == register), None)

    def count(self, register: str) -> int:
        found = self.group(register)
        return found.count if found is not None else 0

    def line_items(self, register: str | None = None) -> list[QTreeWidgetItem]:
        items = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if register is None or top.data(0, GroupRole) == register:
                items += [top.child(j) for j in range(top.childCount())]
        return items

    def line_item(self, register: str, record_id: int) -> QTreeWidgetItem | None:
        return next(
            (i for i in self.line_items(register) if i.data(0, RecordRole) == record_id), None
        )

    def current_line(self) -> tuple[str, int] | None:
        item = self.tree.currentItem()
        if item is None or item.data(0, RecordRole) is None:
            return None
        return str(item.data(0, GroupRole)), int(item.data(0, RecordRole))

    def select_line(self, register: str, record_id: int) -> bool:
        item = self.line_item(register, record_id)
        if item is None:
            return False
        self.tree.setCurrentItem(item)
        return True

    def open_line(self, item: QTreeWidgetItem) -> bool:
        record_id = item.data(0, RecordRole)
        if record_id is None:
            return False
        self.ctx.bus.open_record.emit(str(item.data(0, GroupRole)), int(record_id))
        return True

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        if not self.open_line(item):
            item.setExpanded(not item.isExpanded())


__all__ = ["TodayPanel", "late_text"]
