"""Desk PCs in separate processes, for tests/app/test_concurrency.py and
tests/bench/bench_concurrency.py (not collected by pytest: no `test_` prefix).

    python tests/app/workers.py desk    '{"url": …, "index": 0, "seconds": 3, "out": …, …}'
    python tests/app/workers.py edit    '{"url": …, "what": "key", "id": 1, "username": "bob", …}'
    python tests/app/workers.py migrate '{"url": …, "sleep": 3, "ran": …, "started": …, "out": …}'
    python tests/app/workers.py archive_lend '{"url": …, "index": 0, "file_id": 1, "borrower": 3,
                                              "start_at": …}'
    python tests/app/workers.py mail_pickup  '{"url": …, "index": 0, "item_id": 1, "inputs": {…},
                                              "start_at": …}'

Each process opens the database itself (`open_database`, as a desk does) and goes through the
real services. `desk` appends one JSON line per ACKNOWLEDGED write (the service returned) to its
own result file, flushed at once, and a last `{"summary": …}` line with its counts.
"""

from __future__ import annotations

import json
import logging
import os
import random
import sqlite3
import subprocess
import sys
import time
import traceback
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import peewee  # noqa: E402

from app.db import close_database  # noqa: E402
from app.db_open import open_database  # noqa: E402
from app.errors import ConflictError, StorageUnavailable, ValidationError  # noqa: E402
from app.services.context import Actor  # noqa: E402

WORKER = Path(__file__).resolve()


def desk_actor(index: int) -> Actor:
    """Desk N's clerk (an administrator: lends, returns and receives keys)."""
    return Actor(None, f"desk{index}", "admin", f"前台{index}", workstation=f"DESK-PC-{index}")


class _RetryCounter(logging.Handler):
    """Counts run_with_retry's "database busy, retry" log records."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).startswith("database busy"):
            self.count += 1


def _is_raw_driver_error(exc: BaseException) -> bool:
    return isinstance(exc, peewee.OperationalError | peewee.InterfaceError | sqlite3.Error)


def run_desk(args: dict[str, Any]) -> dict[str, Any]:
    from app.services import keys

    index = int(args["index"])
    actor = desk_actor(index)
    rng = random.Random(args.get("seed", index))
    in_cabinet: list[str] = list(args["own"])
    lent: list[str] = []
    shared: list[str] = list(args.get("shared", []))
    shared_lent: list[str] = []
    think = float(args.get("think_ms", 0)) / 1000
    counts = {
        "acknowledged": 0,
        "lend": 0,
        "return": 0,
        "handover": 0,
        "busy": 0,  # StorageUnavailable: the desk would show "busy, please retry"
        "refused": 0,  # ValidationError/ConflictError on a shared key someone else has
        "raw_locked": 0,  # a raw driver error reached the caller: never allowed
        "errors": 0,
        "retries": 0,
    }
    problems: list[str] = []
    waits_ms: list[float] = []
    counter = _RetryCounter()
    logging.getLogger("app.db").addHandler(counter)
    logging.getLogger("app.db").setLevel(logging.INFO)

    out = open(args["out"], "a", encoding="utf-8")  # noqa: SIM115 - closed below

    def ack(op: str, **data: Any) -> None:
        counts["acknowledged"] += 1
        counts[op] += 1
        out.write(json.dumps({"op": op, **data}, ensure_ascii=False) + "\n")
        out.flush()

    start_at = float(args.get("start_at", 0))
    opened = time.perf_counter()
    open_database(args["url"], create=False)
    open_ms = (time.perf_counter() - opened) * 1000
    if start_at:
        time.sleep(max(0.0, start_at - time.time()))
    deadline = time.monotonic() + float(args["seconds"])
    while time.monotonic() < deadline:
        roll = rng.random()
        t = time.perf_counter()
        try:
            if lent and roll < 0.4:
                code = rng.choice(lent)
                view = keys.return_key(actor, code)
                lent.remove(code)
                in_cabinet.append(code)
                ack("return", number=view.number, code=code)
            elif shared_lent and roll < 0.5:
                code = shared_lent[-1]
                view = keys.return_key(actor, code)
                shared_lent.pop()
                ack("return", number=view.number, code=code)
            elif shared and roll < 0.6:
                code = rng.choice(shared)
                view = keys.lend_key(
                    actor,
                    code,
                    borrower_kind="external",
                    borrower_name=f"维修工{index}",
                    document_ref=f"工单{index}",
                    approved_by="主任",
                )
                shared_lent.append(code)
                ack("lend", number=view.number, code=code)
            elif in_cabinet and roll < 0.75:
                code = rng.choice(in_cabinet)
                view = keys.receive_keys(actor, from_name=f"业主{index}", lines=[(code, 1)])
                ack("handover", number=view.number, code=code)
            elif in_cabinet:
                code = rng.choice(in_cabinet)
                view = keys.lend_key(
                    actor,
                    code,
                    borrower_kind="external",
                    borrower_name=f"访客{index}",
                    document_ref=f"证件{index}",
                    approved_by="主任",
                )
                in_cabinet.remove(code)
                lent.append(code)
                ack("lend", number=view.number, code=code)
            else:
                continue
            waits_ms.append((time.perf_counter() - t) * 1000)
        except StorageUnavailable as exc:
            counts["busy"] += 1
            if "busy" not in str(exc):
                problems.append(f"StorageUnavailable: {exc}")
        except (ValidationError, ConflictError):
            counts["refused"] += 1
        except Exception as exc:  # noqa: BLE001 - counted and reported, the run goes on
            if _is_raw_driver_error(exc):
                counts["raw_locked" if "locked" in str(exc) else "errors"] += 1
            else:
                counts["errors"] += 1
            problems.append(f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}")
        if think:
            time.sleep(think * rng.random() * 2)
    counts["retries"] = counter.count
    summary = {
        "index": index,
        "pid": os.getpid(),
        "counts": counts,
        "waits_ms": waits_ms,
        "open_ms": open_ms,
        "problems": problems[:20],
    }
    out.write(json.dumps({"summary": summary}, ensure_ascii=False) + "\n")
    out.close()
    close_database()
    return summary


def run_edit(args: dict[str, Any]) -> dict[str, Any]:
    """Desk B saves a record as `username` (on the version it reads itself)."""
    from app.services import keys, reference

    actor = Actor(None, args["username"], "admin", args["username"], workstation="DESK-B")
    open_database(args["url"], create=False)
    try:
        what, record_id, changes = args["what"], int(args["id"]), args["changes"]
        if what == "key":
            view: Any = keys.update_key(
                actor, record_id, keys.get_key(actor, record_id).version, **changes
            )
        elif what == "unit":
            current = reference.get_unit(actor, record_id)
            view = reference.update_unit(actor, record_id, current.version, **changes)
        elif what == "party":
            current = reference.get_party(actor, record_id)
            view = reference.update_party(actor, record_id, current.version, **changes)
        else:
            raise ValueError(what)
        return {"version": view.version}
    finally:
        close_database()


def run_migrate(args: dict[str, Any]) -> dict[str, Any]:
    """Open the database with a build that has one more (slow) migration step than it.

    The step appends this process's pid to `ran` (so the test sees how often it ran), touches
    `started` and sleeps `sleep` seconds while holding the migration lock."""
    from app import migrations

    def slow_step(db: peewee.Database) -> None:
        with open(args["ran"], "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")
        Path(args["started"]).touch()
        time.sleep(float(args["sleep"]))
        db.execute_sql("CREATE TABLE slow_upgrade_probe (id INTEGER PRIMARY KEY)")

    version = migrations.SCHEMA_VERSION + 1
    migrations.MIGRATIONS = [*migrations.MIGRATIONS, (version, "slow probe", slow_step)]
    migrations.SCHEMA_VERSION = version
    waits: list[str] = []
    t = time.perf_counter()
    info = open_database(args["url"], create=False, on_wait=waits.append)
    seconds = time.perf_counter() - t
    close_database()
    return {
        "pid": os.getpid(),
        "schema_version": info.schema_version,
        "expected_version": version,
        "waits": waits,
        "seconds": seconds,
    }


def run_archive_lend(args: dict[str, Any]) -> dict[str, Any]:
    """Desk N's archive clerk lends file `file_id` to staff `borrower` at `start_at` (a wall-clock
    time every desk waits for), on the version it read before: the same moment as the other desk.
    Returns the loan number, or the refusal's kind and message."""
    from app.errors import WrongState
    from app.kit import services as kit

    index = int(args["index"])
    actor = desk_actor(index)
    open_database(args["url"], create=False)
    try:
        mine = kit.record(actor, "archives", int(args["file_id"]))  # the clerk's screen
        time.sleep(max(0.0, float(args["start_at"]) - time.time()))
        try:
            kit.transition(
                actor,
                "archives",
                "lend",
                mine["id"],
                mine["version"],
                {"borrower_staff": int(args["borrower"]), "kind": "borrow", "purpose": "核对资料"},
            )
        except (WrongState, ConflictError, ValidationError) as exc:
            return {"ok": False, "error": type(exc).__name__, "message": str(exc)}
        from app.models import ArchiveLoan

        loan = (
            ArchiveLoan.select()
            .where(ArchiveLoan.file == mine["id"])
            .order_by(ArchiveLoan.id.desc())
            .get()
        )
        return {"ok": True, "number": loan.number, "borrower": loan.borrower_name}
    finally:
        close_database()


def run_mail_pickup(args: dict[str, Any]) -> dict[str, Any]:
    """Desk N hands item `item_id` to its recipient (`inputs`: the identity check) at
    `start_at`, on the version its screen read before: the same moment as the other desk.
    Returns the pickup number, or the refusal's kind and message."""
    from app.errors import WrongState
    from app.registers.mail import services as mail

    actor = desk_actor(int(args["index"]))
    open_database(args["url"], create=False)
    try:
        from app.kit import services as kit

        mine = kit.record(actor, "mail", int(args["item_id"]))  # the clerk's screen
        time.sleep(max(0.0, float(args["start_at"]) - time.time()))
        try:
            result = mail.pick_up(
                actor, [mine["id"]], args["inputs"], versions={mine["id"]: mine["version"]}
            )
        except (WrongState, ConflictError, ValidationError) as exc:
            return {"ok": False, "error": type(exc).__name__, "message": str(exc)}
        return {
            "ok": True,
            "number": result.number,
            "recipient": args["inputs"]["recipient_name"],
        }
    finally:
        close_database()


# --- the parent's side: start desks and collect what they acknowledged ---------------------

OWN_KEYS = 5  # keys only this desk lends and receives
SHARED_KEYS = 3  # keys every desk tries to lend (refused while someone else has it)
PROCESS_TIMEOUT_S = 300


def spawn(command: str, args: dict[str, Any]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), command, json.dumps(args, ensure_ascii=False)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(proc: subprocess.Popen[str]) -> dict[str, Any]:
    out, err = proc.communicate(timeout=PROCESS_TIMEOUT_S)
    assert proc.returncode == 0, f"worker failed ({proc.returncode}):\n{err}"
    return json.loads(out.strip().splitlines()[-1])


def run_desks(
    url: str, tmp_path: Path, workers: int, seconds: float, think_ms: float = 0
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Create the keys, start `workers` desk processes on `url` together (each runs `seconds`)
    and return (acknowledged writes of all desks, their summaries)."""
    from app.services import keys

    actor = Actor(None, "setup", "admin", "setup")
    open_database(url)
    own = [
        [
            keys.create_key(actor, code=f"W{i}K{k}", label=f"{i}号台钥匙{k}").code
            for k in range(OWN_KEYS)
        ]
        for i in range(workers)
    ]
    shared = [
        keys.create_key(actor, code=f"S{k}", label=f"公共钥匙{k}").code for k in range(SHARED_KEYS)
    ]
    close_database()

    start_at = time.time() + 1.5 + 0.15 * workers  # every process has opened the database by then
    procs = []
    for i in range(workers):
        args = {
            "url": url,
            "index": i,
            "seconds": seconds,
            "out": str(tmp_path / f"desk{i}.jsonl"),
            "own": own[i],
            "shared": shared,
            "start_at": start_at,
            "think_ms": think_ms,
        }
        procs.append(spawn("desk", args))
    summaries = [finish(p) for p in procs]
    acks: list[dict[str, Any]] = []
    for i in range(workers):
        for line in (tmp_path / f"desk{i}.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if "op" in record:
                acks.append(record)
    return acks, summaries


COMMANDS = {
    "desk": run_desk,
    "edit": run_edit,
    "migrate": run_migrate,
    "archive_lend": run_archive_lend,
    "mail_pickup": run_mail_pickup,
}


def main(argv: list[str]) -> int:
    command, args = argv[0], json.loads(argv[1])
    result = COMMANDS[command](args)
    result_file = args.get("result")
    text = json.dumps(result, ensure_ascii=False, default=str)
    if result_file:
        Path(result_file).write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    if os.environ.get("PROPDESK_WORKER_DEBUG"):
        print(datetime.now(), sys.argv, file=sys.stderr)
    raise SystemExit(main(sys.argv[1:]))
