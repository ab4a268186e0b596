"""What every dock and dialog needs to know about the running session, and how they talk.

Docks never call each other: they emit on the shared `UiContext.bus` and listen to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from app.db import DatabaseInfo
from app.services.context import Actor


class Bus(QObject):
    # A register's data changed (after a save): lists showing it refresh.
    register_changed = Signal(str)
    # Open one record in its register's dock (scan box, overdue list, navigator): register, id.
    open_record = Signal(str, int)
    # Do the obvious thing with an opened record (the same code scanned / Enter pressed again):
    # lend a key in the cabinet, take back a lent one, …
    act_on_record = Signal(str, int)
    # Short message for the status bar.
    status_message = Signal(str)
    # The database could not be reached (False) / answers again (True): the storage banner.
    storage_state = Signal(bool)


@dataclass
class UiContext:
    actor: Actor
    database: DatabaseInfo
    bus: Bus = field(default_factory=Bus)
