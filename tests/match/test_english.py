"""English CVs reach French ROME items through the project's English phrasings: the phrasings
match whatever the inflection, the curated ones match the right items, and none of them fires
on French text or on everyday English words. Phrases are written for these tests."""

from __future__ import annotations

import pytest

from cvparse.engine.match.matcher import resolve
from cvparse.engine.phrases import Phrase
from cvparse.engine.pipeline import Pipeline
from cvparse.engine.referential import Item, Metier, Referential


def _items(pipeline: Pipeline, text: str, section: str = "experience") -> set[str]:
    matches = resolve(pipeline.matcher.scored([Phrase(text, 0, 1, section)]))
    return {m.target_id for m in matches if m.target_type == "item"}


def _tiny(**synonyms: tuple[str, ...]) -> Pipeline:
    """Official-style French labels, each with the English phrasings given."""
    labels = {
        "stock": "Gérer les stocks",
        "heating": "Installer un plancher chauffant",
        "delivery": "Livrer une commande",
        "inspection": "Contrôler la conformité d'un équipement",
    }
    ref = Referential("tiny", "1", "x")
    ref.metiers["N1103"] = Metier("N1103", "Préparateur / Préparatrice de commandes")
    for key, label in labels.items():
        ref.items[key] = Item(key, label, "savoir-faire", synonyms=synonyms.get(key, ()))
    return Pipeline(ref)


@pytest.fixture(scope="module")
def tiny() -> Pipeline:
    return _tiny(
        stock=("stock management",),
        heating=("underfloor heating installation",),
        delivery=("parcel delivery",),
        inspection=("equipment inspection",),
    )


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Managed stock for a busy garden centre", "stock"),
        ("Managing stock", "stock"),
        ("Installed underfloor heating in new builds", "heating"),
        ("Installing underfloor heating", "heating"),
        ("Delivered parcels across the county", "delivery"),
        ("Parcel deliveries", "delivery"),
        ("Inspected equipment before each shift", "inspection"),
        ("Equipment inspections", "inspection"),
    ],
)
def test_an_english_phrasing_matches_its_inflections(tiny: Pipeline, text: str, item: str) -> None:
    assert _items(tiny, text) == {item}


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Meticulous", "300490"),  # Faire preuve de rigueur et de précision
        ("Well organised", "300483"),  # Organiser son travail selon les priorités
        ("Self-starter", "300460"),  # Faire preuve d'autonomie
        ("Calm under pressure", "300478"),  # Faire preuve de contrôle de soi
        ("Curious and eager to learn", "300493"),  # Faire preuve de curiosité
        ("Punctual", "483282"),  # Assurer un service ponctuel
        ("Installing underfloor heating systems", "114349"),  # Installer un plancher chauffant
        ("Locating leaks on heating circuits", "119993"),  # Localiser une fuite
        ("Dismantled machinery for overhaul", "300156"),  # Démonter un équipement
        ("End-of-life care for residents", "107756"),  # Gestion des soins de fin de vie
        ("Trellising and tying vines", "122841"),  # Techniques de palissage
        ("Boiler commissioning and servicing", "106795"),  # mise en service du chauffage
        ("Operating a mini digger on site", "499235"),  # petits engins de chantier
        ("Managing the stock of the bar", "300260"),  # Gérer les stocks
    ],
)
def test_curated_english_phrasings_reach_the_right_item(
    pipeline: Pipeline, text: str, item: str
) -> None:
    assert item in _items(pipeline, text)


@pytest.mark.parametrize(
    ("text", "not_item"),
    [
        ("Type de contrat : CDI", "404773"),  # "typing" (Mettre en forme un document)
        ("Code de la route", "400261"),  # "coding" (Coder)
        ("File d'attente", "404567"),  # "filing" (Classement, archivage)
        ("Maîtrise du Pack Office", "106433"),  # "packaging" (Techniques d'emballage)
        ("Dresser les assiettes", "107715"),  # "dressings" (Réaliser des soins infirmiers)
        ("Budget de 2 M€", "102216"),  # "budgeting" (Gestion budgétaire)
        ("Polish (native)", "105962"),  # "polishing" (ponçage, polissage)
        ("Answered phone calls", "121862"),  # "phoning" (vente par téléphone)
        ("Drove forklift trucks", "110024"),  # "trucking" (Conduire un poids lourd)
        ("Monitored stock levels", "103315"),  # "levelling" (Prise d'aplomb et de niveau)
        ("Managed key accounts", "124318"),  # "accounting" (gestion comptable)
    ],
)
def test_english_phrasings_do_not_fire_on_other_words(
    pipeline: Pipeline, text: str, not_item: str
) -> None:
    assert not_item not in _items(pipeline, text)
