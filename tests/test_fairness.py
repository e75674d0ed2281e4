"""Gender-, place- and origin-swapped twin CVs get the same competences and métiers on the
default referential (the full ROME 4.0, rome@460); `cvparse fairness` prints the pairs."""

from __future__ import annotations

from datetime import date

from typer.testing import CliRunner

from cvparse.cli import app
from cvparse.engine.pipeline import Pipeline
from cvparse.quality.fairness import check, pairs


def test_there_are_enough_pairs_of_each_kind() -> None:
    all_pairs = pairs()
    assert len(all_pairs) >= 20
    assert {p.swap for p in all_pairs} >= {"gender", "place", "origin", "origin_plain"}
    twin = next(p for p in all_pairs if p.template == "infirmier" and p.swap == "gender")
    assert "Infirmier" in twin.a and "Infirmière" in twin.b and "Mme" in twin.b
    place = next(p for p in all_pairs if p.swap == "place")
    assert "Lyon" in place.a and "Roubaix" in place.b
    # Every region of metropolitan France and every overseas territory, against a Paris suburb.
    regions = {p.swap.split(":", 1)[1] for p in all_pairs if p.swap.startswith("address:")}
    assert len(regions) >= 23
    assert {"martinique", "guadeloupe", "guyane", "la_reunion", "mayotte",
            "nouvelle_caledonie", "polynesie_francaise", "corse", "bretagne"} <= regions
    overseas = next(p for p in all_pairs if p.swap == "address:mayotte")
    assert "93200 Saint-Denis" in overseas.a and "97625" in overseas.b


def test_twins_get_the_same_competences_and_metiers(pipeline: Pipeline, today: date) -> None:
    results = check(pipeline, today)
    unfair = [(r.pair.template, r.pair.swap, r.competences[0] ^ r.competences[1],
               r.metiers[0] ^ r.metiers[1]) for r in results if not r.fair]
    assert not unfair
    assert all(r.competences[0] for r in results)  # the CVs do yield competences


def test_fairness_command() -> None:
    result = CliRunner().invoke(app, ["fairness"])
    assert result.exit_code == 0, result.output
    n = len(pairs())
    assert f"{n} of {n} pairs give the same competences and métiers" in result.stdout
