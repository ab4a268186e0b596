"""Roles (SPEC §4) and what each may do. Services check these; hiding a button is not enough."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ASSISTANT = "assistant"  # 客服助理
    SUPERVISOR = "supervisor"  # 客服主任
    MANAGER = "manager"  # 客服经理
    ARCHIVIST = "archivist"  # 档案管理员
    FINANCE = "finance"  # 财务
    ENGINEERING = "engineering"  # 工程
    SECURITY = "security"  # 安管
    ADMIN = "admin"  # 管理员


ROLE_LABELS_ZH: dict[Role, str] = {
    Role.ASSISTANT: "客服助理",
    Role.SUPERVISOR: "客服主任",
    Role.MANAGER: "客服经理",
    Role.ARCHIVIST: "档案管理员",
    Role.FINANCE: "财务",
    Role.ENGINEERING: "工程",
    Role.SECURITY: "安管",
    Role.ADMIN: "管理员",
}


class Perm(StrEnum):
    KEYS_VIEW = "view keys"
    KEYS_LEND = "lend and take back keys"
    KEYS_MANAGE = "receive, issue and register keys"
    KEYS_STOCKTAKE = "take stock of the key cabinet"
    ARCHIVES_VIEW = "look up owner archive files"
    ARCHIVES_LEND = "lend and take back archive files"
    ARCHIVES_MANAGE = "open, edit and retire archive files, close archive incidents"
    MAIL_VIEW = "look up mail held at the desk"
    MAIL_HANDLE = "receive, notify, hand out and return mail"
    MAIL_MANAGE = "void mail records"
    REFERENCE_VIEW = "view units, owners and tenants"
    REFERENCE_EDIT = "edit units, owners and tenants"
    STAFF_EDIT = "edit staff"
    PII_VIEW = "see full ID numbers and phone numbers"
    EXPORT = "export registers to Excel"
    USERS_MANAGE = "manage user accounts"
    AUDIT_VIEW = "read the audit log and flagged logins"
    SETTINGS_EDIT = "change office settings"
    CALENDAR_EDIT = "edit the office holiday calendar"
    SERVICE_VIEW = "view repairs, complaints and callbacks"
    SERVICE_DESK = "take repairs and complaints, make callbacks"
    REPAIR_WORK = "record an engineer's arrival and repair work"
    SERVICE_MANAGE = "decide complaints, cancel callbacks and reopen service records"


_DESK = {
    Perm.ARCHIVES_VIEW,
    Perm.MAIL_VIEW,
    Perm.MAIL_HANDLE,
    Perm.KEYS_VIEW,
    Perm.KEYS_LEND,
    Perm.KEYS_STOCKTAKE,
    Perm.REFERENCE_VIEW,
    # 客服人员接到报修电话后填写维修服务通知单 … 客服助理及时进行回访 (seed)
    Perm.SERVICE_VIEW,
    Perm.SERVICE_DESK,
    Perm.REPAIR_WORK,  # the desk records an arrival phoned in
}
_SUPERVISOR = _DESK | {
    Perm.ARCHIVES_LEND,
    Perm.MAIL_MANAGE,
    Perm.KEYS_MANAGE,
    Perm.REFERENCE_EDIT,
    Perm.PII_VIEW,
    Perm.EXPORT,
    Perm.SERVICE_MANAGE,  # 客服主任 records and passes on complaints, arranges callbacks
}
_MANAGER = _SUPERVISOR | {
    Perm.ARCHIVES_MANAGE,
    Perm.STAFF_EDIT,
    Perm.AUDIT_VIEW,
    Perm.SETTINGS_EDIT,
    Perm.CALENDAR_EDIT,
}

PERMISSIONS: dict[Role, frozenset[Perm]] = {
    Role.ASSISTANT: frozenset(_DESK),
    Role.SUPERVISOR: frozenset(_SUPERVISOR),
    Role.MANAGER: frozenset(_MANAGER),
    # 档案管理员负责档案的建立建全、整理及保管 (seed): the archive register is theirs.
    Role.ARCHIVIST: frozenset(
        {
            Perm.REFERENCE_VIEW,
            Perm.PII_VIEW,
            Perm.KEYS_VIEW,
            Perm.ARCHIVES_VIEW,
            Perm.ARCHIVES_LEND,
            Perm.ARCHIVES_MANAGE,
            Perm.EXPORT,
        }
    ),
    Role.FINANCE: frozenset({Perm.REFERENCE_VIEW, Perm.PII_VIEW, Perm.EXPORT}),
    # The engineer scans the order at a desk on arrival and when the work is done.
    Role.ENGINEERING: frozenset(
        {Perm.KEYS_VIEW, Perm.REFERENCE_VIEW, Perm.SERVICE_VIEW, Perm.REPAIR_WORK}
    ),
    Role.SECURITY: frozenset({Perm.KEYS_VIEW, Perm.REFERENCE_VIEW}),
    Role.ADMIN: frozenset(Perm),
}


def allowed(role: str, perm: Perm) -> bool:
    try:
        return perm in PERMISSIONS[Role(role)]
    except ValueError:
        return False
