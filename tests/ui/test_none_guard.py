"""A long session on this PySide6 build does not abort ("Fatal Python error: none_dealloc").

PySide6 6.12.0 loses a reference to `None` on every Qt call that returns nothing; on CPython 3.11
a desk process died after some thousands of them (ui/none_guard.py). Run in a child process:
the failure is an abort, which would take the test runner with it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

LONG_SESSION = """
import ui  # the desk's package: applies the guard
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication, QLabel

class Silent(QTranslator):  # a Python-side translator that has no answer, as ours often does
    def translate(self, context, source, disambiguation=None, n=-1):
        return None

app = QApplication([])
app.installTranslator(Silent())
label = QLabel()
for i in range(100_000):
    label.setText("x")
    QCoreApplication.translate("c", "s")
print("alive")
"""


def test_a_long_session_does_not_abort() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", LONG_SESSION], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "alive"
