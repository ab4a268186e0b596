"""The network drive hiccups under the real services (faultfs: a FUSE passthrough, tests/faultfs.py).

The office database lives on a FUSE mount that adds ~2 ms per call and, on demand, fails every
read/write/fsync with EIO ("flaky") or drops away ("vanish": ENOENT / ENOTCONN). The promise to
the clerk: during the fault a save says StorageUnavailable quickly (never a raw sqlite/peewee
error, never a long hang), nothing is half-saved; once the drive is back the same call succeeds
in the same process (a fresh connection), the file passes integrity_check and holds every write
that was acknowledged, and document numbers stay gapless.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import peewee
import pytest

from app import maintenance
from app.db import STORAGE_RETRIES, db_proxy, run_with_retry
from app.db_open import open_database
from app.errors import StorageUnavailable
from app.models import DocumentSequence, Key, KeyLoan
from app.services import keys, listing
from app.services.context import Actor
from app.services.listing import ListRequest
from tests.faultfs import FaultMount, mounted, skip_reason

_REASON = skip_reason()
needs_fuse = pytest.mark.skipif(_REASON is not None, reason=_REASON or "")
sqlite_only = pytest.mark.skipif(
    bool(os.environ.get("PROPDESK_TEST_DB")),
    reason="drive faults concern a SQLite file on a share, not PostgreSQL",
)

MONDAY_9 = datetime(2026, 3, 2, 9, 0)
# One attempt, a 0.25 s pause, one more attempt on a fresh connection, each a few dozen
# 2 ms calls: far below this. A hang (a retry loop, a lock wait) would blow it.
FAULT_BUDGET_S = 5.0


@pytest.fixture
def share(tmp_path: Path) -> Iterator[FaultMount]:
    with mounted(tmp_path) as mount:
        yield mount


@pytest.fixture
def db_path(share: FaultMount) -> Path:
    """conftest's `db` (and so `admin`) open the office database on the faulty share."""
    return share.path / "office.sqlite3"


def lend(actor: Actor, code: str, minute: int):
    return keys.lend_key(
        actor,
        code,
        borrower_kind="external",
        borrower_name="周师傅",
        document_ref="维保工单 2031",
        approved_by="项目总经理 钱海",
        purpose="消防巡检",
        now=MONDAY_9.replace(minute=minute),
    )


def expect_unavailable(call) -> StorageUnavailable:  # noqa: ANN001
    started = time.monotonic()
    with pytest.raises(StorageUnavailable) as info:
        call()
    elapsed = time.monotonic() - started
    assert elapsed < FAULT_BUDGET_S, f"took {elapsed:.1f}s during the fault"
    return info.value


def raw_connection():  # noqa: ANN201
    return db_proxy.obj._state.conn  # noqa: SLF001 - which sqlite3 connection is in use


def assert_healthy(acknowledged: list[str]) -> None:
    report = maintenance.check_database()
    assert report.ok, report.lines
    assert "integrity_check: ok" in report.lines
    numbers = [n for (n,) in KeyLoan.select(KeyLoan.number).order_by(KeyLoan.id).tuples()]
    assert numbers == acknowledged  # every acknowledged loan, nothing else
    assert numbers == [f"YS-2026-{i:05d}" for i in range(1, len(numbers) + 1)]  # gapless


@needs_fuse
@sqlite_only
@pytest.mark.parametrize("fault", ["flaky", "vanish"])
def test_saves_fail_cleanly_during_the_fault_and_work_after_it(
    share: FaultMount, admin: Actor, fault: str
) -> None:
    codes = [keys.create_key(admin, label=f"机房 {i}").code for i in range(4)]
    acknowledged = [lend(admin, codes[i], i).number for i in range(2)]
    connection_before = raw_connection()

    share.set_mode(fault)
    expect_unavailable(lambda: lend(admin, codes[2], 2))
    expect_unavailable(lambda: keys.create_key(admin, label="天台"))
    expect_unavailable(lambda: listing.page(admin, "keys", ListRequest(), 0, 50))
    expect_unavailable(lambda: keys.find_key(admin, codes[0]))
    share.restore()

    # The same call, same process, no restart: a fresh connection, the next number.
    retried = lend(admin, codes[2], 2)
    assert raw_connection() is not connection_before
    assert retried.number == "YS-2026-00003"
    acknowledged.append(retried.number)
    assert keys.find_key(admin, codes[2]).status == "lent"
    assert keys.find_key(admin, codes[3]).status == "in_cabinet"
    assert Key.select().where(Key.label == "天台").count() == 0  # the failed create left nothing
    assert_healthy(acknowledged)


@needs_fuse
@sqlite_only
def test_repeated_faults_between_writes_lose_nothing(share: FaultMount, admin: Actor) -> None:
    """Writes with the drive failing every few saves, as on a bad day: each save either is
    acknowledged (and then present) or raised StorageUnavailable (and then absent)."""
    codes = [keys.create_key(admin, label=f"配电室 {i}").code for i in range(12)]
    acknowledged: list[str] = []
    failures = 0
    pending = list(codes)
    for round_no, fault in enumerate(["flaky", "vanish", "flaky"]):
        for _ in range(3):
            code = pending.pop(0)
            acknowledged.append(lend(admin, code, len(acknowledged)).number)
        share.set_mode(fault)
        expect_unavailable(lambda c=pending[0]: lend(admin, c, 59))
        failures += 1
        share.restore()
        assert keys.find_key(admin, pending[0]).status == "in_cabinet", round_no
    assert failures == 3
    assert len(acknowledged) == 9
    assert_healthy(acknowledged)
    assert DocumentSequence.select().count() == 1


@needs_fuse
@sqlite_only
def test_interrupted_commit_leaves_a_hot_journal_that_the_next_connection_rolls_back(
    share: FaultMount, admin: Actor
) -> None:
    """The drive fails half-way through a transaction (while SQLite writes the pages): the
    journal left behind is rolled back when the drive returns; the earlier loan stays."""
    codes = [keys.create_key(admin, label=f"水泵房 {i}").code for i in range(2)]
    first = lend(admin, codes[0], 0).number

    from app.kit import trail

    real_event = trail.add  # fail after the loan row was written (its trail row comes next)

    def event_then_drop(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        real_event(*args, **kwargs)
        share.set_mode("flaky")
        Key.update(notes="x" * 3000).execute()  # enough pages to spill and hit the fault

    trail.add = event_then_drop
    try:
        expect_unavailable(lambda: lend(admin, codes[1], 1))
    finally:
        trail.add = real_event
        share.restore()
    assert keys.find_key(admin, codes[1]).status == "in_cabinet"
    assert Key.select().where(Key.notes != "").count() == 0
    assert_healthy([first])


@needs_fuse
@sqlite_only
def test_opening_on_a_vanished_share_says_so(share: FaultMount, db_path: Path) -> None:
    info = open_database(str(db_path))
    assert info.schema_version > 0
    from app.db import close_database

    close_database()
    share.vanish()
    for create in (False, True):
        started = time.monotonic()
        with pytest.raises(StorageUnavailable) as raised:
            open_database(str(db_path), create=create)
        assert time.monotonic() - started < FAULT_BUDGET_S
        message = str(raised.value)
        assert f"the folder {db_path.parent} cannot be reached" in message, message
        assert "network drive" in message
    share.restore()
    assert open_database(str(db_path), create=False).schema_version == info.schema_version
    close_database()


@needs_fuse
@sqlite_only
def test_probe_follows_the_drive(share: FaultMount, admin: Actor) -> None:
    """What the storage banner asks every few seconds (from a worker thread in the UI)."""
    assert maintenance.probe() is True
    for fault in ("flaky", "vanish"):
        share.set_mode(fault)
        started = time.monotonic()
        assert maintenance.probe() is False
        assert time.monotonic() - started < FAULT_BUDGET_S
        share.restore()
        assert maintenance.probe() is True


# -- run_with_retry's rules, without a drive (run everywhere) ---------------------------------


class Flaky:
    """fn for run_with_retry: raises `errors` in turn, then returns "done"."""

    def __init__(self, *errors: BaseException) -> None:
        self.errors = list(errors)
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "done"


def test_busy_is_retried_then_gives_up() -> None:
    locked = peewee.OperationalError("database is locked")
    fn = Flaky(locked, locked)
    assert run_with_retry(fn, retries=3) == "done" and fn.calls == 3
    fn = Flaky(*[locked] * 10)
    with pytest.raises(StorageUnavailable, match="busy") as busy:
        run_with_retry(fn, retries=2)
    assert fn.calls == 3
    assert busy.value.busy  # the database is there: not a lost drive


@pytest.mark.parametrize(
    "error",
    [
        peewee.OperationalError("disk I/O error"),
        peewee.OperationalError("unable to open database file"),
        peewee.OperationalError("attempt to write a readonly database"),
        peewee.DatabaseError("database disk image is malformed"),
        peewee.OperationalError("[Errno 107] Transport endpoint is not connected"),
        OSError(107, "Transport endpoint is not connected"),
    ],
    ids=["ioerr", "cantopen", "readonly", "malformed", "enotconn", "oserror"],
)
def test_storage_errors_get_one_quick_retry_then_storage_unavailable(error: Exception) -> None:
    fn = Flaky(*[error] * 10)
    started = time.monotonic()
    with pytest.raises(StorageUnavailable, match="cannot be reached"):
        run_with_retry(fn)
    assert fn.calls == 1 + STORAGE_RETRIES  # not retried blindly
    assert time.monotonic() - started < 2.0
    # a hiccup shorter than the pause: the retry on a fresh connection saves it
    assert run_with_retry(Flaky(error)) == "done"


def test_the_io_error_behind_a_failed_rollback_counts() -> None:
    """SQLite rolls back by itself after an I/O error in COMMIT; peewee's own ROLLBACK then
    fails with "no transaction is active" and the I/O error is only its __context__."""
    try:
        try:
            raise peewee.OperationalError("disk I/O error")
        except peewee.OperationalError:
            raise peewee.OperationalError("cannot rollback - no transaction is active")  # noqa: B904
    except peewee.OperationalError as chained:
        error = chained
    with pytest.raises(StorageUnavailable):
        run_with_retry(Flaky(*[error] * 5))


def test_other_database_errors_are_bugs_and_go_up_unchanged() -> None:
    error = peewee.OperationalError("no such table: nothing")
    fn = Flaky(error)
    with pytest.raises(peewee.OperationalError, match="no such table"):
        run_with_retry(fn)
    assert fn.calls == 1


def test_inside_an_outer_transaction_nothing_is_retried_or_dropped(db) -> None:  # noqa: ANN001
    fn = Flaky(*[peewee.OperationalError("disk I/O error")] * 5)
    with pytest.raises(StorageUnavailable), db_proxy.atomic():
        connection = db_proxy.connection()
        try:
            run_with_retry(fn)
        finally:
            assert fn.calls == 1
            assert db_proxy.connection() is connection  # the outer transaction still owns it
