"""The archive clerk's special intents (业主档案管理细则), beside the kit's generic ones.

Lending and taking back a file are the kit's transitions (`kit.transition(actor, "archives",
"lend" | "return", …)`, handlers in rules.py). What is here:

- opening the household file of every unit of a building at once (`open_files_for_building`);
- the contents checklist (`file_contents`, `set_document_present`, `add_document`,
  `void_document`) and scanned copies (`attach_scan`, `open_scan`; the bytes through
  app/services/attachments.py; each view of a personal document is audited);
- accountability: who has which files (`files_out_by_person`, `files_out_by_department`),
  `overdue_loans`, open incidents, and `staff_holdings` — what a staff member still holds in any
  register that declares a `holder_field` (refuses 调离 in services/reference/staff.py).

Readers return frozen dataclasses; writers validate first, then write and audit in one
transaction (`@write_service`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import peewee

from app.db import run_with_retry
from app.errors import NotFound, PermissionDenied, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.kit import trail
from app.kit.declare import Field
from app.kit.services import insert_record, who
from app.models import (
    ArchiveDocument,
    ArchiveFile,
    ArchiveIncident,
    ArchiveLoan,
    Attachment,
    Building,
    Floor,
    Unit,
)
from app.registers.archives import rules
from app.registers.archives.register import (
    ARCHIVE_INCIDENTS,
    ARCHIVES,
    CATEGORIES,
    INCIDENT_KINDS,
    LOAN_KINDS,
    SECTIONS,
)
from app.rules.roles import Perm
from app.services import attachments
from app.services.context import Actor
from app.services.records import get_or_404, stamp_new, update_versioned
from app.services.tx import audit, read_service, snapshot, write_service

_NAME = Field("name", "Document", "文件名称", required=True, max_length=128)
_REASON = Field("reason", "Reason", "作废原因", required=True, max_length=500)


# ---------------------------------------------------------------------------------------------
# Opening files


@dataclass(frozen=True)
class OpenedFiles:
    """What `open_files_for_building` did: files opened now, units that already had one."""

    opened: int
    existing: int
    codes: tuple[str, ...]  # the new files' codes, in unit order (for printing their labels)


def _file_title(unit_code: str, category: str) -> str:
    if category == "household":
        return f"{unit_code} 业主档案"
    choice = next((c for c in CATEGORIES if c.value == category), None)
    return f"{unit_code} {choice.zh if choice else category}"


@write_service(Perm.ARCHIVES_MANAGE)
def open_files_for_building(
    actor: Actor, building_id: int, category: str = "household", *, now: datetime | None = None
) -> OpenedFiles:
    """Open the `category` file (一户一档: the household file) of every unit of the building
    that has none yet, in one step: each gets its code, its contents checklist, a trail row and
    an audit record; the shelf is left empty for the clerk to fill in."""
    now = now or datetime.now()
    errors: dict[str, str] = {}
    if category not in rules.UNIT_CATEGORIES:
        errors["category"] = QT_TRANSLATE_NOOP("app", "Only a unit's file can be opened per unit.")
    if Building.get_or_none(Building.id == building_id) is None:
        errors["building"] = QT_TRANSLATE_NOOP("app", "This record does not exist.")
    if errors:
        raise ValidationError(errors)
    units = list(
        Unit.select(Unit.id, Unit.code)
        .join(Floor)
        .where((Floor.building == building_id) & Unit.voided_at.is_null())
        .order_by(Floor.number, Unit.code)
    )
    have = {
        unit_id
        for (unit_id,) in ArchiveFile.select(ArchiveFile.unit)
        .join(Unit)
        .join(Floor)
        .where(
            (Floor.building == building_id)
            & (ArchiveFile.category == category)
            & ArchiveFile.voided_at.is_null()
        )
        .tuples()
    }
    codes: list[str] = []
    first = rules.next_file_code()  # then counted on: every later code is free as well
    prefix, number = rules.AUTO_CODE_PREFIX, int(first[len(rules.AUTO_CODE_PREFIX) :])
    for unit in units:
        if unit.id in have:
            continue
        data = {
            "code": f"{prefix}{number + len(codes):0{rules.AUTO_CODE_DIGITS}d}",
            "category": category,
            "unit": unit.id,
            "title": _file_title(unit.code, category),
            "shelf": "",
        }
        record = insert_record(actor, ARCHIVES, data, now, detail=unit.code)
        codes.append(record.code)
    return OpenedFiles(opened=len(codes), existing=len(have), codes=tuple(codes))


# ---------------------------------------------------------------------------------------------
# Contents


@dataclass(frozen=True)
class DocumentLine:
    id: int
    version: int
    file_id: int
    section: str
    name: str
    present: bool  # the tick: the paper is in the file
    personal: bool  # ID copy, contact sheet: a view of its scan needs PII_VIEW and is logged
    has_scan: bool
    scan_name: str
    notes: str


@dataclass(frozen=True)
class ContentsSection:
    section: str
    en: str
    zh: str
    documents: tuple[DocumentLine, ...]
    missing: int  # unticked documents of this section


@dataclass(frozen=True)
class FileContents:
    file_id: int
    code: str
    title: str
    status: str
    version: int
    sections: tuple[ContentsSection, ...]

    @property
    def total(self) -> int:
        return sum(len(s.documents) for s in self.sections)

    @property
    def missing(self) -> int:
        return sum(s.missing for s in self.sections)

    @property
    def present(self) -> int:
        return self.total - self.missing


def _line(doc: ArchiveDocument, scan_name: str = "") -> DocumentLine:
    return DocumentLine(
        id=doc.id,
        version=doc.version,
        file_id=doc.file_id,
        section=doc.section,
        name=doc.name,
        present=bool(doc.present),
        personal=bool(doc.personal),
        has_scan=doc.attachment_id is not None,
        scan_name=scan_name,
        notes=doc.notes or "",
    )


def _documents(file_id: int) -> list[ArchiveDocument]:
    query = (
        ArchiveDocument.select(ArchiveDocument, Attachment.file_name.alias("scan_name"))
        .join(Attachment, peewee.JOIN.LEFT_OUTER, on=(ArchiveDocument.attachment == Attachment.id))
        .where((ArchiveDocument.file == file_id) & ArchiveDocument.voided_at.is_null())
        .order_by(ArchiveDocument.sort_order, ArchiveDocument.id)
        .objects()  # flat: `attachment` stays the id, the scan's name is `scan_name`
    )
    return list(query)


def _scan_name(doc: ArchiveDocument) -> str:
    return getattr(doc, "scan_name", None) or ""


@read_service(Perm.ARCHIVES_VIEW)
def file_contents(actor: Actor, file_id: int) -> FileContents:
    """The file's checklist, section by section in the declared order (业主入住资料, 业主基本资料
    …), each document with its tick, personal flag and whether a scan is attached, and per
    section how many documents are not in the file yet."""
    file = get_or_404(ArchiveFile, file_id)
    by_section: dict[str, list[DocumentLine]] = {}
    for doc in _documents(file_id):
        by_section.setdefault(doc.section, []).append(_line(doc, _scan_name(doc)))
    order = [s.value for s in SECTIONS] + sorted(set(by_section) - {s.value for s in SECTIONS})
    sections = []
    for value in order:
        docs = by_section.get(value)
        if not docs:
            continue
        choice = next((s for s in SECTIONS if s.value == value), None)
        sections.append(
            ContentsSection(
                section=value,
                en=choice.en if choice else value,
                zh=choice.zh if choice else value,
                documents=tuple(docs),
                missing=sum(1 for d in docs if not d.present),
            )
        )
    return FileContents(
        file_id=file.id,
        code=file.code,
        title=file.title,
        status=file.status,
        version=file.version,
        sections=tuple(sections),
    )


def _check_file_here(file: ArchiveFile, field: str) -> None:
    """Contents change only while the file is on the shelf (a lent file's checklist is what the
    borrower must bring back)."""
    if file.voided_at is not None:
        raise ValidationError({field: QT_TRANSLATE_NOOP("app", "This record is voided.")})
    if file.status == "lent":
        raise ValidationError(
            {
                field: Msg(
                    QT_TRANSLATE_NOOP(
                        "app",
                        "The file is lent out ({where}); change its contents when it is back.",
                    ),
                    where=rules.file_whereabouts(file),
                )
            }
        )


def _document_here(document_id: int, field: str) -> tuple[ArchiveDocument, ArchiveFile]:
    doc = get_or_404(ArchiveDocument, document_id)
    if doc.voided_at is not None:
        raise ValidationError({field: QT_TRANSLATE_NOOP("app", "This document is voided.")})
    file = ArchiveFile.get_by_id(doc.file_id)
    _check_file_here(file, field)
    return doc, file


def _contents_trail(actor: Actor, file: ArchiveFile, detail: str) -> None:
    trail.add(actor, ARCHIVES.name, file.id, "contents", datetime.now(), detail, file.code)


@write_service(Perm.ARCHIVES_MANAGE)
def set_document_present(
    actor: Actor, document_id: int, version: int, present: bool
) -> DocumentLine:
    """Tick (or untick) a document as being in the file; refused on a stale copy."""
    if not isinstance(present, bool):
        raise ValidationError({"present": QT_TRANSLATE_NOOP("app", "This value is not valid.")})
    doc, file = _document_here(document_id, "present")
    saved = update_versioned(
        actor, ArchiveDocument, document_id, version, {"present": present}, "tick archive document"
    )
    _contents_trail(actor, file, f"{doc.name}：{'已归档' if present else '未归档'}")
    return _line(saved)


@write_service(Perm.ARCHIVES_MANAGE)
def add_document(
    actor: Actor,
    file_id: int,
    section: str,
    name: str,
    personal: bool = False,
    *,
    present: bool = True,
) -> DocumentLine:
    """A document that is not on the seed's checklist (a letter, a change of details …), filed
    now (`present`) or expected (`present=False`)."""
    errors: dict[str, str] = {}
    if section not in {s.value for s in SECTIONS}:
        errors["section"] = QT_TRANSLATE_NOOP("app", "Choose one of the listed values.")
    clean_name, problem = _NAME.clean(name)
    if problem is not None:
        errors["name"] = problem
    file = ArchiveFile.get_or_none(ArchiveFile.id == file_id)
    if file is None:
        raise NotFound(Msg(QT_TRANSLATE_NOOP("app", "File {id} does not exist."), id=file_id))
    if not errors:
        duplicate = (
            ArchiveDocument.select()
            .where(
                (ArchiveDocument.file == file_id)
                & (ArchiveDocument.section == section)
                & (ArchiveDocument.name == clean_name)
                & ArchiveDocument.voided_at.is_null()
            )
            .exists()
        )
        if duplicate:
            errors["name"] = QT_TRANSLATE_NOOP("app", "The file already lists this document.")
    if errors:
        raise ValidationError(errors)
    _check_file_here(file, "name")
    last = (
        ArchiveDocument.select(peewee.fn.MAX(ArchiveDocument.sort_order))
        .where(ArchiveDocument.file == file_id)
        .scalar()
    )
    doc = ArchiveDocument.create(
        file=file_id,
        section=section,
        name=clean_name,
        present=bool(present),
        personal=bool(personal),
        sort_order=(last or 0) + 1,
        **stamp_new(actor),
    )
    audit(actor, "add archive document", "ArchiveDocument", doc.id, None, snapshot(doc))
    _contents_trail(actor, file, f"新增：{clean_name}")
    return _line(doc)


@write_service(Perm.ARCHIVES_MANAGE)
def void_document(actor: Actor, document_id: int, version: int, reason: str) -> DocumentLine:
    """作废 a checklist line (listed by mistake) with a reason; it stays, marked voided."""
    cleaned, problem = _REASON.clean(reason)
    if problem is not None:
        raise ValidationError({"reason": problem})
    doc, file = _document_here(document_id, "reason")
    saved = update_versioned(
        actor,
        ArchiveDocument,
        document_id,
        version,
        {"voided_at": datetime.now(), "voided_by": who(actor), "void_reason": cleaned},
        "void archive document",
    )
    _contents_trail(actor, file, f"作废：{doc.name}（{cleaned}）")
    return _line(saved)


# ---------------------------------------------------------------------------------------------
# Scanned copies


@write_service(Perm.ARCHIVES_MANAGE)
def _link_scan(
    actor: Actor, document_id: int, stored: attachments.StoredBytes, file_name: str
) -> DocumentLine:
    doc = get_or_404(ArchiveDocument, document_id)
    if doc.voided_at is not None:
        raise ValidationError({"file": QT_TRANSLATE_NOOP("app", "This document is voided.")})
    attachment = attachments.add_attachment(actor, stored, file_name)
    audit(actor, "add attachment", "Attachment", attachment.id, None, snapshot(attachment))
    saved = update_versioned(
        actor,
        ArchiveDocument,
        document_id,
        doc.version,
        {"attachment": attachment.id},
        "attach scan",
    )
    file = ArchiveFile.get_by_id(doc.file_id)
    _contents_trail(actor, file, f"{doc.name}：扫描件 {file_name}")
    return _line(saved, file_name)


def attach_scan(actor: Actor, document_id: int, file_name: str, data: bytes) -> DocumentLine:
    """Keep a scanned copy (PDF, PNG or JPEG, at most 20 MB, checked by its content) with a
    document. On SQLite the bytes go to the `-files` folder beside the database before the
    short write transaction that links them."""
    actor.require(Perm.ARCHIVES_MANAGE)
    name, mime = attachments.check_scan(file_name, data)
    doc = run_with_retry(lambda: get_or_404(ArchiveDocument, document_id))
    if doc.voided_at is not None:
        raise ValidationError({"file": QT_TRANSLATE_NOOP("app", "This document is voided.")})
    stored = attachments.put_bytes(data, mime)
    return _link_scan(actor, document_id, stored, name)


@write_service(Perm.ARCHIVES_VIEW)
def _log_personal_view(actor: Actor, doc: ArchiveDocument, attachment: Attachment) -> None:
    file = ArchiveFile.get_by_id(doc.file_id)
    audit(
        actor,
        "view personal document",
        "ArchiveDocument",
        doc.id,
        None,
        {
            "file": file.code,
            "document": doc.name,
            "attachment": attachment.id,
            "file_name": attachment.file_name,
            "sha256": attachment.sha256,
        },
    )


def open_scan(actor: Actor, document_id: int) -> tuple[str, str, bytes]:
    """(file name, MIME type, bytes) of a document's scanned copy. A personal document (ID copy,
    contact sheet) needs PII_VIEW, and every view of one is audited before it is shown."""
    actor.require(Perm.ARCHIVES_VIEW)

    def load() -> tuple[ArchiveDocument, Attachment | None]:
        doc = get_or_404(ArchiveDocument, document_id)
        if doc.attachment_id is None:
            return doc, None
        return doc, Attachment.get_or_none(Attachment.id == doc.attachment_id)

    doc, attachment = run_with_retry(load)
    if attachment is None:
        raise NotFound(QT_TRANSLATE_NOOP("app", "This document has no scanned copy."))
    if doc.personal and not actor.can(Perm.PII_VIEW):
        raise PermissionDenied(Perm.PII_VIEW.value, actor.role)
    data = run_with_retry(lambda: attachments.read_bytes(attachment))
    if doc.personal:  # logged before the bytes leave: no view of personal data without a record
        _log_personal_view(actor, doc, attachment)
    return attachment.file_name, attachment.mime, data


# ---------------------------------------------------------------------------------------------
# Accountability: who has which file


@dataclass(frozen=True)
class OpenLoan:
    id: int
    number: str
    file_id: int
    file_code: str
    file_title: str
    kind: str
    kind_zh: str
    borrower_staff_id: int
    borrower_name: str
    borrower_department: str
    lent_at: datetime
    due_at: datetime
    overdue: bool


@dataclass(frozen=True)
class LoanGroup:
    """The open loans of one person or one department."""

    name: str  # the borrower's name, or the department
    staff_id: int | None  # by person
    department: str
    loans: tuple[OpenLoan, ...]

    @property
    def count(self) -> int:
        return len(self.loans)

    @property
    def overdue(self) -> int:
        return sum(1 for loan in self.loans if loan.overdue)


_KIND_ZH = {c.value: c.zh for c in LOAN_KINDS}


def _open_loans(now: datetime, where: Any = None) -> list[OpenLoan]:
    """Open loans with their file, oldest due first: ONE query (status and due_at are indexed)."""
    cond = (ArchiveLoan.status == "out") & ArchiveLoan.voided_at.is_null()
    if where is not None:
        cond &= where
    query = (
        ArchiveLoan.select(
            ArchiveLoan.id,
            ArchiveLoan.number,
            ArchiveLoan.file,
            ArchiveLoan.kind,
            ArchiveLoan.borrower_staff,
            ArchiveLoan.borrower_name,
            ArchiveLoan.borrower_department,
            ArchiveLoan.lent_at,
            ArchiveLoan.due_at,
            ArchiveFile.code.alias("file_code"),
            ArchiveFile.title.alias("file_title"),
        )
        .join(ArchiveFile, on=(ArchiveLoan.file == ArchiveFile.id))
        .where(cond)
        .order_by(ArchiveLoan.due_at, ArchiveLoan.id)
        .dicts()
    )
    out = []
    for r in query:
        lent_at = _as_datetime(r["lent_at"])
        due_at = _as_datetime(r["due_at"])
        out.append(
            OpenLoan(
                id=r["id"],
                number=r["number"],
                file_id=r["file"],
                file_code=r["file_code"],
                file_title=r["file_title"],
                kind=r["kind"],
                kind_zh=_KIND_ZH.get(r["kind"], r["kind"]),
                borrower_staff_id=r["borrower_staff"],
                borrower_name=r["borrower_name"],
                borrower_department=r["borrower_department"] or "",
                lent_at=lent_at,
                due_at=due_at,
                overdue=due_at < now,
            )
        )
    return out


def _as_datetime(value: Any) -> Any:
    if isinstance(value, str):  # .dicts() on SQLite may hand back the stored text
        return ArchiveLoan.due_at.python_value(value)
    return value


def _groups(loans: Sequence[OpenLoan], by_person: bool) -> list[LoanGroup]:
    grouped: dict[Any, list[OpenLoan]] = {}
    for loan in loans:
        key = loan.borrower_staff_id if by_person else loan.borrower_department
        grouped.setdefault(key, []).append(loan)
    groups = [
        LoanGroup(
            name=items[0].borrower_name if by_person else (key or ""),
            staff_id=key if by_person else None,
            department=items[0].borrower_department if by_person else (key or ""),
            loans=tuple(items),
        )
        for key, items in grouped.items()
    ]
    groups.sort(key=lambda g: (-g.count, g.name))
    return groups


@read_service(Perm.ARCHIVES_VIEW)
def files_out_by_person(actor: Actor, now: datetime | None = None) -> list[LoanGroup]:
    """Every person holding files now, with their open loans (most files first)."""
    return _groups(_open_loans(now or datetime.now()), by_person=True)


@read_service(Perm.ARCHIVES_VIEW)
def files_out_by_department(actor: Actor, now: datetime | None = None) -> list[LoanGroup]:
    """Files out per borrowing department, with the open loans."""
    return _groups(_open_loans(now or datetime.now()), by_person=False)


@read_service(Perm.ARCHIVES_VIEW)
def overdue_loans(actor: Actor, now: datetime | None = None) -> list[OpenLoan]:
    """Files not back by their due time (档案逾期未还), the longest overdue first."""
    now = now or datetime.now()
    return _open_loans(now, ArchiveLoan.due_at < now)


@dataclass(frozen=True)
class IncidentLine:
    id: int
    number: str
    file_code: str
    document: str
    kind: str
    kind_zh: str
    responsible_name: str
    description: str
    opened_at: datetime


_INCIDENT_KIND_ZH = {c.value: c.zh for c in INCIDENT_KINDS}


@read_service(Perm.ARCHIVES_VIEW)
def open_incidents(actor: Actor) -> list[IncidentLine]:
    """The Today line of archive incidents: every missing or damaged item not yet dealt with
    (the declaration's `today.open_states`, listed until closed)."""
    spec = ARCHIVE_INCIDENTS.today
    assert spec is not None
    rows = (
        ArchiveIncident.select(ArchiveIncident, ArchiveFile.code, ArchiveDocument.name)
        .join(ArchiveFile, on=(ArchiveIncident.file == ArchiveFile.id))
        .switch(ArchiveIncident)
        .join(
            ArchiveDocument,
            peewee.JOIN.LEFT_OUTER,
            on=(ArchiveIncident.document == ArchiveDocument.id),
        )
        .where(ArchiveIncident.status.in_(spec.open_states) & ArchiveIncident.voided_at.is_null())
        .order_by(ArchiveIncident.id)
    )
    return [
        IncidentLine(
            id=r.id,
            number=r.number,
            file_code=r.file.code,
            document=r.document.name if r.document_id else "",
            kind=r.kind,
            kind_zh=_INCIDENT_KIND_ZH.get(r.kind, r.kind),
            responsible_name=r.responsible_name,
            description=r.description,
            opened_at=r.created_at,
        )
        for r in rows
    ]


__all__ = [
    "ContentsSection",
    "DocumentLine",
    "FileContents",
    "IncidentLine",
    "LoanGroup",
    "OpenLoan",
    "OpenedFiles",
    "add_document",
    "attach_scan",
    "file_contents",
    "files_out_by_department",
    "files_out_by_person",
    "open_files_for_building",
    "open_incidents",
    "open_scan",
    "overdue_loans",
    "set_document_present",
    "void_document",
]
