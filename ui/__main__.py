"""`python -m ui [--db URL] [--screenshot FILE.png] [--smoke [DIR]]` — the PropDesk desk application.

--screenshot renders without a person at the keyboard (docs, smoke tests of the installer): on a
demo database it logs in as the demo administrator and grabs the main window at 1440×900; on any
other database it grabs the login dialog. Exit code 0 on success, 1 with a one-line message on
stderr otherwise.

--smoke is the self-test of an installed or frozen build (packaging/build.py runs it on the
PyInstaller bundle): see smoke().
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
    # Packaging (issue 4): self-test of a frozen/installed build; DIR keeps the slip and window.
    parser.add_argument(
        "--smoke",
        nargs="?",
        const="",
        metavar="DIR",
        help="self-test (temporary database, slip, main window offscreen) and exit",
    )
    return parser


def _settle(rounds: int = 10) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    for _ in range(rounds):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QCoreApplication.sendPostedEvents()


def _is_demo() -> bool:
    from app.maintenance import is_demo_database  # not app.demo: that imports Faker & co.

    return is_demo_database()


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


# --- --smoke (added for packaging, issue 4) ------------------------------------------------------
SMOKE_TEXT = "A-1203 户门钥匙"  # Chinese on the slip: the CJK font must be bundled and embedded
SMOKE_CODE = "SMOKE-0001"


def smoke(keep: Path | None) -> int:
    """Self-test of a build: a fresh temporary database, a key tag PDF with Chinese text and a
    Code 128 barcode, the main window offscreen with the keys dock built, the About version and
    the zh_CN translation. Touches nothing of this PC's settings. Raises RuntimeError (one line)
    on the first failure; prints one `propdesk smoke: ok …` line on success.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["PROPDESK_LANG"] = "zh_CN"
    with tempfile.TemporaryDirectory(prefix="propdesk-smoke-") as tmp:
        for var, sub in (
            ("PROPDESK_CONFIG_DIR", "config"),
            ("PROPDESK_DATA_DIR", "data"),
            ("PROPDESK_CACHE_DIR", "cache"),
        ):
            os.environ[var] = str(Path(tmp, sub))
        try:
            line = _smoke(Path(tmp), keep)
        except Exception as exc:
            line = f"propdesk: {type(exc).__name__}: {exc}"
            raise
        finally:  # a windowed Windows build has no stdout: DIR/smoke.txt carries the outcome
            if keep is not None:
                keep.mkdir(parents=True, exist_ok=True)
                (keep / "smoke.txt").write_text(line + "\n", encoding="utf-8")
    print(line)
    return 0


def _smoke(tmp: Path, keep: Path | None) -> str:
    from PySide6.QtCore import QSettings, qVersion
    from PySide6.QtWidgets import QLabel

    from app import __version__
    from app.db import close_database, open_database
    from app.printing import slips
    from app.services import accounts
    from app.services.context import SYSTEM
    from ui.application import create_application
    from ui.context import UiContext
    from ui.dialogs.about import AboutDialog
    from ui.i18n import qm_path
    from ui.icons import icon
    from ui.main_window import MainWindow

    def check(ok: object, reason: str) -> None:
        if not ok:
            raise RuntimeError(f"smoke: {reason}")

    create_application(interactive=False)
    check(qm_path("zh_CN") is not None, "no zh_CN translation (.qm) in the resources")
    check(not icon("key").isNull(), "qtawesome icon font missing")
    pdf = slips.render_key_tags(
        [slips.KeyTag(code=SMOKE_CODE, label=SMOKE_TEXT, unit_or_area="A栋 1203", hook="7")]
    )
    check(pdf.startswith(b"%PDF") and len(pdf) > 1000, "key tag PDF is empty")
    check(b"+DroidSansFallback" in pdf and b"FontFile2" in pdf, "CJK font not embedded in slip")
    info = open_database(str(tmp / "smoke.sqlite3"), create=True)
    try:
        accounts.create_first_admin(SYSTEM, "smoke", "Front-2026-check")
        actor = accounts.login("smoke", "Front-2026-check", reason="smoke test").actor
        ctx = UiContext(actor=actor, database=info)
        settings = QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat)
        window = MainWindow(ctx, settings)
        window.resize(*SCREENSHOT_SIZE)
        window.show()
        _settle()
        check("dock_keys" in window.docks, "keys dock missing (ui.docks not collected?)")
        built = window.docks["dock_keys"].ensure_widget()
        check(not isinstance(built, QLabel), "keys dock failed to build; see the log")
        _settle()
        about = AboutDialog(ctx, window)
        labels = [label.text() for label in about.findChildren(QLabel)]
        check(any(__version__ in text for text in labels), "version missing in About")
        check(about.windowTitle() != "About PropDesk", "About dialog not translated")
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            (keep / "key-tag.pdf").write_bytes(pdf)
            check(window.grab().save(str(keep / "main-window.png"), "PNG"), "cannot save PNG")
        about.deleteLater()
        window.hide()
        window.deleteLater()
        _settle(2)
    finally:
        close_database()
    return (
        f"propdesk smoke: ok (PropDesk {__version__}, {len(window.docks)} docks, "
        f"slip {len(pdf)} bytes, Qt {qVersion()}, frozen={bool(getattr(sys, 'frozen', False))})"
    )


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
            return smoke(Path(args.smoke) if args.smoke else None)
        if args.screenshot:
            return screenshot(args.db, Path(args.screenshot))
        return run_desk(args.db)
    except Exception as exc:  # noqa: BLE001 - one line for the person or script that started us
        log.exception("PropDesk stopped")
        _report_fatal(f"propdesk: {type(exc).__name__}: {exc}")
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
