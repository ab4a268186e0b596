"""业主档案管理 (一户一档): the archive clerk's registers — declared in `register`, with what is
special in `rules` (handlers, the seed's checklists, slip data) and `services` (opening the files
of a whole building); the contents and scanned copies are the kit's `items`."""

from app.registers.archives.register import ARCHIVE_INCIDENTS, ARCHIVE_LOANS, ARCHIVES

__all__ = ["ARCHIVES", "ARCHIVE_INCIDENTS", "ARCHIVE_LOANS"]
