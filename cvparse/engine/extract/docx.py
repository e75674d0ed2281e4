"""DOCX → Document, walking the WordprocessingML tree in document order.

python-docx is used to open the package (relationships, parts); the body is walked directly with
lxml because python-docx's `Document.paragraphs` and `.tables` are two separate lists (document
order is lost) and `Paragraph.text` skips text that CV templates rely on: content controls
(w:sdt), tracked insertions, fields, text boxes. What the walk does:

* body children in order: paragraphs, tables (row by row, cell by cell, nested tables inside
  their cell), content controls and custom XML unwrapped; a two-column layout table reads the
  whole left cell, then the whole right cell, and its lines carry the cell index as `column`;
* a paragraph's manual line breaks (w:br) start new lines; page breaks (w:br type=page,
  pageBreakBefore, and Word's own w:lastRenderedPageBreak hints) start new pages;
* text boxes (w:txbxContent) are read after the paragraph that anchors them, once: the VML
  fallback copy inside mc:AlternateContent is skipped;
* deleted revisions and field instructions are skipped; tabs become the "\\t" gap marker;
* list paragraphs whose numbering format is "bullet" get the "• " prefix PDFs have as a glyph;
* the first section's header comes first and its footer last (the "first page" variants when the
  section has a distinct first page, as CV templates do for contact details);
* pictures are counted from word/media (raster files only: EMF/WMF are usually icons);
* no text at all is EmptyFileError, unless there are pictures: a scan pasted into Word comes
  back like a scanned PDF, with status "needs_ocr".

Before python-docx sees the file, the ZIP is checked: declared uncompressed sizes (zipfile never
inflates beyond them) against a 50 MB budget and a 100:1 ratio, macros (refused: a macro-enabled
document is not something a public service should store), and any DTD in an XML part (refused:
python-docx's parser does not resolve entities, but no legitimate DOCX part has a DOCTYPE, so a
file with one was crafted).
"""

from __future__ import annotations

import contextlib
import io
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from cvparse.engine.document import Document, DocumentBuilder
from cvparse.engine.extract.base import Backend
from cvparse.engine.extract.errors import (
    CorruptFileError,
    EmptyFileError,
    UnsafeFileError,
    UnsupportedFormatError,
)
from cvparse.engine.extract.linestate import LineState
from cvparse.engine.extract.normalize import BULLET, normalize_line
from cvparse.engine.extract.package import DTD_MARKERS, RASTER_SUFFIXES, check_zip_limits

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"

_P, _TBL, _TR, _TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
_SDT, _SDT_CONTENT, _CUSTOM_XML = _W + "sdt", _W + "sdtContent", _W + "customXml"
_ALT, _CHOICE = _MC + "AlternateContent", _MC + "Choice"
_T, _TAB, _BR, _CR = _W + "t", _W + "tab", _W + "br", _W + "cr"
_R_RUN, _RPR, _PPR = _W + "r", _W + "rPr", _W + "pPr"
_TXBX = _W + "txbxContent"
# Subtrees with no visible text: properties, deletions, field codes, math in run form, etc.
_SKIP = frozenset(
    _W + tag
    for tag in (
        "pPr",
        "rPr",
        "del",
        "delText",
        "instrText",
        "moveFrom",
        "sdtPr",
        "tcPr",
        "tblPr",
        "trPr",
        "tblGrid",
        "sectPr",
        "commentReference",
        "footnoteReference",
    )
)
_FALSE = frozenset({"0", "false", "off", "none"})


def _on(el: Any) -> bool:
    """A WordprocessingML on/off property: present means on unless w:val says otherwise."""
    return el is not None and el.get(_W + "val", "true").lower() not in _FALSE


@dataclass(slots=True)
class _RunProps:
    bold: bool
    size: float | None


class _Styles:
    """Bold and size through the style chain (run → character style → paragraph style →
    defaults), cached per style id: headings are usually bold by style, not by run."""

    def __init__(self, styles_el: Any | None) -> None:
        self._by_id: dict[str, Any] = {}
        self._cache: dict[str, tuple[bool | None, float | None]] = {}
        self.default_para: str | None = None
        self.default_bold = False
        self.default_size: float | None = None
        if styles_el is None:
            return
        for style in styles_el.iterfind(_W + "style"):
            sid = style.get(_W + "styleId")
            if sid:
                self._by_id[sid] = style
                if style.get(_W + "type") == "paragraph" and style.get(_W + "default") in (
                    "1",
                    "true",
                    "on",
                ):
                    self.default_para = sid
        rpr = styles_el.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        if rpr is not None:
            b, s = _direct(rpr)
            self.default_bold = bool(b)
            self.default_size = s

    def props(self, style_id: str | None) -> tuple[bool | None, float | None]:
        if not style_id:
            return None, None
        if style_id in self._cache:
            return self._cache[style_id]
        self._cache[style_id] = (None, None)  # guards against basedOn cycles
        style = self._by_id.get(style_id)
        bold: bool | None = None
        size: float | None = None
        if style is not None:
            rpr = style.find(_RPR)
            if rpr is not None:
                bold, size = _direct(rpr)
            based = style.find(_W + "basedOn")
            if based is not None and (bold is None or size is None):
                pb, ps = self.props(based.get(_W + "val"))
                bold = pb if bold is None else bold
                size = ps if size is None else size
        self._cache[style_id] = (bold, size)
        return bold, size

    def numbering_of(self, style_id: str | None) -> tuple[str, str] | None:
        style = self._by_id.get(style_id or "")
        if style is None:
            return None
        num_pr = style.find(f"{_PPR}/{_W}numPr")
        return _num_ids(num_pr)

    def is_bullet_style(self, style_id: str | None) -> bool:
        style = self._by_id.get(style_id or "")
        if style is None:
            return False
        name_el = style.find(_W + "name")
        name = (name_el.get(_W + "val", "") if name_el is not None else "").lower()
        return "list bullet" in name or "liste à puces" in name


def _direct(rpr: Any) -> tuple[bool | None, float | None]:
    b = rpr.find(_W + "b")
    bold = None if b is None else _on(b)
    sz = rpr.find(_W + "sz")
    size = None
    if sz is not None:
        try:
            size = int(sz.get(_W + "val", "")) / 2
        except ValueError:
            size = None
    return bold, size


def _num_ids(num_pr: Any | None) -> tuple[str, str] | None:
    if num_pr is None:
        return None
    num_id = num_pr.find(_W + "numId")
    if num_id is None:
        return None
    ilvl = num_pr.find(_W + "ilvl")
    return num_id.get(_W + "val", "0"), ilvl.get(_W + "val", "0") if ilvl is not None else "0"


class _Numbering:
    def __init__(self, numbering_el: Any | None) -> None:
        self._formats: dict[tuple[str, str], str] = {}
        if numbering_el is None:
            return
        abstract: dict[str, dict[str, str]] = {}
        for an in numbering_el.iterfind(_W + "abstractNum"):
            levels: dict[str, str] = {}
            for lvl in an.iterfind(_W + "lvl"):
                fmt = lvl.find(_W + "numFmt")
                levels[lvl.get(_W + "ilvl", "0")] = (
                    fmt.get(_W + "val", "") if fmt is not None else ""
                )
            abstract[an.get(_W + "abstractNumId", "")] = levels
        for num in numbering_el.iterfind(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            if ref is None:
                continue
            for ilvl, fmt in abstract.get(ref.get(_W + "val", ""), {}).items():
                self._formats[(num.get(_W + "numId", ""), ilvl)] = fmt

    def is_bullet(self, ids: tuple[str, str] | None) -> bool:
        return ids is not None and ids[0] != "0" and self._formats.get(ids) == "bullet"


class _Walker:
    def __init__(self, builder: DocumentBuilder, styles: _Styles, numbering: _Numbering) -> None:
        self.b = builder
        self.styles = styles
        self.numbering = numbering
        self.page_break_pending = False
        self.lines_on_page = 0

    # -- blocks -----------------------------------------------------------------------------

    def blocks(self, parent: Any, column: int = 0) -> None:
        for child in parent:
            tag = child.tag
            if tag == _P:
                self.paragraph(child, column)
            elif tag == _TBL:
                self.table(child, column)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self.blocks(content, column)
            elif tag == _CUSTOM_XML:
                self.blocks(child, column)
            elif tag == _ALT:
                choice = child.find(_CHOICE)
                if choice is not None:
                    self.blocks(choice, column)

    def table(self, tbl: Any, column: int) -> None:
        for tr in _children(tbl, _TR):
            for index, tc in enumerate(_children(tr, _TC), start=1):
                self.blocks(tc, column or index)

    # -- paragraphs -------------------------------------------------------------------------

    def paragraph(self, p: Any, column: int) -> None:
        ppr = p.find(_PPR)
        style_id: str | None = self.styles.default_para
        ids: tuple[str, str] | None = None
        if ppr is not None:
            if _on(ppr.find(_W + "pageBreakBefore")):
                self.page_break_pending = True
            ps = ppr.find(_W + "pStyle")
            if ps is not None:
                style_id = ps.get(_W + "val")
            ids = _num_ids(ppr.find(_W + "numPr"))
        if ids is None:
            ids = self.styles.numbering_of(style_id)
        bullet = self.numbering.is_bullet(ids) or (
            ids is None and self.styles.is_bullet_style(style_id)
        )
        para_bold, para_size = self.styles.props(style_id)
        para = _RunProps(
            bold=para_bold if para_bold is not None else self.styles.default_bold,
            size=para_size if para_size is not None else self.styles.default_size,
        )
        state = _LineState(prefix=BULLET if bullet else "", column=column)
        boxes: list[Any] = []
        self._inline(p, para, para, state, boxes)
        self._flush(state)
        for box in boxes:
            self.blocks(box, column)

    def _inline(
        self, el: Any, para: _RunProps, run: _RunProps, state: _LineState, boxes: list[Any]
    ) -> None:
        for child in el:
            tag = child.tag
            if tag == _T:
                if child.text:
                    state.add(child.text, run)
            elif tag == _R_RUN:
                self._inline(child, para, self._run_props(child, para), state, boxes)
            elif tag == _TAB or tag == _W + "ptab":
                state.add("\t", run)
            elif tag in (_BR, _CR):
                kind = child.get(_W + "type")
                self._flush(state)
                if kind == "page":
                    self.page_break_pending = True
            elif tag == _W + "lastRenderedPageBreak":
                self._flush(state)
                self.page_break_pending = True
            elif tag == _W + "noBreakHyphen":
                state.add("-", run)
            elif tag == _W + "sym":
                code = child.get(_W + "char", "")
                with contextlib.suppress(ValueError):
                    state.add(chr(int(code, 16)), run)
            elif tag == _TXBX:
                boxes.append(child)
            elif tag == _ALT:
                choice = child.find(_CHOICE)
                if choice is not None:
                    self._inline(choice, para, run, state, boxes)
            elif tag in _SKIP or not isinstance(tag, str):
                continue  # properties, deletions, comments/processing instructions
            else:
                self._inline(child, para, run, state, boxes)

    def _run_props(self, r: Any, para: _RunProps) -> _RunProps:
        rpr = r.find(_RPR)
        if rpr is None:
            return para
        bold, size = _direct(rpr)
        rstyle = rpr.find(_W + "rStyle")
        if rstyle is not None and (bold is None or size is None):
            sb, ss = self.styles.props(rstyle.get(_W + "val"))
            bold = sb if bold is None else bold
            size = ss if size is None else size
        return _RunProps(
            bold=para.bold if bold is None else bold, size=para.size if size is None else size
        )

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


_LineState = LineState


def _children(parent: Any, tag: str) -> list[Any]:
    """Direct children with `tag`, looking through content controls and custom XML wrappers
    (templates wrap table rows and cells in w:sdt)."""
    out: list[Any] = []
    for child in parent:
        if child.tag == tag:
            out.append(child)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                out.extend(_children(content, tag))
        elif child.tag == _CUSTOM_XML:
            out.extend(_children(child, tag))
    return out


# --------------------------------------------------------------------------------------------


class DocxBackend(Backend):
    formats = frozenset({"docx"})

    def extract(self, data: bytes, filename: str) -> Document:
        name = filename or "the file"
        images = check_package(data, name)
        try:
            from docx.opc.package import OpcPackage
            from docx.oxml.parser import parse_xml

            package = OpcPackage.open(io.BytesIO(data))
            main = package.main_document_part
            # Templates (.dotx) have a content type python-docx does not map to DocumentPart;
            # the XML is the same, so parse it with the same (entity-free) parser.
            root = main.element if hasattr(main, "element") else parse_xml(main.blob)
        except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors …
            raise CorruptFileError(
                f"{name} is damaged (the Word document inside cannot be read): open it in Word "
                "or LibreOffice, save it again and upload the new file"
            ) from exc
        body = root.find(_W + "body")
        if body is None:
            raise CorruptFileError(
                f"{name} has no document body: open it in Word or LibreOffice, save it again "
                "and upload the new file"
            )
        styles = _Styles(_related_element(main, _RT_STYLES))
        numbering = _Numbering(_related_element(main, _RT_NUMBERING))

        builder = DocumentBuilder("docx")
        builder.images = images
        builder.new_page()
        walker = _Walker(builder, styles, numbering)
        header, footer = _first_section_parts(main, body)
        if header is not None:
            walker.blocks(header)
        walker.page_break_pending = False
        walker.blocks(body)
        if footer is not None:
            walker.page_break_pending = False
            walker.blocks(footer)
        doc = builder.build()
        if doc.text:
            return doc
        if images:
            # A scan or a photo pasted into Word: same situation as a scanned PDF.
            doc.status = "needs_ocr"
            doc.warnings.append(
                "the document holds pictures but no text: it is probably a scanned CV pasted "
                "into Word; its text needs OCR"
            )
            return doc
        raise EmptyFileError(
            f"{name} contains no text: check that it is the right file, save it again and "
            "upload the new file"
        )


def _related_element(part: Any, reltype: str) -> Any | None:
    try:
        return part.part_related_by(reltype).element
    except (KeyError, AttributeError, ValueError):
        return None


def _first_section_parts(main: Any, body: Any) -> tuple[Any | None, Any | None]:
    """The first section's header and footer roots (its "first page" ones if it has them)."""
    sect = None
    for child in body:
        if child.tag == _P:
            ppr = child.find(_PPR)
            sp = ppr.find(_W + "sectPr") if ppr is not None else None
            if sp is not None:
                sect = sp
                break
        elif child.tag == _W + "sectPr":
            sect = child
    if sect is None:
        return None, None
    first = _on(sect.find(_W + "titlePg"))

    def pick(ref_tag: str) -> Any | None:
        refs = {
            ref.get(_W + "type", "default"): ref.get(_R + "id")
            for ref in sect.iterfind(_W + ref_tag)
        }
        for kind in ("first", "default") if first else ("default",):
            rid = refs.get(kind)
            if rid and rid in main.rels:
                try:
                    return main.rels[rid].target_part.element
                except (AttributeError, KeyError, ValueError):
                    return None
        return None

    return pick("headerReference"), pick("footerReference")


def check_package(data: bytes, name: str) -> int:
    """Refuse damaged, oversized or crafted packages before parsing; returns the picture count."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            check_zip_limits(infos, name, "DOCX")
            names = {info.filename for info in infos}
            lower = {n.lower() for n in names}
            content_types = b""
            if "[Content_Types].xml" in names:
                content_types = zf.read("[Content_Types].xml")
            if any(n.endswith("vbaproject.bin") for n in lower) or (
                b"macroenabled" in content_types.lower()
            ):
                raise UnsupportedFormatError(
                    f"{name} contains macros (a macro-enabled Word file): save it as a normal "
                    "Word document (.docx) or as PDF and upload it again"
                )
            for info in infos:
                if info.filename.lower().endswith((".xml", ".rels")):
                    part = zf.read(info)
                    if any(marker in part for marker in DTD_MARKERS):
                        raise UnsafeFileError(
                            f"{name} contains XML declarations (DTD/entities) that no Word "
                            "document has: save the CV again from Word or LibreOffice and "
                            "upload the new file"
                        )
            return sum(
                1 for n in lower if n.startswith("word/media/") and n.endswith(RASTER_SUFFIXES)
            )
    except zipfile.BadZipFile as exc:
        raise CorruptFileError(
            f"{name} is damaged (its ZIP structure cannot be read, e.g. an interrupted "
            "download): save or download it again and upload the new file"
        ) from exc
    except (OSError, EOFError, NotImplementedError, ValueError, zlib.error) as exc:
        raise CorruptFileError(
            f"{name} is damaged or uses an unsupported compression: save it again from Word or "
            "LibreOffice and upload the new file"
        ) from exc
