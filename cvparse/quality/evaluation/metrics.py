"""Scores of one draft against one gold profile, and their aggregation over a gold set."""

from __future__ import annotations

import hashlib
import re
import statistics
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from cvparse.engine.profile.models import DraftProfile, Field
from cvparse.engine.referential import Referential
from cvparse.quality.evaluation.gold import Gold

KINDS = ("metier", "appellation", "competence", "language", "diploma", "licence")
MACRO_CREDIT = 0.5  # a competence of the right macro-compétence is half right
ECE_BINS = 10
EXPERIENCE_TOLERANCE = 3  # months: a total this close to the gold is right (issue #16)


@dataclass(slots=True)
class Counts:
    """Precision and recall counts; floats because of partial credit."""

    correct_predicted: float = 0.0
    predicted: int = 0
    found_gold: float = 0.0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.correct_predicted += other.correct_predicted
        self.predicted += other.predicted
        self.found_gold += other.found_gold
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.correct_predicted / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class CVResult:
    stem: str
    seconds: float
    counts: dict[str, Counts]
    metier_top1: bool | None
    metier_top3: bool | None
    missing: dict[str, list[str]]
    extra: dict[str, list[str]]
    confidences: list[tuple[str, float, bool]]  # (kind, confidence, right)
    experience_error: int | None = None
    status: str = "draft"
    # Whether the total months is within EXPERIENCE_TOLERANCE of the gold (None: no gold; a
    # draft that found no period where the gold has some is not within).
    pii_leaks: int = 0  # tokens of the draft that hash to the CV's names, e-mails or phones
    experience_within: bool | None = None


def _key(f: Field) -> object:
    if f.kind == "language":
        return (f.code, f.level)
    if f.kind == "diploma":
        return (f.level, f.year)
    return f.code


def _gold_keys(gold: Gold, kind: str) -> set:
    return {
        "metier": set(gold.metiers),
        "appellation": set(gold.appellations),
        "competence": set(gold.competences),
        "language": set(gold.languages),
        "diploma": set(gold.diplomas),
        "licence": set(gold.licences),
    }[kind]


def _macro(referential: Referential, code: str) -> str | None:
    item = referential.items.get(code)
    if item is None:
        return None
    return code if item.kind == "macro" else item.macro_id


def _family(referential: Referential, code: str) -> set[str]:
    """A ROME fiche and its parent: ROME 4.0 fiches (M1855) hang under 3.x parents (M1805)."""
    metier = referential.metiers.get(code)
    return {code} | ({metier.parent_code} if metier and metier.parent_code else set())


def evaluate_profile(
    profile: DraftProfile, gold: Gold, referential: Referential, seconds: float
) -> CVResult:
    counts: dict[str, Counts] = {}
    missing: dict[str, list[str]] = {}
    extra: dict[str, list[str]] = {}
    confidences: list[tuple[str, float, bool]] = []
    accepted: set[str] = set()
    for code in gold.metiers:
        accepted |= _family(referential, code)

    def right_metier(code: str) -> bool:
        if gold.metier_parents:  # any fiche of a gold fiche's family is right
            return bool(_family(referential, code) & accepted)
        return code in gold.metiers

    for kind in KINDS:
        fields = profile.of_kind(kind)  # type: ignore[arg-type]
        predicted = {}
        for f in fields:
            predicted.setdefault(_key(f), f)
        expected = _gold_keys(gold, kind)
        c = Counts(predicted=len(predicted), gold=len(expected))
        if kind == "metier" and gold.metier_parents:
            right = {k for k in predicted if right_metier(k)}
            found = {g for g in expected
                     if any(_family(referential, g) & _family(referential, k) for k in right)}
            c.correct_predicted, c.found_gold = len(right), len(found)
            counts[kind] = c
            missing[kind] = sorted(expected - found)
            extra[kind] = sorted(f"{k} {predicted[k].label[:60]}" for k in set(predicted) - right)
            confidences += [(kind, f.confidence, k in right) for k, f in predicted.items()]
            continue
        if kind == "competence":
            gold_macros = {_macro(referential, g) for g in expected} - {None}
            pred_macros = {_macro(referential, p) for p in predicted} - {None}
            for key in predicted:
                if key in expected:
                    c.correct_predicted += 1
                elif _macro(referential, key) in gold_macros:
                    c.correct_predicted += MACRO_CREDIT
            for key in expected:
                if key in predicted:
                    c.found_gold += 1
                elif _macro(referential, key) in pred_macros:
                    c.found_gold += MACRO_CREDIT
        else:
            hits = len(set(predicted) & expected)
            c.correct_predicted = c.found_gold = hits
        counts[kind] = c
        missing[kind] = sorted(map(str, expected - set(predicted)))
        extra[kind] = sorted(
            f"{k} {predicted[k].label[:60]}" for k in set(predicted) - expected
        )
        for key, f in predicted.items():
            confidences.append((kind, f.confidence, key in expected))
    ranked = [f.code for f in profile.of_kind("metier") if f.code]
    top1 = top3 = None
    if gold.metiers:
        top1 = bool(ranked) and right_metier(ranked[0])
        top3 = any(right_metier(code) for code in ranked[:3])
    error = None
    if gold.experience_months is not None and profile.experience_months is not None:
        error = abs(profile.experience_months - gold.experience_months)
    within = None
    if gold.experience_months is not None:
        within = error is not None and error <= EXPERIENCE_TOLERANCE
    return CVResult(gold.stem, seconds, counts, top1, top3, missing, extra, confidences,
                    error, profile.status, pii_leaks(profile, gold.pii_sha256), within)


_TOKEN = re.compile(r"[\w.@+'’-]+")
_PHONE = re.compile(r"\+?\d[\d .-]{7,}\d")


def _hashes(text: str) -> set[str]:
    """SHA-256 of each token as the development set hashes contact data: lower case, NFC,
    also without accents and without edge punctuation; phone-like runs as digits."""
    text = unicodedata.normalize("NFC", text.lower())
    tokens: set[str] = set()
    for token in _TOKEN.findall(text):
        stripped = token.strip(".'’-")
        plain = "".join(c for c in unicodedata.normalize("NFD", stripped)
                        if not unicodedata.combining(c))
        tokens |= {token, stripped, plain, *re.split(r"[-_.]", plain)}  # "CV_Julie_Ferrand"
    for phone in _PHONE.findall(text):
        digits = re.sub(r"\D", "", phone)
        tokens |= {digits, "0" + digits[2:] if digits.startswith("33") else digits}
    return {hashlib.sha256(t.encode("utf-8")).hexdigest() for t in tokens if t}


def pii_leaks(profile: DraftProfile, pii_sha256: frozenset[str]) -> int:
    """How many of the CV's contact-data hashes the draft's CV-derived text holds (its
    evidence and file name; referential labels are not the CV's words). Must be 0."""
    if not pii_sha256:
        return 0
    texts = [profile.source.filename] + [e.text for f in profile.fields for e in f.evidence]
    return len(set().union(*(_hashes(t) for t in texts)) & pii_sha256)


@dataclass(slots=True)
class Report:
    referential: str
    cvs: list[CVResult]
    counts: dict[str, Counts] = field(default_factory=dict)
    metier_top1: float = 0.0
    metier_top3: float = 0.0
    ece: float | None = None
    ece_scope: str = "all CVs"
    reliability: list[dict[str, float]] = field(default_factory=list)
    seconds_median: float = 0.0
    seconds_p95: float = 0.0
    experience_mae: float | None = None
    experience_within: float | None = None  # share of CVs whose total is within 3 months
    pii_leaks: int = 0

    def scores(self) -> dict[str, float]:
        """The figures floors are kept on."""
        out = {f"{kind}_f1": round(self.counts[kind].f1, 4) for kind in self.counts}
        out |= {f"{kind}_precision": round(self.counts[kind].precision, 4) for kind in
                self.counts}
        out |= {f"{kind}_recall": round(self.counts[kind].recall, 4) for kind in self.counts}
        out["metier_top1"] = round(self.metier_top1, 4)
        out["metier_top3"] = round(self.metier_top3, 4)
        if self.ece is not None:
            out["ece"] = round(self.ece, 4)
        if self.experience_within is not None:
            out["experience_within_3"] = round(self.experience_within, 4)
        out["pii_leaks"] = self.pii_leaks
        return out


def aggregate(referential: str, results: list[CVResult], ece_stems: set[str] | None) -> Report:
    report = Report(referential, results)
    totals: dict[str, Counts] = defaultdict(Counts)
    for r in results:
        for kind, c in r.counts.items():
            totals[kind].add(c)
    report.counts = {k: totals[k] for k in KINDS}
    ranked = [r for r in results if r.metier_top1 is not None]
    if ranked:
        report.metier_top1 = sum(bool(r.metier_top1) for r in ranked) / len(ranked)
        report.metier_top3 = sum(bool(r.metier_top3) for r in ranked) / len(ranked)
    scope = [r for r in results if ece_stems is None or r.stem in ece_stems]
    if ece_stems is not None:
        report.ece_scope = f"{len(scope)} held-out CVs (not used to fit the calibration)"
    points = [(conf, right) for r in scope for _, conf, right in r.confidences]
    if points:
        report.ece, report.reliability = expected_calibration_error(points)
    times = sorted(r.seconds for r in results)
    report.seconds_median = statistics.median(times)
    report.seconds_p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    errors = [r.experience_error for r in results if r.experience_error is not None]
    report.experience_mae = statistics.mean(errors) if errors else None
    judged = [r.experience_within for r in results if r.experience_within is not None]
    report.experience_within = sum(judged) / len(judged) if judged else None
    report.pii_leaks = sum(r.pii_leaks for r in results)
    return report


def expected_calibration_error(
    points: list[tuple[float, bool]], bins: int = ECE_BINS
) -> tuple[float, list[dict[str, float]]]:
    """ECE: the gap between confidence and accuracy, averaged over equal-width bins weighted
    by how many proposals fall in each."""
    table = []
    total = len(points)
    ece = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, r) for c, r in points if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if not inside:
            continue
        confidence = sum(c for c, _ in inside) / len(inside)
        accuracy = sum(r for _, r in inside) / len(inside)
        ece += len(inside) / total * abs(confidence - accuracy)
        table.append({"from": lo, "to": hi, "n": len(inside), "confidence": confidence,
                      "accuracy": accuracy})
    return ece, table
