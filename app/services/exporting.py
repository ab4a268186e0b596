"""Export any register list to Excel (.xlsx) — SPEC §1 "export to Excel for any register view".

Works for every list in `listing.REGISTER_LISTS`: the rows are exactly what the clerk's list
shows (same masking, same order, same search and filters), fetched page by page through
`listing.page` and streamed into a write-only workbook, so a register of a million rows never sits
in memory. Row 1 holds Chinese column headers. Exports of personal data are logged (SPEC §4): every
export leaves an audit record with the register, row count, columns and whether the data was masked.
"""

from __future__ import annotations

import importlib
import os
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from app.rules.roles import Perm
from app.services import listing
from app.services.context import Actor
from app.services.listing import ListRequest
from app.services.reference import KIND_LABELS_ZH, STATUS_LABELS_ZH, USE_LABELS_ZH
from app.services.tx import audit, write_service

CHUNK = 500

# Column key → Chinese header. Per-register entries win over the shared ones ("area" is 面积 for
# a unit but 区域 for a key); an unknown column falls back to its English key.
HEADER_LABELS: dict[str, str] = {
    "code": "编号",
    "name": "名称",
    "label": "标签",
    "unit": "房号",
    "units": "房号",
    "building": "楼栋",
    "floor": "楼层",
    "area": "区域",
    "use": "用途",
    "status": "状态",
    "owner": "业主",
    "kind": "类型",
    "is_company": "是否公司",
    "id_type": "证件类型",
    "id_number": "证件号码",
    "phone": "电话",
    "emergency_contact": "紧急联系人",
    "emergency_phone": "紧急联系电话",
    "department": "部门",
    "position": "职务",
    "active": "在职",
    "left_on": "离职日期",
    "notes": "备注",
    "key_count": "钥匙数",
    "hook": "挂钩",
    "holder": "持有人",
    "number": "单号",
    "key_code": "钥匙编号",
    "key_label": "钥匙",
    "borrower_name": "借用人",
    "borrower_phone": "借用人电话",
    "borrower_org": "借用单位",
    "purpose": "用途",
    "lent_at": "借出时间",
    "due_at": "应还时间",
    "returned_at": "归还时间",
    "created_at": "创建时间",
    "updated_at": "修改时间",
}
REGISTER_HEADER_LABELS: dict[str, dict[str, str]] = {
    "units": {"code": "房号", "area": "面积(m²)"},
    "parties": {"name": "姓名/名称"},
    "staff": {"name": "姓名"},
    "keys": {"code": "钥匙编号", "area": "公共区域"},
}
REGISTER_TITLES: dict[str, str] = {
    "units": "房号",
    "parties": "业主租户",
    "staff": "员工",
    "keys": "钥匙",
    "key_loans": "钥匙借用",
}
# Stored codes shown the way the office writes them (imports accept these labels back).
VALUE_LABELS: dict[tuple[str, str], dict[str, str]] = {
    ("units", "use"): USE_LABELS_ZH,
    ("units", "status"): STATUS_LABELS_ZH,
    ("parties", "kind"): KIND_LABELS_ZH,
    ("keys", "status"): {
        "in_cabinet": "在柜",
        "lent": "借出",
        "issued": "已发放",
        "lost": "遗失",
        "retired": "停用",
    },
    ("key_loans", "status"): {
        "out": "借出",
        "overdue": "逾期",
        "returned": "已归还",
        "damaged": "损坏",
        "lost": "遗失",
    },
}
# Modules that register lists when imported; optional ones may not exist in this build yet.
_REGISTER_MODULES = ("app.services.reference", "app.services.keys", "app.services.audit")


def load_registers() -> dict[str, listing.RegisterList]:
    """Import every module that declares register lists, so all of them can be exported."""
    for name in _REGISTER_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return listing.REGISTER_LISTS


def header_label(register: str, column: str) -> str:
    return REGISTER_HEADER_LABELS.get(register, {}).get(column) or HEADER_LABELS.get(column, column)


def _cell(ws: Any, register: str, column: str, value: Any) -> Any:
    labels = VALUE_LABELS.get((register, column))
    if labels and isinstance(value, str):
        value = labels.get(value, value)
    if value is None or isinstance(value, int | float | Decimal | datetime | date):
        if isinstance(value, bool):
            return "是" if value else "否"
        return value
    text = str(value)
    cell = WriteOnlyCell(ws, value=text)
    if text.startswith("="):
        cell.data_type = "s"  # a name typed as "=…" stays text, never a formula
    return cell


@write_service(Perm.EXPORT)
def _log_export(
    actor: Actor, register: str, file_name: str, rows: int, columns: tuple[str, ...]
) -> None:
    audit(
        actor,
        "export",
        register,
        "",
        None,
        {
            "file": file_name,
            "rows": rows,
            "columns": list(columns),
            "masked": not actor.can(Perm.PII_VIEW),
        },
    )


def export_register(
    actor: Actor, register: str, path: Path | str, request: ListRequest | None = None
) -> int:
    """Write the register (as `request` filters and sorts it) to `path`; returns the row count.

    The file appears only when complete and logged (written beside it, then renamed).
    """
    actor.require(Perm.EXPORT)
    load_registers()
    spec = listing.get_list(register)
    actor.require(spec.permission)
    request = request or ListRequest()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(REGISTER_TITLES.get(register, register)[:31])
    header_cells = []
    for column in spec.columns:
        cell = WriteOnlyCell(ws, value=header_label(register, column))
        cell.font = Font(bold=True)
        header_cells.append(cell)
    ws.append(header_cells)
    total = 0
    offset = 0
    try:
        while True:
            rows = listing.page(actor, register, request, offset, CHUNK)
            for row in rows:
                ws.append([_cell(ws, register, c, row.get(c)) for c in spec.columns])
            total += len(rows)
            if len(rows) < CHUNK:
                break
            offset += CHUNK
        wb.save(partial)
        # Logged before the file is released: no export of personal data without its record.
        _log_export(actor, register, path.name, total, spec.columns)
        os.replace(partial, path)
    finally:
        if partial.exists():
            partial.unlink()
    return total


__all__ = ["export_register", "header_label", "load_registers", "HEADER_LABELS"]
