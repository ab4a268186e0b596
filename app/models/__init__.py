"""All tables, in creation order (a table after the ones it references)."""

from app.models.accounts import LoginEvent, User
from app.models.base import BaseModel, TrackedModel
from app.models.common import AuditEvent, DocumentSequence, OfficeSetting, SchemaMeta, Signature
from app.models.keys import (
    Key,
    KeyEvent,
    KeyHandover,
    KeyHandoverLine,
    KeyLoan,
    KeyStocktake,
    KeyStocktakeScan,
)
from app.models.presence import Workstation
from app.models.reference import Building, Department, Floor, Party, Staff, Unit, UnitParty

ALL_MODELS: list[type[BaseModel]] = [
    SchemaMeta,
    DocumentSequence,
    OfficeSetting,
    Signature,
    AuditEvent,
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
    KeyEvent,
    Workstation,  # who is connected (services/presence.py)
]

__all__ = [m.__name__ for m in ALL_MODELS] + ["ALL_MODELS", "BaseModel", "TrackedModel"]
