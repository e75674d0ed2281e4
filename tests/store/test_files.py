"""Content-addressed file storage: stored once, read back exactly, corruption detected."""

from __future__ import annotations

from pathlib import Path

import pytest

from cvparse.service.store.files import (
    FileStore,
    StoredFileCorruptError,
    StoredFileMissingError,
    clean_filename,
    file_key,
)


def test_a_file_is_stored_once_under_its_sha256(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    key = store.put(b"CV bytes")
    assert key == file_key(b"CV bytes") and len(key) == 64
    assert store.put(b"CV bytes") == key
    assert store.get(key) == b"CV bytes"
    assert len([p for p in tmp_path.rglob("*") if p.is_file()]) == 1
    assert not list(tmp_path.rglob(".upload-*"))  # no temporary file left behind


def test_corrupted_bytes_are_never_returned(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    key = store.put(b"original")
    store.path(key).write_bytes(b"tampered")
    with pytest.raises(StoredFileCorruptError, match="does not match its checksum"):
        store.get(key)


def test_missing_and_malformed_keys_are_clear_errors(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    with pytest.raises(StoredFileMissingError, match="no stored file"):
        store.get("0" * 64)
    for bad in ("../../etc/passwd", "ABC", "0" * 63, "g" * 64):
        with pytest.raises(ValueError, match="not a storage key"):
            store.path(bad)


def test_delete(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    key = store.put(b"x")
    assert store.delete(key) and not store.exists(key)
    assert not store.delete(key)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("cv.pdf", "cv.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\Mon CV.docx", "Mon CV.docx"),
        ("cv\x00.pdf", "cv.pdf"),  # a control character is dropped, like any invisible one
        ("cv\u202egnp.txt", "cvgnp.txt"),  # displayed "cvtxt.png" with its override
        ("\u202e.pdf", "cv.pdf"),  # nothing left of the name: "cv", its extension kept
        (".docx", "cv.docx"),
        ("a|b<c>.pdf", "a_b_c_.pdf"),
        ("", "cv"),
        ("...", "cv"),
        ("x" * 300 + ".pdf", "x" * 116 + ".pdf"),  # 120 characters, extension kept
    ],
)
def test_file_names_are_cleaned(raw: str, clean: str) -> None:
    assert clean_filename(raw) == clean
