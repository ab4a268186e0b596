"""The kit's item lists (`Register.items`, app/kit/items.py) and accountability lists
(app/kit/holdings.py): what every register declaring them gets — run over every such register,
and exercised on the archive files (the first to declare items) and on both loan registers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import peewee
import pytest

from app.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from app.kit import holdings, items, registry
from app.kit import services as kit
from app.models import Attachment
from app.services import keys, reference
from app.services.context import Actor

WITH_ITEMS = [r.name for r in registry.all_registers() if r.items is not None]
HELD = [r.name for r in registry.all_registers() if r.holder_field and r.today is not None]
ITEM_COLUMNS = {"section", "name", "present", "personal", "sort_order", "attachment", "notes"}


def test_the_kit_sees_registers_with_items_and_holders() -> None:
    assert "archives" in WITH_ITEMS
    assert {"archive_loans", "key_loans"} <= set(HELD)


@pytest.mark.parametrize("name", WITH_ITEMS)
def test_every_item_model_follows_the_convention(name: str) -> None:
    reg = registry.get(name)
    spec = reg.items
    assert spec is not None
    fields = spec.model._meta.fields
    assert ITEM_COLUMNS | {"voided_at", "version"} <= set(fields), name
    parent = fields[spec.parent]
    assert isinstance(parent, peewee.ForeignKeyField) and parent.rel_model is reg.model
    assert fields["attachment"].rel_model is Attachment
    assert reg.values(spec.sections), f"{name}: the sections value set is declared"
    assert set(spec.locked_states) <= {s.value for s in reg.states}


@pytest.fixture
def unit(admin: Actor) -> int:
    reference.create_building(admin, code="A", name="A座")
    return reference.create_unit(admin, code="A-101", building_code="A", floor_number=1).id


@pytest.fixture
def staff(admin: Actor) -> int:
    return reference.create_staff(admin, name="王芳", department="客服部").id


def test_items_are_seeded_ticked_and_refused_on_a_stale_copy_or_a_locked_record(
    admin: Actor, make_actor: Callable[[str], Actor], unit: int, staff: int
) -> None:
    record = kit.create(admin, "archives", {"category": "household", "unit": unit, "title": "A"})
    listed = items.item_list(admin, "archives", record["id"])
    first = listed.lines[0]
    assert listed.total == len(listed.lines) > 0 and listed.missing == listed.total
    assert [s.section for s in listed.sections][0] == registry.get("archives").values("section")[
        0
    ].value
    ticked = items.set_present(admin, "archives", first.id, first.version, True)
    assert ticked.present and items.present_ids("archives", record["id"]) == [first.id]
    with pytest.raises(ConflictError):
        items.set_present(admin, "archives", first.id, first.version, False)
    with pytest.raises(PermissionDenied):  # may look at the items, not change them
        items.set_present(make_actor("assistant"), "archives", first.id, ticked.version, False)
    assert items.item_list(make_actor("assistant"), "archives", record["id"]).present == 1
    inputs = {"borrower_staff": staff, "kind": "borrow", "purpose": "核对"}
    kit.transition(admin, "archives", "lend", record["id"], None, inputs)
    with pytest.raises(ValidationError) as caught:  # locked while lent, and says who has it
        items.set_present(admin, "archives", first.id, ticked.version, False)
    assert "王芳" in caught.value.errors["present"]
    with pytest.raises(NotFound):
        items.item_list(admin, "archive_loans", 1)


@pytest.mark.parametrize("name", HELD)
def test_open_records_and_holders_for_every_register_with_a_holder(
    admin: Actor, name: str, unit: int, staff: int
) -> None:
    late = datetime.now() - timedelta(days=30)
    if name == "archive_loans":
        record = kit.create(
            admin, "archives", {"category": "household", "unit": unit, "title": "A"}
        )
        inputs = {"borrower_staff": staff, "kind": "borrow", "purpose": "核对"}
        kit.transition(admin, "archives", "lend", record["id"], None, inputs, now=late)
    elif name == "key_loans":
        key = keys.create_key(admin, code="K-1", label="配电室")
        keys.lend_key(
            admin,
            key.code,
            borrower_kind="staff",
            borrower_staff_id=staff,
            purpose="检修",
            now=late,
        )
    else:
        pytest.skip(f"no fixture lends a record of {name} yet")
    rows = holdings.open_records(admin, name)
    assert len(rows) == 1 and rows[0]["overdue"]
    assert holdings.open_records(admin, name, overdue=True) == rows
    assert holdings.open_records(admin, name, late - timedelta(days=1), overdue=True) == []
    groups = holdings.held_by(admin, name)
    assert [(g.name, g.key, g.count, g.overdue) for g in groups] == [("王芳", staff, 1, 1)]
    assert len(holdings.staff_holdings(admin, staff)) == 1
