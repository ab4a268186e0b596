"""UI fixtures: a UiContext on the test database, and QSettings in the test's own folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from app.db import DatabaseInfo
from app.services.context import Actor
from ui.context import UiContext


@pytest.fixture
def ui_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui-test.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def ui_ctx(qapp, db: DatabaseInfo, admin: Actor) -> UiContext:  # noqa: ANN001 - pytest-qt fixture
    """An administrator's session on the test database."""
    return UiContext(actor=admin, database=db)


@pytest.fixture
def english(qapp) -> Iterator[None]:  # noqa: ANN001
    """No translator installed (tests that read English source text)."""
    from ui.i18n import unload_translators

    unload_translators(qapp)
    yield
    unload_translators(qapp)
