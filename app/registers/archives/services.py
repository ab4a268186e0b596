"""Opening the files of every unit of a building in one step (一户一档) — the archive clerk's one
intent beside the kit's generic ones: lending and taking back are the `archives` register's
transitions (handlers in rules.py), the contents checklist and its scanned copies the register's
`items` (app/kit/items.py), who holds which files app/kit/holdings.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP
from app.kit.services import insert_record
from app.models import ArchiveFile, Building, Floor, Unit
from app.registers.archives import rules
from app.registers.archives.register import ARCHIVES
from app.rules.roles import Perm
from app.services.context import Actor
from app.services.tx import write_service


@dataclass(frozen=True)
class OpenedFiles:
    """What `open_files_for_building` did: files opened now, units that already had one."""

    opened: int
    existing: int
    codes: tuple[str, ...]  # the new files' codes, in unit order (for printing their labels)


@write_service(Perm.ARCHIVES_MANAGE)
def open_files_for_building(
    actor: Actor, building_id: int, category: str = "household", *, now: datetime | None = None
) -> OpenedFiles:
    """Open the `category` file (一户一档: the household file) of every unit of the building
    that has none yet, in one step: each gets its code, its contents checklist, a trail row and
    an audit record; the shelf is left empty for the clerk to fill in."""
    now = now or datetime.now()
    errors: dict[str, str] = {}
    if category not in rules.UNIT_CATEGORIES:
        errors["category"] = QT_TRANSLATE_NOOP("app", "Only a unit's file can be opened per unit.")
    if Building.get_or_none(Building.id == building_id) is None:
        errors["building"] = QT_TRANSLATE_NOOP("app", "This record does not exist.")
    if errors:
        raise ValidationError(errors)
    units = list(
        Unit.select(Unit.id, Unit.code)
        .join(Floor)
        .where((Floor.building == building_id) & Unit.voided_at.is_null())
        .order_by(Floor.number, Unit.code)
    )
    have = {
        unit_id
        for (unit_id,) in ArchiveFile.select(ArchiveFile.unit)
        .join(Unit)
        .join(Floor)
        .where(
            (Floor.building == building_id)
            & (ArchiveFile.category == category)
            & ArchiveFile.voided_at.is_null()
        )
        .tuples()
    }
    codes: list[str] = []
    # A household file is titled whose it is (业主档案), a unit's other file by its category.
    kind = "业主档案" if category == "household" else ARCHIVES.field("category").value_zh(category)
    first = rules.next_file_code()  # then counted on: every later code is free as well
    prefix, number = rules.AUTO_CODE_PREFIX, int(first[len(rules.AUTO_CODE_PREFIX) :])
    for unit in units:
        if unit.id in have:
            continue
        data = {
            "code": f"{prefix}{number + len(codes):0{rules.AUTO_CODE_DIGITS}d}",
            "category": category,
            "unit": unit.id,
            "title": f"{unit.code} {kind}",
            "shelf": "",
        }
        record = insert_record(actor, ARCHIVES, data, now, detail=unit.code)
        codes.append(record.code)
    return OpenedFiles(opened=len(codes), existing=len(have), codes=tuple(codes))
