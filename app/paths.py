"""Where things live: bundled resources (source, installed or frozen) and per-user folders."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
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


def _folder(env: str, portable_name: str, user_dir: Callable[[str, str], str]) -> Path:
    """$env wins (tests, IT overrides), then a portable install's own folder, then the user's."""
    override = os.environ.get(env)
    if override:
        return Path(override)
    portable = portable_root()
    if portable:
        return portable / portable_name
    return Path(user_dir(APP_NAME, APP_AUTHOR))


def config_dir() -> Path:
    return _folder("PROPDESK_CONFIG_DIR", "settings", platformdirs.user_config_dir)


def data_dir() -> Path:
    return _folder("PROPDESK_DATA_DIR", "data", platformdirs.user_data_dir)


def cache_dir() -> Path:
    """Things PropDesk can rebuild (compiled translations, rendered icons)."""
    return _folder("PROPDESK_CACHE_DIR", "cache", platformdirs.user_cache_dir)


def log_dir() -> Path:
    return _folder("PROPDESK_LOG_DIR", "logs", platformdirs.user_log_dir)


def default_database_path() -> Path:
    return data_dir() / "propdesk.sqlite3"
