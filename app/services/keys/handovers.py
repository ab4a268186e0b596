"""Key handovers (接收 / 发放 / 内部交接), numbered JJ-YYYY-NNNNN: keys received into the
cabinet, issued to an owner, and the cabinet handed from one keeper to another."""

from __future__ import annotations

from datetime import datetime

from app.errors import NotFound, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.models import Key, KeyHandover, KeyHandoverLine, KeyLoan, Party
from app.registers.keys import KEY_HANDOVERS
from app.registers.keys.rules import not_in_cabinet
from app.rules.roles import Perm
from app.services import numbering
from app.services.context import Actor
from app.services.keys.codes import _norm_code
from app.services.keys.signature_checks import _check_signatures
from app.services.keys.trail import _append_note, _event, _fmt, _now, _who
from app.services.keys.views import HandoverView, _handover_view
from app.services.records import stamp_new, update_versioned
from app.services.signatures import SignatureInput, store_signature
from app.services.tx import audit, read_service, snapshot, write_service


def _check_lines(
    errors: dict[str, str], lines: list[tuple[str, int]], allowed: tuple[str, ...]
) -> list[tuple[Key, int]]:
    """Each line (code, counted): a registered key, counted = its key_count, in a fit state."""
    checked: list[tuple[Key, int]] = []
    if not lines:
        errors["lines"] = QT_TRANSLATE_NOOP("app", "List at least one key.")
        return checked
    seen: set[str] = set()
    for i, line in enumerate(lines):
        field = f"lines.{i}"
        try:
            raw_code, counted = line
        except (TypeError, ValueError):
            errors[field] = QT_TRANSLATE_NOOP("app", "Each line is a key code and a count.")
            continue
        code = _norm_code(str(raw_code))
        if code in seen:
            errors[field] = Msg(QT_TRANSLATE_NOOP("app", "Key {code} is listed twice."), code=code)
            continue
        seen.add(code)
        key = Key.get_or_none(Key.code == code)
        if key is None:
            errors[field] = Msg(
                QT_TRANSLATE_NOOP(
                    "app", "Key {code} is not registered; register it first, then hand it over."
                ),
                code=code,
            )
            continue
        if isinstance(counted, bool) or not isinstance(counted, int):
            errors[field] = QT_TRANSLATE_NOOP("app", "Enter the number of keys counted.")
            continue
        if counted != key.key_count:
            errors[field] = Msg(
                QT_TRANSLATE_NOOP(
                    "app",
                    "{code} {label}: {counted} counted, the set has {expected}. Count again.",
                ),
                code=key.code,
                label=key.label,
                counted=counted,
                expected=key.key_count,
            )
            continue
        if key.status not in allowed:
            errors[field] = not_in_cabinet(key)
            continue
        checked.append((key, counted))
    return checked


def _names(errors: dict[str, str], **names: str) -> None:
    for field, value in names.items():
        if not (value or "").strip():
            errors[field] = QT_TRANSLATE_NOOP("app", "Enter the name.")
        elif len(value.strip()) > 128:
            errors[field] = Msg(QT_TRANSLATE_NOOP("app", "At most {n} characters."), n=128)


def _create_handover(
    actor: Actor,
    *,
    kind: str,
    from_name: str,
    to_name: str,
    party_id: int | None,
    notes: str,
    lines: list[tuple[Key, int]],
    from_signature: SignatureInput | None,
    to_signature: SignatureInput | None,
    now: datetime,
) -> KeyHandover:
    from_sig = store_signature(actor, from_signature, "from_signature")
    to_sig = store_signature(actor, to_signature, "to_signature")
    handover = KeyHandover.create(
        number=numbering.next_number(KEY_HANDOVERS.prefix, now),
        kind=kind,
        from_name=from_name.strip(),
        to_name=to_name.strip(),
        party=party_id,
        at=now,
        notes=notes,
        from_signature=from_sig,
        to_signature=to_sig,
        **stamp_new(actor),
    )
    if lines:
        KeyHandoverLine.insert_many(
            [{"handover": handover.id, "key": key.id, "key_count": n} for key, n in lines]
        ).execute()
    audit(
        actor,
        f"key handover ({kind})",
        "KeyHandover",
        handover.id,
        None,
        dict(snapshot(handover), lines=[[key.code, n] for key, n in lines]),
    )
    return handover


def _move_keys(
    actor: Actor,
    checked: list[tuple[Key, int]],
    status: str,
    holder: str,
    event: str,
    who: str,
    number: str,
    now: datetime,
    action: str,
) -> None:
    """Each handed-over key to its new status/holder (versioned, audited) with its dated event."""
    for key, _n in checked:
        if key.status != status or key.holder != holder:
            update_versioned(
                actor, Key, key.id, key.version, {"status": status, "holder": holder}, action
            )
        _event(actor, key.id, event, now, who, number)


@write_service(Perm.KEYS_MANAGE)
def receive_keys(
    actor: Actor,
    *,
    from_name: str,
    lines: list[tuple[str, int]],
    notes: str = "",
    from_signature: SignatureInput | None = None,
    to_signature: SignatureInput | None = None,
    now: datetime | None = None,
) -> HandoverView:
    """接收: registered keys come into the cabinet, each set counted (钥匙交接表).

    Keys received may be new in the register (in_cabinet), back from an owner (issued) or found
    again (lost); a key out on loan comes back with return_key, a retired one not at all.
    """
    now = _now(now)
    errors: dict[str, str] = {}
    _names(errors, from_name=from_name)
    checked = _check_lines(errors, lines, ("in_cabinet", "issued", "lost"))
    _check_signatures(errors, from_signature=from_signature, to_signature=to_signature)
    if errors:
        raise ValidationError(errors)
    handover = _create_handover(
        actor,
        kind="receive",
        from_name=from_name,
        to_name=_who(actor),
        party_id=None,
        notes=notes.strip(),
        lines=checked,
        from_signature=from_signature,
        to_signature=to_signature,
        now=now,
    )
    _move_keys(
        actor,
        checked,
        "in_cabinet",
        "",
        "received",
        from_name.strip(),
        handover.number,
        now,
        action="receive key",
    )
    return _handover_view(handover)


@write_service(Perm.KEYS_MANAGE)
def issue_keys(
    actor: Actor,
    *,
    to_name: str,
    lines: list[tuple[str, int]],
    party_id: int | None = None,
    notes: str = "",
    from_signature: SignatureInput | None = None,
    to_signature: SignatureInput | None = None,
    now: datetime | None = None,
) -> HandoverView:
    """发放: keys from the cabinet handed to an owner (钥匙签收单), each set counted together."""
    now = _now(now)
    errors: dict[str, str] = {}
    _names(errors, to_name=to_name)
    if party_id is not None and not Party.get_or_none(
        (Party.id == party_id) & Party.voided_at.is_null()
    ):
        errors["party_id"] = QT_TRANSLATE_NOOP("app", "No such owner or tenant.")
    checked = _check_lines(errors, lines, ("in_cabinet",))
    _check_signatures(errors, from_signature=from_signature, to_signature=to_signature)
    if errors:
        raise ValidationError(errors)
    handover = _create_handover(
        actor,
        kind="issue",
        from_name=_who(actor),
        to_name=to_name,
        party_id=party_id,
        notes=notes.strip(),
        lines=checked,
        from_signature=from_signature,
        to_signature=to_signature,
        now=now,
    )
    _move_keys(
        actor,
        checked,
        "issued",
        to_name.strip(),
        "issued",
        to_name.strip(),
        handover.number,
        now,
        action="issue key",
    )
    return _handover_view(handover)


@write_service(Perm.KEYS_LEND)
def custodian_handover(
    actor: Actor,
    *,
    from_name: str,
    to_name: str,
    notes: str = "",
    from_signature: SignatureInput | None = None,
    to_signature: SignatureInput | None = None,
    now: datetime | None = None,
) -> HandoverView:
    """内部交接: the key keeper hands the cabinet to a stand-in (or back).

    Lists every key in the cabinet with its count; keys out on loan are added to the notes with
    loan number, borrower and due time, so the stand-in knows what to expect back.
    """
    now = _now(now)
    errors: dict[str, str] = {}
    _names(errors, from_name=from_name, to_name=to_name)
    if (
        "from_name" not in errors
        and "to_name" not in errors
        and from_name.strip() == to_name.strip()
    ):
        errors["to_name"] = QT_TRANSLATE_NOOP("app", "Hand over to someone else.")
    _check_signatures(errors, from_signature=from_signature, to_signature=to_signature)
    if errors:
        raise ValidationError(errors)
    in_cabinet = list(Key.select().where(Key.status == "in_cabinet").order_by(Key.hook, Key.code))
    out = (
        KeyLoan.select(KeyLoan, Key)
        .join(Key)
        .where(KeyLoan.returned_at.is_null() & KeyLoan.voided_at.is_null())
        .order_by(KeyLoan.due_at, KeyLoan.id)
    )
    text = notes.strip()
    out_lines = [
        f"{loan.key.code} {loan.key.label} — {loan.number} {loan.borrower_name}, "
        f"应还 {_fmt(loan.due_at)}"
        for loan in out
    ]
    if out_lines:
        text = _append_note(text, "借出中:\n" + "\n".join(out_lines))
    handover = _create_handover(
        actor,
        kind="custodian",
        from_name=from_name,
        to_name=to_name,
        party_id=None,
        notes=text,
        lines=[(k, k.key_count) for k in in_cabinet],
        from_signature=from_signature,
        to_signature=to_signature,
        now=now,
    )
    return _handover_view(handover)


@read_service(Perm.KEYS_VIEW)
def get_handover(actor: Actor, number: str) -> HandoverView:
    handover = KeyHandover.get_or_none(KeyHandover.number == (number or "").strip().upper())
    if handover is None:
        raise NotFound(
            Msg(QT_TRANSLATE_NOOP("app", "There is no key handover {number}."), number=number)
        )
    return _handover_view(handover)
