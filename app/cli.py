"""Admin CLI: `python -m app COMMAND … [--db URL]` (also `propdesk-admin`).

One-line errors on stderr and a non-zero exit on failure; the office's IT person scripts it.
`--db` falls back to $PROPDESK_DB, then to this PC's configured database, then to the default
embedded database in the user's data folder.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from app.db import close_database, open_database
from app.errors import PropDeskError, ValidationError
from app.paths import default_database_path
from app.services.context import SYSTEM, Actor
from app.settings import configured_database_url

Handler = Callable[[argparse.Namespace], int]


def database_url(args: argparse.Namespace) -> str:
    return configured_database_url(getattr(args, "db", None)) or str(default_database_path())


def _open(args: argparse.Namespace, *, create: bool = False) -> None:
    info = open_database(database_url(args), create=create)
    for warning in info.warnings:
        print(f"warning: {warning}", file=sys.stderr)


def cmd_init(args: argparse.Namespace) -> int:
    from app.services import accounts

    _open(args, create=True)
    print(f"database ready: {database_url(args)}")
    if args.admin and not accounts.has_users():
        password = (
            args.password
            or os.environ.get("PROPDESK_ADMIN_PASSWORD")
            or getpass.getpass(f"password for {args.admin}: ")
        )
        accounts.create_first_admin(SYSTEM, args.admin, password)
        print(f"administrator {args.admin} created")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from app import demo

    _open(args, create=True)
    summary = demo.create_demo(SYSTEM, seed=args.seed, units_per_floor=args.units_per_floor)
    print("demo data created: " + ", ".join(f"{k} {v}" for k, v in summary.items()))
    print(f"log in as {demo.DEMO_ADMIN} / {demo.DEMO_PASSWORD}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from app import maintenance

    _open(args)
    report = maintenance.check_database()
    for line in report.lines:
        print(line)
    return 0 if report.ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    from app import backup

    # migrate=False: a backup never upgrades the database it copies
    info = open_database(database_url(args), create=False, migrate=False)
    for warning in info.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    path = backup.take_backup(backup.MANUAL, Path(args.to) if args.to else None)
    print(f"backup written and checked: {path} ({path.stat().st_size} bytes)")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from app import backup

    url = database_url(args)
    result = backup.restore_backup(Path(args.file), url, force=args.force)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    if result.safety_backup:
        print(f"safety backup of the replaced database: {result.safety_backup}")
    rows = sum(result.restored.tables.values())
    print(
        f"restored {args.file} (schema {result.restored.schema_version}, {rows} rows) into "
        f"{result.target}; integrity ok"
    )
    return 0


def cmd_migrate_to(args: argparse.Namespace) -> int:
    from app import migrate_to

    report = migrate_to.migrate_to(database_url(args), args.url, batch_size=args.batch_size)
    for line in report.lines():
        print(line)
    if not report.ok:
        print("error: the copy does not match the source (see above)", file=sys.stderr)
        return 1
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    from app.services import accounts

    _open(args)
    password = (
        args.password
        or os.environ.get("PROPDESK_NEW_PASSWORD")
        or getpass.getpass(f"password for {args.name}: ")
    )
    accounts.create_user(
        SYSTEM, args.name, password, args.role, display_name=args.display_name or ""
    )
    print(f"user {args.name} ({args.role}) created")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from app.services import importing

    _open(args)
    result = importing.import_file(SYSTEM, args.what, Path(args.file))
    print(f"imported {result.created} new, {result.updated} updated {args.what} from {args.file}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from app.services import exporting

    _open(args)
    rows = exporting.export_register(SYSTEM, args.register, Path(args.file))
    print(f"exported {rows} rows of {args.register} to {args.file}")
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    from app.printing import documents

    _open(args)
    out = Path(args.output)
    if args.what == "key-tag":
        pdf = documents.key_tags_pdf(SYSTEM, args.codes)
    elif args.what == "key-loan":
        if len(args.codes) != 1:
            raise ValidationError({"number": "print key-loan takes one loan number"})
        pdf = documents.key_loan_pdf(SYSTEM, args.codes[0])
    else:  # pragma: no cover - argparse restricts choices
        raise ValidationError({"what": f"unknown print {args.what}"})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf)
    print(f"wrote {out} ({len(pdf)} bytes)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", help="database URL or path (default: $PROPDESK_DB, then this PC's setting)"
    )
    parser = argparse.ArgumentParser(
        prog="propdesk-admin", description="PropDesk administration", parents=[common]
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("init", parents=[common], help="create (or upgrade) the office database")
    p.add_argument("--admin", help="create this first administrator account")
    p.add_argument("--password", help="its password (else $PROPDESK_ADMIN_PASSWORD or a prompt)")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", parents=[common], help="fill the database with realistic demo data")
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--units-per-floor", type=int, default=8)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("check", parents=[common], help="integrity check and schema version")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("backup", parents=[common], help="back the database up now (checked)")
    p.add_argument("--to", metavar="DIR", help="folder (default: the office's backup folder)")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser(
        "restore", parents=[common], help="replace the database with a checked backup"
    )
    p.add_argument("file", metavar="FILE", help="a PropDesk backup (.sqlite3)")
    p.add_argument(
        "--force",
        action="store_true",
        help="ignore desks that still look connected (stale presence); never a locked file",
    )
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser(
        "migrate-to", parents=[common], help="copy this SQLite database into an empty PostgreSQL"
    )
    p.add_argument("url", metavar="postgresql://…", help="the empty PostgreSQL database")
    p.add_argument("--batch-size", type=int, default=500, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_migrate_to)

    p = sub.add_parser("user", parents=[common], help="user accounts")
    user_sub = p.add_subparsers(dest="user_command", required=True)
    ua = user_sub.add_parser("add", parents=[common], help="add a personal account")
    ua.add_argument("name")
    ua.add_argument(
        "--role",
        required=True,
        help="assistant, supervisor, manager, archivist, finance, engineering, security, admin",
    )
    ua.add_argument("--display-name")
    ua.add_argument("--password", help="else $PROPDESK_NEW_PASSWORD or a prompt")
    ua.set_defaults(func=cmd_user_add)

    p = sub.add_parser("import", parents=[common], help="import units, parties or staff from Excel")
    p.add_argument("what", choices=["units", "parties", "staff"])
    p.add_argument("file")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", parents=[common], help="export a register to Excel")
    p.add_argument("register", help="keys, key_loans, units, parties, staff")
    p.add_argument("file")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("print", parents=[common], help="print a slip to PDF")
    p.add_argument("what", choices=["key-tag", "key-loan"])
    p.add_argument("codes", nargs="+", metavar="CODE")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=cmd_print)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=os.environ.get("PROPDESK_LOG", "WARNING"))
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ValidationError as exc:
        print("error: " + "; ".join(f"{k}: {v}" for k, v in exc.errors.items()), file=sys.stderr)
        return 2
    except PropDeskError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        close_database()


__all__ = ["main", "build_parser", "Actor"]
