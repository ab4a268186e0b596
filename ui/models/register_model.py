"""A register as a lazy table: a count, then pages of rows as the clerk scrolls (Anki's browser).

`RegisterTableModel` never holds a query or a cursor: it asks `listing.page()` for ~200 rows at a
time through canFetchMore/fetchMore. The first page is shown before anything is counted: when it is
not full it *is* the total; otherwise `listing.count()` runs right after the rows are on screen
(queued on the event loop) and `total_changed` announces it — so a register of 1,000,000 rows shows
its first rows as fast as one of 1,000. Reading `total` before that counts synchronously. Sorting, searching
and filtering reset the model and re-query in SQL. A failed database call (the share dropped, the
file is busy) is reported through `load_failed`, never raised out of `data()`/`fetchMore()`;
the rows already shown stay, and `refresh()` tries again.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor

from app.errors import PropDeskError
from app.services import listing
from app.services.context import Actor
from app.services.listing import ListRequest
from ui import formatting
from ui.errors import ERROR_COLOR

log = logging.getLogger(__name__)

PAGE_SIZE = 200
# How far select_id()/refresh() will page forward to find a row that is not loaded yet.
MAX_SEEK_ROWS = 5000

OVERDUE_COLOR = QColor(ERROR_COLOR)

RowRole = Qt.ItemDataRole.UserRole + 1  # the row's dict as the service returned it
RawRole = Qt.ItemDataRole.UserRole + 2  # the cell's raw value (Decimal, datetime, …)

_Index = QModelIndex | QPersistentModelIndex


class RegisterTableModel(QAbstractTableModel):
    """Rows of one `listing` register list for one actor.

    `Qt.UserRole` gives the row's id (int); `RowRole` the row dict; `RawRole` the unformatted value.
    """

    # emitted after every reset with the number of rows matching search + filters
    total_changed = Signal(int)
    # a service call failed (StorageUnavailable, PermissionDenied, …): the exception
    load_failed = Signal(object)
    # a reload went through after a failure (the view hides its warning)
    load_recovered = Signal()

    def __init__(
        self,
        actor: Actor,
        name: str,
        columns: Sequence[str] | None = None,
        *,
        page_size: int = PAGE_SIZE,
        parent: Any = None,
        autoload: bool = True,
    ) -> None:
        super().__init__(parent)
        self._actor = actor
        self._name = name
        spec = listing.get_list(name)
        self._columns: tuple[str, ...] = tuple(columns) if columns else tuple(spec.columns)
        self._sortable: frozenset[str] = frozenset(spec.sort_fields)
        self._page_size = max(1, page_size)
        self._search = ""
        self._filters: tuple[tuple[str, Any], ...] = ()
        self._sort: str | None = None
        self._descending = False
        self._rows: list[dict[str, Any]] = []
        self._ids: set[int] = set()
        self._total: int | None = 0
        self._more = False  # the last page was full: there may be more rows
        self._generation = 0  # bumps on every reset; a queued count for an old query is dropped
        self._failed = False
        self._busy = False  # inside a fetch/reset: no re-entrant fetchMore from signal handlers
        if autoload:
            self._load()
            self._announce_total()

    # --- what is shown ----------------------------------------------------------------------

    @property
    def register_name(self) -> str:
        return self._name

    @property
    def actor(self) -> Actor:
        return self._actor

    @property
    def columns(self) -> tuple[str, ...]:
        return self._columns

    @property
    def total(self) -> int:
        """Rows matching the current search and filters (not only the loaded ones)."""
        if self._total is None:
            self._count_total(self._generation)
        return self._total if self._total is not None else len(self._rows)

    @property
    def total_known(self) -> bool:
        return self._total is not None

    @property
    def loaded(self) -> int:
        return len(self._rows)

    @property
    def failed(self) -> bool:
        return self._failed

    def request(self) -> ListRequest:
        return ListRequest(
            search=self._search,
            sort=self._sort,
            descending=self._descending,
            filters=self._filters,
        )

    def is_sortable(self, column: int) -> bool:
        return 0 <= column < len(self._columns) and self._columns[column] in self._sortable

    # --- Qt model API -----------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row.get("id")
        if role == RowRole:
            return row
        key = self._columns[index.column()]
        value = row.get(key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return formatting.format_value(value, key, self._name)
        if role == RawRole:
            return value
        if role == Qt.ItemDataRole.ForegroundRole and row.get("overdue"):
            return OVERDUE_COLOR  # a declared register's row past its due time (app.kit.lists)
        if role == Qt.ItemDataRole.TextAlignmentRole and formatting.is_numeric(value):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        key = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return formatting.column_label(key, self._name)
        if role == Qt.ItemDataRole.UserRole:
            return key
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def canFetchMore(self, parent: _Index) -> bool:  # noqa: N802
        if parent.isValid() or self._failed or self._busy:
            return False
        if self._total is None:
            return self._more
        return len(self._rows) < self._total

    def fetchMore(self, parent: _Index) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        self._busy = True
        try:
            rows = listing.page(
                self._actor, self._name, self.request(), len(self._rows), self._page_size
            )
        except PropDeskError as exc:
            self._busy = False
            self._fail(exc)
            return
        try:
            self._append(rows)
        finally:
            self._busy = False

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-query in SQL; a column the register cannot sort by goes back to the default order."""
        key = self._columns[column] if self.is_sortable(column) else None
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self._sort and descending == self._descending:
            return
        self._sort = key
        self._descending = descending if key is not None else False
        self._reset()

    # --- changing the query -----------------------------------------------------------------

    def set_search(self, text: str) -> None:
        text = (text or "").strip()
        if text == self._search:
            return
        self._search = text
        self._reset()

    def search(self) -> str:
        return self._search

    def set_filters(self, filters: Mapping[str, Any] | None = None, **more: Any) -> None:
        """Named filters the register understands (see its RegisterList); None values are dropped."""
        merged = dict(filters or {}, **more)
        normalised = tuple(sorted((k, v) for k, v in merged.items() if v is not None))
        if normalised == self._filters:
            return
        self._filters = normalised
        self._reset()

    def filters(self) -> dict[str, Any]:
        return dict(self._filters)

    def refresh(self) -> None:
        """Re-read count and the first page (the view restores its selection by id)."""
        self._reset()

    # --- rows by id -------------------------------------------------------------------------

    def id_at(self, row: int) -> int | None:
        if 0 <= row < len(self._rows):
            return self._rows[row].get("id")
        return None

    def row_dict(self, row: int) -> dict[str, Any] | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_id(self, record_id: int, *, fetch: bool = True) -> int:
        """The row showing `record_id`, paging forward (up to MAX_SEEK_ROWS) if needed; -1 if none."""
        while True:
            if record_id in self._ids:
                for i, row in enumerate(self._rows):
                    if row.get("id") == record_id:
                        return i
            if (
                not fetch
                or len(self._rows) >= MAX_SEEK_ROWS
                or not self.canFetchMore(QModelIndex())
            ):
                return -1
            before = len(self._rows)
            self.fetchMore(QModelIndex())
            if len(self._rows) == before:
                return -1

    # --- internals --------------------------------------------------------------------------

    def _load(self) -> None:
        request = self.request()
        try:
            rows = listing.page(self._actor, self._name, request, 0, self._page_size)
        except PropDeskError as exc:
            self._rows, self._ids, self._total, self._more = [], set(), 0, False
            self._fail(exc)
            return
        was_failed = self._failed
        self._failed = False
        self._rows = []
        self._ids = set()
        self._add(rows)
        self._more = len(rows) >= self._page_size
        self._total = None if self._more else len(self._rows)
        if was_failed:
            self.load_recovered.emit()

    def _reset(self) -> None:
        self.beginResetModel()
        self._busy = True
        self._generation += 1
        try:
            self._load()
        finally:
            self._busy = False
            self.endResetModel()
        self._announce_total()

    def _announce_total(self) -> None:
        if self._total is None:
            generation = self._generation
            QTimer.singleShot(0, self, lambda: self._count_total(generation))
        else:
            self.total_changed.emit(self._total)

    def _count_total(self, generation: int) -> None:
        if generation != self._generation or self._total is not None or self._failed:
            return
        try:
            self._total = max(
                listing.count(self._actor, self._name, self.request()), len(self._rows)
            )
        except PropDeskError as exc:
            self._fail(exc)
            return
        self.total_changed.emit(self._total)

    def _add(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        fresh = [r for r in rows if r.get("id") not in self._ids]
        self._rows.extend(fresh)
        self._ids.update(r.get("id") for r in fresh)
        return fresh

    def _append(self, rows: list[dict[str, Any]]) -> None:
        fresh = [r for r in rows if r.get("id") not in self._ids]
        if len(rows) < self._page_size:  # the end: now the total is known for certain
            self._more = False
            self._total = len(self._rows) + len(fresh)
        if not fresh:
            if rows:  # only duplicates (rows shifted under us): stop rather than loop
                self._more = False
                self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self._add(fresh)
        self.endInsertRows()

    def _fail(self, exc: Exception) -> None:
        self._failed = True
        log.warning("loading register %s failed: %s", self._name, exc)
        self.load_failed.emit(exc)
