"""Service-desk data for the tests: departments, an engineer, a clerk account, units (real
SQLite, real services), and a helper that takes a repair through its steps at given moments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest

from app.kit import services as kit
from app.models import Department
from app.services import reference
from app.services.context import Actor

# A Monday with working days around it (2026-03-02 … 06).
MONDAY = datetime(2026, 3, 2, 9, 0)


@dataclass
class DeskOffice:
    admin: Actor
    clerk: Actor  # 客服助理
    supervisor: Actor  # 客服主任
    engineer_id: int  # 王工程, 工程部
    clerk_staff_id: int  # 李客服, 客服部 (not an engineer)
    units: list[Any]
    departments: dict[str, int]

    def order(self, at: datetime = MONDAY, **values: Any) -> dict[str, Any]:
        data = {
            "area": "customer",
            "unit": self.units[0].id,
            "reporter_name": "张先生",
            "contact_phone": "13800138000",
            "fault": "卫生间水龙头漏水",
            "category": "water",
            "channel": "phone",
            **values,
        }
        return kit.create(self.clerk, "work_orders", data, now=at)

    def step(
        self,
        record: dict[str, Any],
        name: str,
        at: datetime,
        actor: Actor | None = None,
        **inputs: Any,
    ) -> dict[str, Any]:
        register = "work_orders" if record["number"].startswith("WX") else "complaints"
        if record["number"].startswith("HF"):
            register = "callbacks"
        return kit.transition(
            actor or self.clerk, register, name, record["id"], None, inputs, now=at
        )

    def finished_order(self, at: datetime = MONDAY, **values: Any) -> dict[str, Any]:
        order = self.order(at, **values)
        order = self.step(order, "dispatch", at, engineer=self.engineer_id)
        order = self.step(order, "arrive", at + timedelta(minutes=10), arrival_via="scanned")
        return self.step(
            order, "finish", at + timedelta(hours=1), work_done="换阀芯", accepted_by="张先生"
        )

    def complaint(self, at: datetime = MONDAY, **values: Any) -> dict[str, Any]:
        data = {
            "channel": "phone",
            "complainant_name": "刘女士",
            "unit": self.units[1].id,
            "contact_phone": "13900139000",
            "content": "大堂空调温度过低",
            "category": "service",
            **values,
        }
        return kit.create(self.clerk, "complaints", data, now=at)


@pytest.fixture
def desk_office(db, admin, make_actor) -> DeskOffice:  # noqa: ANN001
    departments = reference.ensure_departments(admin)
    clerk_staff = reference.create_staff(admin, name="李客服", department="客服部")
    engineer = reference.create_staff(admin, name="王工程", department="工程部")
    reference.create_building(admin, "A", "A座")
    units = [
        reference.create_unit(admin, code=code, building_code="A", floor_number=12)
        for code in ("A-1201", "A-1202", "A-1203")
    ]
    assert Department.select().count() == len(departments)
    return DeskOffice(
        admin,
        make_actor("assistant"),
        make_actor("supervisor"),
        engineer.id,
        clerk_staff.id,
        units,
        departments,
    )
