"""报刊收发登记表 (邮件分拣管理制度 1, 2, 5) declared in the register kit: subscriptions per unit,
the day's count received per title checked against them, distribution to the units signed off,
and shortages or late issues chased with the post office until closed — reported to the
department head when chasing fails. Open shortages stay on the Today panel until closed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from app.i18n import QT_TRANSLATE_NOOP
from app.kit import (
    Field,
    ListSpec,
    Register,
    TodaySpec,
    Transition,
    choice_filter,
    choices,
    declare,
    registry,
)
from app.kit.declare import Context
from app.kit.services import insert_record
from app.kit.slips import Barcode, Header, Rows, Signatures, Slip, Table
from app.models import PeriodicalReceipt, PeriodicalShortage, PeriodicalSubscription, Unit
from app.rules.roles import Perm

SUBSCRIPTION_STATES = choices(("active", "Active", "订阅中"), ("ended", "Ended", "已停订"))
RECEIPT_STATES = choices(
    ("received", "Counted, not distributed", "已清点待分发"),
    ("distributed", "Distributed", "已分发"),
)
SHORTAGE_KINDS = choices(("short", "Copies short", "到件不足"), ("late", "Issue late", "到期未到"))
SHORTAGE_STATES = choices(
    ("open", "Open", "待交涉"),
    ("chasing", "Chasing the post office", "交涉中"),
    ("escalated", "Reported to the department head", "已报部门领导"),
    ("closed", "Closed", "已结案"),
)
# Columns of a shortage that are also a step's input: declared once.
REPORTED_TO = Field("reported_to", "Reported to", "报告领导", max_length=64)
RESOLUTION = Field("resolution", "Resolution", "处理结果", kind="multiline")


def _active(day: date) -> Any:
    s = PeriodicalSubscription
    return (
        (s.status == "active")
        & s.voided_at.is_null()
        & (s.since.is_null() | (s.since <= day))
        & (s.until.is_null() | (s.until >= day))
    )


def subscribers(title: str, day: date) -> list[dict[str, Any]]:
    """The units subscribing to `title` on `day`, with their copies."""
    s = PeriodicalSubscription
    rows = (
        s.select(s.copies, Unit.code)
        .join(Unit)
        .where(_active(day) & (s.title == title))
        .order_by(Unit.code)
        .dicts()
    )
    return [{"unit": r["code"], "copies": r["copies"]} for r in rows]


def expected_titles(day: date) -> dict[str, int]:
    """Title → copies expected on `day` from the active subscriptions."""
    out: dict[str, int] = {}
    for row in PeriodicalSubscription.select().where(_active(day)):
        out[row.title] = out.get(row.title, 0) + row.copies
    return out


def before_count(ctx: Context) -> dict[str, str]:
    """The day's count of a title: once per title and day, against what is expected."""
    v = ctx.inputs
    day = ctx.now.date()
    v["day"] = day
    v["expected"] = expected_titles(day).get(v.get("title") or "", 0)
    v["received_by"] = ctx.actor.display_name or ctx.actor.username
    taken = PeriodicalReceipt.select().where(
        (PeriodicalReceipt.day == day)
        & (PeriodicalReceipt.title == v.get("title"))
        & PeriodicalReceipt.voided_at.is_null()
    )
    if taken.exists():
        return {"title": QT_TRANSLATE_NOOP("app", "This title is already counted today.")}
    return {}


def open_shortage(ctx: Context) -> None:
    """Fewer copies than expected (none: the issue is late): a shortage to chase."""
    receipt = ctx.record
    missing = receipt.expected - receipt.received
    if missing <= 0:
        return
    shortages = registry.get("periodical_shortages")
    data = {
        "receipt": receipt.id,
        "title": receipt.title,
        "kind": "late" if receipt.received == 0 else "short",
        "missing": missing,
    }
    shortage = insert_record(ctx.actor, shortages, data, ctx.now, detail=receipt.title)
    ctx.detail = f"{shortage.number} 缺 {missing} 份"


def count_chase(ctx: Context) -> dict[str, str]:
    ctx.inputs["chased"] = (ctx.record.chased or 0) + 1
    ctx.inputs["last_chased_at"] = ctx.now
    return {}


def note_input(name: str) -> Any:
    def handler(ctx: Context) -> None:
        ctx.detail = str(ctx.inputs.get(name) or "")

    return handler


def distribution_data(record: Mapping[str, Any]) -> dict[str, Any]:
    day = record.get("day") or datetime.now().date()
    return {"units": subscribers(str(record.get("title") or ""), day)}


DISTRIBUTION_LIST = Slip(
    "distribution_list",
    "Distribution list",
    "报刊分发签收单",
    papers=("a4", "receipt_80"),
    blocks=(
        Header("报刊分发签收单"),
        Barcode("number"),
        Rows(("day", "title", "expected", "received")),
        Table(
            "units",
            columns=(
                ("no", "序号", 10),
                ("unit", "房号", 30),
                ("copies", "份数", 16),
                ("sign", "签收", None),
            ),
            roll_columns=("no", "unit", "copies"),
        ),
        Signatures((("分发人签字", "signature", "distributed_at"),)),
    ),
    gather=distribution_data,
)


PERIODICAL_SUBSCRIPTIONS = declare(
    Register(
        name="periodical_subscriptions",
        model=PeriodicalSubscription,
        en="Periodical subscriptions",
        zh="报刊订阅",
        view_perm=Perm.MAIL_VIEW,
        title_field="title",
        states=SUBSCRIPTION_STATES,
        fields=(
            Field("unit", "Unit", "房号", kind="ref", ref="units", required=True),
            Field("title", "Title", "报刊名称", required=True, max_length=128),
            Field(
                "copies",
                "Copies",
                "份数",
                kind="int",
                required=True,
                default=1,
                min_value=1,
                max_value=999,
            ),
            Field("since", "From", "起订日期", kind="date"),
            Field("until", "Until", "止订日期", kind="date"),
        ),
        list=ListSpec(
            columns=("unit", "title", "copies", "since", "until", "status"),
            filters=(choice_filter("status", "Status", "状态", SUBSCRIPTION_STATES),),
            default_sort="title",
        ),
        initial_state="active",
        create_perm=Perm.MAIL_HANDLE,
        create_fields=("unit", "title", "copies", "since", "until"),
        edit_perm=Perm.MAIL_HANDLE,
        editable=("copies", "since", "until"),
        void_perm=Perm.MAIL_MANAGE,
        transitions=(
            Transition(
                "end",
                "End the subscription",
                "停订",
                source=("active",),
                target="ended",
                perm=Perm.MAIL_HANDLE,
            ),
        ),
    )
)

PERIODICAL_RECEIPTS = declare(
    Register(
        name="periodical_receipts",
        model=PeriodicalReceipt,
        en="Periodicals received",
        zh="报刊收发登记",
        view_perm=Perm.MAIL_VIEW,
        prefix="BK",
        title_field="title",
        number_label=("Entry number", "登记号"),
        states=RECEIPT_STATES,
        fields=(
            Field("day", "Day", "日期", kind="date"),
            Field("title", "Title", "报刊名称", required=True, max_length=128),
            Field("expected", "Expected", "应到份数", kind="int"),
            Field(
                "received",
                "Received",
                "实到份数",
                kind="int",
                required=True,
                min_value=0,
                max_value=9999,
            ),
            Field("received_by", "Counted by", "清点人", max_length=64),
            Field("distributed_at", "Distributed", "分发时间", kind="datetime"),
            Field("distributed_by", "Distributed by", "分发人", max_length=64),
            Field("notes", "Notes", "备注", kind="multiline", max_length=500),
        ),
        list=ListSpec(
            columns=("number", "day", "title", "expected", "received", "status", "distributed_by"),
            filters=(choice_filter("status", "Status", "状态", RECEIPT_STATES),),
            default_sort="day",
        ),
        initial_state="received",
        create_perm=Perm.MAIL_HANDLE,
        create_fields=("title", "received", "notes"),
        create_guard=before_count,
        on_create=open_shortage,
        void_perm=Perm.MAIL_MANAGE,
        slips=(DISTRIBUTION_LIST,),
        transitions=(
            Transition(
                "distribute",
                "Distributed to the units",
                "分发签收",
                source=("received",),
                target="distributed",
                perm=Perm.MAIL_HANDLE,
                stamp_at="distributed_at",
                stamp_by="distributed_by",
                signature=("Distributed by", "分发人签字"),
                signature_field="signature",
                help_en="Each unit signs the distribution list as it gets its copies.",
                help_zh="各单元领取报刊时在分发签收单上签收。",
            ),
        ),
    )
)

PERIODICAL_SHORTAGES = declare(
    Register(
        name="periodical_shortages",
        model=PeriodicalShortage,
        en="Periodicals short or late",
        zh="报刊缺期",
        view_perm=Perm.MAIL_VIEW,
        prefix="QK",
        title_field="title",
        number_label=("Shortage number", "缺期单号"),
        states=SHORTAGE_STATES,
        fields=(
            Field("receipt", "Entry", "登记号", kind="ref", ref="periodical_receipts"),
            Field("title", "Title", "报刊名称", max_length=128),
            Field("kind", "Kind", "类别", kind="choice", choices=SHORTAGE_KINDS),
            Field("missing", "Copies missing", "缺少份数", kind="int"),
            Field("chased", "Times chased", "交涉次数", kind="int"),
            Field("last_chased_at", "Last chased", "最近交涉", kind="datetime"),
            REPORTED_TO,
            Field("closed_at", "Closed", "结案时间", kind="datetime"),
            Field("closed_by", "Closed by", "结案人", max_length=64),
            RESOLUTION,
        ),
        list=ListSpec(
            columns=("number", "title", "kind", "missing", "status", "chased", "created_at"),
            filters=(choice_filter("status", "Status", "状态", SHORTAGE_STATES),),
            default_sort="number",
        ),
        today=TodaySpec(
            "Periodicals short or late",
            "报刊缺期未结",
            open_states=("open", "chasing", "escalated"),
            all_open=True,
        ),
        transitions=(
            Transition(
                "chase",
                "Chased the post office",
                "与邮局交涉",
                source=("open", "chasing"),
                target="chasing",
                perm=Perm.MAIL_HANDLE,
                inputs=(
                    Field(
                        "note",
                        "What the post office said",
                        "交涉情况",
                        kind="multiline",
                        required=True,
                        max_length=500,
                    ),
                ),
                guard=count_chase,
                handler=note_input("note"),
            ),
            Transition(
                "escalate",
                "Report to the department head",
                "报告部门领导",
                source=("chasing",),  # only once chasing the post office failed
                target="escalated",
                perm=Perm.MAIL_HANDLE,
                inputs=(replace(REPORTED_TO, required=True),),
                handler=note_input("reported_to"),
            ),
            Transition(
                "close",
                "Close",
                "结案",
                source=("open", "chasing", "escalated"),
                target="closed",
                perm=Perm.MAIL_HANDLE,
                inputs=(replace(RESOLUTION, required=True, max_length=500),),
                stamp_at="closed_at",
                stamp_by="closed_by",
                handler=note_input("resolution"),
            ),
        ),
    )
)
