"""Matcher behaviour on the shipped referential, one phenomenon per test."""

from __future__ import annotations

import pytest

from cvparse.engine.match.matcher import resolve
from cvparse.engine.phrases import Phrase
from cvparse.engine.pipeline import Pipeline
from cvparse.engine.referential import Item, Metier, Referential


def _match(pipeline: Pipeline, text: str, section: str = "experience", title: bool = False):
    return resolve(pipeline.matcher.scored([Phrase(text, 0, 1, section, title_like=title)]))


def _labels(pipeline: Pipeline, matches) -> list[str]:
    ref = pipeline.referential
    return [
        ref.appellations[m.target_id].label
        if m.target_type == "appellation"
        else ref.items[m.target_id].label
        for m in matches
    ]


@pytest.mark.parametrize("title", ["Aide-soignante", "aide soignant", "AIDE-SOIGNANTES"])
def test_job_title_in_any_gender_case_or_number(pipeline: Pipeline, title: str) -> None:
    matches = _match(pipeline, title, title=True)
    assert [m.target_type for m in matches] == ["appellation"]
    app = pipeline.referential.appellations[matches[0].target_id]
    assert app.metier_code == "J1501"
    assert matches[0].score == 1.0


def test_masculine_and_feminine_titles_give_the_same_appellation(pipeline: Pipeline) -> None:
    (m1,) = _match(pipeline, "Serveur", title=True)
    (m2,) = _match(pipeline, "Serveuse", title=True)
    assert m1.target_id == m2.target_id


def _tiny(*labels: str) -> Pipeline:
    """A referential of a few official-style labels and no synonyms."""
    ref = Referential("tiny", "1", "x")
    ref.metiers["I1304"] = Metier("I1304", "Technicien / Technicienne de maintenance")
    for n, label in enumerate(labels):
        ref.items[str(n)] = Item(str(n), label, "savoir-faire")
    return Pipeline(ref)


def test_short_cv_phrase_matches_long_rome_label() -> None:
    pipeline = _tiny(
        "Réaliser la maintenance préventive des équipements",
        "Réaliser la maintenance corrective des équipements",
        "Préparer les équipements de chantier",
    )
    (m,) = _match(pipeline, "maintenance préventive")
    assert m.target_id == "0" and m.method == "partial"
    assert 0.62 <= m.score < 1.0


def test_noun_phrase_matches_verb_label(pipeline: Pipeline) -> None:
    labels = _labels(pipeline, _match(pipeline, "Gestion des stocks"))
    assert labels == ["Gérer les stocks"]


def test_elision_and_accents(pipeline: Pipeline) -> None:
    assert _labels(pipeline, _match(pipeline, "gerer l'accueil telephonique")) == _labels(
        pipeline, _match(pipeline, "Gérer l'accueil téléphonique")
    )


def test_lone_generic_word_yields_nothing(pipeline: Pipeline) -> None:
    for word in ("gestion", "suivi", "Compétences", "travail"):
        assert _match(pipeline, word) == []


def test_job_word_in_a_task_is_not_a_job_held(pipeline: Pipeline) -> None:
    matches = _match(pipeline, "Encadrement des serveurs", title=False)
    assert all(m.target_type != "appellation" for m in matches)


def test_one_phrase_one_item_unless_it_holds_several(pipeline: Pipeline) -> None:
    matches = _match(pipeline, "Gestion des stocks")
    assert len(matches) == 1


def test_matches_carry_evidence_offsets(pipeline: Pipeline) -> None:
    text = "• Gestion des stocks"
    (m,) = resolve(pipeline.matcher.scored([Phrase(text, 100, 2, "skills")]))
    assert m.start >= 100 and m.end <= 100 + len(text)
    assert m.phrase.page == 2


def test_plural_and_number() -> None:
    pipeline = _tiny("Réaliser un pansement", "Poser une perfusion")
    (m,) = _match(pipeline, "Réalisation de pansements")
    assert m.target_id == "0"


def test_abbreviation_through_a_synonym() -> None:
    ref = Referential("tiny", "1", "x")
    ref.items["1"] = Item(
        "1", "Sauveteur Secouriste du Travail", "savoir", synonyms=("SST", "S.S.T.")
    )
    ref.items["2"] = Item("2", "Certificat d'aptitude à la conduite en sécurité R489", "savoir",
                          synonyms=("CACES R489",))
    pipeline = Pipeline(ref)
    assert [m.target_id for m in _match(pipeline, "SST", "certifications")] == ["1"]
    assert [m.target_id for m in _match(pipeline, "S.S.T. à jour", "skills")] == ["1"]
    (m,) = _match(pipeline, "CACES R489 cat. 3", "certifications")
    assert m.target_id == "2" and m.method == "synonym"


def test_gendered_forms_of_a_job_title_meet_one_appellation() -> None:
    from cvparse.engine.referential import Appellation, split_gender_forms

    ref = Referential("tiny", "1", "x")
    ref.metiers["G1803"] = Metier("G1803", "Serveur / Serveuse en restauration")
    label = "Chef / Cheffe de rang"
    masc, fem = split_gender_forms(label)
    ref.appellations["1"] = Appellation("1", label, masc, fem, "G1803")
    pipeline = Pipeline(ref)
    for text in ("Chef de rang", "Cheffe de rang", "CHEFFE DE RANG", "chefs de rang"):
        (m,) = _match(pipeline, text, title=True)
        assert (m.target_id, m.score) == ("1", 1.0), text


def test_macro_competence_when_no_precise_item_clears() -> None:
    ref = Referential("tiny", "1", "x")
    ref.items["M"] = Item("M", "Gérer les stocks", "macro")
    ref.items["1"] = Item("1", "Réaliser un inventaire tournant des produits frais", "savoir-faire",
                          macro_id="M")
    ref.items["2"] = Item("2", "Définir les seuils de réapprovisionnement automatique",
                          "savoir-faire", macro_id="M")
    pipeline = Pipeline(ref)
    (m,) = _match(pipeline, "Gestion des stocks en réserve")
    assert m.target_id == "M"
    (precise,) = _match(pipeline, "Inventaire tournant des produits frais")
    assert precise.target_id == "1"


def test_the_same_words_never_yield_two_items_across_overlapping_phrases() -> None:
    pipeline = _tiny("Préparer les commandes", "Préparer les commandes et gérer les stocks")
    line = "Préparation des commandes, gestion des stocks"
    phrases = [
        Phrase(line, 0, 1, "experience"),
        Phrase("Préparation des commandes", 0, 1, "experience"),
        Phrase("gestion des stocks", 27, 1, "experience"),
    ]
    matches = resolve(pipeline.matcher.scored(phrases))
    words: list[int] = [w for m in matches for w in m.words]
    assert len(words) == len(set(words)), matches
