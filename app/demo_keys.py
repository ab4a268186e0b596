"""Demo data for the key register: keys, a receipt, loans in every state, an issue to an owner,
a custodian handover and a finished stocktake — all through app.services.keys (the only writers).
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from app.models import Staff
from app.services import keys
from app.services.context import Actor

PUBLIC_AREAS: tuple[tuple[str, str, int], ...] = (
    # (label, area, keys in the set)
    ("配电室", "B1 配电室", 2),
    ("水泵房", "B1 水泵房", 2),
    ("天台", "屋面 天台", 1),
    ("消防控制室", "1F 消防控制室", 2),
    ("电梯机房", "屋面 电梯机房", 2),
    ("弱电间", "各层 弱电间", 3),
    ("发电机房", "B1 发电机房", 1),
    ("垃圾房", "1F 垃圾房", 1),
    ("新风机房", "屋面 新风机房", 1),
    ("屋顶水箱间", "屋面 水箱间", 1),
)

OWNER_NAMES = ("王建国", "李秀英", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄丽")
CONTRACTORS = (
    ("周师傅", "华安消防设备有限公司"),
    ("吴工", "迅达电梯维保公司"),
    ("郑经理", "绿城保洁服务公司"),
)
PURPOSES = ("检修配电柜", "水泵例行保养", "消防巡检", "空置房检查", "更换灯具", "天台防水查看")
LEADERS = ("客服经理 孙丽", "项目总经理 钱海")


def _phone(rng: random.Random) -> str:
    return "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))


def _at(day: datetime, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day.date(), time(hh, mm))


def create_key_demo(
    actor: Actor,
    rng: random.Random,
    unit_codes: list[str],
    staff_ids: list[int],
    now: datetime,
) -> dict[str, int]:
    """Keys for a sample of units and the public areas, received into the cabinet a week ago,
    then loans in every state (out, overdue, returned good, damaged, lost), one set issued to an
    owner, one custodian handover and one finished stocktake. Returns counts per register."""
    counts = {"keys": 0, "key_loans": 0, "key_handovers": 0, "key_stocktakes": 0}
    staff_names = {
        s.id: s.name for s in Staff.select(Staff.id, Staff.name).where(Staff.id.in_(staff_ids))
    }
    active_staff = [i for i in staff_ids if i in staff_names]

    # Keys: 户门 sets for a sample of units, then the public areas.
    sample = rng.sample(unit_codes, min(len(unit_codes), max(6, len(unit_codes) // 4), 60))
    created: list[keys.KeyView] = []
    for i, unit in enumerate(sorted(sample)):
        created.append(
            keys.create_key(
                actor,
                label=f"{unit} 户门",
                unit_code=unit,
                key_count=rng.choice((2, 2, 3)),
                hook=f"A{i + 1:02d}",
            )
        )
    public: list[keys.KeyView] = []
    for i, (label, area, n) in enumerate(PUBLIC_AREAS):
        public.append(
            keys.create_key(actor, label=label, area=area, key_count=n, hook=f"G{i + 1:02d}")
        )
    created.extend(public)
    counts["keys"] = len(created)

    # 接收: the developer's site team hands every key over, counted set by set.
    received_at = _at(now - timedelta(days=7), 10)
    keys.receive_keys(
        actor,
        from_name="开发商工程部 移交小组",
        lines=[(k.code, k.key_count) for k in created],
        notes="入伙前钥匙移交",
        now=received_at,
    )
    counts["key_handovers"] += 1

    # Loans, oldest first so the YS- numbers run with the dates.
    pool = public[:] + [k for k in created if k not in public]
    loan_keys = iter(pool)

    def lend(day: datetime, hh: int, *, external: bool = False) -> keys.LoanView:
        key = next(loan_keys)
        lent_at = _at(day, hh, rng.choice((0, 10, 20, 30, 40)))
        counts["key_loans"] += 1
        if external or not active_staff:
            name, org = rng.choice(CONTRACTORS)
            return keys.lend_key(
                actor,
                key.code,
                borrower_kind="external",
                borrower_name=name,
                borrower_org=org,
                borrower_phone=_phone(rng),
                purpose=rng.choice(PURPOSES),
                document_ref=f"维保工单 {rng.randint(1000, 9999)}",
                approved_by=rng.choice(LEADERS),
                now=lent_at,
            )
        return keys.lend_key(
            actor,
            key.code,
            borrower_kind="staff",
            borrower_staff_id=rng.choice(active_staff),
            purpose=rng.choice(PURPOSES),
            now=lent_at,
        )

    lost = lend(now - timedelta(days=3), 9)
    keys.return_key(
        actor,
        lost.number,
        condition="lost",
        statement="巡检途中钥匙遗失,已沿途寻找未果,已报告上级。",
        now=_at(now - timedelta(days=3), 17),
    )
    damaged = lend(now - timedelta(days=2), 9, external=True)
    keys.return_key(
        actor,
        damaged.key_code,
        condition="damaged",
        statement="钥匙齿部弯曲,开锁时用力过猛所致。",
        now=_at(now - timedelta(days=2), 16),
    )
    good = lend(now - timedelta(days=1), 9)
    keys.return_key(actor, good.number, now=_at(now - timedelta(days=1), 15))
    lend(now - timedelta(days=1), 10, external=True)  # never came back: overdue
    # Out, due later today: lent now (due by the cut-off, or by midnight after it).
    counts["key_loans"] += 1
    key = next(loan_keys)
    keys.lend_key(
        actor,
        key.code,
        borrower_kind="external" if not active_staff else "staff",
        borrower_staff_id=rng.choice(active_staff) if active_staff else None,
        borrower_name=CONTRACTORS[0][0],
        document_ref="维保工单 0001",
        approved_by=LEADERS[0],
        purpose=rng.choice(PURPOSES),
        now=now,
    )

    # 发放: one unit's 户门 set to its owner.
    unit_keys = [k for k in created if k.unit_code and k not in pool[: counts["key_loans"]]]
    if unit_keys:
        owner_key = unit_keys[0]
        keys.issue_keys(
            actor,
            to_name=rng.choice(OWNER_NAMES),
            lines=[(owner_key.code, owner_key.key_count)],
            notes="入伙交钥匙",
            now=_at(now - timedelta(days=1), 11),
        )
        counts["key_handovers"] += 1

    # 内部交接: the keeper hands the cabinet to a stand-in.
    if len(active_staff) >= 2:
        keeper, stand_in = rng.sample(active_staff, 2)
        from_name, to_name = staff_names[keeper], staff_names[stand_in]
    else:
        from_name, to_name = "钥匙管理员", "代班客服"
    keys.custodian_handover(
        actor, from_name=from_name, to_name=to_name, notes="年休假交接", now=now
    )
    counts["key_handovers"] += 1

    # 清点: every key in the cabinet scanned but one, plus a lent key found on the counter.
    in_cabinet = [
        k for k in (keys.get_key(actor, k.id) for k in created) if k.status == "in_cabinet"
    ]
    stocktake_id = keys.start_stocktake(actor, now=now)
    for k in in_cabinet[1:]:
        keys.record_stocktake_scan(actor, stocktake_id, k.code, now=now)
    lent = [k for k in (keys.get_key(actor, k.id) for k in created) if k.status == "lent"]
    if lent:
        keys.record_stocktake_scan(actor, stocktake_id, lent[0].code, now=now)
    keys.finish_stocktake(actor, stocktake_id, now=now)
    counts["key_stocktakes"] = 1
    return counts
