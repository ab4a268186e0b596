"""The archive clerk's desk in the main window: scan → Enter → lend → scan → Enter → return with
the contents checklist, driven from the scan box and the keyboard (real SQLite)."""

from __future__ import annotations

from desk_window import open_window, scan
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.kit import items
from app.kit import services as kit
from app.services import listing
from ui.context import UiContext
from ui.docks.archives import ArchivesDock
from ui.kit.checklist_dialog import ChecklistDialog
from ui.kit.transition_dialog import TransitionDialog
from ui.main_window import MainWindow

pytest_plugins = ("archive_fixtures",)  # archive_office, no_dialogs

SAVE_TIMEOUT = 10_000


def _pdf_text(data: bytes) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        return "".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def _enter_again(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    qtbot.keyClick(window.scan_box.line_edit, Qt.Key.Key_Return)


def test_archive_docks_for_roles_that_see_files(qtbot, archive_office, db, make_actor, ui_settings):  # noqa: ANN001
    window = open_window(qtbot, archive_office.admin, db, ui_settings)
    for name in ("dock_archives", "dock_archive_loans", "dock_archive_incidents"):
        assert name in window.docks
    assert window.dock_for_register("archives") is window.docks["dock_archives"]
    engineer = make_actor("engineering")
    other = MainWindow(UiContext(engineer, db), ui_settings)
    qtbot.addWidget(other)
    assert "dock_archives" not in other.docks


def test_ticking_a_document_saves_it(qtbot, archive_office, db, ui_settings):  # noqa: ANN001
    record = archive_office.new_file(0, present=0)
    window = open_window(qtbot, archive_office.admin, db, ui_settings)
    scan(qtbot, window, record["code"])
    dock = window.docks["dock_archives"].widget()
    assert isinstance(dock, ArchivesDock)
    panel = dock.items_panel
    assert "0 of" in panel.title.text()
    assert "入伙通知书" in panel.missing.text()
    item = panel.item_named("入伙通知书")
    with qtbot.waitSignal(panel.saved, timeout=SAVE_TIMEOUT):  # saved off the GUI thread
        item.setCheckState(0, Qt.CheckState.Checked)
    assert archive_office.present_names(record["id"]) == ["入伙通知书"]
    qtbot.waitUntil(lambda: "1 of" in panel.title.text())
    assert panel.item_named("入伙通知书").checkState(0) == Qt.CheckState.Checked
    tree = panel.tree
    assert all(tree.topLevelItem(i).isExpanded() for i in range(tree.topLevelItemCount()))
    assert any(r["kind"] == "contents" for r in dock.history_rows)


def test_scan_lend_scan_return_with_the_checklist(
    qtbot,
    archive_office,
    db,
    ui_settings,
    no_dialogs,  # noqa: ANN001
) -> None:
    record = archive_office.new_file(1, present=3)
    present = archive_office.present_names(record["id"])
    window = open_window(qtbot, archive_office.admin, db, ui_settings)

    # scan the file label: its card, Lend at hand; the next scan still lands in the box
    scan(qtbot, window, record["code"])
    dock = window.docks["dock_archives"].widget()
    assert dock.record is not None and dock.record["id"] == record["id"]
    assert dock.at_hand() is dock.transition_buttons["lend"]
    assert dock.active_dialog is None
    assert QApplication.focusWidget() is window.scan_box.line_edit

    # Enter again: the lend form; fill it and Enter saves
    _enter_again(qtbot, window)
    lend = dock.active_dialog
    assert isinstance(lend, TransitionDialog) and lend.transition.name == "lend"
    lend.inputs["borrower_staff"].setText("王工程")  # another department: 5 working days
    lend.inputs["purpose"].setPlainText("装修审核")
    qtbot.keyClick(lend.inputs["approved_by"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dock.active_dialog is None, timeout=SAVE_TIMEOUT)
    assert no_dialogs == []
    assert dock.record["status"] == "lent" and dock.record["holder"] == "王工程"
    loans = listing.page(archive_office.admin, "archive_loans", listing.ListRequest(), 0, 10)
    assert len(loans) == 1 and loans[0]["borrower_name"] == "王工程"
    # the lending slip opened in the preview
    assert dock.last_preview is not None
    assert dock.last_preview.pdf_bytes().startswith(b"%PDF")
    assert loans[0]["number"] in dock.last_preview.windowTitle()
    assert loans[0]["number"] in _pdf_text(dock.last_preview.pdf_bytes())
    dock.last_preview.close()

    # scan it again (back from the borrower): Return at hand, Enter opens the checklist
    scan(qtbot, window, record["code"])
    assert dock.at_hand() is dock.transition_buttons["return"]
    _enter_again(qtbot, window)
    ret = dock.active_dialog
    assert isinstance(ret, ChecklistDialog)
    table = ret.checklist
    assert table.rowCount() == len(present) == 3
    assert [table.item(r, 2).text() for r in range(3)] == present
    # item by item: 1 = as lent, 2 = missing, 3 = damaged (each moves on to the next)
    table.setFocus()
    table.setCurrentCell(0, 2)
    qtbot.keyClick(table, Qt.Key.Key_1)
    qtbot.keyClick(table, Qt.Key.Key_2)
    assert table.currentRow() == 2
    qtbot.keyClick(table, Qt.Key.Key_Space)  # unmarked → as lent
    qtbot.keyClick(table, Qt.Key.Key_Space)  # → missing
    qtbot.keyClick(table, Qt.Key.Key_Space)  # → damaged
    assert table.unchecked() == 0
    assert "0 to check" in ret.counts.text()
    results = table.results()
    doc_ids = [table.item(r, 2).data(Qt.ItemDataRole.UserRole) for r in range(3)]
    assert results == {"ok": [doc_ids[0]], "missing": [doc_ids[1]], "damaged": [doc_ids[2]]}

    # both must confirm; then the service wants a note for what is missing or damaged
    assert ret.save() is False
    assert ret.form.errors.message("confirm")
    for box in ret.confirm_boxes:
        box.setChecked(True)
    assert ret.save() is True
    qtbot.waitUntil(lambda: not ret.saving, timeout=SAVE_TIMEOUT)
    assert ret.isVisible()
    assert ret.form.errors.message("note")
    assert table.results() == results  # the marks are kept
    assert kit.record(archive_office.admin, "archives", record["id"])["status"] == "lent"

    note = ret.inputs["note"]
    note.setPlainText("第二份遗失，第三份有水渍")
    qtbot.keyClick(note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dock.active_dialog is None, timeout=SAVE_TIMEOUT)
    assert no_dialogs == []
    assert dock.record["status"] == "on_shelf" and dock.record["holder"] == ""
    # the missing document is no longer in the file; two incidents were opened
    assert archive_office.present_names(record["id"]) == [present[0], present[2]]
    incidents = listing.page(
        archive_office.admin, "archive_incidents", listing.ListRequest(), 0, 10
    )
    assert sorted(i["kind"] for i in incidents) == ["damaged", "missing"]
    # the return receipt opened in the preview
    assert dock.last_preview is not None and dock.last_preview.pdf_bytes().startswith(b"%PDF")
    receipt = _pdf_text(dock.last_preview.pdf_bytes())
    assert loans[0]["number"] in receipt and present[0] in receipt
    dock.last_preview.close()
    assert dock.at_hand() is dock.transition_buttons["lend"]


def test_all_as_lent_in_one_key(qtbot, archive_office, db, no_dialogs):  # noqa: ANN001
    record = archive_office.new_file(2, present=4)
    kit.transition(
        archive_office.admin,
        "archives",
        "lend",
        record["id"],
        None,
        {"borrower_staff": archive_office.clerk_id, "kind": "read", "purpose": "查阅"},
    )
    dock = ArchivesDock(UiContext(archive_office.admin, db))
    qtbot.addWidget(dock)
    dock.show()
    dock.show_record("archives", record["id"])
    ret = dock.start_transition("return")
    assert isinstance(ret, ChecklistDialog)
    assert ret.checklist.unchecked() == 4
    qtbot.keyClick(ret.checklist, Qt.Key.Key_A)
    assert ret.checklist.unchecked() == 0
    assert len(ret.checklist.results()["ok"]) == 4
    for box in ret.confirm_boxes:
        box.setChecked(True)
    qtbot.keyClick(ret.checklist, Qt.Key.Key_Return)  # Enter in the list saves too
    qtbot.waitUntil(lambda: dock.active_dialog is None, timeout=SAVE_TIMEOUT)
    assert dock.record["status"] == "on_shelf"
    assert listing.count(archive_office.admin, "archive_incidents") == 0
    contents = items.item_list(archive_office.admin, "archives", record["id"])
    assert contents.present == 4


def test_a_scanned_loan_number_scanned_again_takes_the_file_back(
    qtbot,
    archive_office,
    db,
    ui_settings,
    no_dialogs,  # noqa: ANN001
) -> None:
    record = archive_office.new_file(0, present=2)
    kit.transition(
        archive_office.admin,
        "archives",
        "lend",
        record["id"],
        None,
        {"borrower_staff": archive_office.clerk_id, "kind": "borrow", "purpose": "复核"},
    )
    loan = listing.page(archive_office.admin, "archive_loans", listing.ListRequest(), 0, 1)[0]
    window = open_window(qtbot, archive_office.admin, db, ui_settings)
    scan(qtbot, window, loan["number"])
    loans_dock = window.docks["dock_archive_loans"].widget()
    assert loans_dock.record is not None and loans_dock.record["id"] == loan["id"]
    _enter_again(qtbot, window)
    files = window.docks["dock_archives"].widget()
    assert isinstance(files.active_dialog, ChecklistDialog)
    assert files.record["id"] == record["id"]
    files.active_dialog.reject()


def test_a_tick_waits_for_the_share_and_a_failed_one_is_put_back(
    qtbot, archive_office, db, monkeypatch, no_dialogs
) -> None:  # noqa: ANN001
    import threading

    from app.errors import StorageUnavailable

    record = archive_office.new_file(0, present=0)
    dock = ArchivesDock(UiContext(archive_office.admin, db))
    qtbot.addWidget(dock)
    dock.show()
    dock.show_record("archives", record["id"])
    panel = dock.items_panel
    share_answers = threading.Event()

    def hanging_share(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        assert share_answers.wait(SAVE_TIMEOUT / 1000)
        raise StorageUnavailable("the share went away")

    monkeypatch.setattr(items, "set_present", hanging_share)
    item = panel.item_named("入伙通知书")
    with qtbot.waitSignal(panel.failed, timeout=SAVE_TIMEOUT):
        item.setCheckState(0, Qt.CheckState.Checked)
        # the GUI goes on while the share hangs; the tick cannot be sent twice
        item = panel.item_named("入伙通知书")
        assert not item.flags() & Qt.ItemFlag.ItemIsEnabled
        assert panel.saving
        share_answers.set()
    assert len(no_dialogs) == 1  # the clerk is told why
    item = panel.item_named("入伙通知书")
    assert item.checkState(0) == Qt.CheckState.Unchecked  # as it is saved
    assert item.flags() & Qt.ItemFlag.ItemIsEnabled and not panel.saving
    assert archive_office.present_names(record["id"]) == []


def test_a_scanned_copy_is_attached_and_opened(qtbot, archive_office, db, tmp_path, no_dialogs):  # noqa: ANN001
    from PySide6.QtGui import QColor, QImage

    from ui.kit.items_panel import ImageViewer

    record = archive_office.new_file(0, present=1)
    scan_file = tmp_path / "入伙通知书.png"
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    assert image.save(str(scan_file), "PNG")
    dock = ArchivesDock(UiContext(archive_office.admin, db))
    qtbot.addWidget(dock)
    dock.show()
    dock.show_record("archives", record["id"])
    panel = dock.items_panel
    assert not panel.open_button.isEnabled()
    panel.tree.setCurrentItem(panel.item_named("入伙通知书"))
    assert panel.attach_button.isEnabled()
    with qtbot.waitSignal(panel.saved, timeout=SAVE_TIMEOUT) as saved:  # off the GUI thread
        assert panel.attach_scan(str(scan_file))
        assert not panel.attach_button.isEnabled()  # not twice while it is being saved
    line = saved.args[0]
    assert no_dialogs == []
    assert line is not None and line.has_scan
    item = panel.item_named("入伙通知书")
    assert item.text(1) == "入伙通知书.png"
    panel.tree.setCurrentItem(item)
    assert panel.open_button.isEnabled()
    viewer = panel.open_scan()
    assert isinstance(viewer, ImageViewer) and viewer.isVisible()
    viewer.close()
