"""Departments and staff, including a person leaving (调离)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.models import Department, Staff, User
from app.models.reference import DEPARTMENTS
from app.rules.roles import Perm
from app.services.context import Actor
from app.services.records import get_or_404, stamp_new, update_versioned
from app.services.reference.validation import _check_version, clean_staff
from app.services.reference.views import StaffView, _staff_view
from app.services.tx import audit, read_service, snapshot, write_service

# ---------------------------------------------------------------------------------------------
# Writers shared with the import (inside a write transaction)


def _department(actor: Actor, name: str) -> Department:
    department = Department.get_or_none(Department.name == name)
    if department is None:
        department = Department.create(name=name, **stamp_new(actor))
        audit(actor, "create department", "Department", department.id, None, snapshot(department))
    return department


def insert_staff(actor: Actor, clean: dict[str, Any]) -> Staff:
    department = _department(actor, clean["department"])
    staff = Staff.create(
        name=clean["name"],
        department=department,
        position=clean["position"],
        phone=clean["phone"],
        id_number=clean["id_number"],
        **stamp_new(actor),
    )
    audit(actor, "create staff", "Staff", staff.id, None, snapshot(staff))
    return staff


def apply_staff_update(
    actor: Actor, staff_id: int, expected_version: int, clean: dict[str, Any]
) -> Staff:
    department = _department(actor, clean["department"])
    changes = {
        "name": clean["name"],
        "department": department.id,
        "position": clean["position"],
        "phone": clean["phone"],
        "id_number": clean["id_number"],
    }
    return update_versioned(actor, Staff, staff_id, expected_version, changes, "update staff")


# ---------------------------------------------------------------------------------------------
# Departments and staff


@write_service(Perm.STAFF_EDIT)
def ensure_departments(actor: Actor) -> dict[str, int]:
    """Create the six departments of SPEC §2 that are missing; returns name → id of all six."""
    return {name: _department(actor, name).id for name in DEPARTMENTS}


@read_service(Perm.REFERENCE_VIEW)
def list_departments(actor: Actor) -> list[str]:
    names = {d.name for d in Department.select(Department.name)}
    return [n for n in DEPARTMENTS if n in names] + sorted(names - set(DEPARTMENTS))


@write_service(Perm.STAFF_EDIT)
def create_staff(
    actor: Actor,
    *,
    name: str,
    department: str,
    position: str = "",
    phone: str = "",
    id_number: str = "",
) -> StaffView:
    clean, errors = clean_staff(
        {
            "name": name,
            "department": department,
            "position": position,
            "phone": phone,
            "id_number": id_number,
        }
    )
    if errors:
        raise ValidationError(errors)
    return _staff_view(actor, insert_staff(actor, clean))


_STAFF_CHANGES = {"name", "department", "position", "phone", "id_number"}


@write_service(Perm.STAFF_EDIT)
def update_staff(actor: Actor, staff_id: int, expected_version: int, **changes: Any) -> StaffView:
    unknown = set(changes) - _STAFF_CHANGES
    if unknown:
        raise TypeError(f"update_staff cannot change {sorted(unknown)}")
    staff = get_or_404(Staff, staff_id)
    _check_version(Staff, staff, expected_version)
    data = {
        "name": staff.name,
        "department": Department.get_by_id(staff.department_id).name,
        "position": staff.position,
        "phone": staff.phone,
        "id_number": staff.id_number,
        **changes,
    }
    clean, errors = clean_staff(data)
    if errors:
        raise ValidationError(errors)
    return _staff_view(actor, apply_staff_update(actor, staff_id, expected_version, clean))


@write_service(Perm.STAFF_EDIT)
def staff_leaves(actor: Actor, staff_id: int, left_on: date) -> StaffView:
    """调离: refused while the person still holds an archive file, a key or anything else a
    register lends to staff (`holder_field`); their accounts are disabled."""
    staff = get_or_404(Staff, staff_id)
    if not staff.active:
        raise ValidationError(
            {"left_on": QT_TRANSLATE_NOOP("app", "This person has already left.")}
        )
    if not isinstance(left_on, date):
        raise ValidationError({"left_on": QT_TRANSLATE_NOOP("app", "Enter the date.")})
    # 调离客服部的工作人员，须清理移交档案文件后方可办理调离手续 (seed): every register that
    # declares a holder (archive loans, key loans …) is asked what this person still holds.
    from app.kit.holdings import holdings_of  # every register's open records (plugin lookup)

    held = holdings_of(staff_id)
    if held:
        raise ValidationError(
            {
                "left_on": Msg(
                    QT_TRANSLATE_NOOP(
                        "app", "This person still holds: {items}. Take them back first."
                    ),
                    items="；".join(held),
                )
            }
        )
    saved = update_versioned(
        actor,
        Staff,
        staff_id,
        staff.version,
        {"active": False, "left_on": left_on},
        "staff leaves",
    )
    for user in User.select().where((User.staff == staff_id) & User.active):
        User.update(
            active=False,
            updated_at=datetime.now(),
            updated_by=actor.username,
            version=User.version + 1,
        ).where(User.id == user.id).execute()
        audit(actor, "disable user", "User", user.id, {"active": True}, {"active": False})
    return _staff_view(actor, saved)


@read_service(Perm.REFERENCE_VIEW)
def get_staff(actor: Actor, staff_id: int) -> StaffView:
    return _staff_view(actor, get_or_404(Staff, staff_id))
