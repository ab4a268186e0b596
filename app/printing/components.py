"""Building blocks of a slip: header, Code 128 and QR blocks, key/value rows, tables, signatures.

All are reportlab flowables; text goes through `fonts.markup` so Chinese and Latin runs each get a
font that has their glyphs, and paragraphs wrap the CJK way (any character may break a line).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.code128 import Code128
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, LongTable, Paragraph, Spacer, Table, TableStyle

from app.printing import fonts
from app.printing.pages import PagePreset

log = logging.getLogger(__name__)

# Bars are snapped to whole dots of a 203 dpi thermal head (0.125 mm) so every bar prints the
# same width; 0.25 mm is the narrowest a cheap CCD scanner reads reliably.
BAR_STEP = 0.125 * mm
MIN_BAR = 0.25 * mm
QUIET_MODULES = 10  # Code 128 quiet zone: at least 10 × the narrow bar on each side

GREY = colors.Color(0.35, 0.35, 0.35)
RULE = colors.Color(0.55, 0.55, 0.55)


@dataclass(frozen=True)
class Styles:
    """Paragraph styles for one base size (receipt 8–9 pt, A5/A4 10 pt)."""

    size: float

    def _style(self, name: str, size: float, align=TA_LEFT, color=colors.black) -> ParagraphStyle:
        fonts.register_fonts()
        return ParagraphStyle(
            name,
            fontName=fonts.CJK,
            fontSize=size,
            leading=round(size * 1.35, 2),
            alignment=align,
            textColor=color,
            wordWrap="CJK",
        )

    @property
    def body(self) -> ParagraphStyle:
        return self._style("body", self.size)

    @property
    def small(self) -> ParagraphStyle:
        return self._style("small", self.size - 1.5, color=GREY)

    @property
    def label(self) -> ParagraphStyle:
        return self._style("label", self.size, color=GREY)

    @property
    def office(self) -> ParagraphStyle:
        return self._style("office", self.size, TA_CENTER)

    @property
    def title(self) -> ParagraphStyle:
        return self._style("title", self.size + 5, TA_CENTER)

    @property
    def section(self) -> ParagraphStyle:
        return self._style("section", self.size + 1.5)

    @property
    def center(self) -> ParagraphStyle:
        return self._style("center", self.size, TA_CENTER)

    @property
    def right(self) -> ParagraphStyle:
        return self._style("right", self.size, TA_RIGHT)


def para(text: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(fonts.markup(text), style)


def _bar_width(modules: float, avail: float, max_bar: float) -> float:
    """Widest bar (snapped to BAR_STEP, ≤ max_bar) at which the code and its quiet zones fit."""
    fit = avail / (modules + 2 * QUIET_MODULES)
    snapped = int(fit / BAR_STEP) * BAR_STEP
    if snapped >= MIN_BAR:
        return min(snapped, max_bar)
    return fit  # a very long code: narrower than a cheap scanner likes, but still on the paper


def code128_modules(value: str) -> float:
    return Code128(value, barWidth=1, quiet=0).width


def code128_bar_width(value: str, avail: float, max_bar: float = 0.375 * mm) -> float:
    return _bar_width(code128_modules(value), avail, max_bar)


class Code128Block(Flowable):
    """A Code 128 barcode centred in `width` with its quiet zones and the text under it."""

    def __init__(
        self,
        value: str,
        width: float,
        bar_height: float = 10 * mm,
        text_size: float = 8,
        max_bar: float = 0.375 * mm,
        show_text: bool = True,
    ) -> None:
        super().__init__()
        self.value = value
        self.block_width = width
        self.bar_height = bar_height
        self.text_size = text_size
        self.show_text = show_text
        self.bar_width = code128_bar_width(value, width, max_bar)
        self.barcode = Code128(
            value, barWidth=self.bar_width, barHeight=bar_height, quiet=0, humanReadable=0
        )

    @property
    def text_height(self) -> float:
        return self.text_size * 1.25 if self.show_text else 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return (self.block_width, self.bar_height + self.text_height)

    def draw(self) -> None:
        c = self.canv
        x = (self.block_width - self.barcode.width) / 2
        self.barcode.drawOn(c, x, self.text_height)
        if self.show_text:
            c.setFillColor(colors.black)
            size = fonts.fit_text(self.value, self.text_size, self.block_width)
            fonts.draw_text(c, self.block_width / 2, size * 0.3, self.value, size, "center")


class QrBlock(Flowable):
    """A QR code (error correction M) `size` points square, centred in `width`."""

    def __init__(self, value: str, size: float = 20 * mm, width: float | None = None) -> None:
        super().__init__()
        self.value = value
        self.size = size
        self.block_width = width or size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return (self.block_width, self.size)

    def draw(self) -> None:
        widget = QrCodeWidget(self.value, barLevel="M", barBorder=4)
        x0, y0, x1, y1 = widget.getBounds()
        drawing = Drawing(
            self.size,
            self.size,
            transform=[self.size / (x1 - x0), 0, 0, self.size / (y1 - y0), 0, 0],
        )
        drawing.add(widget)
        renderPDF.draw(drawing, self.canv, (self.block_width - self.size) / 2, 0)


def header(
    styles: Styles, office_name: str, title: str, number: str = "", number_label: str = "编号"
) -> list[Flowable]:
    """Office name, the form's Chinese title and its document number, centred."""
    out: list[Flowable] = [para(office_name, styles.office), Spacer(1, 1 * mm)]
    out.append(para(title, styles.title))
    if number:
        out += [Spacer(1, 1.5 * mm), para(f"{number_label}：{number}", styles.center)]
    out.append(Spacer(1, 1.5 * mm))
    return out


def label_width_for(labels: Sequence[str], size: float, width: float, boxed: bool) -> float:
    """Widest label (with its "：" and padding), at most 40 % of the width."""
    pad = 8 if boxed else 3
    suffix = "" if boxed else "："
    widest = max((fonts.text_width(label + suffix, size) for label in labels), default=0)
    return min(widest + pad + 1, width * 0.4)


def kv_rows(
    styles: Styles,
    rows: Sequence[tuple[str, object]],
    width: float,
    label_width: float | None = None,
    boxed: bool = False,
) -> Table:
    """Label/value rows; long values wrap inside their column (CJK wrapping).

    Without `label_width` the column is as wide as the widest label.
    """
    if label_width is None:
        label_width = label_width_for([r[0] for r in rows], styles.size, width, boxed)
    data = [
        [para(f"{label}：" if not boxed else label, styles.label), para(value or "", styles.body)]
        for label, value in rows
    ]
    table = Table(data, colWidths=[label_width, width - label_width], hAlign="LEFT")
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.LATIN),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0 if not boxed else 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2 if not boxed else 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5 if not boxed else 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 if not boxed else 2.5),
    ]
    if boxed:
        commands += [
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("BACKGROUND", (0, 0), (0, -1), colors.Color(0.94, 0.94, 0.94)),
        ]
    table.setStyle(TableStyle(commands))
    return table


def data_table(
    styles: Styles,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    col_widths: Sequence[float],
    total: Sequence[object] | None = None,
    align_right: Sequence[int] = (),
) -> LongTable:
    """A gridded table whose header row repeats on every page; optional bold-ruled total row."""
    head = [para(h, styles.label) for h in headers]
    body = []
    for row in rows:
        body.append(
            [para(v, styles.right if i in align_right else styles.body) for i, v in enumerate(row)]
        )
    if not body:
        body.append([para("（无）", styles.label)] + [""] * (len(headers) - 1))
    data = [head, *body]
    if total is not None:
        data.append(
            [
                para(v, styles.right if i in align_right else styles.body)
                for i, v in enumerate(total)
            ]
        )
    table = LongTable(data, colWidths=list(col_widths), repeatRows=1, hAlign="LEFT")
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.LATIN),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if not rows:
        commands.append(("SPAN", (0, 1), (-1, 1)))
    if total is not None:
        commands += [
            ("LINEABOVE", (0, -1), (-1, -1), 1.2, colors.black),
            ("BACKGROUND", (0, -1), (-1, -1), colors.Color(0.96, 0.96, 0.96)),
        ]
    table.setStyle(TableStyle(commands))
    return table


@dataclass(frozen=True)
class Party:
    """One signing party: the line's label, an optional captured signature and date text."""

    label: str  # 借用人签字
    signature_png: bytes | None = None
    date_text: str = ""
    date_label: str = "日期"


class SignatureLine(Flowable):
    """`借用人签字：________  日期：______`, with the captured signature drawn on the line.

    Receipt rolls (narrower than 90 mm) put the date line under the signature line, so the
    signature line is long enough to sign on.
    """

    def __init__(self, party: Party, width: float, size: float = 9, sign_height: float = 11 * mm):
        super().__init__()
        self.party = party
        self.block_width = width
        self.size = size
        self.sign_height = sign_height
        self.stacked = width < 90 * mm
        self.row_gap = size * 1.6

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        height = self.sign_height + self.size * 0.6
        if self.stacked:
            height += self.row_gap + self.size * 0.4
        return (self.block_width, height)

    def _line(self, x: float, y: float, label: str, length: float) -> tuple[float, float]:
        """Label at (x, y) then a rule to x+length; returns where the rule starts and ends."""
        c = self.canv
        c.setFillColor(colors.black)
        text = f"{label}："
        w = fonts.draw_text(c, x, y, text, self.size)
        c.setStrokeColor(colors.black)
        c.setLineWidth(0.6)
        c.line(x + w + 1, y - 1.5, x + length, y - 1.5)
        return (x + w + 1, x + length)

    def draw(self) -> None:
        p = self.party
        size = self.size
        date_label = p.date_label
        if self.stacked:
            date_y = size * 0.4
            line_y = date_y + self.row_gap + size * 0.2
            start, end = self._line(0, line_y, p.label, self.block_width)
            if date_label:
                dstart, _ = self._line(0, date_y, date_label, self.block_width)
                if p.date_text:
                    fonts.draw_text(self.canv, dstart + 2, date_y + 0.5, p.date_text, size - 0.5)
        else:
            line_y = size * 0.6
            date_w = max(30 * mm, fonts.text_width(f"{date_label}：", size) + 22 * mm)
            sign_len = self.block_width - (date_w + 4 * mm if date_label else 0)
            start, end = self._line(0, line_y, p.label, sign_len)
            if date_label:
                dstart, _ = self._line(sign_len + 4 * mm, line_y, date_label, date_w)
                if p.date_text:
                    fonts.draw_text(self.canv, dstart + 2, line_y + 0.5, p.date_text, size - 0.5)
        if p.signature_png:
            self._draw_signature(p.signature_png, start, end, line_y)

    def _draw_signature(self, png: bytes, start: float, end: float, line_y: float) -> None:
        reader = signature_image(png)
        if reader is None:  # unreadable image: leave the line blank for a pen
            return
        iw, ih = reader.getSize()
        box_w = end - start - 2
        box_h = self.sign_height - 1
        scale = min(box_w / iw, box_h / ih)
        w, h = iw * scale, ih * scale
        # Sit on the rule: the ink's baseline a little below it, as a pen signature would.
        self.canv.drawImage(reader, start + 1, line_y - 3, w, h, mask="auto")


def signature_image(png: bytes) -> ImageReader | None:
    """The captured signature as an image reportlab can draw, or None when it is unreadable."""
    try:
        reader = ImageReader(io.BytesIO(png))
        width, height = reader.getSize()
        reader.getRGBData()  # decodes the pixels: a truncated PNG fails here, not mid-PDF
    except Exception:
        log.warning("signature image unreadable (%d bytes); printing a blank line", len(png))
        return None
    return reader if width > 0 and height > 0 else None


def signature_block(
    parties: Sequence[Party], width: float, size: float, sign_height: float = 11 * mm
) -> list[Flowable]:
    out: list[Flowable] = []
    for party in parties:
        out.append(SignatureLine(party, width, size, sign_height))
        out.append(Spacer(1, 1 * mm))
    return out


def kv_grid(
    styles: Styles,
    pairs: Sequence[tuple[str, object]],
    width: float,
    label_width: float,
    columns: int = 2,
) -> Table:
    """Boxed label/value cells, `columns` pairs per row (form header of A4/A5 sheets)."""
    value_width = width / columns - label_width
    data = []
    for start in range(0, len(pairs), columns):
        row: list[object] = []
        chunk = list(pairs[start : start + columns])
        chunk += [("", "")] * (columns - len(chunk))
        for label, value in chunk:
            row += [para(label, styles.label), para(value or "", styles.body)]
        data.append(row)
    table = Table(data, colWidths=[label_width, value_width] * columns, hAlign="LEFT")
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.LATIN),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for col in range(0, 2 * columns, 2):
        commands.append(("BACKGROUND", (col, 0), (col, -1), colors.Color(0.94, 0.94, 0.94)))
    table.setStyle(TableStyle(commands))
    return table


def paper_metrics(p: PagePreset) -> tuple[Styles, float]:
    """(styles, label column width) for a paper: receipts 8–9 pt, A5/A4 9.5–10 pt."""
    if p.name == "receipt_58":
        return Styles(8), 15 * mm
    if p.name == "receipt_80":
        return Styles(9), 17 * mm
    if p.name == "a5":
        return Styles(9.5), 21 * mm
    return Styles(10), 22 * mm


class CutRule(Flowable):
    """A dashed line across a roll: where one part of a slip ends and the next begins."""

    def __init__(self, width: float, height: float = 3 * mm) -> None:
        super().__init__()
        self.line_width = width
        self.line_height = height

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return (self.line_width, self.line_height)

    def draw(self) -> None:
        self.canv.setStrokeColor(colors.Color(0.5, 0.5, 0.5))
        self.canv.setLineWidth(0.5)
        self.canv.setDash(2, 2)
        self.canv.line(0, self.line_height / 2, self.line_width, self.line_height / 2)
