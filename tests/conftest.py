"""Shared fixtures: a fresh real SQLite file per test (or PostgreSQL via $PROPDESK_TEST_DB)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Qt tests run without a display unless the developer asks for a real one.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.db import DatabaseInfo, close_database  # noqa: E402
from app.db_open import open_database  # noqa: E402
from app.services.context import Actor  # noqa: E402

TEST_PASSWORD = "Desk-2026-ok"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the developer's own settings or database."""
    monkeypatch.setenv("PROPDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("PROPDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PROPDESK_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("PROPDESK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PROPDESK_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "office.sqlite3"


def _worker_database(url: str) -> str:
    """Under pytest-xdist each worker has a database of its own (`<name>_gw0` …), made on first
    use, so the PostgreSQL tests run in parallel as the SQLite ones do."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    import psycopg2

    base, _, name = url.rpartition("/")
    mine = name if name.endswith(f"_{worker}") else f"{name}_{worker}"
    con = psycopg2.connect(url)
    con.autocommit = True  # CREATE DATABASE cannot run in a transaction
    try:
        with con.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (mine,))
            if cur.fetchone() is None:
                cur.execute(f'CREATE DATABASE "{mine}"')
    finally:
        con.close()
    os.environ["PROPDESK_TEST_DB"] = f"{base}/{mine}"  # what a test hands to the CLI
    return f"{base}/{mine}"


def _empty_postgresql(url: str) -> None:
    """Each test starts from an empty schema, as it does with a fresh SQLite file."""
    import peewee

    from app.db import make_database, parse_database_url

    database = make_database(parse_database_url(url))
    database.connect()
    database.execute_sql("DROP SCHEMA IF EXISTS public CASCADE")
    database.execute_sql("CREATE SCHEMA public")
    database.close()
    assert isinstance(database, peewee.PostgresqlDatabase)


@pytest.fixture
def db(db_path: Path) -> Iterator[DatabaseInfo]:
    url = os.environ.get("PROPDESK_TEST_DB") or str(db_path)
    if url.startswith("postgresql://"):
        url = _worker_database(url)
        _empty_postgresql(url)
    info = open_database(url)
    yield info
    close_database()


@pytest.fixture
def admin(db: DatabaseInfo) -> Actor:
    from app.services import accounts
    from app.services.context import SYSTEM

    user = accounts.create_first_admin(SYSTEM, "admin", TEST_PASSWORD, "管理员")
    return Actor(user.id, user.username, user.role, user.display_name)


@pytest.fixture
def make_actor(admin: Actor) -> Callable[[str], Actor]:
    """make_actor("assistant") → a logged-in Actor with that role (a real account)."""
    from app.services import accounts

    counter = {"n": 0}

    def make(role: str) -> Actor:
        counter["n"] += 1
        name = f"{role}{counter['n']}"
        user = accounts.create_user(admin, name, TEST_PASSWORD, role, display_name=name)
        return Actor(user.id, user.username, user.role, user.display_name)

    return make
