"""Personal accounts: first administrator, login with lock-out, out-of-hours reasons, roles."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from app.db import run_with_retry
from app.errors import (
    AccountLocked,
    AuthenticationFailed,
    NotFound,
    ReasonRequired,
    ValidationError,
)
from app.i18n import QT_TRANSLATE_NOOP
from app.models import LoginEvent, Staff, User
from app.rules.passwords import hash_password, password_problem, verify_password
from app.rules.roles import Perm, Role
from app.services import calendar, office_settings
from app.services.context import SYSTEM, Actor
from app.services.records import stamp_new
from app.services.tx import audit, read_service, snapshot, write_service

MAX_FAILURES = 5
LOCK_MINUTES = 15


@dataclass(frozen=True)
class LoginResult:
    actor: Actor
    out_of_hours: bool


def has_users() -> bool:
    return run_with_retry(lambda: User.select().exists())


def _validate_new_user(username: str, password: str, role: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    username = username.strip()
    if not username:
        errors["username"] = QT_TRANSLATE_NOOP("app", "Enter a user name.")
    elif len(username) > 64:
        errors["username"] = QT_TRANSLATE_NOOP("app", "At most 64 characters.")
    elif User.select().where(User.username == username).exists():
        errors["username"] = QT_TRANSLATE_NOOP("app", "This user name is taken.")
    try:
        Role(role)
    except ValueError:
        errors["role"] = QT_TRANSLATE_NOOP("app", "Choose one of the roles.")
    problem = password_problem(password, username)
    if problem:
        errors["password"] = problem
    return errors


def _create_user(
    actor: Actor, username: str, password: str, role: str, display_name: str, staff_id: int | None
) -> User:
    errors = _validate_new_user(username, password, role)
    if errors:
        raise ValidationError(errors)
    if staff_id is not None and not Staff.get_or_none(Staff.id == staff_id):
        raise ValidationError({"staff": QT_TRANSLATE_NOOP("app", "No such staff member.")})
    user = User.create(
        username=username.strip(),
        display_name=display_name.strip() or username.strip(),
        role=role,
        staff=staff_id,
        password_hash=hash_password(password),
        **stamp_new(actor),
    )
    after = snapshot(user)
    after.pop("password_hash", None)
    audit(actor, "create user", "User", user.id, None, after)
    return user


@write_service(None)
def create_first_admin(actor: Actor, username: str, password: str, display_name: str = "") -> User:
    """Only while the database has no account at all (first start)."""
    if User.select().exists():
        raise ValidationError(
            {
                "username": QT_TRANSLATE_NOOP(
                    "app", "An administrator already exists; log in instead."
                )
            }
        )
    return _create_user(actor, username, password, Role.ADMIN, display_name, None)


@write_service(Perm.USERS_MANAGE)
def create_user(
    actor: Actor,
    username: str,
    password: str,
    role: str,
    display_name: str = "",
    staff_id: int | None = None,
) -> User:
    return _create_user(actor, username, password, role, display_name, staff_id)


def is_out_of_hours(now: datetime) -> bool:
    if not calendar.is_workday(now.date()):  # PRC holidays, 调休 and the office table
        return True
    start = office_settings.get_time("work_start")
    end = office_settings.get_time("work_end")
    return not (start <= now.time() <= end)


def login(
    username: str, password: str, reason: str = "", now: datetime | None = None
) -> LoginResult:
    """Check the password. Raises AuthenticationFailed, AccountLocked or ReasonRequired.

    5 failures in a row lock the account for 15 minutes. Outside working hours a reason is
    required; such logins are flagged for the manager. The failure count is committed before the
    error is raised (the transaction returns the error instead of raising it inside).
    """
    from app.db import db_proxy

    now = now or datetime.now()
    out_of_hours = is_out_of_hours(now)

    def attempt() -> LoginResult | Exception:
        with db_proxy.atomic():
            user = User.get_or_none(User.username == username.strip())
            if user is None or not user.active:
                LoginEvent.create(
                    at=now, username=username[:64], success=False, workstation=platform.node()
                )
                return AuthenticationFailed("wrong user name or password")
            if user.locked_until and user.locked_until > now:
                # attempts on a locked account are logged too (someone may be guessing)
                LoginEvent.create(
                    at=now, username=user.username, success=False, workstation=platform.node()
                )
                return AccountLocked(user.locked_until)
            if not verify_password(user.password_hash, password):
                failures = user.failed_logins + 1
                locked_until = (
                    now + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None
                )
                User.update(
                    failed_logins=0 if locked_until else failures, locked_until=locked_until
                ).where(User.id == user.id).execute()
                LoginEvent.create(
                    at=now, username=user.username, success=False, workstation=platform.node()
                )
                if locked_until:
                    return AccountLocked(locked_until)
                return AuthenticationFailed("wrong user name or password")
            if out_of_hours and not reason.strip():
                return ReasonRequired("a login outside working hours needs a reason")
            User.update(failed_logins=0, locked_until=None, last_login_at=now).where(
                User.id == user.id
            ).execute()
            LoginEvent.create(
                at=now,
                username=user.username,
                success=True,
                out_of_hours=out_of_hours,
                reason=reason.strip(),
                flagged=out_of_hours,
                workstation=platform.node(),
            )
            actor = Actor(user.id, user.username, user.role, user.display_name or user.username)
            return LoginResult(actor, out_of_hours)

    outcome = run_with_retry(attempt)
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


def actor_for(username: str) -> Actor:
    user = run_with_retry(lambda: User.get_or_none(User.username == username))
    if user is None:
        raise NotFound(f"no user {username}")
    return Actor(user.id, user.username, user.role, user.display_name or user.username)


@write_service(Perm.USERS_MANAGE)
def unlock_user(actor: Actor, username: str) -> None:
    user = User.get_or_none(User.username == username)
    if user is None:
        raise NotFound(f"no user {username}")
    User.update(failed_logins=0, locked_until=None).where(User.id == user.id).execute()
    audit(actor, "unlock user", "User", user.id)


@write_service(None)
def change_password(actor: Actor, old_password: str, new_password: str) -> None:
    user = User.get_or_none(User.id == actor.user_id) if actor.user_id is not None else None
    if user is None:  # e.g. the CLI's SYSTEM actor: a clear error, not a peewee DoesNotExist
        raise NotFound(f"{actor.username} has no user account")
    if not verify_password(user.password_hash, old_password):
        raise ValidationError(
            {"old_password": QT_TRANSLATE_NOOP("app", "The current password is wrong.")}
        )
    problem = password_problem(new_password, user.username)
    if problem:
        raise ValidationError({"new_password": problem})
    User.update(
        password_hash=hash_password(new_password),
        updated_at=datetime.now(),
        updated_by=actor.username,
        version=User.version + 1,
    ).where(User.id == user.id).execute()
    audit(actor, "change password", "User", user.id)


@read_service(Perm.AUDIT_VIEW)
def flagged_logins(actor: Actor, limit: int = 200) -> list[dict[str, Any]]:
    rows = LoginEvent.select().where(LoginEvent.flagged).order_by(LoginEvent.at.desc()).limit(limit)
    return [
        {
            "id": r.id,
            "at": r.at,
            "username": r.username,
            "reason": r.reason,
            "reviewed_by": r.reviewed_by,
        }
        for r in rows
    ]


__all__ = ["SYSTEM", "LoginResult", "login", "create_user", "create_first_admin", "has_users"]
