"""Key register prints (SPEC §3.1): key tags, loan slip, handover sheet, stocktake report.

Renderers take the plain frozen dataclasses below (no database here;
app/services/keys/printing.py fills them) and return PDF bytes. All printed text is the office's
Chinese. Key tags print through app/printing/labels.py, like the kit's `Label` slips.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.kit.declare import Choice
from app.models.keys import (
    BORROWER_KIND_CHOICES,
    HANDOVER_KIND_CHOICES,
    KEY_STATES,
    RETURN_CONDITION_CHOICES,
)
from app.printing import fonts, labels
from app.printing import layout as _layout
from app.printing.components import (
    Code128Block,
    CutRule,
    Party,
    data_table,
    header,
    kv_grid,
    kv_rows,
    label_width_for,
    paper_metrics,
    para,
    signature_block,
)
from app.printing.pages import preset

# ---------------------------------------------------------------------------------------------
# What the renderers print


@dataclass(frozen=True)
class KeyTag:
    code: str  # what the Code 128 barcode carries
    label: str  # "A-1203 户门"
    unit_or_area: str = ""  # "A-1203" or "地下一层配电室"
    hook: str = ""  # cabinet hook


@dataclass(frozen=True)
class KeyLoanSlip:
    """钥匙借用单."""

    office_name: str
    number: str
    key_code: str
    key_label: str
    borrower_name: str
    lent_at: datetime
    due_at: datetime
    lent_by: str = ""
    borrower_kind: str = "staff"  # staff / external
    borrower_phone: str = ""
    borrower_org: str = ""
    purpose: str = ""
    document_ref: str = ""  # external borrower: 证件/文件号
    approved_by: str = ""  # external borrower: approving leader
    returned_at: datetime | None = None
    returned_to: str = ""
    return_condition: str = ""  # good / damaged / lost (or already Chinese)
    statement: str = ""  # damage/loss statement
    borrower_signature_png: bytes | None = field(default=None, repr=False)
    return_signature_png: bytes | None = field(default=None, repr=False)
    printed_at: datetime | None = None  # None: now


@dataclass(frozen=True)
class HandoverLine:
    key_code: str
    key_label: str
    key_count: int


@dataclass(frozen=True)
class KeyHandoverSheet:
    """钥匙交接表 / 钥匙签收单."""

    office_name: str
    number: str
    kind: str  # receive / issue / custodian
    from_name: str
    to_name: str
    at: datetime
    lines: Sequence[HandoverLine] = ()
    notes: str = ""
    from_signature_png: bytes | None = field(default=None, repr=False)
    to_signature_png: bytes | None = field(default=None, repr=False)
    printed_at: datetime | None = None


@dataclass(frozen=True)
class StocktakeKey:
    code: str
    label: str
    unit_or_area: str = ""
    hook: str = ""
    key_count: int = 1
    status: str = ""  # in_cabinet / lent / issued / lost / retired
    holder: str = ""


@dataclass(frozen=True)
class UnexpectedScan:
    code: str
    reason: str  # printed as given: the office's Chinese ("未登记的条码")


@dataclass(frozen=True)
class KeyStocktakeReport:
    """钥匙清点报告."""

    office_name: str
    number: str
    started_at: datetime
    done_by: str
    finished_at: datetime | None = None
    counted: Sequence[StocktakeKey] = ()
    missing: Sequence[StocktakeKey] = ()
    unexpected: Sequence[UnexpectedScan] = ()
    notes: str = ""
    printed_at: datetime | None = None


# ---------------------------------------------------------------------------------------------
# Chinese names of stored codes


def _zh_of(items: Sequence[Choice]) -> dict[str, str]:
    return {c.value: c.zh for c in items}


# The register's own value labels (app/models/keys.py), as on screen and in exports.
KEY_STATUS_ZH = _zh_of(KEY_STATES)
CONDITION_ZH = _zh_of(RETURN_CONDITION_CHOICES)
BORROWER_KIND_ZH = _zh_of(BORROWER_KIND_CHOICES)
HANDOVER_KIND_ZH = _zh_of(HANDOVER_KIND_CHOICES)


def _zh(mapping: dict[str, str], value: str | None) -> str:
    return mapping.get(value or "", value or "")


def _dt(value: datetime | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.strftime("%Y-%m-%d")


def _day(value: datetime | date | None) -> str:
    return value.strftime("%Y-%m-%d") if value else ""


def _printed(value: datetime | None) -> str:
    return "打印时间：" + _dt(value or datetime.now())


# ---------------------------------------------------------------------------------------------
# Key tags


def _draw_tag(c, x: float, y: float, w: float, h: float, tag: KeyTag) -> None:
    """One tag in the box (x, y, w, h): label and hook, barcode, code, unit or area."""
    top = y + h
    c.setFillColor(colors.black)
    label_size = 9.0
    label_box = label_size * 1.25
    hook_text = f"挂钩 {tag.hook}" if tag.hook else ""
    hook_w = fonts.text_width(hook_text, 7) + 2 * mm if hook_text else 0
    label_size = fonts.fit_text(tag.label, label_size, w - hook_w, min_size=7.5)
    label = fonts.ellipsize(tag.label, label_size, w - hook_w)
    fonts.draw_text(c, x, top - 9.0 * 0.9, label, label_size)
    if hook_text:
        fonts.draw_text(c, x + w, top - label_size * 0.9, hook_text, 7, "right")

    bottom_size = 7.0
    if tag.unit_or_area:
        area = fonts.ellipsize(tag.unit_or_area, bottom_size, w)
        fonts.draw_text(c, x, y + 0.6 * mm, area, bottom_size)
    bar_top = top - label_box - 0.8 * mm
    bar_bottom = y + bottom_size * 1.3 + 0.6 * mm
    labels.draw_code128(c, tag.code, x, w, bar_bottom, bar_top)


# How render_key_tags' layouts name the label papers (app/printing/labels.py).
_TAG_PAPERS = {"label": "label_50x30", "a4_sheet": "a4"}


def render_key_tags(tags: Sequence[KeyTag], layout: str = "label") -> bytes:
    """Key tags: "label" = one 50×30 mm page per tag; "a4_sheet" = a 4×9 grid of tags on A4."""
    if not tags:
        raise ValueError("no key tags to print")
    if layout not in _TAG_PAPERS:
        raise ValueError(f"unknown key tag layout {layout!r}; use 'label' or 'a4_sheet'")
    title = labels.title_of("钥匙标签", [t.code for t in tags])
    return labels.render_labels(tags, _draw_tag, _TAG_PAPERS[layout], title)


# ---------------------------------------------------------------------------------------------
# Loan slip


def render_key_loan_slip(slip: KeyLoanSlip, paper: str = "receipt_80") -> bytes:
    """钥匙借用单 on an 80 mm or 58 mm roll (exactly as long as it needs) or on A5."""
    p = preset(paper)
    if p.name not in ("receipt_80", "receipt_58", "a5"):
        raise ValueError(f"a key loan slip prints on receipt_80, receipt_58 or a5, not {paper!r}")
    styles, label_w = paper_metrics(p)
    width = p.printable_width
    roll = p.is_roll
    sign_size = styles.size

    flow: list[Flowable] = header(styles, slip.office_name, "钥匙借用单")
    number_block = Code128Block(
        slip.number, width if roll else min(width, 80 * mm), bar_height=10 * mm, text_size=9
    )
    number_block.hAlign = "CENTER"
    flow += [number_block, Spacer(1, 2 * mm)]

    borrower = slip.borrower_name
    kind = _zh(BORROWER_KIND_ZH, slip.borrower_kind)
    if kind:
        borrower += f"（{kind}）"
    external = slip.borrower_kind == "external" or bool(slip.document_ref or slip.approved_by)
    short: list[tuple[str, object]] = [
        ("借用单号", slip.number),
        ("钥匙编号", slip.key_code),
        ("钥匙名称", slip.key_label),
        ("借用人", borrower),
        ("单位/部门", slip.borrower_org),
        ("联系电话", slip.borrower_phone),
    ]
    if external:
        short += [("证件/文件号", slip.document_ref), ("批准领导", slip.approved_by)]
    short += [
        ("借用时间", _dt(slip.lent_at)),
        ("应还时间", _dt(slip.due_at)),
        ("经办人", slip.lent_by),
    ]
    long_rows: list[tuple[str, object]] = [("借用事由", slip.purpose)]
    return_rows: list[tuple[str, object]] = [
        ("归还时间", _dt(slip.returned_at)),
        ("归还状况", _zh(CONDITION_ZH, slip.return_condition)),
        ("接收人", slip.returned_to),
    ]
    statement_rows: list[tuple[str, object]] = (
        [("情况说明", slip.statement)] if slip.statement else []
    )

    def fields(rows: list[tuple[str, object]], wide: list[tuple[str, object]]) -> list[Flowable]:
        if roll:  # one label/value per line; the label column as wide as the widest label
            labels = [r[0] for r in rows + long_rows + return_rows + statement_rows]
            lw = label_width_for(labels, styles.size, width, boxed=False)
            return [kv_rows(styles, rows + wide, width, lw)]
        out: list[Flowable] = [kv_grid(styles, rows, width, label_w)]
        if wide:  # the grid's label column, then the value across the whole width
            out.append(kv_rows(styles, wide, width, label_w, boxed=True))
        return out

    flow += fields(short, long_rows)
    flow.append(Spacer(1, 2 * mm))
    sign_h = 11 * mm if roll else 9 * mm
    flow += signature_block(
        [
            Party(
                "借用人签字",
                slip.borrower_signature_png,
                _day(slip.lent_at) if slip.borrower_signature_png else "",
            ),
            Party("经办人签字"),
        ],
        width,
        sign_size,
        sign_h,
    )
    flow.append(CutRule(width) if roll else Spacer(1, 2 * mm))
    flow += fields(return_rows, statement_rows)
    flow.append(Spacer(1, 2 * mm))
    flow += signature_block(
        [
            Party(
                "归还人签字",
                slip.return_signature_png,
                _day(slip.returned_at) if slip.return_signature_png else "",
            ),
            Party("接收人签字"),
        ],
        width,
        sign_size,
        sign_h,
    )
    flow += [
        Spacer(1, 1.5 * mm),
        para("钥匙当天借当天还，请于应还时间前归还；如有损坏或遗失须书面说明。", styles.small),
        para(_printed(slip.printed_at), styles.small),
    ]
    title = f"钥匙借用单 {slip.number}"
    if roll:
        return _layout.render_roll(p, flow, title)
    return _layout.render_pages(p, flow, title, _layout.page_footer(slip.number, p))


# ---------------------------------------------------------------------------------------------
# Handover sheet

_HANDOVER_TITLES = {
    "receive": ("钥匙交接表", "移交人", "接收人"),
    "issue": ("钥匙签收单", "发放人", "签收人"),
    "custodian": ("钥匙交接表", "交出人", "接管人"),
}


def render_key_handover(sheet: KeyHandoverSheet, paper: str = "a4") -> bytes:
    """钥匙交接表 / 钥匙签收单 on A4 (A5 works too); the key table continues on more pages."""
    p = preset(paper)
    if p.is_roll or p.name == "label_50x30":
        raise ValueError(f"a handover sheet prints on a4 or a5, not {paper!r}")
    styles, label_w = paper_metrics(p)
    width = p.printable_width
    title, from_label, to_label = _HANDOVER_TITLES.get(sheet.kind, _HANDOVER_TITLES["receive"])

    flow: list[Flowable] = header(styles, sheet.office_name, title)
    barcode = Code128Block(sheet.number, min(width, 80 * mm), bar_height=10 * mm, text_size=9)
    barcode.hAlign = "CENTER"
    flow += [barcode, Spacer(1, 3 * mm)]
    flow.append(
        kv_grid(
            styles,
            [
                ("编号", sheet.number),
                ("交接类型", _zh(HANDOVER_KIND_ZH, sheet.kind)),
                (from_label, sheet.from_name),
                (to_label, sheet.to_name),
                ("交接时间", _dt(sheet.at)),
                ("钥匙合计", f"{len(sheet.lines)} 套 / {sum(x.key_count for x in sheet.lines)} 把"),
            ],
            width,
            label_w,
        )
    )
    flow.append(Spacer(1, 4 * mm))
    rows = [
        [str(i), line.key_code, line.key_label, str(line.key_count)]
        for i, line in enumerate(sheet.lines, start=1)
    ]
    total = ["合计", f"{len(sheet.lines)} 套", "", str(sum(x.key_count for x in sheet.lines))]
    flow.append(
        data_table(
            styles,
            ["序号", "钥匙编号", "钥匙名称", "数量（把）"],
            rows,
            _columns(width, [13 * mm, 38 * mm, None, 22 * mm]),
            total,
            align_right=(3,),
        )
    )
    flow.append(Spacer(1, 4 * mm))
    flow.append(kv_rows(styles, [("备注", sheet.notes or "")], width, label_w, boxed=True))
    flow.append(Spacer(1, 3 * mm))
    closing: list[Flowable] = [
        para("以上钥匙经双方当面清点无误，双方签字确认。", styles.body),
        Spacer(1, 4 * mm),
        *signature_block(
            [
                Party(
                    f"{from_label}签字",
                    sheet.from_signature_png,
                    _day(sheet.at) if sheet.from_signature_png else "",
                ),
                Party(
                    f"{to_label}签字",
                    sheet.to_signature_png,
                    _day(sheet.at) if sheet.to_signature_png else "",
                ),
            ],
            width,
            styles.size,
            sign_height=14 * mm,
        ),
        Spacer(1, 2 * mm),
        para(_printed(sheet.printed_at), styles.small),
    ]
    flow.append(KeepTogether(closing))
    return _layout.render_pages(
        p, flow, f"{title} {sheet.number}", _layout.page_footer(sheet.number, p)
    )


def _columns(width: float, widths: Sequence[float | None]) -> list[float]:
    """Column widths; the one None column takes what is left."""
    fixed = sum(w for w in widths if w is not None)
    return [w if w is not None else width - fixed for w in widths]


# ---------------------------------------------------------------------------------------------
# Stocktake report


def render_key_stocktake(report: KeyStocktakeReport, paper: str = "a4") -> bytes:
    """钥匙清点报告: counted, missing and unexpected keys with totals; paginates."""
    p = preset(paper)
    if p.is_roll or p.name == "label_50x30":
        raise ValueError(f"a stocktake report prints on a4 or a5, not {paper!r}")
    styles, label_w = paper_metrics(p)
    width = p.printable_width
    flow: list[Flowable] = header(styles, report.office_name, "钥匙清点报告")
    barcode = Code128Block(report.number, min(width, 80 * mm), bar_height=10 * mm, text_size=9)
    barcode.hAlign = "CENTER"
    flow += [barcode, Spacer(1, 3 * mm)]
    counted_keys = sum(k.key_count for k in report.counted)
    missing_keys = sum(k.key_count for k in report.missing)
    flow.append(
        kv_grid(
            styles,
            [
                ("清点编号", report.number),
                ("清点人", report.done_by),
                ("开始时间", _dt(report.started_at)),
                ("完成时间", _dt(report.finished_at) or "未完成"),
                ("已清点", f"{len(report.counted)} 套 / {counted_keys} 把"),
                ("缺失", f"{len(report.missing)} 套 / {missing_keys} 把"),
                ("异常条码", f"{len(report.unexpected)} 个"),
                ("", ""),
            ],
            width,
            label_w,
        )
    )

    def section(text: str) -> list[Flowable]:
        return [Spacer(1, 5 * mm), para(text, styles.section), Spacer(1, 2 * mm)]

    key_cols = _columns(width, [13 * mm, 30 * mm, None, 28 * mm, 16 * mm, 22 * mm])
    flow += section("一、已清点钥匙")
    flow.append(
        data_table(
            styles,
            ["序号", "钥匙编号", "钥匙名称", "房号/区域", "挂钩", "数量（把）"],
            [
                [str(i), k.code, k.label, k.unit_or_area, k.hook, str(k.key_count)]
                for i, k in enumerate(report.counted, start=1)
            ],
            key_cols,
            ["合计", f"{len(report.counted)} 套", "", "", "", str(counted_keys)],
            align_right=(5,),
        )
    )
    flow += section("二、缺失钥匙（登记在柜但未扫描到）")
    missing_cols = _columns(width, [13 * mm, 28 * mm, None, 26 * mm, 15 * mm, 16 * mm, 26 * mm])
    flow.append(
        data_table(
            styles,
            ["序号", "钥匙编号", "钥匙名称", "房号/区域", "挂钩", "状态", "持有人"],
            [
                [
                    str(i),
                    k.code,
                    k.label,
                    k.unit_or_area,
                    k.hook,
                    _zh(KEY_STATUS_ZH, k.status),
                    k.holder,
                ]
                for i, k in enumerate(report.missing, start=1)
            ],
            missing_cols,
            ["合计", f"{len(report.missing)} 套", "", "", "", "", f"{missing_keys} 把"],
        )
    )
    flow += section("三、异常条码（未登记或状态不符）")
    flow.append(
        data_table(
            styles,
            ["序号", "扫描条码", "原因"],
            [[str(i), u.code, u.reason] for i, u in enumerate(report.unexpected, start=1)],
            _columns(width, [13 * mm, 50 * mm, None]),
            ["合计", f"{len(report.unexpected)} 个", ""],
        )
    )
    if report.notes:
        flow += [Spacer(1, 4 * mm), kv_rows(styles, [("备注", report.notes)], width, label_w, True)]
    closing: list[Flowable] = [
        Spacer(1, 8 * mm),
        *signature_block(
            [Party("清点人签字"), Party("复核人签字")], width, styles.size, sign_height=12 * mm
        ),
        Spacer(1, 2 * mm),
        para(_printed(report.printed_at), styles.small),
    ]
    flow.append(KeepTogether(closing))
    return _layout.render_pages(
        p, flow, f"钥匙清点报告 {report.number}", _layout.page_footer(report.number, p)
    )
