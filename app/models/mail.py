"""邮件分拣 (SPEC §3.3): special mail (邮件登记表) and its pickups, the shift handover of the mail
still held. The register declarations (labels, states, transitions, lists) are in
app/registers/mail/.
"""

from __future__ import annotations

from datetime import datetime

import peewee

from app.models.base import BaseModel, TrackedModel, VoidableMixin
from app.models.common import Signature
from app.models.reference import Party, Unit


class MailPickup(TrackedModel, VoidableMixin):
    """One handing-out (领取) of one or more items to one person, after the identity check:
    number `LQ-YYYY-NNNNN`; the items point at it."""

    number = peewee.CharField(max_length=20, unique=True)
    recipient_name = peewee.CharField(max_length=64, index=True)  # 签署中文姓名
    id_type = peewee.CharField(max_length=16)
    id_number = peewee.CharField(max_length=32)
    # addressee 本人 / occupant 本单元业主或租户 / authorised 受托代领
    relation = peewee.CharField(max_length=16)
    # The addressee or occupant whose document matched, or who authorised the recipient.
    party = peewee.ForeignKeyField(Party, null=True, on_delete="RESTRICT", backref="+")
    authorisation = peewee.CharField(max_length=200, default="")  # 授权委托书 …
    picked_up_at = peewee.DateTimeField(default=datetime.now, index=True)
    handed_out_by = peewee.CharField(max_length=64, default="")
    items = peewee.IntegerField(default=0)
    signature = peewee.ForeignKeyField(Signature, null=True, on_delete="SET NULL", backref="+")

    class Meta:
        search_fields = ("number", "recipient_name")


class MailItem(TrackedModel, VoidableMixin):
    """A registered letter, parcel note, remittance note or parcel held at the desk: number
    `YJ-YYYY-NNNNN` on its label; due (waiting too long) `mail_hold_days` working days after
    it was received."""

    number = peewee.CharField(max_length=20, unique=True)
    kind = peewee.CharField(max_length=16, index=True)
    tracking_no = peewee.CharField(max_length=40, default="", index=True)  # the post's number
    unit = peewee.ForeignKeyField(Unit, backref="mail", on_delete="RESTRICT")
    addressee = peewee.CharField(max_length=128)
    # The occupant the addressee is, when reference data knows them (moved out → return list).
    addressee_party = peewee.ForeignKeyField(Party, null=True, on_delete="RESTRICT", backref="+")
    sender = peewee.CharField(max_length=128, default="")
    envelope_ok = peewee.BooleanField(default=True)  # 邮封无破损
    status = peewee.CharField(max_length=16, default="received", index=True)
    received_at = peewee.DateTimeField(default=datetime.now, index=True)
    received_by = peewee.CharField(max_length=64, default="")
    # Who answers for the item while it is held (失件责任): the clerk who signed for it, then
    # whoever signed for it at each shift handover, and since when.
    held_by = peewee.CharField(max_length=64, default="")
    held_since = peewee.DateTimeField(null=True, index=True)
    due_at = peewee.DateTimeField(null=True, index=True)
    notified_at = peewee.DateTimeField(null=True)
    notified_by = peewee.CharField(max_length=64, default="")
    notify_method = peewee.CharField(max_length=16, default="")
    notified_whom = peewee.CharField(max_length=64, default="")  # who was told on the phone
    tries = peewee.IntegerField(default=0)  # failed delivery tries (复派无人认收)
    pickup = peewee.ForeignKeyField(MailPickup, null=True, on_delete="RESTRICT", backref="lines")
    picked_up_at = peewee.DateTimeField(null=True)
    handed_out_by = peewee.CharField(max_length=64, default="")
    returned_at = peewee.DateTimeField(null=True)
    returned_by = peewee.CharField(max_length=64, default="")
    return_reason = peewee.CharField(max_length=16, default="")
    post_office_receiver = peewee.CharField(max_length=64, default="")
    notes = peewee.TextField(default="")

    class Meta:
        search_fields = ("number", "tracking_no", "addressee", "sender")
        # The pickup form's "also waiting for this unit": a unit's past items are never read.
        # The Today line (held and past due) reads the held items only.
        indexes = ((("unit", "status"), False), (("status", "due_at"), False))


class MailHandover(TrackedModel, VoidableMixin):
    """交接班: the mail still held, handed from one shift to the next with both signatures."""

    number = peewee.CharField(max_length=20, unique=True)  # JB-2026-00001
    handed_at = peewee.DateTimeField(default=datetime.now, index=True)
    from_name = peewee.CharField(max_length=64)
    to_name = peewee.CharField(max_length=64)
    items = peewee.IntegerField(default=0)
    note = peewee.TextField(default="")
    from_signature = peewee.ForeignKeyField(Signature, null=True, on_delete="SET NULL", backref="+")
    to_signature = peewee.ForeignKeyField(Signature, null=True, on_delete="SET NULL", backref="+")

    class Meta:
        search_fields = ("number", "from_name", "to_name")


class MailHandoverLine(BaseModel):
    """Exactly which items changed hands at a handover."""

    handover = peewee.ForeignKeyField(MailHandover, backref="lines", on_delete="CASCADE")
    item = peewee.ForeignKeyField(MailItem, backref="handovers", on_delete="RESTRICT")
    status = peewee.CharField(max_length=16)  # the item's state as it was handed over

    class Meta:
        indexes = ((("handover", "item"), True),)


class PeriodicalSubscription(TrackedModel, VoidableMixin):
    """A unit's subscription to a newspaper or periodical, delivered through the desk."""

    unit = peewee.ForeignKeyField(Unit, backref="subscriptions", on_delete="RESTRICT")
    title = peewee.CharField(max_length=128, index=True)
    copies = peewee.IntegerField(default=1)
    since = peewee.DateField(null=True)
    until = peewee.DateField(null=True)
    status = peewee.CharField(max_length=16, default="active", index=True)

    class Meta:
        search_fields = ("title",)


class PeriodicalReceipt(TrackedModel, VoidableMixin):
    """报刊收发登记表, one line per title and day: counted against the subscriptions, then
    distributed to the units (signed off)."""

    number = peewee.CharField(max_length=20, unique=True)  # BK-2026-00001
    day = peewee.DateField(index=True)
    title = peewee.CharField(max_length=128, index=True)
    expected = peewee.IntegerField(default=0)
    received = peewee.IntegerField(default=0)
    status = peewee.CharField(max_length=16, default="received", index=True)
    received_by = peewee.CharField(max_length=64, default="")
    distributed_at = peewee.DateTimeField(null=True)
    distributed_by = peewee.CharField(max_length=64, default="")
    signature = peewee.ForeignKeyField(Signature, null=True, on_delete="SET NULL", backref="+")
    notes = peewee.TextField(default="")

    class Meta:
        search_fields = ("number", "title")


class PeriodicalShortage(TrackedModel, VoidableMixin):
    """Copies short or an issue late: chased with the post office until closed, reported to
    the department head when chasing fails (邮件分拣管理制度 5)."""

    number = peewee.CharField(max_length=20, unique=True)  # QK-2026-00001
    receipt = peewee.ForeignKeyField(PeriodicalReceipt, backref="shortages", on_delete="RESTRICT")
    title = peewee.CharField(max_length=128, index=True)
    kind = peewee.CharField(max_length=16)  # short / late
    missing = peewee.IntegerField(default=0)
    status = peewee.CharField(max_length=16, default="open", index=True)
    chased = peewee.IntegerField(default=0)
    last_chased_at = peewee.DateTimeField(null=True)
    reported_to = peewee.CharField(max_length=64, default="")
    closed_at = peewee.DateTimeField(null=True)
    closed_by = peewee.CharField(max_length=64, default="")
    resolution = peewee.TextField(default="")
