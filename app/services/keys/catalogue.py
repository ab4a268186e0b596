"""The key catalogue: registering, editing and retiring keys, finding them, and each key's
dated history."""

from __future__ import annotations

from typing import Any

from app.errors import NotFound, ValidationError, WrongState
from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.kit import services as kit
from app.kit import trail
from app.models import Key, Unit
from app.registers.keys import KEYS
from app.rules.roles import Perm
from app.services.context import Actor
from app.services.keys.codes import _code_problem, _next_auto_code, _norm_code
from app.services.keys.trail import _event
from app.services.keys.views import KeyView, _find_key_row, _key_view
from app.services.records import stamp_new, update_versioned
from app.services.tx import audit, read_service, snapshot, write_service


def _validate_key_fields(
    errors: dict[str, str],
    *,
    label: str,
    unit_code: str | None,
    area: str,
    key_count: Any,
    hook: str,
) -> Unit | None:
    if not label.strip():
        errors["label"] = QT_TRANSLATE_NOOP("app", "Enter a label, e.g. A-1203 户门 or 配电室.")
    elif len(label.strip()) > 128:
        errors["label"] = Msg(QT_TRANSLATE_NOOP("app", "At most {n} characters."), n=128)
    if len(area.strip()) > 64:
        errors["area"] = Msg(QT_TRANSLATE_NOOP("app", "At most {n} characters."), n=64)
    if len(hook.strip()) > 16:
        errors["hook"] = Msg(QT_TRANSLATE_NOOP("app", "At most {n} characters."), n=16)
    if isinstance(key_count, bool) or not isinstance(key_count, int) or key_count < 1:
        errors["key_count"] = QT_TRANSLATE_NOOP("app", "A key set has at least one key.")
    unit = None
    if unit_code is not None and unit_code.strip():
        unit = Unit.get_or_none((Unit.code == unit_code.strip()) & Unit.voided_at.is_null())
        if unit is None:
            errors["unit_code"] = Msg(
                QT_TRANSLATE_NOOP("app", "There is no unit {code}."), code=unit_code.strip()
            )
    return unit


@write_service(Perm.KEYS_MANAGE)
def create_key(
    actor: Actor,
    *,
    label: str,
    code: str | None = None,
    unit_code: str | None = None,
    area: str = "",
    key_count: int = 1,
    hook: str = "",
    notes: str = "",
) -> KeyView:
    """Register a key or key set. Without a code one is made up (`K00012`), unique."""
    errors: dict[str, str] = {}
    unit = _validate_key_fields(
        errors, label=label, unit_code=unit_code, area=area, key_count=key_count, hook=hook
    )
    if code is not None:
        code = _norm_code(code)
        problem = _code_problem(code)
        if problem:
            errors["code"] = problem
    if errors:
        raise ValidationError(errors)
    key = Key.create(
        code=code or _next_auto_code(),
        label=label.strip(),
        unit=unit,
        area=area.strip(),
        key_count=key_count,
        hook=hook.strip(),
        notes=notes.strip(),
        status="in_cabinet",
        holder="",
        **stamp_new(actor),
    )
    _event(actor, key.id, "created", key.created_at, key.label)
    audit(actor, "create key", "Key", key.id, None, snapshot(key))
    return _key_view(key.id)


_EDITABLE = ("code", "label", "unit_code", "area", "key_count", "hook", "notes")


@write_service(Perm.KEYS_MANAGE)
def update_key(actor: Actor, key_id: int, expected_version: int, **changes: Any) -> KeyView:
    """Edit a key's register data (code, label, unit_code, area, key_count, hook, notes).

    Status and holder change only through lending, returning, receiving, issuing and retiring.
    Raises ConflictError when someone saved the key after `expected_version` was read.
    """
    unknown = sorted(set(changes) - set(_EDITABLE))
    if unknown:
        raise ValidationError(
            {name: QT_TRANSLATE_NOOP("app", "This cannot be changed here.") for name in unknown}
        )
    current = Key.get_or_none(Key.id == key_id)
    if current is None:
        raise NotFound(Msg(QT_TRANSLATE_NOOP("app", "Key {id} does not exist."), id=key_id))
    errors: dict[str, str] = {}
    current_unit_code = current.unit.code if current.unit_id else None
    unit = _validate_key_fields(
        errors,
        label=changes.get("label", current.label),
        unit_code=changes.get("unit_code", current_unit_code),
        area=changes.get("area", current.area),
        key_count=changes.get("key_count", current.key_count),
        hook=changes.get("hook", current.hook),
    )
    fields: dict[str, Any] = {}
    if "code" in changes:
        code = _norm_code(changes["code"] or "")
        problem = _code_problem(code, own_id=key_id)
        if problem:
            errors["code"] = problem
        fields["code"] = code
    if errors:
        raise ValidationError(errors)
    for name in ("label", "area", "hook", "notes"):
        if name in changes:
            fields[name] = (changes[name] or "").strip()
    if "key_count" in changes:
        fields["key_count"] = changes["key_count"]
    if "unit_code" in changes:
        fields["unit"] = unit.id if unit is not None else None
    update_versioned(actor, Key, key_id, expected_version, fields, "update key")
    return _key_view(key_id)


@write_service(Perm.KEYS_MANAGE)
def retire_key(actor: Actor, key_id: int, reason: str) -> KeyView:
    """Take a key out of use (报废, lock changed, written off after a loss): the key register's
    `retire` transition. Not while lent, not twice."""
    key = Key.get_or_none(Key.id == key_id)
    if key is None:
        raise NotFound(Msg(QT_TRANSLATE_NOOP("app", "Key {id} does not exist."), id=key_id))
    step = KEYS.transition("retire")
    try:
        kit.apply_transition(actor, KEYS, step, key, None, {"reason": reason})
    except WrongState as exc:
        raise ValidationError({"key": str(exc)}) from None
    return _key_view(key.id)


@read_service(Perm.KEYS_VIEW)
def find_key(actor: Actor, code: str) -> KeyView:
    """The key with this code (what its tag's barcode carries); NotFound otherwise."""
    return _key_view(_find_key_row(code).id)


@read_service(Perm.KEYS_VIEW)
def get_key(actor: Actor, key_id: int) -> KeyView:
    return _key_view(key_id)


@read_service(Perm.KEYS_VIEW)
def key_history(actor: Actor, key_id: int) -> list[dict[str, Any]]:
    """Every dated event of the key, oldest first: at, kind, username, detail, document."""
    if not Key.select().where(Key.id == key_id).exists():
        raise NotFound(Msg(QT_TRANSLATE_NOOP("app", "Key {id} does not exist."), id=key_id))
    return trail.for_record(KEYS.name, key_id)
