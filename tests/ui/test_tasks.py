"""Background jobs: off the GUI thread, answers on it, each worker's connection closed."""

from __future__ import annotations

import threading

from app.services.context import SYSTEM
from ui.tasks import run_in_background


def test_result_comes_back_on_the_gui_thread(qtbot, db) -> None:  # noqa: ANN001
    from app.db import db_proxy
    from app.services import keys

    seen: dict[str, object] = {}

    def job() -> int:
        seen["thread"] = threading.current_thread()
        keys.create_key(SYSTEM, label="配电室")
        seen["open_in_worker"] = not db_proxy.is_closed()
        return 42

    def done(value: object) -> None:
        seen["value"] = value
        seen["done_thread"] = threading.current_thread()

    run_in_background(job, done)
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["value"] == 42
    assert seen["thread"] is not threading.main_thread()
    assert seen["done_thread"] is threading.main_thread()
    assert seen["open_in_worker"] is True


def test_failure_goes_to_on_failed(qtbot) -> None:  # noqa: ANN001
    failures: list[BaseException] = []

    def job() -> None:
        raise ValueError("share gone")

    run_in_background(
        job, on_done=lambda _v: failures.append(AssertionError("done")), on_failed=failures.append
    )
    qtbot.waitUntil(lambda: bool(failures))
    assert isinstance(failures[0], ValueError)


def test_daily_backup_at_start_runs_in_the_background(qtbot, db, db_path) -> None:  # noqa: ANN001
    from ui.startup import daily_backup

    daily_backup()
    folder = db_path.parent / "propdesk-backups"
    qtbot.waitUntil(lambda: any(folder.glob("*-daily.sqlite3")), timeout=10_000)
