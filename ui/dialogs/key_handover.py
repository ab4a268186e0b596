"""接收 / 发放 / 内部交接 — key handovers with both parties' signatures (钥匙交接表 / 钥匙签收单).

Receive and issue: scan each key tag into the line table (each scan adds the key with the number
of keys its set should have); the clerk counts and confirms the number; the other party's name
and both signatures; Enter saves. The custodian handover lists the whole cabinet by itself.
After saving, the dialog's `result_view` is the HandoverView; the dock opens the printed sheet.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.errors import NotFound, PropDeskError, ValidationError
from app.services import keys
from app.services.keys import HandoverView
from ui.context import UiContext
from ui.dialogs.key_common import ScanEdit, ServiceFormDialog
from ui.errors import ERROR_COLOR, describe_error
from ui.i18n import tr_msg
from ui.widgets.form import line_edit
from ui.widgets.signature_pad import SignatureField


class KeyLinesTable(QTableWidget):
    """Key code | label | expected | counted (spin box). Delete removes the current line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Label"), self.tr("Keys in set"), self.tr("Counted")]
        )
        self.verticalHeader().setVisible(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.setMinimumHeight(140)

    def codes(self) -> list[str]:
        return [self.item(r, 0).text() for r in range(self.rowCount())]

    def add_key(self, code: str, label: str, expected: int) -> QSpinBox:
        row = self.rowCount()
        self.insertRow(row)
        for col, text in enumerate((code, label, str(expected))):
            item = QTableWidgetItem(text)
            if col == 2:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.setItem(row, col, item)
        spin = QSpinBox(self)
        spin.setRange(0, 99)
        spin.setValue(expected)
        spin.setObjectName(f"counted_{row}")
        self.setCellWidget(row, 3, spin)
        self.setCurrentCell(row, 0)
        return spin

    def lines(self) -> list[tuple[str, int]]:
        out = []
        for r in range(self.rowCount()):
            spin = self.cellWidget(r, 3)
            assert isinstance(spin, QSpinBox)
            out.append((self.item(r, 0).text(), spin.value()))
        return out

    def mark(self, bad_rows: set[int]) -> None:
        for r in range(self.rowCount()):
            color = QColor("#ffebee") if r in bad_rows else QColor(Qt.GlobalColor.transparent)
            for c in range(3):
                self.item(r, c).setBackground(color)

    def keyPressEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        if event.key() == Qt.Key.Key_Delete and self.currentRow() >= 0:
            self.removeRow(self.currentRow())
            self.mark(set())
            return
        super().keyPressEvent(event)


class KeyHandoverDialog(ServiceFormDialog):
    """Receive (接收, kind="receive") or issue (发放, kind="issue") keys."""

    def __init__(self, ctx: UiContext, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        assert kind in ("receive", "issue")
        self.kind = kind
        me = ctx.actor.display_name or ctx.actor.username
        receive = kind == "receive"
        self.setObjectName(f"key_{kind}_dialog")
        self.setWindowTitle(
            self.tr("Receive keys (接收)") if receive else self.tr("Issue keys (发放)")
        )
        self.ok_button.setText(self.tr("Save (Ctrl+Enter)"))
        self.ok_button.setDefault(False)
        self.ok_button.setAutoDefault(False)
        form = self.form
        self.party_field = "from_name" if receive else "to_name"
        self.name_edit = line_edit(128)
        form.add_field(
            self.party_field,
            self.tr("Handed over by") if receive else self.tr("Handed to"),
            self.name_edit,
            required=True,
        )
        self.scan_edit = ScanEdit()
        self.scan_edit.setObjectName("handover_scan")
        self.scan_edit.setPlaceholderText(self.tr("Scan a key tag (or type its code, Enter)"))
        self.scan_edit.scanned.connect(self.add_code)
        form.add_field("scan", self.tr("Scan"), self.scan_edit)
        self.table = KeyLinesTable(self)
        form.add_field(
            "lines",
            self.tr("Keys"),
            self.table,
            required=True,
            hint=self.tr(
                "Count each set with the other party and correct the number; Delete removes a line."
            ),
        )
        self.line_errors = QLabel(self)
        self.line_errors.setWordWrap(True)
        self.line_errors.setStyleSheet(f"color: {ERROR_COLOR};")
        self.line_errors.setVisible(False)
        form.layout_.addRow("", self.line_errors)
        notes = QPlainTextEdit()
        notes.setTabChangesFocus(True)
        notes.setFixedHeight(44)
        form.add_field("notes", self.tr("Notes"), notes)
        self.from_signature = SignatureField(self, signer_name="" if receive else me)
        self.to_signature = SignatureField(self, signer_name=me if receive else "")
        form.add_field("from_signature", self.tr("Signature (handing over)"), self.from_signature)
        form.add_field("to_signature", self.tr("Signature (receiving)"), self.to_signature)
        other = self.from_signature if receive else self.to_signature
        self.name_edit.textChanged.connect(other.set_signer_name)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self).activated.connect(self.save)
        self.resize(620, 760)
        self.name_edit.setFocus()

    def add_code(self, code: str) -> bool:
        """A scanned tag: the key's line (once), focus stays in the scan field."""
        self.form.errors.clear_field("scan")
        try:
            key = keys.find_key(self.ctx.actor, code)
        except NotFound as exc:
            self._scan_error(tr_msg(exc.args[0]) if exc.args else describe_error(exc).text)
            return False
        except PropDeskError as exc:
            self._scan_error(describe_error(exc).text)
            return False
        if key.code in self.table.codes():
            self._scan_error(self.tr("{code} is listed already.").format(code=key.code))
            return False
        self.table.add_key(key.code, key.label, key.key_count)
        self.form.errors.clear_field("lines")
        self.scan_edit.setFocus()
        return True

    def _scan_error(self, text: str) -> None:
        label = self.form.errors.label("scan")
        assert label is not None
        label.setText(text)
        label.setVisible(True)
        self.scan_edit.setFocus()

    def submit(self) -> HandoverView:
        notes = self.form.field("notes").toPlainText().strip()  # type: ignore[attr-defined]
        common = dict(
            lines=self.table.lines(),
            notes=notes,
            from_signature=self.from_signature.signature(),
            to_signature=self.to_signature.signature(),
        )
        if self.kind == "receive":
            return keys.receive_keys(self.ctx.actor, from_name=self.name_edit.text(), **common)
        return keys.issue_keys(self.ctx.actor, to_name=self.name_edit.text(), **common)

    def save(self) -> bool:
        self.line_errors.setVisible(False)
        self.table.mark(set())
        return super().save()

    def on_validation(self, exc: ValidationError) -> None:
        self.show_line_errors(exc)

    def show_line_errors(self, exc: ValidationError) -> None:
        bad: set[int] = set()
        texts = []
        for field, message in exc.errors.items():
            if field.startswith("lines."):
                row = int(field.split(".", 1)[1])
                bad.add(row)
                texts.append(f"{row + 1}: {tr_msg(message)}")
        self.table.mark(bad)
        if texts:
            self.line_errors.setText("\n".join(texts))
            self.line_errors.setVisible(True)
            names = set(self.form.field_names())
            if all(f.startswith("lines.") or f in names for f in exc.errors):
                self.form.errors.form_label.setVisible(False)  # shown under the table instead

    def after_save(self, view: HandoverView) -> None:
        self.ctx.bus.register_changed.emit("keys")
        self.ctx.bus.register_changed.emit("key_handovers")


class CustodianHandoverDialog(ServiceFormDialog):
    """内部交接: the key keeper hands the cabinet to a stand-in (or back); the sheet lists it."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        me = ctx.actor.display_name or ctx.actor.username
        self.setObjectName("key_custodian_dialog")
        self.setWindowTitle(self.tr("Hand the key cabinet over (内部交接)"))
        self.ok_button.setText(self.tr("Save (Enter)"))
        form = self.form
        self.from_edit = line_edit(128)
        self.from_edit.setText(me)
        self.to_edit = line_edit(128)
        form.add_field("from_name", self.tr("Handed over by"), self.from_edit, required=True)
        form.add_field("to_name", self.tr("Stand-in"), self.to_edit, required=True)
        info = QLabel(
            self.tr(
                "Every key in the cabinet is listed with its count; keys out on loan go into the "
                "notes with their loan number and due time."
            )
        )
        info.setWordWrap(True)
        form.layout_.addRow("", info)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(52)
        form.add_field("notes", self.tr("Notes"), self.notes_edit)
        self.from_signature = SignatureField(self, signer_name=me)
        self.to_signature = SignatureField(self)
        form.add_field("from_signature", self.tr("Signature (handing over)"), self.from_signature)
        form.add_field("to_signature", self.tr("Signature (stand-in)"), self.to_signature)
        self.from_edit.textChanged.connect(self.from_signature.set_signer_name)
        self.to_edit.textChanged.connect(self.to_signature.set_signer_name)
        self.resize(560, 620)
        self.to_edit.setFocus()

    def submit(self) -> HandoverView:
        return keys.custodian_handover(
            self.ctx.actor,
            from_name=self.from_edit.text(),
            to_name=self.to_edit.text(),
            notes=self.notes_edit.toPlainText(),
            from_signature=self.from_signature.signature(),
            to_signature=self.to_signature.signature(),
        )

    def after_save(self, view: HandoverView) -> None:
        self.ctx.bus.register_changed.emit("key_handovers")
