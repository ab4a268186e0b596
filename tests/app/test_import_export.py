"""Excel in and out (SPEC §2, §1): all-or-nothing imports, complete and logged exports."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from stdnum.cn import uscc

from app.errors import NotFound, PermissionDenied, ValidationError
from app.models import AuditEvent, Floor, Party, Staff, Unit, UnitParty
from app.services import exporting, importing, reference
from app.services.context import Actor

RIC = "11010519491231002X"
USCC = "91110108MA01A2B3C" + uscc.calc_check_digit("91110108MA01A2B3C")


def write_book(path: Path, rows: list[list[Any]]) -> Path:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def read_book(path: Path) -> list[tuple[Any, ...]]:
    return list(load_workbook(path).active.iter_rows(values_only=True))


@pytest.fixture
def supervisor(make_actor: Callable[[str], Actor]) -> Actor:
    actor = make_actor("supervisor")
    reference.create_building(actor, "A", "A座")
    reference.create_building(actor, "B", "B座")
    return actor


UNIT_HEADERS = ["房号", "楼栋", "楼层", "面积(m²)", "用途", "状态"]


def test_a_good_unit_workbook_imports_every_row(supervisor: Actor, tmp_path: Path) -> None:
    book = write_book(
        tmp_path / "units.xlsx",
        [
            UNIT_HEADERS,
            ["A-1203", "A座", 12, 86.5, "办公", "空置"],
            ["a-1204", "A", "12", "120.25", "商铺", "已入住"],
            [None, None, None, None, None, None],  # blank rows are skipped
            ["B-301", "B", 3, None, None, None],
        ],
    )
    result = importing.import_file(supervisor, "units", book)
    assert result == importing.ImportResult(created=3, updated=0)
    units = {u.code: u for u in Unit.select()}
    assert set(units) == {"A-1203", "A-1204", "B-301"}
    assert Decimal(units["A-1203"].area) == Decimal("86.50")
    assert units["A-1204"].use == "shop" and units["A-1204"].status == "occupied"
    assert units["B-301"].status == "vacant" and units["B-301"].area is None
    assert AuditEvent.select().where(AuditEvent.action == "create unit").count() == 3
    assert AuditEvent.select().where(AuditEvent.action == "import").count() == 1

    # The same codes again update; blank cells keep what is stored.
    again = write_book(
        tmp_path / "again.xlsx", [["房号", "状态", "楼栋", "楼层"], ["A-1203", "装修中", "A", 12]]
    )
    assert importing.import_file(supervisor, "units", again) == importing.ImportResult(0, 1)
    unit = Unit.get(Unit.code == "A-1203")
    assert unit.status == "renovating" and Decimal(unit.area) == Decimal("86.50")
    assert unit.version == 2


def test_one_bad_row_imports_nothing_and_names_the_row(supervisor: Actor, tmp_path: Path) -> None:
    book = write_book(
        tmp_path / "units.xlsx",
        [
            UNIT_HEADERS,
            ["A-1203", "A", 12, 86.5, "办公", "空置"],
            ["A-1204", "A", 12, 90, "办公", "空置"],
            ["A-1205", "A", 12, -5, "办公", "卖了"],  # Excel row 4
            ["A-1206", "A", 12, 70, "办公", "空置"],
        ],
    )
    with pytest.raises(importing.ImportRejected) as caught:
        importing.import_file(supervisor, "units", book)
    assert list(caught.value.errors) == ["row 4"]
    message = caught.value.errors["row 4"]
    assert "面积(m²)" in message and "状态" in message and "房号" not in message
    problems = [(p.row, p.field, p.label) for p in caught.value.problems]
    assert problems == [(4, "area", "面积(m²)"), (4, "status", "状态")]
    assert Unit.select().count() == 0
    assert Floor.select().count() == 0
    assert AuditEvent.select().where(AuditEvent.action.in_(["create unit", "import"])).count() == 0


def test_duplicate_rows_and_missing_headers_are_reported(supervisor: Actor, tmp_path: Path) -> None:
    book = write_book(
        tmp_path / "dup.xlsx",
        [
            UNIT_HEADERS,
            ["A-1203", "A", 12, 80, "办公", "空置"],
            ["a-1203", "A", 12, 80, "办公", "空置"],
        ],
    )
    with pytest.raises(ValidationError) as caught:
        importing.import_file(supervisor, "units", book)
    assert list(caught.value.errors) == ["row 3"]
    assert "2" in caught.value.errors["row 3"]
    no_code = write_book(tmp_path / "no_code.xlsx", [["楼栋", "楼层"], ["A", 1]])
    with pytest.raises(ValidationError) as caught:
        importing.import_file(supervisor, "units", no_code)
    assert "headers" in caught.value.errors and "房号" in caught.value.errors["headers"]
    not_excel = tmp_path / "x.xlsx"
    not_excel.write_text("hello")
    with pytest.raises(ValidationError) as caught:
        importing.import_file(supervisor, "units", not_excel)
    assert "file" in caught.value.errors
    assert Unit.select().count() == 0


PARTY_HEADERS = [
    "姓名",
    "类型",
    "证件类型",
    "证件号码",
    "电话",
    "紧急联系人",
    "紧急联系电话",
    "房号",
]


def test_parties_import_with_a_bad_id_number_imports_nothing(
    supervisor: Actor, tmp_path: Path
) -> None:
    reference.create_unit(supervisor, code="A-1203", building_code="A", floor_number=12)
    bad_ric = RIC[:-1] + "3"
    book = write_book(
        tmp_path / "parties.xlsx",
        [
            PARTY_HEADERS,
            ["张三", "业主", "身份证", RIC, "13800138000", "李四", "13900139000", "A-1203"],
            ["王五", "业主", "身份证", bad_ric, "13800138001", "", "", ""],  # Excel row 3
            [
                "华安科技有限公司",
                "租户",
                "统一社会信用代码",
                USCC,
                "010-88886666",
                "",
                "",
                "A-1203",
            ],
        ],
    )
    with pytest.raises(ValidationError) as caught:
        importing.import_file(supervisor, "parties", book)
    assert list(caught.value.errors) == ["row 3"]
    assert "证件号码" in caught.value.errors["row 3"]
    assert Party.select().count() == 0 and UnitParty.select().count() == 0


def test_a_good_parties_workbook_imports_all_and_links_units(
    supervisor: Actor, tmp_path: Path
) -> None:
    reference.create_unit(supervisor, code="A-1203", building_code="A", floor_number=12)
    reference.create_unit(supervisor, code="A-1204", building_code="A", floor_number=12)
    book = write_book(
        tmp_path / "parties.xlsx",
        [
            PARTY_HEADERS,
            [
                "张三",
                "业主",
                "居民身份证",
                RIC,
                13800138000,
                "李四",
                "13900139000",
                "A-1203、A-1204",
            ],
            [
                "华安科技有限公司",
                "商户",
                "统一社会信用代码",
                USCC,
                "010-88886666",
                "",
                "",
                "A-1203",
            ],
        ],
    )
    assert importing.import_file(supervisor, "parties", book) == importing.ImportResult(2, 0)
    owner = Party.get(Party.name == "张三")
    assert owner.id_number == RIC and owner.phone == "13800138000" and not owner.is_company
    company = Party.get(Party.name == "华安科技有限公司")
    assert company.is_company and company.id_type == "uscc" and company.kind == "tenant"
    assert reference.get_party(supervisor, owner.id).unit_codes == ("A-1203", "A-1204")

    # Matched by ID number: the phone changes, the units stay.
    update = write_book(
        tmp_path / "update.xlsx",
        [["证件号码", "姓名", "类型", "电话"], [RIC, "张三", "业主", "13700137000"]],
    )
    assert importing.import_file(supervisor, "parties", update) == importing.ImportResult(0, 1)
    assert reference.get_party(supervisor, owner.id).phone == "13700137000"
    assert reference.get_party(supervisor, owner.id).unit_codes == ("A-1203", "A-1204")


def test_staff_import_needs_the_staff_permission(
    supervisor: Actor, make_actor: Callable[[str], Actor], tmp_path: Path
) -> None:
    book = write_book(
        tmp_path / "staff.xlsx",
        [["姓名", "部门", "职务", "电话"], ["王五", "工程部", "维修工", "13800138000"]],
    )
    with pytest.raises(PermissionDenied):
        importing.import_file(supervisor, "staff", book)
    manager = make_actor("manager")
    assert importing.import_file(manager, "staff", book) == importing.ImportResult(1, 0)
    assert importing.import_file(manager, "staff", book) == importing.ImportResult(0, 1)
    assert Staff.select().count() == 1


def test_template_has_the_headers_and_imports_back(supervisor: Actor, tmp_path: Path) -> None:
    path = importing.template_workbook("units", tmp_path / "t" / "units.xlsx")
    assert read_book(path) == [tuple(UNIT_HEADERS)]
    wb = load_workbook(path)
    wb.active.append(["A-501", "A", 5, 60, "办公", "空置"])
    wb.save(path)
    assert importing.import_file(supervisor, "units", path) == importing.ImportResult(1, 0)
    for what in ("parties", "staff"):
        headers = read_book(importing.template_workbook(what, tmp_path / f"{what}.xlsx"))[0]
        assert headers[0] == "姓名"


# ---------------------------------------------------------------------------------------------
# Export


@pytest.fixture
def units(supervisor: Actor) -> list[str]:
    codes = []
    for floor in (3, 12):
        for room in range(1, 8):
            code = f"A-{floor}{room:02d}"
            reference.create_unit(
                supervisor, code=code, building_code="A", floor_number=floor, area=f"{50 + room}.5"
            )
            codes.append(code)
    reference.create_party(
        supervisor, kind="owner", name='=HYPERLINK("x")', id_number=RIC, unit_codes=["A-301"]
    )
    return codes


def test_export_writes_headers_and_every_row(
    supervisor: Actor, units: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exporting, "CHUNK", 4)  # several pages, none repeated or lost
    out = tmp_path / "out" / "units.xlsx"
    assert exporting.export_register(supervisor, "units", out) == len(units)
    rows = read_book(out)
    assert rows[0] == ("房号", "楼栋", "楼层", "面积(m²)", "用途", "状态", "业主")
    assert sorted(r[0] for r in rows[1:]) == sorted(units)
    first = next(r for r in rows if r[0] == "A-301")
    assert first[1:6] == ("A", 3, 51.5, "办公", "空置")
    assert first[6] == '=HYPERLINK("x")'  # text, never a formula
    assert not list(tmp_path.glob("out/*.part"))
    event = AuditEvent.select().where(AuditEvent.action == "export").get()
    assert event.username == supervisor.username and event.entity == "units"
    assert '"rows": 14' in event.after


def test_exported_units_import_back_as_updates(
    supervisor: Actor, units: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "units.xlsx"
    exporting.export_register(supervisor, "units", out)
    result = importing.import_file(supervisor, "units", out)
    assert result == importing.ImportResult(created=0, updated=len(units))


def test_export_parties_masks_for_roles_without_pii_and_needs_export(
    supervisor: Actor, units: list[str], make_actor: Callable[[str], Actor], tmp_path: Path
) -> None:
    with pytest.raises(PermissionDenied):
        exporting.export_register(make_actor("assistant"), "parties", tmp_path / "p.xlsx")
    assert not (tmp_path / "p.xlsx").exists()
    exporting.export_register(supervisor, "parties", tmp_path / "p.xlsx")
    rows = read_book(tmp_path / "p.xlsx")
    assert rows[0][:4] == ("姓名/名称", "类型", "是否公司", "证件号码")
    assert rows[1][1:4] == ("业主", "否", RIC)
    with pytest.raises(NotFound):
        exporting.export_register(supervisor, "nonsense", tmp_path / "n.xlsx")


def test_every_registered_list_can_be_exported(
    admin: Actor, units: list[str], tmp_path: Path
) -> None:
    registers = exporting.load_registers()
    assert {"units", "parties", "staff"} <= set(registers)
    for name, spec in registers.items():
        out = tmp_path / f"{name}.xlsx"
        count = exporting.export_register(admin, name, out)
        rows = read_book(out)
        assert len(rows) == count + 1
        assert len(rows[0]) == len(spec.columns)
