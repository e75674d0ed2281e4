"""Métier ranking: titles weigh most, recent jobs more than old ones, skills add support."""

from __future__ import annotations

from cvparse.engine.match.metiers import AppellationHit, CompetenceHit, link_tables, rank_metiers
from cvparse.engine.referential import Appellation, Item, Link, Metier, Referential


def _ref() -> Referential:
    ref = Referential("tiny", "1", "x")
    for code, title in (("G1803", "Serveur"), ("G1602", "Commis de cuisine"),
                        ("D1106", "Vendeur")):
        ref.metiers[code] = Metier(code, title)
    ref.appellations["a1"] = Appellation("a1", "Serveur / Serveuse", "Serveur", "Serveuse",
                                         "G1803")
    ref.appellations["a2"] = Appellation("a2", "Commis de cuisine", "Commis de cuisine",
                                         "Commis de cuisine", "G1602")
    for n in range(6):
        ref.items[f"i{n}"] = Item(f"i{n}", f"skill {n}", "savoir-faire")
    ref.links = [Link("G1602", f"i{n}", core=True) for n in range(3)] + [
        Link("D1106", f"i{n}") for n in range(3, 6)
    ]
    return ref


def _rank(ref, apps, comps):
    by_item, counts = link_tables(ref)
    return rank_metiers(ref, apps, comps, by_item, counts)


def test_a_job_title_outweighs_a_few_skills() -> None:
    ref = _ref()
    ranked = _rank(ref, [AppellationHit("a1", 0.99, "f1")],
                   [CompetenceHit(f"i{n}", 0.9, f"c{n}") for n in range(3, 5)])
    assert ranked[0].code == "G1803"
    assert ranked[0].support == ["f1"]


def test_recent_job_outranks_old_one() -> None:
    ref = _ref()
    ranked = _rank(ref, [AppellationHit("a1", 0.99 * 0.6, "old"),
                         AppellationHit("a2", 0.99, "recent")], [])
    assert [r.code for r in ranked[:2]] == ["G1602", "G1803"]


def test_skills_alone_can_propose_a_metier_and_say_which() -> None:
    ref = _ref()
    ranked = _rank(ref, [], [CompetenceHit(f"i{n}", 0.9, f"c{n}") for n in range(3)])
    assert ranked[0].code == "G1602" and ranked[0].from_titles == 0
    assert ranked[0].support == ["c0", "c1", "c2"]
    assert 0 < ranked[0].confidence < 1


def test_one_weak_skill_proposes_nothing() -> None:
    assert _rank(_ref(), [], [CompetenceHit("i3", 0.3, "c3")]) == []
