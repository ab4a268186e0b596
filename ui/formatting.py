"""How values look on screen: column headers, dates, money, yes/no and status words.

Every register table formats through here so the whole app shows a date, an amount or a status the
same way. Labels are English source text, translated at display time:

- column headers with context "Columns" (`column_label("created_at")` → 创建时间),
- status-like values with context "Status" (`status_label("vacant")` → 空置).

Registers add their own keys with `add_column_labels({...})` / `add_status_labels({...})`, using
`QT_TRANSLATE_NOOP("Columns", "…")` so pyside6-lupdate collects them.

A declared register (app/kit) needs none of that: given `register=`, headers and value labels come
from its declaration (ui/kit/labels.py) — `status_label("in_cabinet", "keys")`.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.kit import registry
from ui.kit import labels
from ui.kit.labels import yes_no  # "Yes"/"No" in the "Status" context, for every table

DATETIME_FORMAT = "yyyy-MM-dd HH:mm"
DATE_FORMAT = "yyyy-MM-dd"
_PY_DATETIME = "%Y-%m-%d %H:%M"  # the same as DATETIME_FORMAT, without a QDateTime round trip
_PY_DATE = "%Y-%m-%d"

# column key → English header (context "Columns")
COLUMN_LABELS: dict[str, str] = {
    "id": QT_TRANSLATE_NOOP("Columns", "ID"),
    "code": QT_TRANSLATE_NOOP("Columns", "Code"),
    "number": QT_TRANSLATE_NOOP("Columns", "Number"),
    "name": QT_TRANSLATE_NOOP("Columns", "Name"),
    "label": QT_TRANSLATE_NOOP("Columns", "Label"),
    "status": QT_TRANSLATE_NOOP("Columns", "Status"),
    "kind": QT_TRANSLATE_NOOP("Columns", "Kind"),
    "building": QT_TRANSLATE_NOOP("Columns", "Building"),
    "floor": QT_TRANSLATE_NOOP("Columns", "Floor"),
    "unit": QT_TRANSLATE_NOOP("Columns", "Unit"),
    "units": QT_TRANSLATE_NOOP("Columns", "Units"),
    "area": QT_TRANSLATE_NOOP("Columns", "Area (m²)"),
    "use": QT_TRANSLATE_NOOP("Columns", "Use"),
    "party": QT_TRANSLATE_NOOP("Columns", "Owner / tenant"),
    "owner": QT_TRANSLATE_NOOP("Columns", "Owner"),
    "tenant": QT_TRANSLATE_NOOP("Columns", "Tenant"),
    "is_company": QT_TRANSLATE_NOOP("Columns", "Company"),
    "id_type": QT_TRANSLATE_NOOP("Columns", "ID type"),
    "id_number": QT_TRANSLATE_NOOP("Columns", "ID number"),
    "phone": QT_TRANSLATE_NOOP("Columns", "Phone"),
    "emergency_contact": QT_TRANSLATE_NOOP("Columns", "Emergency contact"),
    "emergency_phone": QT_TRANSLATE_NOOP("Columns", "Emergency phone"),
    "notes": QT_TRANSLATE_NOOP("Columns", "Notes"),
    "department": QT_TRANSLATE_NOOP("Columns", "Department"),
    "position": QT_TRANSLATE_NOOP("Columns", "Position"),
    "role": QT_TRANSLATE_NOOP("Columns", "Role"),
    "active": QT_TRANSLATE_NOOP("Columns", "Active"),
    "left_on": QT_TRANSLATE_NOOP("Columns", "Left on"),
    "holder": QT_TRANSLATE_NOOP("Columns", "Held by"),
    "borrower_name": QT_TRANSLATE_NOOP("Columns", "Borrower"),
    "borrower_org": QT_TRANSLATE_NOOP("Columns", "Borrower's organisation"),
    "purpose": QT_TRANSLATE_NOOP("Columns", "Purpose"),
    "due_at": QT_TRANSLATE_NOOP("Columns", "Due"),
    "amount": QT_TRANSLATE_NOOP("Columns", "Amount"),
    "voided": QT_TRANSLATE_NOOP("Columns", "Voided"),
    "created_at": QT_TRANSLATE_NOOP("Columns", "Created"),
    "created_by": QT_TRANSLATE_NOOP("Columns", "Created by"),
    "updated_at": QT_TRANSLATE_NOOP("Columns", "Changed"),
    "updated_by": QT_TRANSLATE_NOOP("Columns", "Changed by"),
}

# stored value → English word (context "Status")
STATUS_LABELS: dict[str, str] = {
    "occupied": QT_TRANSLATE_NOOP("Status", "Occupied"),
    "vacant": QT_TRANSLATE_NOOP("Status", "Vacant"),
    "renovating": QT_TRANSLATE_NOOP("Status", "Renovating"),
    "owner": QT_TRANSLATE_NOOP("Status", "Owner"),
    "tenant": QT_TRANSLATE_NOOP("Status", "Tenant"),
    "ric": QT_TRANSLATE_NOOP("Status", "Resident ID card"),
    "uscc": QT_TRANSLATE_NOOP("Status", "Unified social credit code"),
    "passport": QT_TRANSLATE_NOOP("Status", "Passport"),
    "other": QT_TRANSLATE_NOOP("Status", "Other"),
    "active": QT_TRANSLATE_NOOP("Status", "Active"),
    "left": QT_TRANSLATE_NOOP("Status", "Left"),
    "voided": QT_TRANSLATE_NOOP("Status", "Voided"),
}

# columns whose values are looked up in STATUS_LABELS
STATUS_COLUMNS: set[str] = {"status", "kind", "id_type", "state"}


def add_column_labels(labels: dict[str, str]) -> None:
    COLUMN_LABELS.update(labels)


def add_status_labels(labels: dict[str, str], columns: tuple[str, ...] = ()) -> None:
    STATUS_LABELS.update(labels)
    STATUS_COLUMNS.update(columns)


@functools.lru_cache(maxsize=1024)
def declared_field(register: str, column: str) -> Any:
    """The declared Field behind `column` of a kit register (None: not declared there)."""
    reg = registry.find(register)
    if reg is None:
        return None
    try:
        return reg.field(column)
    except KeyError:
        return None


def column_label(key: str, register: str | None = None) -> str:
    if register and declared_field(register, key) is not None:
        return labels.field_label(register, key)
    source = COLUMN_LABELS.get(key)
    if source is None:
        return key.replace("_", " ").capitalize()
    return QCoreApplication.translate("Columns", source)


def status_label(value: Any, register: str | None = None, column: str | None = None) -> str:
    """A stored value's word: of declared `register`'s field `column` (default its state), else
    the reference words (STATUS_LABELS)."""
    if value is None or value == "":
        return ""
    reg = registry.find(register) if register else None
    if reg is not None:
        return labels.value_label(reg, column or reg.state_field, value)
    source = STATUS_LABELS.get(str(value))
    if source is None:
        return str(value)
    return QCoreApplication.translate("Status", source)


def format_datetime(value: datetime) -> str:
    return value.strftime(_PY_DATETIME)


def format_date(value: date) -> str:
    return value.strftime(_PY_DATE)


def format_decimal(value: Decimal | float, places: int | None = None) -> str:
    """Exact decimals as typed (2 places for money/area), grouping off: clerks copy these."""
    if isinstance(value, float):
        value = Decimal(str(value))
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    return f"{value:f}"


def format_value(value: Any, column: str = "", register: str | None = None) -> str:
    """The text a table cell shows for `value` in `column` (of a declared `register`: its
    declared value labels)."""
    if value is None:
        return ""
    declared = declared_field(register, column) if register else None
    if declared is not None and declared.choices:
        return labels.value_label(register, column, value)
    if column in STATUS_COLUMNS and declared is None:
        return status_label(value)
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, Decimal | float):
        return format_decimal(value)
    return str(value)


def is_numeric(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)
