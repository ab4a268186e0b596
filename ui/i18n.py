"""Translations: the one zh_CN catalogue for widgets and app-layer messages.

`resources/i18n/propdesk_zh_CN.ts` is the source of truth; the `.qm` Qt loads is generated, never
committed. From a source checkout or an installed wheel it is compiled on demand with the
`lrelease` that ships in the PySide6 wheel, into the user cache folder (or beside the .ts when the
cache is not writable), only when missing or older than the .ts. A frozen build loads the .qm
that packaging compiled into resources/i18n/.

The declared registers' labels (app/kit) are not in the .ts: `ui.kit.labels.KitTranslator`, installed
beside the catalogue for Chinese, answers them from the declarations.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app import paths
from app.paths import resource_path

log = logging.getLogger(__name__)

DEFAULT_LANG = "zh_CN"
_INSTALLED: list[QTranslator] = []  # Python must keep installed translators alive
CATALOGUE = "propdesk"


def ts_path(lang: str = DEFAULT_LANG) -> Path:
    return resource_path("i18n", f"{CATALOGUE}_{lang}.ts")


def cache_dir() -> Path:
    return paths.cache_dir() / "i18n"


def find_qt_tool(name: str) -> str | None:
    """`lrelease` / `lupdate` from the PySide6 wheel, else the pyside6-… wrapper, else PATH."""
    try:
        import PySide6

        folder = Path(PySide6.__file__).resolve().parent
        for candidate in (folder / name, folder / f"{name}.exe"):
            if candidate.is_file():
                return str(candidate)
    except ImportError:  # pragma: no cover - PySide6 is a hard dependency
        pass
    return shutil.which(f"pyside6-{name}") or shutil.which(name)


def compile_ts(ts: Path, qm: Path) -> Path:
    """Run lrelease ts → qm. Raises RuntimeError with lrelease's own message on failure."""
    tool = find_qt_tool("lrelease")
    if tool is None:
        raise RuntimeError("lrelease not found (it ships in the PySide6 wheel)")
    qm.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        [tool, "-silent", str(ts), "-qm", str(qm)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0 or not qm.is_file():
        raise RuntimeError(f"lrelease failed: {(proc.stderr or proc.stdout).strip()}")
    return qm


def _fresh(qm: Path, ts: Path) -> bool:
    return qm.is_file() and qm.stat().st_mtime >= ts.stat().st_mtime


def qm_path(lang: str = DEFAULT_LANG) -> Path | None:
    """The compiled catalogue for `lang`, compiling it first when needed; None if impossible."""
    name = f"{CATALOGUE}_{lang}.qm"
    if getattr(sys, "frozen", False):
        prebuilt = resource_path("i18n", name)
        return prebuilt if prebuilt.is_file() else None
    ts = ts_path(lang)
    if not ts.is_file():
        prebuilt = resource_path("i18n", name)  # an installer may ship only the .qm
        return prebuilt if prebuilt.is_file() else None
    # The shared cache is keyed by the catalogue's content: two checkouts (or versions) on one
    # PC never pick up each other's compiled strings.
    digest = hashlib.sha1(ts.read_bytes()).hexdigest()[:12]  # noqa: S324 - a cache key
    candidates = [cache_dir() / f"{CATALOGUE}_{lang}_{digest}.qm", ts.with_suffix(".qm")]
    for qm in candidates:
        if _fresh(qm, ts):
            return qm
    for qm in candidates:
        try:
            return compile_ts(ts, qm)
        except (OSError, RuntimeError) as exc:
            log.warning("cannot compile %s to %s: %s", ts, qm, exc)
    return None


def load_translator(app: QCoreApplication, lang: str = DEFAULT_LANG) -> QTranslator | None:
    """Install PropDesk's catalogue (and Qt's own for standard buttons) for `lang`.

    Returns the installed PropDesk translator, or None when the language is English or the
    catalogue cannot be had (the UI then shows the English source text).
    """
    if not lang or lang.lower().startswith("en"):
        return None
    unload_translators(app)
    keep = _INSTALLED
    if lang.lower().startswith("zh"):
        # The registers' declared labels (ui/kit/labels.py). Installed first, so it is asked
        # last: the .qm answers every other string without a call into Python.
        from ui.kit.labels import KitTranslator

        kit = KitTranslator(app)
        app.installTranslator(kit)
        keep.append(kit)
    qt_translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(QLocale(lang), "qtbase", "_", qt_dir):
        app.installTranslator(qt_translator)
        keep.append(qt_translator)
    qm = qm_path(lang)
    if qm is None:
        log.warning("no %s translation available; showing English", lang)
        return None
    translator = QTranslator(app)
    if not translator.load(str(qm)):
        log.warning("cannot load %s", qm)
        return None
    app.installTranslator(translator)
    keep.append(translator)
    QLocale.setDefault(QLocale(lang))
    return translator


def unload_translators(app: QCoreApplication) -> None:
    """Remove what load_translator installed (language switch on restart)."""
    while _INSTALLED:
        app.removeTranslator(_INSTALLED.pop())


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def tr_msg(msg: Any) -> str:
    """Translate a message from app/ (a str or an app.i18n.Msg) and fill in its parameters."""
    if msg is None:
        return ""
    template = getattr(msg, "template", None) or str(msg)
    params = getattr(msg, "params", None) or {}
    text = QCoreApplication.translate("app", template)
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):  # a bad translation must not hide the message
            return template.format(**params)
    return text
