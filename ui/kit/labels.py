"""Declared labels through Qt's translation system.

A register declares every label in English (the source) and Chinese together (app/kit/declare.py).
`KitTranslator` is a QTranslator, installed with the .qm catalogue (ui.i18n.load_translator) for
Chinese, that answers `QCoreApplication.translate("kit:<register>", en, what)` from those
declarations — so the .ts never repeats them and a new register is in Chinese the day it is
declared. Without it (English) Qt shows the English source, as for every other string.

`what` (Qt's disambiguation) says which label is meant, because one English word can be two
Chinese ones in the same register ("Returned": 归还时间 as a column, 已归还 as a loan's state):

    field label        what = "<field>"                     field_label(reg, "code")
    value label        what = "value:<field>"               value_label(reg, "status", "lent")
    value set          what = "value:<set>"                 value_label(reg, "event", "created")
    transition         what = "transition:<name>"           transition_label(reg, "lend")
    transition input   what = "<transition>.<field>"        input_label(reg, t, f)
    input value        what = "value:<transition>.<field>"
    help text          what = "help:<field>" / "help:<transition>" / "help:<transition>.<field>"
    signature caption  what = "signature:<transition>"
    confirmation       what = "confirm:<transition>"
    filter, option     what = "filter:<name>" / "filter:<name>=<value>"
    slip               what = "slip:<name>"
    Today line         what = "today"
    title              what = None (also answered in the "Docks" context, for dock titles)

A value set (`Register.value_sets`: the trail's event kinds, a contents list's sections) is looked
up like a field's values, by its name; a field of the same name comes first.
A lookup without `what` is answered from `Register.labels()` (first pair wins).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTranslator

from app.kit import registry
from app.kit.declare import STAMP_FIELDS, Choice, Field, Register, Transition

log = logging.getLogger(__name__)

PREFIX = "kit:"
DOCKS_CONTEXT = "Docks"

Table = dict[tuple[str, str | None], str]


def context(register: str | Register) -> str:
    return PREFIX + (register if isinstance(register, str) else register.name)


def _register(register: str | Register) -> Register | None:
    if isinstance(register, Register):
        return register
    try:
        return registry.find(register)
    except Exception:  # noqa: BLE001 - a broken declaration module must not break labels
        log.exception("registers could not be loaded")
        return None


def _put(table: Table, en: str, zh: str, what: str | None) -> None:
    if en and zh:
        table.setdefault((en, what), zh)
        table.setdefault((en, None), zh)  # a plain lookup still finds something


def _field_pairs(table: Table, f: Field, what: str) -> None:
    _put(table, f.en, f.zh, what)
    _put(table, f.help_en, f.help_zh, f"help:{what}")
    for c in f.choices:
        _put(table, c.en, c.zh, f"value:{what}")


def build_table(reg: Register) -> Table:
    """Every label of `reg`, keyed by (English, what)."""
    table: Table = {}
    for en, zh in reg.labels():  # the exact pairs first: plain lookups answer from these
        table.setdefault((en, None), zh)
    _put(table, reg.en, reg.zh, None)
    _put(table, *reg.number_label, reg.number_field)
    for f in reg.fields:
        _field_pairs(table, f, f.name)
    if reg.states:
        _put(table, "Status", "状态", reg.state_field)
        for s in reg.states:
            _put(table, s.en, s.zh, f"value:{reg.state_field}")
    for col in reg.list.extra_columns:
        _put(table, col.en, col.zh, col.name)
        for c in col.choices:
            _put(table, c.en, c.zh, f"value:{col.name}")
    for name, f in STAMP_FIELDS.items():
        _put(table, f.en, f.zh, name)
    for t in reg.transitions:
        _put(table, t.en, t.zh, f"transition:{t.name}")
        _put(table, t.help_en, t.help_zh, f"help:{t.name}")
        if t.signature:
            _put(table, *t.signature, f"signature:{t.name}")
        for en, zh in t.confirms:
            _put(table, en, zh, f"confirm:{t.name}")
        for f in t.inputs:
            _field_pairs(table, f, f"{t.name}.{f.name}")
    for flt in reg.list.filters:
        _put(table, flt.en, flt.zh, f"filter:{flt.name}")
        for value, en, zh, _where in flt.options:
            _put(table, en, zh, f"filter:{flt.name}={value}")
    if reg.today:
        _put(table, reg.today.en, reg.today.zh, "today")
    for slip in reg.slips:
        _put(table, getattr(slip, "en", ""), getattr(slip, "zh", ""), f"slip:{slip.name}")
    for name, items in reg.value_sets:
        for c in items:
            _put(table, c.en, c.zh, f"value:{name}")
    return table


_TRANSLATOR_CACHE: dict[str, Table] = {}


class KitTranslator(QTranslator):
    """Answers the "kit:<register>" contexts (and register titles in "Docks") in Chinese."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._titles: dict[str, str] | None = None

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False

    def language(self) -> str:
        return "zh_CN"

    def translate(
        self,
        context: str,
        source: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        try:
            if context.startswith(PREFIX):
                table = self._table(context[len(PREFIX) :])
                if table is None:
                    return None
                found = table.get((source, disambiguation or None))
                if found is None and disambiguation:
                    found = table.get((source, None))
                return found
            if context == DOCKS_CONTEXT:
                return self._dock_titles().get(source)
        except Exception:  # noqa: BLE001 - a translator must never raise into Qt
            log.exception("kit label lookup failed for %s / %s", context, source)
        return None

    def _table(self, name: str) -> Table | None:
        table = _TRANSLATOR_CACHE.get(name)
        if table is None:
            reg = _register(name)
            if reg is None:
                return None
            table = _TRANSLATOR_CACHE[name] = build_table(reg)
        return table

    def _dock_titles(self) -> dict[str, str]:
        if self._titles is None:
            self._titles = {r.en: r.zh for r in registry.all_registers()}
        return self._titles


# -- helpers the screens call ----------------------------------------------------------------


def tr_kit(register: str | Register, en: str, what: str | None = None) -> str:
    return QCoreApplication.translate(context(register), en, what)


def register_title(register: str | Register) -> str:
    reg = _register(register)
    return tr_kit(reg, reg.en) if reg is not None else str(register)


def has_field(register: str | Register, name: str) -> bool:
    reg = _register(register)
    if reg is None:
        return False
    try:
        reg.field(name)
    except KeyError:
        return False
    return True


def field_label(register: str | Register, name: str) -> str:
    """The declared label of field `name` (a column, a card line)."""
    reg = _register(register)
    if reg is None:
        return name
    try:
        f = reg.field(name)
    except KeyError:
        return name.replace("_", " ").capitalize()
    return tr_kit(reg, f.en, name)


def value_label(register: str | Register, field: str, value: Any) -> str:
    """The declared label of a stored value: of field `field` (a state, a choice), else of the
    value set named `field` (a history event, a contents section); other values as text."""
    if value is None or value == "":
        return ""
    reg = _register(register)
    if reg is None:
        return str(value)
    try:
        f = reg.field(field)
    except KeyError:
        return _value_set_label(reg, field, value)
    return choice_label(reg, f, value, field)


def _value_set_label(reg: Register, name: str, value: Any) -> str:
    try:
        items = reg.values(name)
    except KeyError:
        return str(value)
    choice = next((c for c in items if c.value == value), None)
    return tr_kit(reg, choice.en, f"value:{name}") if choice is not None else str(value)


def choice_label(reg: Register, f: Field, value: Any, what: str | None = None) -> str:
    """`value` of field `f` (a register field or a transition input named by `what`)."""
    if value is None or value == "":
        return ""
    choice = f.choice(value)
    if choice is not None:
        return tr_kit(reg, choice.en, f"value:{what or f.name}")
    if isinstance(value, bool):
        return yes_no(value)
    return str(value)


def state_label(register: str | Register, value: Any) -> str:
    reg = _register(register)
    if reg is None:
        return str(value or "")
    return value_label(reg, reg.state_field, value)


def transition_label(register: str | Register, transition: str | Transition) -> str:
    reg = _register(register)
    if reg is None:
        return str(transition)
    t = reg.transition(transition) if isinstance(transition, str) else transition
    return tr_kit(reg, t.en, f"transition:{t.name}")


def transition_help(register: str | Register, t: Transition) -> str:
    return tr_kit(register, t.help_en, f"help:{t.name}") if t.help_en else ""


def signature_caption(register: str | Register, t: Transition) -> str:
    return tr_kit(register, t.signature[0], f"signature:{t.name}") if t.signature else ""


def input_label(register: str | Register, t: Transition | None, f: Field) -> str:
    """A form field's label: a transition input, or (t None) a register field."""
    what = f"{t.name}.{f.name}" if t is not None else f.name
    return tr_kit(register, f.en, what)


def input_help(register: str | Register, t: Transition | None, f: Field) -> str:
    if not f.help_en:
        return ""
    what = f"{t.name}.{f.name}" if t is not None else f.name
    return tr_kit(register, f.help_en, f"help:{what}")


def input_choice_label(register: str | Register, t: Transition | None, f: Field, c: Choice) -> str:
    what = f"{t.name}.{f.name}" if t is not None else f.name
    return tr_kit(register, c.en, f"value:{what}")


def filter_label(register: str | Register, name: str, en: str) -> str:
    return tr_kit(register, en, f"filter:{name}")


def option_label(register: str | Register, name: str, value: str, en: str) -> str:
    return tr_kit(register, en, f"filter:{name}={value}")


def slip_label(register: str | Register, slip: Any) -> str:
    return tr_kit(register, slip.en, f"slip:{slip.name}")


def today_label(register: str | Register) -> str:
    reg = _register(register)
    if reg is None or reg.today is None:
        return register_title(register)
    return tr_kit(reg, reg.today.en, "today")


def yes_no(value: bool) -> str:
    if value:
        return QCoreApplication.translate("Status", "Yes")
    return QCoreApplication.translate("Status", "No")


__all__ = [
    "KitTranslator",
    "choice_label",
    "context",
    "field_label",
    "filter_label",
    "has_field",
    "input_choice_label",
    "input_help",
    "input_label",
    "option_label",
    "register_title",
    "signature_caption",
    "slip_label",
    "state_label",
    "today_label",
    "transition_help",
    "transition_label",
    "tr_kit",
    "value_label",
]
