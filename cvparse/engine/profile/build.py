"""Turn matches into the draft's fields — job titles, their experiences, competences, métiers —
and gather the fact fields (`cvparse.engine.facts.fields`) with them, each with evidence.

Confidence here is a heuristic from the match score and where the phrase stood (a skill used in
a job is surer than one listed under hobbies); the confidence stage
(`cvparse.engine.profile.confidence`) later lowers OCR'd fields and calibrates it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from cvparse.engine.document import Line
from cvparse.engine.facts.fields import fact_fields, merge_certifications, reported_elsewhere
from cvparse.engine.facts.models import Period
from cvparse.engine.facts.periods import experience_periods, total_months
from cvparse.engine.match.context import context_metiers, in_context
from cvparse.engine.match.matcher import Match
from cvparse.engine.match.metiers import AppellationHit, CompetenceHit, LinkTables, rank_metiers
from cvparse.engine.privacy import PrivacyResult
from cvparse.engine.profile.confidence import section_factor
from cvparse.engine.profile.models import Evidence, Field
from cvparse.engine.referential import Referential
from cvparse.engine.sections import Section

TITLE_FACTOR = 1.0  # appellation found on a job-title line
OTHER_TITLE_FACTOR = 0.75  # appellation in the headline / profile text
RECENT_YEARS = 5  # jobs that ended within this many years weigh fully
OLD_JOB_FACTOR = 0.6  # weight of a job that ended long ago, in métier ranking
PERIOD_LOOKAROUND = 2  # lines around a job title where its dates may sit
MAX_EVIDENCE = 5
MIN_COMPETENCE_CONFIDENCE = 0.65  # below this a competence is not proposed at all
# A métier's `method` when job titles support it, strongest first: a title held (with its
# skills), only the job the CV seeks, only the trade its diploma names.
_HELD = "appellation+competences"
_SOUGHT = ("target", "study")
_ORIGINS = (_HELD, *_SOUGHT)


class _Ids:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        return f"f{self.n}"


def _evidence(m: Match) -> Evidence:
    return Evidence(
        page=m.phrase.page,
        start=m.phrase.start,
        end=m.phrase.start + len(m.phrase.text),
        text=m.phrase.text,
        section=m.phrase.section,
    )


def build_fields(
    referential: Referential,
    links: LinkTables,
    sections: list[Section],
    privacy: PrivacyResult,
    matches: list[Match],
    today: date,
) -> tuple[list[Field], int | None]:
    """The draft's fields — métiers first, then job titles, competences, experiences and
    facts — and the total months of work, from the matches and the minimised text."""
    ref = referential
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
        jobs = [line for line in section.lines if section.kind_of(line) == "experience"]
        read = experience_periods([privacy.masked(line) for line in jobs], today)
        for line, found in zip(jobs, read, strict=True):
            if found:
                periods_at[line.start] = found
                work_periods.extend(found)

    # Appellations.
    by_app: dict[str, list[Match]] = defaultdict(list)
    for m in matches:
        if m.target_type == "appellation":
            by_app[m.target_id].append(m)
    # The trade a diploma names is the CV's job only when it names no job held or sought (a
    # student, a young graduate); otherwise it is history, not a target.
    if any(not m.phrase.study for found in by_app.values() for m in found):
        held = {k: [m for m in found if not m.phrase.study] for k, found in by_app.items()}
        by_app = {k: found for k, found in held.items() if found}
    app_hits: list[AppellationHit] = []
    # Where each métier's job titles came from, the strongest kept: a title held, else the
    # job the CV seeks, else the trade its diploma names.
    metier_sources: dict[str, str] = {}
    experience_fields: list[Field] = []
    for app_id, found in sorted(by_app.items(), key=lambda kv: -max(m.score for m in kv[1])):
        app = ref.appellations[app_id]
        best = max(found, key=lambda m: m.score)
        # A diploma's trade is not a title line (its matches stand alone: see above).
        title = any(m.phrase.title_like and not m.phrase.study for m in found)
        conf = round(min(0.99, best.score * (TITLE_FACTOR if title else OTHER_TITLE_FACTOR)), 4)
        # A job only sought, or only studied for, is explained as such.
        if all(m.phrase.study for m in found):
            source = "study"
        elif all(m.phrase.target for m in found):
            source = "target"
        else:
            source = best.method
        known = metier_sources.get(app.metier_code)
        origin = source if source in _SOUGHT else _HELD
        if known is None or _ORIGINS.index(origin) < _ORIGINS.index(known):
            metier_sources[app.metier_code] = origin
        field_id = new_id()
        fields.append(
            Field(
                id=field_id,
                kind="appellation",
                code=app.id,
                label=app.label,
                metier=app.metier_code,
                confidence=conf,
                method=source,
                evidence=_dedupe([_evidence(m) for m in found]),
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
        conf = max(m.score * section_factor(m.phrase.section) for m in found)
        if len({m.phrase.start for m in found}) > 1:  # seen in several places: surer
            conf = min(0.99, conf + 0.05)
        raw_conf[item_id] = conf
    # Context: the métiers the CV points to decide which skills are read (see below).
    # ("change" is a nappy in a care CV, a currency in a bank clerk's).
    context = context_metiers(
        ref, links, app_hits, [CompetenceHit(i, c, "") for i, c in raw_conf.items()]
    )
    comp_hits: list[CompetenceHit] = []
    for item_id, found in sorted(by_item.items(), key=lambda kv: -max(m.score for m in kv[1])):
        item = ref.items[item_id]
        conf = raw_conf[item_id]
        item_links = links.links_by_item.get(item_id)
        best = max(found, key=lambda m: m.score)
        if context and item_links and not in_context(item_links, context):
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
                evidence=_dedupe([_evidence(m) for m in found]),
            )
        )
        comp_hits.append(CompetenceHit(item_id, conf, field_id))

    facts = list(fact_fields(sections, privacy, today, new_id))
    fields, facts, certifications = merge_certifications(ref, facts, fields, new_id)
    if certifications:
        kept = {f.id for f in fields}
        comp_hits = [h for h in comp_hits if h.field_id in kept]
        comp_hits += [CompetenceHit(f.code or "", f.confidence, f.id) for f in certifications]

    # Métiers, ranked from titles and competences; placed first in the draft.
    ranked = rank_metiers(ref, app_hits, comp_hits, links.links_by_item, links.link_counts)
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
                method=metier_sources.get(r.code, _HELD) if r.from_titles else "competences",
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
