"""Who is connected: one row per running PropDesk desk (PC + program instance).

A desk registers after log-in, refreshes `heartbeat_at` every ~30 s from a background thread and
removes its row when it closes. A desk that crashed or lost the share simply stops heartbeating:
the count ignores rows older than `services.presence.STALE_AFTER` and heartbeats purge rows much
older than that. Not a TrackedModel: nobody edits these rows, and they are not audited.
"""

from __future__ import annotations

from datetime import datetime

import peewee

from app.models.base import BaseModel


class Workstation(BaseModel):
    pc_name = peewee.CharField(max_length=128)
    username = peewee.CharField(max_length=64)
    pid = peewee.IntegerField()
    app_version = peewee.CharField(max_length=32, default="")
    started_at = peewee.DateTimeField(default=datetime.now)
    heartbeat_at = peewee.DateTimeField(default=datetime.now, index=True)
