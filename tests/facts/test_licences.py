from __future__ import annotations

import pytest

from cvparse.engine.facts import LicenceFact, find_licences


def codes(line: str, section_hint: str | None = None) -> list[str]:
    found = find_licences(line, section_hint)
    for fact in found:
        assert line[fact.start : fact.end] == fact.text
    return [f.code for f in found]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Permis B", ["B"]),
        ("permis b", ["B"]),
        ("Permis : B", ["B"]),
        ("permis B + véhicule", ["B"]),
        ("Permis B - véhiculé", ["B"]),
        ("Permis B, C et CE", ["B", "C", "CE"]),
        ("Permis A2 et B", ["A2", "B"]),
        ("Permis AM", ["AM"]),
        ("Permis A", ["A"]),
        ("Permis A1", ["A1"]),
        ("Permis BE", ["BE"]),
        ("Permis EB", ["BE"]),
        ("Permis C1", ["C1"]),
        ("Permis C1E", ["C1E"]),
        ("Permis CE", ["CE"]),
        ("Permis D", ["D"]),
        ("Permis D1", ["D1"]),
        ("Permis DE", ["DE"]),
        ("Permis de conduire", ["B"]),
        ("Permis de conduire catégorie B", ["B"]),
        ("Permis cat. C", ["C"]),
        ("permis poids lourd", ["C"]),
        ("Permis PL", ["C"]),
        ("permis super lourd", ["CE"]),
        ("Permis SPL", ["CE"]),
        ("permis transport en commun", ["D"]),
        ("Permis moto", ["A"]),
        ("Driving licence (B)", ["B"]),
        ("Driving licence: B", ["B"]),
        ("Full UK driving licence", ["B"]),
        ("Full clean driving licence", ["B"]),
        ("Driver's license", ["B"]),
        ("FIMO marchandises", ["FIMO"]),
        ("FIMO voyageurs", ["FIMO"]),
        ("FCO", ["FCO"]),
        ("FIMO voyageurs, FCO marchandises", ["FIMO", "FCO"]),
    ],
)
def test_driving(line: str, expected: list[str]) -> None:
    assert codes(line) == expected
    assert all(f.kind == "driving" for f in find_licences(line))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("CACES R489 cat. 1, 3 et 5", ["CACES R489 1", "CACES R489 3", "CACES R489 5"]),
        ("CACES® R489 1A/3/5 (2019)", ["CACES R489 1A", "CACES R489 3", "CACES R489 5"]),
        ("CACES R.489 catégories 3 et 5", ["CACES R489 3", "CACES R489 5"]),
        ("CACES R389 3", ["CACES R389 3"]),
        ("CACES R389 cat 1, 3, 5", ["CACES R389 1", "CACES R389 3", "CACES R389 5"]),
        ("CACES R482 A, B1, C1", ["CACES R482 A", "CACES R482 B1", "CACES R482 C1"]),
        ("CACES R486 A et B", ["CACES R486 A", "CACES R486 B"]),
        ("CACES R490", ["CACES R490"]),
        ("CACES R485 cat 1 et 2", ["CACES R485 1", "CACES R485 2"]),
        ("CACES", ["CACES"]),
        ("CACES 1, 3, 5", ["CACES 1", "CACES 3", "CACES 5"]),
        ("CACES chariot élévateur cat. 3", ["CACES R489 3"]),
        ("CACES nacelle", ["CACES R486"]),
        ("CACES engins de chantier cat. A", ["CACES R482 A"]),
        ("CACES grue auxiliaire", ["CACES R490"]),
        (
            "CACES R489 (1, 3, 5) et R486 (A, B)",
            ["CACES R489 1", "CACES R489 3", "CACES R489 5", "CACES R486 A", "CACES R486 B"],
        ),
        ("CACES R489 et R486", ["CACES R489", "CACES R486"]),
        ("Préparatrice de commandes – cariste (CACES 3 et 5)", ["CACES R489 3", "CACES R489 5"]),
    ],
)
def test_caces(line: str, expected: list[str]) -> None:
    assert codes(line) == expected
    assert all(f.kind == "caces" for f in find_licences(line))


def test_transpalette_does_not_guess_the_recommendation() -> None:
    assert codes("Conduite de transpalette électrique (CACES 1A)") == ["CACES 1A"]


def test_caces_letters_are_not_categories_of_forklift_recommendations() -> None:
    assert codes("CACES R489 3 à jour") == ["CACES R489 3"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Habilitation électrique B1V", ["B1V"]),
        ("habilitation électrique BR, BC", ["BR", "BC"]),
        ("Habilitation électrique B2V", ["B2V"]),
        ("Habilitation électrique B1V-BR", ["B1V", "BR"]),
        # one code per symbol: "H0B0" is the H0 and the B0 clearances
        ("Habilitations électriques H0B0 BS", ["H0", "B0", "BS"]),
        ("Habilitation H0-B0", ["H0", "B0"]),
        ("Habilitation électrique B0 H0", ["B0", "H0"]),
        ("Habilitation électrique H0V B0", ["H0V", "B0"]),
        ("Habilitation électrique BE Manœuvre", ["BE"]),
        ("H0B0", ["H0", "B0"]),
        ("H0B0 H0V", ["H0", "B0", "H0V"]),
        ("H0V", ["H0V"]),
        ("B1V - BR", ["B1V", "BR"]),
        ("Habilitation électrique", ["Habilitation électrique"]),
        ("Qualification IRVE niveau 2", ["IRVE 2"]),
        ("Pose de bornes de recharge IRVE", ["IRVE"]),
    ],
)
def test_electrical(line: str, expected: list[str]) -> None:
    assert codes(line) == expected
    assert all(f.kind == "electrical" for f in find_licences(line))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("SST", ["SST"]),
        ("S.S.T.", ["SST"]),
        ("Sauveteur Secouriste du Travail (SST) à jour", ["SST"]),
        ("PSC1", ["PSC1"]),
        ("PSC 1", ["PSC1"]),
        ("AFPS", ["PSC1"]),
        ("PSE1", ["PSE1"]),
        ("SSIAP 1", ["SSIAP 1"]),
        ("SSIAP2", ["SSIAP 2"]),
        ("SSIAP niveau 3", ["SSIAP 3"]),
        ("SSIAP 1 et 2", ["SSIAP 1", "SSIAP 2"]),
        ("HACCP", ["HACCP"]),
        ("Formation hygiène alimentaire (HACCP)", ["HACCP"]),
        ("AIPR opérateur", ["AIPR opérateur"]),
        ("AIPR", ["AIPR"]),
        ("ADR base + citerne", ["ADR"]),
        ("BAFA", ["BAFA"]),
        ("BAFD", ["BAFD"]),
        ("CQP APS", ["CQP APS"]),
        ("AFGSU niveau 2 (2023)", ["AFGSU 2"]),
        ("AFGSU 1", ["AFGSU 1"]),
        (
            "Carte professionnelle CNAPS n° CAR-083-2030-01-15-20190123456",
            ["Carte professionnelle CNAPS"],
        ),
        ("Agent de sécurité, carte professionnelle à jour", ["Carte professionnelle CNAPS"]),
        ("Carte professionnelle VTC", ["Carte professionnelle VTC"]),
    ],
)
def test_certifications(line: str, expected: list[str]) -> None:
    assert codes(line) == expected
    assert all(f.kind == "certification" for f in find_licences(line))


@pytest.mark.parametrize(
    "line",
    [
        "Permis B en cours",
        "Permis B (en cours)",
        "Permis B : code obtenu",
        "Préparation du permis C",
        "BAFD en cours",
        "CACES R489 3 en cours",
    ],
)
def test_in_progress(line: str) -> None:
    facts = find_licences(line)
    assert facts and all(f.in_progress for f in facts)


@pytest.mark.parametrize(
    "line",
    ["Permis B depuis 2005", "Permis B en cours de validité", "SST (en cours de recyclage)"],
)
def test_held_is_not_in_progress(line: str) -> None:
    assert not find_licences(line)[0].in_progress


def test_one_line_many_kinds() -> None:
    line = "Permis B, CACES R489 3, SST, habilitation électrique H0B0"
    assert codes(line) == ["B", "CACES R489 3", "SST", "H0", "B0"]


def test_fact_fields() -> None:
    assert find_licences("Permis B, C") == [
        LicenceFact("B", "driving", False, "Permis B", 0, 8),
        LicenceFact("C", "driving", False, "Permis B, C", 0, 11),
    ]


def test_section_hint_admits_bare_categories() -> None:
    assert codes("B, C1") == []
    assert codes("B, C1", "licences") == ["B", "C1"]
    assert codes("cat. B, C", "licences") == ["B", "C"]
    assert codes("B - véhiculé", "licences") == ["B"]
    assert codes("b, c", "licences") == []  # capitals only without the word "permis"


@pytest.mark.parametrize(
    "line",
    [
        "Véhiculé",
        "Véhiculée",
        "Véhiculé(e), mobile",
        "B",
        "B2",
        "A1",
        "C1",
        "BR",
        "Anglais B2",
        "Anglais C1, allemand A1",
        "permis de construire",
        "Instruction des permis de construire",
        "Permis de travail",
        "Titre de séjour et permis de travail",
        "Permis de pêche",
        "Permis à points",
        "permis d'exploitation",
        "Permis feu",
        "Bretagne",
        "He is great",
        "Carte professionnelle",
        "Carte professionnelle d'agent immobilier",
        "adresse : 12 rue de la Paix",
    ],
)
def test_not_licences(line: str) -> None:
    assert codes(line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # in a sentence
        ("Titulaire du permis C depuis 2015, je conduis des porteurs de 19 t", ["C"]),
        ("Je possède le permis B et un véhicule personnel", ["B"]),
        ("Détenteur des permis B, C et CE obtenus à l'armée", ["B", "C", "CE"]),
        # categories separated by dashes
        ("Permis B – C – CE", ["B", "C", "CE"]),
        # English
        ("Full clean UK driving licence", ["B"]),
        ("Clean driving licence, own car", ["B"]),
        ("Driving licences: B, C1", ["B", "C1"]),
        ("Driving licence categories: B, C, CE", ["B", "C", "CE"]),
        ("UK/EU licence categories B, BE", ["B", "BE"]),
        ("Valid EU driving licence (category B)", ["B"]),
    ],
)
def test_driving_in_sentences_and_in_english(line: str, expected: list[str]) -> None:
    assert codes(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Licence professionnelle logistique",
        "Licence de sociologie (2014)",
        "Software licence audits",
    ],
)
def test_a_bare_licence_is_a_degree_or_a_contract_not_a_driving_licence(line: str) -> None:
    assert codes(line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # compact lists of clearance symbols, without the word "habilitation"
        ("B1V BR BC", ["B1V", "BR", "BC"]),
        ("H0 B0 B1V", ["H0", "B0", "B1V"]),
        ("B2V / BR / BC / H0V", ["B2V", "BR", "BC", "H0V"]),
        # electric and hybrid vehicles (NF C18-550)
        ("Habilitation véhicules électriques B2VL", ["B2VL"]),
        ("Habilitation électrique B0L – B1VL", ["B0L", "B1VL"]),
        # English
        ("Electrical clearance B1V, BR", ["B1V", "BR"]),
        ("Electrical authorisation (French habilitation) BC and BR", ["BC", "BR"]),
        ("Electrical safety clearance (2021)", ["Habilitation électrique"]),
    ],
)
def test_electrical_lists_and_english(line: str, expected: list[str]) -> None:
    assert codes(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Attestation d'aptitude fluides frigorigènes catégorie 1 (2018)",
         ["Attestation fluides frigorigènes cat. 1"]),
        ("Manipulation des fluides frigorigènes : attestation cat. 2",
         ["Attestation fluides frigorigènes cat. 2"]),
        ("F-gas certificate, category I", ["Attestation fluides frigorigènes cat. 1"]),
        ("Refrigerant handling certification category 5 (car air-con)",
         ["Attestation fluides frigorigènes cat. 5"]),
        ("Attestation de capacité fluides frigorigènes", ["Attestation fluides frigorigènes"]),
        ("Qualification soudeur EN ISO 9606-1 (procédé 135)", ["EN ISO 9606-1"]),
        ("Welder approved to ISO 9606-2 (aluminium)", ["EN ISO 9606-2"]),
        ("Qualifié EN 287-1 (2012)", ["EN 287-1"]),
        ("Certificat de capacité de prélèvements sanguins (2016)",
         ["Certificat de capacité de prélèvements sanguins"]),
        ("Certiphyto décideur en exploitation agricole", ["Certiphyto"]),
        ("Certificat individuel produits phytopharmaceutiques", ["Certiphyto"]),
        ("AIPR encadrant (2022)", ["AIPR encadrant"]),
        ("AIPR - profil concepteur", ["AIPR concepteur"]),
    ],
)
def test_attestations_and_qualifications(line: str, expected: list[str]) -> None:
    assert codes(line) == expected
    assert all(f.kind == "certification" for f in find_licences(line))


@pytest.mark.parametrize(
    "line",
    [
        "Recharge des circuits en fluides frigorigènes",  # a task, not the certificate
        "Dépannage de climatisation (refrigerant leaks)",
        "Soudage TIG et MIG sur acier",
        "Certificat de capacité en droit (université de Lille)",  # a diploma
    ],
)
def test_a_task_is_not_a_certificate(line: str) -> None:
    assert codes(line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("CACES 3 et 5 (périmés)", []),
        ("CACES R489 1A, 3 et 5 (expirés en 2019)", []),
        ("CACES R486 B – périmé", []),
        ("FIMO (2010), FCO échue", []),  # the FCO renewed the FIMO: the qualification lapsed
        ("Permis C, FIMO marchandises, FCO à renouveler", ["C"]),
        ("SST (expired 2020), CACES R489 3 (2024)", ["CACES R489 3"]),
        ("CACES R489 3 (2016, renouvelé en 2021), SST", ["CACES R489 3", "SST"]),
        ("FIMO 2014, FCO 2019", ["FIMO", "FCO"]),
    ],
)
def test_expired_is_not_held(line: str, expected: list[str]) -> None:
    assert codes(line) == expected


def test_haccp_is_read_for_its_rome_savoir() -> None:
    """HACCP is read (the draft proposes its ROME savoir) though it is no licence: see
    `cvparse.engine.facts.fields.savoir_only`."""
    assert codes("Formation hygiène alimentaire HACCP (14 h)") == ["HACCP"]
