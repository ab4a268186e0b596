"""The register kit: a register is a declaration (app/kit/declare.py) plus what is truly special
about it. The kit gives every declared register its list (lists.py), the generic create / edit /
void / transition services (services.py), the event trail (trail.py), due rules (due.py), the
scan box lookup (scanning.py), slips (slips.py), the Excel history import (history_import.py),
and — in ui/kit — its dock, forms and the Today panel.

    from app.kit import declare
    ARCHIVE_LOANS = declare(Register(name="archive_loans", model=ArchiveLoan, …))
"""

from __future__ import annotations

from app.kit import registry
from app.kit.declare import (
    Choice,
    Column,
    Context,
    Field,
    Filter,
    Items,
    ListSpec,
    Register,
    TodaySpec,
    Transition,
    choice_filter,
    choices,
    values_of,
)


def declare(register: Register) -> Register:
    """Declare a register; its list is built from the declaration unless it names a
    `list_module` that registers a hand-written one."""
    registry.declare(register)
    if not register.list_module:
        from app.kit.lists import list_for

        list_for(register)
    return register


__all__ = [
    "Choice",
    "Column",
    "Context",
    "Field",
    "Filter",
    "Items",
    "ListSpec",
    "Register",
    "TodaySpec",
    "Transition",
    "choice_filter",
    "choices",
    "declare",
    "registry",
    "values_of",
]
