"""The key register in the GUI, driven from the keyboard: scan → Enter → fill → Enter."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.errors import StorageUnavailable
from app.kit import services as kit
from app.registers.keys import KEYS
from app.services import keys, listing, reference
from ui import errors as ui_errors
from ui.context import UiContext
from ui.dialogs import key_return
from ui.dialogs.key_handover import KeyHandoverDialog
from ui.dialogs.key_lend import KeyLendDialog
from ui.dialogs.key_return import KeyReturnDialog
from ui.dialogs.key_stocktake import KeyStocktakeDialog
from ui.docks.keys import KeyLoansDock, KeysDock
from ui.docks.registry import DOCKS
from ui.docks.today import TodayPanel


@pytest.fixture
def office(db, admin):
    reference.ensure_departments(admin)
    reference.create_staff(admin, name="李客服", department="客服部", position="客服助理")
    keys.create_key(admin, code="K-1203", label="A-1203 户门", unit_code=None, area="A座")
    keys.create_key(admin, code="K-PD", label="配电室", area="B1", key_count=2, hook="A-03")
    return admin


@pytest.fixture
def no_dialogs(monkeypatch):
    """Message boxes are recorded instead of blocking."""
    shown: list[str] = []

    def fake_exec(box):
        shown.append(box.text())
        return 0

    monkeypatch.setattr(ui_errors, "_exec_box", fake_exec)
    return shown


def _dock(qtbot, actor, db) -> KeysDock:
    dock = KeysDock(UiContext(actor, db))
    qtbot.addWidget(dock)
    dock.resize(1100, 700)
    dock.show()
    qtbot.waitExposed(dock)
    dock.activateWindow()
    return dock


def _loan_count(actor) -> int:
    return listing.count(actor, "key_loans")


def test_key_docks_are_registered():
    specs = {d.object_name: d for d in DOCKS}
    assert "keys" in specs["dock_keys"].registers
    assert specs["dock_key_loans"].registers == ("key_loans",)
    assert "dock_today" in specs  # the Today panel lists the overdue keys


def test_scan_enter_fill_enter_lends_then_returns(qtbot, office, db, no_dialogs):
    key = keys.find_key(office, "K-1203")
    dock = _dock(qtbot, office, db)
    dock.show_record("keys", key.id)  # what a scan of the tag does
    assert dock.view.current_id() == key.id
    assert dock.focusWidget() is dock.lend_button
    assert dock.at_hand() is dock.lend_button

    qtbot.keyClick(dock.lend_button, Qt.Key.Key_Return)
    dialog = dock.active_dialog
    assert isinstance(dialog, KeyLendDialog) and dialog.isVisible()
    assert dialog.kind() == "staff"
    dialog.staff_edit.setText("李客服")  # keyClicks cannot type Chinese
    qtbot.keyClicks(dialog.form.field("purpose"), "meter reading")
    qtbot.keyClick(dialog.staff_edit, Qt.Key.Key_Return)  # Enter = Lend (saved off the GUI thread)
    qtbot.waitUntil(lambda: dock.active_dialog is None)

    assert no_dialogs == []
    loan = keys.open_loan_for_key(office, "K-1203")
    assert loan is not None and loan.number.startswith("YS-")
    assert loan.borrower_name == "李客服" and loan.purpose == "meter reading"
    assert dock.active_dialog is None
    assert dock.key.status == "lent"
    assert loan.number in dock.fields["loan"].text()
    assert dock.focusWidget() is dock.slip_button  # Enter now prints the slip
    assert dock.slip_button.isEnabled()

    # the same key scanned again: Return is at hand
    dock.show_record("keys", key.id)
    assert dock.focusWidget() is dock.return_button
    qtbot.keyClick(dock.return_button, Qt.Key.Key_Return)
    ret = dock.active_dialog
    assert isinstance(ret, KeyReturnDialog)
    assert loan.number in ret.intro.text()
    qtbot.keyClick(ret.condition_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dock.active_dialog is None)
    assert keys.get_key(office, key.id).status == "in_cabinet"
    assert dock.key.status == "in_cabinet"
    assert keys.get_loan(office, loan.number).return_condition == "good"


def test_damaged_return_needs_statement_by_the_field(qtbot, office, db, no_dialogs):
    keys.lend_key(
        office,
        "K-PD",
        borrower_kind="external",
        borrower_name="王五",
        document_ref="GA-1",
        approved_by="张经理",
    )
    loan = keys.open_loan_for_key(office, "K-PD")
    dialog = key_return.return_form(UiContext(office, db), loan)
    qtbot.addWidget(dialog)
    dialog.condition_box.setCurrentIndex(dialog.condition_box.findData("damaged"))
    dialog.save()
    qtbot.waitUntil(lambda: bool(dialog.form.errors.message("statement")))
    assert keys.open_loan_for_key(office, "K-PD") is not None  # nothing saved
    assert dialog.isVisible() or not dialog.result()  # still open, nothing accepted
    dialog.statement_edit.setPlainText("齿断了")
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    assert keys.find_key(office, "K-PD").status == "in_cabinet"
    assert keys.get_loan(office, loan.number).return_condition == "damaged"


def test_external_borrower_without_approver_error_by_field_text_kept(qtbot, office, db, no_dialogs):
    key = keys.find_key(office, "K-1203")
    dock = _dock(qtbot, office, db)
    dock.show_record("keys", key.id)
    dialog = dock.lend()
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("external"))
    assert dialog.form.field("approved_by").isVisibleTo(dialog)
    assert not dialog.form.field("borrower_staff_id").isVisibleTo(dialog)
    dialog.form.field("borrower_name").setText("张三")
    qtbot.keyClicks(dialog.form.field("document_ref"), "GA-2026-17")
    qtbot.keyClick(dialog.form.field("document_ref"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(dialog.form.errors.message("approved_by")))

    assert dialog.isVisible()  # not closed
    assert "approving leader" in dialog.form.errors.message("approved_by")
    assert dialog.form.errors.label("approved_by").isVisible()
    assert dialog.form.errors.message("borrower_name") == ""
    assert dialog.form.field("borrower_name").text() == "张三"
    assert dialog.form.field("document_ref").text() == "GA-2026-17"
    assert _loan_count(office) == 0
    assert keys.find_key(office, "K-1203").status == "in_cabinet"

    dialog.form.field("approved_by").setText("张经理")
    qtbot.keyClick(dialog.form.field("approved_by"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _loan_count(office) == 1)
    assert keys.find_key(office, "K-1203").status == "lent"


def test_storage_failure_keeps_typed_text(qtbot, office, db, no_dialogs, monkeypatch):
    key = keys.find_key(office, "K-1203")
    record = kit.record(office, "keys", key.id)
    dialog = KeyLendDialog(UiContext(office, db), KEYS, KEYS.transition("lend"), record)
    qtbot.addWidget(dialog)

    def down(*_a, **_k):
        raise StorageUnavailable("share gone")

    monkeypatch.setattr(kit, "transition", down)
    dialog.staff_edit.setText("李客服")
    dialog.form.field("purpose").setPlainText("抄表")
    dialog.save()
    qtbot.waitUntil(lambda: bool(no_dialogs))
    assert "database" in no_dialogs[0].lower()
    assert not dialog.saving and dialog.ok_button.isEnabled()
    assert dialog.staff_edit.text() == "李客服"
    assert dialog.form.field("purpose").toPlainText() == "抄表"


def test_stocktake_scans_give_feedback_and_finish_lists_missing(qtbot, office, db, no_dialogs):
    keys.create_key(office, code="K-3", label="机房")
    keys.lend_key(
        office,
        "K-3",
        borrower_kind="external",
        borrower_name="王五",
        document_ref="GA-1",
        approved_by="张经理",
    )
    dialog = KeyStocktakeDialog(UiContext(office, db))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.start() is True
    assert dialog.scan_edit.isEnabled()

    def scan(code: str) -> str:
        qtbot.keyClicks(dialog.scan_edit, code)
        qtbot.keyClick(dialog.scan_edit, Qt.Key.Key_Return)
        return dialog.feedback.property("outcome")

    assert scan("k-1203") == "counted"  # lower case from a scanner with Caps Lock
    assert "K-1203" in dialog.feedback.text()
    assert scan("K-1203") == "duplicate"
    assert scan("K-3") == "unexpected"  # lent, yet in the cabinet
    assert scan("NOPE-9") == "unexpected"
    assert dialog.isVisible()  # Enter in the scan field never closes the dialog
    assert "1 of 2 counted" in dialog.counts_label.text()

    result = dialog.finish()
    assert [k.code for k in result.missing] == ["K-PD"]
    missing = [dialog.missing_list.item(i).text() for i in range(dialog.missing_list.count())]
    assert any("K-PD" in t for t in missing)
    assert dialog.unexpected_list.count() == 2
    preview = dialog.print_report()
    assert preview is not None and preview.pdf_bytes().startswith(b"%PDF")
    preview.close()


def test_engineering_sees_lend_disabled_with_reason(qtbot, office, db, make_actor):
    engineer = make_actor("engineering")
    dock = _dock(qtbot, engineer, db)
    dock.show_record("keys", keys.find_key(office, "K-1203").id)
    assert not dock.lend_button.isEnabled()
    assert dock.lend_button.toolTip()
    assert not dock.new_button.isEnabled() and not dock.stocktake_button.isEnabled()
    assert dock.tag_button.isEnabled()  # anyone who sees keys may print a tag
    assert dock.lend() is None


def test_print_tags_for_selected_keys(qtbot, office, db):
    dock = _dock(qtbot, office, db)
    dock.view.table.selectAll()
    assert sorted(dock.selected_codes()) == ["K-1203", "K-PD"]
    dock.tag_layout.setCurrentIndex(dock.tag_layout.findData("a4"))
    assert dock.tag_layout.currentData() == "a4"
    data = dock.tag_pdf_bytes()
    assert data.startswith(b"%PDF")
    preview = dock.print_tags()  # opened with open(), not exec(): no blocking
    assert preview is not None and preview.pdf_bytes() == data or preview.pdf_bytes()[:4] == b"%PDF"
    preview.close()


def test_overdue_panel_lists_past_due_loan_and_opens_it(qtbot, office, db):
    """The Today panel (which replaced the overdue-keys strip) lists the loan past its due time,
    opens it in the loans dock, and forgets it once the key is back."""
    past = datetime(2026, 1, 5, 9, 30)
    loan = keys.lend_key(
        office,
        "K-PD",
        borrower_kind="external",
        borrower_name="王五",
        document_ref="GA-1",
        approved_by="张经理",
        now=past,
    )
    ctx = UiContext(office, db)
    panel = TodayPanel(ctx)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.loaded)
    lines = panel.line_items("key_loans")
    assert len(lines) == 1 and panel.count("key_loans") == 1
    assert loan.number in lines[0].text(0)
    assert panel.periodic.isActive()
    opened = []
    ctx.bus.open_record.connect(lambda reg, rid: opened.append((reg, rid)))
    panel.tree.itemActivated.emit(lines[0], 0)
    assert opened == [("key_loans", loan.id)]

    loans = KeyLoansDock(ctx)
    qtbot.addWidget(loans)
    loans.show()
    loans.show_record("key_loans", loan.id)
    assert loans.loan is not None and loans.loan.number == loan.number
    assert loans.focusWidget() is loans.return_button
    keys.return_key(office, loan.number)
    with qtbot.waitSignal(panel.refreshed):
        ctx.bus.register_changed.emit("key_loans")
    assert panel.line_items("key_loans") == []


def test_receive_keys_by_scanning_with_count_check(qtbot, office, db, no_dialogs):
    dock = _dock(qtbot, office, db)
    dialog = dock.handover("receive")
    assert isinstance(dialog, KeyHandoverDialog)
    dialog.name_edit.setText("开发商")
    for code in ("K-1203", "K-PD"):
        qtbot.keyClicks(dialog.scan_edit, code)
        qtbot.keyClick(dialog.scan_edit, Qt.Key.Key_Return)
    assert dialog.table.rowCount() == 2 and dialog.isVisible()
    dialog.table.cellWidget(1, 3).setValue(1)  # counted 1 of a set of 2
    assert dialog.save() is False
    assert "Count again" in dialog.line_errors.text()
    assert listing.count(office, "key_handovers") == 0
    dialog.table.cellWidget(1, 3).setValue(2)
    assert dialog.save() is True
    assert dock.last_preview is not None
    assert dock.last_preview.pdf_bytes().startswith(b"%PDF")
    dock.last_preview.close()


def test_scanned_handover_number_opens_its_sheet(qtbot, office, db):
    view = keys.receive_keys(office, from_name="开发商", lines=[("K-1203", 1)])
    hit_id = listing.page(office, "key_handovers", listing.ListRequest(), 0, 10)[0]["id"]
    dock = _dock(qtbot, office, db)
    dock.show_record("key_handovers", hit_id)
    assert dock.last_preview is not None
    assert view.number in dock.last_preview.windowTitle()
    dock.last_preview.close()
    QApplication.processEvents()


def test_scanning_the_same_tag_twice_in_the_main_window_opens_lend(qtbot, office, db, ui_settings):
    """Scan box: the first scan opens the key, Enter (or the same scan) again starts the loan."""
    from ui.main_window import MainWindow

    window = MainWindow(UiContext(office, db), ui_settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    box = window.scan_box
    box.focus_scan()
    qtbot.keyClicks(box.line_edit, "K-1203")
    qtbot.keyClick(box.line_edit, Qt.Key.Key_Return)
    dock = window.docks["dock_keys"].widget()
    assert dock.key is not None and dock.key.code == "K-1203"
    assert dock.active_dialog is None
    assert QApplication.focusWidget() is box.line_edit  # the next scan still lands in the box
    qtbot.keyClick(box.line_edit, Qt.Key.Key_Return)
    assert isinstance(dock.active_dialog, KeyLendDialog)
    dock.active_dialog.reject()
    # Typing another code forgets the opened record: Enter resolves the new code instead.
    box.focus_scan()
    qtbot.keyClicks(box.line_edit, "K-PD")
    qtbot.keyClick(box.line_edit, Qt.Key.Key_Return)
    assert dock.key.code == "K-PD" and dock.active_dialog is None
