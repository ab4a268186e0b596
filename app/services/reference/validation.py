"""Validation of reference data, no writes: the small parsers, the `clean_*` checks and the
messages they share. The Excel import (`services.importing`) validates with the same helpers, so an
import accepts exactly what the dialogs accept."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import peewee

from app.errors import ConflictError
from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.models import Building, Department, Party, Unit
from app.models.reference import DEPARTMENTS, ID_TYPES, PARTY_KINDS, UNIT_STATUSES, UNIT_USES
from app.rules import identity
from app.rules.identity import check_phone

BUILDING_CODE_RE = re.compile(r"^[A-Z0-9]{1,8}$")
UNIT_CODE_RE = re.compile(r"^([A-Z0-9]{1,8})-([A-Z0-9]{1,8})$")  # "A-1203", "B-B101"
MAX_AREA = Decimal("99999999.99")
CENT = Decimal("0.01")


_REQUIRED = QT_TRANSLATE_NOOP("app", "Required.")
_TOO_LONG = QT_TRANSLATE_NOOP("app", "Too long.")


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


def _check_version(model: type[peewee.Model], record: Any, expected_version: int) -> None:
    if record.version != expected_version:
        raise ConflictError(model.__name__, record.updated_by, record.updated_at)
