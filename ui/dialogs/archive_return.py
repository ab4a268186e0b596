"""归还 — taking an archive file back (当面核对签字确认): the `return` transition's own form.

Every document that went out with the file is listed item by item; clerk and borrower check each
together and mark it 完好 / 缺失 / 损坏. Keyboard: arrow keys move, 1 / 2 / 3 mark the current
item (and move on), Space cycles its mark, A marks everything "as lent" at once. A note says what
is missing or damaged (required then), the borrower signs on the pad, and both confirm with a
tick. Saving calls `kit.transition(actor, "archives", "return", id, version,
{"ok": [...], "missing": [...], "damaged": [...], "note": ...})`; a missing or damaged item opens
an incident (app/registers/archives/rules.py). Like every kit form it saves off the GUI thread and
keeps everything typed and marked when the save fails.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import PropDeskError, ValidationError
from app.kit.declare import Register, Transition
from app.registers.archives import services as archive_services
from app.registers.archives.register import CHECK_RESULTS
from app.registers.archives.services import ContentsSection
from ui.context import UiContext
from ui.errors import ERROR_COLOR, describe_error
from ui.kit import labels
from ui.kit.transition_dialog import TransitionDialog, register_form

# The marks and the contents' sections are the archive register's value sets "check" and "section"
# (app/registers/archives/register.py): their words come from the declaration (ui/kit/labels.py).
RESULTS = tuple(c.value for c in CHECK_RESULTS)  # ok, missing, damaged — keys 1, 2, 3
RESULT_COLORS = {"ok": "#2e7d32", "missing": ERROR_COLOR, "damaged": "#ef6c00"}
COL_NO, COL_SECTION, COL_NAME, COL_RESULT = range(4)
DocRole = Qt.ItemDataRole.UserRole


def section_label(register: Register, section: ContentsSection) -> str:
    """A contents section's declared name (业主入住资料 …)."""
    return labels.value_label(register, "section", section.section)


class ChecklistTable(QTableWidget):
    """The documents that went out, one row each, with their mark (None: not checked yet)."""

    marks_changed = Signal()

    def __init__(self, register: Register, transition: Transition, parent: QWidget | None = None):
        super().__init__(0, 4, parent)
        self.register = register
        self.transition = transition
        self.setObjectName("return_checklist")
        self.setHorizontalHeaderLabels(
            [self.tr("No."), self.tr("Section"), self.tr("Document"), self.tr("Check")]
        )
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for col in (COL_NO, COL_SECTION, COL_RESULT):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.marks: dict[int, str | None] = {}
        self._rows: list[int] = []

    def set_documents(self, documents: list[tuple[int, str, str]]) -> None:
        """(document id, section label, name) of every item that went out."""
        self.setRowCount(len(documents))
        self._rows = [doc_id for doc_id, _s, _n in documents]
        for row, (doc_id, section, name) in enumerate(documents):
            for col, text in ((COL_NO, str(row + 1)), (COL_SECTION, section), (COL_NAME, name)):
                item = QTableWidgetItem(text)
                item.setData(DocRole, doc_id)
                self.setItem(row, col, item)
            self.marks.setdefault(doc_id, None)
            self._paint(row)
        if documents:
            self.setCurrentCell(0, COL_NAME)

    def result_text(self, result: str | None) -> str:
        if result is None:
            return self.tr("— not checked")
        return labels.value_label(self.register, "check", result)

    def _paint(self, row: int) -> None:
        doc_id = self._rows[row]
        result = self.marks.get(doc_id)
        item = QTableWidgetItem(self.result_text(result))
        item.setData(DocRole, doc_id)
        if result is not None:
            item.setForeground(QBrush(QColor(RESULT_COLORS[result])))
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        self.setItem(row, COL_RESULT, item)

    def mark(self, row: int, result: str | None) -> None:
        if 0 <= row < len(self._rows):
            self.marks[self._rows[row]] = result
            self._paint(row)
            self.marks_changed.emit()

    def mark_all(self, result: str = "ok") -> None:
        for row in range(len(self._rows)):
            self.mark(row, result)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        row = self.currentRow()
        key = event.key()
        digits = {Qt.Key.Key_1: 0, Qt.Key.Key_2: 1, Qt.Key.Key_3: 2}
        if key in digits and row >= 0:
            self.mark(row, RESULTS[digits[key]])
            if row + 1 < self.rowCount():
                self.setCurrentCell(row + 1, self.currentColumn())
            event.accept()
            return
        if key == Qt.Key.Key_Space and row >= 0:
            current = self.marks.get(self._rows[row])
            following = RESULTS[(RESULTS.index(current) + 1) % len(RESULTS)] if current else "ok"
            self.mark(row, following)
            event.accept()
            return
        if key == Qt.Key.Key_A and not event.modifiers():
            self.mark_all("ok")
            event.accept()
            return
        super().keyPressEvent(event)

    def results(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {r: [] for r in RESULTS}
        for doc_id in self._rows:
            result = self.marks.get(doc_id)
            if result is not None:
                out[result].append(doc_id)
        return out

    def unchecked(self) -> int:
        return sum(1 for d in self._rows if self.marks.get(d) is None)


class ArchiveReturnDialog(TransitionDialog):
    """The `return` transition's form with the file's documents checked item by item above the
    note, the borrower's signature, and both confirming."""

    def __init__(
        self,
        ctx: UiContext,
        register: Register,
        transition: Transition,
        record: dict[str, Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            register,
            transition,
            record,
            parent,
            ok_text=QCoreApplication.translate("ArchiveReturnDialog", "Take back (Enter)"),
        )
        self.setObjectName("archive_return_dialog")
        self.resize(640, 720)
        self.checklist = ChecklistTable(register, transition, self)
        self.checklist.setMinimumHeight(150)
        self.counts = QLabel(self)
        self.counts.setObjectName("return_counts")
        self.all_button = QPushButton(self.tr("&All as lent (A)"), self)
        self.all_button.setObjectName("return_all_ok")
        self.all_button.setToolTip(self.tr("Mark every item as lent (完好)"))
        self.all_button.setAutoDefault(False)
        self.all_button.clicked.connect(lambda: self.checklist.mark_all("ok"))
        keys = QLabel(
            self.tr("↑↓ move · 1 as lent · 2 missing · 3 damaged · Space changes · A all as lent"),
            self,
        )
        keys.setStyleSheet("color: palette(mid);")
        self.borrower_confirms = QCheckBox(
            self.tr("The borrower checked the items with me and confirms"), self
        )
        self.borrower_confirms.setObjectName("return_borrower_confirms")
        self.clerk_confirms = QCheckBox(
            self.tr("I (the archive clerk) confirm the file is back as marked"), self
        )
        self.clerk_confirms.setObjectName("return_clerk_confirms")
        check = QWidget(self)
        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(self.all_button)
        column = QVBoxLayout(check)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.checklist, 1)
        column.addWidget(self.form.errors.add_field("ok", self.checklist))
        column.addWidget(keys)
        column.addWidget(self.borrower_confirms)
        column.addWidget(self.clerk_confirms)
        column.addWidget(self.form.errors.add_field("confirm", self.clerk_confirms))
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(2, check, 2)  # under the intro and the problem line, above the note
        self.checklist.marks_changed.connect(self._count)
        if self.signature is not None and record.get("holder"):
            self.signature.set_signer_name(str(record["holder"]))  # the borrower brings it back
        self._load_documents()
        self._count()
        self.checklist.setFocus()

    def _load_documents(self) -> None:
        assert self.record is not None
        docs: list[tuple[int, str, str]] = []
        try:
            contents = archive_services.file_contents(self.ctx.actor, int(self.record["id"]))
        except PropDeskError as exc:
            self.state_label.setText(describe_error(exc).text)
            self.state_label.setVisible(True)
            return
        for section in contents.sections:
            name = section_label(self.register, section)
            docs += [(d.id, name, d.name) for d in section.documents if d.present]  # went out
        self.checklist.set_documents(docs)

    def _count(self) -> None:
        results = self.checklist.results()
        left = self.checklist.unchecked()
        text = self.tr(
            "{ok} as lent · {missing} missing · {damaged} damaged · {left} to check"
        ).format(
            ok=len(results["ok"]),
            missing=len(results["missing"]),
            damaged=len(results["damaged"]),
            left=left,
        )
        self.counts.setText(text)
        self.counts.setStyleSheet(f"color: {ERROR_COLOR};" if left else "")

    def values(self) -> dict[str, Any]:
        values = super().values()
        values.update(self.checklist.results())
        return values

    def save(self) -> bool:
        if self.saving:
            return False
        if not (self.borrower_confirms.isChecked() and self.clerk_confirms.isChecked()):
            self.form.errors.clear()
            self.form.errors.show(
                ValidationError(
                    {
                        "confirm": self.tr(
                            "Both confirm: tick that the borrower and you checked the items."
                        )
                    }
                )
            )
            return False
        return super().save()


register_form("archive_return", ArchiveReturnDialog)

__all__ = ["ArchiveReturnDialog", "ChecklistTable"]
