"""What a file really is, from its first bytes, and whether its name agrees.

The content decides, never the name: people rename files, phones call photos "cv.pdf", mail
clients strip extensions. When the name claims one type and the content is another we refuse
with WrongExtensionError even when we could read the content (a PDF named cv.docx): the upload
API promises type-by-content, and a mismatch usually means the person picked the wrong file or
converted it by renaming, both of which they should hear about. Only a missing or unknown
extension is silently trusted to the content.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
import zlib
from pathlib import PurePath

from cvparse.engine.extract.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    UnsupportedFormatError,
    WrongExtensionError,
)

# Formats a backend reads today.
SUPPORTED = frozenset({"pdf", "docx", "odt", "text"})
IMAGES = frozenset({"png", "jpeg", "gif", "tiff", "webp", "heic", "bmp"})

_LABELS = {
    "pdf": "a PDF",
    "docx": "a Word document (DOCX)",
    "doc": "an old Word .doc file",
    "office_encrypted": "a password-protected Office document",
    "odt": "an OpenDocument text (ODT)",
    "ods": "an OpenDocument spreadsheet (ODS)",
    "odp": "an OpenDocument presentation (ODP)",
    "odg": "an OpenDocument drawing (ODG)",
    "opendocument": "an OpenDocument file that is not a text document",
    "rtf": "an RTF document",
    "html": "a web page (HTML)",
    "xlsx": "an Excel workbook",
    "pptx": "a PowerPoint presentation",
    "zip": "a ZIP archive",
    "zip_corrupt": "a damaged ZIP archive",
    "text": "a plain text file",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "gif": "a GIF image",
    "tiff": "a TIFF image",
    "webp": "a WebP image",
    "heic": "a HEIC photo",
    "bmp": "a BMP image",
    "binary": "a binary file of unknown type",
}

_EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".docm": "docx",  # macro check happens in the DOCX backend, with its own message
    ".dotx": "docx",
    ".doc": "doc",
    ".odt": "odt",
    ".ott": "odt",  # template: same XML
    ".odm": "odt",  # master document: content.xml holds the text of its parts
    ".rtf": "rtf",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".text": "text",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".jpe": "jpeg",
    ".gif": "gif",
    ".tif": "tiff",
    ".tiff": "tiff",
    ".webp": "webp",
    ".heic": "heic",
    ".heif": "heic",
    ".bmp": "bmp",
    ".zip": "zip",
    ".xlsx": "xlsx",
    ".pptx": "pptx",
    ".ods": "ods",
    ".ots": "ods",
    ".odp": "odp",
    ".otp": "odp",
    ".odg": "odg",
    ".otg": "odg",
}

_WHITESPACE = b" \t\r\n\f\v\x00"
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"avif"}
_TEXT_PROBE = 16384

_ODF_PREFIX = b"application/vnd.oasis.opendocument."
_ODF_KINDS = {
    b"text": "odt",
    b"text-template": "odt",
    b"text-master": "odt",
    b"text-master-template": "odt",
    b"spreadsheet": "ods",
    b"spreadsheet-template": "ods",
    b"presentation": "odp",
    b"presentation-template": "odp",
    b"graphics": "odg",
    b"graphics-template": "odg",
}
_MANIFEST_MAX = 1024 * 1024
_FILE_ENTRY_RE = re.compile(rb"<(?:[\w.-]+:)?file-entry\b([^>]*)>")
_ROOT_PATH_RE = re.compile(rb"""full-path\s*=\s*(["'])/\1""")
_MEDIA_TYPE_RE = re.compile(rb"""media-type\s*=\s*(["'])([^"']*)\1""")


def label(kind: str) -> str:
    return _LABELS.get(kind, kind)


def refused_extensions() -> list[str]:
    """File name extensions of types we know and cannot read (images, .doc, spreadsheets…):
    an upload page refuses them before sending; any other name is judged by its content."""
    return sorted(ext for ext, kind in _EXTENSIONS.items() if kind not in SUPPORTED)


def kind_from_name(filename: str) -> str | None:
    """The type the extension claims, or None when there is no extension we know."""
    return _EXTENSIONS.get(PurePath(filename or "").suffix.lower())


def sniff(data: bytes) -> str:
    """The content type from magic bytes: a key of the labels above ("pdf", "docx", "png" …)."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "webp"
    if data[4:8] == b"ftyp" and data[8:12] in _HEIC_BRANDS:
        return "heic"
    if data.startswith(_OLE2):
        # Password-protected DOCX files are OLE2 containers too; say so, not "old .doc".
        return "office_encrypted" if _ENCRYPTED_PACKAGE in data else "doc"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _sniff_zip(data)
    start = data[:256].lstrip(_WHITESPACE + codecs.BOM_UTF8).lower()
    if start.startswith(b"{\\rtf"):
        return "rtf"
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    if looks_like_text(data):
        return "text"
    if data.startswith(b"BM") and len(data) > 26:
        return "bmp"
    return "binary"


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            mimetype = b""
            info = zf.NameToInfo.get("mimetype")
            if info is not None and info.file_size <= 200:
                mimetype = zf.read(info).strip()
            manifest = zf.NameToInfo.get("META-INF/manifest.xml")
            if not mimetype and manifest is not None and manifest.file_size <= _MANIFEST_MAX:
                mimetype = manifest_media_type(zf.read(manifest))
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError, zlib.error):
        return "zip_corrupt"
    if "word/document.xml" in names or (
        "[Content_Types].xml" in names and any(n.startswith("word/") for n in names)
    ):
        return "docx"
    odf = opendocument_kind(mimetype)
    if odf is not None:
        return odf
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    return "zip"


def opendocument_kind(media_type: bytes) -> str | None:
    """ "odt", "ods", "odp", "odg" (templates included) or "opendocument" for an OpenDocument
    media type (the package's mimetype file); None when it is not an OpenDocument type."""
    media_type = media_type.strip()
    if not media_type.startswith(_ODF_PREFIX):
        return None
    return _ODF_KINDS.get(media_type[len(_ODF_PREFIX) :], "opendocument")


def manifest_media_type(manifest: bytes) -> bytes:
    """The media type of the package root ("/") declared in META-INF/manifest.xml, or b"".

    ODF says a package *should* have a mimetype file; the few generators that leave it out
    still declare the type in the manifest. A byte scan, not an XML parse: sniffing must not
    parse untrusted XML."""
    for match in _FILE_ENTRY_RE.finditer(manifest):
        attrs = match.group(1)
        if _ROOT_PATH_RE.search(attrs):
            media = _MEDIA_TYPE_RE.search(attrs)
            return media.group(2).strip() if media else b""
    return b""


def looks_like_text(data: bytes) -> bool:
    """Decodable text with few control characters (a form feed is a page break, not binary)."""
    probe = data[:_TEXT_PROBE]
    if probe.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return True
    if probe.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\x00" in probe:
        return False
    controls = len(probe) - len(probe.translate(None, _CONTROL_BYTES))
    if controls > 0.01 * len(probe):
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(probe, final=len(probe) == len(data))
        return True
    except UnicodeDecodeError:
        pass
    # Not UTF-8: accept as a legacy 8-bit encoding (cp1252 for French) if most bytes are ASCII.
    high = sum(1 for byte in probe if byte >= 0x80)
    return high <= 0.3 * len(probe)


def resolve_format(data: bytes, filename: str) -> str:
    """The backend format for these bytes, or the error telling the person what to do.

    Returns one of SUPPORTED. Raises EmptyFileError, WrongExtensionError (the name claims a
    type the content is not), UnsupportedFormatError (we know what it is and cannot read it yet)
    or CorruptFileError (a damaged ZIP container).
    """
    name = filename or "the file"
    if not data or not data.strip(_WHITESPACE):
        what = "is empty (0 bytes)" if not data else "contains only blank space"
        raise EmptyFileError(
            f"{name} {what}: the CV was not saved or not attached properly; export it again "
            "and upload the new file"
        )

    kind = sniff(data)
    claimed = kind_from_name(filename)

    if kind == "zip_corrupt":
        raise CorruptFileError(
            f"{name} is damaged (its ZIP structure cannot be read, e.g. an interrupted "
            "download): save or download it again and upload the new file"
        )
    if kind == "office_encrypted":
        raise EncryptedFileError(
            f"{name} is password-protected: open it in Word, remove the password (File > Info > "
            "Protect document) or save it as PDF, and upload it again"
        )
    if kind == "binary":
        raise UnsupportedFormatError(
            f"{name} is not a document we recognise (unknown binary content): upload the CV "
            "as PDF, DOCX or text"
        )
    if claimed is not None and claimed != kind:
        raise WrongExtensionError(_mismatch_message(name, filename, kind, claimed))
    if kind in SUPPORTED:
        return kind
    raise UnsupportedFormatError(_unsupported_message(name, kind))


_EXT_FOR = {"pdf": ".pdf", "docx": ".docx", "odt": ".odt", "text": ".txt"}


def _mismatch_message(name: str, filename: str, kind: str, claimed: str) -> str:
    head = f"{name} is {label(kind)}, not {label(claimed)}"
    if kind in SUPPORTED:
        fixed = PurePath(filename).with_suffix(_EXT_FOR[kind]).name if filename else "it"
        return f"{head}: rename it to {fixed} (its real type) and upload it again"
    return f"{head}: {_advice(kind)}"


def _unsupported_message(name: str, kind: str) -> str:
    return f"{name} is {label(kind)}: {_advice(kind)}"


def _advice(kind: str) -> str:
    if kind in IMAGES:
        return (
            "upload the CV as PDF, DOCX, ODT or text; for a photo or a scan of a paper CV, save "
            "it as a PDF (scanned PDFs are read by OCR)"
        )
    if kind == "doc":
        return "save it as .docx or PDF (File > Save as) and upload it again"
    if kind == "rtf":
        return "save it as .docx or PDF (File > Save as) and upload it again"
    if kind == "html":
        return "print the page to PDF (or save the CV as .docx or PDF) and upload that"
    if kind in ("xlsx", "pptx", "ods", "odp", "odg", "opendocument"):
        return "upload the CV itself, as PDF, DOCX or text"
    if kind == "zip":
        return "upload the CV file itself (PDF, DOCX or text), not an archive"
    return "upload the CV as PDF, DOCX or text"
