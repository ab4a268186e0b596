"""基础资料 (SPEC §2) as the desk relies on it: checked ID numbers, masked lists, safe edits."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal

import pytest

from app.db import db_proxy
from app.errors import ConflictError, PermissionDenied, ValidationError
from app.models import AuditEvent, Floor, Party, Staff, Unit, UnitParty, User
from app.services import accounts, listing, reference
from app.services.context import Actor
from app.services.listing import ListRequest
from tests.conftest import TEST_PASSWORD

# Valid numbers (python-stdnum agrees): a 居民身份证 and two 统一社会信用代码.
RIC = "11010519491231002X"
RIC2 = "320700197711263742"

WORKDAY_10AM = datetime(2026, 3, 10, 10, 0)


def _valid_uscc(body: str = "91110108MA01A2B3C") -> str:
    from stdnum.cn import uscc

    return body + uscc.calc_check_digit(body)


@pytest.fixture
def supervisor(make_actor: Callable[[str], Actor]) -> Actor:
    return make_actor("supervisor")


@pytest.fixture
def assistant(make_actor: Callable[[str], Actor]) -> Actor:
    return make_actor("assistant")


@pytest.fixture
def building(supervisor: Actor) -> reference.BuildingView:
    return reference.create_building(supervisor, "A", "A座")


def _audits(action: str) -> int:
    return AuditEvent.select().where(AuditEvent.action == action).count()


@contextmanager
def count_queries() -> Iterator[list[str]]:
    """Every SQL statement the database runs inside the block."""
    database = db_proxy.obj
    seen: list[str] = []
    original = database.execute_sql

    def spy(sql, params=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(sql)
        return original(sql, params, *args, **kwargs)

    database.execute_sql = spy
    try:
        yield seen
    finally:
        database.execute_sql = original


# ---------------------------------------------------------------------------------------------
# ID numbers and phones


def test_wrong_ric_check_digit_is_refused_with_the_field_and_nothing_written(
    supervisor: Actor,
) -> None:
    bad = RIC[:-1] + "5"
    with pytest.raises(ValidationError) as caught:
        reference.create_party(supervisor, kind="owner", name="张三", id_number=bad)
    assert set(caught.value.errors) == {"id_number"}
    assert "check digit" in caught.value.errors["id_number"]
    assert Party.select().count() == 0
    assert _audits("create party") == 0


def test_wrong_credit_code_is_refused(supervisor: Actor) -> None:
    good = _valid_uscc()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(ValidationError) as caught:
        reference.create_party(
            supervisor, kind="tenant", name="华安科技有限公司", is_company=True, id_number=bad
        )
    assert "id_number" in caught.value.errors
    assert Party.select().count() == 0
    created = reference.create_party(
        supervisor, kind="tenant", name="华安科技有限公司", is_company=True, id_number=good
    )
    assert created.id_type == "uscc" and created.id_number == good


def test_a_company_must_use_a_credit_code_and_a_person_may_not(supervisor: Actor) -> None:
    with pytest.raises(ValidationError) as caught:
        reference.create_party(
            supervisor,
            kind="owner",
            name="华安科技有限公司",
            is_company=True,
            id_type="ric",
            id_number=RIC,
        )
    assert set(caught.value.errors) == {"id_type"}
    with pytest.raises(ValidationError) as caught:
        reference.create_party(
            supervisor, kind="owner", name="张三", id_type="uscc", id_number=_valid_uscc()
        )
    assert set(caught.value.errors) == {"id_type"}
    assert Party.select().count() == 0


def test_region_code_stdnum_cannot_resolve_is_a_field_error_not_a_crash(supervisor: Actor) -> None:
    # python-stdnum raises KeyError (not a ValidationError) for this region prefix.
    with pytest.raises(ValidationError) as caught:
        reference.create_party(
            supervisor, kind="owner", name="李四", id_number="620201193810225866"
        )
    assert "id_number" in caught.value.errors


def test_bad_phone_and_duplicate_id_number_are_refused(supervisor: Actor) -> None:
    with pytest.raises(ValidationError) as caught:
        reference.create_party(
            supervisor, kind="owner", name="张三", id_number=RIC, phone="12345", emergency_phone="x"
        )
    assert set(caught.value.errors) == {"phone", "emergency_phone"}
    reference.create_party(supervisor, kind="owner", name="张三", id_number=RIC.lower())
    with pytest.raises(ValidationError) as caught:
        reference.create_party(supervisor, kind="tenant", name="张三丰", id_number=RIC)
    assert set(caught.value.errors) == {"id_number"}
    assert Party.select().count() == 1


def test_passport_for_a_person(supervisor: Actor) -> None:
    party = reference.create_party(
        supervisor, kind="tenant", name="John Smith", id_type="passport", id_number="e1234567"
    )
    assert party.id_number == "E1234567"


# ---------------------------------------------------------------------------------------------
# Buildings, floors, units


def test_unit_is_created_with_exact_area_and_its_floor(
    supervisor: Actor, building: reference.BuildingView
) -> None:
    unit = reference.create_unit(
        supervisor, code="a-1203", building_code="A", floor_number=12, area="86.5"
    )
    assert unit.code == "A-1203"
    assert unit.area == Decimal("86.50")
    assert unit.floor_number == 12 and unit.building_code == "A"
    assert Floor.select().count() == 1
    assert _audits("create unit") == 1 and _audits("create floor") == 1
    assert reference.get_unit(supervisor, unit.id) == unit


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"code": "A1203"}, "code"),
        ({"code": "B-1203"}, "code"),
        ({"area": "-3"}, "area"),
        ({"area": "12.345"}, "area"),
        ({"area": "abc"}, "area"),
        ({"status": "sold"}, "status"),
        ({"use": "casino"}, "use"),
        ({"building_code": "Z"}, "building_code"),
        ({"floor_number": "twelve"}, "floor_number"),
    ],
)
def test_bad_unit_fields_are_named_and_nothing_is_written(
    supervisor: Actor, building: reference.BuildingView, changes: dict, field: str
) -> None:
    values = {"code": "A-1203", "building_code": "A", "floor_number": 12, "area": "80"}
    values.update(changes)
    with pytest.raises(ValidationError) as caught:
        reference.create_unit(supervisor, **values)
    assert field in caught.value.errors
    assert Unit.select().count() == 0
    assert Floor.select().count() == 0


def test_unit_codes_are_unique(supervisor: Actor, building: reference.BuildingView) -> None:
    reference.create_unit(supervisor, code="A-1203", building_code="A", floor_number=12)
    with pytest.raises(ValidationError) as caught:
        reference.create_unit(supervisor, code="A-1203", building_code="A", floor_number=12)
    assert set(caught.value.errors) == {"code"}
    with pytest.raises(ValidationError):
        reference.create_building(supervisor, "a", "又一个A座")


def test_stale_unit_update_raises_conflict(
    supervisor: Actor, make_actor: Callable[[str], Actor], building: reference.BuildingView
) -> None:
    unit = reference.create_unit(supervisor, code="A-1203", building_code="A", floor_number=12)
    colleague = make_actor("manager")
    saved = reference.update_unit(colleague, unit.id, unit.version, status="renovating")
    assert saved.status == "renovating" and saved.version == unit.version + 1
    with pytest.raises(ConflictError) as caught:
        reference.update_unit(supervisor, unit.id, unit.version, area="99")
    assert caught.value.changed_by == colleague.username
    assert reference.get_unit(supervisor, unit.id).area is None
    assert _audits("update unit") == 1


def test_stale_party_update_raises_conflict(supervisor: Actor) -> None:
    party = reference.create_party(supervisor, kind="owner", name="张三", id_number=RIC)
    reference.update_party(supervisor, party.id, party.version, phone="13800138000")
    with pytest.raises(ConflictError):
        reference.update_party(supervisor, party.id, party.version, name="张三丰")
    assert Party.get_by_id(party.id).name == "张三"


def test_assistant_may_not_create_units_or_parties(
    assistant: Actor, building: reference.BuildingView
) -> None:
    with pytest.raises(PermissionDenied):
        reference.create_unit(assistant, code="A-1203", building_code="A", floor_number=12)
    with pytest.raises(PermissionDenied):
        reference.create_party(assistant, kind="owner", name="张三")
    assert Unit.select().count() == 0


def test_supervisor_may_not_edit_staff(supervisor: Actor) -> None:
    with pytest.raises(PermissionDenied):
        reference.create_staff(supervisor, name="王五", department="客服部")


def test_find_units_for_the_completer(supervisor: Actor, building: reference.BuildingView) -> None:
    for code, floor in (("A-1203", 12), ("A-1204", 12), ("A-301", 3)):
        reference.create_unit(supervisor, code=code, building_code="A", floor_number=floor)
    assert reference.find_units(supervisor, "a-12") == ["A-1203", "A-1204"]
    assert reference.find_units(supervisor, "a-1_") == []  # "_" is no wildcard
    assert len(reference.find_units(supervisor, "", limit=2)) == 2


# ---------------------------------------------------------------------------------------------
# Parties, units and lists


@pytest.fixture
def owned_unit(supervisor: Actor, building: reference.BuildingView) -> reference.PartyView:
    reference.create_unit(supervisor, code="A-1203", building_code="A", floor_number=12)
    reference.create_unit(supervisor, code="A-1204", building_code="A", floor_number=12)
    return reference.create_party(
        supervisor,
        kind="owner",
        name="张三",
        id_number=RIC,
        phone="13800138000",
        emergency_contact="李四",
        emergency_phone="13900139000",
        unit_codes=["a-1203", "A-1204"],
    )


def test_masking_for_an_assistant_and_full_numbers_for_a_supervisor(
    supervisor: Actor, assistant: Actor, owned_unit: reference.PartyView
) -> None:
    masked = listing.page(assistant, "parties", ListRequest(), 0, 50)[0]
    assert masked["id_number"] == "1101**********002X"
    assert masked["phone"] == "138****8000"
    assert masked["emergency_phone"] == "139****9000"
    assert masked["units"] in ("A-1203, A-1204", "A-1204, A-1203")
    view = reference.get_party(assistant, owned_unit.id)
    assert view.masked and RIC not in view.id_number and view.phone != "13800138000"

    full = listing.page(supervisor, "parties", ListRequest(), 0, 50)[0]
    assert full["id_number"] == RIC and full["phone"] == "13800138000"
    assert reference.get_party(supervisor, owned_unit.id).id_number == RIC


def test_full_view_of_personal_data_is_audited_once_per_list_query(
    supervisor: Actor, assistant: Actor, owned_unit: reference.PartyView
) -> None:
    before = _audits("view personal data")
    listing.count(supervisor, "parties", ListRequest())
    listing.page(supervisor, "parties", ListRequest(), 0, 50)
    listing.page(supervisor, "parties", ListRequest(), 50, 50)  # scrolling: no new record
    assert _audits("view personal data") == before + 1
    listing.page(supervisor, "parties", ListRequest(sort="kind"), 0, 50)  # a new query
    assert _audits("view personal data") == before + 2
    listing.page(assistant, "parties", ListRequest(), 0, 50)  # masked: nothing to log
    reference.get_party(assistant, owned_unit.id)
    assert _audits("view personal data") == before + 2
    reference.get_party(supervisor, owned_unit.id)
    assert _audits("view personal data") == before + 3
    event = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert event.username == supervisor.username and event.entity == "Party"


def test_unit_list_shows_the_owner_from_one_query(
    supervisor: Actor, owned_unit: reference.PartyView
) -> None:
    with count_queries() as seen:
        rows = listing.page(supervisor, "units", ListRequest(), 0, 50)
    assert len(seen) == 1
    assert [(r["code"], r["owner"], r["building"], r["floor"]) for r in rows] == [
        ("A-1203", "张三", "A", 12),
        ("A-1204", "张三", "A", 12),
    ]
    assert listing.count(supervisor, "units", ListRequest(filters=(("status", "vacant"),))) == 2


def test_party_and_staff_pages_are_one_query_each(
    supervisor: Actor, admin: Actor, owned_unit: reference.PartyView
) -> None:
    for n in range(5):
        reference.create_party(supervisor, kind="tenant", name=f"租户{n}", unit_codes=["A-1203"])
        reference.create_staff(admin, name=f"员工{n}", department="工程部", phone="13800138000")
    with count_queries() as seen:
        assert len(listing.page(admin, "parties", ListRequest(), 10, 50)) == 0
        assert len(listing.page(admin, "parties", ListRequest(), 1, 50)) == 5
        assert len(listing.page(admin, "staff", ListRequest(sort="department"), 1, 50)) == 4
    assert len(seen) == 3


def test_changing_a_partys_units_ends_the_old_link(
    supervisor: Actor, owned_unit: reference.PartyView
) -> None:
    saved = reference.update_party(
        supervisor, owned_unit.id, owned_unit.version, unit_codes=["A-1204"]
    )
    assert saved.unit_codes == ("A-1204",)
    ended = UnitParty.select().where(UnitParty.until.is_null(False)).count()
    assert ended == 1
    with pytest.raises(ValidationError) as caught:
        reference.update_party(supervisor, saved.id, saved.version, unit_codes=["A-9999"])
    assert "unit_codes" in caught.value.errors


def test_voiding_a_party_needs_a_reason_and_hides_it(
    supervisor: Actor, owned_unit: reference.PartyView
) -> None:
    with pytest.raises(ValidationError):
        reference.void_party(supervisor, owned_unit.id, "  ")
    voided = reference.void_party(supervisor, owned_unit.id, "重复录入")
    assert voided.voided and voided.unit_codes == ()
    assert listing.count(supervisor, "parties", ListRequest()) == 0
    assert (
        listing.count(supervisor, "parties", ListRequest(filters=(("include_voided", True),))) == 1
    )
    assert listing.page(supervisor, "units", ListRequest(), 0, 10)[0]["owner"] == ""
    with pytest.raises(ValidationError):
        reference.update_party(supervisor, voided.id, voided.version, name="x")
    # the number is free again for a new record
    reference.create_party(supervisor, kind="owner", name="张三", id_number=RIC)


# ---------------------------------------------------------------------------------------------
# Departments and staff


def test_departments_and_staff(admin: Actor, assistant: Actor) -> None:
    departments = reference.ensure_departments(admin)
    assert list(departments) == ["客服部", "工程部", "安管部", "财务部", "保洁", "管理层"]
    assert reference.ensure_departments(admin) == departments  # idempotent
    staff = reference.create_staff(
        admin,
        name="王五",
        department="客服部",
        position="客服助理",
        phone="13800138000",
        id_number=RIC2,
    )
    assert staff.department == "客服部" and staff.active
    assert reference.get_staff(assistant, staff.id).phone == "138****8000"
    with pytest.raises(ValidationError) as caught:
        reference.create_staff(admin, name="", department="市场部", phone="1")
    assert set(caught.value.errors) == {"name", "department", "phone"}
    moved = reference.update_staff(admin, staff.id, staff.version, department="工程部")
    assert moved.department == "工程部"
    with pytest.raises(ConflictError):
        reference.update_staff(admin, staff.id, staff.version, position="x")
    rows = listing.page(assistant, "staff", ListRequest(), 0, 10)
    assert rows == [
        {
            "id": staff.id,
            "name": "王五",
            "department": "工程部",
            "position": "客服助理",
            "phone": "138****8000",
            "active": True,
        }
    ]


def test_staff_who_leaves_loses_their_account(admin: Actor) -> None:
    staff = reference.create_staff(admin, name="王五", department="客服部")
    accounts.create_user(admin, "wangwu", TEST_PASSWORD, "assistant", staff_id=staff.id)
    left = reference.staff_leaves(admin, staff.id, date(2026, 3, 1))
    assert not left.active and left.left_on == date(2026, 3, 1)
    assert not User.get(User.username == "wangwu").active
    with pytest.raises(accounts.AuthenticationFailed):
        accounts.login("wangwu", TEST_PASSWORD, now=WORKDAY_10AM)
    with pytest.raises(ValidationError):
        reference.staff_leaves(admin, staff.id, date(2026, 3, 2))
    assert Staff.get_by_id(staff.id).left_on == date(2026, 3, 1)


# ---------------------------------------------------------------------------------------------
# Search (the list's search box): FTS trigram for 3+ characters, LIKE for shorter terms


def test_search_three_or_more_characters(
    supervisor: Actor, owned_unit: reference.PartyView
) -> None:
    assert listing.count(supervisor, "parties", ListRequest(search="1380013")) == 1


def test_search_one_or_two_characters(supervisor: Actor, owned_unit: reference.PartyView) -> None:
    assert listing.count(supervisor, "parties", ListRequest(search="张")) == 1


def test_floors_are_created_once_per_building_and_listed_in_order(admin: Actor) -> None:
    reference.create_building(admin, "D", "D座")
    reference.create_floor(admin, "d", 3, "3F")
    reference.create_floor(admin, "D", -1, "B1")
    with pytest.raises(ValidationError) as again:
        reference.create_floor(admin, "D", 3)
    assert "number" in again.value.errors
    with pytest.raises(ValidationError) as nowhere:
        reference.create_floor(admin, "Z", 1)
    assert "building_code" in nowhere.value.errors
    assert [(f.number, f.name) for f in reference.list_floors(admin, "D")] == [
        (-1, "B1"),
        (3, "3F"),
    ]
