"""业主档案管理 (一户一档): the archive clerk's registers — declared in `register`, with what is
special in `rules` (handlers, checklists) and `services` (contents, scanned copies, lists)."""

from app.registers.archives.register import ARCHIVE_INCIDENTS, ARCHIVE_LOANS, ARCHIVES

__all__ = ["ARCHIVES", "ARCHIVE_INCIDENTS", "ARCHIVE_LOANS"]
