"""This PC's own settings (which database to open). Office-wide settings live in the database.

A small JSON file in the user's config folder; the installer may write a machine-wide default
(`PROPDESK_DB` in the environment wins over both).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from app.paths import config_dir


@dataclass
class LocalSettings:
    database_url: str | None = None
    last_username: str | None = None

    @classmethod
    def path(cls) -> Path:
        return config_dir() / "settings.json"

    @classmethod
    def load(cls) -> LocalSettings:
        try:
            raw = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def save(self) -> None:
        path = self.path()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, path)  # atomic: a crash never leaves half a settings file


def configured_database_url(explicit: str | None = None) -> str | None:
    """--db URL, then $PROPDESK_DB, then this PC's saved choice; None when nothing is set."""
    return explicit or os.environ.get("PROPDESK_DB") or LocalSettings.load().database_url
