"""Minimisation: each category of personal data is found, masked and only counted."""

from __future__ import annotations

import pytest

from cvparse.engine.document import DocumentBuilder
from cvparse.engine.match.normalise import KnownWords
from cvparse.engine.privacy import detect_and_mask
from cvparse.engine.sections import split_sections


def _mask(lines: list[str]):
    b = DocumentBuilder("txt")
    for line in lines:
        b.add_line(line)
    doc = b.build()
    return doc, detect_and_mask(doc, split_sections(doc), KnownWords({"developpeur", "web"}))


@pytest.mark.parametrize(
    ("line", "secret", "category"),
    [
        ("Contact : marie.dupont@example.org", "marie.dupont@example.org", "contact"),
        ("Tél. 06 12 34 56 78", "06 12 34 56 78", "contact"),
        ("Tel: +33 6 12 34 56 78", "+33 6 12 34 56 78", "contact"),
        ("12 rue des Lilas", "rue des Lilas", "contact"),
        ("69003 Lyon", "Lyon", "contact"),
        ("linkedin.com/in/marie-dupont", "marie-dupont", "contact"),
        ("Née le 12/03/1988 à Lille", "12/03/1988", "birth_date"),
        ("Date de naissance : 01/02/1990", "01/02/1990", "birth_date"),
        ("35 ans", "35 ans", "birth_date"),
        ("Nationalité : française", "française", "nationality"),
        ("Mariée, 2 enfants", "2 enfants", "family_status"),
        ("Célibataire", "Célibataire", "family_status"),
        ("Mme Marie Durand", "Mme", "gender"),
        ("Travailleuse handicapée (RQTH)", "RQTH", "health"),
        ("N° SS : 2 88 03 69 123 456 78", "123 456", "identity"),
        ("Chorale de la paroisse Saint-Jean", "paroisse", "religion"),
        ("Déléguée syndicale CGT", "CGT", "union_membership"),
    ],
)
def test_each_category_is_masked_and_counted(line: str, secret: str, category: str) -> None:
    doc, result = _mask(["Marie DUPONT", line, "Expérience", "Vendeuse 2019 – 2021"])
    assert secret not in result.masked_text
    assert result.excluded.get(category, 0) >= 1
    assert len(result.masked_text) == len(doc.text)


def test_name_is_masked_everywhere_it_appears() -> None:
    _doc, result = _mask(["Marie DUPONT", "Expérience", "Vendeuse", "Références : DUPONT Marie"])
    assert "DUPONT" not in result.masked_text and "Marie" not in result.masked_text
    assert result.excluded["identity"] >= 1


def test_job_headline_is_not_taken_for_a_name() -> None:
    _, result = _mask(["Développeur Web", "Expérience", "Développeur web 2020 – 2023"])
    assert "Développeur Web" in result.masked_text
    assert "identity" not in result.excluded


def test_years_of_experience_are_not_an_age() -> None:
    _, result = _mask(["Marie DUPONT", "Profil", "10 ans d'expérience en restauration"])
    assert "10 ans d'expérience" in result.masked_text


def test_professional_handicap_field_is_kept() -> None:
    _, result = _mask(
        ["Marie DUPONT", "Expérience", "Accompagnement de personnes en situation de handicap"]
    )
    assert "situation de handicap" in result.masked_text
    assert "health" not in result.excluded


def test_photo_is_counted_from_images() -> None:
    b = DocumentBuilder("pdf")
    b.add_line("Expérience")
    b.images = 1
    doc = b.build()
    result = detect_and_mask(doc, split_sections(doc))
    assert result.excluded["photo"] == 1


def test_a_name_after_a_civility_is_still_a_name() -> None:
    """"M. Julien MARTIN": "Julien" once became the cooking skill "julienne"."""
    for first in ("M. Julien MARTIN", "Monsieur Paul Durand", "Mme Julie MARTIN"):
        _, result = _mask([first, "Cuisinier", "Expérience", "Cuisinier 2016 – 2023"])
        assert first.split()[1] not in result.masked_text
        assert result.excluded.get("identity") == 1 and result.excluded.get("gender") == 1


@pytest.mark.parametrize(
    ("line", "secret", "category"),
    [
        ("Email: john.smith@example.com", "john.smith@example.com", "contact"),
        ("Phone: +44 7700 900123", "7700 900123", "contact"),
        ("Date of birth: 01/02/1990", "01/02/1990", "birth_date"),
        ("Nationality: British", "British", "nationality"),
        ("Married, 2 children", "2 children", "family_status"),
        ("Mrs Jane Smith", "Mrs", "gender"),
        ("Registered disabled worker", "disabled", "health"),
        ("Catholic choir volunteer", "Catholic", "religion"),
        ("Member of the Labour Party", "Labour", "political_opinion"),
        ("Trade union representative (Unite)", "union", "union_membership"),
    ],
)
def test_english_cvs_too(line: str, secret: str, category: str) -> None:
    _, result = _mask(["John SMITH", line, "Experience", "Welder 2019 – 2021"])
    assert secret not in result.masked_text
    assert result.excluded.get(category, 0) >= 1


@pytest.mark.parametrize(
    ("line", "secrets"),
    [
        ("Cité des Cheminots, 5 rue Pasteur, 59300 Valenciennes",
         ["Cheminots", "Pasteur", "Valenciennes"]),
        ("Quartier Bois-d'Inde, 97215 Rivière-Salée", ["Bois-d'Inde", "Rivière-Salée"]),
        ("Chemin Bœuf Mort, case 12, 97411 Saint-Paul", ["Bœuf Mort", "case 12", "Saint-Paul"]),
        ("Tribu de Saint-Louis, BP 123, 98810 Mont-Dore", ["Tribu", "BP 123", "Mont-Dore"]),
        ("Résidence Les Flamboyants, bâtiment C, 97150 Saint-Martin",
         ["Flamboyants", "bâtiment C", "Saint-Martin"]),
        ("Le Bourg, 50370 Brécey", ["Le Bourg", "Brécey"]),
    ],
)
def test_every_part_of_an_address_is_masked(line: str, secrets: list[str]) -> None:
    doc, result = _mask(["Alex Martin", line, "Expérience", "2020 – 2024 Serveur"])
    masked = result.masked(doc.lines[1])
    for secret in secrets:
        assert secret not in masked, (secret, masked)


def test_a_licence_on_the_address_line_stays_readable() -> None:
    doc, result = _mask(["Alex Martin", "Lieu-dit Kerhuel, 29200 Brest – Permis B – véhiculé"])
    masked = result.masked(doc.lines[1])
    assert "Kerhuel" not in masked and "Brest" not in masked
    assert "Permis B" in masked and "véhiculé" in masked
