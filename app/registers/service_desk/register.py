"""The service desk (SPEC §3.4–3.6) declared in the register kit: repair work orders
(维修服务通知单), complaints (投诉登记表 + 投诉处理单) and the one callback queue (回访).

What is special lives beside it: `rules.py` (engineers, paid work, the callbacks repairs and
complaints open and what a callback's answer does to its source) and `reports.py` (the monthly
and quarterly report).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.kit import (
    Field,
    Filter,
    ListSpec,
    Register,
    TodaySpec,
    Transition,
    choice_filter,
    choices,
    declare,
)
from app.kit.due import Minutes, OnDate, WorkingDays
from app.kit.slips import Barcode, Header, Note, Rows, Signatures, Slip, Table
from app.models import Callback, Complaint, WorkOrder
from app.registers.service_desk import rules
from app.rules.roles import Perm

AREAS = choices(("customer", "Customer's area", "客户区域"), ("public", "Public area", "公共区域"))
REPAIR_CATEGORIES = choices(
    ("water", "Water and drains", "给排水"),
    ("electric", "Electrics and lighting", "电气照明"),
    ("hvac", "Air conditioning", "空调暖通"),
    ("lift", "Lifts", "电梯"),
    ("doors", "Doors, windows and locks", "门窗锁具"),
    ("civil", "Building and finishes", "土建装饰"),
    ("other", "Other", "其他"),
)
REPAIR_CHANNELS = choices(
    ("phone", "Phone", "电话报修"),
    ("in_person", "In person", "来访报修"),
    ("patrol", "Found on a round", "巡视发现"),
    ("internal", "Internal", "内部报修"),
)
ORDER_STATES = choices(
    ("new", "Not dispatched", "待派工"),
    ("dispatched", "Dispatched", "已派工"),
    ("arrived", "Engineer on site", "已到场"),
    ("unfinished", "Not finished", "未完成"),
    ("finished", "Finished", "已完工"),
    ("received", "Order returned", "已交回"),
    ("reopened", "Reopened", "返修"),
)
ARRIVAL_VIA = choices(
    ("scanned", "Scanned at the desk", "扫描确认"),
    ("phoned", "Phoned in", "电话告知"),
)
COMPLAINT_CHANNELS = choices(
    ("phone", "Phone", "电话"),
    ("letter", "Letter", "信函"),
    ("fax", "Fax", "传真"),
    ("in_person", "In person", "来人面谈"),
    ("email", "E-mail", "电子邮件"),
    ("department", "Passed on by a department", "其他部门转来"),
)
COMPLAINT_CATEGORIES = choices(
    ("service", "Service", "服务"),
    ("management", "Management", "管理"),
    ("operations", "Operations", "经营"),
)
COMPLAINT_STATES = choices(
    ("received", "Registered", "已登记"),
    ("assigned", "With the department", "处理中"),
    ("resolved", "Solved, to call back", "待回访"),
    ("closed", "Closed", "已结案"),
)
CALLBACK_SOURCES = choices(
    ("repair", "Repair", "维修回访"),
    ("complaint", "Complaint", "投诉回访"),
    ("manual", "Other", "其他回访"),
)
CALLBACK_PURPOSES = choices(
    ("repair", "After a repair", "维修回访"),
    ("progress", "Progress", "进度回访"),
    ("result", "Result", "结果回访"),
    ("other", "Other", "其他"),
)
CALLBACK_METHODS = choices(
    ("phone", "Phone", "电话回访"),
    ("visit", "Visit", "上门回访"),
    ("letter", "Letter", "信函回访"),
)
CALLBACK_STATES = choices(
    ("due", "To call", "待回访"),
    ("done", "Called back", "已回访"),
    ("cancelled", "Cancelled", "已取消"),
)
SATISFACTION = choices(
    ("satisfied", "Satisfied", "满意"),
    ("fair", "Fairly satisfied", "基本满意"),
    ("unsatisfied", "Unsatisfied", "不满意"),
)


def _order_slip_data(record: dict[str, Any]) -> dict[str, Any]:
    return {"form_title": rules.FORM_TITLES.get(record.get("area") or "", "")}


def _complaint_form_data(record: dict[str, Any]) -> dict[str, Any]:
    """The handling form lists the callbacks made so far (跟踪回访)."""
    calls = (
        Callback.select()
        .where((Callback.complaint == record["id"]) & Callback.voided_at.is_null())
        .order_by(Callback.due_at)
    )
    rows = [
        {
            "number": c.number,
            "purpose": CALLBACK.field("purpose").value_zh(c.purpose),
            "done_at": CALLBACK.field("done_at").value_zh(c.done_at) or "（待回访）",
            "satisfaction": CALLBACK.field("satisfaction").value_zh(c.satisfaction),
            "comments": c.comments,
        }
        for c in calls
    ]
    return {"callbacks": rows}


# -- what the desk prints ---------------------------------------------------------------------

ORDER_SLIP = Slip(
    "order_slip",
    "Work order",
    "维修服务通知单",
    papers=("a5", "receipt_80"),
    blocks=(
        Header("维修服务通知单", title_key="form_title"),
        Barcode("number"),
        Rows(
            (
                "area",
                "unit",
                "location",
                "reporter_name",
                "contact_phone",
                "category",
                "channel",
                "fault",
                "engineer",
                "dispatched_at",
                "arrival_due_at",
                "arrived_at",
                "paid",
                "price",
                "work_done",
                "finished_at",
                "accepted_by",
                "unfinished_reason",
                "appointment_at",
            )
        ),
        Signatures(
            (
                ("客户确认收费签字", "price_signature", "price_confirmed_at"),
                ("客户验收签字", "acceptance_signature", "finished_at"),
                ("维修人员签字", ""),
                ("客服部接收确认", ""),
            )
        ),
        Note(
            "工程维修人员应在接到本单15分钟内到达维修地点，据实填写维修内容；如属有偿服务，"
            "须将收费标准填写完整并经客户确认后方可维修。完工后请客户验收签字，本单交回客服部。"
        ),
    ),
    gather=_order_slip_data,
)

COMPLAINT_FORM = Slip(
    "handling_form",
    "Complaint handling form",
    "投诉处理单",
    papers=("a4", "a5"),
    blocks=(
        Header("投诉处理单"),
        Barcode("number"),
        Rows(
            (
                "channel",
                "original_ref",
                "complainant_name",
                "unit",
                "contact_phone",
                "category",
                "content",
                "investigation",
                "department",
                "deadline",
                "decided_by",
                "major",
                "measures",
                "measures_owner",
                "result",
                "resolved_at",
            )
        ),
        Table(
            "callbacks",
            columns=(
                ("number", "回访单号", 30),
                ("purpose", "类别", 20),
                ("done_at", "回访时间", 32),
                ("satisfaction", "满意度", 18),
                ("comments", "客户意见", None),
            ),
            title_zh="跟踪回访",
            roll_columns=("number", "done_at", "satisfaction"),
        ),
        Signatures((("责任部门负责人签字", ""), ("客服主任签字", ""))),
        Note(
            "本单编号与《客户投诉登记表》及投诉原件所作编号一致；处理结果请于处理时限前反馈客服部。"
        ),
    ),
    gather=_complaint_form_data,
)


# -- the fields, each declared once: the transitions ask for some of them ----------------------


def _asked(fields: tuple[Field, ...], name: str, **step: Any) -> Field:
    """A register's field as a transition asks for it, with what the step adds (required, a
    length limit, its own check or default); its labels are the field's own unless the step
    names a box of its own."""
    return replace(next(f for f in fields if f.name == name), **step)


ORDER_FIELDS = (
    Field(
        "area",
        "Area",
        "区域",
        kind="choice",
        choices=AREAS,
        required=True,
        default="customer",
    ),
    Field("unit", "Unit", "房号", kind="ref", ref="units"),
    Field("location", "Place", "维修地点", max_length=128),
    Field("reporter_name", "Reported by", "报修人", required=True, max_length=64),
    Field("contact_phone", "Contact phone", "联系电话", max_length=32, pii=True),
    Field("fault", "Fault", "报修内容", kind="multiline", required=True, max_length=1000),
    Field(
        "category",
        "Category",
        "维修类别",
        kind="choice",
        choices=REPAIR_CATEGORIES,
        required=True,
        default="other",
    ),
    Field(
        "channel",
        "Reported by way of",
        "报修方式",
        kind="choice",
        choices=REPAIR_CHANNELS,
        required=True,
        default="phone",
    ),
    Field(
        "paid",
        "Paid work",
        "有偿服务",
        kind="bool",
        help_en="Paid work starts only once the customer confirmed the price.",
        help_zh="有偿服务须经客户确认收费标准后方可维修。",
    ),
    Field("engineer", "Engineer", "维修人员", kind="ref", ref="staff"),
    Field("dispatched_at", "Dispatched", "派工时间", kind="datetime"),
    Field("dispatched_by", "Dispatched by", "派工人", max_length=64),
    Field("arrival_due_at", "Arrival due", "应到场时间", kind="datetime"),
    Field("due_at", "Follow up by", "跟进时间", kind="datetime"),
    Field("arrived_at", "Arrived", "到场时间", kind="datetime"),
    Field(
        "arrival_via",
        "Arrival recorded",
        "到场确认方式",
        kind="choice",
        choices=ARRIVAL_VIA,
    ),
    Field("arrival_met", "Arrived in time", "15分钟内到场", kind="bool"),
    Field("price", "Price (yuan)", "收费金额（元）", kind="decimal"),
    Field("price_confirmed_at", "Price confirmed", "客户确认收费时间", kind="datetime"),
    Field("work_done", "Work done", "维修内容", kind="multiline"),
    Field("finished_at", "Finished", "完工时间", kind="datetime"),
    Field("accepted_by", "Accepted by", "客户验收人", max_length=64),
    Field("unfinished_reason", "Why not finished", "未完成原因", kind="multiline"),
    Field("appointment_at", "Appointment", "预约维修时间", kind="datetime"),
    Field("received_at", "Order returned", "客服部接收时间", kind="datetime"),
    Field("received_by", "Received by", "接收人", max_length=64),
    Field("reopen_reason", "Why reopened", "返修原因", kind="multiline"),
)


COMPLAINT_FIELDS = (
    Field(
        "channel",
        "Received by",
        "投诉方式",
        kind="choice",
        choices=COMPLAINT_CHANNELS,
        required=True,
        default="phone",
    ),
    Field(
        "original_ref",
        "Original's reference",
        "原件编号",
        max_length=64,
        help_en="The letter's or fax's own reference, if it has one; the original is "
        "marked with the complaint number too.",
        help_zh="信件、传真自带的编号（如有）；原件另注本投诉编号。",
    ),
    Field("complainant_name", "Complainant", "投诉人", required=True, max_length=64),
    Field("unit", "Unit", "房号", kind="ref", ref="units"),
    Field("contact_phone", "Contact phone", "联系电话", max_length=32, pii=True),
    Field("content", "Complaint", "投诉内容", kind="multiline", required=True, max_length=2000),
    Field(
        "category",
        "Nature",
        "投诉性质",
        kind="choice",
        choices=COMPLAINT_CATEGORIES,
        required=True,
        default="service",
    ),
    Field("due_at", "Due", "处理时限", kind="datetime"),
    Field("investigation", "Investigation", "调查情况", kind="multiline"),
    Field("department", "Responsible department", "责任部门", kind="ref", ref="departments"),
    Field("deadline", "Deadline", "整改期限", kind="date"),
    Field("decided_by", "Decided by", "决定人（部门经理）", max_length=64),
    Field("assigned_at", "Passed on", "转交时间", kind="datetime"),
    Field("major", "Major complaint", "重大投诉", kind="bool"),
    Field("measures", "Measures", "解决措施", kind="multiline"),
    Field("measures_owner", "Person responsible", "责任人", max_length=64),
    Field("result", "Result", "处理结果", kind="multiline"),
    Field("resolved_at", "Solved", "处理完成时间", kind="datetime"),
    Field("closed_at", "Closed", "结案时间", kind="datetime"),
    Field("reopen_reason", "Why reopened", "重新处理原因", kind="multiline"),
)


CALLBACK_FIELDS = (
    Field("source", "Source", "回访类别", kind="choice", choices=CALLBACK_SOURCES),
    Field("purpose", "Purpose", "回访内容", kind="choice", choices=CALLBACK_PURPOSES),
    Field("work_order", "Work order", "维修单号", kind="ref", ref="work_orders"),
    Field("complaint", "Complaint", "投诉编号", kind="ref", ref="complaints"),
    Field("person_name", "Customer", "回访对象", required=True, max_length=64),
    Field("unit", "Unit", "房号", kind="ref", ref="units"),
    Field("contact_phone", "Contact phone", "联系电话", max_length=32, pii=True),
    Field("subject", "About", "回访事项", kind="multiline", required=True, max_length=500),
    Field("assigned_name", "To call", "回访人", max_length=64),
    Field(
        "method",
        "How",
        "回访方式",
        kind="choice",
        choices=CALLBACK_METHODS,
        default="phone",
    ),
    Field("due_at", "Due", "应回访时间", kind="datetime"),
    Field("done_at", "Called", "回访时间", kind="datetime"),
    Field("done_by", "Called by", "回访人员", max_length=64),
    Field("attitude", "Attitude", "服务态度", kind="choice", choices=SATISFACTION),
    Field("speed", "Speed", "工作效率", kind="choice", choices=SATISFACTION),
    Field("outcome", "Result", "维修/处理效果", kind="choice", choices=SATISFACTION),
    Field("satisfaction", "Satisfaction", "满意度", kind="choice", choices=SATISFACTION),
    Field("answers", "Answers", "回访记录", kind="multiline"),
    Field("comments", "Comments", "客户意见", kind="multiline"),
    Field("cancel_reason", "Why cancelled", "取消原因", kind="multiline"),
)


# Solved at once or by the department: the one result the complainant is called back about.
COMPLAINT_RESULT = _asked(COMPLAINT_FIELDS, "result", required=True, max_length=2000)


# -- the registers ----------------------------------------------------------------------------

WORK_ORDERS = declare(
    Register(
        name="work_orders",
        model=WorkOrder,
        en="Work orders",
        zh="维修服务",
        view_perm=Perm.SERVICE_VIEW,
        prefix="WX",
        title_field="reporter_name",
        number_label=("Order number", "维修单号"),
        states=ORDER_STATES,
        initial_state="new",
        fields=ORDER_FIELDS,
        create_perm=Perm.SERVICE_DESK,
        create_fields=(
            "area",
            "unit",
            "location",
            "reporter_name",
            "contact_phone",
            "fault",
            "category",
            "channel",
            "paid",
        ),
        create_guard=rules.before_create_order,
        edit_perm=Perm.SERVICE_DESK,
        editable=("location", "reporter_name", "contact_phone", "fault", "category", "paid"),
        void_perm=Perm.SERVICE_MANAGE,
        # A new order is due at once: the desk gets an engineer there.
        due=Minutes(0),
        today=TodaySpec(
            "Repairs to follow up",
            "报修待跟进",
            open_states=("new", "dispatched", "unfinished", "reopened"),
        ),
        holder_field="engineer",
        list=ListSpec(
            columns=(
                "number",
                "area",
                "unit",
                "location",
                "reporter_name",
                "category",
                "status",
                "engineer",
                "due_at",
                "arrival_met",
                "created_at",
            ),
            filters=(
                Filter(
                    "show",
                    "Show",
                    "显示",
                    (
                        (
                            "open",
                            "Open",
                            "未完工",
                            lambda m, now: m.status.in_(
                                ("new", "dispatched", "arrived", "unfinished", "reopened")
                            ),
                        ),
                        (
                            "late",
                            "Arrival missed",
                            "超时未到场",
                            lambda m, now: (m.status == "dispatched") & (m.due_at < now),
                        ),
                        (
                            "unreceived",
                            "Finished, not returned",
                            "完工未交回",
                            lambda m, now: m.status == "finished",
                        ),
                        ("all", "All orders", "全部维修单", None),
                    ),
                ),
                choice_filter(
                    "category",
                    "Category",
                    "维修类别",
                    REPAIR_CATEGORIES,
                    all_label=("All categories", "全部类别"),
                ),
                choice_filter("area", "Area", "区域", AREAS, all_label=("Both areas", "全部区域")),
            ),
            default_sort="created_at",
        ),
        card=(
            "number",
            "area",
            "unit",
            "location",
            "reporter_name",
            "contact_phone",
            "category",
            "channel",
            "fault",
            "status",
            "engineer",
            "dispatched_at",
            "arrival_due_at",
            "arrived_at",
            "arrival_via",
            "arrival_met",
            "paid",
            "price",
            "price_confirmed_at",
            "work_done",
            "finished_at",
            "accepted_by",
            "unfinished_reason",
            "appointment_at",
            "received_at",
            "received_by",
            "reopen_reason",
        ),
        slips=(ORDER_SLIP,),
        transitions=(
            Transition(
                "dispatch",
                "Dispatch",
                "派工",
                source=("new", "unfinished", "reopened"),
                target="dispatched",
                perm=Perm.SERVICE_DESK,
                inputs=(
                    _asked(ORDER_FIELDS, "engineer", required=True, check=rules.check_engineer),
                ),
                stamp_at="dispatched_at",
                stamp_by="dispatched_by",
                due=Minutes(rules.ARRIVAL_MINUTES),
                handler=rules.after_dispatch,
                help_en="The engineer must be there within 15 minutes.",
                help_zh="工程人员须在15分钟内到达维修地点。",
            ),
            Transition(
                "arrive",
                "Engineer arrived",
                "到场",
                source=("dispatched",),
                target="arrived",
                perm=Perm.REPAIR_WORK,
                inputs=(_asked(ORDER_FIELDS, "arrival_via", required=True, default="scanned"),),
                stamp_at="arrived_at",
                clear_due=True,
                handler=rules.after_arrival,
            ),
            Transition(
                "confirm_price",
                "Price confirmed",
                "确认收费",
                source=("arrived",),
                target="arrived",
                perm=Perm.REPAIR_WORK,
                inputs=(_asked(ORDER_FIELDS, "price", required=True),),
                stamp_at="price_confirmed_at",
                signature=("Customer's signature", "客户确认签字"),
                signature_field="price_signature",
                guard=rules.check_price,
                help_en="Paid work: the customer confirms the price before the work starts.",
                help_zh="有偿服务：收费标准须经客户确认签字后方可维修。",
            ),
            Transition(
                "finish",
                "Finished and accepted",
                "完工验收",
                source=("arrived",),
                target="finished",
                perm=Perm.REPAIR_WORK,
                inputs=(
                    _asked(ORDER_FIELDS, "work_done", required=True, max_length=1000),
                    _asked(ORDER_FIELDS, "accepted_by", required=True),
                ),
                stamp_at="finished_at",
                signature=("Customer's acceptance", "客户验收签字"),
                signature_field="acceptance_signature",
                guard=rules.check_finish,
                handler=rules.after_finish,
            ),
            Transition(
                "not_finished",
                "Not finished",
                "未完成",
                source=("arrived",),
                target="unfinished",
                perm=Perm.REPAIR_WORK,
                inputs=(
                    _asked(ORDER_FIELDS, "unfinished_reason", required=True, max_length=1000),
                    _asked(ORDER_FIELDS, "appointment_at", required=True),
                ),
                guard=rules.check_appointment,
                # The desk apologises and follows up until it is done: on the Today panel now.
                due=Minutes(0),
                help_en="Apologise to the customer, give the reason and agree the next visit.",
                help_zh="向业户致歉并说明未能及时维修原因，预约下次维修时间。",
            ),
            Transition(
                "receive",
                "Order returned",
                "接收确认",
                source=("finished",),
                target="received",
                perm=Perm.SERVICE_DESK,
                stamp_at="received_at",
                stamp_by="received_by",
                help_en="The engineer hands the signed order back to the desk.",
                help_zh="工程部将《维修服务通知单》返回客服部，由客服部人员接收确认。",
            ),
            Transition(
                "reopen",
                "Reopen",
                "返修",
                source=("finished", "received"),
                target="reopened",
                perm=Perm.SERVICE_MANAGE,
                inputs=(_asked(ORDER_FIELDS, "reopen_reason", required=True, max_length=1000),),
                due=Minutes(0),
            ),
        ),
    )
)

COMPLAINTS = declare(
    Register(
        name="complaints",
        model=Complaint,
        en="Complaints",
        zh="客户投诉",
        view_perm=Perm.SERVICE_VIEW,
        prefix="TS",
        title_field="complainant_name",
        number_label=("Complaint number", "投诉编号"),
        states=COMPLAINT_STATES,
        initial_state="received",
        fields=COMPLAINT_FIELDS,
        create_perm=Perm.SERVICE_DESK,
        create_fields=(
            "channel",
            "original_ref",
            "complainant_name",
            "unit",
            "contact_phone",
            "content",
            "category",
        ),
        edit_perm=Perm.SERVICE_DESK,
        editable=("original_ref", "complainant_name", "contact_phone", "content", "category"),
        void_perm=Perm.SERVICE_MANAGE,
        # 须于当天进行调查、核实，并将结果和处理建议汇报给部门经理
        due=WorkingDays(0),
        today=TodaySpec(
            "Complaints past their time", "投诉逾期未处理", open_states=("received", "assigned")
        ),
        list=ListSpec(
            columns=(
                "number",
                "channel",
                "complainant_name",
                "unit",
                "category",
                "status",
                "department",
                "deadline",
                "major",
                "created_at",
            ),
            filters=(
                choice_filter("status", "Status", "状态", COMPLAINT_STATES),
                choice_filter(
                    "category",
                    "Nature",
                    "投诉性质",
                    COMPLAINT_CATEGORIES,
                    all_label=("All natures", "全部性质"),
                ),
            ),
            default_sort="created_at",
        ),
        card=(
            "number",
            "channel",
            "original_ref",
            "complainant_name",
            "unit",
            "contact_phone",
            "category",
            "content",
            "status",
            "due_at",
            "investigation",
            "department",
            "deadline",
            "decided_by",
            "major",
            "measures",
            "measures_owner",
            "result",
            "resolved_at",
            "closed_at",
            "reopen_reason",
        ),
        slips=(COMPLAINT_FORM,),
        transitions=(
            Transition(
                "assign",
                "Pass to department",
                "转责任部门",
                source=("received",),
                target="assigned",
                perm=Perm.SERVICE_MANAGE,
                inputs=(
                    _asked(COMPLAINT_FIELDS, "investigation", required=True, max_length=2000),
                    _asked(COMPLAINT_FIELDS, "department", required=True),
                    _asked(COMPLAINT_FIELDS, "deadline", required=True),
                    _asked(COMPLAINT_FIELDS, "decided_by", required=True),
                    # Ticked here it goes to the general manager: the box says so.
                    _asked(
                        COMPLAINT_FIELDS,
                        "major",
                        en="Major: to the general manager",
                        zh="重大投诉（报项目总经理）",
                    ),
                    _asked(COMPLAINT_FIELDS, "measures", max_length=2000),
                    _asked(COMPLAINT_FIELDS, "measures_owner"),
                ),
                stamp_at="assigned_at",
                due=OnDate("deadline"),
                guard=rules.check_assign,
                handler=rules.after_assign,
                help_en="The complainant is told the reason and the time limit and called back "
                "every 2 working days until it is solved.",
                help_zh="通报客户原由和处理时限，每2个工作日回访一次，直至解决。",
            ),
            Transition(
                "resolve_now",
                "Solved at once",
                "即时处理",
                source=("received",),
                target="resolved",
                perm=Perm.SERVICE_DESK,
                inputs=(COMPLAINT_RESULT,),
                stamp_at="resolved_at",
                clear_due=True,
                handler=rules.after_resolve,
                help_en="The callback follows right after the fix.",
                help_zh="可以立即解决的投诉，在解决后立即回访。",
            ),
            Transition(
                "report_result",
                "Department's result",
                "反馈处理结果",
                source=("assigned",),
                target="resolved",
                perm=Perm.SERVICE_DESK,
                inputs=(COMPLAINT_RESULT,),
                stamp_at="resolved_at",
                clear_due=True,
                handler=rules.after_resolve,
            ),
            Transition(
                "close",
                "Close",
                "结案",
                source=("resolved",),
                target="closed",
                perm=Perm.SERVICE_DESK,
                stamp_at="closed_at",
                guard=rules.check_close,
                help_en="Only after the complainant has been called back.",
                help_zh="回访后方可结案。",
            ),
            Transition(
                "reopen",
                "Reopen",
                "重新处理",
                source=("resolved", "closed"),
                target="assigned",
                perm=Perm.SERVICE_MANAGE,
                inputs=(_asked(COMPLAINT_FIELDS, "reopen_reason", required=True, max_length=1000),),
                due=Minutes(0),
                handler=rules.after_reopen_complaint,
            ),
        ),
    )
)

CALLBACK = declare(
    Register(
        name="callbacks",
        model=Callback,
        en="Callbacks",
        zh="回访",
        view_perm=Perm.SERVICE_VIEW,
        prefix="HF",
        title_field="person_name",
        number_label=("Callback number", "回访单号"),
        states=CALLBACK_STATES,
        initial_state="due",
        fields=CALLBACK_FIELDS,
        create_perm=Perm.SERVICE_DESK,
        create_fields=(
            "person_name",
            "unit",
            "contact_phone",
            "subject",
            "method",
            "assigned_name",
        ),
        edit_perm=Perm.SERVICE_DESK,
        editable=("person_name", "contact_phone", "subject", "method", "assigned_name"),
        void_perm=Perm.SERVICE_MANAGE,
        due=rules.CALL_WINDOW,
        today=TodaySpec("Callbacks due now", "当前时段待回访", open_states=("due",)),
        list=ListSpec(
            columns=(
                "number",
                "source",
                "purpose",
                "person_name",
                "unit",
                "assigned_name",
                "due_at",
                "status",
                "done_at",
                "satisfaction",
            ),
            filters=(
                choice_filter("status", "Status", "状态", CALLBACK_STATES),
                choice_filter(
                    "source",
                    "Source",
                    "回访类别",
                    CALLBACK_SOURCES,
                    all_label=("All sources", "全部类别"),
                ),
                choice_filter(
                    "satisfaction",
                    "Satisfaction",
                    "满意度",
                    SATISFACTION,
                    all_label=("Any answer", "全部满意度"),
                ),
            ),
            default_sort="due_at",
        ),
        card=(
            "number",
            "source",
            "purpose",
            "work_order",
            "complaint",
            "person_name",
            "unit",
            "contact_phone",
            "subject",
            "assigned_name",
            "method",
            "due_at",
            "status",
            "done_at",
            "done_by",
            "attitude",
            "speed",
            "outcome",
            "satisfaction",
            "answers",
            "comments",
            "cancel_reason",
        ),
        transitions=(
            Transition(
                "call",
                "Call back",
                "回访",
                source=("due",),
                target="done",
                perm=Perm.SERVICE_DESK,
                inputs=(
                    _asked(CALLBACK_FIELDS, "method", required=True),
                    _asked(CALLBACK_FIELDS, "attitude"),
                    _asked(CALLBACK_FIELDS, "speed"),
                    _asked(CALLBACK_FIELDS, "outcome"),
                    _asked(CALLBACK_FIELDS, "satisfaction", required=True),
                    _asked(CALLBACK_FIELDS, "answers", max_length=2000),
                    _asked(CALLBACK_FIELDS, "comments", max_length=1000),
                ),
                stamp_at="done_at",
                stamp_by="done_by",
                handler=rules.after_call,
                help_en="Unsatisfied reopens the repair or the complaint for the supervisor.",
                help_zh="不满意时，维修单或投诉重新交客服主任处理。",
            ),
            Transition(
                "cancel",
                "Cancel",
                "取消回访",
                source=("due",),
                target="cancelled",
                perm=Perm.SERVICE_MANAGE,
                inputs=(_asked(CALLBACK_FIELDS, "cancel_reason", required=True, max_length=500),),
                clear_due=True,
            ),
        ),
    )
)
