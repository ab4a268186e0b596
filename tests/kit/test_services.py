"""The kit's generic services on a real register (archive files): what every register gets."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.errors import ConflictError, PermissionDenied, ValidationError, WrongState
from app.kit import services as kit
from app.models import ArchiveFile, ArchiveLoan, AuditEvent, DocumentSequence, RecordEvent
from app.services import reference
from app.services.context import Actor


@pytest.fixture
def unit(admin: Actor) -> int:
    reference.create_building(admin, code="A", name="A座")
    return reference.create_unit(
        admin, code="A-1203", building_code="A", floor_number=12, area="120.5"
    ).id


@pytest.fixture
def clerk_staff(admin: Actor) -> int:
    return reference.create_staff(admin, name="李强", department="客服部").id


def _counts() -> dict[str, int]:
    return {
        m.__name__: m.select().count()
        for m in (ArchiveFile, AuditEvent, RecordEvent, DocumentSequence)
    }


def test_create_validates_every_field_and_writes_nothing_on_failure(
    admin: Actor, unit: int
) -> None:
    before = _counts()
    with pytest.raises(ValidationError) as err:
        kit.create(
            admin,
            "archives",
            {"category": "nonsense", "unit": 99999, "title": "x\x00y", "shelf": "S" * 40},
        )
    assert {"category", "unit", "title", "shelf"} <= set(err.value.errors)
    assert _counts() == before


def test_create_numbers_stamps_trails_and_audits(admin: Actor, unit: int) -> None:
    row = kit.create(admin, "archives", {"category": "household", "unit": unit, "title": "A-1203"})
    assert row["code"] == "DA00001" and row["status"] == "on_shelf" and row["version"] == 1
    assert row["unit_label"] == "A-1203" and row["created_by"] == "admin"
    assert [h["kind"] for h in kit.history(admin, "archives", row["id"])] == ["created"]
    assert AuditEvent.select().where(AuditEvent.action == "create archives").count() == 1


def test_edit_refuses_a_stale_copy_and_fields_not_editable(admin: Actor, unit: int) -> None:
    row = kit.create(admin, "archives", {"category": "household", "unit": unit, "title": "旧"})
    saved = kit.edit(admin, "archives", row["id"], row["version"], {"title": "新", "code": "X"})
    assert saved["title"] == "新" and saved["code"] == "DA00001" and saved["version"] == 2
    with pytest.raises(ConflictError):
        kit.edit(admin, "archives", row["id"], row["version"], {"title": "又一个"})
    assert ArchiveFile.get_by_id(row["id"]).title == "新"


def test_transition_checks_state_version_and_permission(
    admin: Actor, unit: int, clerk_staff: int, make_actor: Callable[[str], Actor]
) -> None:
    row = kit.create(admin, "archives", {"category": "household", "unit": unit, "title": "A"})
    inputs = {"borrower_staff": clerk_staff, "kind": "read", "purpose": "查阅"}
    with pytest.raises(PermissionDenied):
        kit.transition(make_actor("assistant"), "archives", "lend", row["id"], 1, inputs)
    with pytest.raises(ConflictError):
        kit.transition(admin, "archives", "lend", row["id"], row["version"] + 5, inputs)
    lent = kit.transition(admin, "archives", "lend", row["id"], row["version"], inputs)
    assert lent["status"] == "lent" and lent["holder"] == "李强"
    before = _counts()
    with pytest.raises(WrongState) as refused:  # the other desk's click, a moment later
        kit.transition(admin, "archives", "lend", row["id"], None, inputs)
    assert "李强" in str(refused.value) and "JY-" in str(refused.value)
    assert _counts() == before


def test_void_needs_a_reason_and_a_voided_record_moves_no_more(admin: Actor, unit: int) -> None:
    row = kit.create(admin, "archives", {"category": "household", "unit": unit, "title": "A"})
    with pytest.raises(ValidationError):
        kit.void(admin, "archives", row["id"], row["version"], "  ")
    voided = kit.void(admin, "archives", row["id"], row["version"], "重复建档")
    assert voided["void_reason"] == "重复建档"
    with pytest.raises(WrongState):
        kit.transition(admin, "archives", "retire", row["id"], None, {"reason": "x"})
    kept = ArchiveFile.get_by_id(row["id"])  # nothing is hard-deleted
    assert kept.status == "on_shelf" and kept.voided_by


def test_an_edit_keeps_the_registers_rules(admin: Actor, unit: int) -> None:
    """One household file per unit (一户一档) holds for edits as for new files."""
    first = kit.create(admin, "archives", {"category": "household", "unit": unit, "title": "A"})
    other = kit.create(admin, "archives", {"category": "daily", "unit": unit, "title": "日常"})
    with pytest.raises(ValidationError) as err:
        kit.edit(admin, "archives", other["id"], other["version"], {"category": "household"})
    assert first["code"] in str(err.value.errors["category"])
    with pytest.raises(ValidationError) as err:
        kit.edit(admin, "archives", other["id"], other["version"], {"unit": None})
    assert "unit" in err.value.errors
    assert ArchiveFile.get_by_id(other["id"]).category == "daily"
    renamed = kit.edit(admin, "archives", first["id"], first["version"], {"title": "A 新"})
    assert renamed["title"] == "A 新"  # the file itself is no duplicate of itself


def test_a_loan_still_out_is_not_voided(admin: Actor, unit: int, clerk_staff: int) -> None:
    """Voiding it would leave its file lent with nobody holding it: take it back first."""
    row = kit.create(admin, "archives", {"category": "household", "unit": unit, "title": "A"})
    inputs = {"borrower_staff": clerk_staff, "kind": "read", "purpose": "查阅"}
    lent = kit.transition(admin, "archives", "lend", row["id"], row["version"], inputs)
    loan = kit.record(admin, "archive_loans", ArchiveLoan.get().id)
    with pytest.raises(ValidationError) as refused:
        kit.void(admin, "archive_loans", loan["id"], loan["version"], "登记错了")
    assert "reason" in refused.value.errors
    assert ArchiveLoan.get().voided_at is None
    kit.transition(admin, "archives", "return", row["id"], lent["version"], {"ok": []})
    loan = kit.record(admin, "archive_loans", loan["id"])
    assert kit.void(admin, "archive_loans", loan["id"], loan["version"], "登记错了")["voided_at"]
