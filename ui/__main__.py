"""`python -m ui [--db URL] [--screenshot FILE.png] [--smoke [DIR]]` — the PropDesk desk application.

--screenshot renders without a person at the keyboard (docs, smoke tests of the installer): on a
demo database it logs in as the demo administrator and grabs the main window at 1440×900; on any
other database it grabs the login dialog. Exit code 0 on success, 1 with a one-line message on
stderr otherwise.

--smoke is the self-test of an installed or frozen build (packaging/build.py runs it on the
PyInstaller bundle): see ui/headless.py.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger("ui")

EXIT_RESTART = 1000  # MainWindow asks for a restart (new database or language)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="propdesk", description="PropDesk service desk")
    parser.add_argument("--db", help="database URL or path (default: $PROPDESK_DB, then this PC's)")
    parser.add_argument(
        "--screenshot", metavar="FILE.png", help="render the window to a PNG and exit"
    )
    # Packaging (issue 4): self-test of a frozen/installed build; DIR keeps the slip and window.
    parser.add_argument(
        "--smoke",
        nargs="?",
        const="",
        metavar="DIR",
        help="self-test (temporary database, slip, main window offscreen) and exit",
    )
    return parser


def _report_fatal(message: str) -> None:
    """One line on stderr; a windowed build (no console, sys.stderr is None) shows a message
    box instead so the desk never closes silently (added for packaging, issue 4)."""
    if sys.stderr is not None:
        print(message, file=sys.stderr)
        return
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":  # nobody could click it away
        return
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox

        from app.paths import log_dir

        _app = QApplication.instance() or QApplication(sys.argv[:1])
        QMessageBox.critical(None, "PropDesk", f"{message}\n\n{log_dir() / 'propdesk.log'}")
    except Exception:  # noqa: BLE001 - nothing else left to tell
        pass


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
        if args.smoke is not None:
            from ui.headless import smoke

            return smoke(Path(args.smoke) if args.smoke else None)
        if args.screenshot:
            from ui.headless import screenshot

            return screenshot(args.db, Path(args.screenshot))
        return run_desk(args.db)
    except Exception as exc:  # noqa: BLE001 - one line for the person or script that started us
        log.exception("PropDesk stopped")
        _report_fatal(f"propdesk: {type(exc).__name__}: {exc}")
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
