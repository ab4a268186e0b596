"""业主档案 — the archive clerk's desk: files, loans and incidents, each a generic RegisterDock
(ui/kit/register_dock.py) on its declaration (app/registers/archives/register.py).

What is special here: the file's card shows its contents checklist (sections, ticks, what is
missing; ticking a document saves it; a scanned copy can be attached and opened); Return opens the
checklist dialog (ui/dialogs/archive_return.py); after a lend the lending slip opens in the
preview, after a return the return receipt (when the loan register declares those slips). A
scanned loan number (JY-…) scanned again takes its file back.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
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
from app.kit import registry
from app.kit.declare import Transition
from app.registers.archives import services as archive_services
from app.registers.archives.register import ARCHIVE_INCIDENTS, ARCHIVE_LOANS, ARCHIVES, SECTIONS
from app.registers.archives.services import DocumentLine, FileContents
from app.rules.roles import Perm
from app.services import scan
from ui.context import UiContext
from ui.dialogs import archive_return  # noqa: F401 - registers the "archive_return" form
from ui.dialogs.key_common import open_window
from ui.docks.registry import DockSpec, add_dock
from ui.errors import ERROR_COLOR, describe_error, show_error
from ui.icons import icon
from ui.kit import labels
from ui.kit.register_dock import RegisterDock
from ui.widgets.pdf_preview import PdfPreviewDialog

log = logging.getLogger(__name__)

labels.add_values(ARCHIVES.name, "section", SECTIONS)

# The loan register's slips opened after a lend / a return (the first that is declared).
LEND_SLIPS = ("loan_slip", "lending_slip", "lend_slip")
RETURN_SLIPS = ("return_receipt", "return_slip", "receipt")
DocRole = Qt.ItemDataRole.UserRole
MISSING_SHOWN = 6  # names in the "not in the file" line; the tooltip lists them all
OK_COLOR = "#2e7d32"


def _slip_named(register: str, names: tuple[str, ...]) -> str | None:
    reg = registry.find(register)
    if reg is None:
        return None
    declared = {s.name for s in reg.slips if getattr(s, "per_record", True)}
    return next((n for n in names if n in declared), None)


class ContentsPanel(QWidget):
    """The file's contents checklist (一户一档的内容): sections, ticks, what is missing."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.contents: FileContents | None = None
        self.can_tick = ctx.actor.can(Perm.ARCHIVES_MANAGE)
        self._filling = False
        self.title = QLabel(self.tr("Contents"), self)
        self.title.setObjectName("contents_title")
        self.title.setStyleSheet("font-weight: bold; margin-top: 6px;")
        self.missing = QLabel(self)
        self.missing.setObjectName("contents_missing")
        self.missing.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("contents_tree")
        self.tree.setHeaderLabels([self.tr("Document"), self.tr("Scanned copy")])
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
        if record is not None:
            try:
                self.contents = archive_services.file_contents(self.ctx.actor, int(record["id"]))
            except PropDeskError as exc:
                self.missing.setText(describe_error(exc).text)
        self._fill()

    def _lent(self) -> bool:
        return bool(self.contents and self.contents.status == "lent")

    def _fill(self) -> None:
        self._filling = True
        try:
            self.tree.clear()
            c = self.contents
            if c is None:
                self.title.setText(self.tr("Contents"))
                if not self.missing.text():
                    self.missing.setText("")
                return
            self.title.setText(
                self.tr("Contents — {present} of {total} in the file").format(
                    present=c.present, total=c.total
                )
            )
            for section in c.sections:
                name = labels.value_label(ARCHIVES, "section", section.section)
                if name == section.section:
                    name = section.zh
                text = name + (
                    self.tr(" (missing {n})").format(n=section.missing) if section.missing else ""
                )
                top = QTreeWidgetItem([text])
                font = top.font(0)
                font.setBold(True)
                top.setFont(0, font)
                self.tree.addTopLevelItem(top)
                for doc in section.documents:
                    top.addChild(self._doc_item(doc))
                top.setExpanded(True)
            missing = [d.name for s in c.sections for d in s.documents if not d.present]
            if missing:
                names = "、".join(missing[:MISSING_SHOWN]) + (
                    " …" if len(missing) > MISSING_SHOWN else ""
                )
                self.missing.setText(
                    self.tr("Not in the file ({n}): {names}").format(n=len(missing), names=names)
                )
                self.missing.setToolTip("\n".join(missing))
                self.missing.setStyleSheet(f"color: {ERROR_COLOR};")
            else:
                self.missing.setText(self.tr("Every listed document is in the file."))
                self.missing.setToolTip("")
                self.missing.setStyleSheet(f"color: {OK_COLOR};")
        finally:
            self._filling = False
            self._update_buttons()

    def _doc_item(self, doc: DocumentLine) -> QTreeWidgetItem:
        scan_text = doc.scan_name or ("" if not doc.has_scan else self.tr("scanned"))
        item = QTreeWidgetItem([doc.name, scan_text])
        item.setData(0, DocRole, doc)
        if doc.personal:  # ID copy, contact sheet: a view of its scan is logged
            item.setIcon(0, icon("lock"))
            item.setToolTip(0, self.tr("Personal data: each view of its scan is logged."))
        flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
        if not self.can_tick or self._lent():
            flags &= ~Qt.ItemFlag.ItemIsEnabled
            item.setToolTip(
                0,
                self.tr("The file is lent out: its contents change when it is back.")
                if self.can_tick
                else _not_your_role(),
            )
        item.setFlags(flags)
        item.setCheckState(0, Qt.CheckState.Checked if doc.present else Qt.CheckState.Unchecked)
        if not doc.present:
            item.setForeground(0, QBrush(QColor(ERROR_COLOR)))
        return item

    # -- ticking -----------------------------------------------------------------------------

    def document_item(self, name: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                child = top.child(j)
                doc = child.data(0, DocRole)
                if doc is not None and doc.name == name:
                    return child
        return None

    def _ticked(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != 0:
            return
        doc: DocumentLine | None = item.data(0, DocRole)
        if doc is None:
            return
        present = item.checkState(0) == Qt.CheckState.Checked
        if present == doc.present:
            return
        try:
            archive_services.set_document_present(self.ctx.actor, doc.id, doc.version, present)
        except PropDeskError as exc:
            show_error(self, exc)
        # Rebuilt once Qt is done with this item (clearing the tree inside its own itemChanged
        # would delete the item under Qt's feet).
        QTimer.singleShot(0, self, self._after_tick)

    def _after_tick(self) -> None:
        self.ctx.bus.register_changed.emit(ARCHIVES.name)  # the trail changed; the card reloads
        self.load(self.record)

    # -- scanned copies ----------------------------------------------------------------------

    def current_document(self) -> DocumentLine | None:
        item = self.tree.currentItem()
        return item.data(0, DocRole) if item is not None else None

    def _update_buttons(self) -> None:
        doc = self.current_document()
        can = self.can_tick and doc is not None
        self.attach_button.setEnabled(can)
        self.attach_button.setToolTip(
            self.tr("Keep a scanned copy (PDF, PNG or JPEG) with this document")
            if can
            else (_not_your_role() if not self.can_tick else self.tr("Select a document."))
        )
        has = doc is not None and doc.has_scan
        self.open_button.setEnabled(has)
        self.open_button.setToolTip(
            self.tr("Show the scanned copy") if has else self.tr("This document has no scan.")
        )

    def attach_scan(self, path: str | None = None) -> DocumentLine | None:
        doc = self.current_document()
        if doc is None or not self.attach_button.isEnabled():
            return None
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Scanned copy of {name}").format(name=doc.name),
                "",
                self.tr("Scans (*.pdf *.png *.jpg *.jpeg)"),
            )
            if not path:
                return None
        try:
            data = Path(path).read_bytes()
            line = archive_services.attach_scan(self.ctx.actor, doc.id, Path(path).name, data)
        except (OSError, PropDeskError) as exc:
            show_error(self, exc)
            return None
        self.ctx.bus.register_changed.emit(ARCHIVES.name)
        self.load(self.record)
        return line

    def open_scan(self, item: QTreeWidgetItem | None = None) -> QDialog | None:
        doc = item.data(0, DocRole) if item is not None else self.current_document()
        if doc is None or not doc.has_scan:
            return None
        try:
            name, mime, data = archive_services.open_scan(self.ctx.actor, doc.id)
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


class ArchivesDock(RegisterDock):
    """Files: the list (status, category), the file's card with its contents checklist, Lend /
    Return / Retire / Back into use, New, Edit, Void, and the slips."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, ARCHIVES.name, parent)
        self.record_loaded.connect(self.contents.load)

    def make_extra_panel(self) -> QWidget | None:
        self.contents = ContentsPanel(self.ctx, self)
        return self.contents

    def is_overdue(self, record: dict[str, Any]) -> bool:
        due = record.get("due_at")
        return record.get("status") == "lent" and isinstance(due, datetime) and due < datetime.now()

    def event_label(self, kind: str) -> str:
        if kind == "contents":
            return self.tr("Contents changed")
        return super().event_label(kind)

    def after_transition(self, t: Transition, result: dict[str, Any] | None) -> None:
        super().after_transition(t, result)
        if t.name == "lend":
            self.preview_loan_slip(LEND_SLIPS)
        elif t.name == "return":
            self.preview_loan_slip(RETURN_SLIPS)

    def loan_of_last_event(self) -> tuple[int, str] | None:
        """(id, number) of the loan the file's last lend or return wrote (its number is the
        trail row's document)."""
        for event in reversed(self.history_rows):
            number = event.get("document") or ""
            if event.get("kind") in ("lend", "return") and number.startswith(
                ARCHIVE_LOANS.prefix + "-"
            ):
                try:
                    hit = scan.resolve(self.ctx.actor, number)
                except PropDeskError:
                    return None
                return (hit.record_id, number) if hit.register == ARCHIVE_LOANS.name else None
        return None

    def preview_loan_slip(self, names: tuple[str, ...]) -> PdfPreviewDialog | None:
        slip = _slip_named(ARCHIVE_LOANS.name, names)
        loan = self.loan_of_last_event() if slip else None
        if slip is None or loan is None:
            return None
        return self.print_slip(slip, loan[0], ARCHIVE_LOANS.name, loan[1])


class ArchiveLoansDock(RegisterDock):
    """Loans (not returned / overdue / all) with the loan's card and its slips; a scanned loan
    number scanned again takes its file back (the Return checklist of the file)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, ARCHIVE_LOANS.name, parent)

    def act_on_record(self, register: str, record_id: int) -> None:
        self.show_record(register, record_id)
        record = self.record
        if register == self.reg.name and record and record.get("status") == "out":
            self.ctx.bus.act_on_record.emit(ARCHIVES.name, int(record["file"]))
            return
        button = next(iter(self.print_buttons.values()), None)
        if button is not None and button.isEnabled():
            button.click()


class ArchiveIncidentsDock(RegisterDock):
    """Missing or damaged documents found at a return, until they are closed (结案)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, ARCHIVE_INCIDENTS.name, parent)


def _not_your_role() -> str:
    return QCoreApplication.translate("RegisterDock", "Your role may not do this.")


for spec in (
    DockSpec(
        object_name="dock_archives",
        title=QT_TRANSLATE_NOOP("Docks", "Archive files"),
        icon="archive",
        registers=(ARCHIVES.name,),
        factory=ArchivesDock,
        area="right",
        tags=("archives",),
        permission=Perm.ARCHIVES_VIEW,
        order=15,
    ),
    DockSpec(
        object_name="dock_archive_loans",
        title=QT_TRANSLATE_NOOP("Docks", "Archive loans"),
        icon="loan",
        registers=(ARCHIVE_LOANS.name,),
        factory=ArchiveLoansDock,
        area="right",
        tags=("archives",),
        permission=Perm.ARCHIVES_VIEW,
        order=16,
    ),
    DockSpec(
        object_name="dock_archive_incidents",
        title=QT_TRANSLATE_NOOP("Docks", "Archive incidents"),
        icon="warning",
        registers=(ARCHIVE_INCIDENTS.name,),
        factory=ArchiveIncidentsDock,
        area="right",
        tags=("archives",),
        permission=Perm.ARCHIVES_VIEW,
        order=17,
    ),
):
    add_dock(spec)

__all__ = ["ArchiveIncidentsDock", "ArchiveLoansDock", "ArchivesDock", "ContentsPanel"]
