"""The service desk (报修 / 投诉 / 回访): repairs, complaints and the callback queue, each a generic
RegisterDock (ui/kit/register_dock.py) on its declaration (app/registers/service_desk/).

What is special here: a dispatched order's card counts down the 15 minutes to the engineer's
arrival, and turns red when they are missed; after a dispatch the order slip opens in the preview
(the engineer takes the printed order); a callback's card shows the office's script (greeting,
questions, closing) filled in for the customer; the callbacks dock prints the monthly or
quarterly report.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.kit.declare import Transition
from app.registers.service_desk import rules
from app.registers.service_desk.register import CALLBACK, COMPLAINTS, ORDER_SLIP, WORK_ORDERS
from ui.context import UiContext
from ui.docks.registry import add_dock
from ui.errors import ERROR_COLOR
from ui.kit.register_dock import RegisterDock, dock_spec
from ui.lazy import lazy_import
from ui.widgets.list_detail import panel_button
from ui.widgets.pdf_preview import PdfPreviewDialog

reports = lazy_import("app.registers.service_desk.reports")  # reportlab loads on the first print

OK_COLOR = "#2e7d32"


class ArrivalClock(QLabel):
    """The minutes and seconds left until the engineer must be there, ticking once a second."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("arrival_clock")
        self.due: datetime | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self.setVisible(False)

    def load(self, record: dict[str, Any] | None) -> None:
        due = (record or {}).get("arrival_due_at")
        dispatched = (record or {}).get("status") == "dispatched"
        self.due = due if dispatched and isinstance(due, datetime) else None
        self.setVisible(self.due is not None)
        if self.due is None:
            self.timer.stop()
            return
        self.tick()
        self.timer.start()

    def tick(self, now: datetime | None = None) -> None:
        if self.due is None:
            return
        left = int((self.due - (now or datetime.now())).total_seconds())
        if left >= 0:
            self.setText(
                self.tr("Engineer due in {m:02d}:{s:02d}").format(m=left // 60, s=left % 60)
            )
            self.setStyleSheet(f"color: {OK_COLOR}; font-weight: bold; font-size: 14pt;")
        else:
            late = -left
            self.setText(
                self.tr("Arrival missed by {m:02d}:{s:02d}").format(m=late // 60, s=late % 60)
            )
            self.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold; font-size: 14pt;")


class WorkOrdersDock(RegisterDock):
    """维修服务通知单: take the call (New), dispatch, arrival, price, finish, receipt."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, WORK_ORDERS.name, parent)
        self.record_loaded.connect(self.clock.load)

    def make_extra_panel(self) -> QWidget | None:
        self.clock = ArrivalClock(self)
        return self.clock

    def after_transition(self, t: Transition, result: dict[str, Any] | None) -> None:
        super().after_transition(t, result)
        if t.name == "dispatch":  # the engineer takes the printed order (no PC on site)
            self.print_slip(ORDER_SLIP.name)


class ScriptPanel(QWidget):
    """The callback script, filled in for the customer on the card."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = QLabel(self.tr("Script"), self)
        self.title.setStyleSheet("font-weight: bold; margin-top: 6px;")
        self.text = QLabel(self)
        self.text.setObjectName("callback_script")
        self.text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        self.setVisible(False)

    def load(self, record: dict[str, Any] | None) -> None:
        due = bool(record) and record.get("status") == "due"
        self.setVisible(due)
        if record and due:
            clerk = self.ctx.actor.display_name or self.ctx.actor.username
            self.text.setText("\n\n".join(rules.script_for(record, clerk)))


class CallbacksDock(RegisterDock):
    """回访: the queue (due in the call windows), the script, the answers; the period report."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, CALLBACK.name, parent)
        self.record_loaded.connect(self.script.load)

    def make_extra_panel(self) -> QWidget | None:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.script = ScriptPanel(self.ctx, box)
        layout.addWidget(self.script)
        row = QHBoxLayout()
        self.report_kind = QComboBox(box)
        self.report_kind.setObjectName("report_kind")
        self.report_kind.addItem(self.tr("Monthly report"), "monthly")
        self.report_kind.addItem(self.tr("Quarterly report"), "quarterly")
        self.report_period = QLineEdit(box)
        self.report_period.setObjectName("report_period")
        self.report_period.setPlaceholderText("YYYY-MM / YYYY-Qn")
        self.report_period.setText(datetime.now().strftime("%Y-%m"))
        self.report_kind.currentIndexChanged.connect(self._default_period)
        self.report_button = panel_button(box, "print", self.tr("Print report"), "service_report")
        self.report_button.clicked.connect(lambda: self.print_report())
        row.addWidget(self.report_kind)
        row.addWidget(self.report_period, 1)
        row.addWidget(self.report_button)
        layout.addLayout(row)
        return box

    def _default_period(self) -> None:
        now = datetime.now()
        if self.report_kind.currentData() == "quarterly":
            self.report_period.setText(f"{now.year}-Q{(now.month - 1) // 3 + 1}")
        else:
            self.report_period.setText(now.strftime("%Y-%m"))

    def print_report(self) -> PdfPreviewDialog | None:
        """The report in the preview, as the slips are (Print with Enter or Ctrl+P)."""
        kind = str(self.report_kind.currentData())
        period = self.report_period.text().strip()
        actor = self.ctx.actor
        title = f"{self.report_kind.currentText()} {period}"
        return self.preview(lambda: reports.print_report(actor, kind, period), title)


for spec in (
    dock_spec(WORK_ORDERS, "repair", 20, WorkOrdersDock, tags=("service",)),
    # 投诉登记表 + 投诉处理单 (one number): nothing beyond the declaration, a plain RegisterDock.
    dock_spec(COMPLAINTS, "complaint", 21, tags=("service",)),
    dock_spec(CALLBACK, "callback", 22, CallbacksDock, tags=("service",)),
):
    add_dock(spec)

__all__ = ["ArrivalClock", "CallbacksDock", "ScriptPanel", "WorkOrdersDock"]
