"""An index over every label and synonym of a referential, built once and reused for every CV.

Each label variant is a row of a sparse matrix whose columns are word keys weighted by IDF.
Matching a whole CV is then one sparse product (phrases × labels) that yields, for every phrase,
only the labels sharing at least one word with it — no Python loop over the referential, and a
cost that grows with the number of *overlapping* labels, not with the referential's size.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, Literal, NamedTuple

import numpy as np
from scipy import sparse

from cvparse.engine.match.normalise import content_keys, word_key
from cvparse.engine.referential import Referential

TargetType = Literal["appellation", "item"]

# Words so common in CVs and referential labels that, alone, they say nothing about a skill
# ("gestion" of what?). A match made only of these never yields a proposal.
GENERIC_WORDS = frozenset(
    [
        "gestion",
        "suivi",
        "travail",
        "service",
        "client",
        "mise",
        "place",
        "realiser",
        "assurer",
        "effectuer",
        "participer",
        "activite",
        "projet",
        "equipe",
        "organisation",
        "action",
        "mission",
        "tache",
        "operation",
        "poste",
        "personne",
        "general",
        "divers",
        "autre",
        "connaissance",
        "competence",
        "savoir",
        "faire",
        "bon",
        "niveau",
        "outil",
        "technique",
        "ensemble",
        "different",
        "nouveau",
        "principal",
        "professionnel",
        "qualite",
        "relation",
        "developpement",
        "animer",
        "faire",
        "gerer",
        "utiliser",
        "appliquer",
        "contribuer",
        "aide",
        "agent",
        "realisation",
        "procéder",
        "assurer",
        "veiller",
        "mettre",
        "œuvre",
        "technique",
        "procedure",
        "regle",
        "principe",
        "methode",
        "notion",
        "base",
        "type",
        "modalite",
        "caracteristique",
        "utilisation",
    ]
)


GENERIC_WEIGHT = 0.3  # generic words still count a little, so "Gestion des stocks" ≠ "stocks"


@lru_cache(maxsize=1)
def generic_keys() -> frozenset[str]:
    return frozenset(word_key(w) for w in GENERIC_WORDS)


class Entry(NamedTuple):
    """One searchable label variant pointing at a referential target (a tuple: it pickles
    fast, which keeps the on-disk index cache quick to load)."""

    target_type: TargetType
    target_id: str
    text: str
    keys: tuple[str, ...]
    synonym: bool
    item_kind: str | None = None


class ReferentialIndex:
    def __init__(
        self,
        referential: Referential,
        learned: Iterable[tuple[TargetType, str, tuple[str, ...]]] = (),
    ) -> None:
        """`learned`: synonyms a learned layer adds (target type, target id, keys already
        normalised), indexed exactly like the curated ones (`cvparse.engine.learned`)."""
        self.referential_ref = referential.ref
        self.checksum = referential.checksum
        entries = list(_entries(referential))
        self.curated_rows = len(entries)  # the learned entries come after
        entries += _learned_entries(referential, learned)
        # Stored as plain tuples: they unpickle several times faster than NamedTuples.
        self._rows: list[tuple[Any, ...]] = [tuple(e) for e in entries]
        vocab: dict[str, int] = {}
        df: dict[int, int] = defaultdict(int)
        rows: list[int] = []
        cols: list[int] = []
        for row, entry in enumerate(entries):
            for key in set(entry.keys):
                col = vocab.setdefault(key, len(vocab))
                df[col] += 1
                rows.append(row)
                cols.append(col)
        n = max(len(entries), 1)
        idf = np.zeros(len(vocab), dtype=np.float32)
        for col, count in df.items():
            idf[col] = math.log(1.0 + n / count)
        for key, col in vocab.items():
            if key in generic_keys():
                idf[col] *= GENERIC_WEIGHT
        self.vocab = vocab
        self.idf = idf
        data = idf[np.asarray(cols, dtype=np.int64)] if cols else np.zeros(0, dtype=np.float32)
        self.matrix = sparse.csr_matrix(
            (data, (rows, cols)), shape=(len(entries), len(vocab)), dtype=np.float32
        )
        self.entry_weight = np.asarray(self.matrix.sum(axis=1)).ravel()
        # words × labels, ready for the per-CV product (transposing at query time costs more
        # than the product itself)
        self.matrix_t = self.matrix.T.tocsr()
        self.max_idf = float(idf.max()) if len(idf) else 1.0
        # Plain floats by key: the scorer reads weights ~100k times per CV, and numpy scalar
        # access costs ten times a dict lookup.
        self.weights: dict[str, float] = dict(zip(vocab, idf.tolist(), strict=True))
        self.is_appellation = np.fromiter(
            (e.target_type == "appellation" for e in entries), dtype=bool, count=len(entries)
        )
        # Keys that alone name an entry ("excel", "python"): kept even when capitalised
        # inside a phrase, where other capitalised words are taken for names.
        self.single_keys = frozenset(e.keys[0] for e in entries if len(set(e.keys)) == 1)
        self._by_initial: dict[str, list[str]] = defaultdict(list)
        for key in vocab:
            if len(key) >= 5:
                self._by_initial[key[:2]].append(key)

    # Keys of every word form change when this changes: cached indexes are then rebuilt.
    FORMAT = 6

    def __getstate__(self) -> dict[str, Any]:
        return {"format": self.FORMAT, **self.__dict__}

    def __setstate__(self, state: dict[str, Any]) -> None:
        if state.pop("format", None) != self.FORMAT:
            raise ValueError("index cache written by another version of cvparse")
        self.__dict__.update(state)

    def curated_keys(self) -> Iterable[str]:
        """The keys of the referential's own labels and synonyms, without a learned layer's:
        minimisation tells job words from names with these, so that no learned phrase ever
        changes what is masked."""
        if getattr(self, "curated_rows", len(self._rows)) >= len(self._rows):
            return self.vocab.keys()
        return {key for row in self._rows[: self.curated_rows] for key in row[3]}

    def weight(self, key: str) -> float:
        """IDF of a key; unknown words weigh like the rarest known ones (they are specific)."""
        return self.weights.get(key, self.max_idf)

    def entry(self, row: int) -> Entry:
        return Entry._make(self._rows[row])

    def vocabulary_near(self, key: str) -> list[str]:
        """Known keys that could be a typo of `key` (same first two letters)."""
        return self._by_initial.get(key[:2], [])

    def __len__(self) -> int:
        return len(self._rows)


def _entries(referential: Referential):
    for app in referential.appellations.values():
        seen: set[tuple[str, ...]] = set()
        variants = [(app.masculine, False), (app.feminine, False)]
        variants += [(s, True) for s in app.synonyms]
        for text, synonym in variants:
            keys = content_keys(text)
            if keys and keys not in seen:
                seen.add(keys)
                yield Entry("appellation", app.id, text, keys, synonym)
    for item in referential.items.values():
        seen = set()
        for text, synonym in [(item.label, False), *[(s, True) for s in item.synonyms]]:
            keys = content_keys(text)
            if keys and keys not in seen:
                seen.add(keys)
                yield Entry("item", item.id, text, keys, synonym, item.kind)


def _learned_entries(
    referential: Referential, learned: Iterable[tuple[TargetType, str, tuple[str, ...]]]
) -> Iterator[Entry]:
    """Learned synonyms of targets the referential has (a code it no longer has is skipped: a
    layer belongs to one referential version, but an edited one must never crash a parse)."""
    for target_type, target_id, keys in learned:
        if not keys:
            continue
        if target_type == "item" and target_id in referential.items:
            yield Entry("item", target_id, " ".join(keys), keys, True,
                        referential.items[target_id].kind)
        elif target_type == "appellation" and target_id in referential.appellations:
            yield Entry("appellation", target_id, " ".join(keys), keys, True)
