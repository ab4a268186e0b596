"""Buildings and their floors."""

from __future__ import annotations

from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Building, Floor
from app.rules.roles import Perm
from app.services.context import Actor
from app.services.records import stamp_new
from app.services.reference.validation import (
    _REQUIRED,
    _TOO_LONG,
    BUILDING_CODE_RE,
    _text,
    parse_int,
)
from app.services.reference.views import BuildingView, FloorView
from app.services.tx import audit, read_service, snapshot, write_service


# Writer shared with the import (inside a write transaction): a unit's missing floor.
def _floor(actor: Actor, building: Building, number: int) -> Floor:
    floor = Floor.get_or_none((Floor.building == building) & (Floor.number == number))
    if floor is None:
        floor = Floor.create(building=building, number=number, name="", **stamp_new(actor))
        audit(actor, "create floor", "Floor", floor.id, None, snapshot(floor))
    return floor


@write_service(Perm.REFERENCE_EDIT)
def create_building(actor: Actor, code: str, name: str) -> BuildingView:
    code = _text(code).upper()
    name = _text(name)
    errors: dict[str, str] = {}
    if not code:
        errors["code"] = _REQUIRED
    elif not BUILDING_CODE_RE.match(code):
        errors["code"] = QT_TRANSLATE_NOOP("app", "Use 1–8 letters or digits, e.g. A.")
    elif Building.select().where(Building.code == code).exists():
        errors["code"] = QT_TRANSLATE_NOOP("app", "This building code already exists.")
    if not name:
        errors["name"] = _REQUIRED
    elif len(name) > 64:
        errors["name"] = _TOO_LONG
    if errors:
        raise ValidationError(errors)
    building = Building.create(code=code, name=name, **stamp_new(actor))
    audit(actor, "create building", "Building", building.id, None, snapshot(building))
    return BuildingView(building.id, building.code, building.name, building.version)


@write_service(Perm.REFERENCE_EDIT)
def create_floor(actor: Actor, building_code: str, number: int, name: str = "") -> FloorView:
    building_code = _text(building_code).upper()
    building = Building.get_or_none(Building.code == building_code)
    errors: dict[str, str] = {}
    if building is None:
        errors["building_code"] = QT_TRANSLATE_NOOP("app", "No such building.")
    parsed = parse_int(number)
    if parsed is None or not -9 <= parsed <= 300:
        errors["number"] = QT_TRANSLATE_NOOP("app", "Floors run from -9 to 300.")
    elif (
        building is not None
        and Floor.select().where((Floor.building == building) & (Floor.number == parsed)).exists()
    ):
        errors["number"] = QT_TRANSLATE_NOOP("app", "This floor already exists.")
    name = _text(name)
    if len(name) > 32:
        errors["name"] = _TOO_LONG
    if errors:
        raise ValidationError(errors)
    floor = Floor.create(building=building, number=parsed, name=name, **stamp_new(actor))
    audit(actor, "create floor", "Floor", floor.id, None, snapshot(floor))
    return FloorView(floor.id, building_code, floor.number, floor.name, floor.version)


@read_service(Perm.REFERENCE_VIEW)
def list_buildings(actor: Actor) -> list[BuildingView]:
    return [
        BuildingView(b.id, b.code, b.name, b.version)
        for b in Building.select().order_by(Building.code)
    ]


@read_service(Perm.REFERENCE_VIEW)
def list_floors(actor: Actor, building_code: str) -> list[FloorView]:
    rows = (
        Floor.select(Floor, Building.code)
        .join(Building)
        .where(Building.code == _text(building_code).upper())
        .order_by(Floor.number)
    )
    return [FloorView(f.id, f.building.code, f.number, f.name, f.version) for f in rows]
