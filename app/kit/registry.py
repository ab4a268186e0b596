"""Where the app finds its registers: every module under `app/registers/` declares its own with
`declare(Register(...))` when imported. Numbering, the scan box, Excel export, the search index
and the Today panel all read the declarations from here — there are no central dictionaries.
"""

from __future__ import annotations

import importlib
import pkgutil

from app.errors import NotFound
from app.kit.declare import Register

_REGISTERS: dict[str, Register] = {}
_loaded = False


def declare(register: Register) -> Register:
    """Add a register (at import of its declaration module). A prefix belongs to one register."""
    for other in _REGISTERS.values():
        if other.name != register.name and register.prefix and other.prefix == register.prefix:
            raise ValueError(f"prefix {register.prefix} is taken by {other.name}")
    _REGISTERS[register.name] = register
    return register


def load_all() -> dict[str, Register]:
    """Import every declaration module once (app/registers/*.py and packages)."""
    global _loaded
    if not _loaded:
        import app.registers

        for info in pkgutil.iter_modules(app.registers.__path__):
            importlib.import_module(f"app.registers.{info.name}")
        for module in {r.list_module for r in _REGISTERS.values() if r.list_module}:
            importlib.import_module(module)
        _loaded = True
    return _REGISTERS


def all_registers() -> list[Register]:
    return list(load_all().values())


def get(name: str) -> Register:
    try:
        return load_all()[name]
    except KeyError:
        raise NotFound(f"no register named {name}") from None


def find(name: str) -> Register | None:
    return load_all().get(name)


def for_model(model: type) -> Register | None:
    return next((r for r in load_all().values() if r.model is model), None)


def prefixes() -> dict[str, Register]:
    """Document prefix → register ("JY" → archive loans)."""
    return {r.prefix: r for r in load_all().values() if r.prefix}
