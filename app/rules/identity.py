"""ID numbers and phones: checksum checks (python-stdnum) and masking for lists."""

from __future__ import annotations

import re

from stdnum import exceptions as stdnum_exceptions
from stdnum.cn import ric, uscc

from app.i18n import QT_TRANSLATE_NOOP, Msg

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?$")
_PASSPORT = re.compile(r"^[A-Z0-9]{5,17}$")


def check_id(id_type: str, number: str) -> tuple[str, str | None]:
    """Returns (normalised number, English error or None)."""
    number = (number or "").strip().upper().replace(" ", "")
    if not number:
        return "", None
    try:
        if id_type == "ric":
            return ric.validate(number), None
        if id_type == "uscc":
            return uscc.validate(number), None
    except stdnum_exceptions.InvalidChecksum:
        return number, QT_TRANSLATE_NOOP(
            "app", "The check digit is wrong: re-read the number from the document."
        )
    except stdnum_exceptions.InvalidLength:
        return number, Msg(QT_TRANSLATE_NOOP("app", "Must be {n} characters long."), n=18)
    except stdnum_exceptions.InvalidComponent:
        return number, QT_TRANSLATE_NOOP(
            "app", "The birth date or region code in the number is impossible."
        )
    except stdnum_exceptions.InvalidFormat:
        return number, QT_TRANSLATE_NOOP(
            "app", "Contains characters that do not belong in this kind of number."
        )
    except stdnum_exceptions.ValidationError:
        return number, QT_TRANSLATE_NOOP("app", "Not a valid number.")
    except KeyError:
        # python-stdnum's region table lacks some real codes (e.g. 620201 嘉峪关市, a city with no
        # counties) and raises KeyError: check everything else ourselves rather than refuse a
        # resident's genuine card.
        return number, _ric_without_region(number)
    if id_type == "passport":
        if not _PASSPORT.match(number):
            return number, QT_TRANSLATE_NOOP(
                "app", "A passport number has 5–17 letters and digits."
            )
        return number, None
    return number, None


def _ric_without_region(number: str) -> str | None:
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return QT_TRANSLATE_NOOP(
            "app", "Contains characters that do not belong in this kind of number."
        )
    if ric.calc_check_digit(number[:-1]) != number[-1]:
        return QT_TRANSLATE_NOOP(
            "app", "The check digit is wrong: re-read the number from the document."
        )
    try:
        ric.get_birth_date(number)
    except (stdnum_exceptions.ValidationError, ValueError):
        return QT_TRANSLATE_NOOP(
            "app", "The birth date or region code in the number is impossible."
        )
    return None


def check_phone(phone: str) -> tuple[str, str | None]:
    phone = (phone or "").strip().replace(" ", "")
    if not phone:
        return "", None
    if phone.startswith("+86"):
        phone = phone[3:]
    if _MOBILE.match(phone) or _LANDLINE.match(phone):
        return phone, None
    return phone, QT_TRANSLATE_NOOP(
        "app", "Not a mainland mobile (11 digits, starts with 1) or landline number."
    )


def mask_id(number: str) -> str:
    if not number:
        return ""
    if len(number) <= 8:
        return number[:1] + "*" * (len(number) - 2) + number[-1:]
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_phone(phone: str) -> str:
    if not phone:
        return ""
    if len(phone) >= 11:
        return phone[:3] + "****" + phone[-4:]
    if len(phone) > 4:
        return "*" * (len(phone) - 4) + phone[-4:]
    return "****"
