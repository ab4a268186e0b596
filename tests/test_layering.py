"""The layers stay apart: no Qt in app/, no peewee (and no SQL building) in ui/."""

from __future__ import annotations

import ast
from pathlib import Path

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
