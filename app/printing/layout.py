"""Flowables to PDF bytes on a page preset: rolls as long as their content, sheets paginated."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from app.printing import fonts
from app.printing.pages import PagePreset

FooterFn = Callable[[Canvas, int, int], None]  # (canvas, page number, page count)


def new_canvas(buffer: io.BytesIO, size: tuple[float, float], title: str) -> Canvas:
    fonts.register_fonts()
    c = Canvas(buffer, pagesize=size, pageCompression=1, initialFontName=fonts.LATIN)
    c.setTitle(title)
    c.setAuthor("PropDesk")
    c.setCreator("PropDesk")
    return c


def _aligned_x(flowable: Flowable, avail: float, width: float) -> float:
    align = str(getattr(flowable, "hAlign", "LEFT")).upper()
    if align in ("CENTER", "CENTRE"):
        return (avail - width) / 2
    if align == "RIGHT":
        return avail - width
    return 0.0


def render_roll(preset: PagePreset, flowables: Sequence[Flowable], title: str) -> bytes:
    """One page exactly as long as the content (receipt rolls)."""
    avail = preset.printable_width
    sizes = [f.wrap(avail, 1e6) for f in flowables]
    content_height = sum(h for _, h in sizes)
    buffer = io.BytesIO()
    c = new_canvas(buffer, preset.page_size(content_height), title)
    _, page_h = preset.page_size(content_height)
    y = page_h - preset.margin_top
    for flowable, (w, h) in zip(flowables, sizes, strict=True):
        y -= h
        flowable.drawOn(c, preset.margin_left + _aligned_x(flowable, avail, w), y)
    c.showPage()
    c.save()
    return buffer.getvalue()


def _numbered_canvas(footer: FooterFn | None) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Keeps every page until save() so the footer can say 第 x 页 / 共 y 页."""

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                if footer:
                    footer(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def page_footer(left: str, preset: PagePreset) -> FooterFn:
    """Footer line: document number on the left, 第 x 页 / 共 y 页 on the right."""

    def draw(c: Canvas, number: int, total: int) -> None:
        c.saveState()
        c.setFillColor(colors.Color(0.35, 0.35, 0.35))
        y = preset.margin_bottom * 0.45
        fonts.draw_text(c, preset.margin_left, y, left, 8)
        fonts.draw_text(
            c, preset.width - preset.margin_right, y, f"第 {number} 页 / 共 {total} 页", 8, "right"
        )
        c.restoreState()

    return draw


def render_pages(
    preset: PagePreset, flowables: Sequence[Flowable], title: str, footer: FooterFn | None = None
) -> bytes:
    """Flow onto as many fixed-size pages as needed (A4, A5), with a numbered footer."""
    if preset.is_roll:
        return render_roll(preset, flowables, title)
    fonts.register_fonts()
    buffer = io.BytesIO()
    width, height = preset.page_size()
    frame = Frame(
        preset.margin_left,
        preset.margin_bottom,
        preset.printable_width,
        height - preset.margin_top - preset.margin_bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc = BaseDocTemplate(
        buffer,
        pagesize=(width, height),
        pageTemplates=[PageTemplate(id="page", frames=[frame])],
        title=title,
        author="PropDesk",
        creator="PropDesk",
        initialFontName=fonts.LATIN,
        leftMargin=preset.margin_left,
        rightMargin=preset.margin_right,
        topMargin=preset.margin_top,
        bottomMargin=preset.margin_bottom,
    )
    doc.build(list(flowables), canvasmaker=_numbered_canvas(footer))
    return buffer.getvalue()
