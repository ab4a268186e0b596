"""Saved Excel column mappings of the register kit's history import (app/kit/history_import.py).

A clerk maps an office sheet's columns to a register's fields once; the mapping is kept per
register and header row (sha256 of the normalised header texts) and offered again the next time a
sheet with the same header row is imported.
"""

from __future__ import annotations

from datetime import datetime

import peewee

from app.models.base import BaseModel


class ImportMapping(BaseModel):
    register = peewee.CharField(max_length=32)  # the register's declared name: "archive_loans"
    signature = peewee.CharField(max_length=64)  # sha256 hex of the normalised header row
    mapping = peewee.TextField()  # JSON {header as shown: field name}; unmapped columns left out
    updated_at = peewee.DateTimeField(default=datetime.now)
    updated_by = peewee.CharField(max_length=64, default="")

    class Meta:
        indexes = ((("register", "signature"), True),)
