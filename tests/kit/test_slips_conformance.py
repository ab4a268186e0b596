"""Conformance, printed: every slip every declared register prints renders on each of its papers,
carries its title, and its barcode scans back to the record's number or code (pypdfium2 renders
the page, zxing-cpp reads it) — on realistic records made by the demo through the services."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pdf_helpers import all_text, code128s, flat

from app import demo
from app.db import close_database
from app.db_open import open_database
from app.kit import registry
from app.kit.slips import print_list, print_slip
from app.models import User
from app.services.context import SYSTEM, Actor

SLIPS = [(r.name, s.name) for r in registry.all_registers() for s in r.slips]


def test_keys_and_archives_print() -> None:
    names = {register for register, _ in SLIPS}
    assert {"keys", "key_loans", "archives", "archive_loans"} <= names


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo office for the module (made through the services), copied for each test."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    open_database(str(path), create=True)
    try:
        demo.create_demo(SYSTEM, seed=7, units_per_floor=2)
    finally:
        close_database()
    return path


@pytest.fixture
def office(demo_file: Path, tmp_path: Path) -> Iterator[Actor]:
    if os.environ.get("PROPDESK_TEST_DB"):
        pytest.skip("prints are the same on PostgreSQL; the demo office is a SQLite file here")
    path = tmp_path / "office.sqlite3"
    shutil.copyfile(demo_file, path)
    open_database(str(path))
    user = User.get(User.username == demo.DEMO_ADMIN)
    yield Actor(user.id, user.username, user.role, user.display_name)
    close_database()


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


def test_slip_values_are_written_as_the_declared_fields_write_them() -> None:
    """One way to write a value on a slip: `Field.value_zh`, for gathered extras too."""
    from datetime import date, datetime

    from app.kit.slips import value_text

    reg = registry.get("archive_loans")
    lent = datetime(2026, 3, 5, 9, 30)
    data = {
        "kind": "borrow",
        "lent_at": lent,
        "file": 7,
        "file_label": "DA00007",
        "extra_flag": True,
        "extra_day": date(2026, 3, 6),
        "extra_none": None,
    }
    assert value_text(reg, data, "kind") == reg.field("kind").value_zh("borrow") == "借阅"
    assert value_text(reg, data, "lent_at") == "2026-03-05 09:30"
    assert value_text(reg, data, "file") == "DA00007"  # a ref: the referenced record's label
    assert value_text(reg, data, "extra_flag") == "是"
    assert value_text(reg, data, "extra_day") == "2026-03-06"
    assert value_text(reg, data, "extra_none") == value_text(reg, data, "absent") == ""
