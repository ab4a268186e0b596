"""Reference docks: units, owners/tenants, staff — forms over app.services.reference."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from app.errors import StorageUnavailable
from app.services import listing, reference
from app.services.context import Actor
from ui import errors as ui_errors
from ui.context import UiContext
from ui.docks import reference as docks
from ui.docks.registry import DOCKS

GOOD_RIC = "11010519491231002X"
BAD_RIC = "110105194912310021"  # wrong check digit


@pytest.fixture
def office(db, admin):
    reference.create_building(admin, "A", "A座")
    for code in ("A-1201", "A-1202", "A-1203"):
        reference.create_unit(admin, code=code, building_code="A", floor_number=12, area="86.50")
    reference.create_party(
        admin,
        kind="owner",
        name="王小明",
        id_number=GOOD_RIC,
        phone="13800138000",
        unit_codes=["A-1201"],
    )
    reference.ensure_departments(admin)
    reference.create_staff(admin, name="李客服", department="客服部", position="客服助理")
    return admin


@pytest.fixture
def no_dialogs(monkeypatch):
    """Record message boxes instead of blocking on them; 'questions' are answered No."""
    shown = []

    def fake_exec(box):
        shown.append(box.text())
        return 0

    monkeypatch.setattr(ui_errors, "_exec_box", fake_exec)
    monkeypatch.setattr(docks, "_ask", lambda *a: False)
    return shown


def _ctx(actor: Actor, db) -> UiContext:
    return UiContext(actor, db)


def test_docks_are_registered():
    names = {d.object_name: d for d in DOCKS}
    for name in ("units", "parties", "staff"):
        spec = names[f"dock_{name}"]
        assert spec.registers == (name,)


def test_invalid_id_number_shows_next_to_field_and_keeps_text(qtbot, office, db, no_dialogs):
    dock = docks.PartiesDock(_ctx(office, db))
    qtbot.addWidget(dock)
    dock.show()
    before = listing.count(office, "parties")
    form = dock.form
    form.field("name").setText("张三")  # QTest.keyClicks aborts on non-Latin text
    qtbot.keyClicks(form.field("id_number"), BAD_RIC)
    qtbot.keyClicks(form.field("phone"), "13900139000")
    changed = []
    dock.ctx.bus.register_changed.connect(changed.append)
    assert dock.save() is False
    assert "check digit" in form.errors.message("id_number")
    assert form.errors.label("id_number").isVisible()
    assert form.errors.message("name") == ""
    assert form.field("id_number").text() == BAD_RIC  # typed text kept
    assert form.field("name").text() == "张三"
    assert listing.count(office, "parties") == before  # nothing saved
    assert changed == []
    assert no_dialogs == []  # field errors go beside the fields, not into a box


def test_create_party_then_edit(qtbot, office, db, no_dialogs):
    dock = docks.PartiesDock(_ctx(office, db))
    qtbot.addWidget(dock)
    changed = []
    dock.ctx.bus.register_changed.connect(changed.append)
    form = dock.form
    form.field("name").setText("深圳市某某科技有限公司")
    form.field("is_company").setChecked(True)  # switches the document to 统一社会信用代码
    assert form.values()["id_type"] == "uscc"
    form.field("id_number").setText("91110108551385082Q")
    form.field("unit_codes").setText("A-1202，A-1203")
    form.field("kind").setCurrentIndex(form.field("kind").findData("tenant"))
    assert dock.save(), form.errors.message("__all__") or [
        (f, form.errors.message(f)) for f in form.field_names() if form.errors.message(f)
    ]
    assert changed == ["parties"]
    assert dock.record.unit_codes == ("A-1202", "A-1203")
    assert dock.view.current_id() == dock.record.id
    form.field("phone").setText("0755-88886666")
    assert dock.changes() == {"phone": "0755-88886666"}
    assert dock.save()
    assert reference.get_party(office, dock.record.id).phone == "0755-88886666"


def test_conflict_keeps_text_and_shows_theirs(qtbot, office, db, no_dialogs, make_actor):
    dock = docks.UnitsDock(_ctx(office, db))
    qtbot.addWidget(dock)
    unit_id = dock.view.model.id_at(0)
    dock.show_record("units", unit_id)
    dock.form.field("area").setText("90.00")
    other = make_actor("supervisor")
    unit = reference.get_unit(other, unit_id)
    reference.update_unit(other, unit_id, unit.version, area="99.99")
    assert dock.save() is False
    assert any("after you opened it" in text for text in no_dialogs)
    assert dock.form.field("area").text() == "90.00"  # kept
    assert "99.99" in dock.form.errors.message("__all__")  # their value shown
    assert dock.save()  # second save, knowingly over theirs
    assert str(reference.get_unit(office, unit_id).area) == "90.00"


def test_storage_failure_keeps_typed_text(qtbot, office, db, no_dialogs, monkeypatch):
    dock = docks.UnitsDock(_ctx(office, db))
    qtbot.addWidget(dock)

    def lost(*a, **k):
        raise StorageUnavailable("disk I/O error")

    monkeypatch.setattr(reference, "create_unit", lost)
    dock.form.field("code").setText("A-1250")
    dock.form.field("floor_number").setText("12")
    assert dock.save() is False
    assert any("cannot be reached" in t for t in no_dialogs)
    assert dock.form.field("code").text() == "A-1250"


def test_unit_form_validation_and_create(qtbot, office, db, no_dialogs):
    dock = docks.UnitsDock(_ctx(office, db))
    qtbot.addWidget(dock)
    form = dock.form
    form.field("code").setText("B-0101")  # building A is selected
    form.field("floor_number").setText("1")
    assert not dock.save()
    assert "starts with A-" in form.errors.message("code")
    form.field("code").setText("A-0101")
    form.field("area").setText("55.5")
    status = form.field("status")
    assert isinstance(status, QComboBox)
    status.setCurrentIndex(status.findData("renovating"))
    assert dock.save()
    assert dock.record.code == "A-0101" and dock.record.status == "renovating"
    assert dock.view.model.total == 4


def test_assistant_cannot_edit(qtbot, office, db, make_actor, no_dialogs):
    assistant = make_actor("assistant")
    for cls in (docks.UnitsDock, docks.PartiesDock, docks.StaffDock):
        dock = cls(_ctx(assistant, db))
        qtbot.addWidget(dock)
        assert not dock.can_edit
        assert not dock.save_button.isVisibleTo(dock)
        assert not dock.new_button.isVisibleTo(dock)
        assert dock.read_only_label.isVisibleTo(dock)
        dock.show_record(dock.register, dock.view.model.id_at(0))
        name = "name" if "name" in dock.form.field_names() else "code"
        field = dock.form.field(name)
        assert isinstance(field, QLineEdit) and field.isReadOnly()
        assert dock.save() is False


def test_assistant_sees_masked_numbers(qtbot, office, db, make_actor):
    dock = docks.PartiesDock(_ctx(make_actor("assistant"), db))
    qtbot.addWidget(dock)
    dock.show_record("parties", dock.view.model.id_at(0))
    assert dock.form.field("id_number").text() != GOOD_RIC
    assert "*" in dock.form.field("id_number").text()
    col = dock.view.model.columns.index("phone")
    assert "****" in dock.view.model.data(dock.view.model.index(0, col))


def test_supervisor_edits_units_but_not_staff(qtbot, office, db, make_actor):
    supervisor = make_actor("supervisor")
    units = docks.UnitsDock(_ctx(supervisor, db))
    staff = docks.StaffDock(_ctx(supervisor, db))
    qtbot.addWidget(units)
    qtbot.addWidget(staff)
    assert units.can_edit and not staff.can_edit


def test_staff_dock_create_and_leave(qtbot, office, db, no_dialogs):
    dock = docks.StaffDock(_ctx(office, db))
    qtbot.addWidget(dock)
    dock.show()
    form = dock.form
    form.field("name").setText("赵工程")
    dept = form.field("department")
    dept.setCurrentIndex(dept.findData("工程部"))
    assert dock.save()
    assert dock.record.department == "工程部"
    assert dock.leave_button.isVisible()
    assert dock.record_leaving()
    assert dock.record.active is False
    assert not dock.leave_button.isVisible()


def test_list_browsing_never_overwrites_edits(qtbot, office, db, no_dialogs):
    dock = docks.UnitsDock(_ctx(office, db))
    qtbot.addWidget(dock)
    first, second = dock.view.model.id_at(0), dock.view.model.id_at(1)
    dock.show_record("units", first)
    dock.form.field("area").setText("77.00")
    dock.view.select_id(second)  # moving in the list: the form keeps the edit
    assert dock.record.id == first
    assert dock.form.field("area").text() == "77.00"
    assert dock.open_record(second) is False  # asked, answered No
    assert dock.form.field("area").text() == "77.00"


def test_enter_in_list_opens_record(qtbot, office, db, no_dialogs):
    dock = docks.UnitsDock(_ctx(office, db))
    qtbot.addWidget(dock)
    target = dock.view.model.id_at(2)
    dock.view.select_id(target)
    dock.view.table.setFocus()
    qtbot.keyClick(dock.view.table, Qt.Key.Key_Return)
    assert dock.record.id == target
