"""Password hashing (argon2id) and the "not trivial" rule (保密制度)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.i18n import QT_TRANSLATE_NOOP, Msg

_hasher = PasswordHasher()

MIN_LENGTH = 8
_COMMON = {
    "12345678",
    "123456789",
    "1234567890",
    "password",
    "password1",
    "qwertyui",
    "qwerty123",
    "11111111",
    "88888888",
    "66666666",
    "abc12345",
    "abcd1234",
    "a1234567",
    "iloveyou",
    "admin123",
    "admin1234",
    "propdesk",
    "00000000",
    "1qaz2wsx",
    "asdf1234",
    "woaini520",
}


def password_problem(password: str, username: str = "") -> str | None:
    """English source message saying why the password is refused, or None when it is fine."""
    if len(password) < MIN_LENGTH:
        return Msg(QT_TRANSLATE_NOOP("app", "Use at least {n} characters."), n=MIN_LENGTH)
    lowered = password.lower()
    if lowered in _COMMON:
        return QT_TRANSLATE_NOOP("app", "This password is too common.")
    if username and username.lower() in lowered:
        return QT_TRANSLATE_NOOP("app", "The password must not contain the user name.")
    if len(set(password)) < 4:
        return QT_TRANSLATE_NOOP("app", "Use more different characters.")
    if password.isdigit() or password.isalpha():
        return QT_TRANSLATE_NOOP("app", "Mix letters and digits.")
    if _is_sequence(lowered):
        return QT_TRANSLATE_NOOP("app", "A keyboard or number sequence is too easy to guess.")
    return None


def _is_sequence(text: str) -> bool:
    steps = {ord(b) - ord(a) for a, b in zip(text, text[1:], strict=False)}
    return len(steps) == 1 and steps.pop() in (1, -1)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False
