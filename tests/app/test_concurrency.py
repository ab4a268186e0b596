"""Several desk PCs on one office database, each a separate process (tests/app/workers.py).

- Many desks at once (SQLite): 2, 4 and 8 processes lend, return and receive keys for a few
  seconds each. Every acknowledged YS-/JJ- number is in the database, numbers per prefix and year
  are 1..max without gaps or duplicates, `integrity_check` is ok and no desk ever saw a raw
  "database is locked": a busy database only ever surfaces as StorageUnavailable.
- Two people, one record (SQLite and PostgreSQL): desk A read a key/unit/party, desk B saved it
  meanwhile; A's save is refused with a ConflictError naming B and B's time, nothing overwritten.
- Schema upgrades don't race (SQLite): while one desk runs a slow migration under the migration
  lock, a second desk opening the database waits (on_wait is called), then sees the new schema;
  the step ran once.

Longer runs and speed: tests/bench/bench_concurrency.py (`--soak MINUTES`).
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from app.db import DatabaseInfo, close_database
from app.db_open import open_database
from app.services.context import Actor

sys.path.insert(0, str(Path(__file__).parent))
from workers import finish, run_desks, spawn  # noqa: E402

SECONDS = 3.0  # per run of N desks; the whole file stays well under a minute
# Pause between one desk's writes (random 0..2×). Desks are people, not loops: with no pause at
# all SQLite's busy wait is not fair and one desk can wait seconds while another writes
# (measured by tests/bench/bench_concurrency.py, which runs without a pause).
THINK_MS = 10

sqlite_only = pytest.mark.skipif(
    bool(os.environ.get("PROPDESK_TEST_DB")),
    reason="file locking between processes is a SQLite matter; PostgreSQL locks rows itself",
)


def check_numbers(numbers: list[str]) -> dict[tuple[str, int], int]:
    """Per (prefix, year): no duplicate, no gap (1..max). Returns the max per series."""
    series: dict[tuple[str, int], list[int]] = defaultdict(list)
    for number in numbers:
        match = re.fullmatch(r"([A-Z]{2})-(\d{4})-(\d{5})", number)
        assert match, number
        series[(match[1], int(match[2]))].append(int(match[3]))
    for key, values in series.items():
        assert len(values) == len(set(values)), f"duplicate {key} numbers"
        assert sorted(values) == list(range(1, max(values) + 1)), f"gap in {key} numbers"
    return {key: max(values) for key, values in series.items()}


@sqlite_only
@pytest.mark.parametrize("workers", [2, 4, 8])
def test_many_desks_at_once_lose_nothing(tmp_path: Path, workers: int) -> None:
    path = tmp_path / "office.sqlite3"
    acks, summaries = run_desks(str(path), tmp_path, workers, SECONDS, THINK_MS)

    totals: dict[str, int] = defaultdict(int)
    for summary in summaries:
        for name, value in summary["counts"].items():
            totals[name] += value
        assert summary["counts"]["raw_locked"] == 0, summary["problems"]
        assert summary["counts"]["errors"] == 0, summary["problems"]
        assert not summary["problems"], summary["problems"]
    least = min(s["counts"]["acknowledged"] for s in summaries)
    print(f"\n{workers} desks, {SECONDS:.0f} s: {dict(totals)}; the slowest desk: {least}")
    assert totals["acknowledged"] == len(acks) >= workers

    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        loans = {n: r for n, r in con.execute("SELECT number, returned_at FROM key_loan")}
        handovers = {r[0] for r in con.execute("SELECT number FROM key_handover")}
        sequences = {
            (p, y): v
            for p, y, v in con.execute("SELECT prefix, year, last_value FROM document_sequence")
        }
    finally:
        con.close()
    for ack in acks:
        if ack["op"] == "lend":
            assert ack["number"] in loans, f"acknowledged loan {ack['number']} is missing"
        elif ack["op"] == "return":
            assert loans.get(ack["number"]) is not None, f"return of {ack['number']} is missing"
        else:
            assert ack["number"] in handovers, f"acknowledged handover {ack['number']} is missing"
    # nothing in the database that no desk was told about (a lost acknowledgement is fine for
    # a desk that got StorageUnavailable, but then the row must not exist either)
    assert {a["number"] for a in acks if a["op"] == "lend"} == set(loans)
    assert {a["number"] for a in acks if a["op"] == "handover"} == handovers
    maxima = check_numbers([*loans, *handovers])
    assert maxima == {k: v for k, v in sequences.items() if v}


def _conflict_url(db: DatabaseInfo) -> str:
    return os.environ.get("PROPDESK_TEST_DB") or str(db.target.path)


def _expect_conflict(call: Any, username: str) -> Any:
    from app.errors import ConflictError

    with pytest.raises(ConflictError) as caught:
        call()
    assert caught.value.changed_by == username
    assert caught.value.changed_at is not None
    assert username in str(caught.value)
    return caught.value


def test_two_desks_one_key(db: DatabaseInfo, admin: Actor) -> None:
    from app.models import Key
    from app.services import keys

    key = keys.create_key(admin, code="A1203", label="A-1203 户门")
    mine = keys.get_key(admin, key.id)  # desk A opens the edit dialog …
    result = finish(
        spawn(
            "edit",
            {
                "url": _conflict_url(db),
                "what": "key",
                "id": key.id,
                "username": "bob",
                "changes": {"label": "A-1203 户门（新锁）"},
            },
        )
    )  # … desk B (another process) saves first
    assert result["version"] == mine.version + 1
    conflict = _expect_conflict(
        lambda: keys.update_key(admin, key.id, mine.version, label="A-1203 大门"), "bob"
    )
    row = Key.get_by_id(key.id)
    assert conflict.changed_at == row.updated_at
    assert row.label == "A-1203 户门（新锁）" and row.version == mine.version + 1
    assert row.updated_by == "bob"
    # reloading (the dialog's "Reload") and saving again works
    fresh = keys.get_key(admin, key.id)
    assert keys.update_key(admin, key.id, fresh.version, label="A-1203 大门").label == "A-1203 大门"


def test_two_desks_one_unit_and_one_party(db: DatabaseInfo, admin: Actor) -> None:
    from app.models import Party, Unit
    from app.services import reference

    reference.create_building(admin, "A", "A座")
    unit = reference.create_unit(admin, code="A-0101", building_code="A", floor_number=1)
    party = reference.create_party(admin, kind="owner", name="张三", phone="13800138000")
    url = _conflict_url(db)
    my_unit = reference.get_unit(admin, unit.id)
    my_party = reference.get_party(admin, party.id)
    b_unit = spawn(
        "edit",
        {
            "url": url,
            "what": "unit",
            "id": unit.id,
            "username": "carol",
            "changes": {"area": "88.5"},
        },
    )
    finish(b_unit)
    b_party = spawn(
        "edit",
        {
            "url": url,
            "what": "party",
            "id": party.id,
            "username": "carol",
            "changes": {"phone": "13900139000"},
        },
    )
    finish(b_party)

    _expect_conflict(
        lambda: reference.update_unit(admin, unit.id, my_unit.version, area="90"), "carol"
    )
    _expect_conflict(
        lambda: reference.update_party(admin, party.id, my_party.version, phone="13700137000"),
        "carol",
    )
    assert str(Unit.get_by_id(unit.id).area) in ("88.5", "88.50")
    assert Party.get_by_id(party.id).phone == "13900139000"


@sqlite_only
def test_schema_upgrade_waits_for_the_other_desk(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite3"
    open_database(str(path))
    close_database()
    ran, started = tmp_path / "ran.txt", tmp_path / "started"
    common = {"url": str(path), "ran": str(ran), "started": str(started)}

    first = spawn("migrate", {**common, "sleep": 3.0})
    deadline = time.monotonic() + 60
    while not started.exists():  # desk 1 holds the migration lock and is upgrading
        assert first.poll() is None, first.communicate()[1]
        assert time.monotonic() < deadline, "the first desk never started its upgrade"
        time.sleep(0.05)
    second = spawn("migrate", {**common, "sleep": 3.0})
    upgraded, waited = finish(first), finish(second)

    assert upgraded["schema_version"] == upgraded["expected_version"]
    assert waited["schema_version"] == upgraded["expected_version"]
    assert waited["waits"], "the second desk did not report that it was waiting"
    assert all("upgrad" in w for w in waited["waits"]), waited["waits"]
    assert ran.read_text().split() == [str(upgraded["pid"])]  # the step ran once, by desk 1
    backups = list((tmp_path / "propdesk-backups").glob("*.sqlite3"))
    assert len(backups) == 1  # one backup, by the desk that upgraded
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM slow_upgrade_probe").fetchone() == (0,)
    finally:
        con.close()
