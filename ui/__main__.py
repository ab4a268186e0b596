"""`python -m ui [--db URL] [--screenshot FILE.png]` — the PropDesk desk application.

--screenshot renders without a person at the keyboard (docs, smoke tests of the installer): on a
demo database it logs in as the demo administrator and grabs the main window at 1440×900; on any
other database it grabs the login dialog. Exit code 0 on success, 1 with a one-line message on
stderr otherwise.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from pathlib import Path

log = logging.getLogger("ui")

EXIT_RESTART = 1000  # MainWindow asks for a restart (new database or language)
SCREENSHOT_SIZE = (1440, 900)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="propdesk", description="PropDesk service desk")
    parser.add_argument("--db", help="database URL or path (default: $PROPDESK_DB, then this PC's)")
    parser.add_argument(
        "--screenshot", metavar="FILE.png", help="render the window to a PNG and exit"
    )
    return parser


def _settle(rounds: int = 10) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    for _ in range(rounds):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QCoreApplication.sendPostedEvents()


def _is_demo() -> bool:
    try:
        from app import demo
    except ImportError:
        return False
    return bool(demo.is_demo_database())


def screenshot(db: str | None, out: Path) -> int:
    """Render the main window (demo database) or the login dialog (any other) to `out`."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from app.db import close_database, open_database
    from app.settings import configured_database_url
    from ui.application import create_application

    url = configured_database_url(db)
    if not url:
        raise RuntimeError("no database given (use --db)")
    create_application(interactive=False)
    info = open_database(url, create=False)
    try:
        if _is_demo():
            from app import demo
            from app.services import accounts
            from ui.context import UiContext
            from ui.main_window import MainWindow

            result = accounts.login(demo.DEMO_ADMIN, demo.DEMO_PASSWORD, reason="screenshot")
            ctx = UiContext(actor=result.actor, database=info)
            with tempfile.TemporaryDirectory() as tmp:  # the default layout, not this PC's
                settings = QSettings(str(Path(tmp) / "ui.ini"), QSettings.Format.IniFormat)
                widget = MainWindow(ctx, settings)
                widget.resize(*SCREENSHOT_SIZE)
                widget.show()
                _settle()
                pixmap = widget.grab()
                widget.hide()
                widget.deleteLater()
        else:
            from ui.dialogs.login import LoginDialog

            widget = LoginDialog(database=info.target.describe())
            widget.show()
            _settle()
            pixmap = widget.grab()
            widget.hide()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not pixmap.save(str(out), "PNG"):
            raise RuntimeError(f"cannot write {out}")
    finally:
        close_database()
    return 0


def run_desk(db: str | None) -> int:
    from PySide6.QtWidgets import QApplication

    from app.db import close_database
    from ui.application import create_application, setup_language
    from ui.main_window import MainWindow
    from ui.startup import run_startup

    app = create_application()
    app.setQuitOnLastWindowClosed(True)
    explicit = db
    while True:
        ctx = run_startup(explicit)
        if ctx is None:
            return 0
        window = MainWindow(ctx)
        window.restart_requested.connect(lambda: QApplication.exit(EXIT_RESTART))
        window.show()
        code = app.exec()
        window.save_layout()
        window.hide()
        window.deleteLater()
        close_database()
        if code != EXIT_RESTART:
            return code
        explicit = None  # after a switch, the newly saved choice applies
        setup_language(app)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.screenshot:
            return screenshot(args.db, Path(args.screenshot))
        return run_desk(args.db)
    except Exception as exc:  # noqa: BLE001 - one line for the person or script that started us
        log.exception("PropDesk stopped")
        print(f"propdesk: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
