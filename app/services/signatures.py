"""Signatures captured on screen: stored with the record, printed on its slips."""

from __future__ import annotations

from dataclasses import dataclass

from app.db import run_with_retry
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP
from app.models import Signature
from app.services.context import Actor

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_BYTES = 512 * 1024


@dataclass(frozen=True)
class SignatureInput:
    png: bytes
    signer_name: str


def store_signature(
    actor: Actor, sig: SignatureInput | None, field: str = "signature"
) -> int | None:
    """Save a captured signature; call inside the service's write transaction. None → None."""
    if sig is None:
        return None
    if not sig.png.startswith(PNG_MAGIC) or len(sig.png) > MAX_BYTES:
        raise ValidationError(
            {field: QT_TRANSLATE_NOOP("app", "The signature image is not usable; sign again.")}
        )
    if not sig.signer_name.strip():
        raise ValidationError(
            {field: QT_TRANSLATE_NOOP("app", "Whose signature is this? Enter the signer's name.")}
        )
    row = Signature.create(
        image_png=sig.png, signer_name=sig.signer_name.strip(), captured_by=actor.username
    )
    return row.id


def signature_png(signature_id: int | None) -> bytes | None:
    if signature_id is None:
        return None
    row = run_with_retry(lambda: Signature.get_or_none(Signature.id == signature_id))
    return bytes(row.image_png) if row else None
