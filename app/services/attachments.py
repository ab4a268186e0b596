"""Scanned copies (PDF, PNG, JPEG) kept with a record, e.g. an archive document's scan.

Where the bytes live depends on the database:

- SQLite on the office share: in a folder beside the database file, `<database stem>-files/`,
  one file per content, named by its sha256 (`office-files/3f2a…`). A file is written under a
  temporary name in that folder, flushed to disk, then renamed: a share that drops half-way never
  leaves half a file under the final name, and the same scan stored twice is stored once.
- PostgreSQL: in the `AttachmentBlob` table (one row per sha256).

The `Attachment` row (name, type, size, sha256, where) is written inside the caller's service
transaction. On SQLite the bytes are written BEFORE that transaction (`put_bytes`), so the write
lock is never held while megabytes go over the network; a transaction that then fails leaves an
unreferenced, complete file behind, which is harmless (content-addressed).

Known gap: `app/backup.py` copies the database file only, not the `-files` folder.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import peewee

from app.db import db_proxy, files_folder_of
from app.errors import NotFound, StorageUnavailable, ValidationError
from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.models import Attachment, AttachmentBlob
from app.services.context import Actor
from app.services.records import stamp_new

MAX_BYTES = 20 * 1024 * 1024
FOLDER_SUFFIX = "-files"
# Magic bytes → MIME type of the formats a scanner or a phone produces.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)
STORED_FILE = "file"
STORED_DB = "db"


@dataclass(frozen=True)
class StoredBytes:
    """What `put_bytes` wrote (or found already there): enough to write the Attachment row."""

    sha256: str
    mime: str
    size: int
    stored: str  # "file" | "db"
    data: bytes | None = None  # kept for PostgreSQL: the blob is written in the transaction


def sniff_mime(data: bytes) -> str | None:
    """The MIME type the content says it is (never the file name's extension)."""
    for magic, mime in MAGIC:
        if data.startswith(magic):
            return mime
    return None


def check_scan(file_name: str, data: bytes, field: str = "file") -> tuple[str, str]:
    """(clean file name, mime) or ValidationError: a PDF, PNG or JPEG of at most MAX_BYTES."""
    if not isinstance(data, bytes | bytearray) or not data:
        raise ValidationError({field: QT_TRANSLATE_NOOP("app", "The file is empty.")})
    if len(data) > MAX_BYTES:
        raise ValidationError(
            {
                field: Msg(
                    QT_TRANSLATE_NOOP("app", "The file is larger than {n} MB."),
                    n=MAX_BYTES // (1024 * 1024),
                )
            }
        )
    mime = sniff_mime(bytes(data[:16]))
    if mime is None:
        raise ValidationError(
            {field: QT_TRANSLATE_NOOP("app", "Only PDF, PNG or JPEG scans can be attached.")}
        )
    name = Path(str(file_name or "").replace("\\", "/")).name.strip()
    if not name or any(ord(ch) < 32 for ch in name):
        name = "scan" + {"application/pdf": ".pdf", "image/png": ".png"}.get(mime, ".jpg")
    return name[:255], mime


def files_folder() -> Path | None:
    """The folder beside the SQLite database file (`<stem>-files`); None on PostgreSQL."""
    database = db_proxy.obj
    if not isinstance(database, peewee.SqliteDatabase):
        return None
    return files_folder_of(Path(database.database))


def _blob_path(folder: Path, sha256: str) -> Path:
    return folder / sha256


def _write_file(folder: Path, sha256: str, data: bytes) -> None:
    final = _blob_path(folder, sha256)
    if final.is_file() and final.stat().st_size == len(data):
        return  # the same content is there already (content-addressed)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temp = folder / f".{sha256}.{secrets.token_hex(4)}.part"
        try:
            with open(temp, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, final)
        finally:
            if temp.exists():
                temp.unlink()
    except OSError as exc:
        raise StorageUnavailable(
            f"the scanned copy could not be written to {folder}: {exc}"
        ) from exc


def put_bytes(data: bytes, mime: str) -> StoredBytes:
    """Store the content where this database keeps scans; call BEFORE the write transaction
    (on SQLite the file goes to the share here; on PostgreSQL `add_attachment` writes the blob)."""
    data = bytes(data)
    sha256 = hashlib.sha256(data).hexdigest()
    folder = files_folder()
    if folder is None:
        return StoredBytes(sha256, mime, len(data), STORED_DB, data)
    _write_file(folder, sha256, data)
    return StoredBytes(sha256, mime, len(data), STORED_FILE)


def add_attachment(actor: Actor, stored: StoredBytes, file_name: str) -> Attachment:
    """The Attachment row for stored bytes; call inside the service's write transaction."""
    if stored.stored == STORED_DB:
        exists = AttachmentBlob.select().where(AttachmentBlob.sha256 == stored.sha256).exists()
        if not exists:
            AttachmentBlob.create(sha256=stored.sha256, data=stored.data or b"")
    return Attachment.create(
        sha256=stored.sha256,
        file_name=file_name,
        mime=stored.mime,
        size=stored.size,
        stored=stored.stored,
        **stamp_new(actor),
    )


def read_bytes(attachment: Attachment) -> bytes:
    """The attachment's content, checked against its sha256 (a damaged copy is refused)."""
    if attachment.stored == STORED_DB:
        blob = AttachmentBlob.get_or_none(AttachmentBlob.sha256 == attachment.sha256)
        if blob is None:
            raise NotFound(QT_TRANSLATE_NOOP("app", "The scanned copy is missing."))
        data = bytes(blob.data)
    else:
        folder = files_folder()
        if folder is None:
            raise NotFound(
                QT_TRANSLATE_NOOP(
                    "app", "The scanned copy was kept beside the old SQLite database file."
                )
            )
        path = _blob_path(folder, attachment.sha256)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise NotFound(QT_TRANSLATE_NOOP("app", "The scanned copy is missing.")) from None
        except OSError as exc:
            raise StorageUnavailable(f"the scanned copy cannot be read: {exc}") from exc
    if hashlib.sha256(data).hexdigest() != attachment.sha256:
        raise NotFound(QT_TRANSLATE_NOOP("app", "The scanned copy is damaged."))
    return data


__all__ = [
    "MAX_BYTES",
    "StoredBytes",
    "add_attachment",
    "check_scan",
    "files_folder",
    "put_bytes",
    "read_bytes",
    "sniff_mime",
]
