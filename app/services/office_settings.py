"""Office-wide settings stored in the database, shared by every PC, with sensible defaults."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from app.db import run_with_retry
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP
from app.models import OfficeSetting
from app.rules.roles import Perm
from app.services.context import Actor
from app.services.tx import audit, write_service


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: str
    help: str


SPECS: dict[str, SettingSpec] = {
    s.key: s
    for s in (
        SettingSpec(
            "key_loan_cutoff",
            "18:00",
            QT_TRANSLATE_NOOP("app", "Key loans are due back the same day by this time."),
        ),
        SettingSpec(
            "archive_loan_days_own",
            "3",
            QT_TRANSLATE_NOOP(
                "app", "Working days an archive file may stay out with the department's own staff."
            ),
        ),
        SettingSpec(
            "archive_loan_days_other",
            "5",
            QT_TRANSLATE_NOOP(
                "app", "Working days an archive file may stay out with another department."
            ),
        ),
        SettingSpec(
            "mail_hold_days",
            "3",
            QT_TRANSLATE_NOOP(
                "app", "Working days mail may wait at the desk before it is on the Today panel."
            ),
        ),
        SettingSpec(
            "mail_shift_changes",
            "08:00,20:00",
            QT_TRANSLATE_NOOP(
                "app",
                "Times the desk shifts change (comma separated): mail still held is handed "
                "over with both signatures.",
            ),
        ),
        SettingSpec(
            "work_start",
            "08:00",
            QT_TRANSLATE_NOOP("app", "Working hours start (logins before need a reason)."),
        ),
        SettingSpec(
            "work_end",
            "18:00",
            QT_TRANSLATE_NOOP("app", "Working hours end (logins after need a reason)."),
        ),
        SettingSpec(
            "office_name",
            "物业服务中心 客服部",
            QT_TRANSLATE_NOOP("app", "Printed at the top of slips."),
        ),
        SettingSpec(
            "backup_dir",
            "",
            QT_TRANSLATE_NOOP(
                "app",
                "Folder for database backups; empty: propdesk-backups beside the database.",
            ),
        ),
        SettingSpec(
            "callback_windows",
            "10:00-12:00 15:00-17:00",
            QT_TRANSLATE_NOOP(
                "app",
                "Callback hours on working days, e.g. 10:00-12:00 15:00-17:00 (none on holidays).",
            ),
        ),
        SettingSpec(
            "callback_script",
            "您好！请问是{name}吗？我是物业客服中心的{clerk}，打扰您几分钟，就{subject}做个回访。"
            "｜请问维修/处理人员的服务态度如何？效率如何？问题解决了吗？您是否满意？"
            "｜非常感谢您的配合和宝贵意见，祝您工作顺利！再见！",
            QT_TRANSLATE_NOOP(
                "app",
                "The callback script: greeting, questions, closing, parted by ｜; {name}, "
                "{clerk} and {subject} are filled in.",
            ),
        ),
        SettingSpec(
            "backup_keep",
            "14",
            QT_TRANSLATE_NOOP("app", "How many daily (and manual) backups to keep."),
        ),
    )
}


def get_setting(key: str) -> str:
    spec = SPECS[key]
    row = run_with_retry(lambda: OfficeSetting.get_or_none(OfficeSetting.key == key))
    return row.value if row else spec.default


def get_time(key: str) -> time:
    return parse_hhmm(get_setting(key))


def get_windows(key: str) -> tuple[tuple[time, time], ...]:
    return parse_windows(get_setting(key))


def parse_windows(text: str) -> tuple[tuple[time, time], ...]:
    """ "10:00-12:00 15:00-17:00" → ((10:00, 12:00), (15:00, 17:00)); each from before to."""
    windows = []
    for part in text.replace(",", " ").replace("，", " ").split():
        begin, sep, end = part.partition("-")
        pair = (parse_hhmm(begin), parse_hhmm(end)) if sep else None
        if pair is None or pair[0] >= pair[1]:
            raise ValidationError(
                {
                    "value": QT_TRANSLATE_NOOP(
                        "app", "Give time windows such as 10:00-12:00 15:00-17:00."
                    )
                }
            )
        windows.append(pair)
    if not windows:
        raise ValidationError(
            {
                "value": QT_TRANSLATE_NOOP(
                    "app", "Give time windows such as 10:00-12:00 15:00-17:00."
                )
            }
        )
    return tuple(sorted(windows))


def parse_hhmm(text: str) -> time:
    try:
        return datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError:
        raise ValidationError(
            {"value": QT_TRANSLATE_NOOP("app", "Use the form HH:MM, e.g. 18:00.")}
        ) from None


@write_service(Perm.SETTINGS_EDIT)
def set_setting(actor: Actor, key: str, value: str) -> None:
    if key not in SPECS:
        raise ValidationError({"key": f"unknown setting {key}"})
    if key in ("key_loan_cutoff", "work_start", "work_end"):
        parse_hhmm(value)
    if key == "callback_windows":
        parse_windows(value)
    if key == "backup_keep" and not (value.strip().isdigit() and 1 <= int(value) <= 3650):
        raise ValidationError(
            {"value": QT_TRANSLATE_NOOP("app", "Give a whole number from 1 to 3650.")}
        )
    if key.startswith("archive_loan_days") and not (
        value.strip().isdigit() and 1 <= int(value) <= 60
    ):
        raise ValidationError(
            {"value": QT_TRANSLATE_NOOP("app", "Give a whole number of working days from 1 to 60.")}
        )
    before = OfficeSetting.get_or_none(OfficeSetting.key == key)
    OfficeSetting.insert(
        key=key, value=value, updated_at=datetime.now(), updated_by=actor.username
    ).on_conflict(
        conflict_target=[OfficeSetting.key],
        update={OfficeSetting.value: value, OfficeSetting.updated_by: actor.username},
    ).execute()
    audit(
        actor,
        "change setting",
        "OfficeSetting",
        key,
        {"value": before.value} if before else None,
        {"value": value},
    )
