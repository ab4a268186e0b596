"""The desk's GUI (PySide6). Importing it first keeps `None` alive against a reference-count bug
of PySide6 6.12.0 on CPython 3.11 (ui/none_guard.py)."""

from ui.none_guard import keep_none_alive

keep_none_alive()
