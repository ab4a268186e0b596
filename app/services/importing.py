"""Import units, parties (owners/tenants) and staff from Excel (SPEC §2 "Import … from Excel").

All or nothing: every row is validated first, exactly as the dialogs validate (the `clean_*`
helpers of services.reference). If any row is bad, nothing is imported and `ImportRejected` names
each bad cell (a `RowProblem`: the row number Excel shows, the field, its column, the message);
its `errors` map `"row N"` to one line per row. Otherwise every row is written in
one transaction, each record audited, plus one audit record for the import itself.

Headers may be Chinese (房号, 楼栋, 楼层, 面积, 用途, 状态 / 姓名, 类型, 证件类型, 证件号码, 电话,
紧急联系人, 紧急联系电话, 房号 / 姓名, 部门, 职务, 电话) or the English field keys; columns PropDesk
does not know (e.g. 业主 in an exported unit list) are ignored. On an existing record (units by
房号, parties by ID number or else by name, staff by name + department) blank cells keep the
stored value.

`RowProblem` and `ImportRejected` are the one row-by-row report of every Excel import (the office
calendar's, a register's history); `read_rows` is the reader the calendar shares. openpyxl loads
when a workbook is read or written, not when this module is imported.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.models import Building, Department, Party, Staff, Unit, UnitParty
from app.rules.roles import Perm
from app.services import reference
from app.services.context import Actor
from app.services.reference.parties import _PARTY_FIELDS
from app.services.reference.validation import _text
from app.services.tx import audit, write_service

# field → accepted headers; the first one is what the template writes.
HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "units": {
        "code": ("房号", "单元", "单元号", "code", "unit"),
        "building_code": ("楼栋", "大厦", "楼座", "building", "building_code"),
        "floor_number": ("楼层", "floor", "floor_number"),
        "area": ("面积(m²)", "面积", "建筑面积", "area"),
        "use": ("用途", "use"),
        "status": ("状态", "status"),
    },
    "parties": {
        "name": ("姓名", "名称", "姓名/名称", "name"),
        "kind": ("类型", "业主/租户", "kind"),
        "is_company": ("是否公司", "公司", "is_company"),
        "id_type": ("证件类型", "id_type"),
        "id_number": ("证件号码", "证件号", "身份证号", "统一社会信用代码", "id_number"),
        "phone": ("电话", "联系电话", "手机", "phone"),
        "emergency_contact": ("紧急联系人", "emergency_contact"),
        "emergency_phone": ("紧急联系电话", "紧急电话", "emergency_phone"),
        "unit_codes": ("房号", "单元", "units", "unit_codes"),
        "notes": ("备注", "notes"),
    },
    "staff": {
        "name": ("姓名", "name"),
        "department": ("部门", "department"),
        "position": ("职务", "岗位", "职位", "position"),
        "phone": ("电话", "联系电话", "手机", "phone"),
        "id_number": ("身份证号", "证件号码", "id_number"),
    },
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "units": ("code", "building_code", "floor_number"),
    "parties": ("name", "kind"),
    "staff": ("name", "department"),
}

# Chinese cell values → stored codes (the codes themselves are accepted too).
_USE = {v: k for k, v in reference.USE_LABELS_ZH.items()} | {
    "商业": "shop",
    "仓库": "storage",
    "停车位": "parking",
}
_STATUS = {v: k for k, v in reference.STATUS_LABELS_ZH.items()} | {
    "入住": "occupied",
    "在用": "occupied",
    "已出租": "occupied",
    "装修": "renovating",
    "空置房": "vacant",
}
_KIND = {v: k for k, v in reference.KIND_LABELS_ZH.items()} | {
    "商户": "tenant",
    "租户/商户": "tenant",
}
_ID_TYPE = {v: k for k, v in reference.ID_TYPE_LABELS_ZH.items()} | {
    "身份证": "ric",
    "信用代码": "uscc",
    "营业执照": "uscc",
}


_ROW = QT_TRANSLATE_NOOP("app", "Check these fields: {details}")


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


@dataclass(frozen=True)
class RowProblem:
    """One bad cell of an import."""

    row: int  # the Excel row number
    field: str  # the field's name
    label: str  # its column as the sheet names it (or the field's Chinese label)
    message: str  # English source text (a Msg); the UI translates it with tr_msg


class ImportRejected(ValidationError):
    """Nothing was imported: `problems` names each bad cell; `errors` maps "row N" to one line
    ("Check these fields: 面积: …; 状态: …") for the CLI and callers that print errors."""

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        self.problems = list(problems)
        rows: dict[int, list[str]] = {}
        for p in self.problems:
            rows.setdefault(p.row, []).append(f"{p.label}: {p.message}")
        super().__init__({f"row {n}": Msg(_ROW, details="; ".join(d)) for n, d in rows.items()})


def row_problems(row: int, errors: dict[str, str], labels: dict[str, str]) -> list[RowProblem]:
    """The RowProblems of one row: field → message, each named by `labels` (else the field)."""
    return [RowProblem(row, f, labels.get(f) or f, message) for f, message in errors.items()]


def _norm_header(text: Any) -> str:
    value = str(text or "").strip()
    value = re.split(r"[(（]", value, maxsplit=1)[0]  # "面积(m²)" → "面积"
    return re.sub(r"\s+", "", value).lower()


def _check_what(what: str) -> None:
    if what not in HEADERS:
        raise ValidationError({"what": QT_TRANSLATE_NOOP("app", "Choose units, parties or staff.")})


def template_workbook(what: str, path: Path | str) -> Path:
    """An empty workbook with the Chinese headers of `what`, ready to fill in."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    _check_what(what)
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = {"units": "房号", "parties": "业主租户", "staff": "员工"}[what]
    headers = [labels[0] for labels in HEADERS[what].values()]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for index, header in enumerate(headers):
        ws.column_dimensions[_letter(index)].width = max(12, len(header) * 3)
    # ID numbers and phones are text: an 18-digit number typed into a number cell loses digits.
    for field in ("id_number", "phone", "emergency_phone"):
        if field in HEADERS[what]:
            column = _letter(list(HEADERS[what]).index(field))
            for row in range(2, 502):
                ws[f"{column}{row}"].number_format = "@"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _read_rows(what: str, path: Path) -> tuple[list[tuple[int, dict[str, Any]]], dict[str, str]]:
    return read_rows(path, HEADERS[what], REQUIRED[what])


def read_rows(
    path: Path | str,
    headers: dict[str, tuple[str, ...]],
    required: tuple[str, ...] | list[str] | set[str],
) -> tuple[list[tuple[int, dict[str, Any]]], dict[str, str]]:
    """(row number, field → raw cell) for every non-empty row of the first sheet, and field →
    header as written; `headers` maps each field to the header texts accepted for it (first:
    the office's own). ValidationError for a missing or unreadable file or missing columns."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise ValidationError(
            {"file": QT_TRANSLATE_NOOP("app", "The file does not exist.")}
        ) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        raise ValidationError(
            {"file": QT_TRANSLATE_NOOP("app", "This is not an Excel workbook (.xlsx).")}
        ) from None
    try:
        ws = wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header_row = next(rows, None)
        if header_row is None:
            raise ValidationError({"file": QT_TRANSLATE_NOOP("app", "The sheet is empty.")})
        lookup = {
            _norm_header(label): field for field, labels in headers.items() for label in labels
        }
        columns: dict[int, str] = {}
        written: dict[str, str] = {}
        for index, header in enumerate(header_row):
            field = lookup.get(_norm_header(header))
            if field and field not in written:
                columns[index] = field
                written[field] = str(header).strip()
        missing = [headers[f][0] for f in required if f not in written]
        if missing:
            raise ValidationError(
                {
                    "headers": Msg(
                        QT_TRANSLATE_NOOP("app", "The first row needs the columns: {columns}."),
                        columns=", ".join(missing),
                    )
                }
            )
        data: list[tuple[int, dict[str, Any]]] = []
        for number, values in enumerate(rows, start=2):
            record = {
                field: values[index]
                for index, field in columns.items()
                if index < len(values) and _present(values[index])
            }
            if record:
                data.append((number, record))
        return data, written
    finally:
        wb.close()


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _mapped(value: Any, mapping: dict[str, str]) -> Any:
    text = _text(value)
    return mapping.get(text, text.lower() if text.isascii() else text)


# ---------------------------------------------------------------------------------------------
# Per register: build the full record (existing values + non-blank cells) and validate it


def _plan_unit(raw: dict[str, Any], seen: dict[str, int]) -> tuple[Any, dict, dict]:
    code = reference.normalise_unit_code(raw.get("code"))
    existing = Unit.get_or_none(Unit.code == code) if code else None
    data: dict[str, Any] = {}
    if existing is not None:
        floor = existing.floor
        data = {
            "code": existing.code,
            "building_code": floor.building.code,
            "floor_number": floor.number,
            "area": existing.area,
            "use": existing.use,
            "status": existing.status,
        }
    cells = dict(raw)
    if "building_code" in cells:
        cells["building_code"] = _building_code(cells["building_code"])
    if "use" in cells:
        cells["use"] = _mapped(cells["use"], _USE)
    if "status" in cells:
        cells["status"] = _mapped(cells["status"], _STATUS)
    data.update(cells)
    clean, errors = reference.clean_unit(data, unit_id=existing.id if existing else None)
    if code and code in seen:
        errors["code"] = Msg(
            QT_TRANSLATE_NOOP("app", "Also on row {row}; each unit once."), row=seen[code]
        )
    return existing, clean, errors


def _building_code(value: Any) -> str:
    text = _text(value)
    building = Building.get_or_none(Building.name == text)
    if building is not None:
        return building.code
    return re.sub(r"[座栋楼]$", "", text).upper()


def _plan_party(raw: dict[str, Any], seen: dict[str, int]) -> tuple[Any, dict, dict]:
    cells = dict(raw)
    errors_extra: dict[str, str] = {}
    if "kind" in cells:
        cells["kind"] = _mapped(cells["kind"], _KIND)
    if "id_type" in cells:
        cells["id_type"] = _mapped(cells["id_type"], _ID_TYPE)
    if "is_company" in cells:
        parsed = reference.parse_bool(cells["is_company"])
        cells["is_company"] = "?" if parsed is None else parsed
    elif cells.get("id_type") == "uscc":
        cells["is_company"] = True
    id_number = _text(cells.get("id_number")).upper().replace(" ", "")
    name = _text(cells.get("name"))
    existing = None
    if id_number:
        existing = Party.get_or_none((Party.id_number == id_number) & Party.voided_at.is_null())
    elif name:
        matches = list(Party.select().where((Party.name == name) & Party.voided_at.is_null()))
        if len(matches) > 1:
            errors_extra["name"] = QT_TRANSLATE_NOOP(
                "app", "Several owners or tenants have this name; add the ID number."
            )
        elif matches:
            existing = matches[0]
    data: dict[str, Any] = {}
    if existing is not None:
        data = {f: getattr(existing, f) for f in _PARTY_FIELDS}
        data["unit_codes"] = ()
    data.update(cells)
    clean, errors = reference.clean_party(data, party_id=existing.id if existing else None)
    errors.update(errors_extra)
    key = id_number or f"name:{name}"
    if key in seen:
        field = "id_number" if id_number else "name"
        errors[field] = Msg(
            QT_TRANSLATE_NOOP("app", "Also on row {row}; each person or company once."),
            row=seen[key],
        )
    return existing, clean, errors


def _plan_staff(raw: dict[str, Any], seen: dict[str, int]) -> tuple[Any, dict, dict]:
    name = _text(raw.get("name"))
    department = _text(raw.get("department"))
    matches = list(
        Staff.select()
        .join(Department)
        .where((Staff.name == name) & (Department.name == department))
    )
    errors_extra: dict[str, str] = {}
    existing = None
    if len(matches) > 1:
        errors_extra["name"] = QT_TRANSLATE_NOOP(
            "app", "Several staff of this department have this name; edit them in PropDesk."
        )
    elif matches:
        existing = matches[0]
    data: dict[str, Any] = {}
    if existing is not None:
        data = {
            "name": existing.name,
            "department": department,
            "position": existing.position,
            "phone": existing.phone,
            "id_number": existing.id_number,
        }
    data.update(raw)
    clean, errors = reference.clean_staff(data)
    errors.update(errors_extra)
    key = f"{name}\x00{department}"
    if key in seen:
        errors["name"] = Msg(
            QT_TRANSLATE_NOOP("app", "Also on row {row}; each person once."), row=seen[key]
        )
    return existing, clean, errors


_PLANNERS = {"units": _plan_unit, "parties": _plan_party, "staff": _plan_staff}


def _seen_key(what: str, clean: dict[str, Any], raw: dict[str, Any]) -> str:
    if what == "units":
        return clean["code"]
    if what == "parties":
        return clean["id_number"] or f"name:{clean['name']}"
    return f"{clean['name']}\x00{clean['department']}"


@write_service(None)
def _import_rows(
    actor: Actor,
    what: str,
    rows: list[tuple[int, dict[str, Any]]],
    headers: dict[str, str],
    source: str,
) -> ImportResult:
    plan: list[tuple[Any, dict[str, Any]]] = []
    bad: list[RowProblem] = []
    seen: dict[str, int] = {}
    labels = {field: accepted[0] for field, accepted in HEADERS[what].items()} | headers
    for number, raw in rows:
        existing, clean, errors = _PLANNERS[what](raw, seen)
        if errors:
            bad += row_problems(number, errors, labels)
        else:
            plan.append((existing, clean))
        seen.setdefault(_seen_key(what, clean, raw), number)
    if bad:
        raise ImportRejected(bad)
    if not plan:
        raise ValidationError(
            {"file": QT_TRANSLATE_NOOP("app", "The sheet has no rows to import.")}
        )
    created = updated = 0
    for existing, clean in plan:
        if existing is None:
            created += 1
            if what == "units":
                reference.insert_unit(actor, clean)
            elif what == "parties":
                reference.insert_party(actor, clean)
            else:
                reference.insert_staff(actor, clean)
        else:
            updated += 1
            if what == "units":
                reference.apply_unit_update(actor, existing.id, existing.version, clean)
            elif what == "parties":
                current = {
                    link.unit_id
                    for link in UnitParty.select(UnitParty.unit).where(
                        (UnitParty.party == existing.id) & UnitParty.until.is_null()
                    )
                }
                clean = dict(clean, unit_ids=sorted(current | set(clean["unit_ids"])))
                reference.apply_party_update(
                    actor, existing.id, existing.version, clean, replace_units=True
                )
            else:
                reference.apply_staff_update(actor, existing.id, existing.version, clean)
    audit(
        actor,
        "import",
        what,
        "",
        None,
        {"file": source, "created": created, "updated": updated},
    )
    return ImportResult(created=created, updated=updated)


def import_file(actor: Actor, what: str, path: Path | str) -> ImportResult:
    """Import every row of the first sheet, or nothing (see the module docstring)."""
    _check_what(what)
    actor.require(Perm.STAFF_EDIT if what == "staff" else Perm.REFERENCE_EDIT)
    path = Path(path)
    rows, headers = _read_rows(what, path)  # the file is read before the write lock is taken
    return _import_rows(actor, what, rows, headers, path.name)


__all__ = [
    "HEADERS",
    "ImportRejected",
    "ImportResult",
    "RowProblem",
    "import_file",
    "read_rows",
    "row_problems",
    "template_workbook",
]
