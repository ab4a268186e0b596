"""基础资料 (SPEC §2): buildings → floors → units, parties (owners/tenants), departments, staff.

One function per intent, Actor first. Writers validate everything before writing, raise
`ValidationError({field: message})` and audit each record they create or change. Edits go through
`records.update_versioned` (a stale copy raises ConflictError). Readers return frozen views; ID
numbers and phones are masked unless the actor may see personal data (Perm.PII_VIEW), and a full
view is audited (保密制度: "each view logged").

The `clean_*` / `insert_*` / `apply_*` helpers are shared with `services.importing` so an Excel
import validates exactly like the dialogs do; call the writers only inside a write transaction.

Modules: `views` (the frozen views and the queries that build them), `validation` (parsers,
`clean_*` checks and their shared messages), `labels` (the Chinese labels for Excel),
`buildings` (buildings and floors), `units`, `parties`, `staff` (departments and staff) and
`lists` (the register lists). Callers use this package: `from app.services import reference`,
then `reference.create_unit(...)`. Importing it registers the lists "units", "parties", "staff".
"""

from __future__ import annotations

# Importing `lists` registers the register lists with `listing` (services.exporting imports this
# package for that).
from app.services.reference import lists  # noqa: F401
from app.services.reference.buildings import (
    create_building,
    create_floor,
    list_buildings,
    list_floors,
)
from app.services.reference.labels import (
    ID_TYPE_LABELS_ZH,
    KIND_LABELS_ZH,
    STATUS_LABELS_ZH,
    USE_LABELS_ZH,
)
from app.services.reference.parties import (
    apply_party_update,
    create_party,
    get_party,
    insert_party,
    update_party,
    void_party,
)
from app.services.reference.staff import (
    apply_staff_update,
    create_staff,
    ensure_departments,
    get_staff,
    insert_staff,
    list_departments,
    staff_leaves,
    update_staff,
)
from app.services.reference.units import (
    apply_unit_update,
    create_unit,
    find_units,
    get_unit,
    insert_unit,
    update_unit,
)
from app.services.reference.validation import (
    BUILDING_CODE_RE,
    CENT,
    MAX_AREA,
    UNIT_CODE_RE,
    check_id,
    clean_party,
    clean_staff,
    clean_unit,
    normalise_unit_code,
    parse_area,
    parse_bool,
    parse_int,
    split_codes,
)
from app.services.reference.views import BuildingView, FloorView, PartyView, StaffView, UnitView

__all__ = [
    "BUILDING_CODE_RE",
    "BuildingView",
    "CENT",
    "FloorView",
    "ID_TYPE_LABELS_ZH",
    "KIND_LABELS_ZH",
    "MAX_AREA",
    "PartyView",
    "STATUS_LABELS_ZH",
    "StaffView",
    "UNIT_CODE_RE",
    "USE_LABELS_ZH",
    "UnitView",
    "apply_party_update",
    "apply_staff_update",
    "apply_unit_update",
    "check_id",
    "clean_party",
    "clean_staff",
    "clean_unit",
    "create_building",
    "create_floor",
    "create_party",
    "create_staff",
    "create_unit",
    "ensure_departments",
    "find_units",
    "get_party",
    "get_staff",
    "get_unit",
    "insert_party",
    "insert_staff",
    "insert_unit",
    "list_buildings",
    "list_departments",
    "list_floors",
    "normalise_unit_code",
    "parse_area",
    "parse_bool",
    "parse_int",
    "split_codes",
    "staff_leaves",
    "update_party",
    "update_staff",
    "update_unit",
    "void_party",
]
