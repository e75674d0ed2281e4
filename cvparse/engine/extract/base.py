"""The backend interface and the registry that picks a backend by sniffed content type.

One small interface per input format (as in docling) keeps each library's quirks in one module,
and lets a new format (ODT, OCR for images) be added without touching the others. The registry
is keyed by the *sniffed* type, never by the file name: names are whatever the person's phone or
mail client made of them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from cvparse.engine.document import Document


class Backend(ABC):
    """Turns the bytes of one document format into a `Document`.

    `extract` receives bytes whose type the sniffer already confirmed; it raises the errors of
    `cvparse.engine.extract.errors` for problems inside the format (password, damage, macros).
    `filename` is only used to word messages.
    """

    formats: ClassVar[frozenset[str]]

    @abstractmethod
    def extract(self, data: bytes, filename: str) -> Document: ...


_REGISTRY: dict[str, Backend] = {}


def register(backend: Backend) -> Backend:
    """Make `backend` the one used for each of its formats (a later registration wins)."""
    for fmt in backend.formats:
        _REGISTRY[fmt] = backend
    return backend


def backend_for(fmt: str) -> Backend | None:
    return _REGISTRY.get(fmt)


def registered_formats() -> frozenset[str]:
    return frozenset(_REGISTRY)
