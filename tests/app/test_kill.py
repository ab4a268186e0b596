"""A PC dies mid-save (power cut, Task Manager): SIGKILL worker processes in the middle of writes.

Two worker processes (this file run as a script) lend and take back their own key through the
real services on one SQLite file, each logging every acknowledged save (the service returned) to
its own file with fsync after each line. They are killed with SIGKILL several times; afterwards
the next open works (SQLite rolls a hot journal back), integrity_check is ok, every acknowledged
save is in the database, loan numbers are gapless and at most one save per worker and kill was
committed without being acknowledged (the kill fell between commit and the log line).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

MONDAY_9 = datetime(2026, 3, 2, 9, 0)
WORKERS = 2
KILLS = 4
ACKS_BEFORE_KILL = 3  # each worker is well into its loop when it is killed
ROUND_TIMEOUT_S = 20.0


# -- the worker (a separate process) ----------------------------------------------------------


def worker_main(db: str, code: str, ack_path: str) -> int:
    from app.db_open import open_database
    from app.errors import StorageUnavailable, ValidationError
    from app.services import accounts, keys

    open_database(db, create=False)
    actor = accounts.actor_for("admin")
    ack = os.open(ack_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def acknowledge(line: str) -> None:
        os.write(ack, (line + "\n").encode())
        os.fsync(ack)

    while True:
        try:
            if keys.find_key(actor, code).status == "lent":
                acknowledge(f"R {keys.return_key(actor, code, now=MONDAY_9).number}")
            loan = keys.lend_key(
                actor,
                code,
                borrower_kind="external",
                borrower_name="周师傅",
                document_ref="维保工单 2031",
                approved_by="项目总经理 钱海",
                purpose="消防巡检",
                now=MONDAY_9,
            )
            acknowledge(f"L {loan.number}")
        except (StorageUnavailable, ValidationError):  # the other PC held the lock too long …
            time.sleep(0.01)


# -- the test ---------------------------------------------------------------------------------


def read_acks(path: Path) -> list[tuple[str, str]]:
    if not path.exists():
        return []
    return [tuple(line.split()) for line in path.read_text().splitlines() if line.strip()]  # type: ignore[misc]


def kill_rounds(db: Path, codes: list[str], ack_dir: Path) -> dict[str, int]:
    """Start the workers, kill them mid-writes KILLS times; return what was seen."""
    stats = {"hot_journals": 0, "acks": 0}
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    rng = random.Random(20260302)
    for _ in range(KILLS):
        before = [len(read_acks(ack_dir / f"w{i}.log")) for i in range(WORKERS)]
        procs = [
            subprocess.Popen(
                [sys.executable, __file__, str(db), codes[i], str(ack_dir / f"w{i}.log")],
                env=env,
                stderr=subprocess.PIPE,
            )
            for i in range(WORKERS)
        ]
        try:
            deadline = time.monotonic() + ROUND_TIMEOUT_S
            while any(
                len(read_acks(ack_dir / f"w{i}.log")) < before[i] + ACKS_BEFORE_KILL
                for i in range(WORKERS)
            ):
                for p in procs:
                    if p.poll() is not None:
                        raise AssertionError(f"worker died by itself: {p.stderr.read().decode()}")
                assert time.monotonic() < deadline, "workers made no progress"
                time.sleep(0.01)
            time.sleep(rng.uniform(0, 0.05))  # anywhere inside a transaction
        finally:
            for p in procs:
                if p.poll() is None:
                    os.kill(p.pid, signal.SIGKILL)
            for p in procs:
                p.wait(timeout=10)
                if p.stderr is not None:
                    p.stderr.close()
        if Path(f"{db}-journal").exists():
            stats["hot_journals"] += 1
    stats["acks"] = sum(len(read_acks(ack_dir / f"w{i}.log")) for i in range(WORKERS))
    return stats


def check_after_kills(db: Path, ack_dir: Path) -> dict[str, int]:
    from app import maintenance
    from app.db import close_database
    from app.db_open import open_database
    from app.models import KeyLoan

    open_database(str(db), create=False)  # rolls a hot journal back
    try:
        report = maintenance.check_database()
        assert report.ok, report.lines
        loans = {
            number: returned is not None
            for number, returned in KeyLoan.select(KeyLoan.number, KeyLoan.returned_at).tuples()
        }
        numbers = sorted(loans)
        assert numbers == [f"YS-2026-{i:05d}" for i in range(1, len(numbers) + 1)]  # gapless
        acked_lends = 0
        acked_returns = 0
        for i in range(WORKERS):
            for kind, number in read_acks(ack_dir / f"w{i}.log"):
                assert number in loans, f"acknowledged {kind} {number} is missing"
                if kind == "R":
                    assert loans[number], f"acknowledged return of {number} is missing"
                    acked_returns += 1
                else:
                    acked_lends += 1
        committed_returns = sum(loans.values())
        # A kill between COMMIT and the log line: committed, never acknowledged (at most one
        # save per worker and kill).
        assert len(numbers) - acked_lends <= WORKERS * KILLS
        assert committed_returns - acked_returns <= WORKERS * KILLS
        return {
            "loans": len(numbers),
            "acked_lends": acked_lends,
            "returns": committed_returns,
            "acked_returns": acked_returns,
        }
    finally:
        close_database()


def prepare(db: Path) -> list[str]:
    from app.db import close_database
    from app.db_open import open_database
    from app.services import accounts, keys
    from app.services.context import SYSTEM
    from tests.conftest import TEST_PASSWORD

    open_database(str(db))
    try:
        user = accounts.create_first_admin(SYSTEM, "admin", TEST_PASSWORD, "管理员")
        actor = accounts.actor_for(user.username)
        return [keys.create_key(actor, label=f"机房 {i}").code for i in range(WORKERS)]
    finally:
        close_database()


@pytest.fixture
def sqlite_only() -> None:
    if os.environ.get("PROPDESK_TEST_DB"):
        pytest.skip("kill tests concern a SQLite file, not PostgreSQL")


@pytest.fixture
def share(tmp_path: Path) -> Iterator[Path]:
    from tests.faultfs import mounted, skip_reason

    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    with mounted(tmp_path) as mount:
        yield mount.path


def run_kill_test(db: Path, ack_dir: Path) -> None:
    ack_dir.mkdir()
    codes = prepare(db)
    stats = kill_rounds(db, codes, ack_dir)
    result = check_after_kills(db, ack_dir)
    print(f"\nkill test on {db}: {stats} → {result}")
    assert result["acked_lends"] >= WORKERS * KILLS  # the workers really wrote
    # and the office goes on: one more save in this process works
    from app.db import close_database
    from app.db_open import open_database
    from app.services import accounts, keys

    open_database(str(db), create=False)
    try:
        actor = accounts.actor_for("admin")
        keys.create_key(actor, label="天台")
    finally:
        close_database()


def test_sigkill_mid_writes_on_local_disk(sqlite_only: None, tmp_path: Path) -> None:
    run_kill_test(tmp_path / "office.sqlite3", tmp_path / "acks")


def test_sigkill_mid_writes_on_the_share(sqlite_only: None, share: Path, tmp_path: Path) -> None:
    run_kill_test(share / "office.sqlite3", tmp_path / "acks")


if __name__ == "__main__":
    sys.exit(worker_main(sys.argv[1], sys.argv[2], sys.argv[3]))
