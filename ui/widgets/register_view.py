"""The list half of every register dock: search box, lazy table, row count, Excel export.

    view = RegisterView(ctx, "units")
    view.activated.connect(open_form)          # Enter or double-click → record id
    view.current_changed.connect(show_detail)  # current row moved → record id (0: none)
    view.add_filter_widget(status_combo)       # a register's own filters, beside the search box
    view.select_id(42)

The view refreshes itself when `ctx.bus.register_changed` names its register, keeping the current
row by id. Service errors while loading show as a warning line with a Retry button.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import PropDeskError
from app.rules.roles import Perm
from ui.context import UiContext
from ui.errors import ERROR_COLOR, describe_error, show_error
from ui.icons import icon
from ui.models.register_model import RegisterTableModel

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250


class _EscClears(QObject):
    """Esc in the search box clears it (and lets Esc through when it is already empty)."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and isinstance(obj, QLineEdit)
            and obj.text()
        ):
            obj.clear()
            return True
        return False


class RegisterView(QWidget):
    activated = Signal(int)  # Enter / double-click on a row: its record id
    current_changed = Signal(int)  # the current row's record id, 0 when there is none

    def __init__(
        self,
        ctx: UiContext,
        register: str,
        columns: Sequence[str] | None = None,
        parent: QWidget | None = None,
        *,
        also_refresh_on: Sequence[str] = (),
        page_size: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.register_name = register
        self._refresh_on = {register, *also_refresh_on}
        kwargs: dict[str, Any] = {"page_size": page_size} if page_size else {}
        self.model = RegisterTableModel(ctx.actor, register, columns, parent=self, **kwargs)
        self._keep_id = 0

        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("register_search")
        self.search_box.setPlaceholderText(self.tr("Search… (Esc clears)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self._esc = _EscClears(self)
        self.search_box.installEventFilter(self._esc)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search_box.textChanged.connect(self._search_timer.start)
        self.search_box.returnPressed.connect(self._apply_search)

        self.filters_layout = QHBoxLayout()
        self.filters_layout.setContentsMargins(0, 0, 0, 0)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("register_count")
        self.export_button = QPushButton(icon("export"), self.tr("Export to Excel"), self)
        self.export_button.setObjectName("register_export")
        self.export_button.setEnabled(ctx.actor.can(Perm.EXPORT))
        if not ctx.actor.can(Perm.EXPORT):
            self.export_button.setToolTip(self.tr("Your role may not export registers."))
        self.export_button.clicked.connect(self.export_to_excel)

        self.table = QTableView(self)
        self.table.setObjectName("register_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        # fixed row heights: Qt never measures rows, so a long register scrolls quickly
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSectionsMovable(True)
        header.sortIndicatorChanged.connect(self._sort_requested)
        self.table.setSortingEnabled(False)  # we sort via the header signal; no resort on reset
        header.setSectionsClickable(True)
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)

        self.warning_label = QLabel(self)
        self.warning_label.setObjectName("register_warning")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(f"color: {ERROR_COLOR};")
        self.retry_button = QPushButton(icon("reload"), self.tr("Retry"), self)
        self.retry_button.clicked.connect(self.refresh)
        warning_row = QHBoxLayout()
        warning_row.addWidget(self.warning_label, 1)
        warning_row.addWidget(self.retry_button)
        self._warning_widgets = (self.warning_label, self.retry_button)

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addLayout(self.filters_layout)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(warning_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.setFocusProxy(self.search_box)

        self.model.total_changed.connect(self._show_count)
        self.model.load_failed.connect(self._show_failure)
        self.model.load_recovered.connect(self._hide_failure)
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._restore_current)
        ctx.bus.register_changed.connect(self._on_register_changed)

        self._hide_failure()
        self._show_count(self.model.total)
        self.table.resizeColumnsToContents()
        if self.model.failed:  # the first load failed before our signals were connected
            self.refresh()

    # --- public API -------------------------------------------------------------------------

    def add_filter_widget(self, widget: QWidget) -> None:
        """Put a register's own filter (combo, check box) beside the search box."""
        self.filters_layout.addWidget(widget)

    def set_filters(self, filters: dict[str, Any] | None = None, **more: Any) -> None:
        self.model.set_filters(filters, **more)

    def refresh(self) -> None:
        """Re-read the register, keeping the current row by id where it is still listed."""
        self.model.refresh()

    def current_id(self) -> int:
        index = self.table.currentIndex()
        if not index.isValid():
            return 0
        return self.model.id_at(index.row()) or 0

    def select_id(self, record_id: int) -> bool:
        """Make the row of `record_id` current and visible; False when it is not listed."""
        row = self.model.row_of_id(record_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def search_text(self) -> str:
        return self.search_box.text()

    def set_search_text(self, text: str) -> None:
        """Search now (no debounce), as if typed and Enter pressed."""
        self.search_box.setText(text)
        self._apply_search()

    def export_to_excel(self, path: str | None = None) -> Path | None:
        """Ask where to save, then export the register as it is filtered and sorted now."""
        if not self.ctx.actor.can(Perm.EXPORT):
            return None
        if path is None:
            suggested = f"{self.register_name}-{date.today():%Y%m%d}.xlsx"
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export to Excel"), suggested, self.tr("Excel workbook (*.xlsx)")
            )
            if not path:
                return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            from app.services import exporting

            fn = exporting.export_register
            kwargs: dict[str, Any] = {}
            if "request" in inspect.signature(fn).parameters:
                kwargs["request"] = self.model.request()
            fn(self.ctx.actor, self.register_name, Path(path), **kwargs)
        except Exception as exc:  # noqa: BLE001 - every failure is shown, bugs logged
            show_error(self, exc)
            return None
        self.ctx.bus.status_message.emit(self.tr("Exported to {path}").format(path=path))
        return Path(path)

    # --- internals --------------------------------------------------------------------------

    def _apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_search(self.search_box.text())

    def _sort_requested(self, column: int, order: Qt.SortOrder) -> None:
        if column >= 0 and not self.model.is_sortable(column):
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)
            column = -1
        if column < 0:
            if self.model.request().sort is not None:
                self.model.sort(-1)
            return
        self.model.sort(column, order)

    def _show_count(self, total: int) -> None:
        self.count_label.setText(self.tr("{n} records").format(n=total))

    def _show_failure(self, exc: object) -> None:
        if isinstance(exc, BaseException):
            info = describe_error(exc)
            text = info.text
        else:
            text = str(exc)
        self.warning_label.setText(text)
        for w in self._warning_widgets:
            w.setVisible(True)
        self.ctx.bus.status_message.emit(text)

    def _hide_failure(self) -> None:
        for w in self._warning_widgets:
            w.setVisible(False)

    def _remember_current(self) -> None:
        self._keep_id = self.current_id()

    def _restore_current(self) -> None:
        if self._keep_id and not self.select_id(self._keep_id):
            self.current_changed.emit(0)
        self._keep_id = 0

    def _on_activated(self, index: QModelIndex) -> None:
        record_id = self.model.id_at(index.row())
        if record_id:
            self.activated.emit(record_id)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit(self.model.id_at(current.row()) or 0 if current.isValid() else 0)

    def _on_register_changed(self, name: str) -> None:
        if name in self._refresh_on:
            try:
                self.refresh()
            except PropDeskError as exc:  # pragma: no cover - the model reports its own errors
                log.warning("refresh of %s failed: %s", name, exc)
