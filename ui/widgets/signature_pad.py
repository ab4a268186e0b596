"""On-screen signatures (双方签字) with a pen pad or the mouse.

`SignaturePad` is the drawing surface: strokes from the mouse or a tablet pen (pressure changes
the width), smoothed through the midpoints of successive points. `to_png()` crops to the ink and
returns a small white-background greyscale PNG (well under 100 KB) for
`app.services.signatures.store_signature`.

`SignatureField` is what forms use: the pad, a Clear button and the signer's name, and
`signature() -> SignatureInput | None`. The pad takes no keyboard focus, so a clerk who tabs
through a form skips it; an empty pad means the slip prints blank signature lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.services.signatures import SignatureInput
from ui.icons import icon

INK = QColor("#0d1b4c")  # dark blue-black, like a ballpoint
BASE_WIDTH = 2.6
MAX_PNG_SIZE = QSize(600, 200)  # enough for a slip's signature box at 300 dpi
MARGIN = 8


@dataclass
class _Stroke:
    points: list[QPointF] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)


def _stroke_path(points: list[QPointF]) -> QPainterPath:
    """A smooth path: quadratic curves through the midpoints, the points as control points."""
    path = QPainterPath(points[0])
    if len(points) == 1:
        path.lineTo(points[0] + QPointF(0.1, 0.1))  # a dot
        return path
    if len(points) == 2:
        path.lineTo(points[1])
        return path
    for i in range(1, len(points) - 1):
        mid = (points[i] + points[i + 1]) / 2
        path.quadTo(points[i], mid)
    path.lineTo(points[-1])
    return path


class SignaturePad(QWidget):
    changed = Signal()  # a stroke was added or the pad was cleared

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[_Stroke] = []
        self._current: _Stroke | None = None
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keyboard users skip it
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setAttribute(Qt.WidgetAttribute.WA_TabletTracking, False)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setMinimumSize(320, 110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(self.tr("Sign here with the pen or the mouse"))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(420, 140)

    # --- state ------------------------------------------------------------------------------

    def is_empty(self) -> bool:
        return not any(s.points for s in self._strokes)

    def clear(self) -> None:
        self._strokes.clear()
        self._current = None
        self.update()
        self.changed.emit()

    def stroke_count(self) -> int:
        return len(self._strokes)

    # --- input ------------------------------------------------------------------------------

    def _begin(self, pos: QPointF, width: float) -> None:
        self._current = _Stroke([pos], [width])
        self._strokes.append(self._current)
        self.update()

    def _extend(self, pos: QPointF, width: float) -> None:
        if self._current is None:
            return
        last = self._current.points[-1]
        if (pos - last).manhattanLength() < 1.0:
            return
        self._current.points.append(pos)
        self._current.widths.append(width)
        self.update()

    def _end(self) -> None:
        if self._current is not None:
            self._current = None
            self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position(), BASE_WIDTH)
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._current is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position(), BASE_WIDTH)
            event.accept()
        else:
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self._current is not None:
            self._extend(event.position(), BASE_WIDTH)
            self._end()
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802
        pressure = event.pressure() if event.pressure() > 0 else 0.5
        width = BASE_WIDTH * (0.5 + pressure)
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position(), width)
        elif kind == QTabletEvent.Type.TabletMove:
            self._extend(event.position(), width)
        elif kind == QTabletEvent.Type.TabletRelease:
            self._extend(event.position(), width)
            self._end()
        event.accept()  # no synthesised mouse events on top of the pen's

    # --- drawing ----------------------------------------------------------------------------

    def _paint_strokes(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for stroke in self._strokes:
            if not stroke.points:
                continue
            width = sum(stroke.widths) / len(stroke.widths)
            pen = QPen(INK, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(_stroke_path(stroke.points))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        painter.setPen(QPen(QColor("#b0bec5"), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        base_y = self.height() - 28
        painter.setPen(QPen(QColor("#cfd8dc"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(16, base_y, self.width() - 16, base_y)
        if self.is_empty():
            painter.setPen(QColor("#90a4ae"))
            painter.drawText(
                self.rect().adjusted(0, 0, 0, -32),
                Qt.AlignmentFlag.AlignCenter,
                self.tr("Sign here (pen or mouse)"),
            )
        self._paint_strokes(painter)
        painter.end()

    # --- export -----------------------------------------------------------------------------

    def ink_rect(self) -> QRectF:
        rect = QRectF()
        for stroke in self._strokes:
            for i, p in enumerate(stroke.points):
                w = stroke.widths[i] if i < len(stroke.widths) else BASE_WIDTH
                rect = rect.united(QRectF(p.x() - w, p.y() - w, 2 * w, 2 * w))
        return rect

    def to_image(self) -> QImage:
        """The ink cropped with a small margin, white background, at most MAX_PNG_SIZE."""
        if self.is_empty():
            return QImage()
        ink = self.ink_rect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        # fit MAX_PNG_SIZE; small ink is drawn up to 2× larger so it prints sharp
        scale = min(
            2.0,
            MAX_PNG_SIZE.width() / max(ink.width(), 1.0),
            MAX_PNG_SIZE.height() / max(ink.height(), 1.0),
        )
        size = QSize(max(1, round(ink.width() * scale)), max(1, round(ink.height() * scale)))
        image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.scale(scale, scale)
        painter.translate(-ink.topLeft())
        self._paint_strokes(painter)
        painter.end()
        return image.convertToFormat(QImage.Format.Format_Grayscale8)

    def to_png(self) -> bytes:
        """PNG bytes of the signature (b'' when empty)."""
        image = self.to_image()
        if image.isNull():
            return b""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG", 9)
        buffer.close()
        return bytes(data.data())


class SignatureField(QWidget):
    """Pad + Clear + signer's name, for record forms and slip dialogs."""

    changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        with_name: bool = True,
        signer_name: str = "",
        caption: str = "",
    ) -> None:
        super().__init__(parent)
        self.pad = SignaturePad(self)
        self.clear_button = QPushButton(icon("clear"), self.tr("Clear"), self)
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.clicked.connect(self.pad.clear)
        self.name_edit = QLineEdit(signer_name, self)
        self.name_edit.setPlaceholderText(self.tr("Signer's name"))
        self.name_edit.setMaxLength(64)
        self.name_edit.setVisible(with_name)
        self.pad.changed.connect(self.changed)
        self.name_edit.textChanged.connect(self.changed)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.name_edit, 1)
        row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if caption:
            layout.addWidget(QLabel(caption, self))
        layout.addWidget(self.pad)
        layout.addLayout(row)

    def is_empty(self) -> bool:
        return self.pad.is_empty()

    def clear(self) -> None:
        self.pad.clear()

    def signer_name(self) -> str:
        return self.name_edit.text().strip()

    def set_signer_name(self, name: str) -> None:
        self.name_edit.setText(name)

    def signature(self) -> SignatureInput | None:
        """None when nothing was drawn (the slip prints blank signature lines)."""
        if self.pad.is_empty():
            return None
        return SignatureInput(png=self.pad.to_png(), signer_name=self.signer_name())
