"""Icons: rendered by qtawesome once, then loaded from the cache without importing it."""

from __future__ import annotations

import sys

import pytest

from ui import icons


@pytest.fixture
def fresh_icon_cache(tmp_path, monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.setenv("PROPDESK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(icons, "_CACHE", {})
    monkeypatch.setattr(icons, "_FOLDER", [])
    return tmp_path / "cache"


def test_second_start_loads_icons_without_qtawesome(qapp, fresh_icon_cache, monkeypatch) -> None:  # noqa: ANN001
    first = icons.icon("key")
    assert not first.isNull()
    written = sorted(p.name for p in fresh_icon_cache.rglob("*.png"))
    assert written == ["key-disabled.png", "key.png"]

    # A new start: nothing in memory, and qtawesome cannot be imported at all.
    monkeypatch.setattr(icons, "_CACHE", {})
    monkeypatch.setitem(sys.modules, "qtawesome", None)
    again = icons.icon("key")
    assert not again.isNull()
    assert not again.pixmap(32, 32).toImage().isNull()
    with pytest.raises(ImportError):
        icons.icon("loan")  # not cached yet: this one needs qtawesome


def test_unknown_icon_is_a_bug_under_tests(qapp) -> None:  # noqa: ANN001
    with pytest.raises(icons.UnknownIcon):
        icons.icon("no-such-icon")
