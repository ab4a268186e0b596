"""Record forms: a QFormLayout whose fields each carry a red error line (FieldErrors).

    form = RecordForm()
    code = form.add_field("code", QT_TR_NOOP("Unit code"), line_edit(max_length=32), required=True)
    status = form.add_field("status", "Status", choice_box([("vacant", "Vacant"), …]))
    form.values() → {"code": "A-1203", "status": "vacant"}
    form.errors.show(validation_error)

Labels are translated by the caller (pass `self.tr("…")`). Required fields get a red asterisk.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.errors import ERROR_COLOR, FieldErrors

DECIMAL_RE = r"^\d{0,10}([.]\d{0,2})?$"


def line_edit(max_length: int = 0, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    if max_length:
        edit.setMaxLength(max_length)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def decimal_edit(placeholder: str = "") -> QLineEdit:
    """Exact decimal input (up to 2 places) as text; the service parses it to Decimal."""
    edit = line_edit(16, placeholder)
    edit.setValidator(QRegularExpressionValidator(DECIMAL_RE, edit))
    edit.setAlignment(Qt.AlignmentFlag.AlignRight)
    return edit


def choice_box(choices: Iterable[tuple[Any, str]], editable: bool = False) -> QComboBox:
    """A combo box whose items carry stored values (itemData) and show translated labels."""
    box = QComboBox()
    box.setEditable(editable)
    for value, label in choices:
        box.addItem(label, value)
    return box


def widget_value(widget: QWidget) -> Any:
    if isinstance(widget, QComboBox):
        if widget.isEditable():  # typed text may not have picked an item yet
            i = widget.findText(widget.currentText())
            return widget.itemData(i) if i >= 0 else widget.currentText().strip()
        return widget.currentData()
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    if isinstance(widget, QDateEdit):
        if widget.specialValueText() and widget.date() == widget.minimumDate():
            return None
        d = widget.date()
        return date(d.year(), d.month(), d.day())
    raise TypeError(f"no value for {type(widget).__name__}")


def set_widget_value(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QComboBox):
        i = widget.findData(value)
        if i >= 0:
            widget.setCurrentIndex(i)
        elif widget.isEditable():
            widget.setEditText("" if value is None else str(value))
        else:
            widget.setCurrentIndex(0 if widget.count() else -1)
    elif isinstance(widget, QLineEdit):
        widget.setText("" if value is None else str(value))
        widget.setCursorPosition(0)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText("" if value is None else str(value))
    elif isinstance(widget, QDateEdit):
        if value is None:
            widget.setDate(widget.minimumDate())
        else:
            widget.setDate(QDate(value.year, value.month, value.day))
    else:
        raise TypeError(f"cannot set {type(widget).__name__}")


def set_widget_read_only(widget: QWidget, read_only: bool) -> None:
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        widget.setReadOnly(read_only)
    else:
        widget.setEnabled(not read_only)


class RecordForm(QWidget):
    """A form of named fields; each field has a red error line under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = FieldErrors(self)
        self.layout_ = QFormLayout()
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.errors.form_label)
        outer.addLayout(self.layout_)
        outer.addStretch(1)
        self._fields: dict[str, QWidget] = {}
        self._labels: dict[str, str] = {}
        self._rows: dict[str, tuple[QLabel, QWidget]] = {}
        self._read_only = False

    def add_field(
        self,
        name: str,
        label: str,
        widget: QWidget,
        *,
        required: bool = False,
        hint: str = "",
    ) -> QWidget:
        """Add `widget` as field `name` labelled `label` (already translated); returns the widget."""
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(widget)
        error = self.errors.add_field(name, widget, FieldErrors.make_label(holder))
        column.addWidget(error)
        if hint:
            hint_label = QLabel(hint, holder)
            hint_label.setWordWrap(True)
            hint_label.setStyleSheet("color: palette(mid);")
            column.addWidget(hint_label)
        row_label = QLabel(self)
        row_label.setBuddy(widget)
        widget.setObjectName(f"field_{name}")
        self.layout_.addRow(row_label, holder)
        self._fields[name] = widget
        self._labels[name] = label
        self._rows[name] = (row_label, holder)
        self.set_field_required(name, required)
        return widget

    def set_field_required(self, name: str, required: bool) -> None:
        """The red asterisk by the label (a field required only for some choices elsewhere)."""
        label = self._labels[name]
        row_label = self._rows[name][0]
        text = f"{label}<span style='color:{ERROR_COLOR}'> *</span>" if required else label
        row_label.setTextFormat(Qt.TextFormat.RichText if required else Qt.TextFormat.PlainText)
        row_label.setText(text)
        self._fields[name].setProperty("required", required)

    def field(self, name: str) -> QWidget:
        return self._fields[name]

    def field_names(self) -> tuple[str, ...]:
        return tuple(self._fields)

    def field_labels(self) -> dict[str, str]:
        """Field name → its (translated) label, for error dialogs."""
        return dict(self._labels)

    def set_field_visible(self, name: str, visible: bool) -> None:
        label, holder = self._rows[name]
        label.setVisible(visible)
        holder.setVisible(visible)

    def values(self) -> dict[str, Any]:
        return {name: widget_value(w) for name, w in self._fields.items()}

    def set_values(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            if name in self._fields:
                set_widget_value(self._fields[name], value)
        self.errors.clear()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for widget in self._fields.values():
            set_widget_read_only(widget, read_only)

    def is_read_only(self) -> bool:
        return self._read_only
