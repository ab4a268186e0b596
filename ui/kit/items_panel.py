"""A record's item list under its card (`Register.items`, app/kit/items.py): an archive file's
contents — sections, ticks, what is missing, a scanned copy attached and opened (PDF in the
preview, images in `ImageViewer`). RegisterDock shows it for every register that declares items.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import PropDeskError
from app.kit import items
from app.kit.declare import Register
from ui.context import UiContext
from ui.dialogs.key_common import open_window
from ui.errors import ERROR_COLOR, describe_error, show_error
from ui.icons import icon
from ui.kit import labels
from ui.tasks import run_in_background
from ui.widgets.list_detail import not_your_role
from ui.widgets.pdf_preview import PdfPreviewDialog

log = logging.getLogger(__name__)

DocRole = Qt.ItemDataRole.UserRole
MISSING_SHOWN = 6  # names in the "not there" line; the tooltip lists them all
OK_COLOR = "#2e7d32"


class ItemsPanel(QWidget):
    """A record's item list (`Register.items`; an archive file's contents): sections, ticks,
    what is missing, scanned copies.

    A tick and an attached scan are saved off the GUI thread (the share may hang): the item
    cannot be ticked again (nor get another scan) until the answer is back; a failure puts the
    tick back as it was saved and says why. Once saved, `bus.register_changed(<register>)` makes
    the dock read the record again (its card, its trail and, through `record_loaded`, this list).
    """

    saved = Signal(object)  # the ItemLine a tick or an attached scan wrote
    failed = Signal(object)  # the exception a tick or an attach ended with (already shown)

    def __init__(self, ctx: UiContext, reg: Register, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reg = reg
        self.record: dict[str, Any] | None = None
        self.contents: items.ItemList | None = None
        self.can_tick = reg.edit_perm is not None and ctx.actor.can(reg.edit_perm)
        self.saving: set[int] = set()  # ids of the items being saved now
        self._filling = False
        self.title = QLabel(self.tr("Contents"), self)
        self.title.setObjectName("contents_title")
        self.title.setStyleSheet("font-weight: bold; margin-top: 6px;")
        self.missing = QLabel(self)
        self.missing.setObjectName("contents_missing")
        self.missing.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("contents_tree")
        self.tree.setHeaderLabels([self.tr("Item"), self.tr("Scanned copy")])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setMinimumHeight(180)
        self.tree.itemChanged.connect(self._ticked)
        self.tree.itemActivated.connect(lambda item, _c: self.open_scan(item))
        self.attach_button = QPushButton(icon("import"), self.tr("Attach scan…"), self)
        self.attach_button.setObjectName("contents_attach")
        self.attach_button.clicked.connect(lambda: self.attach_scan())
        self.open_button = QPushButton(icon("open"), self.tr("Open scan"), self)
        self.open_button.setObjectName("contents_open")
        self.open_button.clicked.connect(lambda: self.open_scan())
        for b in (self.attach_button, self.open_button):
            b.setAutoDefault(True)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.missing)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.last_viewer: QDialog | None = None
        self._update_buttons()

    # -- loading -----------------------------------------------------------------------------

    def load(self, record: dict[str, Any] | None) -> None:
        self.contents = None
        self.record = record
        problem = ""
        if record is not None:
            try:
                self.contents = items.item_list(self.ctx.actor, self.reg.name, int(record["id"]))
            except PropDeskError as exc:
                problem = describe_error(exc).text
        self._fill(problem)

    def _locked(self) -> bool:
        spec = self.reg.items
        return bool(self.contents and spec and self.contents.state in spec.locked_states)

    def _fill(self, problem: str = "") -> None:
        """The tree from `self.contents` (as last read); `problem`: why it could not be read."""
        self._filling = True
        try:
            self.tree.clear()
            self._show_missing(problem)
            c = self.contents
            if c is None:
                self.title.setText(self.tr("Contents"))
                return
            self.title.setText(
                self.tr("Contents — {present} of {total} there").format(
                    present=c.present, total=c.total
                )
            )
            for section in c.sections:
                top = self._section_item(section)
                self.tree.addTopLevelItem(top)
                top.setExpanded(True)  # only once it is in the tree
        finally:
            self._filling = False
            self._update_buttons()

    def _show_missing(self, problem: str) -> None:
        c = self.contents
        missing = [d.name for d in c.lines if not d.present] if c else []
        if problem or c is None:
            text, tip, color = problem, "", ERROR_COLOR
        elif missing:
            names = "、".join(missing[:MISSING_SHOWN])
            if len(missing) > MISSING_SHOWN:
                names += " …"
            text = self.tr("Not there ({n}): {names}").format(n=len(missing), names=names)
            tip, color = "\n".join(missing), ERROR_COLOR
        else:
            text, tip = self.tr("Every listed item is there."), ""
            color = OK_COLOR
        self.missing.setText(text)
        self.missing.setToolTip(tip)
        self.missing.setStyleSheet(f"color: {color};")

    def _section_item(self, section: items.ItemSection) -> QTreeWidgetItem:
        assert self.reg.items is not None
        text = labels.value_label(self.reg, self.reg.items.sections, section.section)
        if section.missing:
            text += self.tr(" (missing {n})").format(n=section.missing)
        top = QTreeWidgetItem([text])
        font = top.font(0)
        font.setBold(True)
        top.setFont(0, font)
        for doc in section.items:
            top.addChild(self._doc_item(doc))
        return top

    def _doc_item(self, doc: items.ItemLine) -> QTreeWidgetItem:
        scan_text = doc.scan_name or ("" if not doc.has_scan else self.tr("scanned"))
        item = QTreeWidgetItem([doc.name, scan_text])
        item.setData(0, DocRole, doc)
        if doc.personal:  # ID copy, contact sheet: a view of its scan is logged
            item.setIcon(0, icon("lock"))
            item.setToolTip(0, self.tr("Personal data: each view of its scan is logged."))
        flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
        if not self.can_tick:
            why = not_your_role()
        elif self._locked():
            why = self.tr("Not now: its contents change when it is back.")
        elif doc.id in self.saving:
            why = self.tr("Saving… (the shared drive may be slow)")
        else:
            why = ""
        if why:
            flags &= ~Qt.ItemFlag.ItemIsEnabled
            item.setToolTip(0, why)
        item.setFlags(flags)
        item.setCheckState(0, Qt.CheckState.Checked if doc.present else Qt.CheckState.Unchecked)
        if not doc.present:
            item.setForeground(0, QBrush(QColor(ERROR_COLOR)))
        return item

    # -- ticking -----------------------------------------------------------------------------

    def item_widgets(self) -> Iterator[QTreeWidgetItem]:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            yield from (top.child(j) for j in range(top.childCount()))

    def item_named(self, name: str) -> QTreeWidgetItem | None:
        return next((i for i in self.item_widgets() if i.data(0, DocRole).name == name), None)

    def _ticked(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != 0:
            return
        doc: items.ItemLine | None = item.data(0, DocRole)
        if doc is None or doc.id in self.saving:
            return
        present = item.checkState(0) == Qt.CheckState.Checked
        if present == doc.present:
            return
        actor, name = self.ctx.actor, self.reg.name
        self._save(item, lambda: items.set_present(actor, name, doc.id, doc.version, present))

    def _save(self, item: QTreeWidgetItem, job: Callable[[], items.ItemLine]) -> None:
        """Run the write `job` for `item` in the background, the item locked
        meanwhile. Only the item's flags change here: this may run inside the tree's own
        itemChanged, and the tree is rebuilt only once the answer is back (queued, later)."""
        doc_id = item.data(0, DocRole).id
        self.saving.add(doc_id)
        self._filling = True
        try:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip(0, self.tr("Saving… (the shared drive may be slow)"))
        finally:
            self._filling = False
        self._update_buttons()
        run_in_background(
            job, lambda line: self._saved(doc_id, line), lambda exc: self._failed(doc_id, exc)
        )

    def _refill(self) -> None:
        """The tree again from the contents as last read, the same item current."""
        current = self.current_item()
        self._fill()
        if current is not None:
            same = (i for i in self.item_widgets() if i.data(0, DocRole).id == current.id)
            item = next(same, None)
            if item is not None:
                self.tree.setCurrentItem(item)

    def _saved(self, doc_id: int, line: items.ItemLine) -> None:
        try:
            self.saving.discard(doc_id)
            self.ctx.bus.register_changed.emit(self.reg.name)  # the dock reads it again
            self.saved.emit(line)
        except RuntimeError:  # the panel was deleted while the save ran
            log.debug("contents panel gone before its save came back", exc_info=True)

    def _failed(self, doc_id: int, exc: BaseException) -> None:
        try:
            self.saving.discard(doc_id)
            self._refill()  # the tick as last saved, enabled again
            if show_error(self, exc):  # a conflict: Reload reads the list again
                self.load(self.record)
            self.failed.emit(exc)
        except RuntimeError:
            log.debug("contents panel gone before its failure came back", exc_info=True)

    # -- scanned copies ----------------------------------------------------------------------

    def current_item(self) -> items.ItemLine | None:
        item = self.tree.currentItem()
        return item.data(0, DocRole) if item is not None else None

    def _update_buttons(self) -> None:
        doc = self.current_item()
        can = self.can_tick and doc is not None and doc.id not in self.saving
        self.attach_button.setEnabled(can)
        if can:
            tip = self.tr("Keep a scanned copy (PDF, PNG or JPEG) with this item")
        elif not self.can_tick:
            tip = not_your_role()
        elif doc is None:
            tip = self.tr("Select an item.")
        else:
            tip = self.tr("Saving… (the shared drive may be slow)")
        self.attach_button.setToolTip(tip)
        has = doc is not None and doc.has_scan
        self.open_button.setEnabled(has)
        self.open_button.setToolTip(
            self.tr("Show the scanned copy") if has else self.tr("This item has no scan.")
        )

    def attach_scan(self, path: str | None = None) -> bool:
        """Keep the chosen file as the current item's scan, saved in the background
        (`saved` tells when it is; False: nothing to attach)."""
        doc = self.current_item()
        if doc is None or not self.attach_button.isEnabled():
            return False
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Scanned copy of {name}").format(name=doc.name),
                "",
                self.tr("Scans (*.pdf *.png *.jpg *.jpeg)"),
            )
            if not path:
                return False
        actor, name, source = self.ctx.actor, self.reg.name, Path(path)
        self._save(
            self.tree.currentItem(),
            lambda: items.attach_scan(actor, name, doc.id, source.name, source.read_bytes()),
        )
        return True

    def open_scan(self, item: QTreeWidgetItem | None = None) -> QDialog | None:
        doc = item.data(0, DocRole) if item is not None else self.current_item()
        if doc is None or not doc.has_scan:
            return None
        try:
            name, mime, data = items.open_scan(self.ctx.actor, self.reg.name, doc.id)
        except PropDeskError as exc:
            show_error(self, exc)
            return None
        try:
            if mime == "application/pdf":
                viewer: QDialog = PdfPreviewDialog(data, name, self)
            else:
                viewer = ImageViewer(data, name, self)
        except Exception as exc:  # noqa: BLE001 - an unreadable file is shown as an error
            show_error(self, exc)
            return None
        self.last_viewer = open_window(viewer)
        return viewer


class ImageViewer(QDialog):
    """A scanned image (PNG/JPEG) at full size in a scroll area."""

    def __init__(self, data: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("scan_viewer")
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            raise ValueError(f"cannot read image {title}")
        label = QLabel(self)
        label.setPixmap(pixmap)
        scroll = QScrollArea(self)
        scroll.setWidget(label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(min(pixmap.width() + 40, 1000), min(pixmap.height() + 80, 800))


__all__ = ["ImageViewer", "ItemsPanel"]
