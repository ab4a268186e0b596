"""Building the QApplication: names, style, the bundled CJK font, translation, logging, crashes.

`create_application()` is the only place that makes a QApplication for PropDesk; tests use
pytest-qt's and call the pieces (install_font, setup_language) they need.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QSettings, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from app.paths import APP_AUTHOR, APP_NAME, config_dir, log_dir, resource_path

log = logging.getLogger("ui")

FONT_FILE = ("fonts", "DroidSansFallbackFull.ttf")
LANG_ENV = "PROPDESK_LANG"


def ui_settings() -> QSettings:
    """This PC's UI state (window layout, warnings already shown, language) as an INI file in
    PropDesk's config folder, so portable installs and tests keep it beside settings.json."""
    return QSettings(str(config_dir() / "ui.ini"), QSettings.Format.IniFormat)


def setup_logging(level: str | None = None) -> Path | None:
    """Log to `log_dir()/propdesk.log` (rotating) and route Qt's own warnings there too."""
    root = logging.getLogger()
    root.setLevel(level or os.environ.get("PROPDESK_LOG", "INFO"))
    path: Path | None = None
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "propdesk.log"
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    except OSError as exc:  # a read-only profile must not stop the desk
        print(f"propdesk: cannot write the log file: {exc}", file=sys.stderr)
    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def qt_handler(mode: QtMsgType, _context: object, message: str) -> None:
        qt_log.log(levels.get(mode, logging.WARNING), "%s", message)

    qInstallMessageHandler(qt_handler)
    return path


def install_font(app: QApplication) -> str | None:
    """Register the bundled CJK font and put it behind the system UI font as the fallback.

    Chinese then renders on a bare machine (no CJK system font) and in the offscreen platform;
    where Windows has Microsoft YaHei, Qt's own per-glyph fallback still prefers the system font
    for the first family and uses ours only for glyphs it lacks.
    """
    path = resource_path(*FONT_FILE)
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.warning("cannot load the bundled font %s", path)
        return None
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    font = QFont(app.font())
    base = font.family()
    font.setFamilies([base, family] if base and base != family else [family])
    if font.pointSizeF() < 9:
        font.setPointSizeF(9)
    app.setFont(font)
    QFont.insertSubstitution(base, family)
    return family


def chosen_language(settings: QSettings | None = None) -> str:
    """$PROPDESK_LANG, else the language saved in the settings dialog, else zh_CN."""
    env = os.environ.get(LANG_ENV, "").strip()
    if env:
        return env
    settings = settings or ui_settings()
    return str(settings.value("ui/language", "zh_CN") or "zh_CN")


def setup_language(app: QApplication, lang: str | None = None) -> bool:
    from ui.i18n import load_translator

    return load_translator(app, lang or chosen_language()) is not None


class CrashHandler:
    """sys.excepthook: log the traceback, tell the clerk in plain words, keep the app alive."""

    def __init__(self, log_file: Path | None, interactive: bool = True) -> None:
        self.log_file = log_file
        self.interactive = interactive
        self._showing = False

    def __call__(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        log.error("unhandled error:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        if not self.interactive or self._showing or QApplication.instance() is None:
            print(f"propdesk: {exc_type.__name__}: {exc}", file=sys.stderr)
            return
        self._showing = True
        try:
            self.show(exc)
        finally:
            self._showing = False

    def show(self, exc: BaseException) -> None:
        parent = QApplication.activeWindow()
        try:  # a domain error gets the same message a dock would show
            from app.errors import PropDeskError
            from ui.errors import show_error

            if isinstance(exc, PropDeskError):
                show_error(parent, exc)
                return
        except ImportError:
            pass
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("Crash", "PropDesk"))
        box.setText(
            QCoreApplication.translate(
                "Crash",
                "Something went wrong in PropDesk. What you saved before is safe; "
                "the last action may not have finished.",
            )
        )
        where = str(self.log_file) if self.log_file else ""
        box.setInformativeText(
            QCoreApplication.translate(
                "Crash", "Please tell your IT contact. Details are in the log file:\n{path}"
            ).format(path=where)
        )
        box.setDetailedText(f"{type(exc).__name__}: {exc}")
        box.exec()


def create_application(argv: list[str] | None = None, *, interactive: bool = True) -> QApplication:
    """The PropDesk QApplication with font, translator, logging and crash dialog installed."""
    log_file = setup_logging()
    QCoreApplication.setOrganizationName(APP_AUTHOR)
    QCoreApplication.setApplicationName(APP_NAME)
    from app import __version__

    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(list(argv or sys.argv[:1]))
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    app.setApplicationDisplayName("PropDesk")
    from ui.icons import icon

    app.setWindowIcon(icon("key"))
    install_font(app)
    setup_language(app)
    sys.excepthook = CrashHandler(log_file, interactive=interactive)
    log.info("PropDesk %s starting (log %s)", __version__, log_file)
    return app
