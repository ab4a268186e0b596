"""Tables every register shares: document numbers, office settings, signatures, audit, meta."""

from __future__ import annotations

from datetime import datetime

import peewee

from app.models.base import BaseModel


class SchemaMeta(BaseModel):
    """Key/value facts about the database itself (schema_version)."""

    key = peewee.CharField(max_length=64, primary_key=True)
    value = peewee.TextField()

    class Meta:
        table_name = "propdesk_meta"


class DocumentSequence(BaseModel):
    """Last number issued per form prefix and year: `TS-2026-00017`. Gapless, unique."""

    prefix = peewee.CharField(max_length=8)
    year = peewee.IntegerField()
    last_value = peewee.IntegerField(default=0)

    class Meta:
        indexes = ((("prefix", "year"), True),)


class OfficeSetting(BaseModel):
    """Office-wide settings every PC shares (cut-off time, working hours …)."""

    key = peewee.CharField(max_length=64, primary_key=True)
    value = peewee.TextField()
    updated_at = peewee.DateTimeField(default=datetime.now)
    updated_by = peewee.CharField(max_length=64, default="")


class Signature(BaseModel):
    """A handwritten signature captured on screen (PNG), printed on the record's slips."""

    image_png = peewee.BlobField()
    signer_name = peewee.CharField(max_length=64)
    signed_at = peewee.DateTimeField(default=datetime.now)
    captured_by = peewee.CharField(max_length=64, default="")


class AuditEvent(BaseModel):
    """Append-only: who did what, when, before/after (JSON). No service edits or deletes it;
    on SQLite triggers refuse UPDATE and DELETE outright."""

    at = peewee.DateTimeField(default=datetime.now, index=True)
    username = peewee.CharField(max_length=64, index=True)
    role = peewee.CharField(max_length=32, default="")
    action = peewee.CharField(max_length=64, index=True)
    entity = peewee.CharField(max_length=64, default="")
    entity_id = peewee.CharField(max_length=64, default="")
    before = peewee.TextField(null=True)
    after = peewee.TextField(null=True)
    workstation = peewee.CharField(max_length=128, default="")


class RecordEvent(BaseModel):
    """The dated trail of every register record: one row per creation and state change, with
    the staff member who did it (the register kit writes it; the key register's history too)."""

    register = peewee.CharField(max_length=32)
    record_id = peewee.IntegerField()
    at = peewee.DateTimeField(default=datetime.now)
    username = peewee.CharField(max_length=64)
    kind = peewee.CharField(max_length=24)  # created / a transition's name / lent / returned …
    detail = peewee.TextField(default="")
    document = peewee.CharField(max_length=20, default="")  # loan / handover number

    class Meta:
        indexes = ((("register", "record_id", "at"), False),)
