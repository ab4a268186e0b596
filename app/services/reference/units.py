"""Units (房号): create, edit, look up, and find codes for the completers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.errors import ValidationError
from app.models import Building, Floor, Unit
from app.rules.roles import Perm
from app.services import listing
from app.services.context import Actor
from app.services.records import get_or_404, stamp_new, update_versioned
from app.services.reference.buildings import _floor
from app.services.reference.validation import _check_version, clean_unit, normalise_unit_code
from app.services.reference.views import UnitView, _unit_view
from app.services.tx import audit, read_service, snapshot, write_service

# ---------------------------------------------------------------------------------------------
# Writers shared with the import (inside a write transaction)


def insert_unit(actor: Actor, clean: dict[str, Any]) -> Unit:
    floor = _floor(actor, clean["building"], clean["floor_number"])
    unit = Unit.create(
        code=clean["code"],
        floor=floor,
        area=clean["area"],
        use=clean["use"],
        status=clean["status"],
        **stamp_new(actor),
    )
    audit(actor, "create unit", "Unit", unit.id, None, snapshot(unit))
    return unit


def apply_unit_update(
    actor: Actor, unit_id: int, expected_version: int, clean: dict[str, Any]
) -> Unit:
    floor = _floor(actor, clean["building"], clean["floor_number"])
    changes = {
        "code": clean["code"],
        "floor": floor.id,
        "area": clean["area"],
        "use": clean["use"],
        "status": clean["status"],
    }
    return update_versioned(actor, Unit, unit_id, expected_version, changes, "update unit")


# ---------------------------------------------------------------------------------------------
# Units


@write_service(Perm.REFERENCE_EDIT)
def create_unit(
    actor: Actor,
    *,
    code: str,
    building_code: str,
    floor_number: int,
    area: Decimal | str | None = None,
    use: str = "office",
    status: str = "vacant",
) -> UnitView:
    """A missing floor of an existing building is created with the unit."""
    clean, errors = clean_unit(
        {
            "code": code,
            "building_code": building_code,
            "floor_number": floor_number,
            "area": area,
            "use": use,
            "status": status,
        }
    )
    if errors:
        raise ValidationError(errors)
    unit = insert_unit(actor, clean)
    return _unit_view(unit.id)


_UNIT_CHANGES = {"code", "building_code", "floor_number", "area", "use", "status"}


@write_service(Perm.REFERENCE_EDIT)
def update_unit(actor: Actor, unit_id: int, expected_version: int, **changes: Any) -> UnitView:
    unknown = set(changes) - _UNIT_CHANGES
    if unknown:
        raise TypeError(f"update_unit cannot change {sorted(unknown)}")
    unit = get_or_404(Unit, unit_id)
    _check_version(Unit, unit, expected_version)
    floor = Floor.get_by_id(unit.floor_id)
    data = {
        "code": unit.code,
        "building_code": Building.get_by_id(floor.building_id).code,
        "floor_number": floor.number,
        "area": unit.area,
        "use": unit.use,
        "status": unit.status,
        **changes,
    }
    clean, errors = clean_unit(data, unit_id=unit_id)
    if errors:
        raise ValidationError(errors)
    apply_unit_update(actor, unit_id, expected_version, clean)
    return _unit_view(unit_id)


@read_service(Perm.REFERENCE_VIEW)
def get_unit(actor: Actor, unit_id: int) -> UnitView:
    return _unit_view(unit_id)


@read_service(Perm.REFERENCE_VIEW)
def find_units(actor: Actor, prefix: str, limit: int = 20) -> list[str]:
    """Unit codes starting with `prefix` (for completers), in code order."""
    prefix = normalise_unit_code(prefix)
    query = Unit.select(Unit.code).where(Unit.voided_at.is_null())
    if prefix:
        query = query.where(listing.ilike(Unit.code, listing.escape_like(prefix) + "%"))
    return [u.code for u in query.order_by(Unit.code).limit(max(1, min(limit, 200)))]
