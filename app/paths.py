"""Where things live: bundled resources (source, installed or frozen) and per-user folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "PropDesk"
APP_AUTHOR = "PropDesk"


def resource_path(*parts: str) -> Path:
    """Path to a file under resources/, wherever PropDesk runs from.

    Frozen (PyInstaller): beside the executable's unpacked data. Source checkout: the repository's
    resources/ folder. Installed wheel: the `propdesk_resources` package.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root, "resources", *parts)
    source = Path(__file__).resolve().parent.parent / "resources"
    if source.is_dir():
        return source.joinpath(*parts)
    import propdesk_resources  # the wheel's copy of resources/

    return Path(propdesk_resources.__file__).resolve().parent.joinpath(*parts)


def portable_root() -> Path | None:
    """A folder holding `propdesk-portable.ini` beside the executable makes the install portable."""
    exe_dir = Path(sys.executable).resolve().parent
    return exe_dir if (exe_dir / "propdesk-portable.ini").exists() else None


def config_dir() -> Path:
    override = os.environ.get("PROPDESK_CONFIG_DIR")
    if override:
        return Path(override)
    portable = portable_root()
    if portable:
        return portable / "settings"
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))


def data_dir() -> Path:
    override = os.environ.get("PROPDESK_DATA_DIR")
    if override:
        return Path(override)
    portable = portable_root()
    if portable:
        return portable / "data"
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def cache_dir() -> Path:
    """Things PropDesk can rebuild (compiled translations, rendered icons)."""
    override = os.environ.get("PROPDESK_CACHE_DIR")
    if override:
        return Path(override)
    portable = portable_root()
    if portable:
        return portable / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    override = os.environ.get("PROPDESK_LOG_DIR")
    if override:
        return Path(override)
    portable = portable_root()
    if portable:
        return portable / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def default_database_path() -> Path:
    return data_dir() / "propdesk.sqlite3"
