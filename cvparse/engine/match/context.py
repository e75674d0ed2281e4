"""The métiers that set a CV's context, and what that context does to reading it.

Words mean different things in different trades: "SSI" is fire safety for a security guard and
information security for an engineer, "change" is a nappy in a care CV and a currency in a bank
clerk's. The few métiers a CV points to most — its context — decide between readings of the
same words while matching (`match_in_context`), and which skills are proposed when the draft's
fields are built (`cvparse.engine.profile.build`). Both moments ask `context_metiers`, so the
rule and its size are stated once.

They ask it of different evidence: while matching, every reading at its raw score; when
building, one hit per skill weighted by where it stood, and job titles by how recent they are.
Measured on the sample CVs, the two contexts differ on 17 of 41, so both rankings are needed;
the matcher's second pass is skipped only where it provably changes nothing (no context).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from cvparse.engine.match.matcher import Match, Matcher, Ranker, resolve
from cvparse.engine.match.metiers import AppellationHit, CompetenceHit, LinkTables, rank_metiers
from cvparse.engine.phrases import Phrase
from cvparse.engine.referential import Referential

CONTEXT_METIERS = 3  # métiers that set the context in which skills are read
CONTEXT_BONUS = 0.05  # edge, in score, of a skill of those métiers over another reading


def context_metiers(
    referential: Referential,
    links: LinkTables,
    appellations: list[AppellationHit],
    competences: list[CompetenceHit],
) -> frozenset[str]:
    """The CONTEXT_METIERS métiers that job titles and skills point to most (none when nothing
    points anywhere)."""
    ranked = rank_metiers(
        referential, appellations, competences, links.links_by_item, links.link_counts,
        with_support=False,
    )
    return frozenset(r.code for r in ranked[:CONTEXT_METIERS])


def in_context(item_links: Iterable[tuple[str, float]], context: frozenset[str]) -> bool:
    """A skill of one of the context métiers (`item_links`: its entry in `links_by_item`)."""
    return any(code in context for code, _ in item_links)


def context_rank(referential: Referential, links: LinkTables, context: frozenset[str]) -> Ranker:
    """Rank readings by score, with an edge to those that fit the context: the skills of its
    métiers, and the job titles of its métiers."""
    by_item = links.links_by_item
    appellations = referential.appellations

    def rank(m: Match) -> float:
        if m.target_type == "item":
            fits = in_context(by_item.get(m.target_id, ()), context)
        else:
            fits = appellations[m.target_id].metier_code in context
        return m.score + CONTEXT_BONUS if fits else m.score

    return rank


def match_in_context(
    matcher: Matcher, referential: Referential, links: LinkTables, phrases: Sequence[Phrase]
) -> list[Match]:
    """Two passes: the first reading says which métiers the CV points to; the second prefers,
    between readings of the same words, the skills of those métiers. With no context the
    second pass would rank exactly as the first, so it is not run."""
    scored = matcher.scored(phrases)
    first = resolve(scored)
    context = context_metiers(
        referential,
        links,
        [AppellationHit(m.target_id, m.score, "") for m in first if m.target_type == "appellation"],
        [CompetenceHit(m.target_id, m.score, "") for m in first if m.target_type == "item"],
    )
    if not context:
        return first
    return resolve(scored, rank=context_rank(referential, links, context))
