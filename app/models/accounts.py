"""Personal accounts (no shared logins), login history with out-of-hours flags."""

from __future__ import annotations

from datetime import datetime

import peewee

from app.models.base import BaseModel, TrackedModel
from app.models.reference import Staff


class User(TrackedModel):
    username = peewee.CharField(max_length=64, unique=True)
    display_name = peewee.CharField(max_length=64, default="")
    staff = peewee.ForeignKeyField(Staff, null=True, backref="accounts", on_delete="SET NULL")
    role = peewee.CharField(max_length=32)
    password_hash = peewee.CharField(max_length=255)
    active = peewee.BooleanField(default=True)
    failed_logins = peewee.IntegerField(default=0)
    locked_until = peewee.DateTimeField(null=True)
    last_login_at = peewee.DateTimeField(null=True)


class LoginEvent(BaseModel):
    """Every login attempt. Out-of-hours logins carry the reason and are flagged for the manager."""

    at = peewee.DateTimeField(default=datetime.now, index=True)
    username = peewee.CharField(max_length=64, index=True)
    success = peewee.BooleanField()
    out_of_hours = peewee.BooleanField(default=False)
    reason = peewee.TextField(default="")
    flagged = peewee.BooleanField(default=False, index=True)
    reviewed_by = peewee.CharField(max_length=64, null=True)
    workstation = peewee.CharField(max_length=128, default="")
