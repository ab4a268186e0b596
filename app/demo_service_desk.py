"""Demo data for the service desk: three months of repairs, complaints and callbacks in every
state, made through the kit's services with `now=` in the past as the desk would have made them
(so the monthly report has something to show): orders not yet dispatched, an engineer late, on
site, not finished with an appointment, finished and returned, paid work with its price
confirmed, reopened after an unhappy callback; complaints registered today, with a department
and its 2-working-day progress calls, solved and waiting for the call, closed, one major.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import Any

from app.kit import services as kit
from app.models import Callback, Complaint, Department, Staff, Unit, User, WorkOrder
from app.registers.service_desk import rules
from app.rules.roles import Perm
from app.services import calendar
from app.services.context import Actor
from app.services.tx import write_service

DAYS = 90
FAULTS = {
    "water": ("卫生间水龙头漏水", "洗手盆下水不畅", "茶水间水管渗水"),
    "electric": ("办公室灯管不亮", "插座无电", "走廊感应灯失灵"),
    "hvac": ("空调不制冷", "空调出风口滴水", "新风噪音大"),
    "lift": ("电梯按钮失灵", "电梯门关闭缓慢"),
    "doors": ("门锁损坏无法开启", "玻璃门闭门器漏油", "窗户关不严"),
    "civil": ("天花板板材脱落", "墙面瓷砖开裂", "地毯起鼓"),
    "other": ("会议室投影幕卡住", "卫生间隔板松动"),
}
PUBLIC_PLACES = ("大堂", "B1 车库入口", "15层电梯厅", "A座男卫生间", "消防通道3层", "屋面设备层")
REPORTERS = ("张先生", "李女士", "王经理", "陈先生", "刘小姐", "赵总", "孙先生", "周女士")
COMPLAINTS = (
    ("service", "前台接待态度冷淡"),
    ("service", "报修后维修人员迟到"),
    ("management", "地下车库车位被占用无人处理"),
    ("management", "装修噪音影响办公"),
    ("operations", "物业费收费标准不清楚"),
    ("operations", "大堂广告位招商影响通行"),
    ("service", "保洁不及时，卫生间有异味"),
)
ANSWERS = ("satisfied",) * 7 + ("fair",) * 2 + ("unsatisfied",)


def _at(day: datetime, rng: random.Random, start: int = 8, end: int = 17) -> datetime:
    return datetime.combine(day.date(), time(rng.randrange(start, end), rng.randrange(0, 60)))


def _workdays(now: datetime) -> list[datetime]:
    days = [now - timedelta(days=n) for n in range(DAYS, 0, -1)]
    return [d for d in days if calendar.is_workday(d.date())]


def _call(
    actor: Actor, call: Callback, now: datetime, rng: random.Random, answer: str = ""
) -> bool:
    """Make a due callback in its window (a few minutes after it opens) if that is past."""
    at = call.due_at + timedelta(minutes=rng.randrange(5, 90))
    if at >= now:
        return False
    answer = answer or rng.choice(ANSWERS)
    inputs: dict[str, Any] = {
        "method": rng.choice(("phone",) * 8 + ("visit", "letter")),
        "satisfaction": answer,
        "comments": ""
        if answer == "satisfied"
        else rng.choice(("希望再快一些", "问题仍未彻底解决")),
        "answers": "客户已接听，逐项回答。",
    }
    if call.source == "repair":
        inputs.update(attitude=rng.choice(ANSWERS), speed=rng.choice(ANSWERS), outcome=answer)
    kit.transition(actor, "callbacks", "call", call.id, None, inputs, now=at)
    return True


def _order(
    actor: Actor,
    rng: random.Random,
    at: datetime,
    now: datetime,
    engineers: list[int],
    units: list[int],
    fate: str,
) -> None:
    category = rng.choice(list(FAULTS))
    public = rng.random() < 0.3
    values = {
        "area": "public" if public else "customer",
        "unit": None if public else rng.choice(units),
        "location": rng.choice(PUBLIC_PLACES) if public else "",
        "reporter_name": "巡视员 周强" if public else rng.choice(REPORTERS),
        "contact_phone": f"139{rng.randrange(10**7, 10**8)}",
        "fault": rng.choice(FAULTS[category]),
        "category": category,
        "channel": "patrol" if public else rng.choice(("phone", "phone", "in_person")),
        "paid": not public and rng.random() < 0.15,
    }
    order = kit.create(actor, "work_orders", values, now=at)
    if fate == "new":
        return
    dispatched = at + timedelta(minutes=rng.randrange(1, 6))
    t = lambda name, when, **inputs: kit.transition(  # noqa: E731
        actor, "work_orders", name, order["id"], None, inputs, now=when
    )
    t("dispatch", dispatched, engineer=rng.choice(engineers))
    if fate == "dispatched":
        return
    late = rng.random() < 0.12
    arrived = dispatched + timedelta(
        minutes=rng.randrange(16, 40) if late else rng.randrange(3, 15)
    )
    t("arrive", arrived, arrival_via=rng.choice(("scanned", "phoned")))
    if fate == "arrived":
        return
    if values["paid"]:
        t("confirm_price", arrived + timedelta(minutes=5), price=rng.choice(("50", "80", "120")))
    if fate == "unfinished" or (rng.random() < 0.06 and arrived + timedelta(days=2) < now):
        appointment = (arrived + timedelta(days=1)).replace(hour=10, minute=0)
        t(
            "not_finished",
            arrived + timedelta(minutes=30),
            unfinished_reason=rng.choice(("缺配件，需采购", "需业主在场", "需厂家上门")),
            appointment_at=appointment,
        )
        if fate == "unfinished":
            return
        again = appointment
        t("dispatch", again, engineer=rng.choice(engineers))
        arrived = again + timedelta(minutes=rng.randrange(3, 15))
        t("arrive", arrived, arrival_via="scanned")
    finished = arrived + timedelta(minutes=rng.randrange(20, 120))
    t(
        "finish",
        finished,
        work_done="已修复：" + values["fault"],
        accepted_by=values["reporter_name"],
    )
    if fate == "finished":
        return
    t("receive", finished + timedelta(minutes=rng.randrange(10, 180)))


def _redo(actor: Actor, rng: random.Random, order: WorkOrder, engineers: list[int]) -> None:
    at = order.due_at + timedelta(days=1)
    t = lambda name, when, **inputs: kit.transition(  # noqa: E731
        actor, "work_orders", name, order.id, None, inputs, now=when
    )
    t("dispatch", at, engineer=rng.choice(engineers))
    t("arrive", at + timedelta(minutes=9), arrival_via="scanned")
    if order.paid and order.price_confirmed_at is None:
        t("confirm_price", at + timedelta(minutes=12), price="80")
    t("finish", at + timedelta(hours=1), work_done="返修完毕", accepted_by=order.reporter_name)
    t("receive", at + timedelta(hours=2))


def _complaint(
    actor: Actor,
    rng: random.Random,
    at: datetime,
    now: datetime,
    units: list[int],
    departments: dict[str, int],
    fate: str,
    keep_open: bool = False,
) -> None:
    category, content = rng.choice(COMPLAINTS)
    complaint = kit.create(
        actor,
        "complaints",
        {
            "channel": rng.choice(("phone", "phone", "in_person", "letter", "email", "fax")),
            "complainant_name": rng.choice(REPORTERS),
            "unit": rng.choice(units),
            "contact_phone": f"137{rng.randrange(10**7, 10**8)}",
            "content": content,
            "category": category,
        },
        now=at,
    )
    t = lambda name, when, **inputs: kit.transition(  # noqa: E731
        actor, "complaints", name, complaint["id"], None, inputs, now=when
    )
    if fate == "received":
        return
    if fate == "at_once":
        t("resolve_now", at + timedelta(minutes=30), result="当场协调解决，向客户致歉")
        return
    assigned = at + timedelta(hours=2)
    major = fate == "major"
    days = rng.randrange(3, 8)
    t(
        "assign",
        assigned,
        investigation="当天现场核实，情况属实",
        department=departments[rng.choice(("工程部", "安管部", "保洁", "客服部"))],
        deadline=calendar.add_workdays(assigned.date(), days),
        decided_by="客服经理 孙丽",
        major=major,
        measures="项目总经理组织工程部、安管部协调，限期整改" if major else "",
        measures_owner="工程部经理 钱伟" if major else "",
    )
    # the progress calls every 2 working days while the department works on it
    solved = datetime.combine(calendar.add_workdays(assigned.date(), days - 1), time(16, 0))
    while True:
        due = (
            Callback.select()
            .where((Callback.complaint == complaint["id"]) & (Callback.status == "due"))
            .order_by(Callback.due_at)
            .first()
        )
        if due is None or due.due_at >= min(now, solved):
            break
        if not _call(actor, due, min(now, solved), rng):
            break
    if keep_open or solved >= now:
        return
    t("report_result", solved, result="责任部门已整改完毕")
    if fate == "resolved":
        return
    result = (
        Callback.select()
        .where((Callback.complaint == complaint["id"]) & (Callback.status == "due"))
        .first()
    )
    if result is not None:
        _call(actor, result, now, rng)


def _clerks(fallback: Actor) -> list[Actor]:
    """The demo's desk accounts (so the rates per staff member show more than one name)."""
    users = User.select().where(User.role.in_(("assistant", "supervisor"))).order_by(User.id)
    found = [Actor(u.id, u.username, u.role, u.display_name) for u in users]
    return found or [fallback]


def create_service_desk_demo(actor: Actor, rng: random.Random, now: datetime) -> dict[str, int]:
    """Orders, complaints and callbacks over the past three months; counts per register."""
    return _fill(actor, rng, now)


# One transaction for the whole history (each step a savepoint inside it): a thousand separate
# commits on a synchronous=FULL file would make `demo` wait on the disk.
@write_service(Perm.SERVICE_DESK)
def _fill(actor: Actor, rng: random.Random, now: datetime) -> dict[str, int]:
    clerks = _clerks(actor)
    boss = next((c for c in clerks if c.role == "supervisor"), actor)
    engineers = [
        s.id
        for s in Staff.select(Staff.id)
        .join(Department)
        .where((Department.name == rules.ENGINEERING) & Staff.active)
        .order_by(Staff.id)
    ]
    units = [u.id for u in Unit.select(Unit.id).order_by(Unit.id)]
    departments = {d.name: d.id for d in Department.select()}
    if not engineers or not units:
        return {}
    days = _workdays(now)
    for day in days:
        for _ in range(rng.randrange(1, 3)):
            fate = "received" if rng.random() < 0.9 else "finished"
            _order(rng.choice(clerks), rng, _at(day, rng), now, engineers, units, fate)
        if rng.random() < 0.35:
            fate = rng.choice(("closed",) * 5 + ("at_once", "at_once", "resolved", "major"))
            _complaint(boss, rng, _at(day, rng, 9, 16), now, units, departments, fate)
    # the callbacks the past has made, in their windows
    for call in Callback.select().where(Callback.status == "due").order_by(Callback.due_at):
        if rng.random() < 0.95:
            _call(rng.choice(clerks), call, now, rng)
    # what an unhappy callback reopened was seen to again a day later, and called back
    later = now - timedelta(days=2)
    for order in WorkOrder.select().where(
        (WorkOrder.status == "reopened") & (WorkOrder.due_at < later)
    ):
        _redo(rng.choice(clerks), rng, order, engineers)
    for complaint in Complaint.select().where(
        (Complaint.status == "assigned")
        & (Complaint.reopen_reason != "")
        & (Complaint.due_at < later)
    ):
        kit.transition(
            boss,
            "complaints",
            "report_result",
            complaint.id,
            None,
            {"result": "重新整改完毕"},
            now=complaint.due_at + timedelta(days=1),
        )
    for call in Callback.select().where((Callback.status == "due") & (Callback.due_at < later)):
        _call(rng.choice(clerks), call, now, rng, "satisfied")
    # today: one order of each open state, and complaints still being handled
    morning = now.replace(hour=8, minute=30) if now.hour >= 9 else now - timedelta(hours=1)
    for i, fate in enumerate(("new", "dispatched", "dispatched", "arrived", "unfinished")):
        at = min(now - timedelta(minutes=20), morning + timedelta(minutes=7 * i))
        _order(clerks[0], rng, at, now, engineers, units, fate)
    last = (
        WorkOrder.select()
        .where(WorkOrder.status == "finished")
        .order_by(WorkOrder.finished_at.desc())
        .first()
    )
    if last is not None:  # the supervisor reopened one this morning
        kit.transition(
            boss,
            "work_orders",
            "reopen",
            last.id,
            None,
            {"reopen_reason": "业户反映仍有渗水"},
            now=max(last.finished_at, now - timedelta(minutes=10)),
        )
    for fate in ("received", "assigned", "major"):
        _complaint(
            boss,
            rng,
            days[-3] if fate != "received" else now - timedelta(minutes=30),
            now,
            units,
            departments,
            fate,
            keep_open=True,
        )
    return {
        "work_orders": WorkOrder.select().count(),
        "complaints": Complaint.select().count(),
        "callbacks": Callback.select().count(),
    }
