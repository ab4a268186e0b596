"""The register docks the main window lays out: declared once, built lazily.

Each DockSpec has a stable `object_name` (QMainWindow.saveState/restoreState need it), a title
(English source, translated in the main window with context "Docks"), an icon name from ui.icons,
the register names whose `open_record` it handles, and a factory that builds its widget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtWidgets import QWidget

from app.rules.roles import Perm
from app.services.context import Actor
from ui.context import UiContext


@dataclass(frozen=True)
class DockSpec:
    object_name: str  # "dock_keys" — never change once released (saved layouts use it)
    title: str  # English source text, translated with QCoreApplication.translate("Docks", title)
    icon: str  # ui.icons name
    registers: tuple[str, ...]  # registers whose records this dock opens, e.g. ("keys",)
    factory: Callable[[UiContext], QWidget]
    shortcut: str = ""  # e.g. "Ctrl+1"
    area: str = "right"  # "left" | "right" | "bottom"
    tags: tuple[str, ...] = field(default_factory=tuple)
    # A role without this permission does not get the dock at all (the services check anyway).
    permission: Perm | None = None
    order: int = 50  # place in the navigator, menus and tab order: the desk's daily work first


DOCKS: list[DockSpec] = []


def add_dock(spec: DockSpec) -> DockSpec:
    DOCKS[:] = [d for d in DOCKS if d.object_name != spec.object_name] + [spec]
    return spec


def docks_for(actor: Actor) -> list[DockSpec]:
    """The docks this user may open, in registry order."""
    allowed = [d for d in DOCKS if d.permission is None or actor.can(d.permission)]
    return sorted(allowed, key=lambda d: d.order)
