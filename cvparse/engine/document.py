"""Text with layout: the one shape every extraction backend returns.

Offsets are into `Document.text` (lines joined by "\\n", pages separated by "\\f"), so a span
found by any later stage can be shown back on its page as evidence without re-reading the file.

`Document.to_dict` / `Document.from_dict` give a compact, versioned, JSON-able form of a
document that round-trips exactly (the service stores each reading once in that form).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

DocumentStatus = Literal["ok", "needs_ocr"]

PAGE_SEPARATOR = "\f"
LINE_SEPARATOR = "\n"
SERIAL_VERSION = 1  # layout of Document.to_dict; from_dict refuses any other


@dataclass(frozen=True, slots=True)
class Line:
    """One visual line of text, in reading order."""

    text: str
    page: int  # 1-based
    start: int  # offset of text[0] in Document.text
    end: int  # start + len(text)
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in points
    column: int = 0  # 0 = full width / main flow; 1, 2 … = columns left to right
    size: float | None = None  # dominant font size, helps spot headings
    bold: bool = False


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    width: float = 0.0
    height: float = 0.0
    lines: list[Line] = field(default_factory=list)
    ocr: bool = False  # text came from OCR, not from a text layer


@dataclass(slots=True)
class Document:
    format: str  # "pdf", "docx", "txt", …
    pages: list[Page]
    text: str
    status: DocumentStatus = "ok"
    images: int = 0  # embedded pictures (a CV photo is personal data: counted, never kept)
    warnings: list[str] = field(default_factory=list)
    textless_pages: list[int] = field(default_factory=list)  # pages with no text layer (scans)

    @property
    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page.lines]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able form that `from_dict` turns back into an equal document.

        Compact: a line is a list `[start, end, bbox, column, size, bold]`; its text is
        `text[start:end]` and its page the page it sits on, and either is written out (as a
        7th and 8th item) only where it differs from that."""
        return {
            "v": SERIAL_VERSION,
            "format": self.format,
            "status": self.status,
            "text": self.text,
            "images": self.images,
            "warnings": list(self.warnings),
            "textless_pages": list(self.textless_pages),
            "pages": [
                {"number": p.number, "width": p.width, "height": p.height, "ocr": p.ocr,
                 "lines": [_line_row(line, p.number, self.text) for line in p.lines]}
                for p in self.pages
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """The document `to_dict` wrote. Raises ValueError for another serial version."""
        if data.get("v") != SERIAL_VERSION:
            raise ValueError(f"document serial version {data.get('v')!r} is not "
                             f"{SERIAL_VERSION}")
        text = data["text"]
        pages = [
            Page(number=p["number"], width=p["width"], height=p["height"], ocr=p["ocr"],
                 lines=[_line_of(row, p["number"], text) for row in p["lines"]])
            for p in data["pages"]
        ]
        return cls(format=data["format"], pages=pages, text=text, status=data["status"],
                   images=data["images"], warnings=list(data["warnings"]),
                   textless_pages=list(data["textless_pages"]))


def _line_row(line: Line, page: int, text: str) -> list[Any]:
    row: list[Any] = [line.start, line.end, list(line.bbox) if line.bbox is not None else None,
                      line.column, line.size, line.bold]
    if line.page != page:
        row += [line.text, line.page]
    elif text[line.start:line.end] != line.text:
        row.append(line.text)
    return row


def _line_of(row: list[Any], page: int, text: str) -> Line:
    start, end, bbox, column, size, bold = row[:6]
    return Line(
        text=row[6] if len(row) > 6 else text[start:end],
        page=row[7] if len(row) > 7 else page,
        start=start, end=end, bbox=tuple(bbox) if bbox is not None else None,
        column=column, size=size, bold=bold,
    )


class DocumentBuilder:
    """Accumulates lines page by page and keeps offsets consistent with the final text."""

    def __init__(self, fmt: str) -> None:
        self._fmt = fmt
        self._pages: list[Page] = []
        self._parts: list[str] = []
        self._offset = 0
        self.images = 0
        self.warnings: list[str] = []
        self.textless_pages: list[int] = []

    def new_page(self, width: float = 0.0, height: float = 0.0, *, ocr: bool = False) -> Page:
        if self._pages:
            self._parts.append(PAGE_SEPARATOR)
            self._offset += len(PAGE_SEPARATOR)
        page = Page(number=len(self._pages) + 1, width=width, height=height, ocr=ocr)
        self._pages.append(page)
        return page

    def add_line(
        self,
        text: str,
        *,
        bbox: tuple[float, float, float, float] | None = None,
        column: int = 0,
        size: float | None = None,
        bold: bool = False,
    ) -> Line | None:
        """Append a line to the current page; blank lines are dropped (layout keeps bboxes)."""
        text = text.strip()
        if not text:
            return None
        if not self._pages:
            self.new_page()
        page = self._pages[-1]
        if page.lines:
            self._parts.append(LINE_SEPARATOR)
            self._offset += len(LINE_SEPARATOR)
        line = Line(
            text=text,
            page=page.number,
            start=self._offset,
            end=self._offset + len(text),
            bbox=bbox,
            column=column,
            size=size,
            bold=bold,
        )
        self._parts.append(text)
        self._offset += len(text)
        page.lines.append(line)
        return line

    def build(self, status: DocumentStatus = "ok") -> Document:
        if not self._pages:
            self.new_page()
        return Document(
            format=self._fmt,
            pages=self._pages,
            text="".join(self._parts),
            status=status,
            images=self.images,
            warnings=list(self.warnings),
            textless_pages=list(self.textless_pages),
        )
