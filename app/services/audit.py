"""Reading the audit log and the login history (manager, administrator). Nothing here edits them:
the audit log is append-only (database triggers refuse UPDATE/DELETE); a flagged out-of-hours
login can only be marked as reviewed, which is itself audited."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import peewee

from app.errors import NotFound
from app.models import AuditEvent, LoginEvent
from app.rules.roles import Perm
from app.services import listing
from app.services.context import Actor
from app.services.listing import ListRequest, RegisterList
from app.services.tx import audit, read_service, write_service


def _audit_query(actor: Actor, request: ListRequest) -> peewee.ModelSelect:
    query = AuditEvent.select(
        AuditEvent.id,
        AuditEvent.at,
        AuditEvent.username,
        AuditEvent.role,
        AuditEvent.action,
        AuditEvent.entity,
        AuditEvent.entity_id,
        AuditEvent.workstation,
    )
    username = request.filter("username")
    if username:
        query = query.where(AuditEvent.username == username)
    return query.dicts()


listing.register_list(
    RegisterList(
        name="audit_events",
        model=AuditEvent,
        columns=("at", "username", "role", "action", "entity", "entity_id", "workstation"),
        permission=Perm.AUDIT_VIEW,
        base_query=_audit_query,
        count_query=lambda actor, request: _audit_query(actor, request).select(AuditEvent.id),
        row=lambda actor, r: dict(r),
        sort_fields={
            "at": AuditEvent.at,
            "username": AuditEvent.username,
            "action": AuditEvent.action,
        },
        like_fields=(
            AuditEvent.username,
            AuditEvent.action,
            AuditEvent.entity,
            AuditEvent.entity_id,
        ),
        default_sort=None,
    )
)


def _logins_query(actor: Actor, request: ListRequest) -> peewee.ModelSelect:
    query = LoginEvent.select(
        LoginEvent.id,
        LoginEvent.at,
        LoginEvent.username,
        LoginEvent.success,
        LoginEvent.out_of_hours,
        LoginEvent.reason,
        LoginEvent.flagged,
        LoginEvent.reviewed_by,
        LoginEvent.workstation,
    )
    if request.filter("flagged_only"):
        query = query.where(LoginEvent.flagged & LoginEvent.reviewed_by.is_null())
    return query.dicts()


listing.register_list(
    RegisterList(
        name="login_events",
        model=LoginEvent,
        columns=(
            "at",
            "username",
            "success",
            "out_of_hours",
            "reason",
            "reviewed_by",
            "workstation",
        ),
        permission=Perm.AUDIT_VIEW,
        base_query=_logins_query,
        count_query=lambda actor, request: _logins_query(actor, request).select(LoginEvent.id),
        row=lambda actor, r: dict(r),
        sort_fields={"at": LoginEvent.at, "username": LoginEvent.username},
        like_fields=(LoginEvent.username, LoginEvent.reason, LoginEvent.workstation),
        default_sort=None,
    )
)


@read_service(Perm.AUDIT_VIEW)
def audit_event(actor: Actor, event_id: int) -> dict[str, Any]:
    """One audit record with its before/after as dicts (for the detail pane)."""
    row = AuditEvent.get_or_none(AuditEvent.id == event_id)
    if row is None:
        raise NotFound(f"audit event {event_id}")
    return {
        "id": row.id,
        "at": row.at,
        "username": row.username,
        "role": row.role,
        "action": row.action,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "workstation": row.workstation,
        "before": json.loads(row.before) if row.before else None,
        "after": json.loads(row.after) if row.after else None,
    }


@write_service(Perm.AUDIT_VIEW)
def mark_login_reviewed(actor: Actor, login_event_id: int) -> None:
    row = LoginEvent.get_or_none(LoginEvent.id == login_event_id)
    if row is None:
        raise NotFound(f"login event {login_event_id}")
    LoginEvent.update(reviewed_by=actor.username).where(LoginEvent.id == login_event_id).execute()
    audit(
        actor,
        "review out-of-hours login",
        "LoginEvent",
        login_event_id,
        {"reviewed_by": row.reviewed_by},
        {"reviewed_by": actor.username, "at": datetime.now()},
    )


@read_service(Perm.AUDIT_VIEW)
def unreviewed_flagged_logins(actor: Actor) -> int:
    return LoginEvent.select().where(LoginEvent.flagged & LoginEvent.reviewed_by.is_null()).count()
