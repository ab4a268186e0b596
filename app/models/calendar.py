"""The office holiday table: days the office enters itself (services/calendar.py).

It wins over chinese_calendar for the days it lists, and covers years the installed package does
not know yet (offices cannot update packages). `kind` is "off" (休, a day off) or "work" (班, a
working weekend day, 调休).
"""

from __future__ import annotations

import peewee

from app.models.base import TrackedModel

KIND_OFF = "off"
KIND_WORK = "work"


class OfficeHoliday(TrackedModel):
    day = peewee.DateField(unique=True)
    kind = peewee.CharField(max_length=8)  # KIND_OFF | KIND_WORK
    name = peewee.CharField(max_length=64, default="")  # e.g. 元旦, 春节调休
