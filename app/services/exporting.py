"""Export any register list to Excel (.xlsx) — SPEC §1 "export to Excel for any register view".

Works for every declared register (app/kit) and every other list in `listing.REGISTER_LISTS`: the rows are exactly what the clerk's list
shows (same masking, same order, same search and filters), fetched page by page through
`listing.page` and streamed into a write-only workbook, so a register of a million rows never sits
in memory. Row 1 holds Chinese column headers. Exports of personal data are logged (SPEC §4): every
export leaves an audit record with the register, row count, columns and whether the data was masked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from app.kit import registry
from app.rules.roles import Perm
from app.services import listing
from app.services.context import Actor
from app.services.listing import ListRequest
from app.services.tx import audit, write_service

CHUNK = 500


@dataclass(frozen=True)
class SheetLabels:
    """What the sheet says: its title, a header per column and the office's word for a code."""

    title: str
    headers: dict[str, str]
    values: dict[str, dict[str, str]]

    def header(self, column: str) -> str:
        return self.headers.get(column, column)


def sheet_labels(register: str, spec: listing.RegisterList) -> SheetLabels:
    """A declared register's labels come from its declaration; other lists carry their own."""
    reg = registry.find(register)
    if reg is None:
        return SheetLabels(spec.title_zh or register, spec.headers_zh, spec.values_zh)
    headers: dict[str, str] = {}
    values: dict[str, dict[str, str]] = {}
    for column in spec.columns:
        try:
            field = reg.field(column)
        except KeyError:
            continue
        headers[column] = field.zh
        if field.choices:
            values[column] = {c.value: c.zh for c in field.choices}
    return SheetLabels(reg.zh, headers, values)


def load_registers() -> dict[str, listing.RegisterList]:
    """Every declared register (app/kit) and the reference and audit lists, so all of them can
    be exported."""
    import app.services.audit  # noqa: F401 - registers the audit lists
    import app.services.reference  # noqa: F401 - registers the reference lists

    registry.load_all()
    return listing.REGISTER_LISTS


def header_label(register: str, column: str) -> str:
    load_registers()
    return sheet_labels(register, listing.get_list(register)).header(column)


def _cell(ws: Any, labels_of: SheetLabels, column: str, value: Any) -> Any:
    labels = labels_of.values.get(column)
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
    labels = sheet_labels(register, spec)
    ws = wb.create_sheet(labels.title[:31])
    header_cells = []
    for column in spec.columns:
        cell = WriteOnlyCell(ws, value=labels.header(column))
        cell.font = Font(bold=True)
        header_cells.append(cell)
    ws.append(header_cells)
    total = 0
    offset = 0
    try:
        while True:
            rows = listing.page(actor, register, request, offset, CHUNK)
            for row in rows:
                ws.append([_cell(ws, labels, c, row.get(c)) for c in spec.columns])
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


__all__ = ["export_register", "header_label", "load_registers", "sheet_labels"]
