"""Labels drawn on a canvas: one 50×30 mm label per page on the label printer ("label_50x30"),
or a grid of them on an A4 sticker sheet ("a4") with light cut marks at each cell's corners.

The caller draws one label's face into a box; this module lays the boxes out. The key tags
(app/printing/slips.py) and the kit's `Label` slips (app/kit/slips.py) both print through it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.printing.components import Code128Block
from app.printing.layout import new_canvas
from app.printing.pages import A4, LABEL_50X30

T = TypeVar("T")

# draw_one(canvas, x, y, width, height, item): one label's face inside the box (x, y, w, h).
DrawOne = Callable[[Canvas, float, float, float, float, T], None]

PAPERS = (LABEL_50X30.name, A4.name)


@dataclass(frozen=True)
class LabelSheet:
    """A4 sticker sheet: `columns` × `rows` cells of cell_w × cell_h, the grid centred on the
    page; each label is drawn `padding` inside its cell."""

    columns: int = 4
    rows: int = 9
    cell_w: float = 50 * mm
    cell_h: float = 30 * mm
    padding: float = 1.5 * mm

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    def cell(self, index: int) -> tuple[float, float]:
        """Bottom-left corner of cell `index` on its page (row by row from the top left)."""
        left = (A4.width - self.columns * self.cell_w) / 2
        bottom = (A4.height - self.rows * self.cell_h) / 2
        row, col = divmod(index % self.per_page, self.columns)
        return left + col * self.cell_w, bottom + (self.rows - 1 - row) * self.cell_h


A4_SHEET = LabelSheet()


def corner_marks(c: Canvas, x: float, y: float, w: float, h: float) -> None:
    """Short light cut marks at a cell's corners (no box line near the barcode's quiet zone)."""
    c.setStrokeColor(colors.Color(0.75, 0.75, 0.75))
    c.setLineWidth(0.3)
    tick = 1.5 * mm
    for cx, dx in ((x, tick), (x + w, -tick)):
        for cy, dy in ((y, tick), (y + h, -tick)):
            c.line(cx, cy, cx + dx, cy)
            c.line(cx, cy, cx, cy + dy)


def draw_code128(c: Canvas, value: str, x: float, w: float, bottom: float, top: float) -> None:
    """A label's Code 128 with its text under it, filling the band `bottom`..`top` across `w`
    (bars at most 0.5 mm wide, so a short code keeps wide bars and its quiet zones)."""
    block = Code128Block(value, w, bar_height=0, text_size=9, max_bar=0.5 * mm)
    block.bar_height = top - bottom - block.text_height
    block.barcode.barHeight = block.bar_height
    block.drawOn(c, x, bottom)


def title_of(what: str, codes: Sequence[str]) -> str:
    """The PDF's title: what is printed and the first three codes ("钥匙标签 K00001, K00002 …")."""
    return f"{what} " + ", ".join(codes[:3]) + (" …" if len(codes) > 3 else "")


def render_labels(
    items: Sequence[T],
    draw_one: DrawOne[T],
    paper: str,
    title: str,
    sheet: LabelSheet = A4_SHEET,
) -> bytes:
    """PDF bytes of one label per item: on "label_50x30" one label per page (inside the
    preset's margins); on "a4" `sheet.per_page` to a page, in the sheet's cells."""
    if not items:
        raise ValueError("no labels to print")
    if paper not in PAPERS:
        raise ValueError(f"labels print on {' or '.join(PAPERS)}, not {paper!r}")
    buffer = io.BytesIO()
    if paper == LABEL_50X30.name:
        p = LABEL_50X30
        c = new_canvas(buffer, p.page_size(), title)
        height = p.printable_height or 0.0
        for item in items:
            draw_one(c, p.margin_left, p.margin_bottom, p.printable_width, height, item)
            c.showPage()
    else:
        c = new_canvas(buffer, A4.page_size(), title)
        pad = sheet.padding
        w, h = sheet.cell_w - 2 * pad, sheet.cell_h - 2 * pad
        for i, item in enumerate(items):
            if i and i % sheet.per_page == 0:
                c.showPage()
            x, y = sheet.cell(i)
            corner_marks(c, x, y, sheet.cell_w, sheet.cell_h)
            draw_one(c, x + pad, y + pad, w, h, item)
        c.showPage()
    c.save()
    return buffer.getvalue()
