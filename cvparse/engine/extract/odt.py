"""ODT (OpenDocument text) → Document, walking content.xml in document order.

Standard library only: the package is a ZIP, its parts are parsed with expat through a builder
that refuses any DTD (so no entity can be declared, let alone expanded) and fed to ElementTree.
What the walk does, mirroring the DOCX backend:

* office:text children in order: paragraphs and headings (text:p, text:h), lists, tables (row
  by row, cell by cell, nested tables inside their cell), sections (hidden ones skipped) and
  index bodies; a cell's grid position (1-based, merged and repeated cells included) becomes the
  line's `column`, and nested tables keep their outer cell's column;
* inside a paragraph: spans and links are read through, text:s gives its text:c spaces (capped:
  three or more are a gap for `normalize_line` anyway), text:tab the "\\t" gap marker,
  text:line-break a new line; literal white space is collapsed as ODF says (runs of space, tab
  and newline are one space, and leading space is dropped), so pretty-printed XML reads right;
* page breaks: text:soft-page-break (LibreOffice's record of where its layout broke pages, like
  Word's lastRenderedPageBreak) and paragraph or table styles with fo:break-before/after="page"
  or a master page start new pages;
* frames, text boxes and shapes (draw:*) are read after the paragraph that anchors them, in
  place when anchored to the page; their alt text (svg:title/desc) and images are not text;
* list items whose list style level is a bullet (or an image bullet, or no known style) get the
  "• " prefix on their first line; numbered levels get no prefix, as in the DOCX backend;
* tracked deletions, comments (office:annotation), notes, index templates and outline numbers
  (text:number) are skipped;
* the master page of the first paragraph (or "Standard") gives the header, read first, and the
  footer, read last (the first-page variants, style:header-first, when the page style has them);
* bold and size come from text properties through the style chain (span → paragraph style →
  parents → default style), percentages resolved against the parent size;
* pictures are counted from draw:image references to raster files in the package (one per file,
  so an SVG with its PNG fallback is one picture; chart/formula previews are not counted);
* no text at all is EmptyFileError, unless there are pictures: status "needs_ocr", as for DOCX.

Before parsing, the package is checked with the DOCX backend's limits: declared sizes against the
50 MB budget and the 100:1 ratio, any DTD/entity declaration in an XML part (UnsafeFileError),
encryption (manifest:encryption-data in the manifest: EncryptedFileError), macros (Basic modules
or Scripts/: refused like macro-enabled Word files) and the media type (an ODS or ODP handed to
this backend is UnsupportedFormatError naming what it is).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from xml.etree.ElementTree import Element, TreeBuilder
from xml.parsers import expat

from cvparse.engine.document import Document, DocumentBuilder
from cvparse.engine.extract.base import Backend
from cvparse.engine.extract.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    UnsafeFileError,
    UnsupportedFormatError,
)
from cvparse.engine.extract.linestate import LineState
from cvparse.engine.extract.normalize import BULLET, normalize_line
from cvparse.engine.extract.package import DTD_MARKERS, RASTER_SUFFIXES, check_zip_limits
from cvparse.engine.extract.sniff import label, manifest_media_type, opendocument_kind

_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
_SVG = "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}"
_XLINK = "{http://www.w3.org/1999/xlink}"
_LOEXT = "{urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0}"

_P, _H = _TEXT + "p", _TEXT + "h"
_SPAN, _A = _TEXT + "span", _TEXT + "a"
_S, _TAB, _LINE_BREAK = _TEXT + "s", _TEXT + "tab", _TEXT + "line-break"
_SOFT_PAGE_BREAK = _TEXT + "soft-page-break"
_LIST, _LIST_ITEM, _LIST_HEADER = _TEXT + "list", _TEXT + "list-item", _TEXT + "list-header"
_NUMBERED_PARAGRAPH = _TEXT + "numbered-paragraph"
_SECTION = _TEXT + "section"
_TBL, _ROW, _CELL = _TABLE + "table", _TABLE + "table-row", _TABLE + "table-cell"
_COVERED = _TABLE + "covered-table-cell"
_ROW_GROUPS = frozenset(
    _TABLE + tag for tag in ("table-header-rows", "table-rows", "table-row-group")
)
_DRAW_IMAGE = _DRAW + "image"
_DRAW_SKIP = frozenset(
    {
        _DRAW_IMAGE,
        _DRAW + "object",
        _DRAW + "object-ole",
        _DRAW + "contour-polygon",
        _DRAW + "contour-path",
        _DRAW + "image-map",
        _DRAW + "glue-point",
        _SVG + "title",
        _SVG + "desc",
    }
)
# Subtrees with no visible text of their own: deletions, comments, notes, declarations, forms,
# outline numbers (the DOCX backend renders no list or heading numbers either), ruby annotations.
_SKIP = _DRAW_SKIP | frozenset(
    {
        _TEXT + "tracked-changes",
        _TEXT + "note",
        _TEXT + "number",
        _TEXT + "ruby-text",
        _TEXT + "variable-decls",
        _TEXT + "sequence-decls",
        _TEXT + "user-field-decls",
        _TEXT + "dde-connection-decls",
        _OFFICE + "annotation",
        _OFFICE + "annotation-end",
        _OFFICE + "forms",
        _OFFICE + "event-listeners",
        _TABLE + "table-columns",
        _TABLE + "table-column",
        _TABLE + "table-header-columns",
        _TABLE + "table-column-group",
    }
)
_BODY_KINDS = {
    _OFFICE + "spreadsheet": "ods",
    _OFFICE + "presentation": "odp",
    _OFFICE + "drawing": "odg",
    _OFFICE + "chart": "opendocument",
    _OFFICE + "image": "opendocument",
    _OFFICE + "database": "opendocument",
}
_MAX_SPACES = 100  # text:c is attacker-controlled; 3+ spaces are one gap after normalisation
_MAX_REPEAT = 10_000
_MAX_STYLE_DEPTH = 50
_WHITESPACE_RE = re.compile(r"[ \t\r\n]+")
_SIZE_RE = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(pt|px|pc|in|cm|mm|%)?\s*$")
_POINTS = {
    None: 1.0,
    "pt": 1.0,
    "px": 0.75,
    "pc": 12.0,
    "in": 72.0,
    "cm": 72 / 2.54,
    "mm": 7.2 / 2.54,
}
_ENCRYPTION_RE = re.compile(rb"<(?:[\w.-]+:)?encryption-data\b")


# -- safe XML ---------------------------------------------------------------------------------


class _DtdRefused(Exception):
    pass


def _refuse(*_args: object) -> None:
    raise _DtdRefused


def _parse_xml(data: bytes) -> Element:
    """Parse with expat into ElementTree elements, refusing any DTD.

    The byte scan in `read_package` already refuses DOCTYPE/ENTITY in every encoding expat
    reads (ASCII-compatible ones and UTF-16); this is the backstop should that scan ever be
    loosened: the DOCTYPE handler fires before the internal subset is read, so no entity is
    ever declared. Comments and processing instructions are dropped.
    """
    builder = TreeBuilder()
    names: dict[str, str] = {}

    def qname(name: str) -> str:
        q = names.get(name)
        if q is None:
            q = names[name] = "{" + name if "}" in name else name
        return q

    def start(tag: str, attrs: dict[str, str]) -> None:
        builder.start(qname(tag), {qname(k): v for k, v in attrs.items()})

    def end(tag: str) -> None:
        builder.end(qname(tag))

    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.Parse(data, True)
    return builder.close()


# -- styles -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Props:
    bold: bool
    size: float | None


@dataclass(slots=True)
class _Style:
    parent: str | None
    bold: bool | None
    size: tuple[float, bool] | None  # (value, is_percent); absolute values in points
    list_style: str | None
    break_before: bool | None  # None: not set here, inherited
    break_after: bool | None
    master_page: str | None


def _read_style(el: Element) -> _Style:
    bold: bool | None = None
    size: tuple[float, bool] | None = None
    tp = el.find(_STYLE + "text-properties")
    if tp is not None:
        bold = _weight(tp.get(_FO + "font-weight"))
        size = _font_size(tp.get(_FO + "font-size"))
    pp = el.find(_STYLE + "paragraph-properties")
    if pp is None:
        pp = el.find(_STYLE + "table-properties")
    before = after = None
    if pp is not None:
        before = _page_break(pp.get(_FO + "break-before"))
        after = _page_break(pp.get(_FO + "break-after"))
    return _Style(
        parent=el.get(_STYLE + "parent-style-name"),
        bold=bold,
        size=size,
        list_style=el.get(_STYLE + "list-style-name"),
        break_before=before,
        break_after=after,
        master_page=el.get(_STYLE + "master-page-name") or None,
    )


def _page_break(value: str | None) -> bool | None:
    return None if value is None else value == "page"


def _weight(value: str | None) -> bool | None:
    if not value:
        return None
    value = value.strip().lower()
    if value in ("bold", "bolder"):
        return True
    if value.isdigit():
        return int(value) >= 600
    return False if value in ("normal", "lighter") else None


def _font_size(value: str | None) -> tuple[float, bool] | None:
    match = _SIZE_RE.match(value or "")
    if not match:
        return None
    number, unit = float(match.group(1)), match.group(2)
    if unit == "%":
        return number / 100, True
    return round(number * _POINTS[unit], 2), False


class _Styles:
    """Named styles of one part: its automatic styles first, then the common styles of
    styles.xml (content.xml and styles.xml each have automatic styles, with clashing names)."""

    def __init__(self, common: Element | None, automatic: Element | None) -> None:
        self._styles: dict[tuple[str, str], _Style] = {}
        self._lists: dict[str, Element] = {}
        default: _Style | None = None
        for container in (common, automatic):  # automatic ones win a name clash
            if container is None:
                continue
            for el in container:
                if el.tag == _STYLE + "style":
                    key = (el.get(_STYLE + "family", ""), el.get(_STYLE + "name", ""))
                    self._styles[key] = _read_style(el)
                elif el.tag == _TEXT + "list-style":
                    self._lists[el.get(_STYLE + "name", "")] = el
                elif el.tag == _STYLE + "default-style" and el.get(_STYLE + "family") == (
                    "paragraph"
                ):
                    default = _read_style(el)
        size = default.size if default is not None else None
        self._default = _Props(
            bold=bool(default and default.bold),
            size=size[0] if size is not None and not size[1] else None,
        )
        self._cache: dict[tuple[str, str, _Props], _Props] = {}

    def _chain(self, family: str, name: str | None) -> list[_Style]:
        chain: list[_Style] = []
        seen: set[str] = set()
        while name and name not in seen and len(chain) < _MAX_STYLE_DEPTH:
            seen.add(name)
            style = self._styles.get((family, name))
            if style is None:
                break
            chain.append(style)
            name = style.parent
        return chain

    def _props(self, family: str, name: str | None, base: _Props) -> _Props:
        if not name:
            return base
        key = (family, name, base)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        bold, size = base.bold, base.size
        for style in reversed(self._chain(family, name)):
            if style.bold is not None:
                bold = style.bold
            if style.size is not None:
                value, percent = style.size
                if not percent:
                    size = value
                elif size is not None:
                    size = round(size * value, 2)
        props = self._cache[key] = _Props(bold=bold, size=size)
        return props

    def paragraph(self, name: str | None) -> _Props:
        return self._props("paragraph", name, self._default)

    def text(self, name: str | None, base: _Props) -> _Props:
        return self._props("text", name, base)

    def _first(self, family: str, name: str | None, attr: str) -> Any:
        """The nearest value set for `attr` along the style's parent chain."""
        for style in self._chain(family, name):
            value = getattr(style, attr)
            if value is not None:
                return value
        return None

    def breaks(self, family: str, name: str | None) -> tuple[bool, bool]:
        """(page break before, page break after) for a paragraph or table style; a master
        page name also starts a new page."""
        before = bool(
            self._first(family, name, "break_before") or self._first(family, name, "master_page")
        )
        return before, bool(self._first(family, name, "break_after"))

    def master_page(self, family: str, name: str | None) -> str | None:
        return self._first(family, name, "master_page")

    def is_bullet(self, list_style: str | None, level: int, para_style: str | None) -> bool:
        """Whether list items at `level` (1-based) show a bullet: numbered levels do not.

        An unknown list style is taken as bullets: the item is a list item, and a bullet is
        how a reader would see it."""
        name = list_style or self._first("paragraph", para_style, "list_style")
        el = self._lists.get(name or "")
        if el is None:
            return True
        fallback: bool | None = None
        for level_el in el:
            local = level_el.tag.rpartition("}")[2]
            if not local.startswith("list-level-style-"):
                continue
            bullet = local != "list-level-style-number"
            if level_el.get(_TEXT + "level", "1") == str(level):
                return bullet
            if fallback is None:
                fallback = bullet
        return True if fallback is None else fallback


# -- walk -------------------------------------------------------------------------------------


class _LineState(LineState):
    __slots__ = ("after_space",)

    def __init__(self, prefix: str, column: int) -> None:
        super().__init__(prefix, column)
        self.after_space = True  # leading white space of a paragraph is ignored

    def add_text(self, raw: str, run: _Props) -> None:
        """Character data, white space collapsed as ODF 1.2 §6.1.2 says."""
        text = _WHITESPACE_RE.sub(" ", raw)
        if self.after_space and text.startswith(" "):
            text = text[1:]
        if text:
            self.add(text, run)
            self.after_space = text.endswith(" ")

    def add_literal(self, text: str, run: _Props) -> None:
        """text:s and text:tab: kept as they are, and white space after them counts."""
        self.add(text, run)
        self.after_space = False


class _Walker:
    def __init__(self, builder: DocumentBuilder, styles: _Styles) -> None:
        self.b = builder
        self.styles = styles
        self.page_break_pending = False
        self.lines_on_page = 0

    # -- blocks -----------------------------------------------------------------------------

    def blocks(self, parent: Element, column: int = 0) -> None:
        for child in parent:
            tag = child.tag
            if tag in (_P, _H):
                self.paragraph(child, column)
            elif tag == _LIST:
                self.list(child, column, level=1, style=None)
            elif tag == _TBL:
                self.table(child, column)
            elif tag == _SOFT_PAGE_BREAK:
                self.page_break_pending = True
            elif tag == _NUMBERED_PARAGRAPH:
                self.numbered_paragraph(child, column)
            elif tag in _SKIP or tag.endswith("-source"):
                continue  # index templates (text:table-of-content-source …) are not shown
            elif tag == _SECTION and child.get(_TEXT + "display") == "none":
                continue
            else:  # sections, index bodies, frames and shapes anchored to the page …
                self.blocks(child, column)

    def list(self, el: Element, column: int, level: int, style: str | None) -> None:
        style = el.get(_TEXT + "style-name") or style  # nested lists inherit the outer style
        for item in el:
            if item.tag == _SOFT_PAGE_BREAK:
                self.page_break_pending = True
            elif item.tag in (_LIST_ITEM, _LIST_HEADER):
                item_style = item.get(_TEXT + "style-override") or style
                # only a list item's first paragraph carries the label; a list header has none
                labelled = item.tag == _LIST_ITEM
                for child in item:
                    tag = child.tag
                    if tag in (_P, _H):
                        bullet = labelled and self.styles.is_bullet(
                            item_style, level, child.get(_TEXT + "style-name")
                        )
                        self.paragraph(child, column, BULLET if bullet else "")
                    elif tag == _LIST:
                        self.list(child, column, level + 1, item_style)
                    elif tag == _SOFT_PAGE_BREAK:
                        self.page_break_pending = True
                        continue
                    elif tag == _TBL:
                        self.table(child, column)
                    elif tag not in _SKIP:
                        self.blocks(child, column)
                    labelled = False

    def numbered_paragraph(self, el: Element, column: int) -> None:
        try:
            level = int(el.get(_TEXT + "level", "1"))
        except ValueError:
            level = 1
        for child in el:
            if child.tag in (_P, _H):
                bullet = self.styles.is_bullet(
                    el.get(_TEXT + "style-name"), level, child.get(_TEXT + "style-name")
                )
                self.paragraph(child, column, BULLET if bullet else "")

    def table(self, tbl: Element, column: int) -> None:
        before, after = self.styles.breaks("table", tbl.get(_TABLE + "style-name"))
        if before:
            self.page_break_pending = True
        for row in _rows(tbl):
            if row.tag == _SOFT_PAGE_BREAK:
                self.page_break_pending = True
                continue
            position = 1  # grid position, so a cell under a merged one keeps its column
            for cell in row:
                if cell.tag == _CELL:
                    self.blocks(cell, column or position)
                elif cell.tag != _COVERED:
                    continue
                position += _count(cell.get(_TABLE + "number-columns-repeated"))
        if after:
            self.page_break_pending = True

    # -- paragraphs -------------------------------------------------------------------------

    def paragraph(self, p: Element, column: int, prefix: str = "") -> None:
        style = p.get(_TEXT + "style-name")
        before, after = self.styles.breaks("paragraph", style)
        if before:
            self.page_break_pending = True
        state = _LineState(prefix=prefix, column=column)
        boxes: list[Element] = []
        self._inline(p, self.styles.paragraph(style), state, boxes)
        self._flush(state)
        for box in boxes:
            self.blocks(box, column)
        if after:
            self.page_break_pending = True

    def _inline(self, el: Element, run: _Props, state: _LineState, boxes: list[Element]) -> None:
        if el.text:
            state.add_text(el.text, run)
        for child in el:
            tag = child.tag
            if tag in (_SPAN, _A):
                style = child.get(_TEXT + "style-name")
                self._inline(child, self.styles.text(style, run), state, boxes)
            elif tag == _S:
                state.add_literal(" " * min(_count(child.get(_TEXT + "c")), _MAX_SPACES), run)
            elif tag == _TAB:
                state.add_literal("\t", run)
            elif tag == _LINE_BREAK:
                self._flush(state)
            elif tag == _SOFT_PAGE_BREAK:
                self._flush(state)
                self.page_break_pending = True
            elif tag in _SKIP:
                pass
            elif tag.startswith(_DRAW):
                boxes.append(child)  # frames, text boxes, shapes: read after the paragraph
            else:  # fields (cached values), bookmarks, ruby bases, metadata spans …
                self._inline(child, run, state, boxes)
            if child.tail:
                state.add_text(child.tail, run)

    def _flush(self, state: _LineState) -> None:
        text = normalize_line(state.prefix + "".join(state.parts))
        if text:
            if self.page_break_pending and self.lines_on_page:
                self.b.new_page()
                self.lines_on_page = 0
            self.page_break_pending = False
            self.b.add_line(text, column=state.column, size=state.size(), bold=state.bold())
            self.lines_on_page += 1
        state.reset()


def _rows(tbl: Element) -> Iterator[Element]:
    """Rows in order (and soft page breaks between them), through header and group wrappers."""
    for child in tbl:
        if child.tag in (_ROW, _SOFT_PAGE_BREAK):
            yield child
        elif child.tag in _ROW_GROUPS:
            yield from _rows(child)


def _count(value: str | None) -> int:
    try:
        return min(max(int(value or "1"), 1), _MAX_REPEAT)
    except ValueError:
        return 1


# -- pictures, master pages --------------------------------------------------------------------


def _count_images(*roots: Element | None) -> int:
    """Raster pictures referenced by draw:image, one per package file (an SVG and its PNG
    fallback in one frame are one picture), plus pictures embedded inline as base64."""
    files: set[str] = set()
    inline = 0
    for root in roots:
        if root is None:
            continue
        for image in root.iter(_DRAW_IMAGE):
            href = (image.get(_XLINK + "href") or "").strip()
            if not href:
                if image.find(_OFFICE + "binary-data") is not None:
                    inline += 1
                continue
            path = href.removeprefix("./")
            if "://" in href or path.startswith(("ObjectReplacements/", "../")):
                continue  # linked files are not in the CV; object previews are not pictures
            suffix = PurePosixPath(path).suffix.lower()
            if suffix in RASTER_SUFFIXES or (not suffix and path.startswith("Pictures/")):
                files.add(path)
    return len(files) + inline


def _first_block(parent: Element) -> Element | None:
    """The first paragraph or table in document order (its style names the first page's
    master page)."""
    for child in parent:
        if child.tag in (_P, _H, _TBL):
            return child
        if child.tag in (_SECTION, _LIST, _LIST_ITEM, _LIST_HEADER):
            found = _first_block(child)
            if found is not None:
                return found
    return None


def _header_footer(
    styles_root: Element | None, content_styles: _Styles, body: Element
) -> tuple[Element | None, Element | None]:
    """The first page's header and footer, from the master page of the first paragraph."""
    if styles_root is None:
        return None, None
    masters = styles_root.find(_OFFICE + "master-styles")
    if masters is None:
        return None, None
    pages = {mp.get(_STYLE + "name", ""): mp for mp in masters.iterfind(_STYLE + "master-page")}
    if not pages:
        return None, None
    first = _first_block(body)
    name = None
    if first is not None:
        family = "table" if first.tag == _TBL else "paragraph"
        name = content_styles.master_page(
            family, first.get((_TABLE if family == "table" else _TEXT) + "style-name")
        )
    page = pages.get(name or "") or pages.get("Standard") or next(iter(pages.values()))

    def pick(kind: str) -> Element | None:
        for tag in (_STYLE + kind + "-first", _LOEXT + kind + "-first", _STYLE + kind):
            el = page.find(tag)
            if el is not None and el.get(_STYLE + "display") != "false":
                return el
        return None

    return pick("header"), pick("footer")


# -- package ------------------------------------------------------------------------------------


def read_package(data: bytes, name: str) -> dict[str, bytes]:
    """Refuse damaged, oversized, crafted, encrypted or macro-carrying packages and documents
    that are not text; returns content.xml and styles.xml (when present) as bytes."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            check_zip_limits(infos, name, "ODT")
            names = {info.filename for info in infos}
            manifest = b""
            if "META-INF/manifest.xml" in names:
                manifest = zf.read("META-INF/manifest.xml")
            media = b""
            mimetype = zf.NameToInfo.get("mimetype")
            if mimetype is not None and mimetype.file_size <= 200:
                media = zf.read(mimetype).strip()
            kind = opendocument_kind(media or manifest_media_type(manifest))
            if kind is not None and kind != "odt":
                raise UnsupportedFormatError(_not_text(name, kind))
            if _ENCRYPTION_RE.search(manifest) or "encrypted-package" in names:
                raise EncryptedFileError(
                    f"{name} is password-protected: open it in LibreOffice, save a copy without "
                    'the password (File > Save As, untick "Save with password") or export it '
                    "as PDF, and upload that"
                )
            if _has_macros(names):
                raise UnsupportedFormatError(
                    f"{name} contains macros: a document with macros is not something we store; "
                    "export the CV as PDF (File > Export as PDF), or save a copy without the "
                    "macros, and upload that"
                )
            parts: dict[str, bytes] = {}
            for info in infos:
                if info.filename.lower().endswith((".xml", ".rdf")):
                    part = zf.read(info)
                    if any(marker in part for marker in DTD_MARKERS):
                        raise UnsafeFileError(
                            f"{name} contains XML declarations (DTD/entities) that no "
                            "OpenDocument file has: save the CV again from LibreOffice or Word "
                            "and upload the new file"
                        )
                    if info.filename in ("content.xml", "styles.xml"):
                        parts[info.filename] = part
            return parts
    except zipfile.BadZipFile as exc:
        raise CorruptFileError(
            f"{name} is damaged (its ZIP structure cannot be read, e.g. an interrupted "
            "download): save or download it again and upload the new file"
        ) from exc
    except (OSError, EOFError, NotImplementedError, ValueError, zlib.error) as exc:
        raise CorruptFileError(
            f"{name} is damaged or uses an unsupported compression: save it again from "
            "LibreOffice or Word and upload the new file"
        ) from exc


def _has_macros(names: set[str]) -> bool:
    """Basic modules (Basic/<library>/<module>.xml) or scripts (Scripts/<language>/…)."""
    for n in names:
        parts = PurePosixPath(n).parts
        if n.endswith("/") or len(parts) < 2:
            continue
        if parts[0] == "Scripts":
            return True
        if parts[0] == "Basic" and len(parts) >= 3 and parts[-1] != "script-lb.xml":
            return True
    return False


def _not_text(name: str, kind: str) -> str:
    return (
        f"{name} is {label(kind)}, not a text document: upload the CV itself, as PDF, DOCX, ODT "
        "or text"
    )


def _damaged(name: str, what: str) -> CorruptFileError:
    return CorruptFileError(
        f"{name} is damaged ({what}): open it in LibreOffice or Word, save it again and upload "
        "the new file"
    )


def _parse_part(data: bytes, name: str, part: str) -> Element:
    try:
        return _parse_xml(data)
    except _DtdRefused as exc:
        raise UnsafeFileError(
            f"{name} contains XML declarations (DTD/entities) that no OpenDocument file has: "
            "save the CV again from LibreOffice or Word and upload the new file"
        ) from exc
    except (expat.ExpatError, ValueError, LookupError) as exc:
        raise _damaged(name, f"its {part} cannot be read") from exc


# --------------------------------------------------------------------------------------------


class OdtBackend(Backend):
    formats = frozenset({"odt"})

    def extract(self, data: bytes, filename: str) -> Document:
        name = filename or "the file"
        parts = read_package(data, name)
        if "content.xml" not in parts:
            raise _damaged(name, "the document text, content.xml, is missing")
        content = _parse_part(parts["content.xml"], name, "text (content.xml)")
        if content.tag != _OFFICE + "document-content":
            raise _damaged(name, "content.xml is not OpenDocument content")
        office_body = content.find(_OFFICE + "body")
        if office_body is None or len(office_body) == 0:
            raise _damaged(name, "it has no document body")
        body = office_body.find(_OFFICE + "text")
        if body is None:
            kind = _BODY_KINDS.get(office_body[0].tag, "opendocument")
            raise UnsupportedFormatError(_not_text(name, kind))

        builder = DocumentBuilder("odt")
        styles_root: Element | None = None
        if "styles.xml" in parts:
            try:
                styles_root = _parse_part(parts["styles.xml"], name, "styles.xml")
            except UnsafeFileError:
                raise
            except CorruptFileError:
                # The text is all there; only formatting, headers and footers are lost.
                builder.warnings.append(
                    "styles.xml could not be read: headers, footers and text formatting were "
                    "skipped"
                )
        common = styles_root.find(_OFFICE + "styles") if styles_root is not None else None
        content_styles = _Styles(common, content.find(_OFFICE + "automatic-styles"))
        master_styles = _Styles(
            common,
            styles_root.find(_OFFICE + "automatic-styles") if styles_root is not None else None,
        )
        masters = styles_root.find(_OFFICE + "master-styles") if styles_root is not None else None
        builder.images = images = _count_images(body, masters)

        builder.new_page()
        try:  # the walk recurses along the XML; no real document comes near the limit
            header, footer = _header_footer(styles_root, content_styles, body)
            if header is not None:
                _Walker(builder, master_styles).blocks(header)
            # A fresh walker: header lines do not make page 1 "started", as LibreOffice gives
            # the first paragraph its master page, which would otherwise read as a page break.
            _Walker(builder, content_styles).blocks(body)
            if footer is not None:
                _Walker(builder, master_styles).blocks(footer)
        except RecursionError as exc:
            raise UnsafeFileError(
                f"{name} is nested far deeper than any real document: save the CV again from "
                "LibreOffice or Word (or as PDF) and upload the new file"
            ) from exc

        doc = builder.build()
        if doc.text:
            return doc
        if images:
            # A scan or a photo pasted into Writer: same situation as a scanned PDF.
            doc.status = "needs_ocr"
            doc.warnings.append(
                "the document holds pictures but no text: it is probably a scanned CV pasted "
                "into a word processor; its text needs OCR"
            )
            return doc
        raise EmptyFileError(
            f"{name} contains no text: check that it is the right file, save it again and "
            "upload the new file"
        )
