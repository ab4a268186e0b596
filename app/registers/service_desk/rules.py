"""What is special about the service desk (报修、维修处理工作程序, 客户投诉处理工作程序, 服务回访制度,
电话回访制度): who may be dispatched, paid work, and how repairs and complaints feed the one
callback queue — and how a callback's answer goes back to its source.

Guards return {field: message}; handlers run inside the kit's transition transaction and hold
only the side effects (a callback opened, a source reopened or closed).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time
from typing import Any

from app.i18n import QT_TRANSLATE_NOOP
from app.kit import registry
from app.kit.declare import Context
from app.kit.due import CallWindow
from app.models import Callback, Complaint, Department, Staff, WorkOrder
from app.services import calendar, office_settings

ENGINEERING = "工程部"  # 由工程人员接单并负责维修 (seed)
ARRIVAL_MINUTES = 15  # 工程维修人员应在接到《维修服务通知单》15分钟内到达维修地点
PROGRESS_WORKDAYS = 2  # 不能及时解决的2天回访一次 (counted in working days: no calls on holidays)
WINDOWS_SETTING = "callback_windows"
SCRIPT_SETTING = "callback_script"
CALL_WINDOW = CallWindow(setting=WINDOWS_SETTING, opens=True)
UNSATISFIED = "unsatisfied"
FORM_TITLES = {"public": "公共区域维修服务通知单", "customer": "大厦客户区域服务通知单"}


# -- work orders ---------------------------------------------------------------------------------


def check_engineer(value: Any, values: Mapping[str, Any]) -> str | None:
    """Only engineering staff take a work order."""
    if value is None:
        return None
    staff = Staff.select(Staff, Department).join(Department).where(Staff.id == value).first()
    if staff is None or staff.department.name != ENGINEERING:
        return QT_TRANSLATE_NOOP("app", "Choose a member of the engineering department (工程部).")
    return None


def before_create_order(ctx: Context) -> dict[str, str]:
    """A customer's area names its unit; a public area says where."""
    values = ctx.inputs
    if values.get("area") == "customer" and not values.get("unit"):
        return {"unit": QT_TRANSLATE_NOOP("app", "A customer's area needs its unit.")}
    if values.get("area") == "public" and not values.get("location"):
        return {"location": QT_TRANSLATE_NOOP("app", "Say where in the public area.")}
    return {}


def after_dispatch(ctx: Context) -> None:
    """The arrival deadline is kept beside the due time (which later serves the follow-up)."""
    WorkOrder.update(
        arrival_due_at=ctx.record.due_at, arrived_at=None, arrival_met=None, arrival_via=""
    ).where(WorkOrder.id == ctx.record.id).execute()
    engineer = Staff.get_or_none(Staff.id == ctx.inputs.get("engineer"))
    ctx.detail = engineer.name if engineer is not None else ""


def after_arrival(ctx: Context) -> None:
    """Met when the engineer is there by the deadline (14:59 after dispatch: met; 15:01: not)."""
    due = ctx.record.arrival_due_at
    met = due is not None and ctx.now <= due
    WorkOrder.update(arrival_met=met).where(WorkOrder.id == ctx.record.id).execute()
    ctx.detail = "按时到场" if met else "超时到场"


def check_price(ctx: Context) -> dict[str, str]:
    if not ctx.record.paid:
        return {"price": QT_TRANSLATE_NOOP("app", "This order is not paid work.")}
    price = ctx.inputs.get("price")
    if price is None or price <= 0:
        return {"price": QT_TRANSLATE_NOOP("app", "Enter the price the customer confirmed.")}
    return {}


def check_finish(ctx: Context) -> dict[str, str]:
    """如属有偿服务范围，要将收费标准填写完整并经客户确认后方可进行维修."""
    if ctx.record.paid and ctx.record.price_confirmed_at is None:
        return {
            "work_done": QT_TRANSLATE_NOOP(
                "app",
                "Paid work: the customer has not confirmed the price yet — no confirmation, "
                "no work.",
            )
        }
    return {}


def check_appointment(ctx: Context) -> dict[str, str]:
    at = ctx.inputs.get("appointment_at")
    if at is not None and at <= ctx.now:
        return {"appointment_at": QT_TRANSLATE_NOOP("app", "The appointment must be later.")}
    return {}


def after_finish(ctx: Context) -> None:
    """Every finished order goes to the callback queue (维修回访率100%)."""
    order: WorkOrder = ctx.record
    open_callback(
        ctx,
        source="repair",
        purpose="repair",
        work_order=order.id,
        person_name=order.reporter_name,
        unit=order.unit_id,
        contact_phone=order.contact_phone,
        subject=f"{order.number} {order.fault}"[:500],
        assigned_name=order.created_by,
        start=ctx.now,
    )


# -- complaints ----------------------------------------------------------------------------------


def check_assign(ctx: Context) -> dict[str, str]:
    """A deadline not in the past; a major complaint names its measures and who answers for
    them (由项目总经理组织 … 落实解决措施及责任人)."""
    errors: dict[str, str] = {}
    deadline = ctx.inputs.get("deadline")
    if deadline is not None and deadline < ctx.now.date():
        errors["deadline"] = QT_TRANSLATE_NOOP("app", "The deadline cannot be in the past.")
    if ctx.inputs.get("major"):
        if not ctx.inputs.get("measures"):
            errors["measures"] = QT_TRANSLATE_NOOP(
                "app", "A major complaint needs the general manager's measures."
            )
        if not ctx.inputs.get("measures_owner"):
            errors["measures_owner"] = QT_TRANSLATE_NOOP(
                "app", "A major complaint needs the person responsible."
            )
    return errors


def after_assign(ctx: Context) -> None:
    """Not solved at once: the complainant is called back every 2 working days until solved."""
    schedule_progress(ctx, ctx.record)


def after_resolve(ctx: Context) -> None:
    """The result goes back to the complainant: progress calls still waiting are cancelled and
    one result callback opens (immediately after a fix on the spot)."""
    complaint: Complaint = ctx.record
    (
        Callback.update(status="cancelled", cancel_reason="投诉已处理，改为结果回访")
        .where(
            (Callback.complaint == complaint.id)
            & (Callback.status == "due")
            & (Callback.purpose == "progress")
        )
        .execute()
    )
    _complaint_callback(ctx, complaint, "result", ctx.now)


def check_close(ctx: Context) -> dict[str, str]:
    """Closed only after the result callback (投诉回访率100%)."""
    called = (
        Callback.select()
        .where(
            (Callback.complaint == ctx.record.id)
            & (Callback.purpose == "result")
            & (Callback.status == "done")
            & (Callback.satisfaction != UNSATISFIED)
            & Callback.voided_at.is_null()
        )
        .exists()
    )
    if not called:
        return {
            "complaint": QT_TRANSLATE_NOOP(
                "app", "A complaint is closed only after the complainant has been called back."
            )
        }
    return {}


def after_reopen_complaint(ctx: Context) -> None:
    schedule_progress(ctx, ctx.record)


def schedule_progress(ctx: Context, complaint: Complaint) -> None:
    day = calendar.add_workdays(ctx.now.date(), PROGRESS_WORKDAYS)
    _complaint_callback(ctx, complaint, "progress", datetime.combine(day, time(0)))


def _complaint_callback(ctx: Context, complaint: Complaint, purpose: str, start: datetime) -> None:
    open_callback(
        ctx,
        source="complaint",
        purpose=purpose,
        complaint=complaint.id,
        person_name=complaint.complainant_name,
        unit=complaint.unit_id,
        contact_phone=complaint.contact_phone,
        subject=f"{complaint.number} {complaint.content}"[:500],
        assigned_name=complaint.created_by,
        start=start,
    )


# -- callbacks -----------------------------------------------------------------------------------


def open_callback(ctx: Context, *, start: datetime, **data: Any) -> Callback:
    """A callback in the queue, due when the first call window at or after `start` opens."""
    from app.kit.services import insert_record

    reg = registry.get("callbacks")
    data["due_at"] = CALL_WINDOW.compute(data, start)
    record = insert_record(ctx.actor, reg, data, ctx.now, detail=data.get("subject", ""))
    ctx.document = ctx.document or record.number
    return record


def script_for(record: Mapping[str, Any], clerk: str) -> list[str]:
    """The callback script (office setting, editable): greeting, questions, closing."""
    text = office_settings.get_setting(SCRIPT_SETTING)
    subject = str(record.get("subject") or "")
    values = {"name": record.get("person_name") or "", "clerk": clerk, "subject": subject}
    parts = []
    for part in text.split("｜"):
        try:
            parts.append(part.format(**values).strip())
        except (KeyError, IndexError, ValueError):  # a mistyped placeholder: show it as written
            parts.append(part.strip())
    return [p for p in parts if p]


def after_call(ctx: Context) -> None:
    """The answer goes back to its source: unsatisfied reopens the repair or the complaint for
    the supervisor; a satisfied result call closes the complaint; a progress call on a
    complaint still being handled books the next one 2 working days on."""
    from app.kit.services import apply_transition

    call: Callback = ctx.record
    unsatisfied = call.satisfaction == UNSATISFIED
    reason = f"回访不满意（{call.number}）：{call.comments}".strip("：")
    if call.work_order_id is not None and unsatisfied:
        _reopen(ctx, "work_orders", WorkOrder.get_by_id(call.work_order_id), reason)
    if call.complaint_id is None:
        return
    complaint = Complaint.get_by_id(call.complaint_id)
    if complaint.status == "assigned":
        if call.purpose == "progress":
            schedule_progress(ctx, complaint)
    elif unsatisfied:
        _reopen(ctx, "complaints", complaint, reason)
    elif call.purpose == "result" and complaint.status == "resolved":
        reg = registry.get("complaints")
        apply_transition(ctx.actor, reg, reg.transition("close"), complaint, None, {}, now=ctx.now)


def _reopen(ctx: Context, register: str, record: Any, reason: str) -> None:
    """The source back to the supervisor through its own reopen step (trail, due time and
    handler as when reopened by hand) — unless it is not in a state that step starts from."""
    from app.kit.services import apply_transition

    reg = registry.get(register)
    t = reg.transition("reopen")
    if record.status in t.source:
        apply_transition(ctx.actor, reg, t, record, None, {"reopen_reason": reason}, now=ctx.now)
