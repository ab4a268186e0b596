"""What is special about the archive register (业主档案管理细则): the contents checklists, file
codes, due days per borrower, and the lend / return handlers the declaration names.

Handlers run inside the kit's transition transaction, after the file's own versioned state change,
and hold only the side effects: the loan record, the return checklist, incidents.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import peewee

from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.kit import items, registry, trail
from app.kit.declare import Context
from app.models import (
    ArchiveDocument,
    ArchiveFile,
    ArchiveIncident,
    ArchiveLoan,
    ArchiveLoanCheck,
    Department,
    Staff,
)
from app.services import office_settings

AUTO_CODE_PREFIX = "DA"
AUTO_CODE_DIGITS = 5
_CODE_RE = re.compile(r"^[\x21-\x7e]+$")
# The archive clerk's own department: its staff borrow for the department's work (seed: 本部门).
OWN_DEPARTMENT = "客服部"
# Working days a file may stay out, by borrower (office settings, see SETTING_DEFAULTS).
DAYS_OWN_SETTING = "archive_loan_days_own"
DAYS_OTHER_SETTING = "archive_loan_days_other"
NEEDS_APPROVAL = ("copy", "take_out")  # 复印或带走，需部门负责人签字批准

# The seed's checklists (业主档案的内容), by section; (name, personal: each view logged).
CONTENTS: dict[str, tuple[tuple[str, bool], ...]] = {
    "move_in": (
        ("入伙通知书", False),
        ("房屋租赁合同或房屋销售合同复印件", False),
        ("物业管理委托协议", False),
        ("消防、安全协议书", False),
        ("《用户手册》承诺书", False),
        ("《装修手册》承诺书", False),
        ("《业主规约》承诺书", False),
        ("入住手续单", False),
        ("紧急情况联系表", True),
        ("入住资料卡", True),
        ("交费单据复印件", False),
        ("房屋交接验收表", False),
        ("楼宇交接书", False),
        ("合同要约单", False),
    ),
    "basic": (
        ("业主资料登记表", True),
        ("业主身份证复印件", True),
        ("变更资料", False),
    ),
    "contact": (
        ("正常联系电话及紧急联系电话", True),
        ("照片", True),
    ),
    "letters": (("往来函件", False),),
    "renovation": (
        ("装修申请表", False),
        ("施工许可证", False),
        ("装修委托书", False),
        ("消防建审意见书", False),
        ("消防现场审核意见书", False),
        ("装修图纸及装修方案", False),
        ("审图意见", False),
        ("装修公司资质证明及营业执照复印件", False),
        ("保险单复印件", False),
        ("装饰装修管理协议书", False),
        ("装修费用收缴结算通知书", False),
        ("装饰装修现场消防安全协议书", False),
        ("泄水单", False),
        ("公共区域成品保护确认单", False),
        ("装修验收申请表", False),
        ("二次装修竣工验收表", False),
        ("隐检表", False),
        ("消防验收合格报告", False),
        ("施工人员登记表", True),
    ),
}
# Which sections a new file of each category starts with.
SECTIONS_BY_CATEGORY: dict[str, tuple[str, ...]] = {
    "household": ("move_in", "basic", "contact", "letters"),
    "move_in": ("move_in",),
    "renovation": ("renovation",),
    "daily": ("letters",),
}
UNIT_CATEGORIES = ("household", "move_in", "renovation", "daily")


# -- codes and creating a file ------------------------------------------------------------------


def check_file_code(value: Any, values: Mapping[str, Any]) -> str | None:
    if not value:
        return None
    code = str(value).upper()
    if not _CODE_RE.match(code):
        return QT_TRANSLATE_NOOP(
            "app",
            "Use letters, digits and - . / only (no spaces, no Chinese): it goes on a barcode.",
        )
    if any(code.startswith(p + "-") for p in registry.prefixes()):
        return QT_TRANSLATE_NOOP(
            "app", "A code may not start like a document number (JY-, YS-, … )."
        )
    if ArchiveFile.select().where(ArchiveFile.code == code).exists():
        return Msg(QT_TRANSLATE_NOOP("app", "The code {code} is already used."), code=code)
    return None


def next_file_code() -> str:
    """The next free `DA00001`-style code (inside the write transaction: no two desks get one)."""
    width = len(AUTO_CODE_PREFIX) + AUTO_CODE_DIGITS
    last = (
        ArchiveFile.select(peewee.fn.MAX(ArchiveFile.code))
        .where(
            ArchiveFile.code.between(
                AUTO_CODE_PREFIX + "0" * AUTO_CODE_DIGITS, AUTO_CODE_PREFIX + "9" * AUTO_CODE_DIGITS
            )
            & (peewee.fn.LENGTH(ArchiveFile.code) == width)
        )
        .scalar()
    )
    number = int(last[len(AUTO_CODE_PREFIX) :]) + 1 if last else 1
    return f"{AUTO_CODE_PREFIX}{number:0{AUTO_CODE_DIGITS}d}"


def _file_rules(
    category: Any, unit: Any, own_id: int | None, field: str = "unit"
) -> dict[str, str]:
    """A unit's file categories need the unit; one household file per unit (一户一档)."""
    if category in UNIT_CATEGORIES and unit is None:
        return {"unit": QT_TRANSLATE_NOOP("app", "A unit's file needs its unit.")}
    if category != "household" or unit is None:
        return {}
    query = ArchiveFile.select(ArchiveFile.code).where(
        (ArchiveFile.unit == unit)
        & (ArchiveFile.category == "household")
        & ArchiveFile.voided_at.is_null()
    )
    if own_id is not None:
        query = query.where(ArchiveFile.id != own_id)
    other = query.first()
    if other is None:
        return {}
    return {
        field: Msg(
            QT_TRANSLATE_NOOP("app", "This unit already has its household file {code}."),
            code=other.code,
        )
    }


def before_create_file(ctx: Context) -> dict[str, str]:
    """Codes upper-cased or made up; then the file rules."""
    values = ctx.inputs
    values["code"] = (values.get("code") or "").upper() or next_file_code()
    return _file_rules(values.get("category"), values.get("unit"), None)


def before_edit_file(ctx: Context) -> dict[str, str]:
    """An edit keeps the same rules (the error goes on the field that was changed)."""
    record, changes = ctx.record, ctx.inputs
    return _file_rules(
        changes.get("category", record.category),
        changes.get("unit", record.unit_id),
        record.id,
        "unit" if "unit" in changes else "category",
    )


def starting_contents(record: ArchiveFile) -> list[tuple[str, str, bool]]:
    """A new file's checklist (the kit's `Items.seed`): the seed's sections for its category."""
    sections = SECTIONS_BY_CATEGORY.get(record.category, ())
    return [
        (section, name, personal) for section in sections for name, personal in CONTENTS[section]
    ]


def file_whereabouts(record: ArchiveFile) -> str:
    if record.status != "lent":
        return ""
    loan = _open_loan(record.id)
    if loan is None:
        return record.holder
    return f"{loan.borrower_name} {loan.number}，应还 {loan.due_at:%Y-%m-%d %H:%M}"


# -- lending ------------------------------------------------------------------------------------


def _open_loan(file_id: int) -> ArchiveLoan | None:
    return (
        ArchiveLoan.select()
        .where(
            (ArchiveLoan.file == file_id)
            & (ArchiveLoan.status == "out")
            & ArchiveLoan.voided_at.is_null()
        )
        .first()
    )


def _department_of(staff_id: int | None) -> str:
    if staff_id is None:
        return ""
    row = (
        Staff.select(Department.name)
        .join(Department)
        .where(Staff.id == staff_id)
        .dicts()
        .get_or_none()
    )
    return row["name"] if row else ""


def loan_days(values: Mapping[str, Any]) -> int:
    """Working days a loan may run: reading on the spot — the same day; the clerk's own
    department and another department — office settings (defaults 3 and 5)."""
    if values.get("kind") == "read":
        return 0
    staff = values.get("borrower_staff")
    own = _department_of(staff) == OWN_DEPARTMENT
    key = DAYS_OWN_SETTING if own else DAYS_OTHER_SETTING
    try:
        return max(0, int(office_settings.get_setting(key)))
    except (ValueError, KeyError):
        return 3 if own else 5


def check_lend(ctx: Context) -> dict[str, str]:
    errors: dict[str, str] = {}
    values = ctx.inputs
    if values.get("kind") in NEEDS_APPROVAL and not values.get("approved_by"):
        errors["approved_by"] = QT_TRANSLATE_NOOP(
            "app", "Copying or taking a file away needs the department head's approval."
        )
    due = values.get("due_at")
    if due is not None and due <= ctx.now:
        errors["due_at"] = QT_TRANSLATE_NOOP("app", "The due time has already passed.")
    return errors


def lend(ctx: Context) -> None:
    """The file went out: open the loan (number JY-…) and note who holds it until when."""
    from app.kit.services import insert_record, who

    loans = registry.get("archive_loans")
    values = ctx.inputs
    staff = Staff.get_by_id(values["borrower_staff"])
    data = {
        "file": ctx.record.id,
        "kind": values["kind"],
        "borrower_staff": staff.id,
        "borrower_name": staff.name,
        "borrower_department": _department_of(staff.id),
        "purpose": values.get("purpose") or "",
        "approved_by": values.get("approved_by") or "",
        "lent_at": ctx.now,
        "lent_by": who(ctx.actor),
        "due_at": values.get("due_at"),
        "borrower_signature": ctx.signature_id,
    }
    loan = insert_record(ctx.actor, loans, data, ctx.now, values=values, detail=staff.name)
    ArchiveFile.update(holder=staff.name, due_at=loan.due_at).where(
        ArchiveFile.id == ctx.record.id
    ).execute()
    ctx.document = loan.number
    ctx.detail = staff.name


# -- taking a file back -------------------------------------------------------------------------


def check_return(ctx: Context) -> dict[str, str]:
    """Every item that went out is accounted for exactly once: as lent, missing or damaged."""
    errors: dict[str, str] = {}
    ok, missing, damaged = (set(ctx.inputs.get(k) or ()) for k in ("ok", "missing", "damaged"))
    expected = set(items.present_ids(ctx.register, ctx.record.id))
    if (ok & missing) or (ok & damaged) or (missing & damaged):
        errors["ok"] = QT_TRANSLATE_NOOP("app", "Mark each item once: as lent, missing or damaged.")
    elif ok | missing | damaged != expected:
        left = len(expected - (ok | missing | damaged))
        errors["ok"] = Msg(
            QT_TRANSLATE_NOOP("app", "Check every item with the borrower: {n} not checked yet."),
            n=left,
        )
    if (missing or damaged) and not ctx.inputs.get("note"):
        errors["note"] = QT_TRANSLATE_NOOP(
            "app", "Say what is missing or damaged and how it happened."
        )
    return errors


def take_back(ctx: Context) -> None:
    """Close the loan with its checklist; a missing or damaged item opens an incident with the
    borrower as the responsible person; the file goes back on its shelf."""
    from app.kit.services import insert_record, who

    loan = _open_loan(ctx.record.id)
    if loan is None:  # a file lent before loans were recorded (imported as lent)
        ArchiveFile.update(holder="", due_at=None).where(ArchiveFile.id == ctx.record.id).execute()
        return
    results = {d: "ok" for d in ctx.inputs.get("ok") or ()}
    results.update({d: "missing" for d in ctx.inputs.get("missing") or ()})
    results.update({d: "damaged" for d in ctx.inputs.get("damaged") or ()})
    note = ctx.inputs.get("note") or ""
    if results:
        ArchiveLoanCheck.insert_many(
            [{"loan": loan.id, "document": d, "result": r} for d, r in results.items()]
        ).execute()
    ArchiveLoan.update(
        status="returned",
        returned_at=ctx.now,
        returned_to=who(ctx.actor),
        return_note=note,
        return_signature=ctx.signature_id,
        updated_at=datetime.now(),
        updated_by=ctx.actor.username,
        version=ArchiveLoan.version + 1,
    ).where((ArchiveLoan.id == loan.id) & (ArchiveLoan.status == "out")).execute()
    incidents = registry.get("archive_incidents")
    names = {
        d.id: d.name
        for d in ArchiveDocument.select().where(ArchiveDocument.id.in_(list(results) or [0]))
    }
    opened = []
    for doc_id, result in results.items():
        if result == "ok":
            continue
        if result == "missing":
            ArchiveDocument.update(present=False).where(ArchiveDocument.id == doc_id).execute()
        incident = insert_record(
            ctx.actor,
            incidents,
            {
                "loan": loan.id,
                "file": ctx.record.id,
                "document": doc_id,
                "kind": result,
                "responsible_staff": loan.borrower_staff_id,
                "responsible_name": loan.borrower_name,
                "description": f"{names.get(doc_id, '')}：{note}",
            },
            ctx.now,
            detail=loan.borrower_name,
        )
        opened.append(incident.number)
    trail.add(ctx.actor, "archive_loans", loan.id, "returned", ctx.now, note, loan.number)
    ArchiveFile.update(holder="", due_at=None).where(ArchiveFile.id == ctx.record.id).execute()
    ctx.document = loan.number
    ctx.detail = "、".join(opened) if opened else loan.borrower_name


def check_void_loan(ctx: Context) -> dict[str, str]:
    """A loan still out is taken back first (its file would stay lent with nobody holding it);
    a wrong loan is voided once the file is back on its shelf."""
    if ctx.record.status == "out":
        return {
            "reason": QT_TRANSLATE_NOOP(
                "app", "The file is still out on this loan: take it back first, then void the loan."
            )
        }
    return {}


def note_reason(ctx: Context) -> None:
    reason = ctx.inputs.get("reason") or ""
    notes = (ctx.record.notes.rstrip() + f"\n[停用 {ctx.now:%Y-%m-%d}] {reason}").strip()
    ArchiveFile.update(notes=notes).where(ArchiveFile.id == ctx.record.id).execute()
    ctx.detail = reason


# -- what the slips print beyond the record (app/kit/slips.py `gather` hooks) -------------------


def _file_of(file_id: int | None) -> ArchiveFile | None:
    return ArchiveFile.get_or_none(ArchiveFile.id == file_id) if file_id else None


def loan_slip_data(record: Mapping[str, Any]) -> dict[str, Any]:
    """The lending slip: the file's name, unit and shelf beside the loan."""
    file = _file_of(record.get("file"))
    unit = file.unit if file is not None and file.unit_id else None
    return {
        "file_title": file.title if file else "",
        "file_unit": unit.code if unit is not None else "",
        "file_shelf": file.shelf if file else "",
    }


def return_receipt_data(record: Mapping[str, Any]) -> dict[str, Any]:
    """The return receipt: the checklist item by item with its result, a count, the incidents."""
    from app.registers.archives.register import ARCHIVES, SECTIONS

    section_zh = {c.value: c.zh for c in SECTIONS}
    result_zh = {f.name: f.zh for f in ARCHIVES.transition("return").inputs}  # the marks
    data = loan_slip_data(record)
    rows = (
        ArchiveLoanCheck.select(ArchiveLoanCheck, ArchiveDocument)
        .join(ArchiveDocument)
        .where(ArchiveLoanCheck.loan == record["id"])
        .order_by(ArchiveDocument.sort_order, ArchiveDocument.id)
    )
    checks = []
    counts = {"ok": 0, "missing": 0, "damaged": 0}
    for row in rows:
        counts[row.result] = counts.get(row.result, 0) + 1
        checks.append(
            {
                "section": section_zh.get(row.document.section, row.document.section),
                "name": row.document.name,
                "result": result_zh.get(row.result, row.result),
            }
        )
    incidents = [
        i.number
        for i in ArchiveIncident.select(ArchiveIncident.number)
        .where(ArchiveIncident.loan == record["id"])
        .order_by(ArchiveIncident.id)
    ]
    marks = [f"{result_zh[k]} {n}" for k, n in counts.items() if n or k == "ok"]
    summary = f"共 {len(checks)} 项：" + "，".join(marks)
    data.update(
        checks=checks,
        check_summary=summary if checks else "未登记核对明细",
        incidents="、".join(incidents) or "无",
    )
    return data


def overdue_list_data(context: Mapping[str, Any]) -> dict[str, Any]:
    """The overdue list (档案逾期未还清单): every open loan past its due time, longest first,
    with the working days it is overdue. One query on the indexed due_at."""
    from app.services import calendar

    now = context.get("printed_at") or datetime.now()
    rows = (
        ArchiveLoan.select(ArchiveLoan, ArchiveFile)
        .join(ArchiveFile, on=(ArchiveLoan.file == ArchiveFile.id))
        .where(
            (ArchiveLoan.status == "out")
            & ArchiveLoan.voided_at.is_null()
            & (ArchiveLoan.due_at < now)
        )
        .order_by(ArchiveLoan.due_at, ArchiveLoan.id)
    )
    loans = []
    for loan in rows:
        late = calendar.workdays_between(loan.due_at.date(), now.date())
        loans.append(
            {
                "number": loan.number,
                "file_code": loan.file.code,
                "file_title": loan.file.title,
                "borrower_name": loan.borrower_name,
                "borrower_department": loan.borrower_department,
                "lent_at": loan.lent_at,
                "due_at": loan.due_at,
                "late": str(late) if late > 0 else "当天",
            }
        )
    return {"loans": loans, "count": f"{len(loans)} 份"}
