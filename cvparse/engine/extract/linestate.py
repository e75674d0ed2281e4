"""A visual line assembled from styled runs, shared by the DOCX and ODT backends.

Word processors split a line into runs with their own font size and weight; the line keeps
the size most of its characters have and whether most of them are bold, because headings are
told from body text by exactly that.
"""

from __future__ import annotations

from typing import Protocol


class RunStyle(Protocol):
    bold: bool
    size: float | None


class LineState:
    __slots__ = ("bold_chars", "chars", "column", "parts", "prefix", "sizes")

    def __init__(self, prefix: str, column: int) -> None:
        self.prefix = prefix
        self.column = column
        self.parts: list[str] = []
        self.sizes: dict[float, int] = {}
        self.bold_chars = 0
        self.chars = 0

    def add(self, text: str, run: RunStyle) -> None:
        self.parts.append(text)
        n = len(text.strip())
        if n:
            self.chars += n
            if run.bold:
                self.bold_chars += n
            if run.size is not None:
                self.sizes[run.size] = self.sizes.get(run.size, 0) + n

    def size(self) -> float | None:
        return max(self.sizes, key=self.sizes.__getitem__) if self.sizes else None

    def bold(self) -> bool:
        return self.chars > 0 and 2 * self.bold_chars >= self.chars

    def reset(self) -> None:
        # the bullet belongs to the first visual line only; the column stays
        self.prefix = ""
        self.parts = []
        self.sizes = {}
        self.bold_chars = 0
        self.chars = 0
