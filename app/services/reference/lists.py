"""The lazy register lists "units", "parties" and "staff"; importing this module registers them
with `listing`."""

from __future__ import annotations

from typing import Any

import peewee

from app.db import db_proxy, is_sqlite
from app.models import Building, Department, Floor, Party, Staff, Unit, UnitParty
from app.rules.identity import mask_id, mask_phone
from app.rules.roles import Perm
from app.services import listing
from app.services.context import Actor
from app.services.listing import ListRequest, RegisterList
from app.services.reference.labels import KIND_LABELS_ZH, STATUS_LABELS_ZH, USE_LABELS_ZH
from app.services.reference.views import _area, _units_query
from app.services.tx import audit


class _PiiAuditedSelect(peewee.ModelSelect):
    """A list query that logs, once, that a PII-allowed actor saw full ID numbers and phones.

    Why once per query at offset 0: the table model asks for the same query page by page while
    the clerk scrolls; one audit record per page would flood the log with noise and slow the
    scrolling, while one record per opened/searched/sorted list (offset 0 is always fetched first)
    says who looked at which list, with which search, and when — what 保密制度 asks for.
    `listing` does not tell the row builder the offset, so the query itself notices it is being
    executed for the first page (count() wraps it in another query and never gets here).
    """

    _pii_audit: tuple[Actor, str, ListRequest] | None = None

    def _execute(self, database: Any) -> Any:
        if self._cursor_wrapper is None and self._pii_audit is not None and not self._offset:
            actor, name, request = self._pii_audit
            with db_proxy.atomic():
                audit(
                    actor,
                    "view personal data",
                    name,
                    "",
                    None,
                    {"list": name, "search": request.search, "filters": dict(request.filters)},
                )
        return super()._execute(database)


def _select(actor: Actor, name: str, request: ListRequest, model: type, *fields: Any) -> Any:
    if actor.can(Perm.PII_VIEW):
        query = _PiiAuditedSelect(model, fields)
        query._pii_audit = (actor, name, request)
        return query
    return model.select(*fields)


def _units_base(actor: Actor, request: ListRequest) -> Any:
    query = _units_query().where(Unit.voided_at.is_null())
    if request.filter("building"):
        query = query.where(Building.code == request.filter("building"))
    if request.filter("status"):
        query = query.where(Unit.status == request.filter("status"))
    if request.filter("floor") is not None:
        query = query.where(Floor.number == request.filter("floor"))
    return query.dicts()


def _units_row(actor: Actor, r: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": r["id"],
        "code": r["code"],
        "building": r["building_code"],
        "floor": r["floor_number"],
        "area": _area(r["area"]),
        "use": r["use"],
        "status": r["status"],
        "owner": r["owner_name"] or "",
    }


def _unit_codes_subquery() -> peewee.SelectQuery:
    unit = Unit.alias("linked_unit")
    link = UnitParty.alias("party_link")
    agg = (
        peewee.fn.GROUP_CONCAT(unit.code, ", ")
        if is_sqlite()
        else peewee.fn.string_agg(unit.code, ", ")
    )
    return (
        link.select(agg)
        .join(unit, on=(link.unit == unit.id))
        .where((link.party == Party.id) & link.until.is_null())
    )


def _parties_base(actor: Actor, request: ListRequest) -> Any:
    query = _select(
        actor,
        "parties",
        request,
        Party,
        Party.id,
        Party.name,
        Party.kind,
        Party.is_company,
        Party.id_number,
        Party.phone,
        Party.emergency_phone,
        _unit_codes_subquery().alias("unit_codes"),
    )
    if not request.filter("include_voided", False):
        query = query.where(Party.voided_at.is_null())
    if request.filter("kind"):
        query = query.where(Party.kind == request.filter("kind"))
    if request.filter("is_company") is not None:
        query = query.where(Party.is_company == bool(request.filter("is_company")))
    return query.dicts()


def _parties_row(actor: Actor, r: dict[str, Any]) -> dict[str, Any]:
    full = actor.can(Perm.PII_VIEW)
    return {
        "id": r["id"],
        "name": r["name"],
        "kind": r["kind"],
        "is_company": bool(r["is_company"]),
        "id_number": r["id_number"] if full else mask_id(r["id_number"]),
        "phone": r["phone"] if full else mask_phone(r["phone"]),
        "emergency_phone": r["emergency_phone"] if full else mask_phone(r["emergency_phone"]),
        "units": r["unit_codes"] or "",
    }


def _staff_base(actor: Actor, request: ListRequest) -> Any:
    query = _select(
        actor,
        "staff",
        request,
        Staff,
        Staff.id,
        Staff.name,
        Department.name.alias("department_name"),
        Staff.position,
        Staff.phone,
        Staff.active,
    ).join(Department)
    if request.filter("department"):
        query = query.where(Department.name == request.filter("department"))
    if request.filter("active") is not None:
        query = query.where(Staff.active == bool(request.filter("active")))
    return query.dicts()


def _staff_row(actor: Actor, r: dict[str, Any]) -> dict[str, Any]:
    full = actor.can(Perm.PII_VIEW)
    return {
        "id": r["id"],
        "name": r["name"],
        "department": r["department_name"],
        "position": r["position"],
        "phone": r["phone"] if full else mask_phone(r["phone"]),
        "active": bool(r["active"]),
    }


listing.register_list(
    RegisterList(
        name="units",
        model=Unit,
        columns=("code", "building", "floor", "area", "use", "status", "owner"),
        permission=Perm.REFERENCE_VIEW,
        base_query=_units_base,
        row=_units_row,
        sort_fields={
            "code": Unit.code,
            "building": Building.code,
            "floor": Floor.number,
            "area": Unit.area,
            "use": Unit.use,
            "status": Unit.status,
        },
        default_sort="code",
        title_zh="房号",
        headers_zh={
            "code": "房号",
            "building": "楼栋",
            "floor": "楼层",
            "area": "面积(m²)",
            "use": "用途",
            "status": "状态",
            "owner": "业主",
        },
        values_zh={"use": USE_LABELS_ZH, "status": STATUS_LABELS_ZH},
    )
)
listing.register_list(
    RegisterList(
        name="parties",
        model=Party,
        columns=("name", "kind", "is_company", "id_number", "phone", "emergency_phone", "units"),
        permission=Perm.REFERENCE_VIEW,
        base_query=_parties_base,
        row=_parties_row,
        sort_fields={"name": Party.name, "kind": Party.kind, "is_company": Party.is_company},
        default_sort="name",
        title_zh="业主租户",
        headers_zh={
            "name": "姓名/名称",
            "kind": "类型",
            "is_company": "是否公司",
            "id_number": "证件号码",
            "phone": "电话",
            "emergency_phone": "紧急联系电话",
            "units": "房号",
        },
        values_zh={"kind": KIND_LABELS_ZH},
    )
)
listing.register_list(
    RegisterList(
        name="staff",
        model=Staff,
        columns=("name", "department", "position", "phone", "active"),
        permission=Perm.REFERENCE_VIEW,
        base_query=_staff_base,
        row=_staff_row,
        sort_fields={
            "name": Staff.name,
            "department": Department.name,
            "position": Staff.position,
            "active": Staff.active,
        },
        default_sort="name",
        title_zh="员工",
        headers_zh={
            "name": "姓名",
            "department": "部门",
            "position": "职务",
            "phone": "电话",
            "active": "在职",
        },
    )
)
# The six departments (SPEC §2), for pickers such as a complaint's responsible department.
listing.register_list(
    RegisterList(
        name="departments",
        model=Department,
        columns=("name",),
        permission=Perm.REFERENCE_VIEW,
        base_query=lambda actor, request: Department.select(),
        row=lambda actor, d: {"id": d.id, "name": d.name},
        sort_fields={"name": Department.name},
        like_fields=(Department.name,),
        default_sort="name",
        title_zh="部门",
        headers_zh={"name": "部门"},
    )
)
