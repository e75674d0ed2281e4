"""Uploaded files, stored once, by the sha256 of their bytes.

Tasks carry this key, never the bytes: a broker message stays small, a retried or redelivered
task reads exactly the file that was uploaded, and the same CV uploaded twice is stored once.
Writes go to a temporary file renamed into place, so a crash never leaves a half-written file
under a valid key, and a key is checked against the bytes before it is trusted.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from cvparse.service.text_input import clean_text

_KEY = re.compile(r"^[0-9a-f]{64}$")


class StoredFileMissingError(LookupError):
    """The key names no stored file (purged, or a storage directory mix-up)."""


class StoredFileCorruptError(RuntimeError):
    """The stored bytes no longer hash to their key (disk corruption, tampering)."""


def file_key(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise ValueError(f"not a storage key (64 lowercase hex digits): {key!r}")
        return self.root / key[:2] / key[2:4] / key

    def put(self, data: bytes) -> str:
        """Store `data` (once) and return its key."""
        key = file_key(data)
        path = self.path(key)
        if path.exists():
            return key
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".upload-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return key

    def get(self, key: str) -> bytes:
        path = self.path(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise StoredFileMissingError(f"no stored file for key {key}") from None
        if file_key(data) != key:
            raise StoredFileCorruptError(f"stored file {key} does not match its checksum")
        return data

    def exists(self, key: str) -> bool:
        return self.path(key).exists()

    def delete(self, key: str) -> bool:
        try:
            self.path(key).unlink()
        except FileNotFoundError:
            return False
        return True


_UNSAFE = re.compile(r"[/\\:*?\"<>|]+")
_EXTENSION = re.compile(r"^[0-9A-Za-z]{1,8}$")
MAX_FILENAME = 120
DEFAULT_STEM = "cv"


def clean_filename(name: str) -> str:
    """A file name fit for storage and display: no directories, no invisible characters
    (bidirectional overrides that disguise an extension, zero-width, controls: see
    `cvparse.service.text_input`), no shell-special ones, bounded length, extension kept (it
    is shown to people, never used as a path).

    A name with nothing left of it becomes "cv", with its extension when it had one
    ("\u202e.pdf" → "cv.pdf"): the upload is the job seeker's CV whatever its name, and a
    name is never a reason to refuse it."""
    base = re.split(r"[/\\]", name or "")[-1]
    base = _UNSAFE.sub("_", clean_text(base))
    stem, dot, ext = base.rpartition(".")
    if dot and not stem.strip(" ._") and _EXTENSION.match(ext):
        return f"{DEFAULT_STEM}.{ext}"
    base = base.strip(" ._") or DEFAULT_STEM
    if len(base) > MAX_FILENAME:
        _, dot, ext = base.rpartition(".")
        keep = ext if dot and len(ext) <= 8 else ""
        base = base[: MAX_FILENAME - len(keep) - 1].rstrip(" ._") + ("." + keep if keep else "")
    return base
