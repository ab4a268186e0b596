"""业主档案管理 (一户一档, SPEC §3.2): files, their contents, loans and incidents.

The register declarations (labels, states, transitions, lists) are in app/registers/archives/.
"""

from __future__ import annotations

from datetime import datetime

import peewee

from app.models.base import BaseModel, TrackedModel, VoidableMixin
from app.models.common import Signature
from app.models.reference import Staff, Unit


class Attachment(TrackedModel):
    """A scanned copy (PDF or image). Its bytes live beside the SQLite file on the share
    (`<db>-files/<sha256>`), or in `AttachmentBlob` on PostgreSQL (services/attachments.py)."""

    sha256 = peewee.CharField(max_length=64, index=True)
    file_name = peewee.CharField(max_length=255)
    mime = peewee.CharField(max_length=64)
    size = peewee.IntegerField()
    stored = peewee.CharField(max_length=8)  # "file" | "db"


class AttachmentBlob(BaseModel):
    sha256 = peewee.CharField(max_length=64, unique=True)
    data = peewee.BlobField()


class ArchiveFile(TrackedModel, VoidableMixin):
    """One household file per unit (一户一档) or a category file; `code` is on its label."""

    code = peewee.CharField(max_length=32, unique=True)
    category = peewee.CharField(max_length=24, index=True)
    unit = peewee.ForeignKeyField(Unit, null=True, backref="archive_files", on_delete="RESTRICT")
    title = peewee.CharField(max_length=128)
    shelf = peewee.CharField(max_length=32, default="", index=True)  # 存放位置, e.g. A柜-3层-12
    status = peewee.CharField(max_length=16, default="on_shelf", index=True)
    # Copied from the open loan by the lend/return handlers (rules.py), kept on the file so the
    # file list sorts by them and the search box (trigram index) finds a file by its holder.
    holder = peewee.CharField(max_length=64, default="")  # who has it while lent
    due_at = peewee.DateTimeField(null=True, index=True)  # the open loan's due time
    notes = peewee.TextField(default="")

    class Meta:
        search_fields = ("code", "title", "shelf", "holder")


class ArchiveDocument(TrackedModel, VoidableMixin):
    """A document in a file, from the seed's checklists; `present` is its tick."""

    file = peewee.ForeignKeyField(ArchiveFile, backref="documents", on_delete="RESTRICT")
    section = peewee.CharField(
        max_length=24
    )  # 入住资料 / 业主基本资料 / 联系方式 / 往来函件 / 装修
    name = peewee.CharField(max_length=128)
    present = peewee.BooleanField(default=False)
    personal = peewee.BooleanField(default=False)  # ID copy, contact sheet: each view is logged
    sort_order = peewee.IntegerField(default=0)
    attachment = peewee.ForeignKeyField(Attachment, null=True, on_delete="SET NULL", backref="+")
    notes = peewee.TextField(default="")


class ArchiveLoan(TrackedModel, VoidableMixin):
    """借阅 / 查阅: number `JY-YYYY-NNNNN`; due in working days by borrower kind."""

    number = peewee.CharField(max_length=20, unique=True)
    file = peewee.ForeignKeyField(ArchiveFile, backref="loans", on_delete="RESTRICT")
    kind = peewee.CharField(max_length=16)  # read / borrow / copy / take_out
    borrower_staff = peewee.ForeignKeyField(Staff, backref="archive_loans", on_delete="RESTRICT")
    borrower_name = peewee.CharField(max_length=64, index=True)
    borrower_department = peewee.CharField(max_length=64, default="")
    purpose = peewee.TextField(default="")
    approved_by = peewee.CharField(max_length=64, default="")  # 部门负责人 (copy / take out)
    status = peewee.CharField(max_length=16, default="out", index=True)
    lent_at = peewee.DateTimeField(default=datetime.now, index=True)
    lent_by = peewee.CharField(max_length=64, default="")
    due_at = peewee.DateTimeField(index=True)
    returned_at = peewee.DateTimeField(null=True)
    returned_to = peewee.CharField(max_length=64, default="")
    return_note = peewee.TextField(default="")
    borrower_signature = peewee.ForeignKeyField(
        Signature, null=True, on_delete="SET NULL", backref="+"
    )
    return_signature = peewee.ForeignKeyField(
        Signature, null=True, on_delete="SET NULL", backref="+"
    )

    class Meta:
        search_fields = ("number", "borrower_name", "borrower_department", "purpose")
        # The Today line (out and past due) reads the open loans only, never the returned past.
        indexes = ((("status", "due_at"), False),)


class ArchiveLoanCheck(BaseModel):
    """The return checklist, item by item (当面核对): what came back as it went out."""

    loan = peewee.ForeignKeyField(ArchiveLoan, backref="checks", on_delete="CASCADE")
    document = peewee.ForeignKeyField(ArchiveDocument, on_delete="RESTRICT")
    result = peewee.CharField(max_length=16)  # ok / missing / damaged
    note = peewee.TextField(default="")

    class Meta:
        indexes = ((("loan", "document"), True),)


class ArchiveIncident(TrackedModel, VoidableMixin):
    """A missing or damaged item found at a return: open until closed (追究当事者责任)."""

    number = peewee.CharField(max_length=20, unique=True)  # DS-2026-00001
    loan = peewee.ForeignKeyField(ArchiveLoan, backref="incidents", on_delete="RESTRICT")
    file = peewee.ForeignKeyField(ArchiveFile, backref="incidents", on_delete="RESTRICT")
    document = peewee.ForeignKeyField(ArchiveDocument, null=True, on_delete="RESTRICT")
    kind = peewee.CharField(max_length=16)  # missing / damaged
    responsible_staff = peewee.ForeignKeyField(Staff, null=True, on_delete="RESTRICT")
    responsible_name = peewee.CharField(max_length=64)
    description = peewee.TextField(default="")
    status = peewee.CharField(max_length=16, default="open", index=True)
    closed_at = peewee.DateTimeField(null=True)
    closed_by = peewee.CharField(max_length=64, default="")
    resolution = peewee.TextField(default="")
