"""清点 — stocktake of the key cabinet: scan every tag, then Finish.

Start opens a stocktake (QD-…). Each scan is recorded at once and answered in the feedback line:
counted (green), scanned before (amber) or unexpected (red: unknown code, or a key that should not
be in the cabinet). Running counts show how far the count is. Finish (Ctrl+Enter) closes the
stocktake and lists the missing keys and the unexpected scans; Print report opens the sheet.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import PropDeskError, ValidationError
from app.services import keys, listing
from app.services.keys import StocktakeResult
from app.services.listing import ListRequest
from ui.context import UiContext
from ui.dialogs.key_common import ScanEdit, preview_pdf
from ui.errors import show_error
from ui.i18n import tr_msg
from ui.icons import icon
from ui.lazy import lazy_import
from ui.widgets.pdf_preview import PdfPreviewDialog

documents = lazy_import("app.services.keys.printing")  # reportlab loads on first print

COLORS = {"counted": "#2e7d32", "duplicate": "#ef6c00", "unexpected": "#c62828"}
BACKGROUNDS = {"counted": "#e8f5e9", "duplicate": "#fff3e0", "unexpected": "#ffebee"}


class KeyStocktakeDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stocktake_id: int | None = None
        self.result: StocktakeResult | None = None
        self.counts = {"counted": 0, "duplicate": 0, "unexpected": 0}
        self.preview: PdfPreviewDialog | None = None
        self.setObjectName("key_stocktake_dialog")
        self.setWindowTitle(self.tr("Key stocktake (清点)"))

        self.number_label = QLabel(self.tr("Not started."), self)
        font = self.number_label.font()
        font.setBold(True)
        self.number_label.setFont(font)
        self.start_button = QPushButton(icon("stocktake"), self.tr("Start stocktake"), self)
        self.start_button.clicked.connect(self.start)
        self.scan_edit = ScanEdit(self)
        self.scan_edit.setObjectName("stocktake_scan")
        self.scan_edit.setPlaceholderText(self.tr("Scan each key tag in the cabinet"))
        self.scan_edit.setEnabled(False)
        self.scan_edit.scanned.connect(self.scan)
        self.feedback = QLabel(" ", self)
        self.feedback.setObjectName("stocktake_feedback")
        self.feedback.setWordWrap(True)
        self.feedback.setMinimumHeight(self.feedback.fontMetrics().height() * 2 + 12)
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("stocktake_counts")
        self.scans = QListWidget(self)
        self.scans.setObjectName("stocktake_scans")
        self.scans.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.missing_list = QListWidget(self)
        self.missing_list.setObjectName("stocktake_missing")
        self.unexpected_list = QListWidget(self)
        self.unexpected_list.setObjectName("stocktake_unexpected")
        self.missing_title = QLabel(self.tr("Missing (should be in the cabinet, not scanned)"))
        self.unexpected_title = QLabel(self.tr("Unexpected scans"))
        self.results = QWidget(self)
        results = QHBoxLayout(self.results)
        results.setContentsMargins(0, 0, 0, 0)
        for title, widget in (
            (self.missing_title, self.missing_list),
            (self.unexpected_title, self.unexpected_list),
        ):
            column = QVBoxLayout()
            column.addWidget(title)
            column.addWidget(widget)
            results.addLayout(column)
        self.results.setVisible(False)

        self.finish_button = QPushButton(icon("ok"), self.tr("Finish (Ctrl+Enter)"), self)
        self.finish_button.setEnabled(False)
        self.finish_button.clicked.connect(self.finish)
        self.print_button = QPushButton(icon("print"), self.tr("Print report"), self)
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_report)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.reject)
        for b in (self.start_button, self.finish_button, self.print_button, self.close_button):
            b.setAutoDefault(False)
        self.start_button.setDefault(True)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self).activated.connect(self.finish)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self).activated.connect(
            self.print_report
        )

        top = QHBoxLayout()
        top.addWidget(self.number_label, 1)
        top.addWidget(self.start_button)
        form = QFormLayout()
        form.addRow(self.tr("Scan"), self.scan_edit)
        form.addRow("", self.feedback)
        form.addRow(self.tr("So far"), self.counts_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.finish_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(self.scans, 1)
        layout.addWidget(self.results, 1)
        layout.addLayout(buttons)
        try:
            self.expected = listing.count(
                ctx.actor, "keys", ListRequest(filters=(("status", "in_cabinet"),))
            )
        except PropDeskError:
            self.expected = 0
        self._show_counts()
        self.resize(640, 560)
        self.start_button.setFocus()

    # --- steps --------------------------------------------------------------------------------

    def start(self) -> bool:
        try:
            self.stocktake_id = keys.start_stocktake(self.ctx.actor)
            result = keys.stocktake_result(self.ctx.actor, self.stocktake_id)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return False
        self.number_label.setText(
            self.tr("Stocktake {number} — scan every key in the cabinet.").format(
                number=result.number
            )
        )
        self.number = result.number
        self.start_button.setEnabled(False)
        self.start_button.setDefault(False)
        self.scan_edit.setEnabled(True)
        self.finish_button.setEnabled(True)
        self.scan_edit.setFocus()
        self.ctx.bus.register_changed.emit("key_stocktakes")
        return True

    def scan(self, code: str) -> str | None:
        if self.stocktake_id is None:
            return None
        try:
            outcome = keys.record_stocktake_scan(self.ctx.actor, self.stocktake_id, code)
        except ValidationError as exc:
            self._feedback("unexpected", "  ".join(tr_msg(m) for m in exc.errors.values()))
            return None
        except Exception as exc:  # noqa: BLE001 - database gone etc.: shown, scan again
            show_error(self, exc)
            return None
        code = code.strip().upper()
        try:
            name = keys.find_key(self.ctx.actor, code).label
        except PropDeskError:
            name = ""
        texts = {
            "counted": self.tr("✓ {code} {label}: counted."),
            "duplicate": self.tr("{code} {label}: scanned before — not counted twice."),
            "unexpected": self.tr(
                "✗ {code} {label}: unexpected — not a key that belongs in the cabinet now."
            ),
        }
        if outcome == "unexpected" and not name:
            texts["unexpected"] = self.tr("✗ {code}: unknown code.")
        text = texts[outcome].format(code=code, label=name).replace(" :", ":")
        self.counts[outcome] += 1
        self._feedback(outcome, text)
        item = QListWidgetItem(text)
        item.setForeground(QColor(COLORS[outcome]))
        self.scans.insertItem(0, item)
        self._show_counts()
        return outcome

    def finish(self) -> StocktakeResult | None:
        if self.stocktake_id is None or self.result is not None:
            return None
        try:
            result = keys.finish_stocktake(self.ctx.actor, self.stocktake_id)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return None
        self.result = result
        self.scan_edit.setEnabled(False)
        self.finish_button.setEnabled(False)
        self.print_button.setEnabled(True)
        self.print_button.setDefault(True)
        self.scans.setVisible(False)
        self.results.setVisible(True)
        self.missing_list.clear()
        for k in result.missing:
            place = " · ".join(p for p in (k.unit_code or k.area, k.hook) if p)
            self.missing_list.addItem(f"{k.code}  {k.label}  {place}")
        self.unexpected_list.clear()
        for code, reason in result.unexpected:
            self.unexpected_list.addItem(f"{code}  {tr_msg(reason)}")
        self.missing_title.setText(self.tr("Missing: {n}").format(n=len(result.missing)))
        self.unexpected_title.setText(self.tr("Unexpected: {n}").format(n=len(result.unexpected)))
        kind = "counted" if not result.missing and not result.unexpected else "unexpected"
        self._feedback(
            kind,
            self.tr(
                "Finished: {counted} counted, {missing} missing, {unexpected} unexpected."
            ).format(
                counted=len(result.counted),
                missing=len(result.missing),
                unexpected=len(result.unexpected),
            ),
        )
        self.print_button.setFocus()
        self.ctx.bus.register_changed.emit("key_stocktakes")
        self.ctx.bus.register_changed.emit("keys")
        return result

    def print_report(self) -> PdfPreviewDialog | None:
        if self.result is None:
            return None
        number = self.result.number
        self.preview = preview_pdf(
            self,
            lambda: documents.key_stocktake_pdf(self.ctx.actor, number),
            self.tr("Key stocktake report {number}").format(number=number),
        )
        return self.preview

    # --- display ------------------------------------------------------------------------------

    def _feedback(self, outcome: str, text: str) -> None:
        self.feedback.setProperty("outcome", outcome)
        self.feedback.setText(text)
        self.feedback.setStyleSheet(
            f"color: {COLORS[outcome]}; background: {BACKGROUNDS[outcome]};"
            " padding: 4px; font-weight: bold;"
        )

    def _show_counts(self) -> None:
        self.counts_label.setText(
            self.tr(
                "{counted} of {expected} counted · {duplicate} repeated · {unexpected} unexpected"
            ).format(expected=self.expected, **self.counts)
        )
