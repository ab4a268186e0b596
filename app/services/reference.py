"""基础资料 (SPEC §2): buildings → floors → units, parties (owners/tenants), departments, staff.

One function per intent, Actor first. Writers validate everything before writing, raise
`ValidationError({field: message})` and audit each record they create or change. Edits go through
`records.update_versioned` (a stale copy raises ConflictError). Readers return frozen views; ID
numbers and phones are masked unless the actor may see personal data (Perm.PII_VIEW), and a full
view is audited (保密制度: "each view logged").

The `clean_*` / `insert_*` / `apply_*` helpers are shared with `services.importing` so an Excel
import validates exactly like the dialogs do; call the writers only inside a write transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import peewee

from app.db import db_proxy, is_sqlite
from app.errors import ConflictError, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.models import Building, Department, Floor, Party, Staff, Unit, UnitParty, User
from app.models.keys import KeyLoan
from app.models.reference import DEPARTMENTS, ID_TYPES, PARTY_KINDS, UNIT_STATUSES, UNIT_USES
from app.rules import identity
from app.rules.identity import check_phone, mask_id, mask_phone
from app.rules.roles import Perm
from app.services import listing
from app.services.context import Actor
from app.services.listing import ListRequest, RegisterList
from app.services.records import get_or_404, stamp_new, update_versioned
from app.services.tx import audit, read_service, snapshot, write_service

BUILDING_CODE_RE = re.compile(r"^[A-Z0-9]{1,8}$")
UNIT_CODE_RE = re.compile(r"^([A-Z0-9]{1,8})-([A-Z0-9]{1,8})$")  # "A-1203", "B-B101"
MAX_AREA = Decimal("99999999.99")
CENT = Decimal("0.01")

# Chinese labels the office uses on paper and in Excel (imports accept them, exports write them).
USE_LABELS_ZH = {
    "office": "办公",
    "shop": "商铺",
    "storage": "仓储",
    "residence": "住宅",
    "parking": "车位",
    "other": "其他",
}
STATUS_LABELS_ZH = {"occupied": "已入住", "vacant": "空置", "renovating": "装修中"}
KIND_LABELS_ZH = {"owner": "业主", "tenant": "租户"}
ID_TYPE_LABELS_ZH = {
    "ric": "居民身份证",
    "uscc": "统一社会信用代码",
    "passport": "护照",
    "other": "其他",
}

_REQUIRED = QT_TRANSLATE_NOOP("app", "Required.")
_TOO_LONG = QT_TRANSLATE_NOOP("app", "Too long.")


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
# Small parsers (shared with the Excel import, whose cells may be numbers)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone or ID typed as a number in Excel
    return str(value).strip()


def parse_area(value: Any) -> tuple[Decimal | None, str | None]:
    """m² as an exact Decimal with two places; None when blank. Floats (Excel cells) go through
    their shortest repr, so 85.5 stays 85.50 and never 85.4999…"""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, bool):
        return None, QT_TRANSLATE_NOOP("app", "Enter the area in m², e.g. 86.50.")
    try:
        if isinstance(value, float):
            number = Decimal(repr(value))
        else:
            number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        return None, QT_TRANSLATE_NOOP("app", "Enter the area in m², e.g. 86.50.")
    if not number.is_finite() or number <= 0:
        return None, QT_TRANSLATE_NOOP("app", "The area must be more than 0 m².")
    if number > MAX_AREA:
        return None, QT_TRANSLATE_NOOP("app", "The area is too large.")
    if number != number.quantize(CENT):
        return None, QT_TRANSLATE_NOOP("app", "At most two decimal places.")
    return number.quantize(CENT), None


def parse_int(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = str(value).strip()
    if re.fullmatch(r"-?\d{1,4}", text):
        return int(text)
    return None


def parse_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value)
    text = _text(value).lower()
    if text in ("1", "true", "yes", "y", "是", "对", "公司", "单位", "企业"):
        return True
    if text in ("", "0", "false", "no", "n", "否", "个人"):
        return False
    return None


def check_id(id_type: str, number: str) -> tuple[str, str | None]:
    return identity.check_id(id_type, number)


def _area(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(CENT)


def normalise_unit_code(code: Any) -> str:
    return _text(code).upper().replace(" ", "")


# ---------------------------------------------------------------------------------------------
# Validation (no writes). Each returns (clean values, {field: message}).


def clean_unit(
    data: Mapping[str, Any], *, unit_id: int | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """Keys: code, building_code, floor_number, area, use, status."""
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}

    building_code = _text(data.get("building_code")).upper()
    building = None
    if not building_code:
        errors["building_code"] = _REQUIRED
    else:
        building = Building.get_or_none(Building.code == building_code)
        if building is None:
            errors["building_code"] = QT_TRANSLATE_NOOP(
                "app", "No such building; create the building first."
            )
    clean["building"] = building

    code = normalise_unit_code(data.get("code"))
    match = UNIT_CODE_RE.match(code)
    if not code:
        errors["code"] = _REQUIRED
    elif not match:
        errors["code"] = QT_TRANSLATE_NOOP(
            "app", "Write the unit number as building-room, e.g. A-1203."
        )
    elif building_code and match.group(1) != building_code:
        errors["code"] = Msg(
            QT_TRANSLATE_NOOP("app", "A unit of building {building} starts with {building}-."),
            building=building_code,
        )
    else:
        clash = Unit.select().where(Unit.code == code)
        if unit_id is not None:
            clash = clash.where(Unit.id != unit_id)
        if clash.exists():
            errors["code"] = QT_TRANSLATE_NOOP("app", "This unit number already exists.")
    clean["code"] = code

    floor_number = parse_int(data.get("floor_number"))
    if floor_number is None:
        errors["floor_number"] = QT_TRANSLATE_NOOP("app", "Enter the floor as a whole number.")
    elif not -9 <= floor_number <= 300:
        errors["floor_number"] = QT_TRANSLATE_NOOP("app", "Floors run from -9 to 300.")
    clean["floor_number"] = floor_number

    area, problem = parse_area(data.get("area"))
    if problem:
        errors["area"] = problem
    clean["area"] = area

    use = _text(data.get("use")) or "office"
    if use not in UNIT_USES:
        errors["use"] = QT_TRANSLATE_NOOP("app", "Choose one of the unit uses.")
    clean["use"] = use

    status = _text(data.get("status")) or "vacant"
    if status not in UNIT_STATUSES:
        errors["status"] = QT_TRANSLATE_NOOP("app", "Choose occupied, vacant or renovating.")
    clean["status"] = status
    return clean, errors


def clean_party(
    data: Mapping[str, Any], *, party_id: int | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """Keys: kind, name, is_company, id_type, id_number, phone, emergency_contact,
    emergency_phone, notes, unit_codes."""
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}

    kind = _text(data.get("kind"))
    if kind not in PARTY_KINDS:
        errors["kind"] = QT_TRANSLATE_NOOP("app", "Choose owner or tenant.")
    clean["kind"] = kind

    name = _text(data.get("name"))
    if not name:
        errors["name"] = _REQUIRED
    elif len(name) > 128:
        errors["name"] = _TOO_LONG
    clean["name"] = name

    is_company = parse_bool(data.get("is_company", False))
    if is_company is None:
        errors["is_company"] = QT_TRANSLATE_NOOP("app", "Answer yes or no.")
        is_company = False
    clean["is_company"] = is_company

    id_type = _text(data.get("id_type")) or ("uscc" if is_company else "ric")
    if id_type not in ID_TYPES:
        errors["id_type"] = QT_TRANSLATE_NOOP("app", "Choose one of the document types.")
    elif is_company and id_type != "uscc":
        errors["id_type"] = QT_TRANSLATE_NOOP(
            "app", "A company is identified by its unified social credit code."
        )
    elif not is_company and id_type not in ("ric", "passport"):
        errors["id_type"] = QT_TRANSLATE_NOOP(
            "app", "A person is identified by a resident ID card or a passport."
        )
    clean["id_type"] = id_type

    id_number, problem = check_id(id_type, _text(data.get("id_number")))
    if problem and "id_type" not in errors:
        errors["id_number"] = problem
    elif id_number and "id_type" not in errors:
        clash = Party.select().where(
            (Party.id_type == id_type) & (Party.id_number == id_number) & Party.voided_at.is_null()
        )
        if party_id is not None:
            clash = clash.where(Party.id != party_id)
        if clash.exists():
            errors["id_number"] = QT_TRANSLATE_NOOP(
                "app", "Another owner or tenant already has this number."
            )
    clean["id_number"] = id_number

    for field in ("phone", "emergency_phone"):
        phone, problem = check_phone(_text(data.get(field)))
        if problem:
            errors[field] = problem
        clean[field] = phone

    emergency_contact = _text(data.get("emergency_contact"))
    if len(emergency_contact) > 64:
        errors["emergency_contact"] = _TOO_LONG
    clean["emergency_contact"] = emergency_contact
    clean["notes"] = _text(data.get("notes"))

    codes = data.get("unit_codes") or ()
    if isinstance(codes, str):
        codes = split_codes(codes)
    wanted = list(dict.fromkeys(normalise_unit_code(c) for c in codes if _text(c)))
    found = {
        u.code: u.id
        for u in Unit.select(Unit.id, Unit.code).where(
            Unit.code.in_(wanted) & Unit.voided_at.is_null()
        )
    }
    missing = [c for c in wanted if c not in found]
    if missing:
        errors["unit_codes"] = Msg(
            QT_TRANSLATE_NOOP("app", "No such unit: {codes}."), codes=", ".join(missing)
        )
    clean["unit_ids"] = [found[c] for c in wanted if c in found]
    return clean, errors


def split_codes(text: str) -> list[str]:
    return [c for c in re.split(r"[,，、;；\s]+", text) if c]


def clean_staff(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Keys: name, department, position, phone, id_number."""
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    name = _text(data.get("name"))
    if not name:
        errors["name"] = _REQUIRED
    elif len(name) > 64:
        errors["name"] = _TOO_LONG
    clean["name"] = name

    department = _text(data.get("department"))
    if not department:
        errors["department"] = _REQUIRED
    elif (
        department not in DEPARTMENTS
        and not Department.select().where(Department.name == department).exists()
    ):
        errors["department"] = QT_TRANSLATE_NOOP("app", "Choose one of the departments.")
    clean["department"] = department

    position = _text(data.get("position"))
    if len(position) > 64:
        errors["position"] = _TOO_LONG
    clean["position"] = position

    phone, problem = check_phone(_text(data.get("phone")))
    if problem:
        errors["phone"] = problem
    clean["phone"] = phone

    id_number, problem = check_id("ric", _text(data.get("id_number")))
    if problem:
        errors["id_number"] = problem
    clean["id_number"] = id_number
    return clean, errors


# ---------------------------------------------------------------------------------------------
# Writers shared with the import (inside a write transaction)


def _floor(actor: Actor, building: Building, number: int) -> Floor:
    floor = Floor.get_or_none((Floor.building == building) & (Floor.number == number))
    if floor is None:
        floor = Floor.create(building=building, number=number, name="", **stamp_new(actor))
        audit(actor, "create floor", "Floor", floor.id, None, snapshot(floor))
    return floor


def _department(actor: Actor, name: str) -> Department:
    department = Department.get_or_none(Department.name == name)
    if department is None:
        department = Department.create(name=name, **stamp_new(actor))
        audit(actor, "create department", "Department", department.id, None, snapshot(department))
    return department


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


_PARTY_FIELDS = (
    "kind",
    "name",
    "is_company",
    "id_type",
    "id_number",
    "phone",
    "emergency_contact",
    "emergency_phone",
    "notes",
)


def _set_unit_links(
    actor: Actor, party: Party, unit_ids: list[int], role: str, *, replace: bool
) -> None:
    """Link the party to these units as `role`. `replace` ends links to units not listed."""
    today = date.today()
    current = list(UnitParty.select().where((UnitParty.party == party) & UnitParty.until.is_null()))
    have = {link.unit_id: link for link in current}
    for link in current:
        if replace and link.unit_id not in unit_ids:
            before = snapshot(link)
            UnitParty.update(
                until=today,
                updated_at=datetime.now(),
                updated_by=actor.username,
                version=UnitParty.version + 1,
            ).where(UnitParty.id == link.id).execute()
            audit(actor, "end unit link", "UnitParty", link.id, before, {"until": today})
        elif link.unit_id in unit_ids and link.role != role:
            before = snapshot(link)
            UnitParty.update(
                role=role,
                updated_at=datetime.now(),
                updated_by=actor.username,
                version=UnitParty.version + 1,
            ).where(UnitParty.id == link.id).execute()
            audit(actor, "update unit link", "UnitParty", link.id, before, {"role": role})
    for unit_id in unit_ids:
        if unit_id not in have:
            link = UnitParty.create(
                unit=unit_id, party=party, role=role, since=today, **stamp_new(actor)
            )
            audit(actor, "link unit", "UnitParty", link.id, None, snapshot(link))


def insert_party(actor: Actor, clean: dict[str, Any]) -> Party:
    party = Party.create(**{f: clean[f] for f in _PARTY_FIELDS}, **stamp_new(actor))
    audit(actor, "create party", "Party", party.id, None, snapshot(party))
    _set_unit_links(actor, party, clean["unit_ids"], party.kind, replace=False)
    return party


def apply_party_update(
    actor: Actor,
    party_id: int,
    expected_version: int,
    clean: dict[str, Any],
    *,
    replace_units: bool,
) -> Party:
    party = update_versioned(
        actor,
        Party,
        party_id,
        expected_version,
        {f: clean[f] for f in _PARTY_FIELDS},
        "update party",
    )
    _set_unit_links(actor, party, clean["unit_ids"], party.kind, replace=replace_units)
    return party


def insert_staff(actor: Actor, clean: dict[str, Any]) -> Staff:
    department = _department(actor, clean["department"])
    staff = Staff.create(
        name=clean["name"],
        department=department,
        position=clean["position"],
        phone=clean["phone"],
        id_number=clean["id_number"],
        **stamp_new(actor),
    )
    audit(actor, "create staff", "Staff", staff.id, None, snapshot(staff))
    return staff


def apply_staff_update(
    actor: Actor, staff_id: int, expected_version: int, clean: dict[str, Any]
) -> Staff:
    department = _department(actor, clean["department"])
    changes = {
        "name": clean["name"],
        "department": department.id,
        "position": clean["position"],
        "phone": clean["phone"],
        "id_number": clean["id_number"],
    }
    return update_versioned(actor, Staff, staff_id, expected_version, changes, "update staff")


def _check_version(model: type[peewee.Model], record: Any, expected_version: int) -> None:
    if record.version != expected_version:
        raise ConflictError(model.__name__, record.updated_by, record.updated_at)


# ---------------------------------------------------------------------------------------------
# Views


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


# ---------------------------------------------------------------------------------------------
# Buildings and floors


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


# ---------------------------------------------------------------------------------------------
# Parties (业主 / 租户)


@write_service(Perm.REFERENCE_EDIT)
def create_party(
    actor: Actor,
    *,
    kind: str,
    name: str,
    is_company: bool = False,
    id_type: str | None = None,
    id_number: str = "",
    phone: str = "",
    emergency_contact: str = "",
    emergency_phone: str = "",
    notes: str = "",
    unit_codes: Iterable[str] = (),
) -> PartyView:
    """`id_type` defaults to "uscc" for a company and "ric" for a person."""
    clean, errors = clean_party(
        {
            "kind": kind,
            "name": name,
            "is_company": is_company,
            "id_type": id_type,
            "id_number": id_number,
            "phone": phone,
            "emergency_contact": emergency_contact,
            "emergency_phone": emergency_phone,
            "notes": notes,
            "unit_codes": tuple(unit_codes),
        }
    )
    if errors:
        raise ValidationError(errors)
    party = insert_party(actor, clean)
    return _party_view(actor, party, audit_full=False)


_PARTY_CHANGES = set(_PARTY_FIELDS) | {"unit_codes"}


@write_service(Perm.REFERENCE_EDIT)
def update_party(actor: Actor, party_id: int, expected_version: int, **changes: Any) -> PartyView:
    """Change any of the party's fields; `unit_codes` (when given) replaces its current units."""
    unknown = set(changes) - _PARTY_CHANGES
    if unknown:
        raise TypeError(f"update_party cannot change {sorted(unknown)}")
    party = get_or_404(Party, party_id)
    _check_version(Party, party, expected_version)
    if party.voided_at is not None:
        raise ValidationError(
            QT_TRANSLATE_NOOP("app", "This record is voided and can no longer be changed.")
        )
    current_codes = [
        u.code
        for u in Unit.select(Unit.code)
        .join(UnitParty)
        .where((UnitParty.party == party.id) & UnitParty.until.is_null())
    ]
    data = {f: getattr(party, f) for f in _PARTY_FIELDS}
    data["unit_codes"] = current_codes
    data.update(changes)
    clean, errors = clean_party(data, party_id=party_id)
    if errors:
        raise ValidationError(errors)
    party = apply_party_update(actor, party_id, expected_version, clean, replace_units=True)
    return _party_view(actor, party, audit_full=False)


@write_service(Perm.REFERENCE_EDIT)
def void_party(actor: Actor, party_id: int, reason: str) -> PartyView:
    """作废: the party stays on file with the reason; its current unit links end today."""
    party = get_or_404(Party, party_id)
    reason = _text(reason)
    if not reason:
        raise ValidationError({"reason": QT_TRANSLATE_NOOP("app", "Give the reason for voiding.")})
    if party.voided_at is not None:
        raise ValidationError(
            {"reason": QT_TRANSLATE_NOOP("app", "This record is already voided.")}
        )
    before = snapshot(party)
    now = datetime.now()
    Party.update(
        voided_at=now,
        voided_by=actor.username,
        void_reason=reason,
        updated_at=now,
        updated_by=actor.username,
        version=Party.version + 1,
    ).where(Party.id == party_id).execute()
    _set_unit_links(actor, party, [], party.kind, replace=True)
    party = Party.get_by_id(party_id)
    audit(actor, "void party", "Party", party_id, before, snapshot(party))
    return _party_view(actor, party, audit_full=False)


@read_service(Perm.REFERENCE_VIEW)
def get_party(actor: Actor, party_id: int) -> PartyView:
    """Full ID number and phones only for Perm.PII_VIEW, and that view is audited."""
    party = get_or_404(Party, party_id)
    return _party_view(actor, party, audit_full=True)


# ---------------------------------------------------------------------------------------------
# Departments and staff


@write_service(Perm.STAFF_EDIT)
def ensure_departments(actor: Actor) -> dict[str, int]:
    """Create the six departments of SPEC §2 that are missing; returns name → id of all six."""
    return {name: _department(actor, name).id for name in DEPARTMENTS}


@read_service(Perm.REFERENCE_VIEW)
def list_departments(actor: Actor) -> list[str]:
    names = {d.name for d in Department.select(Department.name)}
    return [n for n in DEPARTMENTS if n in names] + sorted(names - set(DEPARTMENTS))


@write_service(Perm.STAFF_EDIT)
def create_staff(
    actor: Actor,
    *,
    name: str,
    department: str,
    position: str = "",
    phone: str = "",
    id_number: str = "",
) -> StaffView:
    clean, errors = clean_staff(
        {
            "name": name,
            "department": department,
            "position": position,
            "phone": phone,
            "id_number": id_number,
        }
    )
    if errors:
        raise ValidationError(errors)
    return _staff_view(actor, insert_staff(actor, clean))


_STAFF_CHANGES = {"name", "department", "position", "phone", "id_number"}


@write_service(Perm.STAFF_EDIT)
def update_staff(actor: Actor, staff_id: int, expected_version: int, **changes: Any) -> StaffView:
    unknown = set(changes) - _STAFF_CHANGES
    if unknown:
        raise TypeError(f"update_staff cannot change {sorted(unknown)}")
    staff = get_or_404(Staff, staff_id)
    _check_version(Staff, staff, expected_version)
    data = {
        "name": staff.name,
        "department": Department.get_by_id(staff.department_id).name,
        "position": staff.position,
        "phone": staff.phone,
        "id_number": staff.id_number,
        **changes,
    }
    clean, errors = clean_staff(data)
    if errors:
        raise ValidationError(errors)
    return _staff_view(actor, apply_staff_update(actor, staff_id, expected_version, clean))


@write_service(Perm.STAFF_EDIT)
def staff_leaves(actor: Actor, staff_id: int, left_on: date) -> StaffView:
    """调离: refused while the person still holds a borrowed key; their accounts are disabled."""
    staff = get_or_404(Staff, staff_id)
    if not staff.active:
        raise ValidationError(
            {"left_on": QT_TRANSLATE_NOOP("app", "This person has already left.")}
        )
    if not isinstance(left_on, date):
        raise ValidationError({"left_on": QT_TRANSLATE_NOOP("app", "Enter the date.")})
    open_loans = (
        KeyLoan.select()
        .where(
            (KeyLoan.borrower_staff == staff_id)
            & KeyLoan.returned_at.is_null()
            & KeyLoan.voided_at.is_null()
        )
        .count()
    )
    if open_loans:
        raise ValidationError(
            {
                "left_on": Msg(
                    QT_TRANSLATE_NOOP(
                        "app", "This person still holds {n} borrowed key(s); take them back first."
                    ),
                    n=open_loans,
                )
            }
        )
    saved = update_versioned(
        actor,
        Staff,
        staff_id,
        staff.version,
        {"active": False, "left_on": left_on},
        "staff leaves",
    )
    for user in User.select().where((User.staff == staff_id) & User.active):
        User.update(
            active=False,
            updated_at=datetime.now(),
            updated_by=actor.username,
            version=User.version + 1,
        ).where(User.id == user.id).execute()
        audit(actor, "disable user", "User", user.id, {"active": True}, {"active": False})
    return _staff_view(actor, saved)


@read_service(Perm.REFERENCE_VIEW)
def get_staff(actor: Actor, staff_id: int) -> StaffView:
    return _staff_view(actor, get_or_404(Staff, staff_id))


# ---------------------------------------------------------------------------------------------
# Lazy register lists


class _PiiAuditedSelect(peewee.ModelSelect):
    """A list query that logs, once, that a PII-allowed actor saw full ID numbers and phones.

    Why once per query at offset 0: the table model asks for the same query page by page while
    the clerk scrolls; one audit record per page would flood the log with noise and slow the
    scrolling, while one record per opened/searched/sorted list (offset 0 is always fetched first)
    says who looked at which list, with which search, and when — what 保密制度 asks for.
    `listing` does not tell the row builder the offset, so the query itself notices it is being
    executed for the first page (count() wraps it in another query and never gets here).
    """

    _pii_audit: tuple[Actor, str, ListRequest] | None = None

    def _execute(self, database: Any) -> Any:
        if self._cursor_wrapper is None and self._pii_audit is not None and not self._offset:
            actor, name, request = self._pii_audit
            with db_proxy.atomic():
                audit(
                    actor,
                    "view personal data",
                    name,
                    "",
                    None,
                    {"list": name, "search": request.search, "filters": dict(request.filters)},
                )
        return super()._execute(database)


def _select(actor: Actor, name: str, request: ListRequest, model: type, *fields: Any) -> Any:
    if actor.can(Perm.PII_VIEW):
        query = _PiiAuditedSelect(model, fields)
        query._pii_audit = (actor, name, request)
        return query
    return model.select(*fields)


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


def _units_base(actor: Actor, request: ListRequest) -> Any:
    query = _units_query().where(Unit.voided_at.is_null())
    if request.filter("building"):
        query = query.where(Building.code == request.filter("building"))
    if request.filter("status"):
        query = query.where(Unit.status == request.filter("status"))
    if request.filter("floor") is not None:
        query = query.where(Floor.number == request.filter("floor"))
    return query.dicts()


def _units_row(actor: Actor, r: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": r["id"],
        "code": r["code"],
        "building": r["building_code"],
        "floor": r["floor_number"],
        "area": _area(r["area"]),
        "use": r["use"],
        "status": r["status"],
        "owner": r["owner_name"] or "",
    }


def _unit_codes_subquery() -> peewee.SelectQuery:
    unit = Unit.alias("linked_unit")
    link = UnitParty.alias("party_link")
    agg = (
        peewee.fn.GROUP_CONCAT(unit.code, ", ")
        if is_sqlite()
        else peewee.fn.string_agg(unit.code, ", ")
    )
    return (
        link.select(agg)
        .join(unit, on=(link.unit == unit.id))
        .where((link.party == Party.id) & link.until.is_null())
    )


def _parties_base(actor: Actor, request: ListRequest) -> Any:
    query = _select(
        actor,
        "parties",
        request,
        Party,
        Party.id,
        Party.name,
        Party.kind,
        Party.is_company,
        Party.id_number,
        Party.phone,
        Party.emergency_phone,
        _unit_codes_subquery().alias("unit_codes"),
    )
    if not request.filter("include_voided", False):
        query = query.where(Party.voided_at.is_null())
    if request.filter("kind"):
        query = query.where(Party.kind == request.filter("kind"))
    if request.filter("is_company") is not None:
        query = query.where(Party.is_company == bool(request.filter("is_company")))
    return query.dicts()


def _parties_row(actor: Actor, r: dict[str, Any]) -> dict[str, Any]:
    full = actor.can(Perm.PII_VIEW)
    return {
        "id": r["id"],
        "name": r["name"],
        "kind": r["kind"],
        "is_company": bool(r["is_company"]),
        "id_number": r["id_number"] if full else mask_id(r["id_number"]),
        "phone": r["phone"] if full else mask_phone(r["phone"]),
        "emergency_phone": r["emergency_phone"] if full else mask_phone(r["emergency_phone"]),
        "units": r["unit_codes"] or "",
    }


def _staff_base(actor: Actor, request: ListRequest) -> Any:
    query = _select(
        actor,
        "staff",
        request,
        Staff,
        Staff.id,
        Staff.name,
        Department.name.alias("department_name"),
        Staff.position,
        Staff.phone,
        Staff.active,
    ).join(Department)
    if request.filter("department"):
        query = query.where(Department.name == request.filter("department"))
    if request.filter("active") is not None:
        query = query.where(Staff.active == bool(request.filter("active")))
    return query.dicts()


def _staff_row(actor: Actor, r: dict[str, Any]) -> dict[str, Any]:
    full = actor.can(Perm.PII_VIEW)
    return {
        "id": r["id"],
        "name": r["name"],
        "department": r["department_name"],
        "position": r["position"],
        "phone": r["phone"] if full else mask_phone(r["phone"]),
        "active": bool(r["active"]),
    }


listing.register_list(
    RegisterList(
        name="units",
        model=Unit,
        columns=("code", "building", "floor", "area", "use", "status", "owner"),
        permission=Perm.REFERENCE_VIEW,
        base_query=_units_base,
        row=_units_row,
        sort_fields={
            "code": Unit.code,
            "building": Building.code,
            "floor": Floor.number,
            "area": Unit.area,
            "use": Unit.use,
            "status": Unit.status,
        },
        default_sort="code",
    )
)
listing.register_list(
    RegisterList(
        name="parties",
        model=Party,
        columns=("name", "kind", "is_company", "id_number", "phone", "emergency_phone", "units"),
        permission=Perm.REFERENCE_VIEW,
        base_query=_parties_base,
        row=_parties_row,
        sort_fields={"name": Party.name, "kind": Party.kind, "is_company": Party.is_company},
        default_sort="name",
    )
)
listing.register_list(
    RegisterList(
        name="staff",
        model=Staff,
        columns=("name", "department", "position", "phone", "active"),
        permission=Perm.REFERENCE_VIEW,
        base_query=_staff_base,
        row=_staff_row,
        sort_fields={
            "name": Staff.name,
            "department": Department.name,
            "position": Staff.position,
            "active": Staff.active,
        },
        default_sort="name",
    )
)
