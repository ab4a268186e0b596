"""All tables, in creation order (a table after the ones it references)."""

from app.models.accounts import LoginEvent, User
from app.models.archives import (
    ArchiveDocument,
    ArchiveFile,
    ArchiveIncident,
    ArchiveLoan,
    ArchiveLoanCheck,
    Attachment,
    AttachmentBlob,
)
from app.models.base import BaseModel, TrackedModel
from app.models.calendar import OfficeHoliday
from app.models.common import (
    AuditEvent,
    DocumentSequence,
    OfficeSetting,
    RecordEvent,
    SchemaMeta,
    Signature,
)
from app.models.keys import (
    Key,
    KeyHandover,
    KeyHandoverLine,
    KeyLoan,
    KeyStocktake,
    KeyStocktakeScan,
)
from app.models.kit_import import ImportMapping
from app.models.mail import (
    MailHandover,
    MailHandoverLine,
    MailItem,
    MailPickup,
    PeriodicalReceipt,
    PeriodicalShortage,
    PeriodicalSubscription,
)
from app.models.presence import Workstation
from app.models.reference import Building, Department, Floor, Party, Staff, Unit, UnitParty
from app.models.service_desk import Callback, Complaint, WorkOrder

ALL_MODELS: list[type[BaseModel]] = [
    SchemaMeta,
    DocumentSequence,
    OfficeSetting,
    Signature,
    AuditEvent,
    RecordEvent,  # every register record's trail (app/kit/trail.py)
    Building,
    Floor,
    Unit,
    Party,
    UnitParty,
    Department,
    Staff,
    User,
    LoginEvent,
    Key,
    KeyLoan,
    KeyHandover,
    KeyHandoverLine,
    KeyStocktake,
    KeyStocktakeScan,
    Workstation,  # who is connected (services/presence.py)
    OfficeHoliday,  # office holiday table (services/calendar.py)
    Attachment,  # scanned copies (services/attachments.py)
    AttachmentBlob,
    ArchiveFile,  # 业主档案 (registers/archives)
    ArchiveDocument,
    ArchiveLoan,
    ArchiveLoanCheck,
    ArchiveIncident,
    ImportMapping,  # saved Excel column mappings (kit/history_import.py)
    MailPickup,  # 邮件分拣 (registers/mail)
    MailItem,
    MailHandover,
    MailHandoverLine,
    PeriodicalSubscription,  # 报刊收发 (registers/mail/periodicals.py)
    PeriodicalReceipt,
    PeriodicalShortage,
    WorkOrder,  # the service desk (registers/service_desk)
    Complaint,
    Callback,
]

__all__ = [m.__name__ for m in ALL_MODELS] + ["ALL_MODELS", "BaseModel", "TrackedModel"]
