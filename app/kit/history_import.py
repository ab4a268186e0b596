"""A register's history from an office Excel sheet (档案借阅登记表.xlsx, 钥匙借用登记表.xlsx …): the
clerk maps its columns to `importable_fields` once (suggested from the declared labels, saved and
offered again); `import_history` checks every row as a create would and imports all of them, with
their old numbers and dates, or none (`ImportRejected`, app/services/importing.py, names every bad
row and field).
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import peewee

from app.errors import PermissionDenied, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.kit import registry, trail
from app.kit.declare import STAMP_FIELDS, Context, Field, Guard, Register
from app.kit.services import REFERENCE_MODELS, insert_record, label_fields, ref_model
from app.models import DocumentSequence
from app.models.kit_import import ImportMapping
from app.rules.roles import Perm
from app.services import numbering
from app.services.context import Actor
from app.services.importing import ImportRejected, RowProblem  # the one row-by-row report
from app.services.tx import audit, read_service, write_service

PREVIEW_ROWS = 20
HEADER_SCAN_ROWS = 30  # the header row: the first of these with two filled-in cells
DATES = ("date", "datetime")
Reg = Register | str
_NUMBER_RE = re.compile(r"^([A-Z]{1,8})[-_ ]?(\d{4})[-_ ]?(\d{1,7})$")  # JY-2023-00012, JY202300012
# 2023/5/6, 2023-5-6 14:30, 2023年5月6日 14时30分 (any separators), checked by datetime()
_DATE_RE = re.compile(r"^(\d{4})\D+(\d\d?)\D+(\d\d?)\D*?(?:(\d\d?)\D+(\d\d?)(?:\D+(\d\d?))?)?\D*$")
_NOT_EXCEL = QT_TRANSLATE_NOOP("app", "This is not an Excel workbook (.xlsx).")
_NO_HEADER = QT_TRANSLATE_NOOP("app", "No header row: none of the first {n} rows has two cells.")
_NO_COLUMN = QT_TRANSLATE_NOOP("app", "The sheet has no column {header}.")
_NOT_A_FIELD = QT_TRANSLATE_NOOP("app", "{field} is not a field {register} can import.")
_TWO_COLUMNS = QT_TRANSLATE_NOOP("app", "Two columns are mapped to {field}.")
_NEEDS_COLUMN = QT_TRANSLATE_NOOP("app", "The sheet needs a column for: {fields}.")
_NO_MATCH = QT_TRANSLATE_NOOP("app", "No single {what} matches {value}.")
_FUTURE = QT_TRANSLATE_NOOP("app", "This date is in the future.")
_USED = QT_TRANSLATE_NOOP("app", "The number {number} is already used.")
_OTHER_NUMBER = QT_TRANSLATE_NOOP("app", "{number} is not a number of {register} ({prefix}-…).")
_TWICE = QT_TRANSLATE_NOOP("app", "Also on row {row}; each number once.")
_NOT_FREE = QT_TRANSLATE_NOOP("app", "{what} is not {free} now; a loan still out needs it.")


@dataclass(frozen=True)
class SheetPreview:
    path: Path
    sheet: str  # the first worksheet's title
    header_row: int  # its Excel row number (a title row above it is skipped)
    headers: tuple[str, ...]  # one per column ("" for a blank header cell)
    rows: tuple[tuple[Any, ...], ...]  # the first rows after the header, raw cell values
    row_count: int  # non-empty rows after the header
    signature: str  # what a saved mapping is found by
    data: tuple[tuple[int, tuple], ...] = field(default=(), repr=False)  # every (Excel row, cells)


def _text(value: Any) -> str:
    value = int(value) if isinstance(value, float) and value.is_integer() else value
    return "" if value is None else " ".join(str(value).split())


def _key(text: Any) -> str:
    """What headers and labels are compared by: no brackets' contents, marks, spaces or case."""
    return re.sub(r"[(（][^)）]*[)）]|[\s*＊:：]+", "", str(text or "")).lower()


def header_signature(headers: Sequence[str]) -> str:
    return hashlib.sha256("\x1f".join(map(_text, headers)).rstrip("\x1f").encode()).hexdigest()


def read_sheet_columns(path: Path | str) -> SheetPreview:
    """The header row, the first rows, the row count (and every row) of the first sheet."""
    from openpyxl import load_workbook  # openpyxl loads when a sheet is read, not at start-up
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        raise ValidationError({"file": _NOT_EXCEL}) from None
    header_row, headers, rows = 0, (), []
    try:
        ws = wb.worksheets[0]
        for n, values in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = tuple(values[: len(headers)]) + (None,) * (len(headers) - len(values))
            if header_row and any(_text(v) for v in cells):
                rows.append((n, cells))
            elif not header_row and sum(1 for v in values if _text(v)) >= 2:
                texts = [_text(v) for v in values]
                last = max(i for i, t in enumerate(texts) if t)
                header_row, headers = n, tuple(texts[: last + 1])
            elif not header_row and n >= HEADER_SCAN_ROWS:
                break
        title = ws.title
    finally:
        wb.close()
    if not header_row:
        raise ValidationError({"file": Msg(_NO_HEADER, n=HEADER_SCAN_ROWS)})
    first, signature = tuple(r for _, r in rows[:PREVIEW_ROWS]), header_signature(headers)
    return SheetPreview(path, title, header_row, headers, first, len(rows), signature, tuple(rows))


def _reg(register: Reg) -> Register:
    return register if isinstance(register, Register) else registry.get(register)


def importable_fields(register: Reg) -> list[Field]:
    """The number, the declared fields, a required reference left undeclared (a key loan's key),
    the state, `created_at`. A NOT NULL column without a default the kit does not fill: required."""
    reg = _reg(register)
    columns = reg.model._meta.fields
    out = {reg.number_field: reg.field(reg.number_field)} if reg.prefix else {}
    out.update({f.name: f for f in reg.fields if f.kind != "checklist" and f.name in columns})
    for name, col in columns.items():
        fk = isinstance(col, peewee.ForeignKeyField) and not col.null and name not in out
        other = registry.for_model(col.rel_model) if fk else None
        if other is not None:
            label = other.field(other.code_field) if other.code_field else other
            out[name] = Field(name, label.en, label.zh, kind="ref", ref=other.name)
    if reg.states and reg.state_field in columns:
        out.setdefault(reg.state_field, reg.field(reg.state_field))
    if "created_at" in columns:
        out["created_at"] = STAMP_FIELDS["created_at"]
    auto = {"created_at", reg.number_field, reg.state_field, reg.due_field if reg.due else ""}
    for name, f in out.items():
        col = columns[name]
        needed = not col.null and col.default is None and f.default is None and name not in auto
        if needed and f.kind not in ("text", "multiline", "bool"):
            out[name] = replace(f, required=True)
    return list(out.values())


def _labels(f: Field) -> set[str]:
    return {k for k in (_key(f.zh), _key(f.en)) if k}


def suggest_mapping(register: Reg, headers: Sequence[str]) -> dict[str, str]:
    """Header → field by the declared labels: exact matches first, then the longest label a header
    contains (2 Chinese characters, 4 letters at least); a reference before a text field."""

    def rank(header: str, i: int, f: Field) -> tuple[int, bool, int]:
        key = _key(header)
        inside = [len(k) for k in _labels(f) if len(k) >= 2 + 2 * k.isascii() and k in key]
        return 1000 if key in _labels(f) else max(inside, default=0), f.kind == "ref", -i

    fields = list(enumerate(importable_fields(register)))
    ranked = sorted(((rank(h, i, f), h, f.name) for h in headers for i, f in fields), reverse=True)
    mapping: dict[str, str] = {}
    for (points, *_), header, name in ranked:
        if points and header not in mapping and name not in mapping.values():
            mapping[header] = name
    return {h: mapping[h] for h in headers if h in mapping}


def import_permission(register: Reg) -> Perm | None:
    """`create_perm`, else that of the register its first required reference points at, or None."""
    reg = _reg(register)
    refs = [f.ref for f in importable_fields(reg) if f.kind == "ref" and f.required]
    ref = next((r for r in refs if r not in REFERENCE_MODELS), None)
    return reg.create_perm or (registry.get(ref).create_perm if ref else None)


def _require(actor: Actor, reg: Register) -> None:
    perm = import_permission(reg)
    if perm is None:
        raise PermissionDenied(f"import {reg.name}", actor.role)
    actor.require(perm)


def _resolve(reg: Register, headers: Sequence[str], mapping: Mapping[str, Any]) -> dict[str, str]:
    """{header: field name} (a target may be a label); refused by column, each with the reason."""
    fields = {f.name: f for f in importable_fields(reg)}
    problems: dict[str, str] = {}
    out: dict[str, str] = {}
    for header, target in ((h, t) for h, t in mapping.items() if t):
        found = [f for f in fields.values() if _key(target) in _labels(f)]
        f = fields.get(target) or min(found, key=lambda f: f.kind != "ref", default=None)
        if header not in headers:
            problems[header] = Msg(_NO_COLUMN, header=header)
        elif f is None:
            problems[header] = Msg(_NOT_A_FIELD, field=target, register=reg.zh)
        elif f.name in out.values():
            problems[header] = Msg(_TWO_COLUMNS, field=f.zh)
        else:
            out[header] = f.name
    if problems:
        raise ValidationError(problems)
    return out


def _mapping_row(reg: Register, headers: Sequence[str]) -> ImportMapping:
    sig = header_signature(headers)
    where = (ImportMapping.register == reg.name) & (ImportMapping.signature == sig)
    return ImportMapping.get_or_none(where) or ImportMapping(register=reg.name, signature=sig)


@read_service(None)
def saved_mapping(actor: Actor, register: Reg, headers: Sequence[str]) -> dict | None:
    reg = _reg(register)
    actor.require(reg.view_perm)
    stored = json.loads(_mapping_row(reg, headers).mapping or "null")  # None: nothing saved
    names = {f.name for f in importable_fields(reg)}
    return stored and {h: stored[_text(h)] for h in headers if stored.get(_text(h)) in names}


def _store(actor: Actor, reg: Register, headers: Sequence[str], mapping: dict) -> None:
    row = _mapping_row(reg, headers)
    row.mapping = json.dumps({_text(h): f for h, f in mapping.items()}, ensure_ascii=False)
    row.updated_at, row.updated_by = datetime.now(), actor.username
    row.save()


@write_service(None)
def save_mapping(actor: Actor, register: Reg, headers: Sequence, mapping: Mapping) -> dict:
    """Keep `mapping` for this register and header row (a real import saves it too)."""
    reg = _reg(register)
    _require(actor, reg)
    cleaned = _resolve(reg, headers, mapping)
    _store(actor, reg, headers, cleaned)
    return cleaned


def mapping_for(actor: Actor, register: Reg, headers: Sequence[str]) -> tuple[dict, str]:
    """(mapping, "saved" | "suggested") to offer for this header row."""
    saved = saved_mapping(actor, register, headers)
    return (saved, "saved") if saved else (suggest_mapping(register, headers), "suggested")


@dataclass(frozen=True)
class ImportResult:
    created: int  # rows imported (or that would be, on a dry run)
    kept_numbers: int = 0
    new_numbers: int = 0
    dry_run: bool = False
    numbers: tuple[str, ...] = ()  # the records' numbers (or codes), in sheet order


class _DryRun(Exception):  # noqa: N818 - rolls the dry run's transaction back
    def __init__(self, result: ImportResult) -> None:
        self.result = result


def as_datetime(value: Any) -> datetime | None:
    plain_date = isinstance(value, date) and not isinstance(value, datetime)
    return datetime.combine(value, time()) if plain_date else value


def _cell(f: Field, raw: Any, lookups: dict, values: dict, latest: datetime) -> tuple:
    """(value, problem, what a found reference shows) of one cell, through `Field.clean`/`check`."""
    shown = ""
    if f.kind == "ref" and _text(raw):
        hit = lookups[f.ref].get(_text(raw).upper())
        if hit is None:
            return None, Msg(_NO_MATCH, what=f.zh, value=_text(raw)), ""
        raw, shown = hit
    elif f.kind in DATES and isinstance(raw, str) and (m := _DATE_RE.match(raw.strip())):
        with suppress(ValueError):  # 2023-02-30: Field.clean says what is wrong
            raw = datetime(*(int(g or 0) for g in m.groups()))
    elif f.choices and isinstance(raw, str):
        key = _key(raw)
        raw = next((c.value for c in f.choices if key in map(_key, (c.value, c.en, c.zh))), raw)
    elif f.kind in ("text", "multiline") and not isinstance(raw, str | None):
        raw = _text(raw)
    value, problem = f.clean(raw)
    if problem is None and f.check is not None:
        problem = f.check(value, values)
    if problem is None and f.kind in DATES and value and as_datetime(value) > latest:
        problem = _FUTURE
    return value, problem, shown


def _lookup(ref: str) -> dict[str, tuple[int, str] | None]:
    """A reference's rows by code, name or number → (id, what it shows); None: two rows share it."""
    model = ref_model(ref)
    attrs = [f for f in label_fields(model) if f is not model.id]
    found: dict[str, tuple[int, str] | None] = {}
    for row_id, *texts in model.select(model.id, *attrs).tuples():
        for text in {_text(t).upper() for t in texts if t}:
            found[text] = None if text in found else (row_id, str(texts[0]))
    return found


def _plan_numbers(reg: Register, rows: list) -> tuple[dict[int, tuple[str, str]], dict[int, str]]:
    """Row → (number kept or "", old text), row → problem; sequences raised past the kept ones."""
    plan: dict[int, tuple[str, str]] = {}
    problems: dict[int, str] = {}
    first: dict[str, int] = {}
    for n, cells in rows:
        text = _text(cells.get(reg.number_field)).upper()
        if not (m := _NUMBER_RE.match(text)):  # no number, or the office's own: a new number
            plan.update({n: ("", _text(cells[reg.number_field]))} if text else {})
            continue
        number = numbering.format_number(m[1], int(m[2]), int(m[3]))
        if m[1] != reg.prefix:
            problems[n] = Msg(_OTHER_NUMBER, number=text, register=reg.zh, prefix=reg.prefix)
        elif number in first:
            problems[n] = Msg(_TWICE, row=first[number])
        elif reg.model.select().where(getattr(reg.model, reg.number_field) == number).exists():
            problems[n] = Msg(_USED, number=number)
        else:
            first[number], plan[n] = n, (number, "")
    highest = dict(sorted(tuple(map(int, number.split("-")[1:])) for number in first))  # per year
    for year, value in highest.items():
        DocumentSequence.insert(prefix=reg.prefix, year=year).on_conflict_ignore().execute()
        seq = (DocumentSequence.prefix == reg.prefix) & (DocumentSequence.year == year)
        lower = seq & (DocumentSequence.last_value < value)
        DocumentSequence.update(last_value=value).where(lower).execute()
    return plan, problems


@write_service(None)
def _import_rows(
    actor: Actor, reg: Register, rows: list, mapping: dict, preview: SheetPreview, dry_run: bool
) -> ImportResult:
    now, columns = datetime.now(), reg.model._meta.fields
    fields = {f.name: f for f in importable_fields(reg) if f.name != reg.number_field}
    mapped = {n: fields[n] for n in mapping.values() if n in fields}
    lookups = {f.ref: _lookup(f.ref) for f in mapped.values() if f.kind == "ref"}
    dates = [n for n in ("created_at", reg.list.default_sort) if n in mapped]
    dated = [n for n in dates if mapped[n].kind in DATES]  # where a row's own date comes from
    stamps = {f"{s.value}_at": s.value for s in reg.states if f"{s.value}_at" in columns}
    stamps.update({t.stamp_at: t.target for t in reg.transitions if t.stamp_at})
    plan, bad_numbers = _plan_numbers(reg, rows) if reg.prefix else ({}, {})
    problems: list[RowProblem] = []
    written: list[str] = []  # the records' numbers (or codes)
    for n, cells in rows:
        errors = {reg.number_field: bad_numbers[n]} if n in bad_numbers else {}
        values: dict[str, Any] = {}
        shown: dict[str, str] = {}  # a reference's label → what the referenced row shows
        for f in fields.values():
            latest = datetime.max if f.name == reg.due_field else now
            value, problem, shows = _cell(f, cells.get(f.name), lookups, values, latest)
            if problem is not None:
                errors[f.name] = problem
            else:
                values[f.name] = value
            shown.update({f.zh: shows} if shows else {})
        for f in fields.values():  # 借阅人 beside the staff FK: the staff member's name
            if f.kind == "text" and values.get(f.name) == "" and f.zh in shown:
                values[f.name] = shown[f.zh]
        source = next((name for name in dated if values.get(name)), None)
        row_date = as_datetime(values[source]) if source else now
        if reg.states and not values.get(reg.state_field):  # as a stamp date says, else initial
            implied = [s for name, s in stamps.items() if values.get(name)]
            values[reg.state_field] = (implied or [reg.initial_state or reg.states[0].value])[0]
        number, old = plan.get(n, (None, ""))
        detail = f"{preview.path.name} 第{n}行" + (f"，原单号 {old}" if old else "")
        ctx = Context(actor, reg, None, values, row_date, detail=detail)
        for guard in (reg.create_guard, reg.import_row):
            if guard is not None and not errors:
                errors.update(guard(ctx) or {})
        for name, message in errors.items():
            problems.append(RowProblem(n, name, (fields.get(name) or reg.field(name)).zh, message))
        if errors:
            continue
        data = {k: v for k, v in values.items() if k in columns and v is not None}
        data.pop("created_at", None)
        record = insert_record(actor, reg, data, row_date, number=number, values=values, ctx=ctx)
        reg.model.update(created_at=row_date).where(reg.model.id == record.id).execute()
        written.append(getattr(record, reg.number_field if reg.prefix else reg.code_field or "id"))
    if problems:
        raise ImportRejected(problems)
    kept = sum(1 for number, _ in plan.values() if number)
    new = len(written) - kept if reg.prefix else 0
    result = ImportResult(len(written), kept, new, dry_run, tuple(written))
    if dry_run:
        raise _DryRun(result)
    _store(actor, reg, preview.headers, mapping)
    summary = {"register": reg.name, "file": preview.path.name, "rows": result.created}
    audit(actor, "import history", reg.model.__name__, "", None, summary)
    return result


def import_history(
    actor: Actor, register: Reg, path: Path | str, mapping: Mapping, *, dry_run: bool = False
) -> ImportResult:
    """Every row into `register`, or none (`mapping`: header → field name or label): each cell
    through `Field.clean`/`check`, then `create_guard`, `import_row`, `insert_record` on the row's
    `created_at` or list sort date; a stamp date implies its state (`returned_at` → returned)."""
    reg = _reg(register)
    _require(actor, reg)
    preview = read_sheet_columns(path)  # read before the write lock is taken
    mapping = _resolve(reg, preview.headers, mapping)
    used = set(mapping.values())
    if missing := [f.zh for f in importable_fields(reg) if f.required and f.name not in used]:
        raise ValidationError({"mapping": Msg(_NEEDS_COLUMN, fields="、".join(missing))})
    index = {name: preview.headers.index(h) for h, name in mapping.items()}
    rows = [(n, {k: v[i] for k, i in index.items() if _text(v[i])}) for n, v in preview.data]
    try:
        return _import_rows(actor, reg, [(n, c) for n, c in rows if c], mapping, preview, dry_run)
    except _DryRun as done:
        return done.result


def lends(ref: str, *, free: str, lent: str, due: str = "", event: str = "") -> Guard:
    """`import_row` of a loan register: a loan still out (no `returned_at`) needs its `ref` (file,
    key) `free` and makes it `lent`: `holder` = the borrower, `due` = the loan's, an `event` line."""

    def hook(ctx: Context) -> dict[str, str]:
        reg, values = ctx.register, ctx.inputs
        still_out = {None, reg.initial_state or next((s.value for s in reg.states), None)}
        if values.get("returned_at") or values.get(reg.state_field) not in still_out:
            return {}
        other = registry.get(next(f.ref for f in importable_fields(reg) if f.name == ref))
        thing = other.model.get_by_id(values[ref])
        if getattr(thing, other.state_field) != free or getattr(thing, "voided_at", None):
            what = getattr(thing, other.code_field) if other.code_field else other.zh
            return {ref: Msg(_NOT_FREE, what=what, free=other.state(free).zh)}
        if due and reg.due is not None and values.get(reg.due_field) is None:
            values[reg.due_field] = reg.due.compute(values, ctx.now)
        borrower = values.get("borrower_name") or ""
        changes = {other.state_field: lent, "holder": borrower, "version": thing.version + 1}
        changes.update(updated_at=datetime.now(), updated_by=ctx.actor.username)
        changes.update({due: values.get(reg.due_field)} if due else {})
        other.model.update(**changes).where(other.model.id == thing.id).execute()
        if event and other.trail:
            trail.add(ctx.actor, other.name, thing.id, event, ctx.now, borrower)
        return {}

    return hook
