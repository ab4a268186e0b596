"""Slips declared with a register: what a register prints, as data, rendered by the kit.

    Slip("loan_slip", "Lending slip", "档案借阅单", papers=("receipt_80", "a5"), blocks=(
        Header("档案借阅单"),
        Barcode("number"),
        Rows(("number", "file", ("file_title", "档案名称"), "borrower_name", "due_at")),
        Signatures((("借阅人签字", "borrower_signature"), ("档案管理员签字", ""))),
        Note("请按时归还。"),
    ), gather=rules.loan_slip_data)

Blocks: `Header` (office name, title, the record's number), `Barcode` (Code 128 of a field),
`Rows` (label/value rows: a declared field's Chinese label and `Field.value_zh`, a ref field's
label, or a `(key, 中文)` pair read from the gathered data), `Table` (rows from gathered data),
`Signatures` (both parties' lines; a captured signature is printed on its line), `Note`, and
`Label` — a 50×30 mm label drawn on the canvas (one per page on the label printer, or a grid of
them on an A4 sticker sheet). Sheets get a footer with the number and 第 x 页 / 共 y 页.

`render()` draws from a plain dict only, with app/printing's components, layout, labels
(app/printing/labels.py lays labels out, as for the key tags) and page presets; it never reads the
database. `print_slip()` / `print_slips()` / `print_list()` are the services: they check the
register's view permission, gather the data (the record as `kit.services.record` gives it, masked
for roles without PII_VIEW, plus the slip's `gather(record) -> dict` hook for tables such as a
checklist, signatures and the office name), render, and audit the print ("print <slip>"). A list slip (`per_record=False`, e.g. an overdue list) has no record: its
`gather` gets `{"printed_at": now}` and returns everything it prints.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.db import run_with_retry
from app.errors import NotFound, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.kit import registry
from app.kit.declare import Field, Register
from app.rules.roles import Perm
from app.services.context import Actor
from app.services.tx import audit, write_service

if TYPE_CHECKING:  # reportlab (~0.3 s to import) loads when something is printed, not at start
    from reportlab.platypus import Flowable

    from app.printing.components import Styles
    from app.printing.pages import PagePreset

mm = 72 / 25.4  # reportlab.lib.units.mm

# ---------------------------------------------------------------------------------------------
# Declarations


@dataclass(frozen=True)
class Header:
    """Office name, the slip's title and (for a record) its number with the register's label.
    `title_key`: a gathered value that names the form when the record says which one it is
    (公共区域维修服务通知单 / 大厦客户区域服务通知单); `title_zh` when it is empty."""

    title_zh: str
    number: bool = True
    title_key: str = ""


@dataclass(frozen=True)
class Barcode:
    """Code 128 of a field's value (a document number or a label code), text under it."""

    field: str
    height_mm: float = 10


RowSpec = str | tuple[str, str]  # a declared field, or (key in the gathered data, 中文 label)


@dataclass(frozen=True)
class Rows:
    fields: tuple[RowSpec, ...]


@dataclass(frozen=True)
class Table:
    """Rows from the gathered data's list `key` (dicts); columns (key, 中文 header, width in mm
    or None for the column that takes the rest). `roll_columns`: the keys kept on a receipt roll
    (empty: all). A column key "no" numbers the rows when the data does not."""

    key: str
    columns: tuple[tuple[str, str, float | None], ...]
    title_zh: str = ""
    roll_columns: tuple[str, ...] = ()
    size: float | None = None  # the table's font size when not the paper's (a wide list)


@dataclass(frozen=True)
class Signatures:
    """(label 中文, field holding the captured Signature id or "") per party, optionally with a
    third item: the record's field whose date is printed beside a captured signature (default:
    when it was captured)."""

    parties: tuple[tuple[str, str] | tuple[str, str, str], ...]


@dataclass(frozen=True)
class Note:
    text_zh: str


@dataclass(frozen=True)
class Label:
    """A 50×30 mm label: `top` (first field with a value) and `top_right` above the Code 128 of
    `code_field` with the code under it, `bottom` below (its field's label in front)."""

    code_field: str
    top: tuple[str, ...] = ()
    top_right: str = ""
    bottom: str = ""


Block = Header | Barcode | Rows | Table | Signatures | Note | Label


@dataclass(frozen=True)
class Slip:
    name: str
    en: str
    zh: str
    papers: tuple[str, ...]
    blocks: tuple[Block, ...]
    # Extra data beyond the record (tables, titles of referenced records): record → dict.
    gather: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    per_record: bool = True  # False: a register-level print (a list) with no record
    # Override hook: a hand-written print (actor, record ids, paper) → PDF bytes, which gathers,
    # renders and logs itself (the key register's tag, slip and sheets).
    pdf: Callable[[Actor, Sequence[int], str], bytes] | None = None

    @property
    def label(self) -> Label | None:
        return next((b for b in self.blocks if isinstance(b, Label)), None)

    @property
    def signature_fields(self) -> tuple[str, ...]:
        return tuple(
            field
            for b in self.blocks
            if isinstance(b, Signatures)
            for party in b.parties
            if (field := party[1])
        )


def slip_of(reg: Register, name: str) -> Slip:
    for slip in reg.slips:
        if slip.name == name:
            return slip
    raise NotFound(
        Msg(QT_TRANSLATE_NOOP("app", "{register} prints no {slip}."), register=reg.zh, slip=name)
    )


def _paper_title(name: str) -> str:
    from app.printing.pages import preset

    return preset(name).title


def check_paper(slip: Slip, paper: str | None) -> str:
    """The paper to print on: the slip's first when none is asked; one it declares."""
    if not paper:
        return slip.papers[0]
    if paper not in slip.papers:
        raise ValidationError(
            {
                "paper": Msg(
                    QT_TRANSLATE_NOOP("app", "{slip} prints on {papers}."),
                    slip=slip.zh,
                    papers="、".join(_paper_title(p) for p in slip.papers),
                )
            }
        )
    return paper


# ---------------------------------------------------------------------------------------------
# Values


# Writes a gathered value that no field declares (an extra from `gather`, the print time) the way
# a declared field without choices does (`Field.value_zh`: 是/否, dates), so every value on a
# slip is written in one place.
_UNDECLARED = Field("", "", "")


def _declared(reg: Register, key: str) -> Field | None:
    try:
        return reg.field(key)
    except KeyError:
        return None


def value_text(reg: Register, data: Mapping[str, Any], key: str) -> str:
    """What the slip prints for `key`: a ref field's label, a declared field's `value_zh`, or
    the gathered value as text."""
    f = _declared(reg, key)
    if f is not None and f.kind == "ref":
        return str(data.get(f"{key}_label") or "")
    return (f or _UNDECLARED).value_zh(data.get(key))


def _row_label(reg: Register, spec: RowSpec) -> tuple[str, str]:
    if isinstance(spec, tuple):
        return spec
    f = _declared(reg, spec)
    return spec, f.zh if f is not None else spec


def _is_wide(reg: Register, key: str, text: str, cell: float, size: float) -> bool:
    """A multiline field, or a value that would not fit its grid cell on one line."""
    from app.printing import fonts

    f = _declared(reg, key)
    return (f is not None and f.kind == "multiline") or fonts.text_width(text, size) > cell


def _number(reg: Register, data: Mapping[str, Any]) -> tuple[str, str]:
    """(number label, number) of the record: its document number, else its code."""
    if reg.prefix and data.get(reg.number_field):
        return reg.number_label[1], str(data[reg.number_field])
    if reg.code_field and data.get(reg.code_field):
        return reg.field(reg.code_field).zh, str(data[reg.code_field])
    return "", ""


# ---------------------------------------------------------------------------------------------
# Rendering: flowing slips (app/printing's components, layout and paper presets; imported here
# when something is printed)


def _metrics(p: PagePreset) -> tuple[Styles, float]:
    from app.printing.components import paper_metrics

    return paper_metrics(p)


def _widths(width: float, specs: Sequence[float | None]) -> list[float]:
    """Column widths in points; the None columns share what is left. Fixed columns shrink
    proportionally when they would leave the flexible ones less than a quarter of the width."""
    fixed = [w * mm for w in specs if w is not None]
    flexible = sum(1 for w in specs if w is None)
    room = width * (0.75 if flexible else 1.0)
    scale = min(1.0, room / sum(fixed)) if fixed and sum(fixed) > room else 1.0
    left = width - sum(fixed) * scale
    return [w * mm * scale if w is not None else left / flexible for w in specs]


def _cut_rule(width: float) -> Flowable:
    from app.printing.components import CutRule

    return CutRule(width, 4 * mm)


def _rows(reg: Register, block: Rows, data: Mapping[str, Any], p: PagePreset) -> list[Flowable]:
    from app.printing.components import kv_grid, kv_rows, label_width_for

    styles, label_w = _metrics(p)
    width = p.printable_width
    items = []
    for spec in block.fields:
        key, label = _row_label(reg, spec)
        items.append((key, label, value_text(reg, data, key)))
    if p.is_roll:  # one label/value per line, the label column as wide as the widest label
        lw = label_width_for([label for _, label, _ in items], styles.size, width, boxed=False)
        return [kv_rows(styles, [(label, text) for _, label, text in items], width, lw)]
    cell = width / 2 - label_w - 8  # a grid value cell, less its padding
    wide_keys = {key for key, _, text in items if _is_wide(reg, key, text, cell, styles.size)}
    short = [(label, text) for key, label, text in items if key not in wide_keys]
    wide = [(label, text) for key, label, text in items if key in wide_keys]
    out: list[Flowable] = []
    if short:
        out.append(kv_grid(styles, short, width, label_w))
    if wide:  # the grid's label column, then the value across the whole width
        out.append(kv_rows(styles, wide, width, label_w, boxed=True))
    return out


def _table(reg: Register, block: Table, data: Mapping[str, Any], p: PagePreset) -> list[Flowable]:
    from reportlab.platypus import Spacer

    from app.printing.components import Styles, data_table, para

    styles, _ = _metrics(p)
    title_style = styles.section
    if block.size:
        styles = Styles(block.size)
    columns = block.columns
    if p.is_roll and block.roll_columns:
        columns = tuple(c for c in columns if c[0] in block.roll_columns)
    rows = []
    for i, item in enumerate(data.get(block.key) or (), start=1):
        rows.append(
            [
                str(i) if key == "no" and "no" not in item else value_text(reg, item, key)
                for key, _, _ in columns
            ]
        )
    out: list[Flowable] = []
    if block.title_zh:
        out += [para(block.title_zh, title_style), Spacer(1, 1.5 * mm)]
    widths = _widths(p.printable_width, [w for _, _, w in columns])
    out.append(data_table(styles, [zh for _, zh, _ in columns], rows, widths))
    return out


def _signatures(block: Signatures, data: Mapping[str, Any], p: PagePreset) -> list[Flowable]:
    from app.printing.components import Party, signature_block

    styles, _ = _metrics(p)
    parties = []
    for party in block.parties:
        label, field = party[0], party[1]
        png = data.get(f"{field}_png") if field else None
        signed = data.get(party[2]) if len(party) > 2 else None
        signed = signed or (data.get(f"{field}_date") if field else None)
        parties.append(Party(label, png, _UNDECLARED.value_zh(signed)[:10] if png else ""))
    sign_h = 11 * mm if p.is_roll else 10 * mm
    return signature_block(parties, p.printable_width, styles.size, sign_h)


def flowables(reg: Register, slip: Slip, data: Mapping[str, Any], p: PagePreset) -> list[Flowable]:
    """The slip's blocks for one record (or one list) on paper `p`."""
    from reportlab.platypus import KeepTogether, Spacer

    from app.printing.components import Code128Block, header, para

    styles, _ = _metrics(p)
    width = p.printable_width
    flow: list[Flowable] = []
    for block in slip.blocks:
        if isinstance(block, Header):
            label, number = _number(reg, data) if block.number and slip.per_record else ("", "")
            office = str(data.get("office_name") or "")
            title = str(data.get(block.title_key) or "") if block.title_key else ""
            flow += header(styles, office, title or block.title_zh, number, label)
        elif isinstance(block, Barcode):
            value = str(data.get(block.field) or "")
            if value:
                code = Code128Block(
                    value,
                    width if p.is_roll else min(width, 80 * mm),
                    bar_height=block.height_mm * mm,
                    text_size=9,
                )
                code.hAlign = "CENTER"
                flow += [code, Spacer(1, 2 * mm)]
        elif isinstance(block, Rows):
            flow += _rows(reg, block, data, p)
            flow.append(Spacer(1, 2 * mm))
        elif isinstance(block, Table):
            flow += _table(reg, block, data, p)
            flow.append(Spacer(1, 3 * mm))
        elif isinstance(block, Signatures):
            lines = [Spacer(1, 2 * mm), *_signatures(block, data, p)]
            flow += lines if p.is_roll else [KeepTogether(lines)]
        elif isinstance(block, Note):
            flow += [para(block.text_zh, styles.small), Spacer(1, 1 * mm)]
    printed = _UNDECLARED.value_zh(data.get("printed_at") or datetime.now())
    flow.append(para("打印时间：" + printed, styles.small))
    return flow


def _footer_left(reg: Register, slip: Slip, data: Mapping[str, Any]) -> str:
    _, number = _number(reg, data) if slip.per_record else ("", "")
    return f"{slip.zh} {number}".strip()


def render(reg: Register, slip: Slip, data: Mapping[str, Any], paper: str) -> bytes:
    """PDF bytes of one slip from its gathered `data` (no database access here)."""
    return render_many(reg, slip, [data], paper)


def render_many(reg: Register, slip: Slip, datas: Sequence[Mapping[str, Any]], paper: str) -> bytes:
    """Several records' slips in one PDF: labels one per label or in a grid on an A4 sheet;
    other slips each on its own page (sheets) or one after another with a cut line (rolls)."""
    from reportlab.platypus import PageBreak

    from app.printing import layout
    from app.printing.components import para
    from app.printing.pages import preset

    if not datas:
        raise ValueError("nothing to print")
    p = preset(paper)
    if slip.label is not None:
        return _render_labels(reg, slip, slip.label, datas, paper)
    title = _footer_left(reg, slip, datas[0])
    flow: list[Flowable] = []
    for i, data in enumerate(datas):
        if i:
            flow.append(_cut_rule(p.printable_width) if p.is_roll else PageBreak())
        flow += flowables(reg, slip, data, p)
        if p.is_roll:  # one page: the footer is the slip's last line
            styles, _ = _metrics(p)
            footer = f"{_footer_left(reg, slip, data)}　第 1 页 / 共 1 页"
            flow.append(para(footer, styles.small))
    if p.is_roll:
        return layout.render_roll(p, flow, title)
    left = _footer_left(reg, slip, datas[0]) if len(datas) == 1 else slip.zh
    return layout.render_pages(p, flow, title, layout.page_footer(left, p))


# ---------------------------------------------------------------------------------------------
# Rendering: labels (a canvas drawing like the key tags, laid out by app/printing/labels.py: one
# per 50×30 mm label, or a grid on an A4 sticker sheet)


def _first(reg: Register, data: Mapping[str, Any], keys: Sequence[str]) -> str:
    for key in keys:
        text = value_text(reg, data, key)
        if text:
            return text
    return ""


def draw_label(
    c: Any,
    x: float,
    y: float,
    w: float,
    h: float,
    reg: Register,
    block: Label,
    data: Mapping[str, Any],
) -> None:
    """One label in the box (x, y, w, h): top line, barcode with its code, bottom line."""
    from reportlab.lib import colors

    from app.printing import fonts, labels

    top = y + h
    c.setFillColor(colors.black)
    right = value_text(reg, data, block.top_right) if block.top_right else ""
    right_size = 7.0
    right_w = fonts.text_width(right, right_size) + 2 * mm if right else 0
    left = _first(reg, data, block.top)
    left_size = fonts.fit_text(left, 9.0, w - right_w, min_size=7.0)
    fonts.draw_text(c, x, top - 9.0 * 0.9, fonts.ellipsize(left, left_size, w - right_w), left_size)
    if right:
        fonts.draw_text(c, x + w, top - 9.0 * 0.9, right, right_size, "right")
    bottom_size = 7.0
    bottom = ""
    if block.bottom:
        value = value_text(reg, data, block.bottom)
        if value:
            bottom = f"{_row_label(reg, block.bottom)[1]}：{value}"
    if bottom:
        fonts.draw_text(c, x, y + 0.6 * mm, fonts.ellipsize(bottom, bottom_size, w), bottom_size)
    bar_top = top - 9.0 * 1.25 - 0.8 * mm
    bar_bottom = y + (bottom_size * 1.3 + 0.6 * mm if bottom else 0.3 * mm)
    labels.draw_code128(c, str(data.get(block.code_field) or ""), x, w, bar_bottom, bar_top)


def _render_labels(
    reg: Register, slip: Slip, block: Label, datas: Sequence[Mapping[str, Any]], paper: str
) -> bytes:
    from app.printing import labels

    def draw_one(c: Any, x: float, y: float, w: float, h: float, data: Mapping[str, Any]) -> None:
        draw_label(c, x, y, w, h, reg, block, data)

    title = labels.title_of(slip.zh, [str(d.get(block.code_field) or "") for d in datas])
    return labels.render_labels(datas, draw_one, paper, title)


# ---------------------------------------------------------------------------------------------
# The services: gather, mask, render, audit


def _mask(reg: Register, data: dict[str, Any]) -> None:
    """Declared PII fields in the gathered data (tables too) masked, as on screen."""
    pii = {f.name: f for f in reg.fields if f.pii}
    for key, value in data.items():
        if key in pii:
            data[key] = pii[key].masked(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    for k in pii.keys() & item.keys():
                        item[k] = pii[k].masked(item[k])


def _common(now: datetime) -> dict[str, Any]:
    from app.services.office_settings import get_setting

    return {"office_name": get_setting("office_name"), "printed_at": now}


def _gather(
    actor: Actor, reg: Register, slip: Slip, record_id: int | None, now: datetime
) -> dict[str, Any]:
    """What one slip prints: the record (as `kit.services.record` gives it) with the slip's
    `gather` extras and captured signatures, or for a list only what its `gather` returns; then
    the office name and print time, PII masked for a role without PII_VIEW."""
    from app.kit import services as kit
    from app.models import Signature

    if record_id is None:  # a list: its gather (_prepare made sure it has one) is all it prints
        data = dict(slip.gather({"printed_at": now})) if slip.gather else {}
    else:
        data = dict(kit.record(actor, reg.name, record_id))
        if slip.gather is not None:
            data.update(slip.gather(dict(data)))
        for field in slip.signature_fields:
            signature = (
                Signature.get_or_none(Signature.id == data.get(field)) if data.get(field) else None
            )
            if signature is not None:
                data[f"{field}_png"] = bytes(signature.image_png)
                data[f"{field}_date"] = signature.signed_at
    data.update(_common(now))
    if not actor.can(Perm.PII_VIEW):
        _mask(reg, data)
    return data


@write_service(None)
def _log_print(actor: Actor, reg: Register, slip: Slip, ids: Sequence[int], detail: dict) -> None:
    entity_id = ",".join(str(i) for i in ids)
    audit(actor, f"print {slip.name}", reg.model.__name__, entity_id, None, detail)


def _prepare(
    actor: Actor, register: str, slip_name: str, paper: str | None, *, per_record: bool
) -> tuple[Register, Slip, str]:
    """The register, its slip and the paper, once the actor may view the register and the slip
    is the kind asked for (one per record, or a list) and prints on that paper."""
    reg = registry.get(register)
    actor.require(reg.view_perm)
    slip = slip_of(reg, slip_name)
    if per_record and not slip.per_record:
        raise ValueError(f"{slip.name} is a list: print it with print_list")
    if not per_record and (slip.per_record or slip.gather is None):
        raise ValueError(f"{slip.name} prints one record: use print_slip")
    return reg, slip, check_paper(slip, paper)


def _render_logged(
    actor: Actor,
    reg: Register,
    slip: Slip,
    paper: str,
    ids: Sequence[int],
    datas: Sequence[Mapping[str, Any]],
    what: dict[str, Any],
) -> bytes:
    """Render the gathered slips and audit the print ("print <slip>", `what` was printed)."""
    pdf = render_many(reg, slip, datas, paper)
    # Logged once the PDF exists; if the log cannot be written, nothing leaves the office.
    detail = {"slip": slip.name, "paper": paper, **what}
    detail["pii_masked"] = not actor.can(Perm.PII_VIEW)
    _log_print(actor, reg, slip, list(ids), detail)
    return pdf


def print_slips(
    actor: Actor,
    register: str,
    slip_name: str,
    record_ids: Sequence[int],
    paper: str | None = None,
    *,
    now: datetime | None = None,
) -> bytes:
    """The slip of each record in one PDF (file labels: a run of labels or an A4 sheet)."""
    reg, slip, paper = _prepare(actor, register, slip_name, paper, per_record=True)
    if not record_ids:
        raise ValidationError({"record": QT_TRANSLATE_NOOP("app", "Choose what to print.")})
    if slip.pdf is not None:
        return slip.pdf(actor, list(record_ids), paper)
    now = now or datetime.now()
    datas = [run_with_retry(lambda i=i: _gather(actor, reg, slip, i, now)) for i in record_ids]
    numbers = [_number(reg, d)[1] for d in datas]
    return _render_logged(actor, reg, slip, paper, record_ids, datas, {"numbers": numbers})


def print_slip(
    actor: Actor,
    register: str,
    slip_name: str,
    record_id: int,
    paper: str | None = None,
    *,
    now: datetime | None = None,
) -> bytes:
    """One record's slip as PDF bytes (`paper` None: the slip's first paper); audited."""
    return print_slips(actor, register, slip_name, [record_id], paper, now=now)


def print_list(
    actor: Actor,
    register: str,
    slip_name: str,
    paper: str | None = None,
    *,
    now: datetime | None = None,
) -> bytes:
    """A register-level print with no record (the overdue list); audited."""
    reg, slip, paper = _prepare(actor, register, slip_name, paper, per_record=False)
    now = now or datetime.now()
    data = run_with_retry(lambda: _gather(actor, reg, slip, None, now))
    rows = {k: len(v) for k, v in data.items() if isinstance(v, list)}
    return _render_logged(actor, reg, slip, paper, [], [data], {"rows": rows})


__all__ = [
    "Barcode",
    "Header",
    "Label",
    "Note",
    "Rows",
    "Signatures",
    "Slip",
    "Table",
    "check_paper",
    "draw_label",
    "flowables",
    "print_list",
    "print_slip",
    "print_slips",
    "render",
    "render_many",
    "slip_of",
    "value_text",
]
