"""Reading the files named on the command line, with one clear message per problem.

`read_input` only checks what the file system can tell (missing, a folder, too big,
unreadable); whether the bytes are a CV (empty, an image, a broken PDF) is the pipeline's
job, which reports it in the same words as the API.
"""

from __future__ import annotations

from pathlib import Path

MAX_FILE_BYTES = 20 * 1024 * 1024


class InputError(Exception):
    """A file given on the command line cannot be read; the message says what to do."""


def read_input(path: Path) -> bytes:
    """The file's bytes, or `InputError` saying why they cannot be had."""
    if not path.exists():
        raise InputError("file not found: check the path")
    if path.is_dir():
        raise InputError("is a folder, not a file: pass the CV files themselves")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"file is {size // (1024 * 1024)} MB, above the {MAX_FILE_BYTES // (1024 * 1024)} MB "
            "limit: a CV is rarely over 5 MB; compress its images or export it again as PDF"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror}): check its permissions") from exc
