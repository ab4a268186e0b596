"""The service desk's monthly and quarterly report (服务回访制度: 每月汇总; 电话回访制度: 每月、每季度
形成总结报告): repairs by category and area, arrival within 15 minutes (维修及时率), unfinished orders
with their reasons; complaints by nature and department, time to close; callbacks: rate per source
and per staff member (target 100%, graded in 5% steps) and satisfaction.

`compute()` is a handful of GROUP BY queries over the indexed date columns (never a row per
record in Python, so 100,000 orders and 1,000,000 callbacks stay cheap); `pdf()` draws it on A4
with reportlab's own charts; `xlsx()` writes the same numbers to Excel.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import peewee

from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Callback, Complaint, Department, WorkOrder
from app.registers.service_desk.register import CALLBACK, COMPLAINTS, WORK_ORDERS
from app.rules.roles import Perm
from app.services.context import Actor
from app.services.tx import audit, read_service, write_service

TARGET = 100.0  # 维修及时率、回访率 100%
GRADE_STEP = 5.0  # 以5%为一个档次，低于一个档次扣1分
UNFINISHED_LISTED = 30


@dataclass(frozen=True)
class Period:
    kind: str  # monthly / quarterly
    start: datetime
    end: datetime  # exclusive
    label: str  # 2026年3月 / 2026年第1季度
    code: str  # 2026-03 / 2026-Q1


def parse_period(kind: str, text: str) -> Period:
    """ "2026-03" (monthly) or "2026-Q1" (quarterly)."""
    text = text.strip().upper()
    if kind == "monthly" and (m := re.fullmatch(r"(\d{4})-(\d{1,2})", text)):
        year, month = int(m[1]), int(m[2])
        if 1 <= month <= 12:
            start = datetime(year, month, 1)
            end = datetime(year + (month == 12), month % 12 + 1, 1)
            return Period(kind, start, end, f"{year}年{month}月", f"{year}-{month:02d}")
    if kind == "quarterly" and (m := re.fullmatch(r"(\d{4})-Q([1-4])", text)):
        year, q = int(m[1]), int(m[2])
        start = datetime(year, 3 * q - 2, 1)
        end = datetime(year + (q == 4), (3 * q) % 12 + 1, 1)
        return Period(kind, start, end, f"{year}年第{q}季度", f"{year}-Q{q}")
    raise ValidationError(
        {
            "period": QT_TRANSLATE_NOOP(
                "app", "Give the month as YYYY-MM or the quarter as YYYY-Qn, e.g. 2026-03, 2026-Q1."
            )
        }
    )


@dataclass(frozen=True)
class RateLine:
    name: str
    due: int
    done: int

    @property
    def rate(self) -> float:
        return 100.0 * self.done / self.due if self.due else TARGET

    @property
    def points(self) -> int:
        """Points deducted in the monthly review: one per 5% step (or part) below 100%."""
        short = TARGET - self.rate
        return math.ceil(round(short, 6) / GRADE_STEP) if short > 0 else 0


@dataclass
class ServiceReport:
    period: Period
    printed_at: datetime
    orders: int = 0
    orders_by_category: list[tuple[str, int]] = field(default_factory=list)
    orders_by_area: list[tuple[str, int]] = field(default_factory=list)
    arrivals_met: int = 0
    arrivals_missed: int = 0
    finished: int = 0
    paid: int = 0
    unfinished: int = 0
    unfinished_lines: list[tuple[str, str, str, str]] = field(default_factory=list)
    unfinished_reasons: list[tuple[str, int]] = field(default_factory=list)
    complaints: int = 0
    complaints_by_category: list[tuple[str, int]] = field(default_factory=list)
    complaints_by_department: list[tuple[str, int]] = field(default_factory=list)
    complaints_major: int = 0
    complaints_closed: int = 0
    days_to_close: float | None = None
    callbacks_by_source: list[RateLine] = field(default_factory=list)
    callbacks_by_staff: list[RateLine] = field(default_factory=list)
    satisfaction: list[tuple[str, int]] = field(default_factory=list)

    @property
    def on_time_rate(self) -> float | None:
        n = self.arrivals_met + self.arrivals_missed
        return 100.0 * self.arrivals_met / n if n else None

    @property
    def callbacks(self) -> RateLine:
        return RateLine(
            "合计",
            sum(r.due for r in self.callbacks_by_source),
            sum(r.done for r in self.callbacks_by_source),
        )

    @property
    def satisfied_rate(self) -> float | None:
        """满意 + 基本满意 of the answers given."""
        total = sum(n for _, n in self.satisfaction)
        if not total:
            return None
        unhappy = next((n for zh, n in self.satisfaction if zh == "不满意"), 0)
        return 100.0 * (total - unhappy) / total


def _in(column: peewee.Field, period: Period) -> Any:
    return (column >= period.start) & (column < period.end)


def _counted(query: peewee.ModelSelect) -> list[tuple[Any, int]]:
    return [(key, int(n)) for key, n in query.tuples()]


def _labelled(reg: Any, name: str, rows: Sequence[tuple[Any, int]]) -> list[tuple[str, int]]:
    """(stored value, n) → (Chinese label, n) in the declared order of the values."""
    f = reg.field(name)
    counts = dict(rows)
    out = [(c.zh, counts.pop(c.value, 0)) for c in f.choices]
    out += [(str(k or "（未填）"), n) for k, n in counts.items()]
    return out


def compute(period: Period, now: datetime | None = None) -> ServiceReport:
    """The report's figures (the caller checked the permission)."""
    now = now or datetime.now()
    r = ServiceReport(period, now)
    live = WorkOrder.voided_at.is_null()
    created = _in(WorkOrder.created_at, period) & live
    n = peewee.fn.COUNT(WorkOrder.id)
    r.orders = WorkOrder.select().where(created).count()
    r.orders_by_category = _labelled(
        WORK_ORDERS,
        "category",
        _counted(
            WorkOrder.select(WorkOrder.category, n).where(created).group_by(WorkOrder.category)
        ),
    )
    r.orders_by_area = _labelled(
        WORK_ORDERS,
        "area",
        _counted(WorkOrder.select(WorkOrder.area, n).where(created).group_by(WorkOrder.area)),
    )
    # 维修及时率 over the orders dispatched in the period: arrived by the deadline, against
    # arrived late plus still not there once the deadline has passed.
    dispatched = _in(WorkOrder.dispatched_at, period) & live
    met = dict(
        _counted(
            WorkOrder.select(WorkOrder.arrival_met, n)
            .where(dispatched & WorkOrder.arrival_met.is_null(False))
            .group_by(WorkOrder.arrival_met)
        )
    )
    not_there = (
        WorkOrder.select()
        .where(
            dispatched
            & WorkOrder.arrived_at.is_null()
            & (WorkOrder.status == "dispatched")
            & (WorkOrder.arrival_due_at < min(now, period.end))
        )
        .count()
    )
    # SQLite hands the flag back as 1/0, PostgreSQL as True/False: equal keys either way.
    r.arrivals_met = met.get(True, 0)
    r.arrivals_missed = met.get(False, 0) + not_there
    r.finished = WorkOrder.select().where(_in(WorkOrder.finished_at, period) & live).count()
    r.paid = WorkOrder.select().where(created & WorkOrder.paid).count()
    open_unfinished = created & (WorkOrder.status == "unfinished")
    r.unfinished = WorkOrder.select().where(open_unfinished).count()
    r.unfinished_reasons = _counted(
        WorkOrder.select(WorkOrder.unfinished_reason, n)
        .where(open_unfinished)
        .group_by(WorkOrder.unfinished_reason)
        .order_by(n.desc())
    )
    r.unfinished_lines = [
        (
            o.number,
            o.location or (o.unit.code if o.unit_id else ""),
            o.unfinished_reason,
            o.appointment_at.strftime("%Y-%m-%d %H:%M") if o.appointment_at else "",
        )
        for o in WorkOrder.select()
        .where(open_unfinished)
        .order_by(WorkOrder.created_at)
        .limit(UNFINISHED_LISTED)
    ]

    c_live = Complaint.voided_at.is_null()
    c_created = _in(Complaint.created_at, period) & c_live
    cn = peewee.fn.COUNT(Complaint.id)
    r.complaints = Complaint.select().where(c_created).count()
    r.complaints_by_category = _labelled(
        COMPLAINTS,
        "category",
        _counted(
            Complaint.select(Complaint.category, cn).where(c_created).group_by(Complaint.category)
        ),
    )
    r.complaints_by_department = [
        (name or "（未分派）", k)
        for name, k in _counted(
            Complaint.select(Department.name, cn)
            .join(Department, peewee.JOIN.LEFT_OUTER)
            .where(c_created)
            .group_by(Department.name)
            .order_by(cn.desc())
        )
    ]
    r.complaints_major = Complaint.select().where(c_created & Complaint.major).count()
    closed = _in(Complaint.closed_at, period) & c_live
    spans = [
        (c - o).total_seconds()
        for o, c in Complaint.select(Complaint.created_at, Complaint.closed_at)
        .where(closed)
        .tuples()
    ]
    r.complaints_closed = len(spans)
    r.days_to_close = sum(spans) / len(spans) / 86400 if spans else None

    # Callbacks that fell due in the period (cancelled ones were never owed).
    owed = _in(Callback.due_at, period) & Callback.voided_at.is_null()
    owed &= Callback.status != "cancelled"
    bn = peewee.fn.COUNT(Callback.id)
    done = peewee.fn.SUM(peewee.Case(None, [(Callback.status == "done", 1)], 0))
    by_source = {
        s: (int(d), int(k or 0))
        for s, d, k in Callback.select(Callback.source, bn, done)
        .where(owed)
        .group_by(Callback.source)
        .tuples()
    }
    r.callbacks_by_source = [
        RateLine(c.zh, *by_source.get(c.value, (0, 0))) for c in CALLBACK.field("source").choices
    ]
    r.callbacks_by_staff = [
        RateLine(name or "（未指定）", int(d), int(k or 0))
        for name, d, k in Callback.select(Callback.assigned_name, bn, done)
        .where(owed)
        .group_by(Callback.assigned_name)
        .order_by(Callback.assigned_name)
        .tuples()
    ]
    answered = _in(Callback.done_at, period) & (Callback.status == "done")
    r.satisfaction = _labelled(
        CALLBACK,
        "satisfaction",
        _counted(
            Callback.select(Callback.satisfaction, bn)
            .where(answered & Callback.voided_at.is_null())
            .group_by(Callback.satisfaction)
        ),
    )
    return r


@read_service(Perm.SERVICE_VIEW)
def report(actor: Actor, kind: str, period: str, now: datetime | None = None) -> ServiceReport:
    return compute(parse_period(kind, period), now)


@write_service(Perm.SERVICE_VIEW)
def _log(actor: Actor, r: ServiceReport, what: str) -> None:
    audit(
        actor, f"print {r.period.kind} report", "ServiceReport", r.period.code, None, {"as": what}
    )


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def summary_rows(r: ServiceReport) -> list[tuple[str, str]]:
    """The headline figures, as printed and as in the Excel summary sheet."""
    cb = r.callbacks
    return [
        ("报修总数", str(r.orders)),
        ("完工", str(r.finished)),
        ("有偿服务", str(r.paid)),
        ("15分钟内到场", f"{r.arrivals_met} / {r.arrivals_met + r.arrivals_missed}"),
        ("维修及时率", _pct(r.on_time_rate)),
        ("未完成", str(r.unfinished)),
        ("投诉总数", str(r.complaints)),
        ("重大投诉", str(r.complaints_major)),
        ("结案", str(r.complaints_closed)),
        ("平均结案天数", "—" if r.days_to_close is None else f"{r.days_to_close:.1f}"),
        ("应回访", str(cb.due)),
        ("已回访", str(cb.done)),
        ("回访率", _pct(cb.rate if cb.due else None)),
        ("满意率（满意+基本满意）", _pct(r.satisfied_rate)),
    ]


def _rate_rows(lines: Sequence[RateLine], rate_format: str = "") -> list[tuple[Any, ...]]:
    """One row per rate line, as the PDF (rate as text) and Excel (a number) show it."""
    return [
        (
            x.name,
            x.due,
            x.done,
            rate_format.format(x.rate) if rate_format else round(x.rate, 1),
            x.points,
        )
        for x in lines
    ]


# -- PDF ----------------------------------------------------------------------------------------


def _bar_chart(items: Sequence[tuple[str, float]], width: float, height: float, pct: bool = False):  # noqa: ANN202
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    from app.printing import fonts

    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 30
    chart.width, chart.height = width - 45, height - 45
    chart.data = [[v for _, v in items] or [0]]
    chart.categoryAxis.categoryNames = [k for k, _ in items] or [""]
    names = "".join(k for k, _ in items)
    # One font per axis: the CJK font has no Latin letters (account names such as "assistant").
    chart.categoryAxis.labels.fontName = fonts.LATIN if names.isascii() else fonts.CJK
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 0
    chart.valueAxis.labels.fontName = fonts.LATIN
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    if pct:
        chart.valueAxis.valueMax = 100
        chart.valueAxis.valueStep = 20
    chart.bars[0].fillColor = colors.Color(0.2, 0.45, 0.7)
    chart.barLabelFormat = "%.0f%%" if pct else "%d"
    chart.barLabels.fontName = fonts.LATIN
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    drawing.add(chart)
    return drawing


def _pie(items: Sequence[tuple[str, int]], width: float, height: float):  # noqa: ANN202
    from reportlab.graphics.charts.piecharts import Pie
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    from app.printing import fonts

    drawing = Drawing(width, height)
    shown = [(k, n) for k, n in items if n]
    if not shown:
        drawing.add(String(width / 2, height / 2, "（无回访）", fontName=fonts.CJK, fontSize=9))
        return drawing
    pie = Pie()
    pie.x, pie.y = 20, 15
    pie.width = pie.height = min(width, height) - 40
    pie.data = [n for _, n in shown]
    pie.labels = [f"{k} {n}" for k, n in shown]
    pie.simpleLabels = 1
    palette = [
        colors.Color(0.2, 0.6, 0.3),
        colors.Color(0.95, 0.7, 0.2),
        colors.Color(0.8, 0.2, 0.2),
    ]
    for i in range(len(shown)):
        pie.slices[i].fillColor = palette[i % len(palette)]
        pie.slices[i].fontName = fonts.CJK
        pie.slices[i].fontSize = 8
    drawing.add(pie)
    return drawing


def render_pdf(r: ServiceReport) -> bytes:
    """The report on A4: headline figures, then repairs, complaints and callbacks with charts."""
    from reportlab.platypus import KeepTogether, Spacer

    from app.printing.components import data_table, header, kv_rows, paper_metrics, para
    from app.printing.layout import page_footer, render_pages
    from app.printing.pages import preset
    from app.services.office_settings import get_setting

    mm = 72 / 25.4
    p = preset("a4")
    styles, _ = paper_metrics(p)
    width = p.printable_width
    kind = "月度" if r.period.kind == "monthly" else "季度"
    title = f"客服部{kind}服务报告（{r.period.label}）"
    flow: list[Any] = header(styles, get_setting("office_name"), title)
    flow.append(
        para(
            f"统计期间：{r.period.start:%Y-%m-%d} 至 {r.period.end:%Y-%m-%d}（不含）", styles.small
        )
    )
    flow.append(Spacer(1, 3 * mm))
    flow.append(kv_rows(styles, summary_rows(r), width / 2, boxed=True))
    flow.append(Spacer(1, 4 * mm))

    flow.append(
        KeepTogether(
            [
                para("一、报修维修", styles.section),
                _bar_chart(r.orders_by_category, width, 55 * mm),
            ]
        )
    )
    half = (width - 4 * mm) / 2
    flow.append(data_table(styles, ("区域", "报修数"), r.orders_by_area, (half, half / 2)))
    flow.append(Spacer(1, 2 * mm))
    flow.append(para(f"未完成维修（{r.unfinished}单）及原因", styles.body))
    flow.append(
        data_table(
            styles,
            ("维修单号", "地点/房号", "未完成原因", "预约维修时间"),
            r.unfinished_lines,
            (32 * mm, 28 * mm, width - 96 * mm, 36 * mm),
        )
    )
    flow.append(Spacer(1, 4 * mm))

    flow.append(
        KeepTogether(
            [
                para("二、客户投诉", styles.section),
                _bar_chart(r.complaints_by_category, width / 2, 45 * mm),
            ]
        )
    )
    flow.append(
        data_table(styles, ("责任部门", "投诉数"), r.complaints_by_department, (half, half / 2))
    )
    flow.append(Spacer(1, 4 * mm))

    flow.append(
        KeepTogether([para("三、回访", styles.section), _pie(r.satisfaction, width / 2, 50 * mm)])
    )
    cols = (width - 100 * mm, 22 * mm, 22 * mm, 28 * mm, 28 * mm)
    heads = ("回访类别", "应回访", "已回访", "回访率", "扣分（每低5%扣1分）")
    flow.append(
        data_table(
            styles,
            heads,
            _rate_rows(r.callbacks_by_source, "{:.1f}%"),
            cols,
            align_right=(1, 2, 3, 4),
        )
    )
    flow.append(Spacer(1, 3 * mm))
    flow.append(para("回访率（按回访人）", styles.body))
    flow.append(
        _bar_chart([(x.name, x.rate) for x in r.callbacks_by_staff], width, 50 * mm, pct=True)
    )
    flow.append(
        data_table(
            styles,
            ("回访人",) + heads[1:],
            _rate_rows(r.callbacks_by_staff, "{:.1f}%"),
            cols,
            align_right=(1, 2, 3, 4),
        )
    )
    return render_pages(p, flow, title, page_footer(title, p))


def render_xlsx(r: ServiceReport) -> bytes:
    """The same numbers in Excel, one sheet per part."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    ws.append(["统计期间", r.period.label])
    for row in summary_rows(r):
        ws.append(list(row))
    sheets: list[tuple[str, Sequence[str], Sequence[Sequence[Any]]]] = [
        ("维修类别", ("维修类别", "报修数"), r.orders_by_category),
        ("维修区域", ("区域", "报修数"), r.orders_by_area),
        ("未完成维修", ("维修单号", "地点/房号", "未完成原因", "预约维修时间"), r.unfinished_lines),
        ("投诉性质", ("投诉性质", "投诉数"), r.complaints_by_category),
        ("责任部门", ("责任部门", "投诉数"), r.complaints_by_department),
        (
            "回访类别",
            ("回访类别", "应回访", "已回访", "回访率%", "扣分"),
            _rate_rows(r.callbacks_by_source),
        ),
        (
            "回访人",
            ("回访人", "应回访", "已回访", "回访率%", "扣分"),
            _rate_rows(r.callbacks_by_staff),
        ),
        ("满意度", ("满意度", "回访数"), r.satisfaction),
    ]
    for name, heads, rows in sheets:
        sheet = wb.create_sheet(name)
        sheet.append(list(heads))
        for row in rows:
            sheet.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def print_report(actor: Actor, kind: str, period: str, as_: str = "pdf") -> bytes:
    """The report as PDF (or "xlsx") bytes for the actor; the print is audited."""
    r = report(actor, kind, period)
    data = render_xlsx(r) if as_ == "xlsx" else render_pdf(r)
    _log(actor, r, as_)
    return data
