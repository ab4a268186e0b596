"""The generic RegisterDock and the kit's forms, on the archive register (real SQLite)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from app.errors import StorageUnavailable
from app.kit import services as kit
from app.services import listing
from ui.context import UiContext
from ui.kit.register_dock import RegisterDock
from ui.kit.transition_dialog import MultilineEdit, RecordDialog, TransitionDialog

if TYPE_CHECKING:
    from archive_fixtures import ArchiveOffice

pytest_plugins = ("archive_fixtures",)  # archive_office, no_dialogs

SAVE_TIMEOUT = 10_000


def _dock(qtbot, actor, db, register: str = "archives") -> RegisterDock:  # noqa: ANN001
    dock = RegisterDock(UiContext(actor, db), register)
    qtbot.addWidget(dock)
    dock.resize(1200, 800)
    dock.show()
    qtbot.waitExposed(dock)
    return dock


def _lend_inputs(office: ArchiveOffice) -> dict:
    return {"borrower_staff": office.clerk_id, "kind": "borrow", "purpose": "核对面积"}


def _saved(qtbot, dialog) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not dialog.saving, timeout=SAVE_TIMEOUT)


def test_filters_are_built_from_the_declaration(qtbot, archive_office, db) -> None:  # noqa: ANN001
    first = archive_office.new_file(0)
    second = archive_office.new_file(1)
    kit.transition(
        archive_office.admin, "archives", "lend", second["id"], None, _lend_inputs(archive_office)
    )
    dock = _dock(qtbot, archive_office.admin, db)
    assert set(dock.filter_boxes) == {"status", "category"}
    status = dock.filter_boxes["status"]
    assert [status.itemData(i) for i in range(status.count())] == [
        "",
        "on_shelf",
        "lent",
        "retired",
    ]
    assert status.itemText(1) == "On the shelf"  # the declared label (English: no translator)
    assert dock.view.model.total == 2
    status.setCurrentIndex(status.findData("lent"))
    assert dock.view.model.total == 1
    assert dock.view.model.id_at(0) == second["id"]
    category = dock.filter_boxes["category"]
    category.setCurrentIndex(category.findData("renovation"))
    assert dock.view.model.total == 0
    # a scan of a record the filters hide widens the list to show it
    dock.show_record("archives", first["id"])
    assert dock.view.current_id() == first["id"]
    assert dock.record is not None and dock.record["code"] == first["code"]
    assert status.currentData() == "" and category.currentData() == ""

    loans = _dock(qtbot, archive_office.admin, db, "archive_loans")
    show = loans.filter_boxes["show"]
    assert show.currentData() == "open"  # the first option is the default
    assert loans.view.model.total == 1


def test_card_shows_declared_labels_and_ref_labels(qtbot, archive_office, db) -> None:  # noqa: ANN001
    record = archive_office.new_file(2)
    dock = _dock(qtbot, archive_office.admin, db)
    dock.show_record("archives", record["id"])
    assert dock.card_values["unit"].text() == "A-1203"  # a ref field by its label
    assert dock.card_values["category"].text() == "Household file"
    assert dock.card_values["status"].text() == "On the shelf"
    assert record["code"] in dock.heading.text()
    assert dock.history.rowCount() >= 1  # created (+ the ticks of the contents)


def test_buttons_disabled_with_a_reason_for_role_and_state(
    qtbot,
    archive_office,
    db,
    make_actor,  # noqa: ANN001
) -> None:
    record = archive_office.new_file(0)
    assistant = make_actor("assistant")  # may look files up, not lend them
    dock = _dock(qtbot, assistant, db)
    dock.show_record("archives", record["id"])
    lend = dock.transition_buttons["lend"]
    assert not lend.isEnabled()
    assert lend.toolTip() == "Your role may not do this."
    assert not dock.new_button.isEnabled() and dock.new_button.toolTip()
    assert dock.start_transition("lend") is None
    assert dock.at_hand() is None

    supervisor = make_actor("supervisor")  # lends, but does not manage files
    dock = _dock(qtbot, supervisor, db)
    dock.show_record("archives", record["id"])
    assert dock.transition_buttons["lend"].isEnabled()
    assert dock.at_hand() is dock.transition_buttons["lend"]
    assert dock.focusWidget() is dock.transition_buttons["lend"]
    ret = dock.transition_buttons["return"]
    assert not ret.isEnabled()
    assert "Only when" in ret.toolTip() and "借出" in ret.toolTip()  # the state it needs
    assert not dock.transition_buttons["retire"].isEnabled()
    assert dock.transition_buttons["retire"].toolTip() == "Your role may not do this."
    assert not dock.edit_button.isEnabled() and not dock.void_button.isEnabled()


def test_failed_save_keeps_typed_text(
    qtbot,
    archive_office,
    db,
    no_dialogs,
    monkeypatch,  # noqa: ANN001
) -> None:
    record = archive_office.new_file(0)
    dock = _dock(qtbot, archive_office.admin, db)
    dock.show_record("archives", record["id"])
    dialog = dock.start_transition("lend")
    assert isinstance(dialog, TransitionDialog) and dialog.isVisible()
    purpose = dialog.inputs["purpose"]
    assert isinstance(purpose, MultilineEdit)
    qtbot.keyClicks(purpose, "check the area")
    dialog.inputs["approved_by"].setText("张经理")
    assert dialog.save() is True
    _saved(qtbot, dialog)
    # no borrower: the message sits under that field, nothing was written, the text stays
    assert dialog.isVisible()
    assert dialog.form.errors.message("borrower_staff") == "Choose a value."
    assert purpose.toPlainText() == "check the area"
    assert dialog.inputs["approved_by"].text() == "张经理"
    assert kit.record(archive_office.admin, "archives", record["id"])["status"] == "on_shelf"

    # the share drops: the clerk is told, the dialog stays with everything typed
    def down(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
        raise StorageUnavailable("share gone")

    dialog.inputs["borrower_staff"].setText("李客服")
    real = kit.transition
    monkeypatch.setattr(kit, "transition", down)
    dialog.save()
    _saved(qtbot, dialog)
    assert no_dialogs and "database" in no_dialogs[-1].lower()
    assert dialog.isVisible()
    assert dialog.inputs["borrower_staff"].text() == "李客服"
    assert purpose.toPlainText() == "check the area"
    monkeypatch.setattr(kit, "transition", real)

    # another desk lent the file meanwhile: refused loudly (WrongState), the input stays
    kit.transition(
        archive_office.admin, "archives", "lend", record["id"], None, _lend_inputs(archive_office)
    )
    dialog.save()
    _saved(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.state_label.isVisible()
    assert "借出" in dialog.state_label.text()  # "… is 借出 now …; 借阅 needs it to be 在架"
    assert no_dialogs[-1] == dialog.state_label.text()  # and told in a message box (describe_error)
    assert purpose.toPlainText() == "check the area"
    dialog.reject()


def test_a_save_cannot_be_sent_twice_and_says_it_is_saving(
    qtbot,
    archive_office,
    db,
    no_dialogs,
    monkeypatch,  # noqa: ANN001
) -> None:
    record = archive_office.new_file(0)
    dock = _dock(qtbot, archive_office.admin, db)
    dock.show_record("archives", record["id"])
    dialog = dock.start_transition("lend")
    dialog.inputs["borrower_staff"].setText("李客服")
    dialog.inputs["purpose"].setPlainText("复印")
    gate = threading.Event()
    calls: list[int] = []
    real = kit.transition

    def slow(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(1)
        gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(kit, "transition", slow)
    assert dialog.save() is True
    assert dialog.saving and dialog.busy_label.isVisible() and dialog.busy_label.text()
    assert not dialog.ok_button.isEnabled()
    assert dialog.save() is False  # a second Enter does nothing
    dialog.reject()  # nor does Esc while the answer is on its way
    assert dialog.isVisible()
    gate.set()
    qtbot.waitUntil(lambda: dock.active_dialog is None, timeout=SAVE_TIMEOUT)
    assert calls == [1]
    assert dock.record["status"] == "lent"


def test_enter_saves_from_a_single_line_field(qtbot, archive_office, db, no_dialogs) -> None:  # noqa: ANN001
    record = archive_office.new_file(0)
    dock = _dock(qtbot, archive_office.admin, db)
    dock.show_record("archives", record["id"])
    qtbot.keyClick(dock.transition_buttons["lend"], Qt.Key.Key_Return)  # Lend is at hand
    dialog = dock.active_dialog
    assert isinstance(dialog, TransitionDialog)
    dialog.inputs["borrower_staff"].setText("李客服")  # keyClicks cannot type Chinese
    dialog.inputs["purpose"].setPlainText("核对面积")
    qtbot.keyClicks(dialog.inputs["approved_by"], "Zhang")
    qtbot.keyClick(dialog.inputs["approved_by"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dock.active_dialog is None, timeout=SAVE_TIMEOUT)
    assert no_dialogs == []
    assert dock.record["status"] == "lent"
    assert dock.record["holder"] == "李客服"
    assert listing.count(archive_office.admin, "archive_loans") == 1
    assert dock.at_hand() is dock.transition_buttons["return"]


def test_ctrl_enter_saves_from_a_multi_line_field(qtbot, archive_office, db, no_dialogs) -> None:  # noqa: ANN001
    record = archive_office.new_file(0)
    dock = _dock(qtbot, archive_office.admin, db)
    dock.show_record("archives", record["id"])
    dialog = dock.start_transition("retire")
    reason = dialog.inputs["reason"]
    assert isinstance(reason, MultilineEdit)
    qtbot.keyClicks(reason, "moved out")
    qtbot.keyClick(reason, Qt.Key.Key_Return)  # a new line, not a save
    qtbot.keyClicks(reason, "file closed")
    assert not dialog.saving and dialog.isVisible()
    assert reason.toPlainText() == "moved out\nfile closed"
    qtbot.keyClick(reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dock.active_dialog is None, timeout=SAVE_TIMEOUT)
    assert dock.record["status"] == "retired"
    assert "moved out" in dock.record["notes"]
    assert dock.transition_buttons["reinstate"].isEnabled()


def test_new_and_edit_forms_from_the_fields(qtbot, archive_office, db, no_dialogs) -> None:  # noqa: ANN001
    dock = _dock(qtbot, archive_office.admin, db)
    dialog = dock.new_record()
    assert isinstance(dialog, RecordDialog)
    assert set(dialog.inputs) == {"code", "category", "unit", "title", "shelf", "notes"}
    assert dialog.form.field("category").property("required") is True
    dialog.inputs["unit"].setText("A-1202")
    dialog.save()
    _saved(qtbot, dialog)
    assert dialog.form.errors.message("title") == "Required."  # the rest stays as typed
    assert dialog.inputs["unit"].text() == "A-1202"
    qtbot.keyClicks(dialog.inputs["title"], "A-1202 file")
    qtbot.keyClick(dialog.inputs["title"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dock.active_dialog is None, timeout=SAVE_TIMEOUT)
    assert dock.record is not None and dock.record["title"] == "A-1202 file"
    assert dock.record["code"].startswith("DA")

    edit = dock.edit_record()
    assert edit.inputs["unit"].text() == "A-1202"
    edit.inputs["shelf"].setText("B柜-2")
    edit.save()
    qtbot.waitUntil(lambda: dock.active_dialog is None, timeout=SAVE_TIMEOUT)
    assert dock.record["shelf"] == "B柜-2"


def test_transition_help_and_required_marks(qtbot, archive_office, db) -> None:  # noqa: ANN001
    record = archive_office.new_file(0)
    dock = _dock(qtbot, archive_office.admin, db)
    dock.show_record("archives", record["id"])
    dialog = dock.start_transition("lend")
    assert dialog.form.field("borrower_staff").property("required") is True
    assert dialog.form.field("due_at").property("required") is False
    assert dialog.signature is not None  # the borrower signs
    dialog.inputs["borrower_staff"].setText("李客服")
    assert dialog.signature.signer_name() == "李客服"
    dialog.reject()
    QCoreApplication.processEvents()


@pytest.mark.parametrize("register", ["archives", "archive_loans", "archive_incidents"])
def test_every_archive_register_gets_a_dock(qtbot, archive_office, db, register) -> None:  # noqa: ANN001
    dock = _dock(qtbot, archive_office.admin, db, register)
    assert dock.view.model.register_name == register
    assert dock.heading.text() == "Nothing selected"
    assert all(not b.isEnabled() for b in dock.transition_buttons.values())


def test_void_with_a_reason(qtbot, archive_office, db, no_dialogs) -> None:  # noqa: ANN001
    record = archive_office.new_file(0)
    dock = _dock(qtbot, archive_office.admin, db)
    dock.show_record("archives", record["id"])
    dialog = dock.void_record()
    reason = dialog.inputs["reason"]
    qtbot.keyClick(reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    _saved(qtbot, dialog)
    assert dialog.form.errors.message("reason") == "Required."  # nothing voided without one
    qtbot.keyClicks(reason, "opened twice by mistake")
    qtbot.keyClick(reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dock.active_dialog is None, timeout=SAVE_TIMEOUT)
    assert dock.record["voided_at"] is not None
    assert "opened twice by mistake" in dock.problem.text() and dock.problem.isVisible()
    assert not dock.transition_buttons["lend"].isEnabled()
    assert dock.transition_buttons["lend"].toolTip() == "This record is voided."
    assert not dock.void_button.isEnabled()


def test_declared_labels_come_out_in_chinese(qapp, qtbot, archive_office, db) -> None:  # noqa: ANN001
    from ui.i18n import load_translator, unload_translators

    record = archive_office.new_file(0)
    try:
        load_translator(qapp, "zh_CN")
        assert QCoreApplication.translate("Docks", "Archive files") == "业主档案"
        dock = _dock(qtbot, archive_office.admin, db)
        dock.show_record("archives", record["id"])
        model = dock.view.model
        headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(3)]
        assert headers == ["档案编号", "档案类别", "房号"]
        assert model.data(model.index(0, 1)) == "一户一档"
        assert dock.filter_boxes["status"].itemText(1) == "在架"
        assert dock.transition_buttons["lend"].text() == "借阅"
        assert "借出" in dock.transition_buttons["return"].toolTip()  # the state Return needs
        assert dock.card_values["status"].text() == "在架"
        dialog = dock.start_transition("lend")
        assert dialog.form.field_labels()["borrower_staff"] == "借阅人"
        assert dialog.form.field_labels()["approved_by"] == "批准人（部门负责人）"
        dialog.reject()
    finally:
        unload_translators(qapp)
    assert dock.transition_buttons["lend"].text() == "借阅"  # built while Chinese
    assert QCoreApplication.translate("kit:archives", "Lend (借阅)", "transition:lend") == (
        "Lend (借阅)"
    )
