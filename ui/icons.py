"""The one icon registry: PropDesk names → Material Design icons (qtawesome `mdi6`).

Code asks `icon("loan")`, never qtawesome directly, so one table decides how the app looks.
An unknown name raises under pytest (a typo is a bug) and gives an empty icon in production.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import logging
import os
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from app.paths import cache_dir

log = logging.getLogger(__name__)

COLOR = "#37474f"  # blue grey 800: readable on light Fusion, not shouting
COLOR_DISABLED = "#b0bec5"

ICONS: dict[str, str] = {
    # registers
    "key": "mdi6.key-variant",
    "loan": "mdi6.key-arrow-right",
    "return": "mdi6.keyboard-return",
    "handover": "mdi6.swap-horizontal",
    "stocktake": "mdi6.clipboard-check-outline",
    "archive": "mdi6.archive-outline",
    "mail": "mdi6.email-outline",
    "repair": "mdi6.wrench-outline",
    "complaint": "mdi6.message-alert-outline",
    "callback": "mdi6.phone-return-outline",
    "fee": "mdi6.cash-register",
    "receipt": "mdi6.receipt-text-outline",
    "renovation": "mdi6.account-hard-hat",
    "movein": "mdi6.door-open",
    "patrol": "mdi6.clipboard-list-outline",
    "notice": "mdi6.bullhorn-outline",
    "today": "mdi6.calendar-clock",
    "audit": "mdi6.shield-search",
    # reference data
    "unit": "mdi6.home-city-outline",
    "building": "mdi6.office-building-outline",
    "party": "mdi6.account-group",
    "staff": "mdi6.account-tie",
    "user": "mdi6.account",
    # shell
    "scan": "mdi6.barcode-scan",
    "print": "mdi6.printer",
    "export": "mdi6.file-export-outline",
    "import": "mdi6.file-import-outline",
    "search": "mdi6.magnify",
    "settings": "mdi6.cog",
    "warning": "mdi6.alert-outline",
    "error": "mdi6.alert-circle-outline",
    "ok": "mdi6.check-circle-outline",
    "info": "mdi6.information-outline",
    "database": "mdi6.database",
    "database-remote": "mdi6.server-network",
    "database-new": "mdi6.database-plus-outline",
    "database-switch": "mdi6.database-sync-outline",
    "open": "mdi6.folder-open-outline",
    "quit": "mdi6.exit-to-app",
    "layout": "mdi6.view-dashboard-outline",
    "navigator": "mdi6.format-list-bulleted",
    "login": "mdi6.login",
    "lock": "mdi6.lock",
    "refresh": "mdi6.refresh",
    "add": "mdi6.plus",
    "edit": "mdi6.pencil-outline",
    "void": "mdi6.cancel",
    "signature": "mdi6.draw-pen",
    "pdf": "mdi6.file-pdf-box",
    "save": "mdi6.content-save",
    "reload": "mdi6.refresh",
    "clear": "mdi6.eraser",
    "zoom_in": "mdi6.magnify-plus",
    "zoom_out": "mdi6.magnify-minus",
    # plural aliases used by the reference-data docks
    "units": "mdi6.home-city-outline",
    "parties": "mdi6.account-group",
}

_CACHE: dict[str, QIcon] = {}


class UnknownIcon(KeyError):
    pass


def icon(name: str) -> QIcon:
    """QIcon for a PropDesk icon name (see ICONS)."""
    cached = _CACHE.get(name)
    if cached is not None:
        return cached
    spec = ICONS.get(name)
    if spec is None:
        if os.environ.get("PYTEST_CURRENT_TEST") or os.environ.get("PROPDESK_STRICT_ICONS"):
            raise UnknownIcon(name)
        log.warning("unknown icon name %r", name)
        return QIcon()
    result = _from_disk(name) or _render(name, spec)
    _CACHE[name] = result
    return result


# Importing qtawesome (and the qtpy layer under it) costs ~250 ms of every start-up. Each icon is
# therefore rendered once to PNGs in the cache folder; later starts load the PNGs and never import
# qtawesome. The folder name changes with the icon table, the colours and the qtawesome install.
ICON_PX = 64


def _icon_cache() -> Path:
    from app import __version__

    stamp = __version__  # a frozen build has no qtawesome source file to look at
    spec = importlib.util.find_spec("qtawesome")
    if spec is not None and spec.origin:
        with contextlib.suppress(OSError):
            stamp += str(Path(spec.origin).stat().st_mtime_ns)
    digest = hashlib.sha1(
        repr((sorted(ICONS.items()), COLOR, COLOR_DISABLED, ICON_PX, stamp)).encode()
    ).hexdigest()[:12]
    return cache_dir() / "icons" / digest


def _from_disk(name: str) -> QIcon | None:
    folder = _icon_cache_folder()
    normal, disabled = folder / f"{name}.png", folder / f"{name}-disabled.png"
    if not (normal.is_file() and disabled.is_file()):
        return None
    result = QIcon()
    result.addFile(str(normal), QSize(ICON_PX, ICON_PX), QIcon.Mode.Normal)
    result.addFile(str(disabled), QSize(ICON_PX, ICON_PX), QIcon.Mode.Disabled)
    return result


def _render(name: str, spec: str) -> QIcon:
    import qtawesome

    result = qtawesome.icon(spec, color=COLOR, color_disabled=COLOR_DISABLED)
    folder = _icon_cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for mode, suffix in ((QIcon.Mode.Normal, ""), (QIcon.Mode.Disabled, "-disabled")):
            pixmap = result.pixmap(QSize(ICON_PX, ICON_PX), mode)
            tmp = folder / f"{name}{suffix}.tmp.png"
            if pixmap.save(str(tmp), "PNG"):
                os.replace(tmp, folder / f"{name}{suffix}.png")
    except OSError:  # a read-only cache only costs speed
        log.debug("cannot cache icon %s", name, exc_info=True)
    return result


_FOLDER: list[Path] = []


def _icon_cache_folder() -> Path:
    if not _FOLDER:
        _FOLDER.append(_icon_cache())
    return _FOLDER[0]
