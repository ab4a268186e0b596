"""The generic services every declared register gets: create, edit, void, transition, read.

Each checks the permission its declaration names, validates every field before writing anything
(`ValidationError` field → message), writes in one transaction (document number, the record's
trail row and the audit event inside it) and returns the record as a plain dict (`record()`).

`transition()` is the only way a record's state changes: `UPDATE … WHERE id=? AND state=? AND
version=?`. A record in another state, or changed since the clerk's copy, is refused with a
clear message (WrongState / ConflictError) — never silently skipped. Handlers run inside the same
transaction and hold only the side effects (Tryton's workflow pattern).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

import peewee

from app.errors import ConflictError, NotFound, PermissionDenied, ValidationError, WrongState
from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.kit import items, registry, trail
from app.kit.declare import STAMP_FIELDS, Context, Field, Register, Transition
from app.models import Department, Party, Staff, Unit
from app.rules.roles import Perm
from app.services import numbering
from app.services.context import Actor
from app.services.records import stamp_new, update_versioned
from app.services.signatures import SignatureInput, signature_png, store_signature
from app.services.tx import audit, read_service, snapshot, write_service

# Reference lists a `ref` field may point at besides declared registers.
REFERENCE_MODELS: dict[str, type[peewee.Model]] = {
    "staff": Staff,
    "units": Unit,
    "parties": Party,
    "departments": Department,
}
# What names a referenced row on screen, on slips and in imported sheets: the first it has.
LABEL_ATTRS = ("code", "name", "number")


def label_fields(model: type[peewee.Model]) -> list[peewee.Field]:
    """The model's naming columns in LABEL_ATTRS order (at least its id)."""
    found = [model._meta.fields[a] for a in LABEL_ATTRS if a in model._meta.fields]
    return found or [model.id]


def who(actor: Actor) -> str:
    return actor.display_name or actor.username


def ref_model(name: str) -> type[peewee.Model]:
    if name in REFERENCE_MODELS:
        return REFERENCE_MODELS[name]
    return registry.get(name).model


def clean_fields(
    fields: Sequence[Field], values: Mapping[str, Any], errors: dict[str, str]
) -> dict[str, Any]:
    """Each field's value cleaned; problems added to `errors` under the field's name."""
    cleaned: dict[str, Any] = {}
    for f in fields:
        value, problem = f.clean(values.get(f.name))
        if problem is None and f.kind == "ref" and value is not None:
            model = ref_model(f.ref)
            row = model.get_or_none(model.id == value)
            if row is None:
                problem = QT_TRANSLATE_NOOP("app", "This record does not exist.")
            elif getattr(row, "active", True) is False:
                problem = QT_TRANSLATE_NOOP("app", "Only an active staff member can be chosen.")
        if problem is None and f.check is not None:
            problem = f.check(value, {**values, **cleaned})
        if problem is not None:
            errors[f.name] = problem
        else:
            cleaned[f.name] = value
    return cleaned


def _columns_of(reg: Register, values: Mapping[str, Any]) -> dict[str, Any]:
    """The cleaned values that are columns of the register's model (inputs that are not stay
    with the guard and handler)."""
    return {n: v for n, v in values.items() if n in reg.model._meta.fields}


def _get(reg: Register, record_id: int) -> Any:
    row = reg.model.get_or_none(reg.model.id == record_id)
    if row is None:
        raise NotFound(
            Msg(
                QT_TRANSLATE_NOOP("app", "{register} {id} does not exist."),
                register=reg.zh,
                id=record_id,
            )
        )
    return row


def _state_zh(reg: Register, value: str) -> str:
    state = reg.state(value)
    return state.zh if state else value


def _values(record: Any) -> dict[str, Any]:
    """A record's column values by field name (what a due rule reads)."""
    return {name: getattr(record, name, None) for name in record._meta.fields}


def _run_guard(guard: Any, ctx: Context, errors: dict[str, str]) -> None:
    if guard is not None and not errors:
        errors.update(guard(ctx) or {})


# -- create / edit / void ---------------------------------------------------------------------


@write_service(None)
def create(
    actor: Actor,
    register: str,
    values: Mapping[str, Any],
    *,
    signature: SignatureInput | None = None,
    now: datetime | None = None,
    number: str | None = None,
) -> dict[str, Any]:
    """A new record: numbered (`prefix`) when declared, in its initial state, due when its due
    rule says. `number` keeps an old number (imports of a register's history)."""
    reg = registry.get(register)
    if reg.create_perm is None:
        raise PermissionDenied(f"create {register}", actor.role)
    actor.require(reg.create_perm)
    now = now or datetime.now()
    names = reg.create_fields or reg.editable or tuple(f.name for f in reg.fields)
    errors: dict[str, str] = {}
    cleaned = clean_fields([reg.field(n) for n in names], values, errors)
    ctx = Context(actor, reg, None, cleaned, now)
    _run_guard(reg.create_guard, ctx, errors)
    if errors:
        raise ValidationError(errors)
    data = _columns_of(reg, cleaned)
    ctx.signature_id = store_signature(actor, signature, "signature")
    record = insert_record(actor, reg, data, now, number=number, values=cleaned, ctx=ctx)
    return _record(actor, reg, record.id)


def insert_record(
    actor: Actor,
    reg: Register,
    data: dict[str, Any],
    now: datetime,
    *,
    number: str | None = None,
    values: Mapping[str, Any] | None = None,
    ctx: Context | None = None,
    detail: str = "",
    document: str = "",
) -> Any:
    """Write a new record inside the caller's transaction: number, initial state, due time,
    who/when, then its `on_create` hook, trail row and audit event. Services of other
    registers call this for records they open as a side effect (a loan opened by lending a
    file, an incident opened by a return); `data` is already validated."""
    data = dict(data)
    if reg.prefix and not data.get(reg.number_field):
        data[reg.number_field] = number or numbering.next_number(reg.prefix, now)
    if reg.states and not data.get(reg.state_field):
        data[reg.state_field] = reg.initial_state or reg.states[0].value
    if reg.due is not None and data.get(reg.due_field) is None:
        data[reg.due_field] = reg.due.compute(values if values is not None else data, now)
    # Stamped with the moment the record stands for (an imported or demo record's own date).
    stamps = dict(stamp_new(actor), created_at=now, updated_at=now)
    record = reg.model.create(**data, **stamps)
    if ctx is None:
        ctx = Context(actor, reg, record, dict(values or data), now, detail=detail)
    ctx.record = record
    if reg.on_create is not None:
        reg.on_create(ctx)
    if reg.items is not None:
        items.seed(ctx)
    if reg.trail:
        doc = ctx.document or document or _doc(reg, record)
        trail.add(actor, reg.name, record.id, "created", now, ctx.detail, doc)
    audit(actor, f"create {reg.name}", reg.model.__name__, record.id, None, snapshot(record))
    return record


@write_service(None)
def edit(
    actor: Actor, register: str, record_id: int, version: int, values: Mapping[str, Any]
) -> dict[str, Any]:
    """Change the declared editable fields of a record read at `version`."""
    reg = registry.get(register)
    if reg.edit_perm is None or not reg.editable:
        raise PermissionDenied(f"edit {register}", actor.role)
    actor.require(reg.edit_perm)
    names = [n for n in reg.editable if n in values]
    errors: dict[str, str] = {}
    cleaned = clean_fields([reg.field(n) for n in names], values, errors)
    record = _get(reg, record_id)
    _run_guard(reg.edit_guard, Context(actor, reg, record, cleaned, datetime.now()), errors)
    if errors:
        raise ValidationError(errors)
    update_versioned(
        actor, reg.model, record_id, version, _columns_of(reg, cleaned), f"edit {reg.name}"
    )
    return _record(actor, reg, record_id)


@write_service(None)
def void(actor: Actor, register: str, record_id: int, version: int, reason: str) -> dict[str, Any]:
    """作废 with a reason: the record stays, marked voided; nothing is hard-deleted."""
    reg = registry.get(register)
    if reg.void_perm is None or "voided_at" not in reg.model._meta.fields:
        raise PermissionDenied(f"void {register}", actor.role)
    actor.require(reg.void_perm)
    reason_field = replace(
        STAMP_FIELDS["void_reason"], name="reason", required=True, max_length=500
    )
    errors: dict[str, str] = {}
    cleaned = clean_fields([reason_field], {"reason": reason}, errors)
    record = _get(reg, record_id)
    if record.voided_at is not None:
        errors["reason"] = QT_TRANSLATE_NOOP("app", "This record is already voided.")
    _run_guard(reg.void_guard, Context(actor, reg, record, cleaned, datetime.now()), errors)
    if errors:
        raise ValidationError(errors)
    now = datetime.now()
    changes = {"voided_at": now, "voided_by": who(actor), "void_reason": cleaned["reason"]}
    update_versioned(actor, reg.model, record_id, version, changes, f"void {reg.name}")
    if reg.trail:
        trail.add(actor, reg.name, record_id, "voided", now, cleaned["reason"], _doc(reg, record))
    return _record(actor, reg, record_id)


# -- transitions ------------------------------------------------------------------------------


def refusal(reg: Register, t: Transition, record: Any) -> str | None:
    """Why `t` cannot be applied to `record` in its state now (None: it can)."""
    state = getattr(record, reg.state_field)
    if getattr(record, "voided_at", None) is not None:
        return QT_TRANSLATE_NOOP("app", "This record is voided.")
    if state in t.source:
        return None
    where = reg.whereabouts(record) if reg.whereabouts else ""
    return Msg(
        QT_TRANSLATE_NOOP(
            "app", "{what} is {state} now{where}; {action} needs it to be {allowed}."
        ),
        what=_doc(reg, record) or reg.zh,
        state=_state_zh(reg, state),
        where=f"（{where}）" if where else "",
        action=t.zh,
        allowed="、".join(_state_zh(reg, s) for s in t.source),
    )


@write_service(None)
def transition(
    actor: Actor,
    register: str,
    name: str,
    record_id: int,
    version: int | None,
    inputs: Mapping[str, Any] | None = None,
    *,
    signature: SignatureInput | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Move a record along its declared transition `name`. `version` is the clerk's copy
    (None: whatever is current — for scans that act at once, still checked against the state)."""
    reg = registry.get(register)
    t = reg.transition(name)
    actor.require(t.perm)
    apply_transition(actor, reg, t, _get(reg, record_id), version, inputs or {}, signature, now)
    return _record(actor, reg, record_id)


def apply_transition(
    actor: Actor,
    reg: Register,
    t: Transition,
    record: Any,
    version: int | None,
    inputs: Mapping[str, Any],
    signature: SignatureInput | None = None,
    now: datetime | None = None,
) -> Context:
    """The transition inside a caller's transaction (a handler moving a related record, e.g.
    an archive loan putting its file back on the shelf, calls this)."""
    now = now or datetime.now()
    errors: dict[str, str] = {}
    cleaned = clean_fields(t.inputs, inputs, errors)
    problem = refusal(reg, t, record)
    if problem is not None:
        raise WrongState(problem)
    if t.signature is None and signature is not None:
        errors["signature"] = QT_TRANSLATE_NOOP("app", "This step takes no signature.")
    ctx = Context(actor, reg, record, cleaned, now, transition=t)
    _run_guard(t.guard, ctx, errors)
    if errors:
        raise ValidationError(errors)
    ctx.signature_id = store_signature(actor, signature, "signature")
    changes = _columns_of(reg, cleaned)
    changes[reg.state_field] = _target(t, ctx)  # an input never sets the state itself
    if t.stamp_at:
        changes[t.stamp_at] = now
    if t.stamp_by:
        changes[t.stamp_by] = who(actor)
    if t.signature_field and ctx.signature_id is not None:
        changes[t.signature_field] = ctx.signature_id
    if t.due is not None:
        changes[reg.due_field] = t.due.compute({**_values(record), **cleaned}, now)
    elif t.clear_due:
        changes[reg.due_field] = None
    expected = record.version if version is None else version
    state = getattr(reg.model, reg.state_field)
    try:
        ctx.record = update_versioned(
            actor,
            reg.model,
            record.id,
            expected,
            changes,
            f"{t.name} {reg.name}",
            where=state == getattr(record, reg.state_field),
        )
    except ConflictError:
        # Another desk moved it between our read and our write (PostgreSQL does not queue
        # writers as SQLite does): say where it is now when its state no longer allows this.
        problem = refusal(reg, t, _get(reg, record.id))
        if problem is not None:
            raise WrongState(problem) from None
        raise
    if t.handler is not None:
        t.handler(ctx)
    if reg.trail:
        doc = ctx.document or _doc(reg, record)
        trail.add(actor, reg.name, record.id, ctx.event or t.name, now, ctx.detail, doc)
    return ctx


def _target(t: Transition, ctx: Context) -> str:
    """`t.target`, or the state its `route` chooses among its declared `targets`."""
    if t.route is None:
        return t.target
    state = t.route(ctx)
    if state != t.target and state not in t.targets:
        raise ValueError(f"{t.name} routed to {state}, not one of its declared targets")
    return state


def allowed_transitions(
    actor: Actor, register: str, row: Mapping[str, Any]
) -> list[tuple[Transition, str | None]]:
    """Each transition of the register with None (allowed) or why not, for the record `row`
    as `record()` returned it — the dock's buttons, each disabled one saying why."""
    reg = registry.get(register)
    out: list[tuple[Transition, str | None]] = []
    for t in reg.transitions:
        if not actor.can(t.perm):
            out.append((t, QT_TRANSLATE_NOOP("app", "Your role may not do this.")))
            continue
        if row.get("voided_at"):
            out.append((t, QT_TRANSLATE_NOOP("app", "This record is voided.")))
            continue
        state = row.get(reg.state_field)
        if state not in t.source:
            out.append(
                (
                    t,
                    Msg(
                        QT_TRANSLATE_NOOP("app", "Only when {allowed}."),
                        allowed="、".join(_state_zh(reg, s) for s in t.source),
                    ),
                )
            )
            continue
        out.append((t, None))
    return out


# -- reading ----------------------------------------------------------------------------------


def _doc(reg: Register, record: Any) -> str:
    if reg.prefix:
        return getattr(record, reg.number_field, "") or ""
    if reg.code_field:
        return getattr(record, reg.code_field, "") or ""
    return ""


def _record(actor: Actor, reg: Register, record_id: int) -> dict[str, Any]:
    record = _get(reg, record_id)
    data: dict[str, Any] = {}
    show_pii = actor.can(Perm.PII_VIEW)
    for name, fobj in reg.model._meta.fields.items():
        if isinstance(fobj, peewee.ForeignKeyField):
            data[name] = getattr(record, fobj.column_name)
        elif isinstance(fobj, peewee.BlobField):
            continue
        else:
            data[name] = getattr(record, name)
    for f in reg.fields:
        if not show_pii and f.name in data:
            data[f.name] = f.masked(data[f.name])
        if f.kind == "ref" and data.get(f.name) is not None:
            data[f.name + "_label"] = _ref_label(f.ref, data[f.name])
    return data


def _ref_label(ref: str, ref_id: int) -> str:
    model = ref_model(ref)
    row = model.get_or_none(model.id == ref_id)
    return "" if row is None else str(getattr(row, label_fields(model)[0].name))


@read_service(None)
def record(actor: Actor, register: str, record_id: int) -> dict[str, Any]:
    """A record as a plain dict (FKs as ids plus `<ref>_label`; PII masked as on the list)."""
    reg = registry.get(register)
    actor.require(reg.view_perm)
    return _record(actor, reg, record_id)


@read_service(None)
def history(actor: Actor, register: str, record_id: int) -> list[dict[str, Any]]:
    reg = registry.get(register)
    actor.require(reg.view_perm)
    return trail.for_record(reg.name, record_id)


@read_service(None)
def signature_image(actor: Actor, register: str, signature_id: int | None) -> bytes | None:
    actor.require(registry.get(register).view_perm)
    return signature_png(signature_id)
