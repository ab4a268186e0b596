"""The register kit's conformance test: run over EVERY declared register, so a new register is
held to the same promises as keys and archives the moment it is declared.

- every label is declared in English and Chinese;
- every sortable column sorts in SQL (the page comes back in order, both ways);
- the count equals the rows the pages give, for every filter option;
- every transition refuses a role without its permission and a record in the wrong state, and
  leaves nothing written;
- every list opens at 1,000,000 rows without loading them (counted in SQLite VM steps);
- every declared slip renders and its barcode decodes (tests/kit/test_slips_conformance.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from app.db import db_proxy, is_sqlite
from app.errors import PermissionDenied, WrongState
from app.kit import registry
from app.kit import services as kit
from app.kit.declare import Register
from app.rules.roles import PERMISSIONS, Role
from app.services import listing
from app.services.context import Actor
from app.services.listing import ListRequest
from tests.kit.bulk import fill

REGISTERS = registry.all_registers()
NAMES = [r.name for r in REGISTERS]
CJK = re.compile(r"[\u4e00-\u9fff]")
MILLION = 1_000_000
PAGE = 200


def _reg(name: str) -> Register:
    return registry.get(name)


def test_the_kit_sees_keys_and_archives() -> None:
    """Guard against a conformance run over nothing."""
    assert {"keys", "key_loans", "archives", "archive_loans", "archive_incidents"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_every_label_is_declared_in_english_and_chinese(name: str) -> None:
    reg = _reg(name)
    for en, zh in reg.labels():
        assert en.strip(), f"{name}: a label without its English source ({zh!r})"
        assert CJK.search(zh), f"{name}: {en!r} has no Chinese label ({zh!r})"
    for column in reg.list.columns:
        assert CJK.search(reg.field(column).zh), f"{name}.{column} has no Chinese header"
    for t in reg.transitions:
        for f in t.inputs:
            assert CJK.search(f.zh), f"{name}.{t.name}.{f.name}"


def _all_rows(actor: Actor, name: str, request: ListRequest) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    while True:
        page = listing.page(actor, name, request, len(rows), 50)
        rows += page
        if len(page) < 50:
            return rows


def _sort_key(value: Any) -> tuple[int, Any]:
    return (0, "") if value is None else (1, value)


@pytest.mark.parametrize("name", NAMES)
def test_every_sortable_column_sorts_in_sql_and_counts_match(name: str, admin: Actor) -> None:
    reg = _reg(name)
    fill(reg.model, 60, reg)
    spec = listing.get_list(name)
    assert spec.sort_fields, f"{name} sorts by nothing"
    for column in spec.sort_fields:
        if column not in spec.columns:
            continue
        for descending in (False, True):
            request = ListRequest(sort=column, descending=descending)
            values = [r.get(column) for r in listing.page(admin, name, request, 0, 60)]
            expected = sorted(values, key=_sort_key, reverse=descending)
            assert values == expected, f"{name} by {column} {'desc' if descending else 'asc'}"
    requests = [ListRequest()]
    for flt in reg.list.filters:
        requests += [ListRequest(filters=((flt.name, option[0]),)) for option in flt.options]
    for request in requests:
        assert listing.count(admin, name, request) == len(_all_rows(admin, name, request))


def _role_without(perm: Any) -> Role | None:
    return next((r for r in Role if perm not in PERMISSIONS[r]), None)


TRANSITIONS = [(r.name, t.name) for r in REGISTERS for t in r.transitions]


@pytest.mark.parametrize(("name", "transition"), TRANSITIONS)
def test_every_transition_refuses_a_role_without_permission_and_a_wrong_state(
    name: str, transition: str, admin: Actor, make_actor: Callable[[str], Actor]
) -> None:
    reg = _reg(name)
    t = reg.transition(transition)
    fill(reg.model, 2 * max(1, len(reg.states)), reg)
    model = reg.model
    state = getattr(model, reg.state_field)
    in_source = model.select().where(state.in_(t.source)).first()
    wrong = model.select().where(state.not_in(t.source)).first()

    role = _role_without(t.perm)
    assert role is not None, f"every role may {t.perm}: the permission means nothing"
    outsider = make_actor(role.value)
    assert in_source is not None
    with pytest.raises(PermissionDenied):
        kit.transition(outsider, name, t.name, in_source.id, in_source.version, {})

    assert wrong is not None, f"{name}: no state outside {t.source} to try {t.name} on"
    before = model.get_by_id(wrong.id)
    with pytest.raises(WrongState) as refused:
        kit.transition(admin, name, t.name, wrong.id, wrong.version, {})
    assert t.zh in str(refused.value)
    after = model.get_by_id(wrong.id)
    assert (after.version, getattr(after, reg.state_field)) == (
        before.version,
        getattr(before, reg.state_field),
    )


def _vm_steps(fn: Callable[[], Any]) -> int:
    """SQLite virtual-machine steps `fn` costs (counted in units of 100): a deterministic
    measure of how much of the table a call reads, unlike a timing."""
    con = db_proxy.obj.connection()
    steps = [0]

    def tick() -> int:
        steps[0] += 1
        return 0

    con.set_progress_handler(tick, 100)
    try:
        fn()
    finally:
        con.set_progress_handler(None, 0)
    return steps[0] * 100


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_every_list_opens_at_a_million_rows_without_loading_them(name: str, admin: Actor) -> None:
    if not is_sqlite():
        pytest.skip("bulk-filled through SQLite")
    reg = _reg(name)
    # The search index is not what opening a list reads: this throw-away database fills faster
    # without its per-row trigram trigger.
    table = reg.model._meta.table_name
    db = db_proxy.obj
    db.execute_sql(f'DROP TRIGGER IF EXISTS "{table}_fts_ai"')
    # Nor does it need the office's crash safety while it is filled: the journal in memory, no
    # fsync, and a cache that holds the indexes (the fill is disk-bound otherwise, ~4× slower).
    for pragma in ("synchronous = OFF", "journal_mode = MEMORY", "cache_size = -262144"):
        db.execute_sql(f"PRAGMA {pragma}")
    # The table's indexes are built once the rows are in (a sort each, not a million inserts):
    # the same schema in the end, a quarter faster.
    indexes = db.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL",
        (table,),
    ).fetchall()
    for index_name, _sql in indexes:
        db.execute_sql(f'DROP INDEX "{index_name}"')
    fill(reg.model, MILLION, reg)
    for _name, index_sql in indexes:
        db.execute_sql(index_sql)
    db_proxy.obj.execute_sql("ANALYZE")
    request = ListRequest(filters=(("now", datetime(2026, 12, 1)),))
    rows: list[dict[str, Any]] = []
    steps = _vm_steps(lambda: rows.extend(listing.page(admin, name, request, 0, PAGE)))
    assert len(rows) == PAGE
    # The first page in the default order reads the page, not the table: a scan of 1,000,000
    # rows alone costs several million steps.
    assert steps < MILLION // 10, f"{name}: first page cost {steps} VM steps"
    # The count (no display joins) gives the total the default filter leaves: with the states
    # cycling through the rows, at least the share of one state.
    assert listing.count(admin, name, ListRequest()) >= MILLION // max(2, len(reg.states))
