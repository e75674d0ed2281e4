"""The CV as the advisor reads it beside the draft: its pages as images and as text, with the
personal data covered on the server, before anything leaves it.

Why on the server: the draft never holds personal data (the privacy stage masks it before any
matching), and the CV pane must not undo that. The same detection as the draft's (same
reading, same sections, same referential vocabulary) gives the spans to mask; the text view
gets them replaced, and each page image gets them painted over — together with every picture
on the page (a CV photo is personal data), of which only the text lines crossing it are put
back. A scanned page is one picture: only the lines OCR read are shown, the rest (where a photo
sits) is covered. The original is sent only when the caller asks to reveal it, and the API
writes that to the audit log.

Geometry: a line's box comes with the reading; the words it was made of come from PDFium again
(`cvparse.engine.extract.pdf.page_geometry`, the same words `extract` used), aligned with the
line's text, so a mask or an evidence box can cover part of a line ("06 39 … – Permis B").
Where the words cannot be aligned, a mask covers the whole line: never less than it should.

Caches: the view of a reading (masks, geometry) and the rendered PNGs are kept in memory,
bounded, keyed by the file's sha256, the pipeline version, the referential and
`RENDER_VERSION`, and the PNG also by the exact boxes it covers; nothing is written to disk, so
retention and erasure have nothing more to delete, and a changed detection can never serve an
image masked the old way. Revealed images are never cached.
"""

from __future__ import annotations

import hashlib
import io
import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from cvparse.engine.document import Document, Line, Page
from cvparse.engine.extract.layout import Word
from cvparse.engine.extract.normalize import normalize_inline
from cvparse.engine.extract.pdf import PageGeometry, page_geometry
from cvparse.engine.privacy import detect_and_mask
from cvparse.engine.profile.models import DraftProfile
from cvparse.engine.sections import split_sections
from cvparse.service.store import Stores
from cvparse.service.store.documents import DocumentRecord
from cvparse.service.store.files import StoredFileCorruptError, StoredFileMissingError

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points, as Line.bbox
Segment = tuple[int, int, Box]  # document offsets [start, end) of a word, and its box

RENDER_SCALE = 1.5  # 893 px for an A4 width: sharp in half a screen, ~200 kB a page
RENDER_VERSION = "1"  # bump when covering or rendering changes: cached images carry it
MASK_CHAR = "█"  # replaces each masked character in the text view (offsets unchanged)
MASK_FILL = (64, 64, 64)  # personal data on a page image: one flat colour
PICTURE_FILL = (214, 214, 214)  # a picture on a page image (a photo, a logo)
MASK_PAD = 1.0  # points around a masked span: glyph boxes are tight, ink is not
VIEW_CACHE_SIZE = 32  # readings (a few kB of boxes each)
IMAGE_CACHE_BYTES = 64 * 1024 * 1024  # rendered PNGs (~200 kB a page)


@dataclass(frozen=True, slots=True)
class CvPage:
    """One page: its text range, and what covers its image."""

    number: int
    width: float
    height: float
    start: int  # offset of the page's first character in the document text
    end: int
    ocr: bool
    masks: tuple[Box, ...]  # personal data
    pictures: tuple[Box, ...]  # pictures, and the whole page when it is a scan
    lines: tuple[Box, ...]  # text lines, put back where they cross a picture


@dataclass(slots=True)
class CvView:
    """What the review page needs of one reading, computed once: the masked spans, the text
    with them replaced, and where lines, words and masks sit on each page."""

    document: Document
    masked: list[tuple[int, int]]  # document offsets of masked spans, one line each
    masked_text: str
    excluded: dict[str, int]  # categories found, as the draft counts them
    pages: list[CvPage]
    segments: dict[int, list[Segment]] = field(default_factory=dict)  # by line start
    has_images: bool = False  # a PDF whose file is still stored

    def page(self, number: int) -> CvPage | None:
        return next((p for p in self.pages if p.number == number), None)

    def boxes(self, start: int, end: int) -> list[tuple[int, Box]]:
        """Where the text [start, end) sits: one box per line it crosses, with the page."""
        found = []
        for page in self.document.pages:
            for line in page.lines:
                if line.bbox is None or line.end <= start or line.start >= end:
                    continue
                box = _span_box(line, self.segments.get(line.start, []), max(start, line.start),
                                min(end, line.end), exact=False)
                found.append((page.number, box))
        return found


# --------------------------------------------------------------------------------------------
# building the view of a reading


def reading_of(stores: Stores, doc: DocumentRecord, draft: DraftProfile) -> Document:
    """The reading the draft was parsed from (read and stored now if it predates stored
    readings), as the `/text` endpoint serves it."""
    from cvparse.service.jobs import read_stored, reading_key
    from cvparse.service.registry import DEFAULT_OPTIONS, get_pipeline

    _, ocr = reading_key(DEFAULT_OPTIONS.ocr)
    document = stores.documents.reading(doc.sha256, draft.pipeline_version, ocr)
    if document is None:
        pipeline = get_pipeline(f"{draft.referential.name}@{draft.referential.version}")
        _, document = read_stored(stores, doc, pipeline)
    return document


def cv_view(stores: Stores, doc: DocumentRecord, draft: DraftProfile) -> CvView:
    """The view of the document's reading, from the cache or computed (a few ms a page)."""
    from cvparse.service.registry import get_pipeline

    ref = draft.referential
    key = (doc.sha256, draft.pipeline_version, ref.checksum, RENDER_VERSION)

    def build() -> CvView:
        document = reading_of(stores, doc, draft)
        pipeline = get_pipeline(f"{ref.name}@{ref.version}")
        data = None
        if document.format == "pdf":
            try:
                data = stores.files.get(doc.sha256)
            except (StoredFileMissingError, StoredFileCorruptError):
                data = None  # the text stays readable; there is nothing left to draw
        geometry = page_geometry(data) if data is not None else []
        view = build_view(document, pipeline.known_words, geometry)
        view.has_images = data is not None
        return view

    return _VIEWS.get(key, build)


def build_view(document: Document, known_words, geometry: Sequence[PageGeometry]) -> CvView:
    """Mask the document as the draft's privacy stage does, and place the masks on the
    pages. Pure: the reading, the referential's vocabulary and the pages' geometry in."""
    privacy = detect_and_mask(document, split_sections(document), known_words)
    masked = masked_spans(document, privacy.masked_text)
    chars = list(document.text)
    for start, end in masked:
        for i in range(start, end):
            chars[i] = MASK_CHAR
    by_number = {g.number: g for g in geometry}
    view = CvView(document, masked, "".join(chars), dict(privacy.excluded), [])
    for page in document.pages:
        geo = by_number.get(page.number)
        aligned = align_words(page, geo.words) if geo is not None and not page.ocr else {}
        view.segments.update(aligned)
        masks = []
        for line in page.lines:
            if line.bbox is None:
                continue
            for start, end in masked:
                if start < line.end and end > line.start:
                    masks.append(_pad(_span_box(line, aligned.get(line.start, []),
                                                max(start, line.start), min(end, line.end),
                                                exact=True)))
        width = geo.width if geo and geo.width else page.width
        height = geo.height if geo and geo.height else page.height
        scan = page.ocr or page.number in document.textless_pages
        pictures = ((0.0, 0.0, width, height),) if scan else (geo.pictures if geo else ())
        start = page.lines[0].start if page.lines else 0
        view.pages.append(CvPage(
            number=page.number, width=width, height=height, start=start,
            end=page.lines[-1].end if page.lines else start, ocr=page.ocr,
            masks=tuple(masks), pictures=tuple(pictures),
            lines=tuple(line.bbox for line in page.lines if line.bbox is not None),
        ))
    return view


def masked_spans(document: Document, masked_text: str) -> list[tuple[int, int]]:
    """The spans the privacy stage blanked (characters that were not blank and now are),
    one line at a time, joined across the blanks between them ("06 39 98 21 47" is one)."""
    text = document.text
    spans: list[tuple[int, int]] = []
    for line in document.lines:
        run: list[int] | None = None
        for i in range(line.start, line.end):
            hidden = masked_text[i] != text[i]
            if hidden:
                if run is None:
                    run = [i, i + 1]
                else:
                    run[1] = i + 1
            elif run is not None and not text[i].isspace():
                spans.append((run[0], run[1]))
                run = None
        if run is not None:
            spans.append((run[0], run[1]))
    return spans


def align_words(page: Page, words: Sequence[Word]) -> dict[int, list[Segment]]:
    """The words of each line, located in the line's text: {line start: [(start, end, box)]}.

    A word belongs to the line whose box holds its centre (the smallest such box); within a
    line, words are read left to right and looked up from where the previous one ended. A
    word that cannot be found (normalised differently, a bullet glyph) is skipped; the
    characters it leaves without a box fall back to the line's box."""
    lines = [line for line in page.lines if line.bbox is not None]
    members: dict[int, list[Word]] = {}
    for word in words:
        cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        best, best_area = None, 0.0
        for index, line in enumerate(lines):
            x0, top, x1, bottom = line.bbox  # type: ignore[misc]
            if x0 - 0.5 <= cx <= x1 + 0.5 and top - 0.5 <= cy <= bottom + 0.5:
                area = (x1 - x0) * (bottom - top)
                if best is None or area < best_area:
                    best, best_area = index, area
        if best is not None:
            members.setdefault(best, []).append(word)
    aligned: dict[int, list[Segment]] = {}
    for index, line_words in members.items():
        line = lines[index]
        segments: list[Segment] = []
        cursor, skipped = 0, 0
        for word in sorted(line_words, key=lambda w: w.x0):
            token = normalize_inline(word.text).strip()
            if not token:
                continue
            at = line.text.find(token, cursor)
            gap = line.text[cursor:at] if at >= 0 else ""
            if at < 0 or len(gap.strip(" \t•")) > skipped:
                skipped += len(token) + 1
                continue
            segments.append((line.start + at, line.start + at + len(token),
                             (word.x0, word.top, word.x1, word.bottom)))
            cursor, skipped = at + len(token), 0
        aligned[line.start] = segments
    return aligned


def _span_box(line: Line, segments: list[Segment], start: int, end: int, *, exact: bool
              ) -> Box:
    """The box of [start, end) on a line. `exact` (a mask): the whole words it touches, or
    the whole line when any of its characters has no word box. Otherwise (evidence): the
    part of the words it touches, or the line's box cut in proportion."""
    x0, top, x1, bottom = line.bbox  # type: ignore[misc]
    touched = [s for s in segments if s[0] < end and s[1] > start]
    covered = set()
    for s_start, s_end, _ in touched:
        covered.update(range(max(s_start, start), min(s_end, end)))
    text = line.text
    complete = all(
        i in covered or text[i - line.start].isspace() for i in range(start, end)
    )
    if exact:
        if not touched or not complete:
            return (x0, top, x1, bottom)
        return (min(s[2][0] for s in touched), min(top, *(s[2][1] for s in touched)),
                max(s[2][2] for s in touched), max(bottom, *(s[2][3] for s in touched)))
    if not touched:
        n = max(len(text), 1)
        return (x0 + (x1 - x0) * (start - line.start) / n, top,
                x0 + (x1 - x0) * (end - line.start) / n, bottom)
    lefts, rights = [], []
    for s_start, s_end, (wx0, _, wx1, _) in touched:
        n = max(s_end - s_start, 1)
        lefts.append(wx0 + (wx1 - wx0) * max(0, start - s_start) / n)
        rights.append(wx1 - (wx1 - wx0) * max(0, s_end - end) / n)
    return (min(lefts), top, max(rights), bottom)


def _pad(box: Box) -> Box:
    return (box[0] - MASK_PAD, box[1] - MASK_PAD, box[2] + MASK_PAD, box[3] + MASK_PAD)


# --------------------------------------------------------------------------------------------
# page images


def image_key(doc: DocumentRecord, view: CvView, page: CvPage) -> str:
    """What a masked image depends on, hashed: the file, the boxes it covers, the renderer.
    The cache key and the HTTP ETag."""
    digest = hashlib.sha256()
    digest.update(f"{doc.sha256}|{page.number}|{RENDER_VERSION}|{RENDER_SCALE}|".encode())
    for boxes in (page.masks, page.pictures, page.lines):
        digest.update(repr([tuple(round(v, 2) for v in b) for b in boxes]).encode())
        digest.update(b"|")
    return digest.hexdigest()[:32]


def page_png(stores: Stores, doc: DocumentRecord, view: CvView, page: CvPage, *,
             reveal: bool = False) -> bytes:
    """The page as a PNG: masked (cached) or, when revealed, as it is (never cached)."""
    if reveal:
        return render_page(stores.files.get(doc.sha256), page, reveal=True)
    return _IMAGES.get(image_key(doc, view, page),
                       lambda: render_page(stores.files.get(doc.sha256), page))


def render_page(data: bytes, page: CvPage, *, reveal: bool = False,
                scale: float = RENDER_SCALE) -> bytes:
    """Render one PDF page with PDFium and, unless revealed, cover it: pictures first (flat
    light grey), the text lines crossing them put back, then the personal data (flat dark
    grey) last, so that nothing drawn after can uncover it."""
    import pypdfium2 as pdfium

    from cvparse.engine.extract.pdf import _PDFIUM_LOCK  # PDFium is not thread-safe

    with _PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(data)
        try:
            pdf_page = pdf[page.number - 1]
            # Text boxes are in the page's unrotated space; draw the page the same way.
            pdf_page.set_rotation(0)
            # Form fields are not drawn: their values were never read, so never masked.
            rendered = pdf_page.render(scale=scale, may_draw_forms=False).to_pil()
            pdf_page.close()
        finally:
            pdf.close()
    rendered = rendered.convert("RGB")
    if not reveal:
        covered = rendered.copy()
        for picture in page.pictures:
            covered.paste(PICTURE_FILL, _pixels(picture, scale, rendered.size))
        for line in page.lines:
            for picture in page.pictures:
                part = _intersection(line, picture)
                if part is not None:
                    region = _pixels(part, scale, rendered.size)
                    covered.paste(rendered.crop(region), region[:2])
        for mask in page.masks:
            covered.paste(MASK_FILL, _pixels(mask, scale, rendered.size))
        rendered = covered
    out = io.BytesIO()
    rendered.save(out, "PNG", compress_level=3)
    return out.getvalue()


def _pixels(box: Box, scale: float, size: tuple[int, int]) -> tuple[int, int, int, int]:
    """A box in points → whole pixels, rounded outwards and clipped to the image."""
    width, height = size
    return (max(0, math.floor(box[0] * scale)), max(0, math.floor(box[1] * scale)),
            min(width, math.ceil(box[2] * scale)), min(height, math.ceil(box[3] * scale)))


def _intersection(a: Box, b: Box) -> Box | None:
    x0, top, x1, bottom = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    return (x0, top, x1, bottom) if x0 < x1 and top < bottom else None


# --------------------------------------------------------------------------------------------
# caches

T = TypeVar("T")


class _Lru:
    """A thread-safe LRU bounded by a count or by total bytes. Two requests for the same
    missing key may both compute it; the result is the same, so that only costs time."""

    def __init__(self, max_items: int = 0, max_bytes: int = 0) -> None:
        self._items: OrderedDict[object, object] = OrderedDict()
        self._bytes = 0
        self._max_items, self._max_bytes = max_items, max_bytes
        self._lock = threading.Lock()

    def get(self, key: object, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]  # type: ignore[return-value]
        value = compute()
        with self._lock:
            if key not in self._items:
                self._items[key] = value
                self._bytes += len(value) if isinstance(value, bytes) else 0
            self._evict()
        return value

    def _evict(self) -> None:
        while self._items and (
            (self._max_items and len(self._items) > self._max_items)
            or (self._max_bytes and self._bytes > self._max_bytes)
        ):
            _, old = self._items.popitem(last=False)
            self._bytes -= len(old) if isinstance(old, bytes) else 0

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._items)


_VIEWS = _Lru(max_items=VIEW_CACHE_SIZE)
_IMAGES = _Lru(max_bytes=IMAGE_CACHE_BYTES)


def clear_caches() -> None:
    """Forget every cached view and image (tests; a process that changed its settings)."""
    _VIEWS.clear()
    _IMAGES.clear()


def cached_images() -> int:
    return len(_IMAGES)
