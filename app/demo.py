"""Realistic demo data: `python -m app demo --db demo.sqlite3` (also used for screenshots/tests).

Three buildings (A座, B座, C座) of 15–25 floors, `units_per_floor` units each (A-1203 …), owners
and tenants — people with valid 居民身份证 numbers (Faker zh_CN, checked with python-stdnum) and
companies with valid 统一社会信用代码 — the six departments, about 30 staff, one account per role
(password DEMO_PASSWORD) and, when the key register is installed, keys and loans in every state;
and the owner archives (app/demo_archives.py): every unit's household file, loans in every state;
and the service desk (app/demo_service_desk.py): three months of repairs, complaints, callbacks.

Reference data is bulk-inserted through the models inside ONE transaction (thousands of audited
single inserts would take minutes on a network share); the accounts go through
`services.accounts.create_user` and keep their audit records, and one audit record says the demo
was created. The database is marked as a demo in `propdesk_meta` (key "demo"), so the UI can say so.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from stdnum.cn import uscc

from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP
from app.maintenance import DEMO_META_KEY, is_demo_database
from app.models import Building, Floor, Party, SchemaMeta, Staff, Unit, UnitParty, User
from app.rules.identity import check_phone
from app.rules.roles import Perm, Role
from app.services import accounts
from app.services.context import Actor
from app.services.records import stamp_new
from app.services.reference import check_id
from app.services.reference.staff import _department
from app.services.tx import audit, write_service

DEMO_ADMIN = "admin"
DEMO_PASSWORD = "Demo-2026-desk"

BUILDINGS = (("A", "A座"), ("B", "B座"), ("C", "C座"))

# department → positions, first ones first (each list sums to ~30 staff)
STAFF_PLAN: dict[str, tuple[str, ...]] = {
    "客服部": ("客服经理", "客服主任", "档案管理员") + ("客服助理",) * 5,
    "工程部": ("工程主管",) + ("维修工",) * 5,
    "安管部": ("安管主管",) + ("保安员",) * 5,
    "财务部": ("财务主管", "收费员", "收费员"),
    "保洁": ("保洁主管", "保洁员", "保洁员", "保洁员"),
    "管理层": ("项目总经理", "副总经理", "行政主管"),
}
# username, role, display name, (department, position) of the staff member it belongs to
DEMO_ACCOUNTS: tuple[tuple[str, Role, str, tuple[str, str] | None], ...] = (
    (DEMO_ADMIN, Role.ADMIN, "管理员", None),
    ("assistant", Role.ASSISTANT, "客服助理", ("客服部", "客服助理")),
    ("supervisor", Role.SUPERVISOR, "客服主任", ("客服部", "客服主任")),
    ("manager", Role.MANAGER, "客服经理", ("客服部", "客服经理")),
    ("archivist", Role.ARCHIVIST, "档案管理员", ("客服部", "档案管理员")),
    ("finance", Role.FINANCE, "财务", ("财务部", "收费员")),
    ("engineering", Role.ENGINEERING, "工程", ("工程部", "维修工")),
    ("security", Role.SECURITY, "安管", ("安管部", "保安员")),
)
_USCC_REGIONS = (
    "110105",
    "110108",
    "310104",
    "310115",
    "440305",
    "440106",
    "330106",
    "320506",
    "510107",
    "420106",
)
_CHUNK = 200


# ---------------------------------------------------------------------------------------------
# Generators


def make_uscc(rng: random.Random) -> str:
    """A valid 统一社会信用代码: 9 (工商) 1 (企业) + region + organisation code (with its own
    GB 11714 check character) + the USCC check character."""
    body = "".join(rng.choice("0123456789") for _ in range(8))
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c) * w for c, w in zip(body, weights, strict=True))
    check = 11 - total % 11
    org = body + ("X" if check == 10 else "0" if check == 11 else str(check))
    base = "91" + rng.choice(_USCC_REGIONS) + org
    return base + uscc.calc_check_digit(base)


class _People:
    """Faker zh_CN with the checks PropDesk's validation applies, and unique ID numbers."""

    def __init__(self, seed: int, rng: random.Random) -> None:
        from faker import Faker  # ~100 ms to import: only when demo data is made

        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self.rng = rng
        self.used: set[str] = set()

    def ric(self) -> str:
        while True:  # Faker's region codes are not all valid for the birth year stdnum checks
            number = self.fake.ssn()
            if number not in self.used and check_id("ric", number)[1] is None:
                self.used.add(number)
                return number

    def uscc(self) -> str:
        while True:
            number = make_uscc(self.rng)
            if number not in self.used:
                self.used.add(number)
                return number

    def passport(self) -> str:
        while True:
            number = "E" + "".join(self.rng.choice("0123456789") for _ in range(8))
            if number not in self.used:
                self.used.add(number)
                return number

    def phone(self) -> str:
        while True:
            phone, problem = check_phone(self.fake.phone_number())
            if problem is None:
                return phone

    def name(self) -> str:
        return self.fake.name()

    def company(self) -> str:
        return self.fake.company()


def _person(people: _People, kind: str, stamp: dict[str, Any]) -> dict[str, Any]:
    foreign = people.rng.random() < 0.03
    return {
        "kind": kind,
        "is_company": False,
        "name": people.name(),
        "id_type": "passport" if foreign else "ric",
        "id_number": people.passport() if foreign else people.ric(),
        "phone": people.phone(),
        "emergency_contact": people.name(),
        "emergency_phone": people.phone(),
        "notes": "",
        **stamp,
    }


def _company(people: _People, kind: str, stamp: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": kind,
        "is_company": True,
        "name": people.company(),
        "id_type": "uscc",
        "id_number": people.uscc(),
        "phone": people.phone(),
        "emergency_contact": people.name(),
        "emergency_phone": people.phone(),
        "notes": "",
        **stamp,
    }


def _insert(model: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), _CHUNK):
        model.insert_many(rows[start : start + _CHUNK]).execute()


# ---------------------------------------------------------------------------------------------


@write_service(Perm.USERS_MANAGE)
def _create_reference(
    actor: Actor, seed: int, units_per_floor: int, rng: random.Random
) -> tuple[dict[str, int], list[str], list[int]]:
    if Unit.select().exists():
        raise ValidationError(
            {
                "database": QT_TRANSLATE_NOOP(
                    "app", "This database already has units; demo data goes into an empty one."
                )
            }
        )
    people = _People(seed, rng)
    stamp = stamp_new(actor)
    today = date.today()

    # Buildings, floors, units
    unit_rows: list[dict[str, Any]] = []
    floors = 0
    for code, name in BUILDINGS:
        building = Building.create(code=code, name=name, **stamp)
        audit(actor, "create building", "Building", building.id, None, {"code": code})
        top = rng.randint(15, 25)
        floors += top
        _insert(
            Floor,
            [
                {"building": building.id, "number": n, "name": f"{n}F", **stamp}
                for n in range(1, top + 1)
            ],
        )
        floor_ids = {f.number: f.id for f in Floor.select().where(Floor.building == building.id)}
        for number in range(1, top + 1):
            for room in range(1, units_per_floor + 1):
                if number <= 2:
                    use = "shop"
                elif number == top and room > units_per_floor - 2:
                    use = "storage"
                else:
                    use = "office"
                roll = rng.random()
                status = "occupied" if roll < 0.7 else "vacant" if roll < 0.92 else "renovating"
                area = Decimal(rng.randint(4500, 42000)) / 100
                unit_rows.append(
                    {
                        "code": f"{code}-{number}{room:02d}",
                        "floor": floor_ids[number],
                        "area": area,
                        "use": use,
                        "status": status,
                        **stamp,
                    }
                )
    _insert(Unit, unit_rows)
    units = list(Unit.select(Unit.id, Unit.code, Unit.status).order_by(Unit.id))

    # Owners (some own several units) and tenants of occupied units
    link_rows: list[dict[str, Any]] = []
    owner_ids: list[int] = []
    owners = tenants = 0
    last_owner: int | None = None
    for unit in units:
        if last_owner is not None and rng.random() < 0.25:
            owner_id = last_owner
        else:
            row = (
                _company(people, "owner", stamp)
                if rng.random() < 0.3
                else _person(people, "owner", stamp)
            )
            owner_id = Party.insert(row).execute()
            owners += 1
            owner_ids.append(owner_id)
        last_owner = owner_id
        since = today - timedelta(days=rng.randint(60, 3000))
        link_rows.append(
            {"unit": unit.id, "party": owner_id, "role": "owner", "since": since, **stamp}
        )
        if unit.status == "occupied" and rng.random() < 0.55:
            row = (
                _company(people, "tenant", stamp)
                if rng.random() < 0.65
                else _person(people, "tenant", stamp)
            )
            tenant_id = Party.insert(row).execute()
            tenants += 1
            link_rows.append(
                {
                    "unit": unit.id,
                    "party": tenant_id,
                    "role": "tenant",
                    "since": since + timedelta(days=rng.randint(1, 50)),
                    **stamp,
                }
            )
    _insert(UnitParty, link_rows)

    # Departments and staff
    departments = {name: _department(actor, name).id for name in STAFF_PLAN}
    staff_by_position: dict[tuple[str, str], int] = {}
    active_ids: list[int] = []
    staff_count = 0
    for department, positions in STAFF_PLAN.items():
        for index, position in enumerate(positions):
            left = department in ("安管部", "保洁") and index == len(positions) - 1
            staff_id = Staff.insert(
                name=people.name(),
                department=departments[department],
                position=position,
                phone=people.phone(),
                id_number=people.ric(),
                active=not left,
                left_on=today - timedelta(days=rng.randint(20, 200)) if left else None,
                **stamp,
            ).execute()
            staff_count += 1
            if not left:
                active_ids.append(staff_id)
                staff_by_position.setdefault((department, position), staff_id)

    # One account per role, each audited by create_user
    users = 0
    for username, role, display, post in DEMO_ACCOUNTS:
        if User.select().where(User.username == username).exists():
            continue
        accounts.create_user(
            actor,
            username,
            DEMO_PASSWORD,
            role,
            display_name=display,
            staff_id=staff_by_position.get(post) if post else None,
        )
        users += 1

    SchemaMeta.insert(key=DEMO_META_KEY, value="1").on_conflict(
        conflict_target=[SchemaMeta.key], update={SchemaMeta.value: "1"}
    ).execute()
    summary = {
        "buildings": len(BUILDINGS),
        "floors": floors,
        "units": len(units),
        "owners": owners,
        "tenants": tenants,
        "staff": staff_count,
        "users": users,
    }
    audit(actor, "create demo", "database", "", None, dict(summary, seed=seed))
    return summary, [u.code for u in units], active_ids


def create_demo(actor: Actor, seed: int = 2026, units_per_floor: int = 8) -> dict[str, int]:
    """Fill an EMPTY database (no units) with demo data; returns counts per register."""
    actor.require(Perm.USERS_MANAGE)
    if not 1 <= units_per_floor <= 40:
        raise ValidationError(
            {"units_per_floor": QT_TRANSLATE_NOOP("app", "Use 1 to 40 units per floor.")}
        )
    rng = random.Random(seed)
    summary, unit_codes, staff_ids = _create_reference(actor, seed, units_per_floor, rng)
    try:
        from app import demo_keys
    except ModuleNotFoundError as exc:  # the key register is not part of this build
        if exc.name != "app.demo_keys":
            raise
    else:
        now = datetime.now().replace(second=0, microsecond=0)
        counts = demo_keys.create_key_demo(actor, rng, unit_codes, staff_ids, now)
        summary.update(counts)
    from app import demo_archives

    now = datetime.now().replace(second=0, microsecond=0)
    summary.update(demo_archives.create_archive_demo(actor, rng, staff_ids, now))
    from app import demo_mail

    summary.update(demo_mail.create_mail_demo(actor, rng, now))
    from app import demo_service_desk

    summary.update(demo_service_desk.create_service_desk_demo(actor, rng, now))
    return summary


__all__ = ["DEMO_ADMIN", "DEMO_PASSWORD", "create_demo", "is_demo_database", "make_uscc"]
