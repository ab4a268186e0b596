"""基础资料: buildings → floors → units, parties (owners/tenants), departments and staff."""

from __future__ import annotations

import peewee

from app.models.base import TrackedModel, VoidableMixin

UNIT_STATUSES = ("occupied", "vacant", "renovating")
# 办公 商铺 仓储 住宅 车位 其他
UNIT_USES = ("office", "shop", "storage", "residence", "parking", "other")
PARTY_KINDS = ("owner", "tenant")
ID_TYPES = ("ric", "uscc", "passport", "other")  # 居民身份证, 统一社会信用代码, 护照
DEPARTMENTS = ("客服部", "工程部", "安管部", "财务部", "保洁", "管理层")


class Building(TrackedModel):
    code = peewee.CharField(max_length=16, unique=True)  # "A"
    name = peewee.CharField(max_length=64)  # "A座"


class Floor(TrackedModel):
    building = peewee.ForeignKeyField(Building, backref="floors", on_delete="RESTRICT")
    number = peewee.IntegerField()  # 12; basements negative
    name = peewee.CharField(max_length=32, default="")

    class Meta:
        indexes = ((("building", "number"), True),)


class Unit(TrackedModel, VoidableMixin):
    code = peewee.CharField(max_length=32, unique=True)  # 房号 "A-1203"
    floor = peewee.ForeignKeyField(Floor, backref="units", on_delete="RESTRICT")
    area = peewee.DecimalField(max_digits=10, decimal_places=2, null=True)  # m², exact
    use = peewee.CharField(max_length=32, default="office")
    status = peewee.CharField(max_length=16, default="vacant", index=True)

    class Meta:
        search_fields = ("code", "use")  # the search box (trigram index on SQLite)


class Party(TrackedModel, VoidableMixin):
    """An owner (业主) or tenant (租户/商户); a person or a company."""

    kind = peewee.CharField(max_length=16, index=True)
    is_company = peewee.BooleanField(default=False)
    name = peewee.CharField(max_length=128, index=True)
    id_type = peewee.CharField(max_length=16, default="ric")
    id_number = peewee.CharField(max_length=32, default="")
    phone = peewee.CharField(max_length=32, default="")
    emergency_contact = peewee.CharField(max_length=64, default="")
    emergency_phone = peewee.CharField(max_length=32, default="")
    notes = peewee.TextField(default="")

    class Meta:
        search_fields = ("name", "phone", "id_number")  # the search box (trigram index on SQLite)


class UnitParty(TrackedModel):
    """Which party owns or rents which unit, from when to when."""

    unit = peewee.ForeignKeyField(Unit, backref="parties", on_delete="RESTRICT")
    party = peewee.ForeignKeyField(Party, backref="units", on_delete="RESTRICT")
    role = peewee.CharField(max_length=16)  # owner / tenant
    since = peewee.DateField(null=True)
    until = peewee.DateField(null=True)


class Department(TrackedModel):
    name = peewee.CharField(max_length=32, unique=True)


class Staff(TrackedModel):
    name = peewee.CharField(max_length=64, index=True)
    department = peewee.ForeignKeyField(Department, backref="staff", on_delete="RESTRICT")
    position = peewee.CharField(max_length=64, default="")
    phone = peewee.CharField(max_length=32, default="")
    id_number = peewee.CharField(max_length=32, default="")
    active = peewee.BooleanField(default=True, index=True)
    left_on = peewee.DateField(null=True)

    class Meta:
        search_fields = ("name", "position")  # the search box (trigram index on SQLite)
