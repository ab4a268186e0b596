"""Fonts for printed slips: the bundled CJK TrueType font, embedded and subset by reportlab.

`DroidSansFallbackFull.ttf` (Apache-2.0) carries the Chinese glyphs but no ASCII letters or
digits, so Latin runs (document numbers, key codes, dates) are set in Bitstream Vera, the
TrueType font reportlab ships with (or `resources/fonts/Vera.ttf` when the installer bundles
it). Both are TrueType outlines: reportlab embeds only the glyphs a slip uses (FontFile2), so a
slip stays a few KB. Never use `UnicodeCIDFont('STSong-Light')`: it is not embedded.

`markup(text)` and `draw_text(canvas, …)` switch between the two fonts run by run.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from app.paths import resource_path

log = logging.getLogger(__name__)

CJK = "PropDeskCJK"
LATIN = "PropDeskLatin"
LATIN_BOLD = "PropDeskLatin-Bold"
CJK_FILE = "DroidSansFallbackFull.ttf"

_lock = threading.Lock()
_cjk_chars: frozenset[int] = frozenset()
_latin_chars: frozenset[int] = frozenset()
_registered = False


def _vera(name: str) -> Path:
    bundled = resource_path("fonts", name)
    if bundled.is_file():
        return bundled
    return Path(reportlab.__file__).resolve().parent / "fonts" / name


def _register_latin() -> frozenset[int]:
    """Vera for Latin runs; without its file (a build that left reportlab's fonts out) fall back
    to the PDF standard Helvetica, which viewers supply but which is then not embedded."""
    global LATIN, LATIN_BOLD
    try:
        latin = TTFont(LATIN, str(_vera("Vera.ttf")))
        latin_bold = TTFont(LATIN_BOLD, str(_vera("VeraBd.ttf")))
    except (OSError, TTFError) as exc:
        log.warning("Latin slip font missing (%s); using non-embedded Helvetica", exc)
        LATIN, LATIN_BOLD = "Helvetica", "Helvetica-Bold"
        return frozenset([*range(0x20, 0x7F), *range(0xA0, 0x100)])
    pdfmetrics.registerFont(latin)
    pdfmetrics.registerFont(latin_bold)
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(LATIN, bold, italic, LATIN_BOLD if bold else LATIN)
    return frozenset(latin.face.charToGlyph)


def register_fonts() -> str:
    """Register the slip fonts with reportlab once (thread-safe, idempotent); returns CJK."""
    global _registered, _cjk_chars, _latin_chars
    if _registered:
        return CJK
    with _lock:
        if _registered:
            return CJK
        cjk = TTFont(CJK, str(resource_path("fonts", CJK_FILE)))
        pdfmetrics.registerFont(cjk)
        # The CJK font has one weight; bold/italic map to it so <b> never falls back to Helvetica.
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(CJK, bold, italic, CJK)
        _cjk_chars = frozenset(cjk.face.charToGlyph)
        _latin_chars = _register_latin()
        _hang_chinese_punctuation()
        _registered = True
    return CJK


# Full-width punctuation that must not start a line (禁则). reportlab's CJK wrapping only knows
# the Japanese set, so "，" and "：" would otherwise open a line; with them listed they hang.
CANNOT_START = "，。、；：！？）》」』】〕〉…—％·"


def _hang_chinese_punctuation() -> None:
    # Both modules hold their own copy: textsplit wraps one-font paragraphs, paragraph the rest.
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    for module in (textsplit, paragraph):
        missing = "".join(ch for ch in CANNOT_START if ch not in module.ALL_CANNOT_START)
        if missing:
            module.ALL_CANNOT_START += missing


def font_for(ch: str, bold: bool = False) -> str:
    """The registered font that has a glyph for `ch` (CJK font when neither has it)."""
    code = ord(ch)
    if code in _latin_chars and (code < 0x2E80 or code not in _cjk_chars):
        return LATIN_BOLD if bold else LATIN
    return CJK


def runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """Split `text` into (font name, text) runs; spaces stay with the run they sit in."""
    register_fonts()
    out: list[tuple[str, str]] = []
    for ch in text:
        font = out[-1][0] if (ch == " " and out) else font_for(ch, bold)
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + ch)
        else:
            out.append((font, ch))
    return out


def markup(text: object, bold: bool = False) -> str:
    """Paragraph markup for plain `text`: XML-escaped, Latin runs in the Latin font."""
    parts = []
    for font, chunk in runs("" if text is None else str(text), bold):
        esc = escape(chunk).replace("\n", "<br/>")
        parts.append(esc if font == CJK else f'<font name="{font}">{esc}</font>')
    return "".join(parts)


def text_width(text: str, size: float, bold: bool = False) -> float:
    return sum(pdfmetrics.stringWidth(chunk, font, size) for font, chunk in runs(text, bold))


def draw_text(
    canvas, x: float, y: float, text: str, size: float, align: str = "left", bold: bool = False
) -> float:
    """Draw one line of mixed text at baseline y; align left/center/right at x. Returns width."""
    width = text_width(text, size, bold)
    if align == "center":
        x -= width / 2
    elif align == "right":
        x -= width
    for font, chunk in runs(text, bold):
        canvas.setFont(font, size)
        canvas.drawString(x, y, chunk)
        x += pdfmetrics.stringWidth(chunk, font, size)
    return width


def fit_text(text: str, size: float, max_width: float, min_size: float = 5.0) -> float:
    """The largest font size ≤ size (≥ min_size) at which `text` fits in max_width."""
    while size > min_size and text_width(text, size) > max_width:
        size -= 0.25
    return size


def ellipsize(text: str, size: float, max_width: float) -> str:
    """Cut `text` with "…" so it fits in max_width at `size`."""
    if text_width(text, size) <= max_width:
        return text
    while text and text_width(text + "…", size) > max_width:
        text = text[:-1]
    return text + "…"
