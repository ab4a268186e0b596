"""The frozen views the reference registers hand to the UI, and the row → view builders and the
unit query that make them (ID numbers and phones masked unless the actor has Perm.PII_VIEW)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import peewee

from app.db import db_proxy
from app.models import Building, Department, Floor, Party, Staff, Unit, UnitParty
from app.rules.identity import mask_id, mask_phone
from app.rules.roles import Perm
from app.services.context import Actor
from app.services.records import get_or_404
from app.services.reference.validation import CENT
from app.services.tx import audit

# ---------------------------------------------------------------------------------------------
# Views handed to the UI


@dataclass(frozen=True)
class BuildingView:
    id: int
    code: str
    name: str
    version: int


@dataclass(frozen=True)
class FloorView:
    id: int
    building_code: str
    number: int
    name: str
    version: int


@dataclass(frozen=True)
class UnitView:
    id: int
    code: str
    building_code: str
    floor_number: int
    area: Decimal | None
    use: str
    status: str
    owner: str  # current owner's name(s), "" when none
    version: int
    voided: bool


@dataclass(frozen=True)
class PartyView:
    id: int
    kind: str
    name: str
    is_company: bool
    id_type: str
    id_number: str  # masked unless the actor may see personal data
    phone: str
    emergency_contact: str
    emergency_phone: str
    notes: str
    unit_codes: tuple[str, ...]
    version: int
    voided: bool
    masked: bool


@dataclass(frozen=True)
class StaffView:
    id: int
    name: str
    department: str
    position: str
    phone: str
    id_number: str
    active: bool
    left_on: date | None
    version: int
    masked: bool


# ---------------------------------------------------------------------------------------------
# Row → view builders


def _area(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(CENT)


def _owner_subquery() -> peewee.SelectQuery:
    owner = Party.alias("owner")
    link = UnitParty.alias("owner_link")
    return (
        owner.select(owner.name)
        .join(link, on=(link.party == owner.id))
        .where(
            (link.unit == Unit.id)
            & (link.role == "owner")
            & link.until.is_null()
            & owner.voided_at.is_null()
        )
        .order_by(link.id)
        .limit(1)
    )


def _units_query() -> Any:
    return (
        Unit.select(
            Unit.id,
            Unit.code,
            Unit.area,
            Unit.use,
            Unit.status,
            Unit.version,
            Unit.voided_at,
            Building.code.alias("building_code"),
            Floor.number.alias("floor_number"),
            _owner_subquery().alias("owner_name"),
        )
        .join(Floor)
        .join(Building)
    )


def _unit_view(unit_id: int) -> UnitView:
    row = _units_query().where(Unit.id == unit_id).dicts().get_or_none()
    if row is None:
        get_or_404(Unit, unit_id)  # raises NotFound
        raise AssertionError("unreachable")
    return UnitView(
        id=row["id"],
        code=row["code"],
        building_code=row["building_code"],
        floor_number=row["floor_number"],
        area=_area(row["area"]),
        use=row["use"],
        status=row["status"],
        owner=row["owner_name"] or "",
        version=row["version"],
        voided=row["voided_at"] is not None,
    )


def _party_view(actor: Actor, party: Party, *, audit_full: bool) -> PartyView:
    codes = tuple(
        u.code
        for u in Unit.select(Unit.code)
        .join(UnitParty)
        .where((UnitParty.party == party.id) & UnitParty.until.is_null())
        .order_by(Unit.code)
    )
    full = actor.can(Perm.PII_VIEW)
    if full and audit_full:
        with db_proxy.atomic():
            audit(actor, "view personal data", "Party", party.id)
    return PartyView(
        id=party.id,
        kind=party.kind,
        name=party.name,
        is_company=party.is_company,
        id_type=party.id_type,
        id_number=party.id_number if full else mask_id(party.id_number),
        phone=party.phone if full else mask_phone(party.phone),
        emergency_contact=party.emergency_contact,
        emergency_phone=party.emergency_phone if full else mask_phone(party.emergency_phone),
        notes=party.notes,
        unit_codes=codes,
        version=party.version,
        voided=party.voided_at is not None,
        masked=not full,
    )


def _staff_view(actor: Actor, staff: Staff) -> StaffView:
    full = actor.can(Perm.PII_VIEW)
    return StaffView(
        id=staff.id,
        name=staff.name,
        department=Department.get_by_id(staff.department_id).name,
        position=staff.position,
        phone=staff.phone if full else mask_phone(staff.phone),
        id_number=staff.id_number if full else mask_id(staff.id_number),
        active=staff.active,
        left_on=staff.left_on,
        version=staff.version,
        masked=not full,
    )
