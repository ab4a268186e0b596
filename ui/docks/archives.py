"""业主档案 — the archive clerk's desk: files, loans and incidents, each a generic RegisterDock
(ui/kit/register_dock.py) on its declaration (app/registers/archives/register.py): the file's
contents under its card (ui/kit/items_panel.py), Return's checklist (ui/kit/checklist_dialog.py),
the lending slip and the return receipt previewed after a lend and a return (`Transition.prints`).

What is special here: a lent file is overdue past its due time, and a loan number scanned again
takes its file back.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QWidget

from app.registers.archives.register import ARCHIVE_INCIDENTS, ARCHIVE_LOANS, ARCHIVES
from ui.context import UiContext
from ui.docks.registry import add_dock
from ui.kit.register_dock import RegisterDock, dock_spec


class ArchivesDock(RegisterDock):
    """Files: the list (status, category), the file's card with its contents checklist, Lend /
    Return / Retire / Back into use, New, Edit, Void, and the slips."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, ARCHIVES.name, parent)

    def is_overdue(self, record: dict[str, Any]) -> bool:
        due = record.get("due_at")
        return record.get("status") == "lent" and isinstance(due, datetime) and due < datetime.now()


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


add_dock(dock_spec(ARCHIVES, "archive", 15, ArchivesDock, tags=("archives",)))
add_dock(dock_spec(ARCHIVE_LOANS, "loan", 16, ArchiveLoansDock, tags=("archives",)))
add_dock(dock_spec(ARCHIVE_INCIDENTS, "warning", 17, tags=("archives",)))

__all__ = ["ArchiveLoansDock", "ArchivesDock"]
