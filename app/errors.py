"""Domain errors. The UI turns each into the right message; a clerk never sees a traceback."""

from __future__ import annotations

from datetime import datetime


class PropDeskError(Exception):
    """Base of every error the services raise on purpose."""


class ValidationError(PropDeskError):
    """Bad input. `errors` maps a field name to a message (English source text)."""

    def __init__(self, errors: dict[str, str] | str, field: str = "__all__") -> None:
        if isinstance(errors, str):
            errors = {field: errors}
        self.errors: dict[str, str] = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))


class ConflictError(PropDeskError):
    """Someone else saved the record after this copy was read."""

    def __init__(self, what: str, changed_by: str | None, changed_at: datetime | None) -> None:
        self.what = what
        self.changed_by = changed_by
        self.changed_at = changed_at
        when = changed_at.strftime("%Y-%m-%d %H:%M") if changed_at else "?"
        super().__init__(f"{what} was changed by {changed_by or '?'} at {when}; reload it first")


class PermissionDenied(PropDeskError):
    def __init__(self, permission: str, role: str | None = None) -> None:
        self.permission = permission
        self.role = role
        super().__init__(f"role {role or '?'} may not {permission}")


class NotFound(PropDeskError):
    pass


class StorageUnavailable(PropDeskError):
    """The database cannot be reached, or stayed locked past the retry limit. Input is kept.

    `busy` tells the two apart: a busy database is there (another desk is writing), a lost share
    is not — the UI shows the "drive disconnected" banner only for the latter."""

    def __init__(self, message: str, *, busy: bool = False) -> None:
        self.busy = busy
        super().__init__(message)


class SchemaTooNew(PropDeskError):
    """The database was written by a newer PropDesk; it is refused and never touched."""


class AuthenticationFailed(PropDeskError):
    pass


class AccountLocked(AuthenticationFailed):
    def __init__(self, until: datetime) -> None:
        self.until = until
        super().__init__(f"account locked until {until:%H:%M}")


class ReasonRequired(PropDeskError):
    """A login outside working hours needs a reason (保密制度)."""


class WrongState(PropDeskError):
    """A transition asked of a record that is not (or no longer) in a state it starts from:
    another desk moved it first, or the button was stale. Refused loudly, never skipped.
    `message` is a translatable Msg naming the record's state now and the states allowed."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(str(message))
