"""Safety limits for ZIP-based office documents (DOCX, ODT): one policy for every format.

A CV is a few hundred kilobytes; a package that expands to tens of megabytes, or a part that
compresses a thousand to one, is a ZIP bomb or carries huge embedded files, and is refused
before any XML is parsed.
"""

from __future__ import annotations

import zipfile

from cvparse.engine.extract.errors import UnsafeFileError

MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_RATIO = 100
RATIO_MIN_SIZE = 1024 * 1024  # small XML parts legitimately compress very well
RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp")
# A DTD or an entity declaration in a document part: refused, never expanded (XXE, billion
# laughs), in whichever encoding the part is written.
DTD_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("ascii", "utf-16-le", "utf-16-be")
)


def check_zip_limits(infos: list[zipfile.ZipInfo], name: str, fmt: str) -> None:
    """Raise UnsafeFileError when the package is too big once expanded or holds a bomb part;
    `fmt` ("DOCX", "ODT") is the format the advice tells the person to save again as."""
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        raise UnsafeFileError(
            f"{name} expands to {total // (1024 * 1024)} MB, more than a CV can "
            f"hold ({MAX_UNCOMPRESSED // (1024 * 1024)} MB): it looks like a ZIP bomb or "
            "has huge embedded files; save the CV without them (or as PDF) and upload "
            "it again"
        )
    for info in infos:
        if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise UnsafeFileError(
                f"{name} contains a part compressed more than {MAX_RATIO}:1 "
                f"({info.filename}), typical of ZIP bombs: save the CV again as {fmt} or "
                "PDF and upload the new file"
            )
