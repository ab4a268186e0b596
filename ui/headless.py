"""PropDesk without a person at the keyboard: `--screenshot` (docs, installer checks) and
`--smoke` (the self-test packaging/build.py runs on the frozen bundle)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SCREENSHOT_SIZE = (1440, 900)


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

    from app.db import close_database
    from app.db_open import open_database
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
    from app.db import close_database
    from app.db_open import open_database
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
