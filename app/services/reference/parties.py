"""Parties (业主 / 租户): owners and tenants, their links to units, and voiding (作废)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Party, Unit, UnitParty
from app.rules.roles import Perm
from app.services.context import Actor
from app.services.records import get_or_404, stamp_new, update_versioned
from app.services.reference.validation import _check_version, _text, clean_party
from app.services.reference.views import PartyView, _party_view
from app.services.tx import audit, read_service, snapshot, write_service

# ---------------------------------------------------------------------------------------------
# Writers shared with the import (inside a write transaction)


_PARTY_FIELDS = (
    "kind",
    "name",
    "is_company",
    "id_type",
    "id_number",
    "phone",
    "emergency_contact",
    "emergency_phone",
    "notes",
)


def _set_unit_links(
    actor: Actor, party: Party, unit_ids: list[int], role: str, *, replace: bool
) -> None:
    """Link the party to these units as `role`. `replace` ends links to units not listed."""
    today = date.today()
    current = list(UnitParty.select().where((UnitParty.party == party) & UnitParty.until.is_null()))
    have = {link.unit_id: link for link in current}
    for link in current:
        if replace and link.unit_id not in unit_ids:
            before = snapshot(link)
            UnitParty.update(
                until=today,
                updated_at=datetime.now(),
                updated_by=actor.username,
                version=UnitParty.version + 1,
            ).where(UnitParty.id == link.id).execute()
            audit(actor, "end unit link", "UnitParty", link.id, before, {"until": today})
        elif link.unit_id in unit_ids and link.role != role:
            before = snapshot(link)
            UnitParty.update(
                role=role,
                updated_at=datetime.now(),
                updated_by=actor.username,
                version=UnitParty.version + 1,
            ).where(UnitParty.id == link.id).execute()
            audit(actor, "update unit link", "UnitParty", link.id, before, {"role": role})
    for unit_id in unit_ids:
        if unit_id not in have:
            link = UnitParty.create(
                unit=unit_id, party=party, role=role, since=today, **stamp_new(actor)
            )
            audit(actor, "link unit", "UnitParty", link.id, None, snapshot(link))


def insert_party(actor: Actor, clean: dict[str, Any]) -> Party:
    party = Party.create(**{f: clean[f] for f in _PARTY_FIELDS}, **stamp_new(actor))
    audit(actor, "create party", "Party", party.id, None, snapshot(party))
    _set_unit_links(actor, party, clean["unit_ids"], party.kind, replace=False)
    return party


def apply_party_update(
    actor: Actor,
    party_id: int,
    expected_version: int,
    clean: dict[str, Any],
    *,
    replace_units: bool,
) -> Party:
    party = update_versioned(
        actor,
        Party,
        party_id,
        expected_version,
        {f: clean[f] for f in _PARTY_FIELDS},
        "update party",
    )
    _set_unit_links(actor, party, clean["unit_ids"], party.kind, replace=replace_units)
    return party


# ---------------------------------------------------------------------------------------------
# Parties (业主 / 租户)


@write_service(Perm.REFERENCE_EDIT)
def create_party(
    actor: Actor,
    *,
    kind: str,
    name: str,
    is_company: bool = False,
    id_type: str | None = None,
    id_number: str = "",
    phone: str = "",
    emergency_contact: str = "",
    emergency_phone: str = "",
    notes: str = "",
    unit_codes: Iterable[str] = (),
) -> PartyView:
    """`id_type` defaults to "uscc" for a company and "ric" for a person."""
    clean, errors = clean_party(
        {
            "kind": kind,
            "name": name,
            "is_company": is_company,
            "id_type": id_type,
            "id_number": id_number,
            "phone": phone,
            "emergency_contact": emergency_contact,
            "emergency_phone": emergency_phone,
            "notes": notes,
            "unit_codes": tuple(unit_codes),
        }
    )
    if errors:
        raise ValidationError(errors)
    party = insert_party(actor, clean)
    return _party_view(actor, party, audit_full=False)


_PARTY_CHANGES = set(_PARTY_FIELDS) | {"unit_codes"}


@write_service(Perm.REFERENCE_EDIT)
def update_party(actor: Actor, party_id: int, expected_version: int, **changes: Any) -> PartyView:
    """Change any of the party's fields; `unit_codes` (when given) replaces its current units."""
    unknown = set(changes) - _PARTY_CHANGES
    if unknown:
        raise TypeError(f"update_party cannot change {sorted(unknown)}")
    party = get_or_404(Party, party_id)
    _check_version(Party, party, expected_version)
    if party.voided_at is not None:
        raise ValidationError(
            QT_TRANSLATE_NOOP("app", "This record is voided and can no longer be changed.")
        )
    current_codes = [
        u.code
        for u in Unit.select(Unit.code)
        .join(UnitParty)
        .where((UnitParty.party == party.id) & UnitParty.until.is_null())
    ]
    data = {f: getattr(party, f) for f in _PARTY_FIELDS}
    data["unit_codes"] = current_codes
    data.update(changes)
    clean, errors = clean_party(data, party_id=party_id)
    if errors:
        raise ValidationError(errors)
    party = apply_party_update(actor, party_id, expected_version, clean, replace_units=True)
    return _party_view(actor, party, audit_full=False)


@write_service(Perm.REFERENCE_EDIT)
def void_party(actor: Actor, party_id: int, reason: str) -> PartyView:
    """作废: the party stays on file with the reason; its current unit links end today."""
    party = get_or_404(Party, party_id)
    reason = _text(reason)
    if not reason:
        raise ValidationError({"reason": QT_TRANSLATE_NOOP("app", "Give the reason for voiding.")})
    if party.voided_at is not None:
        raise ValidationError(
            {"reason": QT_TRANSLATE_NOOP("app", "This record is already voided.")}
        )
    before = snapshot(party)
    now = datetime.now()
    Party.update(
        voided_at=now,
        voided_by=actor.username,
        void_reason=reason,
        updated_at=now,
        updated_by=actor.username,
        version=Party.version + 1,
    ).where(Party.id == party_id).execute()
    _set_unit_links(actor, party, [], party.kind, replace=True)
    party = Party.get_by_id(party_id)
    audit(actor, "void party", "Party", party_id, before, snapshot(party))
    return _party_view(actor, party, audit_full=False)


@read_service(Perm.REFERENCE_VIEW)
def get_party(actor: Actor, party_id: int) -> PartyView:
    """Full ID number and phones only for Perm.PII_VIEW, and that view is audited."""
    party = get_or_404(Party, party_id)
    return _party_view(actor, party, audit_full=True)
