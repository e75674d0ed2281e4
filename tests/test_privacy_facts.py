"""A line of personal data often carries facts too ("Née le … – Divorcée – Permis B, véhicule
personnel"): the personal data is masked, the licences, the vehicle, the languages and a job
title standing in a segment of its own stay, so that the draft still gets them."""

from __future__ import annotations

from datetime import date

import pytest

from cvparse.engine.document import DocumentBuilder
from cvparse.engine.match.normalise import KnownWords
from cvparse.engine.pipeline import Pipeline
from cvparse.engine.privacy import detect_and_mask
from cvparse.engine.sections import split_sections

VOCABULARY = {"soudeur", "formateur", "adultes", "aide", "domicile", "tours", "agent"}


def _masked(lines: list[str]) -> tuple[str, dict[str, int]]:
    builder = DocumentBuilder("txt")
    for line in lines:
        builder.add_line(line)
    doc = builder.build()
    result = detect_and_mask(doc, split_sections(doc), KnownWords(VOCABULARY))
    return result.masked_text, result.excluded


@pytest.mark.parametrize(
    ("line", "kept", "secrets"),
    [
        (
            "Né le 14/05/1987 à Tulle – Célibataire – Permis B, C et CE – véhiculé",
            ["Permis B, C et CE", "véhiculé"],
            ["14/05/1987", "Tulle", "Célibataire"],
        ),
        (
            "Nationalité tunisienne · permis B · arabe et français courants",
            ["permis B", "arabe et français courants"],
            ["tunisienne", "Nationalité"],
        ),
        (
            "Date de naissance : 03/02/1979, mariée, 2 enfants, véhicule personnel",
            ["véhicule personnel"],
            ["03/02/1979", "mariée", "2 enfants"],
        ),
        (
            "Born 12 March 1990 | Married | Full clean driving licence",
            ["Full clean driving licence"],
            ["12 March 1990", "Married"],
        ),
        (
            "Soudeur — 41 ans — pacsé — habilitation H0B0",
            ["Soudeur", "habilitation H0B0"],
            ["41 ans", "pacsé"],
        ),
    ],
)
def test_facts_on_a_personal_line_are_kept(line: str, kept: list[str], secrets: list[str]) -> None:
    text, excluded = _masked(["Marie DUPONT", line, "Expérience", "Vendeuse 2019 – 2021"])
    for fact in kept:
        assert fact in text
    for secret in secrets:
        assert secret not in text
    assert excluded  # the categories are still counted


def test_a_licence_in_progress_is_not_kept_without_its_in_progress() -> None:
    text, _ = _masked(["Marie DUPONT", "Née le 02/02/2002 – Permis B en cours"])
    assert "Permis B" not in text  # kept alone, it would read as held


def test_a_town_or_a_name_is_not_taken_for_a_job_title() -> None:
    text, _ = _masked(["Marie DUPONT", "Née le 02/02/1990 – Tours – Mariée – Jean Dupuis"])
    assert "Tours" not in text and "Jean" not in text and "Dupuis" not in text


def test_health_lines_still_go_whole() -> None:
    text, _ = _masked(["Marie DUPONT", "Travailleuse handicapée (RQTH) – permis B"])
    assert "permis B" not in text


def test_the_draft_gets_the_licence_and_no_personal_data(pipeline: Pipeline, today: date) -> None:
    cv = [
        "Karima HADDOU",
        "Aide à domicile",
        "06 00 00 11 22 · karima.haddou@example.org",
        "Née le 08/09/1972 – Nationalité française – Divorcée – Permis B, véhiculée – "
        "anglais courant",
        "EXPÉRIENCE",
        "2015 - 2024 : Aide à domicile, Association ADMR",
        "- Aide à la toilette et aux repas de personnes âgées",
    ]
    builder = DocumentBuilder("txt")
    for line in cv:
        builder.add_line(line)
    draft = pipeline.parse_document(builder.build(), b"cv", "cv.txt", today=today)
    assert [f.code for f in draft.of_kind("licence")] == ["B"]
    assert [(f.code, f.level) for f in draft.of_kind("language")] == [("en", "C1")]
    evidence = " ".join(e.text for f in draft.fields for e in f.evidence)
    for secret in ("Karima", "HADDOU", "1972", "française", "Divorcée", "example.org"):
        assert secret not in evidence
    assert {"birth_date", "nationality", "family_status"} <= set(draft.excluded)


def test_an_address_segment_is_not_taken_for_a_job_title() -> None:
    text, _ = _masked(["Marie DUPONT", "Née le 02/02/1990 – Résidence Les Soudeurs – Mariée"])
    assert "Résidence" not in text and "Soudeurs" not in text
