"""A transition's `route`: the state it goes to is decided from the record and the inputs, among
the states the declaration names (the mail register's second failed delivery try goes to the
return list, the first stays notified); an undeclared state is a bug, refused before writing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.kit import registry
from app.kit import services as kit
from app.models import MailItem
from app.services import reference
from app.services.context import Actor


@pytest.fixture
def item(admin: Actor) -> dict:
    reference.create_building(admin, "A", "A座")
    unit = reference.create_unit(admin, code="A-101", building_code="A", floor_number=1)
    return kit.create(admin, "mail", {"unit": unit.id, "addressee": "王芳", "kind": "parcel"})


def test_route_chooses_among_the_declared_targets(admin: Actor, item: dict) -> None:
    t = registry.get("mail").transition("failed_try")
    assert t.route is not None and t.targets == ("to_return",)
    first = kit.transition(admin, "mail", "failed_try", item["id"], item["version"], {})
    assert first["status"] == t.target
    second = kit.transition(admin, "mail", "failed_try", item["id"], first["version"], {})
    assert second["status"] == "to_return"


def test_a_route_to_an_undeclared_state_writes_nothing(
    admin: Actor, item: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    reg = registry.get("mail")
    bad = replace(reg.transition("failed_try"), route=lambda ctx: "picked_up")
    broken = replace(reg, transitions=(bad,))
    monkeypatch.setitem(registry.load_all(), "mail", broken)
    with pytest.raises(ValueError, match="not one of its declared targets"):
        kit.transition(admin, "mail", "failed_try", item["id"], item["version"], {})
    row = MailItem.get_by_id(item["id"])
    assert (row.status, row.version, row.tries) == ("received", item["version"], 0)
