"""Reading printed PDFs back in tests: text (pypdfium2), Code 128 barcodes (zxing-cpp from a
300 dpi render), page sizes, images, embedded fonts; and a captured-signature PNG to print.

Shared by tests/app/test_printing.py and tests/app/test_archives.py (`from pdf_helpers import …`;
pytest puts tests/ on sys.path for its conftest.py).
"""

from __future__ import annotations

import io
import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import zxingcpp
from PIL import Image, ImageDraw


def page_texts(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]


def all_text(pdf: bytes) -> str:
    return "\n".join(page_texts(pdf))


def flat(text: str) -> str:
    """Text without whitespace: table cells and runs come back with spaces or line breaks."""
    return re.sub(r"\s+", "", text)


def render(pdf: bytes, page: int = 0, dpi: int = 300) -> Image.Image:
    return pdfium.PdfDocument(pdf)[page].render(scale=dpi / 72).to_pil().convert("L")


def code128s(pdf: bytes, page: int = 0, dpi: int = 300) -> list[str]:
    found = zxingcpp.read_barcodes(render(pdf, page, dpi))
    return [r.text for r in found if r.format == zxingcpp.BarcodeFormat.Code128]


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    doc = pdfium.PdfDocument(pdf)
    return [tuple(doc[i].get_size()) for i in range(len(doc))]  # type: ignore[misc]


def image_count(pdf: bytes) -> int:
    doc = pdfium.PdfDocument(pdf)
    return sum(
        len(list(doc[i].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3)))
        for i in range(len(doc))
    )


def assert_fonts_embedded(pdf: bytes) -> None:
    """Every font is an embedded TrueType subset (FontFile2); no STSong, no bare Helvetica."""
    base_fonts = re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-]+)", pdf)
    assert base_fonts, "no fonts at all?"
    assert not [f for f in base_fonts if b"STSong" in f or f == b"Helvetica"], base_fonts
    descriptors = len(re.findall(rb"/Type\s*/FontDescriptor", pdf))
    assert descriptors >= 1
    assert len(re.findall(rb"/FontFile2\s+\d+\s+0\s+R", pdf)) == descriptors
    assert any(b"DroidSansFallback" in f for f in base_fonts)


def signature_png(color: tuple[int, int, int] = (0, 0, 140)) -> bytes:
    im = Image.new("RGBA", (300, 100), (255, 255, 255, 0))
    ImageDraw.Draw(im).line(
        [(10, 70), (60, 20), (100, 80), (150, 30), (200, 75), (280, 40)], fill=color, width=6
    )
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()
