"""About PropDesk: version, database, and the licences of what it bundles."""

from __future__ import annotations

import contextlib
import platform

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.paths import resource_path
from ui.context import UiContext
from ui.icons import icon
from ui.widgets.status_bar import database_location

FONT_LICENCE = ("fonts", "LICENSE-DroidSansFallback.txt")


class AboutDialog(QDialog):
    def __init__(self, ctx: UiContext | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("About PropDesk"))
        self.setWindowIcon(icon("info"))
        title = QLabel(f"<h2>PropDesk {__version__}</h2>")
        blurb = QLabel(
            self.tr("Registers, slips and receipts for the property-management service desk.")
        )
        blurb.setWordWrap(True)
        lines = []
        if ctx is not None:
            lines.append(
                self.tr("Database: {where} (schema {version})").format(
                    where=database_location(ctx.database), version=ctx.database.schema_version
                )
            )
            lines.append(self.tr("Logged in as: {user}").format(user=ctx.actor.username))
        lines.append(
            f"Python {platform.python_version()} · PySide6 {PySide6.__version__} · Qt {qVersion()}"
        )
        details = QLabel("\n".join(lines))
        details.setObjectName("about_details")
        details.setWordWrap(True)
        licences = QPlainTextEdit()
        licences.setObjectName("about_licences")
        licences.setReadOnly(True)
        licences.setPlainText(self.licence_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(blurb)
        layout.addWidget(details)
        layout.addWidget(QLabel(self.tr("Licences of bundled components:")))
        layout.addWidget(licences, 1)
        layout.addWidget(buttons)
        self.resize(620, 480)

    def licence_text(self) -> str:
        parts = [
            self.tr(
                "Chinese font: Droid Sans Fallback, Apache License 2.0 (also embedded in printed slips)."
            ),
            self.tr("Icons: Material Design Icons via QtAwesome (Apache 2.0 / MIT)."),
            self.tr("Qt for Python (PySide6): LGPL v3."),
            "",
        ]
        with contextlib.suppress(OSError):
            parts.append(resource_path(*FONT_LICENCE).read_text(encoding="utf-8"))
        return "\n".join(parts)
