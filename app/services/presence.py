"""Who is connected: the desks (running PropDesk programs) that share this office database.

    desk_id = register_desk(actor)        # after log-in
    heartbeat(desk_id)                    # every HEARTBEAT_EVERY_S, off the GUI thread
    connected_desks()                     # the status bar's "3 desks connected"
    unregister_desk(desk_id)              # when the window closes

A desk that crashed, was switched off or lost the share just stops heartbeating: `connected_desks`
ignores rows whose heartbeat is older than `stale_after` (default STALE_AFTER), and every heartbeat
deletes rows older than PURGE_AFTER. `heartbeat` returns False when its own row was purged (the PC
slept longer than that); the caller then registers again. The "who is live" query itself (and
STALE_AFTER) is `app.heartbeats`, one floor down: `app.backup`'s restore asks it too, and the
backup floor must not import the services.

Times are each PC's own clock (the database has no clock of its own on a share), like every other
timestamp in PropDesk: PCs whose clocks differ by more than about a minute are miscounted.

These are not user intents: no permission, no audit record (a heartbeat every 30 s from every PC
would bury the audit log). Each call is still one short transaction with the busy retry, so a busy
or vanished database surfaces as StorageUnavailable, never as a raw driver error.

The `workstation` table is created with the schema. A database made before it existed gets it on
the first `register_desk` (CREATE TABLE IF NOT EXISTS): an additional table that older builds
ignore, so it needs no schema-version bump that would force every PC to upgrade at once.
"""

from __future__ import annotations

import os
import platform
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

import peewee

from app.db import db_proxy, run_with_retry
from app.heartbeats import STALE_AFTER, live_query
from app.models import Workstation
from app.services.context import Actor

PURGE_AFTER = timedelta(minutes=30)
HEARTBEAT_EVERY_S = 30

T = TypeVar("T")


@dataclass(frozen=True)
class DeskView:
    id: int
    pc_name: str
    username: str
    pid: int
    app_version: str
    started_at: datetime
    heartbeat_at: datetime


# Databases (peewee objects) known to have the workstation table, so the check runs once each.
_checked: weakref.WeakSet[peewee.Database] = weakref.WeakSet()


def _has_table(create: bool) -> bool:
    database = db_proxy.obj
    if database in _checked:
        return True
    if create:  # remembered only once the transaction has committed (register_desk)
        Workstation.create_table(safe=True)
        return True
    if not Workstation.table_exists():
        return False
    _checked.add(database)
    return True


def _write(fn: Callable[[], T]) -> T:
    """One short transaction (BEGIN IMMEDIATE on SQLite) with the usual busy retry."""

    def attempt() -> T:
        with db_proxy.atomic():
            return fn()

    return run_with_retry(attempt)


def _view(row: Workstation) -> DeskView:
    return DeskView(
        id=row.id,
        pc_name=row.pc_name,
        username=row.username,
        pid=row.pid,
        app_version=row.app_version,
        started_at=row.started_at,
        heartbeat_at=row.heartbeat_at,
    )


def register_desk(
    actor: Actor,
    *,
    pc_name: str | None = None,
    pid: int | None = None,
    app_version: str | None = None,
    now: datetime | None = None,
) -> int:
    """Announce this desk (after log-in); returns its id for heartbeat/unregister_desk."""
    from app import __version__

    now = now or datetime.now()

    def write() -> int:
        _has_table(create=True)
        row = Workstation.create(
            pc_name=(pc_name or actor.workstation or platform.node() or "?")[:128],
            username=actor.username[:64],
            pid=os.getpid() if pid is None else pid,
            app_version=(app_version if app_version is not None else __version__)[:32],
            started_at=now,
            heartbeat_at=now,
        )
        return row.id

    desk_id = _write(write)
    _checked.add(db_proxy.obj)
    return desk_id


def heartbeat(desk_id: int, *, pid: int | None = None, now: datetime | None = None) -> bool:
    """Refresh this desk's heartbeat and purge long-dead desks. False when this desk's own row
    is gone (purged after a long sleep, or never registered): register again.

    `pid` (keep_alive passes its own) also has to match: on SQLite a purged desk's id can be
    given to a newcomer, whose row a waking desk must not take over."""
    now = now or datetime.now()

    def write() -> bool:
        if not _has_table(create=False):
            return False
        mine = Workstation.id == desk_id
        if pid is not None:
            mine &= Workstation.pid == pid
        updated = Workstation.update(heartbeat_at=now).where(mine).execute()
        Workstation.delete().where(
            (Workstation.heartbeat_at < now - PURGE_AFTER) & (Workstation.id != desk_id)
        ).execute()
        return updated == 1

    return _write(write)


def unregister_desk(desk_id: int) -> None:
    """This desk is closing."""

    def write() -> None:
        if _has_table(create=False):
            Workstation.delete().where(Workstation.id == desk_id).execute()

    _write(write)


def connected_desks(
    stale_after: timedelta = STALE_AFTER, *, now: datetime | None = None
) -> list[DeskView]:
    """Desks whose last heartbeat is at most `stale_after` old, by PC name."""
    now = now or datetime.now()

    def read() -> list[DeskView]:
        if not _has_table(create=False):
            return []
        return [_view(r) for r in live_query(stale_after, now=now)]

    return run_with_retry(read)


def keep_alive(
    actor: Actor, desk_id: int | None, *, now: datetime | None = None
) -> tuple[int, list[DeskView]]:
    """What the UI's background heartbeat does every HEARTBEAT_EVERY_S, in one call:
    register (first time, or after this desk's row was purged) or heartbeat, then list the
    connected desks. Returns (desk id, connected desks)."""
    if desk_id is None or not heartbeat(desk_id, pid=os.getpid(), now=now):
        desk_id = register_desk(actor, now=now)
    return desk_id, connected_desks(now=now)
