"""The storage banner: shown when a save meets StorageUnavailable, typed text kept, hidden again
when a probe (off the GUI thread) finds the database back."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings

from app import maintenance
from app.errors import StorageUnavailable
from app.kit import services as kit
from app.registers.keys import KEYS
from app.services import keys
from ui import errors as ui_errors
from ui.context import UiContext
from ui.dialogs.key_lend import KeyLendDialog
from ui.main_window import MainWindow
from ui.widgets.status_bar import STATE_OK, STATE_UNAVAILABLE


class FakeDrive:
    """Stands in for app.maintenance.probe: answers as the drive is, remembers its threads."""

    def __init__(self) -> None:
        self.up = False
        self.threads: list[threading.Thread] = []

    def probe(self) -> bool:
        self.threads.append(threading.current_thread())
        return self.up


@pytest.fixture
def no_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(ui_errors, "_exec_box", lambda box: shown.append(box.text()) or 0)
    return shown


@pytest.fixture
def window(qtbot, ui_ctx: UiContext, ui_settings: QSettings) -> Iterator[MainWindow]:  # noqa: ANN001
    win = MainWindow(ui_ctx, ui_settings)
    qtbot.addWidget(win)
    win.show()
    yield win
    ui_errors.set_storage_listener(None)


def test_failed_save_shows_banner_keeps_text_and_probe_hides_it(
    qtbot,  # noqa: ANN001
    window: MainWindow,
    ui_ctx: UiContext,
    no_boxes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    banner = window.storage_banner
    drive = FakeDrive()
    banner._probe = drive.probe  # noqa: SLF001
    banner.timer.setInterval(50)
    assert not banner.isVisible()

    key = keys.create_key(ui_ctx.actor, label="配电室", area="B1")
    record = kit.record(ui_ctx.actor, "keys", key.id)
    dialog = KeyLendDialog(ui_ctx, KEYS, KEYS.transition("lend"), record, window)
    qtbot.addWidget(dialog)
    dialog.show()
    real_lend = kit.transition

    def drive_down(*_a: object, **_k: object) -> None:
        raise StorageUnavailable("the database cannot be reached: disk I/O error")

    monkeypatch.setattr(kit, "transition", drive_down)
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("external"))
    dialog.form.field("borrower_name").setText("周师傅")
    dialog.form.field("document_ref").setText("维保工单 2031")
    dialog.form.field("approved_by").setText("钱海")
    dialog.form.field("purpose").setPlainText("消防巡检")

    dialog.save()  # off the GUI thread
    qtbot.waitUntil(lambda: banner.isVisible())
    assert not dialog.saving
    assert "database" in banner.text_label.text().lower()
    assert banner.retry_button.isVisible()
    assert window.status.state == STATE_UNAVAILABLE
    assert no_boxes  # the clerk was told at the moment of saving, too
    assert dialog.isVisible()  # the dialog stays open with everything typed
    assert dialog.form.field("borrower_name").text() == "周师傅"
    assert dialog.form.field("document_ref").text() == "维保工单 2031"
    assert dialog.form.field("purpose").toPlainText() == "消防巡检"

    # still down: the timer's probes fail, the banner stays
    qtbot.waitUntil(lambda: len(drive.threads) >= 2, timeout=3000)
    qtbot.waitUntil(lambda: not banner.probing, timeout=3000)
    assert banner.isVisible()
    assert banner.state_label.text()

    # the drive is back: the next probe hides the banner and the status bar recovers
    drive.up = True
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=3000)
    assert window.status.state == STATE_OK
    assert not banner.timer.isActive()
    assert all(t is not threading.main_thread() for t in drive.threads)  # off the GUI thread

    # the clerk presses Enter again: the kept text is saved
    monkeypatch.setattr(kit, "transition", real_lend)
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    loan = keys.open_loan_for_key(ui_ctx.actor, key.code)
    assert loan is not None and loan.borrower_name == "周师傅" and loan.purpose == "消防巡检"


def test_retry_button_probes_at_once(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    banner = window.storage_banner
    drive = FakeDrive()
    banner._probe = drive.probe  # noqa: SLF001
    banner.timer.setInterval(60_000)  # only the button
    window.ctx.bus.storage_state.emit(False)
    assert banner.isVisible()
    drive.up = True
    banner.retry_button.click()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=3000)
    assert drive.threads and drive.threads[0] is not threading.main_thread()


def test_real_probe_answers_on_the_test_database(ui_ctx: UiContext) -> None:
    assert maintenance.probe() is True
    assert maintenance.probe() is True  # closes its connection, opens it again


def test_banner_is_not_restored_from_a_saved_layout(
    qtbot,  # noqa: ANN001
    ui_ctx: UiContext,
    ui_settings: QSettings,
) -> None:
    first = MainWindow(ui_ctx, ui_settings)
    qtbot.addWidget(first)
    first.show()
    first.storage_banner.timer.setInterval(60_000)
    ui_ctx.bus.storage_state.emit(False)
    assert first.storage_banner.isVisible()
    first.save_layout()

    second = MainWindow(UiContext(ui_ctx.actor, ui_ctx.database), ui_settings)
    qtbot.addWidget(second)
    second.show()
    assert not second.storage_banner.isVisible()
    ui_errors.set_storage_listener(None)


def test_a_busy_database_is_no_lost_drive(qtbot, window: MainWindow, no_boxes) -> None:  # noqa: ANN001
    ui_errors.show_error(
        window, StorageUnavailable("the database is busy; please retry", busy=True)
    )
    assert not window.storage_banner.isVisible()
    assert no_boxes  # the clerk is still told to retry
    ui_errors.show_error(
        window, StorageUnavailable("the database cannot be reached: disk I/O error")
    )
    assert window.storage_banner.isVisible()
