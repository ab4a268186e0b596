"""Preview, print and save the PDFs app.printing makes (slips, labels, sheets).

The printer gets each page at the PDF's own paper size with zero margins, so an 80 mm slip comes
out of an 80 mm receipt printer and an A4 sheet out of an A4 printer, unscaled. Pages are
rendered by QtPdf at the printer's resolution (capped at MAX_DPI) and painted full page.

    PdfPreviewDialog(pdf_bytes, "钥匙借用单 JY-2026-00017", parent).exec()
    print_pdf(pdf_bytes, printer)   # also used by tests with a QPrinter writing a PDF file
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSize, QSizeF, Qt
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.errors import show_error
from ui.icons import icon

log = logging.getLogger(__name__)

MM_PER_POINT = 25.4 / 72.0
MAX_DPI = 600  # receipt printers are 203 dpi, office lasers 600; more only costs memory


class PdfError(Exception):
    pass


def load_pdf(pdf_bytes: bytes, parent: object = None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over the bytes. Keep the returned buffer alive as long as the document."""
    data = QByteArray(pdf_bytes)
    buffer = QBuffer(parent)  # type: ignore[arg-type]
    buffer.setData(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)  # type: ignore[arg-type]
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise PdfError(f"cannot read the PDF: {document.error()}")
    return document, buffer


def page_size_mm(document: QPdfDocument, page: int) -> QSizeF:
    points = document.pagePointSize(page)
    return QSizeF(points.width() * MM_PER_POINT, points.height() * MM_PER_POINT)


def page_layout_for(size_mm: QSizeF) -> QPageLayout:
    """Zero-margin layout of exactly this paper size (portrait; landscape pages keep w > h)."""
    portrait = size_mm.width() <= size_mm.height()
    paper = size_mm if portrait else QSizeF(size_mm.height(), size_mm.width())
    page_size = QPageSize(
        paper, QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.FuzzyMatch
    )
    orientation = (
        QPageLayout.Orientation.Portrait if portrait else QPageLayout.Orientation.Landscape
    )
    return QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def print_pdf(pdf_bytes: bytes, printer: QPrinter) -> int:
    """Print every page at its own paper size, full page; returns the number of pages printed."""
    document, buffer = load_pdf(pdf_bytes)
    try:
        printer.setFullPage(True)
        printer.setPageLayout(page_layout_for(page_size_mm(document, 0)))
        painter = QPainter()
        if not painter.begin(printer):
            raise PdfError("the printer could not be started")
        try:
            for page in range(document.pageCount()):
                if page:
                    printer.setPageLayout(page_layout_for(page_size_mm(document, page)))
                    printer.newPage()
                _paint_page(document, page, printer, painter)
        finally:
            painter.end()
        return document.pageCount()
    finally:
        document.close()
        buffer.close()


def _paint_page(document: QPdfDocument, page: int, printer: QPrinter, painter: QPainter) -> None:
    dpi = min(printer.resolution(), MAX_DPI)
    target = printer.pageLayout().fullRectPixels(printer.resolution())
    points = document.pagePointSize(page)
    pixels = QSize(
        max(1, round(points.width() / 72 * dpi)), max(1, round(points.height() / 72 * dpi))
    )
    image = document.render(page, pixels)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(target, image)


class PdfPreviewDialog(QDialog):
    """The PDF on screen (all pages, fit to width) with Print (Ctrl+P) and Save as PDF."""

    def __init__(self, pdf_bytes: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("pdf_preview")
        self._bytes = bytes(pdf_bytes)
        self._title = title
        self.document, self._buffer = load_pdf(self._bytes, self)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)

        size = page_size_mm(self.document, 0)
        self.info_label = QLabel(
            self.tr("{pages} page(s), {w:.0f} × {h:.0f} mm").format(
                pages=self.document.pageCount(), w=size.width(), h=size.height()
            ),
            self,
        )
        zoom_in = QPushButton(icon("zoom_in"), "", self)
        zoom_in.setToolTip(self.tr("Zoom in (Ctrl++)"))
        zoom_in.clicked.connect(lambda: self._zoom(1.25))
        zoom_out = QPushButton(icon("zoom_out"), "", self)
        zoom_out.setToolTip(self.tr("Zoom out (Ctrl+-)"))
        zoom_out.clicked.connect(lambda: self._zoom(0.8))
        fit = QPushButton(self.tr("Fit width"), self)
        fit.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        for button in (zoom_in, zoom_out, fit):
            button.setAutoDefault(False)

        self.buttons = QDialogButtonBox(self)
        self.print_button = self.buttons.addButton(
            self.tr("Print…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.print_button.setIcon(icon("print"))
        self.print_button.setToolTip(self.tr("Print (Ctrl+P)"))
        self.save_button = self.buttons.addButton(
            self.tr("Save as PDF…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.setIcon(icon("pdf"))
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        self.print_button.setDefault(True)

        for keys, slot in (
            (QKeySequence.StandardKey.Print, self.print_document),
            (QKeySequence.StandardKey.ZoomIn, lambda: self._zoom(1.25)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self._zoom(0.8)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)

        tools = QHBoxLayout()
        tools.addWidget(self.info_label, 1)
        tools.addWidget(zoom_out)
        tools.addWidget(zoom_in)
        tools.addWidget(fit)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        wide = size.width() > 120  # an A4 sheet wants more room than an 80 mm slip
        self.resize(820 if wide else 520, 900 if wide else 760)

    def pdf_bytes(self) -> bytes:
        return self._bytes

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.1, min(8.0, self.view.zoomFactor() * factor)))

    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._title)
        printer.setFullPage(True)
        printer.setPageLayout(page_layout_for(page_size_mm(self.document, 0)))
        return printer

    def print_document(self) -> bool:
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print {title}").format(title=self._title))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            print_pdf(self._bytes, printer)
        except Exception as exc:  # noqa: BLE001 - shown to the clerk, logged if unexpected
            show_error(self, exc)
            return False
        return True

    def save_as(self, path: str | None = None) -> Path | None:
        if path is None:
            safe = "".join(c for c in self._title if c not in '\\/:*?"<>|').strip() or "document"
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save as PDF"), f"{safe}.pdf", self.tr("PDF document (*.pdf)")
            )
            if not path:
                return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            Path(path).write_bytes(self._bytes)
        except OSError as exc:
            log.warning("saving %s failed: %s", path, exc)
            QMessageBox.warning(
                self,
                self.tr("Not saved"),
                self.tr("The file could not be saved: {error}").format(error=exc.strerror or exc),
            )
            return None
        return Path(path)

    def keyPressEvent(self, event) -> None:  # noqa: N802, ANN001
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)
