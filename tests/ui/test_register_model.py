"""RegisterTableModel: lazy pages over app.services.listing, SQL sort/search, errors by signal."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, Qt

from app.errors import StorageUnavailable
from app.models import Building, Floor, Unit
from app.rules.roles import Perm
from app.services import listing
from app.services.listing import RegisterList
from ui.models.register_model import RawRole, RegisterTableModel, RowRole

N_ROWS = 500
TEST_LIST = "test_units"


def _row(actor, u: Unit) -> dict:
    return {
        "id": u.id,
        "code": u.code,
        "area": u.area,
        "status": u.status,
        "use": u.use,
        "voided": u.voided_at is not None,
        "created_at": u.created_at,
    }


def _register_test_list() -> None:
    listing.register_list(
        RegisterList(
            name=TEST_LIST,
            model=Unit,
            columns=("code", "area", "status", "use", "voided", "created_at"),
            permission=Perm.REFERENCE_VIEW,
            base_query=lambda actor, req: (
                Unit.select().where(Unit.status == req.filter("status"))
                if req.filter("status")
                else Unit.select()
            ),
            row=_row,
            sort_fields={"code": Unit.code, "area": Unit.area, "status": Unit.status},
            like_fields=(Unit.code, Unit.use),
            default_sort="code",
        )
    )


@pytest.fixture
def units(db, admin):
    """500 units A-0001 … A-0500 (bulk insert: this tests the model, not the services)."""
    _register_test_list()
    b = Building.create(code="A", name="A座")
    f = Floor.create(building=b, number=1)
    statuses = ("occupied", "vacant", "renovating")
    now = datetime(2026, 3, 1, 9, 30)
    Unit.insert_many(
        [
            {
                "code": f"A-{i:04d}",
                "floor": f.id,
                "area": Decimal(f"{50 + i % 97}.25"),
                "use": "商铺" if i % 10 == 0 else "office",
                "status": statuses[i % 3],
                "created_at": now,
                "updated_at": now,
            }
            for i in range(1, N_ROWS + 1)
        ]
    ).execute()
    return admin


def test_qtmodeltester_with_rows(qtmodeltester, units):
    model = RegisterTableModel(units, TEST_LIST, page_size=200)
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=True)


def test_qtmodeltester_sorted_and_searched(qtmodeltester, units):
    model = RegisterTableModel(units, TEST_LIST, page_size=200)
    model.sort(model.columns.index("area"), Qt.SortOrder.DescendingOrder)
    model.set_search("A-04")
    assert 0 < model.total < N_ROWS
    # (no reset after check(): pytest-qt's tester runs its fetchMore checks from modelReset
    # before it notes that the reset ended, so any lazy model trips it)
    qtmodeltester.check(model, force_py=True)


def test_qtmodeltester_filtered_and_sorted(qtmodeltester, units):
    model = RegisterTableModel(units, TEST_LIST, page_size=50)
    model.set_filters(status="vacant")
    model.sort(model.columns.index("code"), Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model, force_py=True)
    while model.canFetchMore(QModelIndex()):  # each page's insert is checked by the tester
        model.fetchMore(QModelIndex())
    assert model.rowCount() == model.total == 167
    assert model.data(model.index(0, 0)) == "A-0499"


def test_qtmodeltester_empty(qtmodeltester, units):
    model = RegisterTableModel(units, TEST_LIST)
    model.set_filters(status="no such status")
    assert model.rowCount() == 0
    qtmodeltester.check(model, force_py=True)


def test_fetch_more_loads_pages_lazily(units):
    model = RegisterTableModel(units, TEST_LIST, page_size=200)
    root = QModelIndex()
    assert model.total == N_ROWS
    assert model.rowCount() == 200
    assert model.canFetchMore(root)
    model.fetchMore(root)
    assert model.rowCount() == 400
    model.fetchMore(root)
    assert model.rowCount() == N_ROWS
    assert not model.canFetchMore(root)
    model.fetchMore(root)
    assert model.rowCount() == N_ROWS
    assert len({model.data(model.index(r, 0), Qt.UserRole) for r in range(N_ROWS)}) == N_ROWS


def test_sorting_changes_first_row(units):
    model = RegisterTableModel(units, TEST_LIST)
    code = model.columns.index("code")
    assert model.data(model.index(0, code)) == "A-0001"
    model.sort(code, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, code)) == "A-0500"
    area = model.columns.index("area")
    model.sort(area, Qt.SortOrder.DescendingOrder)
    top = model.data(model.index(0, area), RawRole)
    assert top == max(Unit.select(Unit.area).tuples())[0]
    model.sort(area, Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(0, area)) == "50.25"


def test_unsortable_column_falls_back_to_default(units):
    model = RegisterTableModel(units, TEST_LIST)
    model.sort(model.columns.index("created_at"), Qt.SortOrder.DescendingOrder)
    assert model.request().sort is None
    assert model.data(model.index(0, 0)) == "A-0001"


def test_search_and_filters_narrow_the_count(units, qtbot):
    model = RegisterTableModel(units, TEST_LIST)
    with qtbot.waitSignal(model.total_changed) as sig:
        model.set_search("A-04")  # 3+ characters: the FTS trigram path
    assert sig.args == [100]
    assert model.rowCount() == 100
    model.set_search("商铺")  # 1–2 characters: LIKE
    assert model.total == 50
    model.set_search("")
    model.set_filters(status="occupied")
    assert model.total == N_ROWS // 3
    model.set_filters(status=None)
    assert model.total == N_ROWS


def test_real_listing_short_search(units):
    model = RegisterTableModel(units, TEST_LIST)
    model.set_search("商铺")  # 1–2 characters: LIKE on the base table
    assert model.total == 50


def test_real_listing_fts_search(units):
    model = RegisterTableModel(units, TEST_LIST)
    model.set_search("A-04")
    assert model.total == 100


def test_display_formatting_and_roles(units):
    model = RegisterTableModel(units, TEST_LIST)
    cols = model.columns
    idx = model.index(0, cols.index("created_at"))
    assert model.data(idx) == "2026-03-01 09:30"
    assert model.data(model.index(0, cols.index("area"))) == "51.25"
    assert model.data(model.index(0, cols.index("voided"))) == "No"  # 否 with the zh_CN .qm
    assert model.data(model.index(0, cols.index("status"))) == "Vacant"  # A-0001: 1 % 3 == 1
    assert isinstance(model.data(idx, Qt.UserRole), int)
    assert model.data(idx, RowRole)["code"] == "A-0001"
    assert model.headerData(cols.index("code"), Qt.Horizontal) == "Code"
    right = model.data(model.index(0, cols.index("area")), Qt.TextAlignmentRole)
    assert right & int(Qt.AlignRight)


def test_storage_errors_come_as_a_signal(units, qtbot, monkeypatch):
    model = RegisterTableModel(units, TEST_LIST)

    def broken(*args, **kwargs):
        raise StorageUnavailable("share gone")

    monkeypatch.setattr(listing, "page", broken)
    with qtbot.waitSignal(model.load_failed) as sig:
        model.fetchMore(QModelIndex())
    assert isinstance(sig.args[0], StorageUnavailable)
    assert model.rowCount() == 200  # what was shown stays
    assert not model.canFetchMore(QModelIndex())  # no endless retry from the view
    monkeypatch.undo()
    with qtbot.waitSignal(model.load_recovered):
        model.refresh()
    assert model.canFetchMore(QModelIndex())


def test_row_of_id_pages_forward(units):
    model = RegisterTableModel(units, TEST_LIST, page_size=100)
    last = Unit.get(Unit.code == "A-0450").id
    assert model.row_of_id(last) == 449
    assert model.rowCount() >= 450
