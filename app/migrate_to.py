"""Move an office from its SQLite file to PostgreSQL: `python -m app migrate-to postgresql://…`.

1. The SQLite database is opened as PropDesk opens it (so an older schema is upgraded first, with
   its backup) and a consistent snapshot of it is taken with the backup API into the backup folder
   (`…-before-postgresql.sqlite3`, kept): the copy reads that snapshot, so desks still open do
   not get locked out, and the office keeps the exact state that was copied.
2. The PostgreSQL database must be empty (no tables, or only an empty PropDesk schema as made by
   `init` without an administrator); anything else is refused untouched.
3. Its schema is made through `open_database`, the same way every PropDesk makes one (tables,
   audit trigger, schema version stamp).
4. Every table of ALL_MODELS (but the presence heartbeats of `workstation`) is copied in
   creation (foreign-key) order, in batches, with the same ids; then each id sequence is set
   past the highest id. The audit log's append-only trigger refuses UPDATE and DELETE only, so
   the inserts pass.
5. Verification inside the same transaction: row counts per table, every DocumentSequence row,
   all of propdesk_meta and a spot check of a few rows' content per table. Any mismatch rolls the
   whole copy back (the target keeps an empty schema and the command can be re-run).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

import peewee

from app import backup
from app.db import close_database, db_proxy, make_database, parse_database_url
from app.db_open import open_database
from app.errors import PropDeskError

log = logging.getLogger(__name__)

SPOT_CHECKS_PER_TABLE = 5
SNAPSHOT_REASON = "before-postgresql"


class MigrationRefused(PropDeskError):
    """The source or the target is not fit for the copy; nothing was written."""


@dataclass
class TableCount:
    table: str
    source: int
    target: int

    @property
    def ok(self) -> bool:
        return self.source == self.target


@dataclass
class MigrationReport:
    source: str
    target: str
    snapshot: str = ""
    tables: list[TableCount] = field(default_factory=list)
    sequences: int = 0
    spot_checked: int = 0
    problems: list[str] = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems and all(t.ok for t in self.tables)

    def lines(self) -> list[str]:
        width = max([len(t.table) for t in self.tables] + [12])
        out = [
            f"source: {self.source}",
            f"snapshot copied: {self.snapshot}",
            f"target: {self.target}",
            f"{'table':<{width}}  {'SQLite':>9}  {'PostgreSQL':>10}",
        ]
        for t in self.tables:
            mark = "ok" if t.ok else "MISMATCH"
            out.append(f"{t.table:<{width}}  {t.source:>9}  {t.target:>10}  {mark}")
        total_s = sum(t.source for t in self.tables)
        total_t = sum(t.target for t in self.tables)
        out.append(f"{'total':<{width}}  {total_s:>9}  {total_t:>10}")
        out.append(f"document sequences equal: {self.sequences}")
        out.append(f"rows spot-checked field by field: {self.spot_checked}")
        out.extend(f"problem: {p}" for p in self.problems)
        if self.ok and self.committed:
            out.append("copy verified and committed; point every PC at the PostgreSQL URL now")
        else:
            out.append("copy NOT committed: the PostgreSQL database was left without data")
        return out


# Not copied: who is connected right now (presence heartbeats) means nothing on the new server.
TRANSIENT_TABLES = frozenset({"workstation"})


def _models() -> list[type[peewee.Model]]:
    from app.models import ALL_MODELS

    return [m for m in ALL_MODELS if m._meta.table_name not in TRANSIENT_TABLES]


def check_target_empty(database: peewee.PostgresqlDatabase) -> None:
    """Refuse a target holding anything but (at most) an empty PropDesk schema."""
    from app.migrations import META_TABLE
    from app.models import ALL_MODELS

    ours = {m._meta.table_name for m in ALL_MODELS}
    tables = database.get_tables()
    foreign = sorted(set(tables) - ours)
    if foreign:
        raise MigrationRefused(
            f"the PostgreSQL database is not empty (tables {', '.join(foreign[:5])}); "
            "give an empty database"
        )
    for table in tables:
        if table == META_TABLE:
            keys = [
                r[0] for r in database.execute_sql(f'SELECT key FROM "{META_TABLE}"').fetchall()
            ]
            if set(keys) - {"schema_version"}:
                raise MigrationRefused("the PostgreSQL database already holds PropDesk data")
            continue
        if database.execute_sql(f'SELECT EXISTS (SELECT 1 FROM "{table}")').fetchone()[0]:
            raise MigrationRefused(
                f"the PostgreSQL database already holds PropDesk data (table {table})"
            )


def _normal(value: Any) -> Any:
    if isinstance(value, memoryview | bytearray):
        return bytes(value)
    if isinstance(value, Decimal):
        return value.normalize()
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def _row(model: type[peewee.Model], database: peewee.Database, pk_value: Any) -> dict | None:
    pk = model._meta.primary_key
    rows = list(model.select().where(pk == pk_value).dicts().execute(database))
    return {k: _normal(v) for k, v in rows[0].items()} if rows else None


def _copy_table(
    model: type[peewee.Model], src: peewee.Database, dst: peewee.Database, batch_size: int
) -> int:
    from app.models import SchemaMeta

    pk = model._meta.primary_key
    copied = 0
    last: Any = None
    while True:
        query = model.select().order_by(pk).limit(batch_size)
        if last is not None:
            query = query.where(pk > last)
        rows = list(query.dicts().execute(src))
        if not rows:
            return copied
        if model is SchemaMeta:  # the target was stamped with schema_version already
            for row in rows:
                SchemaMeta.insert(row).on_conflict(
                    conflict_target=[SchemaMeta.key], update={SchemaMeta.value: row["value"]}
                ).execute(dst)
        else:
            model.insert_many(rows).execute(dst)
        copied += len(rows)
        last = rows[-1][pk.name]


def _fix_sequences(dst: peewee.Database) -> None:
    for model in _models():
        pk = model._meta.primary_key
        if not isinstance(pk, peewee.AutoField):
            continue
        table, column = model._meta.table_name, pk.column_name
        dst.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
            f'COALESCE((SELECT MAX("{column}") FROM "{table}"), 0) + 1, false)'
        )


def _verify(src: peewee.Database, dst: peewee.Database, report: MigrationReport) -> None:
    from app.models import DocumentSequence, SchemaMeta

    for model in _models():
        report.tables.append(
            TableCount(
                model._meta.table_name,
                model.select().count(src),
                model.select().count(dst),
            )
        )

    def sequences(database: peewee.Database) -> set[tuple[str, int, int]]:
        return {
            (r.prefix, r.year, r.last_value) for r in DocumentSequence.select().execute(database)
        }

    src_seq, dst_seq = sequences(src), sequences(dst)
    if src_seq != dst_seq:
        report.problems.append(f"document sequences differ: {sorted(src_seq ^ dst_seq)[:5]}")
    report.sequences = len(src_seq & dst_seq)
    src_meta = {r.key: r.value for r in SchemaMeta.select().execute(src)}
    dst_meta = {r.key: r.value for r in SchemaMeta.select().execute(dst)}
    if src_meta != dst_meta:
        report.problems.append("propdesk_meta differs")

    for model in _models():
        pk = model._meta.primary_key
        ids = [r[0] for r in model.select(pk).order_by(pk).tuples().execute(src)]
        if not ids:
            continue
        step = max(1, len(ids) // (SPOT_CHECKS_PER_TABLE - 1))
        picks = sorted({ids[0], ids[-1], *ids[::step][:SPOT_CHECKS_PER_TABLE]})
        for value in picks:
            a, b = _row(model, src, value), _row(model, dst, value)
            report.spot_checked += 1
            if a != b:
                diff = sorted(k for k in (a or {}) if (b or {}).get(k) != (a or {}).get(k))
                report.problems.append(
                    f"{model._meta.table_name} row {value} differs (fields {', '.join(diff)})"
                )


def migrate_to(source_url: str, target_url: str, *, batch_size: int = 500) -> MigrationReport:
    """Copy the SQLite database at `source_url` into the empty PostgreSQL at `target_url`."""
    source = parse_database_url(source_url)
    target = parse_database_url(target_url)
    if source.kind != "sqlite":
        raise MigrationRefused("the source must be a SQLite database (--db FILE)")
    if target.kind != "postgresql":
        raise MigrationRefused("the target must be a postgresql://user:password@host/db URL")
    report = MigrationReport(source.describe(), target.describe())

    # 1. the source at this program's schema, and a consistent snapshot of it
    open_database(source_url, create=False)
    try:
        snapshot = backup.take_backup(SNAPSHOT_REASON)
    finally:
        close_database()
    report.snapshot = str(snapshot)

    # 2. the target must be empty
    probe = make_database(target)
    try:
        probe.connect()
        check_target_empty(probe)
    except peewee.OperationalError as exc:
        raise MigrationRefused(
            f"cannot connect to {target.describe()}: {str(exc).strip().splitlines()[0]}"
        ) from exc
    finally:
        if not probe.is_closed():
            probe.close()

    # 3. its schema, made as PropDesk makes every schema
    open_database(target_url, create=True)
    dst = db_proxy.obj
    src = peewee.SqliteDatabase(str(snapshot), pragmas={"query_only": 1})
    try:
        src.connect()
        try:
            with dst.atomic() as txn:
                for model in _models():
                    n = _copy_table(model, src, dst, batch_size)
                    log.info("copied %s: %d rows", model._meta.table_name, n)
                _fix_sequences(dst)
                _verify(src, dst, report)
                if not report.ok:
                    txn.rollback()
        except peewee.DatabaseError as exc:
            raise MigrationRefused(
                f"the copy failed and was rolled back: {str(exc).strip().splitlines()[0]}"
            ) from exc
        report.committed = report.ok
    finally:
        src.close()
        close_database()
    return report
