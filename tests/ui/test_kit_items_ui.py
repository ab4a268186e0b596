"""The kit's generic screens for what a register declares beyond its fields: a dock from
`dock_spec`, the item list under the card (`Register.items`), the checklist form for checklist
inputs, and the confirmations a transition declares (`Transition.confirms`)."""

from __future__ import annotations

from app.kit import registry
from app.kit import services as kit
from app.rules.roles import Perm
from ui.context import UiContext
from ui.kit.checklist_dialog import ChecklistDialog
from ui.kit.items_panel import ItemsPanel
from ui.kit.register_dock import RegisterDock, dock_spec
from ui.kit.transition_dialog import TransitionDialog, transition_dialog

pytest_plugins = ("archive_fixtures",)  # archive_office, no_dialogs


def test_a_dock_from_its_declaration_shows_items_only_when_declared(qtbot, db, admin) -> None:  # noqa: ANN001
    spec = dock_spec(registry.get("archive_incidents"), "warning", 17)
    assert (spec.object_name, spec.title, spec.permission) == (
        "dock_archive_incidents",
        "Archive incidents",
        Perm.ARCHIVES_VIEW,
    )
    dock = spec.factory(UiContext(admin, db))
    qtbot.addWidget(dock)
    assert isinstance(dock, RegisterDock) and dock.reg.name == "archive_incidents"
    assert dock.extra_panel is None  # no items declared
    files = RegisterDock(UiContext(admin, db), "archives")
    qtbot.addWidget(files)
    assert isinstance(files.extra_panel, ItemsPanel) and files.extra_panel is files.items_panel


def test_checklist_inputs_open_the_checklist_and_confirmations_hold_the_save(
    qtbot,
    archive_office,
    db,
    no_dialogs,  # noqa: ANN001
) -> None:
    admin = archive_office.admin
    record = archive_office.new_file(0, present=2)
    reg = registry.get("archives")
    lend = transition_dialog(UiContext(admin, db), reg, reg.transition("lend"), record)
    qtbot.addWidget(lend)
    assert type(lend) is TransitionDialog and lend.confirm_boxes == []
    inputs = {"borrower_staff": archive_office.clerk_id, "kind": "read", "purpose": "查阅"}
    lent = kit.transition(admin, "archives", "lend", record["id"], None, inputs)
    dialog = transition_dialog(UiContext(admin, db), reg, reg.transition("return"), lent)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, ChecklistDialog) and dialog.checklist.rowCount() == 2
    assert dialog.checklist.mark_names == ("ok", "missing", "damaged")  # the checklist inputs
    assert len(dialog.confirm_boxes) == 2
    dialog.checklist.mark_all()
    dialog.confirm_boxes[0].setChecked(True)
    assert dialog.save() is False and dialog.form.errors.message("confirm")
    assert kit.record(admin, "archives", record["id"])["status"] == "lent"
    dialog.confirm_boxes[1].setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        assert dialog.save() is True
    assert kit.record(admin, "archives", record["id"])["status"] == "on_shelf"
