"""A record's item list (`Register.items`): an archive file's documents — later a parcel's pieces,
a repair's photos, a complaint's evidence. Items sit in the register's declared sections, are
ticked present or not, may carry a scanned copy (PDF or image, app/services/attachments.py), and
a personal one (ID copy, contact sheet) is shown only with PII_VIEW, each view audited.

Items change with the register's `edit_perm`, never while the record is in one of the declared
`locked_states` (a lent file's contents are what the borrower must bring back); every change
leaves a "contents" row in the record's trail. Readers return frozen dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import peewee

from app.db import run_with_retry
from app.errors import NotFound, PermissionDenied, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.kit import registry, trail
from app.kit.declare import Context, Field, Items, Register
from app.models import Attachment
from app.rules.roles import Perm
from app.services import attachments
from app.services.context import Actor
from app.services.records import get_or_404, stamp_new, update_versioned
from app.services.tx import audit, read_service, snapshot, write_service

_NAME = Field("name", "Item", "名称", required=True, max_length=128)
_REASON = Field("reason", "Reason", "作废原因", required=True, max_length=500)


@dataclass(frozen=True)
class ItemLine:
    id: int
    version: int
    section: str
    name: str
    present: bool  # the tick: the item is there (the paper is in the file)
    personal: bool  # a view of its scan needs PII_VIEW and is logged
    has_scan: bool
    scan_name: str


@dataclass(frozen=True)
class ItemSection:
    section: str
    zh: str  # the section's declared Chinese name (the panel shows it through labels.py)
    items: tuple[ItemLine, ...]
    missing: int  # items of this section not ticked present


@dataclass(frozen=True)
class ItemList:
    state: str  # the record's state (its contents are locked in `Items.locked_states`)
    sections: tuple[ItemSection, ...]

    @property
    def lines(self) -> list[ItemLine]:
        return [line for s in self.sections for line in s.items]

    @property
    def total(self) -> int:
        return sum(len(s.items) for s in self.sections)

    @property
    def missing(self) -> int:
        return sum(s.missing for s in self.sections)

    @property
    def present(self) -> int:
        return self.total - self.missing


def _spec(
    register: str | Register, actor: Actor | None = None, *, edit: bool = False
) -> tuple[Register, Items]:
    """The register and its items; with `actor`, checked that they may see them (or, `edit`,
    change them: the register's `edit_perm`)."""
    reg = registry.get(register) if isinstance(register, str) else register
    if reg.items is None:
        raise NotFound(f"{reg.name} declares no items")
    if actor is not None:
        perm = reg.edit_perm if edit else reg.view_perm
        if perm is None:
            raise PermissionDenied(f"edit {reg.name}", actor.role)
        actor.require(perm)
    return reg, reg.items


def _line(doc: Any, scan_name: str = "") -> ItemLine:
    return ItemLine(
        id=doc.id,
        version=doc.version,
        section=doc.section,
        name=doc.name,
        present=bool(doc.present),
        personal=bool(doc.personal),
        has_scan=doc.attachment_id is not None,
        scan_name=scan_name,
    )


def _live(spec: Items, record_id: int) -> Any:
    model = spec.model
    return (getattr(model, spec.parent) == record_id) & model.voided_at.is_null()


def present_ids(register: str | Register, record_id: int) -> list[int]:
    """The record's items ticked present, in order (inside the caller's transaction)."""
    _reg, spec = _spec(register)
    model = spec.model
    query = model.select(model.id).where(_live(spec, record_id) & model.present)
    return [d.id for d in query.order_by(model.sort_order, model.id)]


@read_service(None)
def item_list(actor: Actor, register: str, record_id: int) -> ItemList:
    """The record's items section by section, in the declared order, each section saying how
    many are not there yet."""
    reg, spec = _spec(register, actor)
    record = get_or_404(reg.model, record_id)
    model = spec.model
    query = (
        model.select(model, Attachment.file_name.alias("scan_name"))
        .join(Attachment, peewee.JOIN.LEFT_OUTER, on=(model.attachment == Attachment.id))
        .where(_live(spec, record_id))
        .order_by(model.sort_order, model.id)
        .objects()  # flat: `attachment` stays the id, the scan's name is `scan_name`
    )
    by_section: dict[str, list[ItemLine]] = {}
    for doc in query:
        by_section.setdefault(doc.section, []).append(
            _line(doc, getattr(doc, "scan_name", None) or "")
        )
    declared = reg.values(spec.sections)
    known = {c.value: c for c in declared}
    order = [c.value for c in declared] + sorted(set(by_section) - set(known))
    sections = []
    for value in order:
        if lines := by_section.get(value):
            zh = known[value].zh if value in known else value
            missing = sum(1 for line in lines if not line.present)
            sections.append(ItemSection(value, zh, tuple(lines), missing))
    state = getattr(record, reg.state_field, "") if reg.states else ""
    return ItemList(state, tuple(sections))


def _check_unlocked(reg: Register, record: Any, field: str) -> None:
    """Items change only on a live record outside the declared `locked_states`."""
    if getattr(record, "voided_at", None) is not None:
        raise ValidationError({field: QT_TRANSLATE_NOOP("app", "This record is voided.")})
    state = getattr(record, reg.state_field, None) if reg.states else None
    if state in reg.items.locked_states:  # type: ignore[union-attr]
        where = reg.whereabouts(record) if reg.whereabouts else ""
        choice = reg.state(state)
        raise ValidationError(
            {
                field: Msg(
                    QT_TRANSLATE_NOOP(
                        "app", "It is {state} now{where}: its contents change when it is back."
                    ),
                    state=choice.zh if choice else state,
                    where=f"（{where}）" if where else "",
                )
            }
        )


def _item(reg: Register, spec: Items, item_id: int, field: str) -> tuple[Any, Any]:
    """The live item and its record, refused when the record's contents may not change."""
    doc = get_or_404(spec.model, item_id)
    if doc.voided_at is not None:
        raise ValidationError({field: QT_TRANSLATE_NOOP("app", "This item is voided.")})
    record = reg.model.get_by_id(getattr(doc, f"{spec.parent}_id"))
    _check_unlocked(reg, record, field)
    return doc, record


def _code(reg: Register, record: Any) -> str:
    """The record's number or code (what its trail rows and audit details name it by)."""
    return getattr(record, reg.number_field if reg.prefix else reg.code_field, "") or ""


def _contents_trail(actor: Actor, reg: Register, record: Any, detail: str) -> None:
    trail.add(actor, reg.name, record.id, "contents", datetime.now(), detail, _code(reg, record))


@write_service(None)
def set_present(actor: Actor, register: str, item_id: int, version: int, present: bool) -> ItemLine:
    """Tick (or untick) an item as there; refused on a stale copy."""
    reg, spec = _spec(register, actor, edit=True)
    if not isinstance(present, bool):
        raise ValidationError({"present": QT_TRANSLATE_NOOP("app", "This value is not valid.")})
    doc, record = _item(reg, spec, item_id, "present")
    saved = update_versioned(
        actor, spec.model, item_id, version, {"present": present}, f"tick {reg.name} item"
    )
    _contents_trail(actor, reg, record, f"{doc.name}：{'已归档' if present else '未归档'}")
    return _line(saved)


@write_service(None)
def add_item(
    actor: Actor,
    register: str,
    record_id: int,
    section: str,
    name: str,
    personal: bool = False,
    *,
    present: bool = True,
) -> ItemLine:
    """An item not on the starting list (a letter, a change of details …), there now
    (`present`) or expected (`present=False`)."""
    reg, spec = _spec(register, actor, edit=True)
    model = spec.model
    errors: dict[str, str] = {}
    if section not in {c.value for c in reg.values(spec.sections)}:
        errors["section"] = QT_TRANSLATE_NOOP("app", "Choose one of the listed values.")
    clean_name, problem = _NAME.clean(name)
    if problem is not None:
        errors["name"] = problem
    record = get_or_404(reg.model, record_id)
    live = _live(spec, record_id)
    if (
        not errors
        and model.select()
        .where(live & (model.section == section) & (model.name == clean_name))
        .exists()
    ):
        errors["name"] = QT_TRANSLATE_NOOP("app", "The list already has this item.")
    if errors:
        raise ValidationError(errors)
    _check_unlocked(reg, record, "name")
    last = model.select(peewee.fn.MAX(model.sort_order)).where(live).scalar()
    doc = model.create(
        **{spec.parent: record_id},
        section=section,
        name=clean_name,
        present=bool(present),
        personal=bool(personal),
        sort_order=(last or 0) + 1,
        **stamp_new(actor),
    )
    audit(actor, f"add {reg.name} item", model.__name__, doc.id, None, snapshot(doc))
    _contents_trail(actor, reg, record, f"新增：{clean_name}")
    return _line(doc)


@write_service(None)
def void_item(actor: Actor, register: str, item_id: int, version: int, reason: str) -> ItemLine:
    """作废 an item listed by mistake, with a reason; it stays, marked voided."""
    reg, spec = _spec(register, actor, edit=True)
    cleaned, problem = _REASON.clean(reason)
    if problem is not None:
        raise ValidationError({"reason": problem})
    doc, record = _item(reg, spec, item_id, "reason")
    by = actor.display_name or actor.username
    changes = {"voided_at": datetime.now(), "voided_by": by, "void_reason": cleaned}
    saved = update_versioned(actor, spec.model, item_id, version, changes, f"void {reg.name} item")
    _contents_trail(actor, reg, record, f"作废：{doc.name}（{cleaned}）")
    return _line(saved)


@write_service(None)
def _link_scan(
    actor: Actor, register: str, item_id: int, stored: attachments.StoredBytes, file_name: str
) -> ItemLine:
    reg, spec = _spec(register)
    doc = get_or_404(spec.model, item_id)
    if doc.voided_at is not None:
        raise ValidationError({"file": QT_TRANSLATE_NOOP("app", "This item is voided.")})
    attachment = attachments.add_attachment(actor, stored, file_name)
    audit(actor, "add attachment", "Attachment", attachment.id, None, snapshot(attachment))
    changes = {"attachment": attachment.id}
    saved = update_versioned(actor, spec.model, item_id, doc.version, changes, "attach scan")
    record = reg.model.get_by_id(getattr(doc, f"{spec.parent}_id"))
    _contents_trail(actor, reg, record, f"{doc.name}：扫描件 {file_name}")
    return _line(saved, file_name)


def attach_scan(actor: Actor, register: str, item_id: int, file_name: str, data: bytes) -> ItemLine:
    """Keep a scanned copy (PDF, PNG or JPEG, at most 20 MB, checked by its content) with an
    item. On SQLite the bytes go to the `-files` folder beside the database before the short
    write transaction that links them."""
    reg, spec = _spec(register, actor, edit=True)
    name, mime = attachments.check_scan(file_name, data)
    doc = run_with_retry(lambda: get_or_404(spec.model, item_id))
    if doc.voided_at is not None:
        raise ValidationError({"file": QT_TRANSLATE_NOOP("app", "This item is voided.")})
    return _link_scan(actor, register, item_id, attachments.put_bytes(data, mime), name)


@write_service(None)
def _log_personal_view(actor: Actor, record: str, doc: Any, attachment: Attachment) -> None:
    details = {
        "record": record,
        "document": doc.name,
        "attachment": attachment.id,
        "file_name": attachment.file_name,
        "sha256": attachment.sha256,
    }
    audit(actor, "view personal document", type(doc).__name__, doc.id, None, details)


def open_scan(actor: Actor, register: str, item_id: int) -> tuple[str, str, bytes]:
    """(file name, MIME type, bytes) of an item's scanned copy. A personal one needs PII_VIEW,
    and every view of one is audited before it is shown."""
    reg, spec = _spec(register, actor)

    def load() -> tuple[Any, Any, Attachment | None]:
        doc = get_or_404(spec.model, item_id)
        record = reg.model.get_by_id(getattr(doc, f"{spec.parent}_id"))
        return doc, record, Attachment.get_or_none(Attachment.id == doc.attachment_id)

    doc, record, attachment = run_with_retry(load)
    if attachment is None:
        raise NotFound(QT_TRANSLATE_NOOP("app", "This item has no scanned copy."))
    if doc.personal and not actor.can(Perm.PII_VIEW):
        raise PermissionDenied(Perm.PII_VIEW.value, actor.role)
    data = run_with_retry(lambda: attachments.read_bytes(attachment))
    if doc.personal:  # logged before the bytes leave: no view of personal data without a record
        _log_personal_view(actor, _code(reg, record), doc, attachment)
    return attachment.file_name, attachment.mime, data


def seed(ctx: Context) -> None:
    """A new record's starting items (`Items.seed`), none ticked, with one prepared statement:
    opening the files of a whole building writes thousands of lines."""
    spec = ctx.register.items
    if spec is None or spec.seed is None:
        return
    columns = [f for f in spec.model._meta.sorted_fields if not isinstance(f, peewee.AutoField)]
    blank = {f.name: f.default() if callable(f.default) else f.default for f in columns}
    user = ctx.actor.username
    stamps = {"created_at": ctx.now, "created_by": user, "updated_at": ctx.now, "updated_by": user}
    rows = [
        {
            **blank,
            **stamps,
            spec.parent: ctx.record.id,
            "section": section,
            "name": name,
            "personal": personal,
            "sort_order": order,
        }
        for order, (section, name, personal) in enumerate(spec.seed(ctx.record), start=1)
    ]
    if rows:
        bulk_insert(spec.model, rows)


def bulk_insert(model: type[peewee.Model], rows: list[dict[str, Any]]) -> None:
    """Insert rows that each give EVERY column but the id, with one prepared statement
    (`executemany`): peewee's `insert_many` spends most of its time building SQL. The statement
    is the one peewee builds for the first row; its parameters are checked against ours."""
    fields = [f for f in model._meta.sorted_fields if not isinstance(f, peewee.AutoField)]
    params = [[f.db_value(row[f.name]) for f in fields] for row in rows]
    database = model._meta.database
    key = (model, type(getattr(database, "obj", database)), tuple(rows[0]))
    sql = _BULK_SQL.get(key)
    if sql is None:
        sql, first = model.insert(**rows[0]).sql()
        if list(first) != params[0]:  # peewee ordered the columns otherwise: the slow road
            model.insert_many(rows).execute()
            return
        _BULK_SQL[key] = sql
    cursor = database.cursor()
    try:
        cursor.executemany(sql, params)
    finally:
        cursor.close()


_BULK_SQL: dict[tuple[Any, ...], str] = {}
