"""Conformance, printed: every slip every declared register prints renders on each of its papers,
carries its title, and its barcode scans back to the record's number or code (pypdfium2 renders
the page, zxing-cpp reads it) — on realistic records made by the demo through the services."""

from __future__ import annotations

import pytest
from pdf_helpers import all_text, code128s, flat

from app import demo
from app.kit import registry
from app.kit.slips import print_list, print_slip
from app.services.context import Actor

SLIPS = [(r.name, s.name) for r in registry.all_registers() for s in r.slips]


def test_keys_and_archives_print() -> None:
    names = {register for register, _ in SLIPS}
    assert {"keys", "key_loans", "archives", "archive_loans"} <= names


@pytest.fixture
def office(admin: Actor) -> Actor:
    demo.create_demo(admin, seed=7, units_per_floor=2)
    return admin


@pytest.mark.parametrize(("register", "slip_name"), SLIPS)
def test_every_slip_renders_and_its_barcode_scans(
    register: str, slip_name: str, office: Actor
) -> None:
    reg = registry.get(register)
    slip = next(s for s in reg.slips if s.name == slip_name)
    record = reg.model.select().order_by(reg.model.id).first()
    assert record is not None, f"the demo makes no {register}"
    identity = getattr(record, reg.number_field if reg.prefix else reg.code_field, "")
    for paper in slip.papers:
        if slip.per_record:
            pdf = print_slip(office, register, slip_name, record.id, paper)
        else:
            pdf = print_list(office, register, slip_name, paper)
        assert pdf.startswith(b"%PDF"), (register, slip_name, paper)
        text = flat(all_text(pdf))
        if slip.per_record:
            assert identity and identity in code128s(pdf), (register, slip_name, paper)
        else:
            assert flat(slip.zh)[:4] in text, (register, slip_name, paper)
