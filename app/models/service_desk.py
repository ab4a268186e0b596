"""The service desk (SPEC §3.4–3.6): repair work orders (维修服务通知单), complaints (投诉登记表 +
投诉处理单, one number) and the one callback queue (回访) both feed.

The register declarations (labels, states, transitions, lists) are in
app/registers/service_desk/.
"""

from __future__ import annotations

import peewee

from app.models.base import TrackedModel, VoidableMixin
from app.models.common import Signature
from app.models.reference import Department, Staff, Unit


class WorkOrder(TrackedModel, VoidableMixin):
    """维修服务通知单 `WX-YYYY-NNNNN`: public area or a customer's area, dispatched to an engineer
    who must arrive within 15 minutes; paid work only once the customer confirmed the price."""

    number = peewee.CharField(max_length=20, unique=True)
    area = peewee.CharField(max_length=16, index=True)  # public / customer
    unit = peewee.ForeignKeyField(Unit, null=True, backref="work_orders", on_delete="RESTRICT")
    location = peewee.CharField(max_length=128, default="")  # 维修地点 (a public area's place)
    reporter_name = peewee.CharField(max_length=64)
    contact_phone = peewee.CharField(max_length=32, default="")
    fault = peewee.TextField()
    category = peewee.CharField(max_length=16, index=True)
    channel = peewee.CharField(max_length=16)  # phone / in_person / patrol / internal
    status = peewee.CharField(max_length=16, default="new", index=True)
    # What the desk must look at next: the arrival deadline while dispatched, the follow-up of
    # an unfinished order; empty once the engineer is there (the Today panel reads it).
    due_at = peewee.DateTimeField(null=True, index=True)
    engineer = peewee.ForeignKeyField(Staff, null=True, backref="work_orders", on_delete="RESTRICT")
    dispatched_at = peewee.DateTimeField(null=True, index=True)
    dispatched_by = peewee.CharField(max_length=64, default="")
    # Kept when the arrival is recorded, so "arrived on time" is a column, not a recomputation.
    arrival_due_at = peewee.DateTimeField(null=True)
    arrived_at = peewee.DateTimeField(null=True)
    arrival_via = peewee.CharField(max_length=16, default="")  # scanned / phoned
    arrival_met = peewee.BooleanField(null=True, index=True)
    paid = peewee.BooleanField(default=False)  # 有偿服务
    price = peewee.DecimalField(max_digits=10, decimal_places=2, null=True)
    price_confirmed_at = peewee.DateTimeField(null=True)
    price_signature = peewee.ForeignKeyField(
        Signature, null=True, on_delete="SET NULL", backref="+"
    )
    work_done = peewee.TextField(default="")
    finished_at = peewee.DateTimeField(null=True, index=True)
    accepted_by = peewee.CharField(max_length=64, default="")  # the customer who accepted it
    acceptance_signature = peewee.ForeignKeyField(
        Signature, null=True, on_delete="SET NULL", backref="+"
    )
    unfinished_reason = peewee.TextField(default="")
    appointment_at = peewee.DateTimeField(null=True)
    received_at = peewee.DateTimeField(null=True)  # 客服部接收确认
    received_by = peewee.CharField(max_length=64, default="")
    reopen_reason = peewee.TextField(default="")

    class Meta:
        search_fields = ("number", "reporter_name", "location", "fault")
        # The monthly report counts the orders taken in a month; the Today panel reads the
        # open orders by due time (state first: a full register is mostly closed orders).
        indexes = ((("created_at",), False), (("status", "due_at"), False))


class Complaint(TrackedModel, VoidableMixin):
    """投诉 `TS-YYYY-NNNNN`: the register entry, the handling form and the original share it."""

    number = peewee.CharField(max_length=20, unique=True)
    # letter / phone / fax / in_person / email / department
    channel = peewee.CharField(max_length=16)
    complainant_name = peewee.CharField(max_length=64)
    unit = peewee.ForeignKeyField(Unit, null=True, backref="complaints", on_delete="RESTRICT")
    contact_phone = peewee.CharField(max_length=32, default="")
    content = peewee.TextField()
    category = peewee.CharField(max_length=16, index=True)  # service / management / operations
    original_ref = peewee.CharField(max_length=64, default="")  # the letter's/fax's own reference
    status = peewee.CharField(max_length=16, default="received", index=True)
    due_at = peewee.DateTimeField(null=True, index=True)  # today's investigation, then the deadline
    investigation = peewee.TextField(default="")
    department = peewee.ForeignKeyField(
        Department, null=True, backref="complaints", on_delete="RESTRICT"
    )
    deadline = peewee.DateField(null=True)
    decided_by = peewee.CharField(max_length=64, default="")
    assigned_at = peewee.DateTimeField(null=True)
    major = peewee.BooleanField(default=False)  # 重大投诉 → 项目总经理
    measures = peewee.TextField(default="")
    measures_owner = peewee.CharField(max_length=64, default="")  # 责任人
    result = peewee.TextField(default="")
    resolved_at = peewee.DateTimeField(null=True, index=True)
    closed_at = peewee.DateTimeField(null=True)
    reopen_reason = peewee.TextField(default="")

    class Meta:
        search_fields = ("number", "complainant_name", "content", "original_ref")
        indexes = (
            (("created_at",), False),
            (("closed_at",), False),
            (("status", "due_at"), False),
        )


class Callback(TrackedModel, VoidableMixin):
    """回访 `HF-YYYY-NNNNN`: one queue fed by finished repairs, complaints and hand entries; due
    in the office's call windows on working days."""

    number = peewee.CharField(max_length=20, unique=True)
    source = peewee.CharField(max_length=16, default="manual", index=True)  # repair / complaint
    purpose = peewee.CharField(max_length=16, default="other")  # repair / progress / result
    work_order = peewee.ForeignKeyField(
        WorkOrder, null=True, backref="callbacks", on_delete="RESTRICT"
    )
    complaint = peewee.ForeignKeyField(
        Complaint, null=True, backref="callbacks", on_delete="RESTRICT"
    )
    person_name = peewee.CharField(max_length=64)
    unit = peewee.ForeignKeyField(Unit, null=True, backref="callbacks", on_delete="RESTRICT")
    contact_phone = peewee.CharField(max_length=32, default="")
    subject = peewee.TextField(default="")
    assigned_name = peewee.CharField(max_length=64, default="", index=True)  # who is to call
    method = peewee.CharField(max_length=16, default="phone")
    status = peewee.CharField(max_length=16, default="due", index=True)
    due_at = peewee.DateTimeField(null=True, index=True)
    done_at = peewee.DateTimeField(null=True, index=True)
    done_by = peewee.CharField(max_length=64, default="")
    attitude = peewee.CharField(max_length=16, null=True)  # not asked on every call
    speed = peewee.CharField(max_length=16, null=True)  # not asked on every call
    outcome = peewee.CharField(max_length=16, null=True)  # not asked on every call
    satisfaction = peewee.CharField(max_length=16, default="", index=True)
    answers = peewee.TextField(default="")
    comments = peewee.TextField(default="")
    cancel_reason = peewee.TextField(default="")

    class Meta:
        search_fields = ("number", "person_name", "subject", "assigned_name")
        indexes = ((("status", "due_at"), False),)
