"""Paper presets as data. Sizes in PDF points (1 mm = 72/25.4 pt).

Receipt rolls have a fixed width and no fixed height: the renderer measures the content and makes
the page exactly as long as it needs (`PagePreset.page_size(content_height)`).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm


@dataclass(frozen=True)
class PagePreset:
    name: str
    title: str  # shown in the UI's paper chooser
    width: float
    height: float | None  # None: a roll, as long as the content
    margin_left: float
    margin_right: float
    margin_top: float
    margin_bottom: float

    @property
    def is_roll(self) -> bool:
        return self.height is None

    @property
    def printable_width(self) -> float:
        return self.width - self.margin_left - self.margin_right

    @property
    def printable_height(self) -> float | None:
        if self.height is None:
            return None
        return self.height - self.margin_top - self.margin_bottom

    def page_size(self, content_height: float = 0.0) -> tuple[float, float]:
        """(width, height); a roll's height is its content plus the top and bottom margins."""
        if self.height is not None:
            return (self.width, self.height)
        return (self.width, content_height + self.margin_top + self.margin_bottom)


A4 = PagePreset("a4", "A4", 210 * mm, 297 * mm, 15 * mm, 15 * mm, 14 * mm, 14 * mm)
A5 = PagePreset("a5", "A5", 148 * mm, 210 * mm, 12 * mm, 12 * mm, 10 * mm, 10 * mm)
# 80 mm thermal roll: the print head covers ~72 mm of it.
RECEIPT_80 = PagePreset("receipt_80", "80 mm 小票", 80 * mm, None, 4 * mm, 4 * mm, 3 * mm, 8 * mm)
# 58 mm thermal roll: ~48 mm printable.
RECEIPT_58 = PagePreset("receipt_58", "58 mm 小票", 58 * mm, None, 5 * mm, 5 * mm, 3 * mm, 8 * mm)
# Label printer: one 50 × 30 mm label per page.
LABEL_50X30 = PagePreset(
    "label_50x30", "50×30 mm 标签", 50 * mm, 30 * mm, 1.5 * mm, 1.5 * mm, 1.5 * mm, 1.5 * mm
)

PRESETS: dict[str, PagePreset] = {p.name: p for p in (A4, A5, RECEIPT_80, RECEIPT_58, LABEL_50X30)}


def preset(name: str) -> PagePreset:
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"unknown paper {name!r}; one of {', '.join(PRESETS)}") from None
