"""Work that can wait on the network drive runs here, never on the GUI thread.

`run_in_background(fn, on_done, on_failed)` runs `fn()` on a QThreadPool thread and delivers its
result (or exception) to the callbacks on the GUI thread. The worker thread's own database
connection (peewee keeps one per thread) is closed when the job ends, so pooled threads never keep
a stale handle on the share or a PostgreSQL session open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.db import close_database

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]

_pending: set[_Relay] = set()  # relays live until their job reports back


class _Relay(QObject):
    """Created on the GUI thread: signals emitted from the worker arrive there (queued)."""

    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 - handed to on_failed on the GUI thread
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)
        finally:
            close_database()  # this thread's connection only


def run_in_background(
    fn: Callable[[], Any],
    on_done: Done | None = None,
    on_failed: Failed | None = None,
    pool: QThreadPool | None = None,
) -> None:
    relay = _Relay()
    _pending.add(relay)

    def finish(callback: Callable[[Any], None] | None, value: Any) -> None:
        _pending.discard(relay)
        relay.deleteLater()
        if callback is not None:
            callback(value)

    relay.done.connect(lambda result: finish(on_done, result))
    relay.failed.connect(lambda exc: finish(on_failed or _log_failure, exc))
    (pool or QThreadPool.globalInstance()).start(_Task(fn, relay))


def _log_failure(exc: BaseException) -> None:
    log.warning("background job failed: %s", exc)
