"""Referential search for the advisor's autocomplete: every word of the query must start a word
of the label (accents and case ignored), shorter labels first.

`SearchIndex` is built once per referential; the service's registry keeps it beside the
referential it was built from, so it lives and goes with it."""

from __future__ import annotations

import re

from pydantic import BaseModel

from cvparse.engine.referential import Referential
from cvparse.engine.text import unaccent_lower

_WORD = re.compile(r"[a-z0-9]+")


class Entry(BaseModel):
    kind: str  # competence, appellation, metier
    code: str
    label: str
    detail: str | None = None  # item kind, or the appellation's ROME code


def _words(text: str) -> list[str]:
    return _WORD.findall(unaccent_lower(text))


SearchIndex = list[tuple[Entry, tuple[str, ...]]]


def build_search_index(ref: Referential) -> SearchIndex:
    rows: SearchIndex = []
    for m in ref.metiers.values():
        rows.append((Entry(kind="metier", code=m.code, label=m.title),
                     tuple(_words(f"{m.code} {m.title}"))))
    for a in ref.appellations.values():
        rows.append((Entry(kind="appellation", code=a.id, label=a.label, detail=a.metier_code),
                     tuple(_words(f"{a.masculine} {a.feminine}"))))
    for i in ref.items.values():
        rows.append((Entry(kind="competence", code=i.id, label=i.label, detail=i.kind),
                     tuple(_words(i.label))))
    return rows


def search(index: SearchIndex, query: str, kind: str | None = None, limit: int = 20
           ) -> list[Entry]:
    wanted = _words(query)
    if not wanted:
        return []
    found = [
        entry for entry, words in index
        if (kind is None or entry.kind == kind)
        and all(any(w.startswith(q) for w in words) for q in wanted)
    ]
    found.sort(key=lambda e: (len(e.label), e.label))
    return found[:limit]
