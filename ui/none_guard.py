"""Keep `None` alive: a workaround for PySide6 6.12.0 on CPython 3.11.

That build drops one reference to `None` on every call of a Qt method that returns nothing
(`QLabel.setText`, `processEvents`, …) and whenever a Python-side virtual such as our QTranslator
answers nothing. CPython 3.11 counts references to `None`; after some thousands of such calls the
count reaches zero and the process aborts ("Fatal Python error: none_dealloc") — a clerk's desk
would close mid-shift. CPython 3.12+ makes `None` immortal (PEP 683) and is not affected.

The guard does what 3.12 does: it lifts `None`'s reference count so far (2**48) that no session
can bring it down to zero. Only on CPython before 3.12; harmless elsewhere. Remove it once the
pinned PySide6 is fixed (tests/ui/test_none_guard.py shows whether a build needs it).
"""

from __future__ import annotations

import ctypes
import platform
import sys

_LIFT = 1 << 48
_applied = False


def keep_none_alive() -> bool:
    """Apply once per process; True when applied."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or platform.python_implementation() != "CPython":
        return _applied
    # ob_refcnt is the first field of every CPython object (Py_ssize_t).
    ctypes.c_ssize_t.from_address(id(None)).value += _LIFT
    _applied = True
    return True
