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

from app.db import close_database
from app.db_open import open_database
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


def _parse_map(items: list[str] | None) -> dict[str, str]:
    """`表头=field` pairs (an empty field: leave the column out)."""
    out: dict[str, str] = {}
    for item in items or ():
        header, sep, target = item.partition("=")
        if not sep or not header.strip():
            raise ValidationError({"map": f"expected 表头=field, got {item!r}"})
        out[header.strip()] = target.strip()
    return out


def cmd_import_history(args: argparse.Namespace) -> int:
    """A register's history from an office sheet: every row or none (app/kit/history_import)."""
    from app.kit import history_import, registry
    from app.services.importing import ImportRejected

    _open(args)
    register = registry.find(args.register) or next(
        (r for r in registry.all_registers() if r.zh == args.register), None
    )
    if register is None:
        names = ", ".join(r.name for r in registry.all_registers())
        raise ValidationError({"register": f"no register {args.register!r} (one of: {names})"})
    preview = history_import.read_sheet_columns(Path(args.file))
    mapping, source = history_import.mapping_for(SYSTEM, register, preview.headers)
    mapping = {**mapping, **_parse_map(args.map)}
    labels = {f.name: f.zh for f in history_import.importable_fields(register)}
    print(
        f"{args.file}: sheet {preview.sheet}, header row {preview.header_row}, "
        f"{preview.row_count} rows; {source} mapping{' with --map' if args.map else ''}:"
    )
    for header in preview.headers:
        target = mapping.get(header)
        shown = f"{target} ({labels[target]})" if target in labels else target or "(not imported)"
        print(f"  {header} → {shown}")
    try:
        result = history_import.import_history(
            SYSTEM, register, Path(args.file), mapping, dry_run=args.dry_run
        )
    except ImportRejected as exc:
        for problem in exc.problems:
            print(f"row {problem.row}, {problem.label}: {problem.message}", file=sys.stderr)
        rows = len({p.row for p in exc.problems})
        print(f"error: {rows} row(s) need correcting; nothing was imported", file=sys.stderr)
        return 2
    numbers = f"{result.kept_numbers} numbers kept, {result.new_numbers} new"
    if result.dry_run:
        print(f"dry run: {result.created} rows would be imported ({numbers}); nothing written")
    else:
        print(f"imported {result.created} rows into {register.name} ({numbers})")
    return 0


def cmd_holidays_import(args: argparse.Namespace) -> int:
    from app.services import calendar

    _open(args)
    result = calendar.import_holidays(SYSTEM, Path(args.file))
    print(
        f"imported {result.created} new, {result.updated} updated office calendar days "
        f"from {args.file}"
    )
    return 0


def cmd_holidays_list(args: argparse.Namespace) -> int:
    """One line per special day: office entries, and the package's holidays / 调休 days."""
    from app.services import calendar

    _open(args)
    for entry in calendar.year_days(args.year):
        line = f"{entry.day.isoformat()} {entry.kind_label} {entry.name}".rstrip()
        if entry.source == "package":
            line += "  [package]"
        elif entry.replaces is not None:
            theirs = calendar.KIND_LABELS_ZH["work" if entry.replaces.workday else "off"]
            line += f"  [office; replaces package {theirs} {entry.replaces.name}]"
        print(line)
    if not calendar.schedule_known(args.year):
        print(
            f"warning: the {args.year} holiday schedule has not been entered; "
            "Monday–Friday are being counted as working days",
            file=sys.stderr,
        )
    return 0


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        year = 0
    if not 1900 <= year <= 2200:
        raise argparse.ArgumentTypeError(f"not a year: {text}")
    return year


def _mail_summary(path: Path) -> Path:
    from app.registers.mail import services as mail

    return mail.export_daily_summary(SYSTEM, path)


# export WHAT that is a report of the day, not a register: WHAT → writer of the workbook
EXPORT_REPORTS = {"mail-summary": _mail_summary}


def cmd_export(args: argparse.Namespace) -> int:
    from app.kit import lists
    from app.services import exporting

    _open(args)
    if args.register in EXPORT_REPORTS:  # a report's figures, not a register's rows
        path = EXPORT_REPORTS[args.register](Path(args.file))
        print(f"exported {args.register} to {path}")
        return 0
    request = lists.whole_register(args.register)  # not the list's opening filter
    rows = exporting.export_register(SYSTEM, args.register, Path(args.file), request)
    print(f"exported {rows} rows of {args.register} to {args.file}")
    return 0


# print WHAT → (register, slip, takes codes: "many" | "one" | "none") of a declared slip
KIT_PRINTS: dict[str, tuple[str, str, str]] = {
    "key-tag": ("keys", "tag", "many"),
    "key-loan": ("key_loans", "loan_slip", "one"),
    "archive-label": ("archives", "label", "many"),
    "archive-loan": ("archive_loans", "loan_slip", "one"),
    "archive-return": ("archive_loans", "return_receipt", "one"),
    "archive-overdue": ("archive_loans", "overdue_list", "none"),
    "mail-notice": ("mail", "notice", "many"),
    "mail-label": ("mail", "label", "many"),
    "mail-receipt": ("mail", "receipt", "one"),
    "mail-returns": ("mail", "return_list", "none"),
    "mail-summary": ("mail", "daily_summary", "none"),
    "mail-holiday": ("mail", "holiday_list", "none"),
    "work-order": ("work_orders", "order_slip", "one"),
    "complaint": ("complaints", "handling_form", "one"),
}


def _kit_print(what: str, codes: list[str], paper: str | None) -> bytes:
    """A declared slip (app/kit/slips.py) of the records these codes or numbers find (the scan
    box's lookup), or of the whole register for a list."""
    from app.kit import registry, scanning, slips

    register, slip, takes = KIT_PRINTS[what]
    if takes == "none":
        if codes:
            raise ValidationError({"code": f"print {what} takes no code"})
        return slips.print_list(SYSTEM, register, slip, paper)
    if not codes or (takes == "one" and len(codes) != 1):
        count = "one number" if takes == "one" else "at least one code"
        raise ValidationError({"code": f"print {what} takes {count}"})
    ids = []
    for code in codes:
        hit = scanning.resolve(SYSTEM, code)
        if hit is None or hit.register != register:
            what_en = registry.get(register).en.lower()
            raise ValidationError({"code": f"{code}: not found among the {what_en}"})
        ids.append(hit.record_id)
    return slips.print_slips(SYSTEM, register, slip, ids, paper)


def cmd_print(args: argparse.Namespace) -> int:
    _open(args)
    out = Path(args.output)
    pdf = _kit_print(args.what, args.codes, args.paper)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf)
    print(f"wrote {out} ({len(pdf)} bytes)")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """The service desk's monthly or quarterly report: PDF, or Excel when FILE ends .xlsx."""
    from app.registers.service_desk import reports

    _open(args)
    out = Path(args.output)
    as_ = "xlsx" if out.suffix.lower() == ".xlsx" else "pdf"
    data = reports.print_report(SYSTEM, args.kind, args.period, as_)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(f"wrote {out} ({len(data)} bytes)")
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

    p = sub.add_parser(
        "import-history",
        parents=[common],
        help="import a register's history from an office Excel sheet (all rows or none)",
    )
    p.add_argument("register", help="archive_loans, key_loans, … (or its Chinese name)")
    p.add_argument("file", help=".xlsx; the first row with two filled-in cells is the header")
    p.add_argument(
        "--map",
        action="append",
        metavar="表头=field",
        help="map a column to a field (repeatable; empty field: skip the column); "
        "default: the mapping saved for this header row, else the suggested one",
    )
    p.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    p.set_defaults(func=cmd_import_history)

    p = sub.add_parser("holidays", parents=[common], help="the office holiday calendar")
    hol_sub = p.add_subparsers(dest="holidays_command", required=True)
    hi = hol_sub.add_parser(
        "import", parents=[common], help="import office holidays from Excel (日期, 类型, 名称)"
    )
    hi.add_argument("file", help=".xlsx; 类型: 休 (day off) or 班 (working weekend day)")
    hi.set_defaults(func=cmd_holidays_import)
    hl = hol_sub.add_parser(
        "list", parents=[common], help="list a year's holidays and 调休 days (office and package)"
    )
    hl.add_argument("year", type=_year)
    hl.set_defaults(func=cmd_holidays_list)

    p = sub.add_parser("export", parents=[common], help="export a register to Excel")
    p.add_argument(
        "register",
        help="keys, key_loans, archives, archive_loans, archive_incidents, mail, mail_pickups, "
        "mail_handovers, periodical_receipts, work_orders, complaints, callbacks, units, "
        "parties, staff; or mail-summary (today's mail figures and the items still held)",
    )
    p.add_argument("file")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "report", parents=[common], help="the service desk's monthly or quarterly report"
    )
    p.add_argument("kind", choices=["monthly", "quarterly"])
    p.add_argument("period", help="YYYY-MM (monthly) or YYYY-Qn (quarterly)")
    p.add_argument("-o", "--output", required=True, help="FILE.pdf (A4, charts) or FILE.xlsx")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("print", parents=[common], help="print a slip to PDF")
    p.add_argument("what", choices=list(KIT_PRINTS))
    p.add_argument(
        "codes",
        nargs="*",
        metavar="CODE",
        help="key/file codes or a loan, order or complaint number",
    )
    p.add_argument("-o", "--output", required=True)
    p.add_argument(
        "--paper",
        help="label_50x30 or a4 (tags, labels), receipt_80, receipt_58 or a5 (loan slips, "
        "return receipts, work orders), a4 or a5 (complaint forms); default: the slip's first "
        "paper",
    )
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
