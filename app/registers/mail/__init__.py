"""邮件分拣: special mail and its pickups — declared in `register`, with what is special in
`rules` (occupants, identity check, return list) and `services` (several items in one pickup,
the tracking-number scan); newspapers and periodicals in `periodicals`."""

from app.registers.mail import periodicals  # noqa: F401 - declares the periodical registers
from app.registers.mail import services as _services  # noqa: F401 - adds the scan resolver
from app.registers.mail.register import MAIL, MAIL_HANDOVERS, MAIL_PICKUPS

__all__ = ["MAIL", "MAIL_HANDOVERS", "MAIL_PICKUPS"]
