"""Demo data for the owner archives (业主档案, 一户一档): the household file of every unit with its
contents mostly ticked, a few category files, and loans in every state — out, overdue, returned
clean, returned with an item missing (an open incident), one incident closed, and a reading on
the spot. Loans go through the kit's transitions with `now=` in the past, as the clerk would
have made them; the contents ticks are bulk-updated in one transaction (thousands of audited
single ticks would make `demo` slow) with one audit record saying so.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import Any

from app.kit import items as kit_items
from app.kit import services as kit
from app.models import ArchiveDocument, ArchiveFile, Building, Department, Staff, Unit
from app.registers.archives import services as archives
from app.rules.roles import Perm
from app.services import calendar
from app.services.context import Actor
from app.services.tx import audit, write_service

# (category, title, shelf) of the category files (档案分类, 业主档案管理细则 §3)
CATEGORY_FILES: tuple[tuple[str, str, str], ...] = (
    ("fee_notice", "2026年催费通知书", "D柜-1层-01"),
    ("lawyer_letter", "2026年律师函（欠费催告）", "D柜-1层-02"),
    ("contractor_contract", "外判公司合同（保洁、垃圾清运）", "D柜-2层-01"),
    ("contractor_contract", "外判公司合同（电梯维保）", "D柜-2层-02"),
)
MISSING_SHARE = 0.08  # of the checklist lines not (yet) in their file
PURPOSES_OWN = ("核对业主联系方式", "办理产权变更资料核对", "回复业主来函查阅往来函件")
PURPOSES_OTHER = ("核对房屋交接验收表", "二次装修审图查阅装修资料", "核对交费单据复印件")
APPROVER = "客服经理 孙丽"


def _workday_before(day: datetime, n: int, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(calendar.add_workdays(day.date(), -n), time(hh, mm))


@write_service(Perm.ARCHIVES_MANAGE)
def _tick_contents(actor: Actor, rng: random.Random, file_ids: list[int]) -> int:
    """Most checklist lines present, some not: one UPDATE for all, then the missing ones."""
    ArchiveDocument.update(present=True).where(ArchiveDocument.file.in_(file_ids)).execute()
    ids = [
        d
        for (d,) in ArchiveDocument.select(ArchiveDocument.id)
        .where(ArchiveDocument.file.in_(file_ids))
        .order_by(ArchiveDocument.id)
        .tuples()
    ]
    missing = sorted(rng.sample(ids, int(len(ids) * MISSING_SHARE)))
    for start in range(0, len(missing), 500):
        chunk = missing[start : start + 500]
        ArchiveDocument.update(present=False).where(ArchiveDocument.id.in_(chunk)).execute()
    audit(
        actor,
        "demo archive contents",
        "ArchiveDocument",
        "",
        None,
        {"files": len(file_ids), "documents": len(ids), "missing": len(missing)},
    )
    return len(missing)


@write_service(Perm.ARCHIVES_MANAGE)
def _set_shelves(actor: Actor, shelves: dict[int, str]) -> None:
    for file_id, shelf in shelves.items():
        ArchiveFile.update(shelf=shelf).where(ArchiveFile.id == file_id).execute()


def create_archive_demo(
    actor: Actor, rng: random.Random, staff_ids: list[int], now: datetime
) -> dict[str, int]:
    """Files for every demo unit, category files and loans in every state; counts per register."""
    counts = {"archive_files": 0, "archive_loans": 0, "archive_incidents": 0}
    opened_at = now - timedelta(days=90)
    for building in Building.select().order_by(Building.code):
        archives.open_files_for_building(actor, building.id, now=opened_at)
    files = list(
        ArchiveFile.select(ArchiveFile.id, ArchiveFile.code, Unit.code.alias("unit_code"))
        .join(Unit)
        .where((ArchiveFile.category == "household") & ArchiveFile.voided_at.is_null())
        .order_by(ArchiveFile.id)
        .objects()
    )
    # 存放位置: cabinet per building, a row per 50 files (A柜-03-12)
    shelves = {}
    per_building: dict[str, int] = {}
    for f in files:
        building = f.unit_code.split("-")[0]
        i = per_building[building] = per_building.get(building, -1) + 1
        shelves[f.id] = f"{building}柜-{i // 50 % 10 + 1:02d}-{i % 50 + 1:02d}"
    _set_shelves(actor, shelves)
    _tick_contents(actor, rng, [f.id for f in files])
    counts["archive_files"] = len(files)

    renovating = Unit.select(Unit.id, Unit.code).where(Unit.status == "renovating").first()
    if renovating is not None:
        kit.create(
            actor,
            "archives",
            {
                "category": "renovation",
                "unit": renovating.id,
                "title": f"{renovating.code} 装修档案",
                "shelf": "C柜-01-01",
            },
            now=opened_at,
        )
        counts["archive_files"] += 1
    for category, title, shelf in CATEGORY_FILES:
        kit.create(
            actor, "archives", {"category": category, "title": title, "shelf": shelf}, now=opened_at
        )
        counts["archive_files"] += 1

    # Borrowers: the customer-service department's own staff and engineering.
    by_department: dict[str, list[int]] = {}
    for staff_id, department in (
        Staff.select(Staff.id, Department.name)
        .join(Department)
        .where(Staff.id.in_(staff_ids) & Staff.active)
        .order_by(Staff.id)
        .tuples()
    ):
        by_department.setdefault(department, []).append(staff_id)
    own = by_department.get("客服部") or staff_ids
    other = by_department.get("工程部") or staff_ids
    if not files or not own:
        return counts
    pool = iter(rng.sample(files, min(len(files), 12)))

    def lend(
        borrower: int, kind: str, purpose: str, at: datetime, approved_by: str = ""
    ) -> tuple[Any, dict[str, Any]]:
        file = next(pool)
        record = kit.record(actor, "archives", file.id)
        inputs = {"borrower_staff": borrower, "kind": kind, "purpose": purpose}
        if approved_by:
            inputs["approved_by"] = approved_by
        after = kit.transition(
            actor, "archives", "lend", file.id, record["version"], inputs, now=at
        )
        counts["archive_loans"] += 1
        return file, after

    def give_back(file: Any, record: dict[str, Any], at: datetime, problem: str = "") -> None:
        """Returned and checked item by item; `problem` "missing" / "damaged": one item."""
        items = kit_items.present_ids("archives", file.id)
        inputs: dict[str, Any] = {"ok": items}
        if problem and items:
            names = dict(
                ArchiveDocument.select(ArchiveDocument.id, ArchiveDocument.name)
                .where(ArchiveDocument.id.in_(items))
                .tuples()
            )
            wanted = "业主身份证复印件" if problem == "missing" else "房屋交接验收表"
            item = next((i for i in items if names[i] == wanted), items[-1])
            inputs = {"ok": [i for i in items if i != item], problem: [item]}
            inputs["note"] = (
                "该页未随档案归还，借阅人称已遗失，已书面说明。"
                if problem == "missing"
                else "该页一角撕破，已当面确认。"
            )
            counts["archive_incidents"] += 1
        kit.transition(actor, "archives", "return", file.id, record["version"], inputs, now=at)

    # Oldest first, so the JY- numbers run with the dates.
    # Overdue: another department's borrower, lent ten working days ago, never returned.
    lend(rng.choice(other), "borrow", rng.choice(PURPOSES_OTHER), _workday_before(now, 10, 14, 0))
    # Returned damaged, the incident since closed.
    lent_at = _workday_before(now, 8, 9, 0)
    file, rec = lend(rng.choice(other), "copy", rng.choice(PURPOSES_OTHER), lent_at, APPROVER)
    give_back(file, rec, _workday_before(now, 7, 11, 0), "damaged")
    incident = kit.record(actor, "archive_incidents", _last_incident_id())
    kit.transition(
        actor,
        "archive_incidents",
        "close",
        incident["id"],
        incident["version"],
        {"resolution": "已修补并复印备份，借阅人已书面说明。"},
        now=_workday_before(now, 6, 10, 0),
    )
    # Returned clean (本部门).
    lent_at = _workday_before(now, 6, 9, 30)
    file, rec = lend(rng.choice(own), "borrow", rng.choice(PURPOSES_OWN), lent_at)
    give_back(file, rec, _workday_before(now, 5, 15, 10))
    # Returned with an item missing: an open incident (追究当事者责任).
    lent_at = _workday_before(now, 5, 10, 0)
    file, rec = lend(rng.choice(other), "take_out", rng.choice(PURPOSES_OTHER), lent_at, APPROVER)
    give_back(file, rec, _workday_before(now, 2, 16, 20), "missing")
    # Out, not due yet: the department's own staff, yesterday (3 working days).
    lend(rng.choice(own), "borrow", rng.choice(PURPOSES_OWN), _workday_before(now, 1, 10, 0))
    # Read on the spot (查阅, due the same day), back within the hour.
    read_at = min(now, _workday_before(now, 0, 9, 15))
    file, rec = lend(rng.choice(own), "read", "业主来电咨询，查阅入住资料卡", read_at)
    give_back(file, rec, min(now, read_at + timedelta(minutes=40)))
    return counts


def _last_incident_id() -> int:
    from app.models import ArchiveIncident

    return ArchiveIncident.select(ArchiveIncident.id).order_by(ArchiveIncident.id.desc()).get().id
