"""A transition whose inputs are checklists (`Field(kind="checklist")`, e.g. the archive return's
核对无误 / 缺失 / 损坏), over the record's declared item list (`Register.items`).

Every item ticked present (what went out) is a row; clerk and borrower check each together and
mark it with one of the checklist inputs. Keyboard: arrow keys move, 1 / 2 / 3 … mark the current
item with the first, second, third input (and move on), Space cycles its mark, A marks every item
with the first. Saving sends each input's list of item ids to the transition; the other inputs,
the signature and the declared confirmations are the generic form's (TransitionDialog).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import PropDeskError
from app.kit import items
from app.kit.declare import Register, Transition
from ui.context import UiContext
from ui.errors import ERROR_COLOR, describe_error
from ui.kit import labels
from ui.kit.transition_dialog import TransitionDialog

OK_COLOR = "#2e7d32"  # the first mark (as lent); every other one is a problem, in red
COL_NO, COL_SECTION, COL_NAME, COL_RESULT = range(4)
DocRole = Qt.ItemDataRole.UserRole
DIGITS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5)


class ChecklistTable(QTableWidget):
    """The items to check, one row each, with their mark (None: not checked yet)."""

    marks_changed = Signal()

    def __init__(self, marks: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.mark_names = tuple(marks)  # the checklist inputs, in declared order
        self.mark_texts = marks
        self.setObjectName("checklist")
        self.setHorizontalHeaderLabels(
            [self.tr("No."), self.tr("Section"), self.tr("Item"), self.tr("Check")]
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

    def set_items(self, rows: list[tuple[int, str, str]]) -> None:
        """(item id, section label, name) of every item to check."""
        self.setRowCount(len(rows))
        self._rows = [item_id for item_id, _s, _n in rows]
        for row, (item_id, section, name) in enumerate(rows):
            for col, text in ((COL_NO, str(row + 1)), (COL_SECTION, section), (COL_NAME, name)):
                item = QTableWidgetItem(text)
                item.setData(DocRole, item_id)
                self.setItem(row, col, item)
            self.marks.setdefault(item_id, None)
            self._paint(row)
        if rows:
            self.setCurrentCell(0, COL_NAME)

    def _paint(self, row: int) -> None:
        mark = self.marks.get(self._rows[row])
        item = QTableWidgetItem(self.mark_texts[mark] if mark else self.tr("— not checked"))
        item.setData(DocRole, self._rows[row])
        if mark is not None:
            ok = mark == self.mark_names[0]
            item.setForeground(QBrush(QColor(OK_COLOR if ok else ERROR_COLOR)))
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        self.setItem(row, COL_RESULT, item)

    def mark(self, row: int, mark: str | None) -> None:
        if 0 <= row < len(self._rows):
            self.marks[self._rows[row]] = mark
            self._paint(row)
            self.marks_changed.emit()

    def mark_all(self) -> None:
        for row in range(len(self._rows)):
            self.mark(row, self.mark_names[0])

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        row, key, names = self.currentRow(), event.key(), self.mark_names
        if key in DIGITS[: len(names)] and row >= 0:
            self.mark(row, names[DIGITS.index(key)])
            if row + 1 < self.rowCount():
                self.setCurrentCell(row + 1, self.currentColumn())
        elif key == Qt.Key.Key_Space and row >= 0:
            current = self.marks.get(self._rows[row])
            following = names[(names.index(current) + 1) % len(names)] if current else names[0]
            self.mark(row, following)
        elif key == Qt.Key.Key_A and not event.modifiers():
            self.mark_all()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def results(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {name: [] for name in self.mark_names}
        for item_id in self._rows:
            mark = self.marks.get(item_id)
            if mark is not None:
                out[mark].append(item_id)
        return out

    def unchecked(self) -> int:
        return sum(1 for i in self._rows if self.marks.get(i) is None)


class ChecklistDialog(TransitionDialog):
    """The transition's form with the record's present items checked one by one above the
    other inputs."""

    def __init__(
        self,
        ctx: UiContext,
        register: Register,
        transition: Transition,
        record: dict[str, Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, register, transition, record, parent)
        self.setObjectName(f"checklist_{transition.name}")
        self.resize(640, 720)
        marks = {
            f.name: labels.input_label(register, transition, f)
            for f in transition.inputs
            if f.kind == "checklist"
        }
        self.checklist = ChecklistTable(marks, self)
        self.checklist.setMinimumHeight(150)
        self.counts = QLabel(self)
        self.counts.setObjectName("checklist_counts")
        first = next(iter(marks.values()))
        self.all_button = QPushButton(self.tr("&All: {mark} (A)").format(mark=first), self)
        self.all_button.setObjectName("checklist_all")
        self.all_button.setAutoDefault(False)
        self.all_button.clicked.connect(self.checklist.mark_all)
        keys = " · ".join(f"{i} {text}" for i, text in enumerate(marks.values(), start=1))
        hint = QLabel(
            self.tr("↑↓ move · {keys} · Space changes · A all: {first}").format(
                keys=keys, first=first
            ),
            self,
        )
        hint.setStyleSheet("color: palette(mid);")
        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(self.all_button)
        check = QWidget(self)
        column = QVBoxLayout(check)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.checklist, 1)
        column.addWidget(self.form.errors.add_field(next(iter(marks)), self.checklist))
        column.addWidget(hint)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(2, check, 2)  # under the intro and the problem line, above the note
        self.checklist.marks_changed.connect(self._count)
        self._load_items()
        self._count()
        self.checklist.setFocus()

    def _load_items(self) -> None:
        assert self.record is not None and self.register.items is not None
        try:
            listed = items.item_list(self.ctx.actor, self.register.name, int(self.record["id"]))
        except PropDeskError as exc:
            self.state_label.setText(describe_error(exc).text)
            self.state_label.setVisible(True)
            return
        rows: list[tuple[int, str, str]] = []
        for section in listed.sections:
            name = labels.value_label(self.register, self.register.items.sections, section.section)
            rows += [(d.id, name, d.name) for d in section.items if d.present]
        self.checklist.set_items(rows)

    def _count(self) -> None:
        results = self.checklist.results()
        done = " · ".join(
            f"{len(results[name])} {text}" for name, text in self.checklist.mark_texts.items()
        )
        left = self.checklist.unchecked()
        self.counts.setText(self.tr("{done} · {left} to check").format(done=done, left=left))
        self.counts.setStyleSheet(f"color: {ERROR_COLOR};" if left else "")

    def values(self) -> dict[str, Any]:
        values = super().values()
        values.update(self.checklist.results())
        return values


__all__ = ["ChecklistDialog", "ChecklistTable"]
