"""The CV's context: which métiers set it, and how it decides between readings of a word."""

from __future__ import annotations

from cvparse.engine.match.context import (
    CONTEXT_BONUS,
    CONTEXT_METIERS,
    context_metiers,
    context_rank,
    in_context,
    match_in_context,
)
from cvparse.engine.match.index import ReferentialIndex, TargetType
from cvparse.engine.match.matcher import Match, Matcher
from cvparse.engine.match.metiers import AppellationHit, CompetenceHit, link_tables
from cvparse.engine.phrases import Phrase
from cvparse.engine.referential import Appellation, Item, Link, Metier, Referential


def _ref() -> Referential:
    """"SSI" is information security (i1) for an engineer, fire safety (i2) for a guard."""
    ref = Referential("tiny", "1", "x")
    ref.metiers["K2503"] = Metier("K2503", "Sécurité et surveillance privées")
    ref.metiers["M1844"] = Metier("M1844", "Ingénieur en sécurité informatique")
    ref.appellations["a1"] = Appellation("a1", "Agent de sécurité", "Agent de sécurité",
                                         "Agente de sécurité", "K2503")
    ref.appellations["a2"] = Appellation("a2", "Ingénieur cybersécurité", "Ingénieur cybersécurité",
                                         "Ingénieure cybersécurité", "M1844")
    ref.items["i1"] = Item("i1", "Sécurité des systèmes d'information", "savoir",
                           synonyms=("SSI",))
    ref.items["i2"] = Item("i2", "Système de sécurité incendie", "savoir", synonyms=("SSI",))
    ref.links = [Link("M1844", "i1", core=True), Link("K2503", "i2", core=True)]
    return ref


def _ranking_ref(codes: int) -> Referential:
    ref = Referential("tiny", "1", "x")
    for n in range(codes):
        ref.metiers[f"M{n}"] = Metier(f"M{n}", f"métier {n}")
        ref.appellations[f"a{n}"] = Appellation(f"a{n}", f"titre {n}", "", "", f"M{n}")
    return ref


def test_the_context_is_the_few_metiers_pointed_to_most() -> None:
    ref = _ranking_ref(5)
    hits = [AppellationHit(f"a{n}", 0.5 + n / 10, "") for n in range(5)]
    context = context_metiers(ref, link_tables(ref), hits, [])
    assert CONTEXT_METIERS == 3
    assert context == frozenset({"M4", "M3", "M2"})


def test_no_context_when_nothing_points_anywhere() -> None:
    ref = _ref()
    weak = [CompetenceHit("i1", 0.5, "")]  # one skill is not support enough for a métier
    assert context_metiers(ref, link_tables(ref), [], weak) == frozenset()


def test_in_context_means_linked_to_a_context_metier() -> None:
    links = link_tables(_ref()).links_by_item
    assert in_context(links["i2"], frozenset({"K2503"}))
    assert not in_context(links["i1"], frozenset({"K2503"}))
    assert not in_context((), frozenset({"K2503"}))


def test_the_rank_gives_an_edge_to_skills_and_titles_of_the_context() -> None:
    ref = _ref()
    rank = context_rank(ref, link_tables(ref), frozenset({"K2503"}))
    phrase = Phrase("SSI", 0, 1, "skills")

    def match(kind: TargetType, target: str) -> Match:
        return Match(kind, target, 0.9, "synonym", phrase, 0, 3, "SSI")

    assert rank(match("item", "i2")) == 0.9 + CONTEXT_BONUS
    assert rank(match("appellation", "a1")) == 0.9 + CONTEXT_BONUS
    assert rank(match("item", "i1")) == 0.9
    assert rank(match("appellation", "a2")) == 0.9


def _read(ref: Referential, title: str | None) -> list[tuple[str, str]]:
    phrases = [Phrase("SSI", 40, 1, "skills")]
    if title:
        phrases.insert(0, Phrase(title, 0, 1, "header", title_like=True))
    matcher = Matcher(ReferentialIndex(ref))
    return [(m.target_type, m.target_id)
            for m in match_in_context(matcher, ref, link_tables(ref), phrases)]


def test_the_same_word_is_read_in_the_trade_of_the_cv() -> None:
    ref = _ref()
    assert _read(ref, "Agent de sécurité") == [("appellation", "a1"), ("item", "i2")]
    assert _read(ref, "Ingénieur cybersécurité") == [("appellation", "a2"), ("item", "i1")]
    assert _read(ref, None) == [("item", "i1")]  # no context: the first reading stands
