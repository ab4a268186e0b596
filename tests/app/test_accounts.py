"""Personal accounts (SPEC §4, 保密制度): strong passwords, lock-out, out-of-hours reasons."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from app.db import DatabaseInfo
from app.errors import (
    AccountLocked,
    AuthenticationFailed,
    NotFound,
    PermissionDenied,
    ReasonRequired,
    ValidationError,
)
from app.models import AuditEvent, LoginEvent, User
from app.services import accounts
from app.services.context import SYSTEM, Actor
from tests.conftest import TEST_PASSWORD

TUESDAY_10AM = datetime(2026, 3, 10, 10, 0)  # a working day, inside 08:00–18:00
TUESDAY_10PM = datetime(2026, 3, 10, 22, 0)
SATURDAY_10AM = datetime(2026, 3, 14, 10, 0)


@pytest.fixture
def clerk(admin: Actor) -> str:
    accounts.create_user(admin, "clerk", TEST_PASSWORD, "assistant", display_name="小王")
    return "clerk"


def test_good_login_resets_nothing_is_flagged(clerk: str) -> None:
    result = accounts.login(clerk, TEST_PASSWORD, now=TUESDAY_10AM)
    assert result.actor.username == clerk and result.actor.role == "assistant"
    assert not result.out_of_hours
    event = LoginEvent.select().order_by(LoginEvent.id.desc()).get()
    assert event.success and not event.flagged
    assert User.get(User.username == clerk).last_login_at == TUESDAY_10AM


def test_five_failures_lock_the_account_for_fifteen_minutes(clerk: str) -> None:
    for n in range(4):
        with pytest.raises(AuthenticationFailed) as caught:
            accounts.login(clerk, "Wrong-pass-1", now=TUESDAY_10AM + timedelta(seconds=n))
        assert not isinstance(caught.value, AccountLocked)
    with pytest.raises(AccountLocked) as caught:
        accounts.login(clerk, "Wrong-pass-1", now=TUESDAY_10AM + timedelta(seconds=5))
    assert caught.value.until == TUESDAY_10AM + timedelta(seconds=5, minutes=15)
    # Even the right password is refused while locked …
    with pytest.raises(AccountLocked):
        accounts.login(clerk, TEST_PASSWORD, now=TUESDAY_10AM + timedelta(minutes=14))
    # … and accepted once the 15 minutes are over.
    result = accounts.login(clerk, TEST_PASSWORD, now=TUESDAY_10AM + timedelta(minutes=16))
    assert result.actor.username == clerk
    user = User.get(User.username == clerk)
    assert user.failed_logins == 0 and user.locked_until is None
    assert LoginEvent.select().where(~LoginEvent.success).count() == 6  # 5 + 1 while locked


def test_a_success_resets_the_failure_count(clerk: str) -> None:
    for n in range(4):
        with pytest.raises(AuthenticationFailed):
            accounts.login(clerk, "Wrong-pass-1", now=TUESDAY_10AM + timedelta(seconds=n))
    accounts.login(clerk, TEST_PASSWORD, now=TUESDAY_10AM + timedelta(minutes=1))
    with pytest.raises(AuthenticationFailed) as caught:
        accounts.login(clerk, "Wrong-pass-1", now=TUESDAY_10AM + timedelta(minutes=2))
    assert not isinstance(caught.value, AccountLocked)


def test_an_administrator_can_unlock(admin: Actor, clerk: str) -> None:
    for n in range(5):
        with pytest.raises(AuthenticationFailed):
            accounts.login(clerk, "Wrong-pass-1", now=TUESDAY_10AM + timedelta(seconds=n))
    accounts.unlock_user(admin, clerk)
    assert accounts.login(clerk, TEST_PASSWORD, now=TUESDAY_10AM + timedelta(minutes=1))
    assert AuditEvent.select().where(AuditEvent.action == "unlock user").count() == 1


def test_unknown_user_and_wrong_password_look_the_same(clerk: str) -> None:
    with pytest.raises(AuthenticationFailed) as unknown:
        accounts.login("nobody", TEST_PASSWORD, now=TUESDAY_10AM)
    with pytest.raises(AuthenticationFailed) as wrong:
        accounts.login(clerk, "Wrong-pass-1", now=TUESDAY_10AM)
    assert str(unknown.value) == str(wrong.value)


@pytest.mark.parametrize(
    "password",
    [
        "12345678",
        "password",
        "Password1",
        "short1",
        "aaaaaaa1",
        "abcdefgh",
        "87654321",
        "xclerkx99",
    ],
)
def test_trivial_passwords_are_refused(admin: Actor, password: str) -> None:
    with pytest.raises(ValidationError) as caught:
        accounts.create_user(admin, "clerk", password, "assistant")
    assert set(caught.value.errors) == {"password"}
    assert not User.select().where(User.username == "clerk").exists()


def test_change_password_checks_the_old_one_and_the_rules(clerk: str) -> None:
    actor = accounts.actor_for(clerk)
    with pytest.raises(ValidationError) as caught:
        accounts.change_password(actor, "Wrong-pass-1", "Another-2026-pw")
    assert "old_password" in caught.value.errors
    with pytest.raises(ValidationError) as caught:
        accounts.change_password(actor, TEST_PASSWORD, "12345678")
    assert "new_password" in caught.value.errors
    accounts.change_password(actor, TEST_PASSWORD, "Another-2026-pw")
    assert accounts.login(clerk, "Another-2026-pw", now=TUESDAY_10AM)
    with pytest.raises(AuthenticationFailed):
        accounts.login(clerk, TEST_PASSWORD, now=TUESDAY_10AM)


def test_change_password_without_an_account_is_a_clear_error(db: DatabaseInfo) -> None:
    """The CLI's SYSTEM actor has no account row."""
    with pytest.raises(NotFound):
        accounts.change_password(SYSTEM, "x", "Another-2026-pw")


@pytest.mark.parametrize("when", [TUESDAY_10PM, SATURDAY_10AM])
def test_out_of_hours_login_needs_a_reason_and_is_flagged(
    clerk: str, make_actor: Callable[[str], Actor], when: datetime
) -> None:
    with pytest.raises(ReasonRequired):
        accounts.login(clerk, TEST_PASSWORD, now=when)
    with pytest.raises(ReasonRequired):
        accounts.login(clerk, TEST_PASSWORD, reason="   ", now=when)
    result = accounts.login(clerk, TEST_PASSWORD, reason="业主报修 漏水", now=when)
    assert result.out_of_hours
    event = LoginEvent.select().where(LoginEvent.success).order_by(LoginEvent.id.desc()).get()
    assert event.flagged and event.out_of_hours and event.reason == "业主报修 漏水"
    manager = make_actor("manager")
    flagged = accounts.flagged_logins(manager)
    assert [(f["username"], f["reason"]) for f in flagged] == [(clerk, "业主报修 漏水")]
    with pytest.raises(PermissionDenied):
        accounts.flagged_logins(make_actor("assistant"))


def test_a_wrong_password_out_of_hours_is_still_a_failure(clerk: str) -> None:
    with pytest.raises(AuthenticationFailed):
        accounts.login(clerk, "Wrong-pass-1", reason="加班", now=TUESDAY_10PM)
    assert User.get(User.username == clerk).failed_logins == 1


def test_only_an_administrator_creates_accounts(make_actor: Callable[[str], Actor]) -> None:
    with pytest.raises(PermissionDenied):
        accounts.create_user(make_actor("manager"), "clerk", TEST_PASSWORD, "assistant")
    with pytest.raises(ValidationError) as caught:
        accounts.create_first_admin(SYSTEM, "second", TEST_PASSWORD)
    assert "username" in caught.value.errors


def test_user_names_are_unique_and_roles_known(admin: Actor, clerk: str) -> None:
    with pytest.raises(ValidationError) as caught:
        accounts.create_user(admin, " clerk ", TEST_PASSWORD, "janitor")
    assert set(caught.value.errors) == {"username", "role"}
    event = (
        AuditEvent.select()
        .where(AuditEvent.action == "create user")
        .order_by(AuditEvent.id.desc())
        .get()
    )
    assert "password" not in (event.after or "")
