"""Who is acting. Every service takes an Actor first and checks its permission itself."""

from __future__ import annotations

import platform
from dataclasses import dataclass

from app.errors import PermissionDenied
from app.rules.roles import Perm, allowed


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    role: str
    display_name: str = ""
    workstation: str = platform.node()

    def can(self, perm: Perm) -> bool:
        return allowed(self.role, perm)

    def require(self, perm: Perm) -> None:
        if not self.can(perm):
            raise PermissionDenied(perm.value, self.role)


# The admin CLI acts as this account for `init`, `demo` and imports run by the office's IT person.
SYSTEM = Actor(user_id=None, username="system", role="admin", display_name="PropDesk")
