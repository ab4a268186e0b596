"""Demo data: hundreds of units, valid ID numbers, one account per role, and only once."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from stdnum.cn import uscc

from app import demo
from app.db import DatabaseInfo
from app.errors import ValidationError
from app.models import AuditEvent, Building, Party, Staff, Unit, UnitParty, User
from app.rules.roles import Role
from app.services import accounts, reference
from app.services.context import SYSTEM

REPO = Path(__file__).resolve().parents[2]
WORKDAY_10AM = datetime(2026, 3, 10, 10, 0)


def test_generated_credit_codes_are_valid() -> None:
    import random

    rng = random.Random(7)
    codes = {demo.make_uscc(rng) for _ in range(300)}
    assert len(codes) == 300
    assert all(uscc.is_valid(c) for c in codes)


def test_demo_fills_an_empty_database_once(db: DatabaseInfo) -> None:
    assert not demo.is_demo_database()
    summary = demo.create_demo(SYSTEM, seed=2026)
    assert demo.is_demo_database()

    units = Unit.select().count()
    assert units == summary["units"] >= 3 * 15 * 8  # hundreds
    assert [b.name for b in Building.select().order_by(Building.code)] == ["A座", "B座", "C座"]
    assert Unit.select().where(Unit.code == "A-1203").exists()
    assert Unit.select().where(Unit.area.is_null()).count() == 0

    parties = list(Party.select())
    assert len(parties) == summary["owners"] + summary["tenants"] > 300
    assert any(p.is_company for p in parties) and any(not p.is_company for p in parties)
    for party in parties:
        expected = "uscc" if party.is_company else ("ric", "passport")
        assert party.id_type in expected
        _, problem = reference.check_id(party.id_type, party.id_number)
        assert problem is None, (party.name, party.id_number)
        assert party.phone and party.emergency_phone and party.emergency_contact
    assert len({p.id_number for p in parties}) == len(parties)
    # every unit has exactly one current owner
    owners = UnitParty.select().where(UnitParty.role == "owner").count()
    assert owners == units

    assert 25 <= Staff.select().count() <= 35
    assert len({d for (d,) in Staff.select(Staff.department).tuples()}) == 6

    roles = {u.role for u in User.select()}
    assert roles == {r.value for r in Role}
    for user in User.select():
        assert accounts.login(user.username, demo.DEMO_PASSWORD, now=WORKDAY_10AM)
    assert AuditEvent.select().where(AuditEvent.action == "create user").count() == len(Role)
    assert AuditEvent.select().where(AuditEvent.action == "create demo").count() == 1

    with pytest.raises(ValidationError) as caught:
        demo.create_demo(SYSTEM, seed=1)
    assert "database" in caught.value.errors
    assert Unit.select().count() == units
    assert User.select().count() == len(Role)


def test_demo_keeps_an_existing_administrator(admin: object) -> None:
    summary = demo.create_demo(SYSTEM, seed=3, units_per_floor=2)
    assert summary["users"] == len(Role) - 1  # "admin" already existed
    assert User.select().where(User.username == demo.DEMO_ADMIN).count() == 1


def test_demo_needs_an_administrator(make_actor) -> None:  # type: ignore[no-untyped-def]
    from app.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        demo.create_demo(make_actor("manager"), units_per_floor=1)
    assert Unit.select().count() == 0


def test_cli_demo_then_export(tmp_path: Path) -> None:
    db_file = tmp_path / "demo.sqlite3"
    out = tmp_path / "units.xlsx"
    env = dict(os.environ, PYTHONPATH=str(REPO))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app", *args, "--db", str(db_file)],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    made = run("demo", "--units-per-floor", "3")
    assert made.returncode == 0, made.stderr
    assert f"{demo.DEMO_ADMIN} / {demo.DEMO_PASSWORD}" in made.stdout
    exported = run("export", "units", str(out))
    assert exported.returncode == 0, exported.stderr
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][0] == "房号"
    count = int(exported.stdout.split()[1])
    assert len(rows) == count + 1 >= 3 * 15 * 3
    again = run("demo")
    assert again.returncode == 2 and "already has units" in again.stderr
