"""Signatures given with a key loan or handover, checked while validating (before any write)."""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP
from app.services.signatures import MAX_BYTES, PNG_MAGIC, SignatureInput


def _signature_problem(sig: SignatureInput | None) -> str | None:
    """The checks store_signature makes, run before anything is written."""
    if sig is None:
        return None
    if not sig.png.startswith(PNG_MAGIC) or len(sig.png) > MAX_BYTES:
        return QT_TRANSLATE_NOOP("app", "The signature image is not usable; sign again.")
    if not sig.signer_name.strip():
        return QT_TRANSLATE_NOOP("app", "Whose signature is this? Enter the signer's name.")
    return None


def _check_signatures(errors: dict[str, str], **sigs: SignatureInput | None) -> None:
    for field, sig in sigs.items():
        problem = _signature_problem(sig)
        if problem:
            errors[field] = problem
