"""The mail desk in the main window, driven by scans and the keyboard (real SQLite): batch intake
(scan, room, addressee, Enter — the label prints as you go), a pickup notice, then the notice
scanned at the desk → the pickup form → identity check → two items in one pickup → receipt."""

from __future__ import annotations

from desk_window import open_window, scan
from pdf_helpers import all_text
from PySide6.QtCore import Qt

from app.kit import services as kit
from app.models import MailItem, MailPickup
from app.services import reference
from ui.docks.mail import MailDock, MailIntakeDialog, MailPickupDialog
from ui.kit.transition_dialog import TransitionDialog

pytest_plugins = ("archive_fixtures",)  # no_dialogs

SAVE_TIMEOUT = 10_000
OWNER_ID = "110101199003074477"


def test_intake_notice_pickup_by_scans(qtbot, db, admin, ui_settings, no_dialogs) -> None:  # noqa: ANN001
    reference.create_building(admin, "A", "A座")
    reference.create_unit(admin, code="A-1201", building_code="A", floor_number=12)
    reference.create_party(
        admin, kind="owner", name="王芳", id_number=OWNER_ID, unit_codes=["A-1201"]
    )
    window = open_window(qtbot, admin, db, ui_settings)
    assert "dock_mail" in window.docks
    dock = window.docks["dock_mail"].ensure_widget()
    assert isinstance(dock, MailDock)

    # batch intake: scan, room, addressee, Enter — twice; each label goes to the printer
    intake = dock.new_record()
    assert isinstance(intake, MailIntakeDialog)
    sent: list[str] = []
    intake.send_to_printer = lambda pdf, number: sent.append(number) or True
    for tracking in ("XA100000001CN", "XA100000002CN"):
        qtbot.keyClicks(intake.inputs["tracking_no"], tracking)
        qtbot.keyClicks(intake.inputs["unit"], "A-1201")
        intake.inputs["addressee"].setText("王芳")  # typed with the IME: QTest types ASCII only
        with qtbot.waitSignal(intake.label_printed, timeout=SAVE_TIMEOUT):
            qtbot.keyClick(intake.inputs["addressee"], Qt.Key.Key_Return)
        assert intake.inputs["tracking_no"].text() == "" and intake.isVisible()
        assert intake.focusWidget() is intake.inputs["tracking_no"]  # ready for the next scan
    items = list(MailItem.select().order_by(MailItem.id))
    assert [m.tracking_no for m in items] == ["XA100000001CN", "XA100000002CN"]
    assert sent == [m.number for m in items]
    assert items[0].number in all_text(intake.labels[0])
    assert "2" in intake.count_label.text()
    intake.reject()
    qtbot.waitUntil(lambda: dock.active_dialog is None)

    # the first item's pickup notice: Notify (by slip) opens the notice in the preview
    scan(qtbot, window, items[0].number)
    assert dock.record is not None and dock.record["id"] == items[0].id
    assert dock.at_hand() is dock.transition_buttons["pick_up"]
    notify = dock.start_transition("notify")
    assert isinstance(notify, TransitionDialog)
    qtbot.keyClick(notify.inputs["notified_whom"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dock.active_dialog is None, timeout=SAVE_TIMEOUT)
    assert dock.record["status"] == "notified"
    assert dock.last_preview is not None and "邮件领取通知单" in all_text(
        dock.last_preview.pdf_bytes()
    )
    dock.last_preview.close()

    # the owner brings the notice: scan, Enter → the pickup form with both items offered
    scan(qtbot, window, items[0].number)
    qtbot.keyClick(window.scan_box.line_edit, Qt.Key.Key_Return)
    pickup = dock.active_dialog
    assert isinstance(pickup, MailPickupDialog)
    qtbot.waitUntil(lambda: pickup.items.count() == 2, timeout=SAVE_TIMEOUT)
    assert [i for i, _ in pickup.chosen()] == [m.id for m in items]
    assert pickup.inputs["recipient_name"].text() == "王芳"
    assert pickup.signature is not None and pickup.signature.signer_name() == "王芳"
    # a wrong card: refused by the field, the form keeps what was typed
    qtbot.keyClicks(pickup.inputs["id_number"], "11010119800101003X")
    qtbot.keyClick(pickup.inputs["id_number"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pickup.last_error is not None, timeout=SAVE_TIMEOUT)
    assert pickup.isVisible() and pickup.form.errors.message("id_number")
    assert MailPickup.select().count() == 0
    pickup.inputs["id_number"].setText(OWNER_ID)
    qtbot.keyClick(pickup.inputs["id_number"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dock.active_dialog is None, timeout=SAVE_TIMEOUT)
    assert no_dialogs == []
    only = MailPickup.get()
    assert only.items == 2 and {m.status for m in MailItem.select()} == {"picked_up"}
    assert dock.record["status"] == "picked_up"
    receipt = all_text(dock.last_preview.pdf_bytes())
    assert only.number in receipt and items[1].number in receipt
    # a second pickup of the same item: the button says why not
    assert not dock.transition_buttons["pick_up"].isEnabled()
    assert kit.record(admin, "mail", items[0].id)["pickup"] == only.id


def _draw(qtbot, pad) -> None:  # noqa: ANN001
    from PySide6.QtCore import QPoint

    points = [(20, 60), (80, 20), (140, 70), (200, 30)]
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for p in points[1:]:
        qtbot.mouseMove(pad, QPoint(*p))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def test_shift_handover_with_both_signatures(qtbot, db, admin, ui_settings, no_dialogs) -> None:  # noqa: ANN001
    from app.models import MailHandover
    from ui.docks.mail import MailHandoverDialog

    reference.create_building(admin, "A", "A座")
    unit = reference.create_unit(admin, code="A-1201", building_code="A", floor_number=12)
    held = kit.create(admin, "mail", {"unit": unit.id, "addressee": "王芳", "kind": "parcel"})
    window = open_window(qtbot, admin, db, ui_settings)
    dock = window.docks["dock_mail"].ensure_widget()
    dialog = dock.hand_over()
    assert isinstance(dialog, MailHandoverDialog)
    dialog.inputs["to_name"].setText("夜班 张敏")
    qtbot.keyClick(dialog.inputs["to_name"], Qt.Key.Key_Return)  # not signed yet: refused
    qtbot.waitUntil(lambda: dialog.last_error is not None, timeout=SAVE_TIMEOUT)
    assert dialog.isVisible() and dialog.form.errors.message("from_signature")
    assert MailHandover.select().count() == 0
    _draw(qtbot, dialog.from_pad.pad)
    _draw(qtbot, dialog.to_pad.pad)
    assert dialog.to_pad.signer_name() == "夜班 张敏"
    qtbot.keyClick(dialog.inputs["to_name"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dock.active_dialog is None, timeout=SAVE_TIMEOUT)
    sheet = MailHandover.get()
    assert sheet.items == 1 and sheet.from_signature_id and sheet.to_signature_id
    text = all_text(dock.last_preview.pdf_bytes())
    assert sheet.number in text and held["number"] in text


def test_every_mail_register_has_its_dock(qtbot, db, admin, ui_settings) -> None:  # noqa: ANN001
    from ui.kit.register_dock import RegisterDock

    window = open_window(qtbot, admin, db, ui_settings)
    for register in (
        "mail",
        "mail_pickups",
        "mail_handovers",
        "periodical_receipts",
        "periodical_shortages",
        "periodical_subscriptions",
    ):
        dock = window.dock_for_register(register)
        assert dock is not None, register
        assert isinstance(dock.ensure_widget(), RegisterDock)
