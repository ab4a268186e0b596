"""Archive data for the GUI tests: staff, a unit, household files (real SQLite, real services)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from app.kit import items
from app.kit import services as kit
from app.services import reference
from app.services.context import Actor
from ui import errors as ui_errors


@dataclass
class ArchiveOffice:
    admin: Actor
    clerk_id: int  # 李客服, 客服部
    engineer_id: int  # 王工程, 工程部
    units: list[Any]

    def new_file(self, unit_index: int = 0, *, present: int = 3) -> dict[str, Any]:
        """A household file on the shelf with its first `present` documents ticked."""
        unit = self.units[unit_index]
        record = kit.create(
            self.admin,
            "archives",
            {
                "category": "household",
                "unit": unit.id,
                "title": f"{unit.code} 业主档案",
                "shelf": f"A柜-{unit_index + 1}",
            },
        )
        contents = items.item_list(self.admin, "archives", record["id"])
        docs = [d for s in contents.sections for d in s.items][:present]
        for d in docs:
            items.set_present(self.admin, "archives", d.id, d.version, True)
        return kit.record(self.admin, "archives", record["id"])

    def present_names(self, file_id: int) -> list[str]:
        contents = items.item_list(self.admin, "archives", file_id)
        return [d.name for s in contents.sections for d in s.items if d.present]


@pytest.fixture
def archive_office(db, admin) -> ArchiveOffice:  # noqa: ANN001
    reference.ensure_departments(admin)
    clerk = reference.create_staff(admin, name="李客服", department="客服部", position="客服助理")
    engineer = reference.create_staff(admin, name="王工程", department="工程部")
    reference.create_building(admin, "A", "A座")
    units = [
        reference.create_unit(admin, code=code, building_code="A", floor_number=12)
        for code in ("A-1201", "A-1202", "A-1203")
    ]
    return ArchiveOffice(admin, clerk.id, engineer.id, units)


@pytest.fixture
def no_dialogs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Message boxes are recorded instead of blocking."""
    shown: list[str] = []

    def fake_exec(box):  # noqa: ANN001, ANN202
        shown.append(box.text())
        return 0

    monkeypatch.setattr(ui_errors, "_exec_box", fake_exec)
    yield shown
