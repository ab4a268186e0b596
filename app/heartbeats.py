"""Which desks are connected right now, read from the presence heartbeats (`workstation` table).

Two floors ask that one question: `app.services.presence` (the status bar's "3 desks connected")
and `app.backup.restore_backup` (a database another desk is using is not replaced). The backup
floor lies below the services and must not import them, so the query lives here, below both,
instead of being passed to `restore_backup` as a callback: a restore is destructive, and a
caller that forgot the callback would silently lose the "in use by …" refusal. Writing the
heartbeats (register, heartbeat, purge, unregister) stays in `app.services.presence`.

Imports only app.db and app.models.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import peewee

from app.db import run_with_retry
from app.models import Workstation

# A desk whose heartbeat is older than this is not counted (it crashed, was switched off or lost
# the share); services.presence heartbeats every 30 s.
STALE_AFTER = timedelta(minutes=2)


def live_query(
    stale_after: timedelta = STALE_AFTER, *, now: datetime | None = None
) -> peewee.ModelSelect:
    """Workstation rows whose heartbeat is at most `stale_after` old, by PC name, user, id.

    Only the query: the caller checks the table exists and runs it (in run_with_retry)."""
    now = now or datetime.now()
    return (
        Workstation.select()
        .where(Workstation.heartbeat_at >= now - stale_after)
        .order_by(Workstation.pc_name, Workstation.username, Workstation.id)
    )


def desk_name(desk: Workstation) -> str:
    """`PC (user)` as a message names a desk."""
    if desk.pc_name:
        return f"{desk.pc_name} ({desk.username})" if desk.username else str(desk.pc_name)
    return str(desk.id)


def connected_desk_names(
    stale_after: timedelta = STALE_AFTER, *, now: datetime | None = None
) -> list[str]:
    """`PC (user)` of each connected desk of the open database (db_proxy); [] when it has no
    workstation table (made before presence existed). One read with the busy retry: a busy or
    unreachable database raises StorageUnavailable."""

    def read() -> list[str]:
        if not Workstation.table_exists():
            return []
        return [desk_name(row) for row in live_query(stale_after, now=now)]

    return run_with_retry(read)
