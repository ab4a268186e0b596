"""钥匙收发与使用 / 钥匙借用 (SPEC §3.1)."""

from __future__ import annotations

from datetime import datetime

import peewee

from app.kit.declare import choices
from app.models.base import BaseModel, TrackedModel, VoidableMixin
from app.models.common import Signature
from app.models.reference import Party, Staff, Unit

# Value labels of the stored codes, declared once (list, card, export and slips use them).
KEY_STATES = choices(
    ("in_cabinet", "In cabinet", "在柜"),
    ("lent", "Lent", "已借出"),
    ("issued", "Issued", "已发放"),
    ("lost", "Lost", "遗失"),
    ("retired", "Retired", "已停用"),
)
RETURN_CONDITION_CHOICES = choices(
    ("good", "Good", "完好"),
    ("damaged", "Damaged", "损坏"),
    ("lost", "Lost", "遗失"),
)
BORROWER_KIND_CHOICES = choices(
    ("staff", "Staff", "内部员工"),
    ("external", "Outside", "外来人员"),
)
LOAN_STATUS_CHOICES = choices(
    ("out", "Out", "借出中"),
    ("overdue", "Overdue", "已逾期"),
    ("returned", "Returned", "已归还"),
    ("damaged", "Damaged", "损坏"),
    ("lost", "Lost", "遗失"),
)
HANDOVER_KIND_CHOICES = choices(
    ("receive", "Received", "接收"),
    ("issue", "Issued", "发放"),
    ("custodian", "Custodian handover", "内部交接"),
)
# The key's history (RecordEvent kinds).
KEY_EVENT_CHOICES = choices(
    ("created", "Registered", "登记"),
    ("received", "Received", "接收"),
    ("issued", "Issued", "发放"),
    ("lent", "Lent", "借出"),
    ("returned", "Returned", "归还"),
    ("damaged", "Damaged", "损坏"),
    ("lost", "Lost", "遗失"),
    ("retired", "Retired", "停用"),
    ("custodian", "Custodian handover", "内部交接"),
    ("missing", "Missing at stocktake", "清点缺失"),
    ("edited", "Edited", "修改"),
)


class Key(TrackedModel):
    """A key or a key set; `code` is what its tag's Code 128 barcode carries."""

    code = peewee.CharField(max_length=32, unique=True)
    label = peewee.CharField(max_length=128, index=True)  # "A-1203 户门", "配电室"
    unit = peewee.ForeignKeyField(Unit, null=True, backref="keys", on_delete="RESTRICT")
    area = peewee.CharField(max_length=64, default="", index=True)  # public area when no unit
    key_count = peewee.IntegerField(default=1)  # keys in the set
    hook = peewee.CharField(max_length=16, default="", index=True)  # cabinet hook
    status = peewee.CharField(max_length=16, default="in_cabinet", index=True)
    holder = peewee.CharField(max_length=128, default="")  # who has it while not in the cabinet
    notes = peewee.TextField(default="")

    class Meta:
        search_fields = (
            "code",
            "label",
            "area",
            "holder",
        )  # the search box (trigram index on SQLite)


class KeyLoan(TrackedModel, VoidableMixin):
    """钥匙借用: due back the same day by the office cut-off time."""

    number = peewee.CharField(max_length=20, unique=True)  # YS-2026-00001
    key = peewee.ForeignKeyField(Key, backref="loans", on_delete="RESTRICT")
    borrower_kind = peewee.CharField(max_length=16)  # staff / external
    borrower_staff = peewee.ForeignKeyField(
        Staff, null=True, on_delete="RESTRICT", backref="key_loans"
    )
    borrower_name = peewee.CharField(max_length=64, index=True)
    borrower_phone = peewee.CharField(max_length=32, default="")
    borrower_org = peewee.CharField(max_length=128, default="")
    purpose = peewee.TextField(default="")
    document_ref = peewee.CharField(max_length=64, default="")  # external: 证件/文件号
    approved_by = peewee.CharField(max_length=64, default="")  # external: approving leader
    lent_at = peewee.DateTimeField(default=datetime.now, index=True)
    lent_by = peewee.CharField(max_length=64)
    due_at = peewee.DateTimeField(index=True)
    returned_at = peewee.DateTimeField(null=True, index=True)
    returned_to = peewee.CharField(max_length=64, null=True)
    return_condition = peewee.CharField(max_length=16, null=True)
    statement = peewee.TextField(default="")  # damage/loss statement (说明)
    reported_up = peewee.BooleanField(default=False)
    borrower_signature = peewee.ForeignKeyField(
        Signature, null=True, on_delete="SET NULL", backref="+"
    )
    return_signature = peewee.ForeignKeyField(
        Signature, null=True, on_delete="SET NULL", backref="+"
    )

    class Meta:
        search_fields = (
            "number",
            "borrower_name",
            "borrower_org",
            "purpose",
        )  # the search box (trigram index on SQLite)
        # The Today line (not returned and past due) reads the open loans only.
        indexes = ((("returned_at", "due_at"), False),)


class KeyHandover(TrackedModel):
    """钥匙交接表 / 钥匙签收单: receive (接收), issue (发放) or custodian handover (内部交接)."""

    number = peewee.CharField(max_length=20, unique=True)  # JJ-2026-00001
    kind = peewee.CharField(max_length=16)  # receive / issue / custodian
    from_name = peewee.CharField(max_length=128)
    to_name = peewee.CharField(max_length=128)
    party = peewee.ForeignKeyField(Party, null=True, on_delete="RESTRICT")  # owner receiving keys
    at = peewee.DateTimeField(default=datetime.now)
    notes = peewee.TextField(default="")
    from_signature = peewee.ForeignKeyField(Signature, null=True, on_delete="SET NULL", backref="+")
    to_signature = peewee.ForeignKeyField(Signature, null=True, on_delete="SET NULL", backref="+")


class KeyHandoverLine(BaseModel):
    handover = peewee.ForeignKeyField(KeyHandover, backref="lines", on_delete="CASCADE")
    key = peewee.ForeignKeyField(Key, on_delete="RESTRICT")
    key_count = peewee.IntegerField()  # counted at the handover


class KeyStocktake(TrackedModel):
    """清点: scan every key in the cabinet; missing and unexpected keys are listed."""

    number = peewee.CharField(max_length=20, unique=True)  # QD-2026-00001
    started_at = peewee.DateTimeField(default=datetime.now)
    finished_at = peewee.DateTimeField(null=True)
    done_by = peewee.CharField(max_length=64)
    notes = peewee.TextField(default="")
    # Frozen at finish (JSON: counted/missing key ids, unexpected codes with reasons), so the
    # printed report of a finished stocktake never changes when keys move afterwards.
    result_json = peewee.TextField(default="")


class KeyStocktakeScan(BaseModel):
    stocktake = peewee.ForeignKeyField(KeyStocktake, backref="scans", on_delete="CASCADE")
    code = peewee.CharField(max_length=64)
    key = peewee.ForeignKeyField(Key, null=True, on_delete="RESTRICT")
    at = peewee.DateTimeField(default=datetime.now)

    class Meta:
        indexes = ((("stocktake", "code"), True),)
