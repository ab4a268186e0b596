"""The layers stay apart: no Qt in app/, no peewee (and no SQL building) in ui/, and the floors
under the services (db → migrations → backup → db_open) never import a floor above them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _imports(folder: str) -> list[tuple[Path, str]]:
    found = []
    for path in (ROOT / folder).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [(path, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.append((path, node.module))
    return found


def test_app_never_imports_qt() -> None:
    bad = [
        (str(p.relative_to(ROOT)), m)
        for p, m in _imports("app")
        if m.split(".")[0] in {"PySide6", "shiboken6", "qtawesome", "PyQt6", "PyQt5", "qtpy"}
    ]
    assert bad == []


def test_ui_never_imports_peewee() -> None:
    bad = [
        (str(p.relative_to(ROOT)), m)
        for p, m in _imports("ui")
        if m.split(".")[0] in {"peewee", "playhouse", "sqlite3", "psycopg2", "psycopg"}
    ]
    assert bad == []


def test_ui_never_imports_models_or_db() -> None:
    bad = [
        (str(p.relative_to(ROOT)), m)
        for p, m in _imports("ui")
        if m.startswith(("app.models", "app.migrations"))
    ]
    assert bad == []


def test_layering_check_sees_imports() -> None:
    """Guard against the check passing because it reads nothing."""
    assert any(m == "peewee" for _, m in _imports("app"))
    assert any(m.startswith("PySide6") for _, m in _imports("ui"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_modules(tree: ast.AST, module: str, is_package: bool = False) -> set[str]:
    """Every name imported anywhere in `tree` (inside functions too), fully qualified:
    `from app import backup` is app.backup, `from . import x` is resolved against `module`."""
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _reaching_up(floor: str, higher: tuple[str, ...]) -> list[tuple[str, str]]:
    target = ROOT / floor
    paths = sorted(target.rglob("*.py")) if target.is_dir() else [target]
    assert paths and all(p.is_file() for p in paths), f"{floor} is gone: update this test"
    bad = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = _imported_modules(tree, _module_name(path), path.name == "__init__.py")
        bad += [
            (str(path.relative_to(ROOT)), name)
            for name in sorted(names)
            if any(name == h or name.startswith(h + ".") for h in higher)
        ]
    return bad


# The floors under the services (app/db_open.py's docstring draws them): a lower floor never
# imports a higher one, not even lazily inside a function to dodge an import cycle.
_ABOVE_DB = ("app.models", "app.migrations", "app.heartbeats", "app.backup", "app.db_open")
_FLOORS = [
    pytest.param("app/db.py", (*_ABOVE_DB, "app.services", "app.printing"), id="db"),
    pytest.param(
        "app/migrations",
        ("app.backup", "app.db_open", "app.services", "app.printing"),
        id="migrations",
    ),
    pytest.param(
        "app/heartbeats.py",
        ("app.backup", "app.db_open", "app.services", "app.printing"),
        id="heartbeats",
    ),
    pytest.param("app/backup.py", ("app.db_open", "app.services", "app.printing"), id="backup"),
    pytest.param("app/db_open.py", ("app.services", "app.printing"), id="db_open"),
    pytest.param("app/printing", ("app.services", "app.kit.services"), id="printing"),
]


@pytest.mark.parametrize(("floor", "higher"), _FLOORS)
def test_lower_floors_do_not_reach_up(floor: str, higher: tuple[str, ...]) -> None:
    assert _reaching_up(floor, higher) == []


def test_floor_check_sees_imports_inside_functions() -> None:
    """Guard against the floor check passing because it misreads the imports it should catch."""
    tree = ast.parse(
        "import app.db\n"
        "def f():\n"
        "    from app import backup\n"
        "    from . import search_index\n"
        "    from ..services.presence import connected_desks\n"
    )
    names = _imported_modules(tree, "app.migrations", is_package=True)
    assert {"app.db", "app.backup", "app.migrations.search_index"} <= names
    assert "app.services.presence.connected_desks" in names
    assert _reaching_up("app/cli.py", ("app.services",))  # the CLI is above the services
