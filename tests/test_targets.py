"""The job a CV seeks, read from its objective sentence, and the headings under which students
list their placements and summer jobs."""

from __future__ import annotations

from datetime import date

import pytest

from cvparse.engine.pipeline import Pipeline
from cvparse.engine.sections import heading_kind
from cvparse.engine.targets import study_spans, target_spans


@pytest.mark.parametrize(
    ("line", "jobs"),
    [
        ("À la recherche d'une alternance en tant que vendeuse à Nantes dès septembre",
         ["vendeuse"]),
        ("Objectif : poste de conducteur de travaux", ["conducteur de travaux"]),
        ("Je recherche un contrat de professionnalisation de 12 mois comme assistante RH.",
         ["assistante RH"]),
        ("Projet professionnel : devenir aide-soignante", ["aide-soignante"]),
        ("Souhaite me reconvertir comme agent de sécurité", ["agent de sécurité"]),
        ("Poste recherché : Développeur web / Développeuse full stack",
         ["Développeur web", "Développeuse full stack"]),
        ("Jeune diplômé à la recherche d'un premier emploi en menuiserie ou en agencement",
         ["menuiserie", "agencement"]),
        ("Seeking an internship as a data analyst from June 2027", ["data analyst"]),
        ("Looking for a full-time position as a warehouse team leader in Lyon",
         ["warehouse team leader"]),
        ("Currently seeking a communications officer or press officer role",
         ["communications officer", "press officer"]),
        ("Aspiring UX designer", ["UX designer"]),
    ],
)
def test_the_job_sought_is_cut_out_of_its_sentence(line: str, jobs: list[str]) -> None:
    found = target_spans(line)
    assert [job for _, job in found] == jobs
    for start, job in found:
        assert line[start : start + len(job)] == job  # offsets point at the evidence


@pytest.mark.parametrize(
    "line",
    [
        "Recherche de fournisseurs et négociation des prix",
        "Recherche documentaire et veille réglementaire",
        "Objectifs commerciaux atteints à 120 %",
        "Accueil et orientation des patients",
    ],
)
def test_a_line_that_seeks_no_job_gives_none(line: str) -> None:
    assert target_spans(line) == []


@pytest.mark.parametrize(
    "heading",
    ["Stages en entreprise (PFMP)", "Jobs d'été", "Internships", "Expériences de stage",
     "Stages et jobs étudiants", "Expérience en alternance"],
)
def test_placements_and_summer_jobs_are_experience(heading: str) -> None:
    assert heading_kind(heading, emphasised=True) == "experience"


def test_a_wrapped_parenthesis_is_not_a_heading() -> None:
    # "BTS … (en" / "alternance)": the second half of a wrapped diploma line.
    assert heading_kind("alternance)") is None


CV = """Camille Petit
Étudiante en BTS, à la recherche d'une alternance en tant que préparatrice de commandes.

Formation
2025 – 2027 BTS Management commercial opérationnel, lycée Jean Moulin

Compétences
Gestion des stocks, inventaires, accueil des clients
"""


def test_a_student_without_job_titles_gets_the_metier_she_seeks(pipeline: Pipeline) -> None:
    draft = pipeline.parse(CV.encode(), "cv.txt", today=date(2026, 11, 23))
    sought = [f for f in draft.of_kind("appellation") if f.method == "target"]
    assert sought, [(f.label, f.method) for f in draft.of_kind("appellation")]
    assert all("préparat" in f.label.lower() for f in sought)
    assert any(e.text == "préparatrice de commandes" for f in sought for e in f.evidence)
    metiers = draft.of_kind("metier")
    assert metiers and metiers[0].method == "target"
    assert metiers[0].code in {f.metier for f in sought}
    # The job sought is not a skill held.
    assert not any(
        e.text == "préparatrice de commandes"
        for f in draft.of_kind("competence") for e in f.evidence
    )


def test_a_job_held_is_explained_as_held_even_when_also_sought(pipeline: Pipeline) -> None:
    job = "Expérience\n2024 – 2025 Préparatrice de commandes, Logistique Ouest\n\n"
    cv = CV.replace("Compétences", job + "Compétences")
    draft = pipeline.parse(cv.encode(), "cv.txt", today=date(2026, 11, 23))
    held = [f for f in draft.of_kind("appellation") if "préparat" in f.label.lower()]
    assert held and all(f.method != "target" for f in held)
    assert draft.of_kind("metier")[0].method == "appellation+competences"


@pytest.mark.parametrize(
    ("line", "trade"),
    [
        ("2024 – CAP Menuisier fabricant (obtenu pendant le bac pro)", "Menuisier fabricant"),
        ("2019 Diplôme d'État d'infirmier", "infirmier"),
        ("Titre professionnel Préparateur de commandes (2021)", "Préparateur de commandes"),
        ("DE Auxiliaire de puériculture – IFAP Lyon", "Auxiliaire de puériculture"),
        ("Brevet professionnel Boulanger, 2018", "Boulanger"),
        ("2013 — BTS Maintenance des systèmes, option production", "Maintenance des systèmes"),
    ],
)
def test_a_diplomas_speciality_is_read_as_a_trade(line: str, trade: str) -> None:
    assert [t for _, t in study_spans(line)] == [trade]


STUDENT = """Lou Bernard
Formation
2026 – CAP Menuisier fabricant, CFA du bâtiment
Compétences
Lecture de plans, débit et usinage, assemblage de caissons
"""


def test_a_cv_naming_only_its_diploma_gets_the_metier_it_trains_for(pipeline: Pipeline) -> None:
    draft = pipeline.parse(STUDENT.encode(), "cv.txt", today=date(2026, 11, 23))
    studied = [f for f in draft.of_kind("appellation") if f.method == "study"]
    assert studied and all("menuisier" in f.label.lower() for f in studied)
    metiers = draft.of_kind("metier")
    assert metiers[0].method == "study" and metiers[0].code in {f.metier for f in studied}


def test_a_diplomas_trade_is_history_once_a_job_is_held(pipeline: Pipeline) -> None:
    cv = STUDENT.replace("Compétences", "Expérience\n2026 – Agent de propreté, Net Services\n"
                                        "Compétences")
    draft = pipeline.parse(cv.encode(), "cv.txt", today=date(2026, 11, 23))
    assert draft.of_kind("appellation")
    assert all(f.method != "study" for f in draft.of_kind("appellation"))
    assert all("menuisier" not in f.label.lower() for f in draft.of_kind("appellation"))
