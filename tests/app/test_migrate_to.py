"""migrate-to: the demo office's SQLite file copied into a real, empty PostgreSQL database.

The target is a database of its own (`propdesk_migrate_test_<worker>`), created and dropped here
as the propdesk role (it needs CREATEDB; tools/dev.py grants it), so it never collides with the
`db` fixture's database when tests/app runs on PostgreSQL. Skipped when no server answers at
$PROPDESK_TEST_DB (or the default local one).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest

from app import cli, migrate_to
from app.db import close_database
from app.db_open import open_database
from app.migrate_to import MigrationRefused

DEFAULT_URL = "postgresql://propdesk:propdesk@127.0.0.1:5432/propdesk_test"

psycopg2 = pytest.importorskip("psycopg2")


def _server_url() -> str:
    url = os.environ.get("PROPDESK_TEST_DB") or ""
    return url if url.startswith(("postgresql://", "postgres://")) else DEFAULT_URL


def _with_database(url: str, name: str) -> str:
    return urlunparse(urlparse(url)._replace(path="/" + name))


@pytest.fixture
def pg_url() -> Iterator[str]:
    server = _server_url()
    name = "propdesk_migrate_test_" + os.environ.get("PYTEST_XDIST_WORKER", "main")
    try:
        admin = psycopg2.connect(_with_database(server, "postgres"), connect_timeout=3)
    except psycopg2.OperationalError as exc:
        pytest.skip(f"no PostgreSQL server at {urlparse(server).hostname}: {exc}".strip())
    admin.autocommit = True
    try:
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            try:
                cur.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
            except psycopg2.errors.InsufficientPrivilege:
                pytest.skip(
                    "the PostgreSQL role may not create databases (ALTER ROLE propdesk CREATEDB)"
                )
        yield _with_database(server, name)
    finally:
        close_database()
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "propdesk.sqlite3"
    assert cli.main(["demo", "--db", str(path)]) == 0
    return path


@pytest.fixture
def demo_file(demo_template: Path, tmp_path: Path) -> Path:
    """A copy of the demo office (made once by `python -m app demo`; closed, so a plain copy)."""
    path = tmp_path / "office" / "propdesk.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(demo_template, path)
    return path


def _sqlite_rows(path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _pg_rows(url: str, sql: str) -> list[tuple]:
    con = psycopg2.connect(url)
    try:
        with con.cursor() as cur:
            cur.execute(sql)
            return cur.fetchall()
    finally:
        con.close()


def test_migrate_to_copies_the_demo_and_propdesk_works_on_the_copy(
    demo_file: Path, pg_url: str
) -> None:
    report = migrate_to.migrate_to(str(demo_file), pg_url, batch_size=97)
    assert report.ok and report.committed, report.lines()
    counts = {t.table: (t.source, t.target) for t in report.tables}
    assert counts["unit"][0] >= 480 and counts["unit"][0] == counts["unit"][1]
    assert counts["audit_event"][1] > 0 and counts["key_loan"][1] > 0
    assert "workstation" not in counts  # presence heartbeats are not copied
    assert report.spot_checked > 20

    # checked independently of the module: every table, every document sequence
    for table, (source, target) in counts.items():
        assert _sqlite_rows(demo_file, f'SELECT count(*) FROM "{table}"')[0][0] == source
        assert _pg_rows(pg_url, f'SELECT count(*) FROM "{table}"')[0][0] == target == source
    seq_sql = "SELECT prefix, year, last_value FROM document_sequence ORDER BY prefix, year"
    sequences = _sqlite_rows(demo_file, seq_sql)
    assert sequences and _pg_rows(pg_url, seq_sql) == sequences
    loans = "SELECT id, number, borrower_name, due_at FROM key_loan ORDER BY id"
    pg_loans = [(i, n, b, str(d)) for i, n, b, d in _pg_rows(pg_url, loans)]
    assert pg_loans == _sqlite_rows(demo_file, loans)

    # a PropDesk service on the copy: the next loan number follows the copied sequence
    from app.models import AuditEvent, Key, Staff, User
    from app.services import keys, numbering
    from app.services.context import Actor

    open_database(pg_url, create=False)
    user = User.get(User.username == "admin")
    admin = Actor(user.id, user.username, user.role, user.display_name)
    now = datetime.now()
    last = dict(((p, y), v) for p, y, v in sequences).get(("YS", now.year), 0)
    key = Key.select().where(Key.status == "in_cabinet").order_by(Key.id).first()
    staff = Staff.select().where(Staff.active == True).order_by(Staff.id).first()  # noqa: E712
    max_audit = AuditEvent.select().order_by(AuditEvent.id.desc()).first().id
    loan = keys.lend_key(
        admin, key.code, borrower_kind="staff", borrower_staff_id=staff.id, purpose="巡检"
    )
    assert loan.number == numbering.format_number("YS", now.year, last + 1)
    # the id sequences were moved past the copied ids
    assert AuditEvent.select().order_by(AuditEvent.id.desc()).first().id > max_audit
    new_key = keys.create_key(admin, label="迁移后新钥匙")
    assert new_key.id > key.id
    # the audit log is still append-only on the copy
    import peewee

    with pytest.raises(peewee.DatabaseError, match="append-only"):
        AuditEvent.update(action="x").where(AuditEvent.id == max_audit).execute()
    close_database()


def test_migrate_to_refuses_a_target_that_is_not_empty(demo_file: Path, pg_url: str) -> None:
    assert migrate_to.migrate_to(str(demo_file), pg_url).ok
    before = _pg_rows(pg_url, "SELECT count(*) FROM unit")
    with pytest.raises(MigrationRefused, match="already holds PropDesk data"):
        migrate_to.migrate_to(str(demo_file), pg_url)
    assert _pg_rows(pg_url, "SELECT count(*) FROM unit") == before


def test_migrate_to_refuses_a_database_with_other_tables(demo_file: Path, pg_url: str) -> None:
    con = psycopg2.connect(pg_url)
    with con, con.cursor() as cur:
        cur.execute("CREATE TABLE invoices (id serial PRIMARY KEY)")
    con.close()
    with pytest.raises(MigrationRefused, match="not empty"):
        migrate_to.migrate_to(str(demo_file), pg_url)
    assert _pg_rows(pg_url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(1,)]


def test_migrate_to_accepts_an_initialised_but_empty_schema(demo_file: Path, pg_url: str) -> None:
    assert cli.main(["init", "--db", pg_url]) == 0
    assert migrate_to.migrate_to(str(demo_file), pg_url).ok


def test_a_mismatch_rolls_the_copy_back_and_fails_the_command(
    demo_file: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    real_copy = migrate_to._copy_table

    def lossy_copy(model, src, dst, batch_size):  # noqa: ANN001, ANN202
        copied = real_copy(model, src, dst, batch_size)
        if model._meta.table_name == "record_event":  # a leaf table: lose its last row
            dst.execute_sql(
                "DELETE FROM record_event WHERE id = (SELECT max(id) FROM record_event)"
            )
        return copied

    monkeypatch.setattr(migrate_to, "_copy_table", lossy_copy)
    code = cli.main(["migrate-to", pg_url, "--db", str(demo_file)])
    captured = capsys.readouterr()
    assert code == 1
    assert "MISMATCH" in captured.out and "NOT committed" in captured.out
    assert captured.err.startswith("error: the copy does not match")
    assert _pg_rows(pg_url, "SELECT count(*) FROM unit") == [(0,)]  # rolled back


def test_cli_migrate_to_prints_a_summary(
    demo_file: Path, pg_url: str, capsys: pytest.CaptureFixture, tmp_path: Path
) -> None:
    assert cli.main(["migrate-to", pg_url, "--db", str(demo_file)]) == 0
    out = capsys.readouterr().out
    assert "unit " in out and "copy verified and committed" in out
    assert "before-postgresql.sqlite3" in out  # the snapshot that was copied is kept
    # again: refused, one line, non-zero
    assert cli.main(["migrate-to", pg_url, "--db", str(demo_file)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    # a PostgreSQL database is backed up with pg_dump when it is installed
    if shutil.which("pg_dump"):
        assert cli.main(["backup", "--db", pg_url, "--to", str(tmp_path / "dumps")]) == 0
        (dump,) = (tmp_path / "dumps").glob("*-manual.dump")
        assert dump.stat().st_size > 0


def test_migrate_to_refuses_wrong_kinds_of_database(tmp_path: Path) -> None:
    source = tmp_path / "propdesk.sqlite3"
    with pytest.raises(MigrationRefused, match="postgresql://"):
        migrate_to.migrate_to(str(source), str(tmp_path / "copy.sqlite3"))
    with pytest.raises(MigrationRefused, match="source must be a SQLite"):
        migrate_to.migrate_to("postgresql://u:p@127.0.0.1/x", "postgresql://u:p@127.0.0.1/y")
