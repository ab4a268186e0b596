"""Model base classes: every table binds to `db_proxy`; editable records carry who/when/version."""

from __future__ import annotations

from datetime import datetime

import peewee

from app.db import db_proxy


class BaseModel(peewee.Model):
    class Meta:
        database = db_proxy
        legacy_table_names = False


class TrackedModel(BaseModel):
    """Who created/last changed a record and when, plus a version for optimistic locking.

    A save based on a stale copy is refused (services.records.update_versioned) instead of
    silently overwriting a colleague's change.
    """

    created_at = peewee.DateTimeField(default=datetime.now)
    created_by = peewee.CharField(max_length=64, default="")
    updated_at = peewee.DateTimeField(default=datetime.now)
    updated_by = peewee.CharField(max_length=64, default="")
    version = peewee.IntegerField(default=1)


class VoidableMixin(peewee.Model):
    """Nothing is hard-deleted: a record is voided (作废) with a reason."""

    voided_at = peewee.DateTimeField(null=True, index=True)
    voided_by = peewee.CharField(max_length=64, null=True)
    void_reason = peewee.TextField(null=True)
