"""Turn matches and parsed facts into the draft's fields, each with confidence and evidence.

Confidence here is a heuristic probability from the match score and where the phrase stood
(a skill used in a job is surer than one listed under hobbies); the quality issue calibrates it
on the gold set.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from cvparse.engine.document import Line
from cvparse.engine.facts.diplomas import find_diplomas
from cvparse.engine.facts.languages import find_languages
from cvparse.engine.facts.licences import find_licences
from cvparse.engine.facts.models import Period
from cvparse.engine.facts.periods import find_periods, total_months
from cvparse.engine.match.matcher import Match
from cvparse.engine.match.metiers import AppellationHit, CompetenceHit, rank_metiers
from cvparse.engine.privacy import PrivacyResult
from cvparse.engine.profile.models import Evidence, Field
from cvparse.engine.referential import Item, Referential
from cvparse.engine.sections import Section

if TYPE_CHECKING:
    from cvparse.engine.pipeline import Pipeline

# How much a phrase's place in the CV says about a skill (multiplies the match score).
SECTION_FACTOR = {
    "experience": 1.0,
    "skills": 1.0,
    "profile": 0.95,
    "header": 0.9,
    "projects": 0.95,
    "certifications": 0.95,
    "education": 0.85,
    "licences": 0.9,
    "languages": 0.8,
    "other": 0.8,
    "interests": 0.7,
}
TITLE_FACTOR = 1.0  # appellation found on a job-title line
OTHER_TITLE_FACTOR = 0.75  # appellation in the headline / profile text
RECENT_YEARS = 5  # jobs that ended within this many years weigh fully
OLD_JOB_FACTOR = 0.6  # weight of a job that ended long ago, in métier ranking
PERIOD_LOOKAROUND = 2  # lines around a job title where its dates may sit
MAX_EVIDENCE = 5
CONTEXT_METIERS = 3  # métiers that set the context in which skills are read
MIN_COMPETENCE_CONFIDENCE = 0.65  # below this a competence is not proposed at all

FACT_SECTIONS = {
    "language": {"languages", "skills", "header", "profile", "other", "interests"},
    "diploma": {"education", "certifications", "header", "profile", "other", "skills"},
    "licence": {
        "licences",
        "certifications",
        "skills",
        "header",
        "profile",
        "other",
        "education",
        "experience",
        "interests",
    },
}


class _Ids:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        return f"f{self.n}"


def _evidence(line_or_match: Match | tuple[Line, int, int], text: str) -> Evidence:
    if isinstance(line_or_match, Match):
        m = line_or_match
        return Evidence(
            page=m.phrase.page,
            start=m.phrase.start,
            end=m.phrase.start + len(m.phrase.text),
            text=m.phrase.text,
            section=m.phrase.section,
        )
    line, start, end = line_or_match
    return Evidence(
        page=line.page, start=line.start + start, end=line.start + end, text=text[start:end]
    )


def build_fields(
    pipeline: Pipeline,
    sections: list[Section],
    privacy: PrivacyResult,
    matches: list[Match],
    today: date,
) -> tuple[list[Field], int | None]:
    ref = pipeline.referential
    new_id = _Ids()
    fields: list[Field] = []

    # Periods per line (experience section only: education years are not work).
    periods_at: dict[int, list[Period]] = {}
    section_lines: dict[int, tuple[Section, int]] = {}
    lines_by_start: dict[int, Line] = {}
    work_periods: list[Period] = []
    for section in sections:
        for i, line in enumerate(section.lines):
            section_lines[line.start] = (section, i)
            lines_by_start[line.start] = line
            if section.kind_of(line) == "experience":
                found = find_periods(privacy.masked(line), today)
                if found:
                    periods_at[line.start] = found
                    work_periods.extend(found)

    # Appellations.
    by_app: dict[str, list[Match]] = defaultdict(list)
    for m in matches:
        if m.target_type == "appellation":
            by_app[m.target_id].append(m)
    app_hits: list[AppellationHit] = []
    experience_fields: list[Field] = []
    for app_id, found in sorted(by_app.items(), key=lambda kv: -max(m.score for m in kv[1])):
        app = ref.appellations[app_id]
        best = max(found, key=lambda m: m.score)
        factor = TITLE_FACTOR if any(m.phrase.title_like for m in found) else OTHER_TITLE_FACTOR
        conf = round(min(0.99, best.score * factor), 4)
        field_id = new_id()
        fields.append(
            Field(
                id=field_id,
                kind="appellation",
                code=app.id,
                label=app.label,
                metier=app.metier_code,
                confidence=conf,
                method=best.method,
                evidence=_dedupe([_evidence(m, "") for m in found]),
            )
        )
        periods = _periods_near(found, periods_at, section_lines)
        recency = _recency([p for _, p in periods], today)
        app_hits.append(AppellationHit(app_id, conf * recency, field_id))
        for line_start, p in periods:
            line = lines_by_start[line_start]
            experience_fields.append(
                Field(
                    id=new_id(),
                    kind="experience",
                    code=app.id,
                    label=app.label,
                    confidence=conf,
                    method="period",
                    start=p.start_date,
                    end=p.end_date,
                    months=p.months,
                    appellation=field_id,
                    evidence=[
                        Evidence(
                            page=line.page,
                            start=line.start + p.start,
                            end=line.start + p.end,
                            text=p.text,
                            section="experience",
                        )
                    ],
                )
            )

    # Competences.
    by_item: dict[str, list[Match]] = defaultdict(list)
    for m in matches:
        if m.target_type == "item" and not reported_elsewhere(ref.items[m.target_id]):
            by_item[m.target_id].append(m)
    raw_conf: dict[str, float] = {}
    for item_id, found in by_item.items():
        conf = max(m.score * SECTION_FACTOR.get(m.phrase.section, 0.8) for m in found)
        if len({m.phrase.start for m in found}) > 1:  # seen in several places: surer
            conf = min(0.99, conf + 0.05)
        raw_conf[item_id] = conf
    # Context: the métiers the CV points to decide which skills are read (see below).
    # ("change" is a nappy in a care CV, a currency in a bank clerk's).
    context = {
        r.code
        for r in rank_metiers(
            ref,
            app_hits,
            [CompetenceHit(i, c, "") for i, c in raw_conf.items()],
            pipeline.links_by_item,
            pipeline.link_counts,
            with_support=False,
        )[:CONTEXT_METIERS]
    }
    comp_hits: list[CompetenceHit] = []
    for item_id, found in sorted(by_item.items(), key=lambda kv: -max(m.score for m in kv[1])):
        item = ref.items[item_id]
        conf = raw_conf[item_id]
        links = pipeline.links_by_item.get(item_id)
        best = max(found, key=lambda m: m.score)
        if context and links and not any(code in context for code, _ in links):
            # A skill of none of the métiers the CV points to is a misreading more often than
            # not (measured: 3 in 4 on the gold set): "disques" (brakes) is not the music
            # savoir, "change" (a nappy) not a currency. Skills of no métier at all (tools such
            # as Excel) are not concerned.
            continue
        if conf < MIN_COMPETENCE_CONFIDENCE:
            continue
        field_id = new_id()
        fields.append(
            Field(
                id=field_id,
                kind="competence",
                code=item.id,
                label=item.label,
                item_kind=item.kind,
                confidence=round(conf, 4),
                method=best.method,
                evidence=_dedupe([_evidence(m, "") for m in found]),
            )
        )
        comp_hits.append(CompetenceHit(item_id, conf, field_id))

    facts = list(_fact_fields(sections, privacy, today, new_id))
    fields, comp_hits = _certification_items(ref, facts, fields, comp_hits, new_id)

    # Métiers, ranked from titles and competences; placed first in the draft.
    ranked = rank_metiers(ref, app_hits, comp_hits, pipeline.links_by_item, pipeline.link_counts)
    metier_fields = []
    for r in ranked:
        metier = ref.metiers[r.code]
        metier_fields.append(
            Field(
                id=new_id(),
                kind="metier",
                code=r.code,
                label=metier.title,
                confidence=r.confidence,
                method="appellation+competences" if r.from_titles else "competences",
                support=r.support,
                evidence=_support_evidence(fields, r.support),
            )
        )

    fields = metier_fields + fields + experience_fields + facts
    return fields, (total_months(work_periods, today) if work_periods else None)


def _periods_near(
    found: list[Match],
    periods_at: dict[int, list[Period]],
    section_lines: dict[int, tuple[Section, int]],
) -> list[tuple[int, Period]]:
    """Dates of a job: on its title line, else on the closest line around it."""
    starts = sorted(section_lines)
    out: list[tuple[int, Period]] = []
    for m in found:
        if m.phrase.section != "experience":
            continue
        k = bisect_right(starts, m.phrase.start) - 1
        if k < 0:
            continue
        section, i = section_lines[starts[k]]
        for delta in (0, -1, 1, -2, 2)[: 1 + 2 * PERIOD_LOOKAROUND]:
            j = i + delta
            if 0 <= j < len(section.lines) and section.lines[j].start in periods_at:
                line_start = section.lines[j].start
                out.extend((line_start, p) for p in periods_at[line_start])
                break
    unique = {(p.start_date, p.end_date): (ls, p) for ls, p in out}
    return sorted(unique.values(), key=lambda lp: lp[1].start_date)


def _recency(periods: list[Period], today: date) -> float:
    if not periods:
        return 1.0
    last_end = max((p.end_date or today) for p in periods)
    return 1.0 if (today - last_end).days <= RECENT_YEARS * 365 else OLD_JOB_FACTOR


_DIPLOMA_LABEL = re.compile(
    r"^(?:CAP|BEP|BP|BTS|BTSA|DUT|BUT|DEUST|DCG|DSCG|Bac(?:calauréat)?|Brevet (?!d'aptitude)|"
    r"Licence|Master|"
    r"Mastère|Doctorat|Titre professionnel|Diplôme (?!d'[EÉ]tat))\b",
    re.IGNORECASE,
)


def reported_elsewhere(item: Item) -> bool:
    """Languages, driving-licence categories and school diplomas are ROME savoirs too, but a
    draft reports them as `language`, `licence` and `diploma` fields with normalised codes:
    proposing them twice would make the advisor decide twice. Diplômes d'État stay: ROME
    lists them as the qualification a regulated trade requires."""
    return (
        item.category == "Langues"
        or item.label.startswith("Permis de conduire")
        or (item.kind == "savoir" and bool(_DIPLOMA_LABEL.match(item.label)))
    )


@lru_cache(maxsize=1)
def licence_items() -> dict[str, str]:
    """Normalised licence code → the ROME certification item it is (data file, reviewable)."""
    path = Path(__file__).resolve().parents[1] / "facts" / "data" / "licence_items.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["licence"]: row["item_id"] for row in csv.DictReader(handle)}


def _certification_items(
    ref: Referential,
    facts: list[Field],
    fields: list[Field],
    comp_hits: list[CompetenceHit],
    new_id: _Ids,
) -> tuple[list[Field], list[CompetenceHit]]:
    """Certifications the licence parser read precisely ("CACES R489 cat. 1A, 3 et 5") are
    also proposed as their ROME items, one per category; a looser matcher reading of the same
    words as some other certification item gives way to them."""
    mapping = licence_items()
    have = {f.code for f in fields if f.kind == "competence"}
    added: list[Field] = []
    for lic in (f for f in facts if f.kind == "licence"):
        item_id = mapping.get(lic.code or "")
        if item_id is None or item_id not in ref.items or item_id in have:
            continue
        have.add(item_id)
        item = ref.items[item_id]
        added.append(Field(
            id=new_id(), kind="competence", code=item_id, label=item.label,
            item_kind=item.kind, confidence=lic.confidence, method="licence",
            evidence=lic.evidence,
        ))  # fmt: skip
    if not added:
        return fields, comp_hits
    spans = [(e.start, e.end) for f in added for e in f.evidence]

    def covered(f: Field) -> bool:
        item = ref.items.get(f.code or "")
        return (
            f.kind == "competence"
            and item is not None
            and item.category in CERTIFICATION_CATEGORIES
            and all(any(s <= e.start < t or e.start <= s < e.end for s, t in spans)
                    for e in f.evidence)
        )

    dropped = {f.id for f in fields if covered(f)}
    kept = [f for f in fields if f.id not in dropped] + added
    hits = [h for h in comp_hits if h.field_id not in dropped]
    hits += [CompetenceHit(f.code or "", f.confidence, f.id) for f in added]
    return kept, hits


CERTIFICATION_CATEGORIES = frozenset({"Certifications", "Habilitations"})


def _support_evidence(fields: list[Field], support: list[str]) -> list[Evidence]:
    """A métier's evidence: its job titles first, then its strongest competences."""
    by_id = {f.id: f for f in fields}
    ordered = sorted(
        (by_id[i] for i in support if i in by_id),
        key=lambda f: (f.kind != "appellation", -f.confidence),
    )
    out: list[Evidence] = []
    seen: set[tuple[int, int]] = set()
    for f in ordered:
        for e in f.evidence[:1]:
            if (e.start, e.end) not in seen:
                seen.add((e.start, e.end))
                out.append(e)
    return out[:MAX_EVIDENCE]


def _dedupe(evidence: Iterable[Evidence]) -> list[Evidence]:
    seen: dict[tuple[int, int], Evidence] = {}
    for e in evidence:
        seen.setdefault((e.start, e.end), e)
    return sorted(seen.values(), key=lambda e: e.start)[:MAX_EVIDENCE]


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_BARE_CACES = re.compile(r"^CACES ([1-7][AB]?)$")  # R489's categories; R482/R486 use letters


def _nearby_year(lines: list[Line], i: int, masked: PrivacyResult, today: date) -> int | None:
    """The year of a diploma written on the line before or after it ("BSc in Computer
    Science" / "University of Leeds, 2014")."""
    for j in (i + 1, i - 1):
        if 0 <= j < len(lines):
            years = [int(y) for y in _YEAR.findall(masked.masked(lines[j]))]
            years = [y for y in years if y <= today.year + 1]
            if years and not find_diplomas(masked.masked(lines[j]), today=today):
                return max(years)
    return None


def _licence_code(code: str) -> str | None:
    """Normalised licence code, or None for what is not a licence (a CQP is a diploma)."""
    if code.startswith("CQP"):
        return None
    bare = _BARE_CACES.match(code)
    return f"CACES R489 {bare.group(1)}" if bare else code


def _fact_fields(
    sections: list[Section], privacy: PrivacyResult, today: date, new_id: _Ids
) -> Iterable[Field]:
    languages: dict[str, Field] = {}
    diplomas: dict[tuple[str, int | None], Field] = {}
    licences: dict[str, Field] = {}
    for section in sections:
        for i, line in enumerate(section.lines):
            kind = section.kind_of(line)
            text = privacy.masked(line)
            if not text.strip():
                continue
            factor = SECTION_FACTOR.get(kind, 0.8)
            if kind in FACT_SECTIONS["language"]:
                for f in find_languages(text, section_hint=kind):
                    conf = round(
                        (0.95 if kind == "languages" else 0.85) * min(1.0, factor + 0.2), 4
                    )
                    ev = _evidence((line, f.start, f.end), text)
                    old = languages.get(f.code)
                    if old is None or (old.level is None and f.level is not None):
                        languages[f.code] = Field(
                            id="", kind="language", code=f.code, label=f.text, level=f.level,
                            confidence=conf, method="language", evidence=[ev],
                        )  # fmt: skip
            if kind in FACT_SECTIONS["diploma"]:
                for d in find_diplomas(text, today=today, section_hint=kind):
                    if d.in_progress:
                        continue  # a diploma being prepared is not held yet
                    year = d.year
                    if year is None and kind in ("education", "certifications"):
                        year = _nearby_year(section.lines, i, privacy, today)
                    same = [k for k in diplomas if k[0] == d.label and (
                        k[1] is None or year is None or k[1] == year)]
                    if same and (year is None or diplomas[same[0]].year is not None):
                        continue  # one field per diploma; the mention with a year wins
                    for k in same:
                        del diplomas[k]
                    diplomas[(d.label, year)] = Field(
                        id="", kind="diploma", code=d.label, label=d.name, level=d.level,
                        year=year, confidence=0.9 if kind == "education" else 0.8,
                        method="diploma", evidence=[_evidence((line, d.start, d.end), text)],
                    )  # fmt: skip
            if kind in FACT_SECTIONS["licence"]:
                for lic in find_licences(text, section_hint=kind):
                    code = _licence_code(lic.code)
                    if lic.in_progress or code is None or code in licences:
                        continue  # a licence being prepared is not held yet
                    licences[code] = Field(
                        id="", kind="licence", code=code, label=lic.text,
                        confidence=0.9 if kind in ("licences", "certifications") else 0.8,
                        method=lic.kind, evidence=[_evidence((line, lic.start, lic.end), text)],
                    )  # fmt: skip
    # "IRVE" and "IRVE 2" on one CV are one qualification: keep the precise one.
    for code in [c for c in licences if any(o.startswith(c + " ") for o in licences)]:
        del licences[code]
    for group in (languages, diplomas, licences):
        for f in group.values():
            f.id = new_id()
            yield f
