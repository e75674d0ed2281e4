"""Match candidate phrases against the referential index: exact first, then partial and fuzzy.

ROME labels are long sentences ("Réaliser la maintenance préventive des équipements") while CVs
say "maintenance préventive". A score therefore weighs two coverages by IDF: how much of the
label the phrase covers (generic verbs such as "réaliser" weigh little), and how much of the
phrase span the label explains. A fuzzy string ratio (rapidfuzz) catches typos and word order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from cvparse.engine.match.index import Entry, ReferentialIndex, TargetType, generic_keys
from cvparse.engine.match.normalise import Token, content_keys, tokenize
from cvparse.engine.phrases import Phrase

# Named thresholds (scores and coverages are 0–1; coverages are IDF-weighted).
SHORTLIST_COVERAGE = 0.30  # label coverage below which a label is not even scored
FULL_LABEL_COVERAGE = 0.80  # "the phrase says the whole label" (short labels, synonyms)
MIN_SPAN_COVERAGE = 0.50  # the label must explain this much of the matched span
PARTIAL_LABEL_COVERAGE = 0.40  # long ROME labels: the phrase may say part of them…
PARTIAL_PHRASE_COVERAGE = 0.60  # …if the label explains most of the phrase
PARTIAL_MIN_WORDS = 2  # …and at least two specific words match
CLAUSE_MIN_WORDS = 2  # a long phrase may hold a label in one of its clauses if at least
CLAUSE_LABEL_COVERAGE = 0.75  # …this many specific words say this much of the label
CLAUSE_SPAN_COVERAGE = 0.8  # …close together
ACCEPT_SCORE = 0.62  # below this, a match is not proposed
APPELLATION_MIN_COVERAGE = 0.999  # job titles need every word ("agent" alone is not a job)
LONG_APPELLATION_MIN_COVERAGE = 0.80  # …unless the title is long (≥ 4 words)
TYPO_MIN_RATIO = 88.0  # rapidfuzz ratio to read an unknown word as a known one
TYPO_MIN_LENGTH = 6  # shorter words are too easily confused to correct
SHORTLIST_SIZE = 8  # best label coverages kept per phrase for precise scoring
EMBEDDED_MIN_PHRASE = 0.5  # an exact label inside a longer phrase that is mostly about
EMBEDDED_SCORE = 0.85  # …something else scores this much less than a full 1.0
SOFT_SKILL_MIN_PHRASE = 0.5  # "polyvalente" in "médecine polyvalente" is not a savoir-être
# Sections where capitalised words are product names ("Excel"), not employers or towns.
NAME_FRIENDLY_SECTIONS = frozenset({"skills", "certifications", "licences", "projects"})
# score = weighted mean of label, phrase and span coverage
LABEL_WEIGHT, PHRASE_WEIGHT, SPAN_WEIGHT = 0.45, 0.35, 0.20
# Sections where a job title means a job held or sought (not "encadrement des serveurs").
TITLE_SECTIONS = frozenset({"header", "profile"})


_PARENTHESES = re.compile(r"\([^)]*\)")


@dataclass(frozen=True, slots=True)
class Match:
    target_type: TargetType
    target_id: str
    score: float
    method: str  # "exact", "synonym", "partial", "fuzzy"
    phrase: Phrase
    start: int  # absolute offsets of the matched words
    end: int
    entry_text: str
    words: tuple[int, ...] = ()  # absolute offsets of the matched words (overlap resolution)


@dataclass(slots=True)
class _Prepared:
    phrase: Phrase
    tokens: list[Token]  # content tokens only
    keys: list[str]
    names: frozenset[int]  # positions of likely proper names (never used to match a skill)
    weights: list[float]  # IDF of each key, computed once per phrase
    total: float


class Matcher:
    def __init__(self, index: ReferentialIndex) -> None:
        self.index = index
        self._typo_cache: dict[str, str | None] = {}
        self._heads: dict[str, str] = {}

    def scored(self, phrases: Sequence[Phrase]) -> list[list[Match]]:
        """Every acceptable reading of each phrase, before overlaps are resolved."""
        prepared = [self._prepare(p) for p in phrases]
        prepared = [p for p in prepared if p.keys]
        if not prepared:
            return []
        overlap = self._overlap(prepared)
        # Label coverage of every (phrase, label) pair sharing a word, in one numpy pass; no
        # label below these coverages can be accepted (_score only lowers coverage).
        cols_all = overlap.indices
        coverage = overlap.data / self.index.entry_weight[cols_all]
        possible = coverage >= np.where(
            self.index.is_appellation[cols_all], LONG_APPELLATION_MIN_COVERAGE,
            PARTIAL_LABEL_COVERAGE,
        )
        rows_all = np.repeat(np.arange(len(prepared)), np.diff(overlap.indptr))
        sel = np.flatnonzero(possible)
        rows, cols, cov = rows_all[sel], cols_all[sel], coverage[sel]
        # Per phrase, best label coverage first (rounded: float32 sums make a full 1.0 read
        # 0.9999999 for one gender form and not the other); between labels said in full, the
        # one that says more of the phrase (a long job title before the short ones it holds).
        # Ordered in one numpy pass, and only the SHORTLIST_SIZE best of each phrase kept.
        order = np.lexsort((-overlap.data[sel], -np.round(cov, 4), rows))
        rows, cols, cov = rows[order], cols[order], cov[order]
        starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]]) if len(rows) else rows
        rank = np.arange(len(rows)) - np.repeat(starts, np.diff(np.r_[starts, len(rows)]))
        keep = rank < SHORTLIST_SIZE
        shortlists: dict[int, list[tuple[float, int]]] = {}
        for row, col, c in zip(
            rows[keep].tolist(), cols[keep].tolist(), cov[keep].tolist(), strict=True
        ):
            shortlists.setdefault(row, []).append((c, col))
        matches: list[list[Match]] = []
        for row, candidates in shortlists.items():
            prep = prepared[row]
            scored = []
            titles_allowed = prep.phrase.title_like or prep.phrase.section in TITLE_SECTIONS
            for cov, col in candidates:
                if cov < SHORTLIST_COVERAGE:
                    break
                entry = self.index.entry(col)
                if entry.target_type == "appellation" and not titles_allowed:
                    continue
                if (prep.phrase.target or prep.phrase.study) and entry.target_type != "appellation":
                    continue  # the job sought, or studied for, is not a skill held
                result = self._score(prep, entry, float(self.index.entry_weight[col]))
                if result is not None:
                    scored.append(result)
            matches.append(scored)
        return matches

    def _prepare(self, phrase: Phrase) -> _Prepared:
        tokens = [t for t in tokenize(phrase.text) if not t.stop]
        keys = [self._known(t.key) for t in tokens]
        names: frozenset[int] = frozenset()
        if phrase.section not in NAME_FRIENDLY_SECTIONS:
            # Capitalised words inside a phrase are names (employers, towns, schools) — except
            # a product name that alone is a label ("Excel"), outside job-title lines, where
            # employers stand ("Net'Havre Services" is not .NET).
            names = frozenset(
                i
                for i, t in enumerate(tokens)
                if (t.proper and (phrase.title_like or keys[i] not in self.index.single_keys))
                or (phrase.title_like and t.upper)  # "Bourgogne Emballages SAS", "LSM"
            )
        weights = [self.index.weight(k) for k in keys]
        return _Prepared(phrase, tokens, keys, names, weights, sum(weights) or 1.0)

    def _known(self, key: str) -> str:
        if key in self.index.vocab or len(key) < TYPO_MIN_LENGTH or not key.isalpha():
            return key
        if key not in self._typo_cache:
            found = process.extractOne(
                key,
                self.index.vocabulary_near(key),
                scorer=fuzz.ratio,
                score_cutoff=TYPO_MIN_RATIO,
            )
            self._typo_cache[key] = found[0] if found else None
        return self._typo_cache[key] or key

    def _rarest(self, entry: Entry) -> str:
        """The most specific word of a label's main clause (an enumeration in parentheses —
        "(plaquettes, disques, …)" — details the label, it is not what it is about)."""
        head = self._heads.get(entry.text)
        if head is None:
            keys = content_keys(_PARENTHESES.sub(" ", entry.text)) or entry.keys
            head = self._heads[entry.text] = max(keys, key=self.index.weight)
        return head

    def _overlap(self, prepared: list[_Prepared]) -> sparse.csr_matrix:
        rows, cols = [], []
        for row, prep in enumerate(prepared):
            for key in set(prep.keys):
                col = self.index.vocab.get(key)
                if col is not None:
                    rows.append(row)
                    cols.append(col)
        query = sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)),
            shape=(len(prepared), len(self.index.vocab)),
        )
        return (query @ self.index.matrix_t).tocsr()

    def _score(
        self, prep: _Prepared, entry: Entry, label_total: float | None = None
    ) -> Match | None:
        label_keys = set(entry.keys)
        usable_names = entry.target_type == "appellation"
        positions = [
            i
            for i, key in enumerate(prep.keys)
            if key in label_keys and (usable_names or i not in prep.names)
        ]
        matched = {prep.keys[i] for i in positions}
        said_in_full = not entry.synonym or _says_in_full(prep.keys, positions, entry.keys)
        generic = generic_keys()
        specific = {k for k in matched - generic if not k.isdigit()}
        if not positions or (not specific and (len(matched) < 2 or matched != label_keys)):
            return None  # "3" or "gestion" alone says nothing; "relation client" does
        weight = self.index.weight
        matched_w = sum(weight(k) for k in matched)
        if label_total is None:
            label_total = sum(weight(k) for k in label_keys)
        label_cov = matched_w / label_total if label_total else 0.0
        first, last = positions[0], positions[-1]
        span_keys = prep.keys[first : last + 1]
        found_w = sum(prep.weights[i] for i in positions)
        span_cov = found_w / (sum(prep.weights[first : last + 1]) or 1.0)
        phrase_cov = found_w / prep.total
        exact = said_in_full and sorted(set(span_keys)) == sorted(label_keys)
        if not exact and entry.target_type == "item":
            if phrase_cov < PARTIAL_PHRASE_COVERAGE and not (
                len(specific) >= CLAUSE_MIN_WORDS and label_cov >= CLAUSE_LABEL_COVERAGE
                and span_cov >= CLAUSE_SPAN_COVERAGE
            ):
                # The phrase is mostly about something else ("changement du linge" is not
                # "gestion du changement") — unless one clause of it says most of the label
                # in several specific words, side by side.
                return None
            if label_cov < FULL_LABEL_COVERAGE and self._rarest(entry) not in matched:
                return None  # "centre commercial" is not "médiations dans les centres commerciaux"
        if entry.target_type == "appellation":
            needed = (
                LONG_APPELLATION_MIN_COVERAGE if len(label_keys) >= 4 else APPELLATION_MIN_COVERAGE
            )
            if label_cov < needed or span_cov < MIN_SPAN_COVERAGE:
                return None
        elif label_cov >= FULL_LABEL_COVERAGE:
            if span_cov < MIN_SPAN_COVERAGE:
                return None
        elif not (
            label_cov >= PARTIAL_LABEL_COVERAGE
            and phrase_cov >= PARTIAL_PHRASE_COVERAGE
            and len(specific) >= PARTIAL_MIN_WORDS
        ):
            return None
        if entry.item_kind == "savoir-etre" and phrase_cov < SOFT_SKILL_MIN_PHRASE:
            return None
        if (
            len(label_keys) == 1
            and entry.synonym
            and entry.text[:1].isupper()
            and phrase_cov < EMBEDDED_MIN_PHRASE
            and prep.phrase.section not in NAME_FRIENDLY_SECTIONS
            and prep.phrase.text[prep.tokens[first].start].islower()
        ):
            # A product name ("Premiere", "Excel") inside a sentence is written as a name:
            # "premier emploi" is not Adobe Premiere.
            return None
        if exact:
            score = 1.0 if phrase_cov >= EMBEDDED_MIN_PHRASE else EMBEDDED_SCORE
            method = "synonym" if entry.synonym else "exact"
        else:
            coverage = (
                LABEL_WEIGHT * label_cov + PHRASE_WEIGHT * phrase_cov + SPAN_WEIGHT * span_cov
            )
            ratio = fuzz.token_sort_ratio(" ".join(span_keys), " ".join(entry.keys)) / 100.0
            score = min(0.99, max(coverage, 0.5 * coverage + 0.5 * ratio))
            method = "fuzzy" if label_cov >= FULL_LABEL_COVERAGE else "partial"
        if score < ACCEPT_SCORE:
            return None
        base = prep.phrase.start
        return Match(
            target_type=entry.target_type,
            target_id=entry.target_id,
            score=round(score, 4),
            method=method,
            phrase=prep.phrase,
            start=base + prep.tokens[first].start,
            end=base + prep.tokens[last].end,
            entry_text=entry.text,
            words=tuple(base + prep.tokens[i].start for i in positions),
        )


def _says_in_full(keys: list[str], positions: list[int], wanted: tuple[str, ...]) -> bool:
    """The synonym's words, all of them, side by side and in its order ("fiches produits" is
    not "dosages des produits et des fiches")."""
    if {keys[i] for i in positions} != set(wanted) or len(wanted) == 1:
        return {keys[i] for i in positions} == set(wanted)
    first = positions[0]
    window = keys[first : first + len(wanted)]
    return window == list(wanted)


Ranker = Callable[[Match], float]


def _by_score(match: Match) -> float:
    return match.score


def resolve(per_phrase: list[list[Match]], rank: Ranker | None = None) -> list[Match]:
    """One reading per word: within each phrase, then across overlapping phrases.

    `rank` (default: the score) decides between competing readings; the pipeline's second
    pass gives a small edge to skills of the métiers the CV points to."""
    rank = rank or _by_score
    kept = [m for scored in per_phrase for m in _resolve(scored, rank)]
    # The trade a diploma names is read beside the CV's own words, not instead of them:
    # "CAP Boulanger" names a trade and may also name a skill.
    side = [m for m in kept if m.phrase.study]
    main = _resolve_across_phrases([m for m in kept if not m.phrase.study], rank)
    said = {(m.target_type, m.target_id, m.start) for m in main}
    extra = [m for m in side if (m.target_type, m.target_id, m.start) not in said]
    return sorted(main + extra, key=lambda m: (m.phrase.start, m.start))


def _resolve_across_phrases(matches: list[Match], rank: Ranker) -> list[Match]:
    """Candidates overlap (a whole line and its comma-separated pieces): the same words must
    not yield two different items. The best-supported reading of each word wins; the same
    target found again on other words is kept (it adds evidence)."""
    kept: list[Match] = []
    owner: dict[int, tuple[str, str]] = {}
    for match in sorted(
        matches,
        key=lambda m: (
            -rank(m), -len(m.words), m.method == "synonym", m.start, m.target_type, m.target_id
        ),
    ):
        target = (match.target_type, match.target_id)
        owners = {owner[w] for w in match.words if w in owner}
        if owners - {target}:
            continue
        if owners and all(owner.get(w) == target for w in match.words):
            continue  # the same reading of the same words, from an overlapping candidate
        kept.append(match)
        for w in match.words:
            owner.setdefault(w, target)
    kept.sort(key=lambda m: (m.phrase.start, m.start))
    return kept


def _resolve(scored: list[Match], rank: Ranker) -> list[Match]:
    """Keep the best match and any other whose words do not overlap it.

    One phrase yields one item unless it really holds several ("soudure et chaudronnerie"):
    a second item must rest on words the first did not use. A job title and a skill cannot
    share words either: "Serveuse" is a job, not "Gestion de serveurs".
    """
    kept: list[Match] = []
    seen_targets: set[tuple[str, str]] = set()
    # Best score first; on a tie the match that explains more of the phrase wins
    # ("Développeur web" over the synonym "développeur").
    # On a tie the official label beats a CV phrasing written for another entry.
    for match in sorted(
        scored, key=lambda m: (-rank(m), m.start - m.end, m.method == "synonym", m.target_id)
    ):
        target = (match.target_type, match.target_id)
        if target in seen_targets:
            continue
        clash = any(match.start < other.end and other.start < match.end for other in kept)
        if clash:
            continue
        kept.append(match)
        seen_targets.add(target)
    return kept
