"""The audit log and login history: managers read them, nobody edits them."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.errors import PermissionDenied, ReasonRequired
from app.services import accounts, audit, listing, office_settings
from app.services.listing import ListRequest
from tests.conftest import TEST_PASSWORD


def test_every_write_is_in_the_audit_log_with_before_and_after(db, admin, make_actor) -> None:
    manager = make_actor("manager")
    office_settings.set_setting(manager, "key_loan_cutoff", "17:30")
    office_settings.set_setting(manager, "key_loan_cutoff", "18:15")
    rows = listing.page(
        manager, "audit_events", ListRequest(search="setting", sort="at", descending=True), 0, 10
    )
    assert [r["username"] for r in rows[:2]] == [manager.username, manager.username]
    latest = audit.audit_event(manager, rows[0]["id"])
    assert latest["before"] == {"value": "17:30"}
    assert latest["after"] == {"value": "18:15"}


def test_assistant_cannot_read_the_audit_log(db, make_actor) -> None:
    assistant = make_actor("assistant")
    with pytest.raises(PermissionDenied):
        listing.count(assistant, "audit_events")
    with pytest.raises(PermissionDenied):
        audit.audit_event(assistant, 1)


def test_out_of_hours_login_is_flagged_until_a_manager_reviews_it(db, admin, make_actor) -> None:
    manager = make_actor("manager")
    sunday_night = datetime(2026, 11, 29, 22, 30)
    with pytest.raises(ReasonRequired):
        accounts.login(manager.username, TEST_PASSWORD, now=sunday_night)
    accounts.login(manager.username, TEST_PASSWORD, reason="机房报警，回来查看", now=sunday_night)
    assert audit.unreviewed_flagged_logins(manager) == 1
    flagged = listing.page(
        manager, "login_events", ListRequest(filters=(("flagged_only", True),)), 0, 10
    )
    assert [r["reason"] for r in flagged] == ["机房报警，回来查看"]
    audit.mark_login_reviewed(manager, flagged[0]["id"])
    assert audit.unreviewed_flagged_logins(manager) == 0
    assert (
        listing.count(manager, "login_events", ListRequest(filters=(("flagged_only", True),))) == 0
    )
    reviews = listing.page(manager, "audit_events", ListRequest(search="review"), 0, 10)
    assert len(reviews) == 1
