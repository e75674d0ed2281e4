"""split_gender_forms on the labels of the official ROME 4.0 export (v460).

Every parametrised label below is copied from the export (appellations or métier titles) unless
marked synthetic. The corpus tests run over every label of the subset committed under
``tests/data/rome_subset/v460`` and, where the full export is next to the repository
(``../shared/rome/v460``, as for ``referentials/build_shipped.py``), over every label of it.
"""

from __future__ import annotations

import csv
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

from cvparse.engine.referential.model import _split_gender_forms, split_gender_forms
from tests.conftest import EXPORTS, FULL

APPELLATIONS = "unix_referentiel_appellation_v460_utf8.csv"
METIERS = "unix_referentiel_code_rome_v460_utf8.csv"

# Labels whose " / " separates two wordings rather than two genders, reviewed by hand: each is
# split into (left as written, right as written) except the activity noun of the last one.
ALTERNATIVES_V460 = {
    "Analyste prix / Analyste pricing",
    "Bioinformaticienne / Bio-informaticienne",
    "Chercheur / Concepteur informatique",
    "Homme sage-femme / Sage-femme",
    "Lapidaire / Diamantaire",
    "Responsable développement / Business Developer",
    "Responsable plate-forme expédition / Livraison",
    "Sound designer / Designer sonore",
    "Traminot / Employée de tramway",
    "Tubiste / Contre tubiste",
}

CASES = {
    # What the word-counting version already got right: the right side carries the tail.
    "masculine first": [
        ("Infirmier / Infirmière scolaire", "Infirmier scolaire", "Infirmière scolaire"),
        (
            "Agent / Agente de propreté urbaine",
            "Agent de propreté urbaine",
            "Agente de propreté urbaine",
        ),
        (
            "Conducteur / Conductrice d'engins agricoles",
            "Conducteur d'engins agricoles",
            "Conductrice d'engins agricoles",
        ),
        (
            "Accastilleur-gréeur / Accastilleuse-gréeuse",
            "Accastilleur-gréeur",
            "Accastilleuse-gréeuse",
        ),
        ("Chef / Cheffe de rang", "Chef de rang", "Cheffe de rang"),
        ("Professeur / Professeure des écoles", "Professeur des écoles", "Professeure des écoles"),
        (
            "Chef de projet / Cheffe de projet (Project Management Officer)",
            "Chef de projet (Project Management Officer)",
            "Cheffe de projet (Project Management Officer)",
        ),
        (
            "Infirmier / Infirmière en soins généraux (IDE)",
            "Infirmier en soins généraux (IDE)",
            "Infirmière en soins généraux (IDE)",
        ),
        (
            "Accompagnant Educatif et Social (AES) / Accompagnante Educative et Sociale (AES)",
            "Accompagnant Educatif et Social (AES)",
            "Accompagnante Educative et Sociale (AES)",
        ),
        (
            "Chef / Cheffe d'équipe en plastique/caoutchouc",
            "Chef d'équipe en plastique/caoutchouc",
            "Cheffe d'équipe en plastique/caoutchouc",
        ),
        (
            "Inspecteur pédagogique régional, inspecteur d'académie / Inspectrice pédagogique "
            "régionale, inspectrice d'académie -IPR-IA-",
            "Inspecteur pédagogique régional, inspecteur d'académie -IPR-IA-",
            "Inspectrice pédagogique régionale, inspectrice d'académie -IPR-IA-",
        ),
        (
            "Gérant ou cogérant d'une école de conduite / Gérante ou cogérante d'une école de "
            "conduite",
            "Gérant ou cogérant d'une école de conduite",
            "Gérante ou cogérante d'une école de conduite",
        ),
        ("Groupiste / Groupiste", "Groupiste", "Groupiste"),
    ],
    # Several words on the left, the tail after the aligned words on the right.
    "tail after several words": [
        (
            "Chef d'équipe distributeur / Cheffe d'équipe distributrice d'imprimés",
            "Chef d'équipe distributeur d'imprimés",
            "Cheffe d'équipe distributrice d'imprimés",
        ),
        (
            "Chef d'équipe contrôleur aérien / Cheffe d'équipe contrôleuse aérienne",
            "Chef d'équipe contrôleur aérien",
            "Cheffe d'équipe contrôleuse aérienne",
        ),
        (
            "Agent administratif / Agente administrative d'assurances",
            "Agent administratif d'assurances",
            "Agente administrative d'assurances",
        ),
        (
            "Conducteur dérouleur / Conductrice dérouleuses sur bois",  # sic: plural
            "Conducteur dérouleur sur bois",
            "Conductrice dérouleuses sur bois",
        ),
    ],
    # Head word(s) written only on the left, shared by both forms.
    "shared head": [
        (
            "Instrumentiste Industriel / Industrielle",
            "Instrumentiste Industriel",
            "Instrumentiste Industrielle",
        ),
        (
            "Responsable Commercial / Commerciale",
            "Responsable Commercial",
            "Responsable Commerciale",
        ),
        ("Secrétaire Facturier / Facturière", "Secrétaire Facturier", "Secrétaire Facturière"),
        ("Artiste Plasticien / Plasticienne", "Artiste Plasticien", "Artiste Plasticienne"),
        ("Caviste affineur / Affineuse", "Caviste affineur", "Caviste affineuse"),
        (
            "Militaire du rang Combattant / Combattante",
            "Militaire du rang Combattant",
            "Militaire du rang Combattante",
        ),
        (
            "Cadre Dirigeant / Dirigeante d'administration centrale",
            "Cadre Dirigeant d'administration centrale",
            "Cadre Dirigeante d'administration centrale",
        ),
        (
            "Responsable Opérationnel / Opérationnelle de la défense",
            "Responsable Opérationnel de la défense",
            "Responsable Opérationnelle de la défense",
        ),
        (
            "Analyste Concepteur / Conceptrice informatique",
            "Analyste Concepteur informatique",
            "Analyste Conceptrice informatique",
        ),
        (
            "Médecin Anesthésiste Réanimateur / Réanimatrice (MAR)",
            "Médecin Anesthésiste Réanimateur (MAR)",
            "Médecin Anesthésiste Réanimatrice (MAR)",
        ),
        (
            "Auxiliaire Vétérinaire Qualifié / Qualifiée -AVQ-",
            "Auxiliaire Vétérinaire Qualifié -AVQ-",
            "Auxiliaire Vétérinaire Qualifiée -AVQ-",
        ),
        (
            "Fundraiser - Collecteur / Collectrice de fonds",
            "Fundraiser - Collecteur de fonds",
            "Fundraiser - Collectrice de fonds",
        ),
    ],
    # A word written on the left only belongs to the masculine form only.
    "left-only word": [
        (
            "Chef d'équipe assistant / Cheffe assistante avion",
            "Chef d'équipe assistant avion",
            "Cheffe assistante avion",
        ),
        (
            "Chef d'équipe dépanneur / Cheffe dépanneuse de chaudières domestiques",
            "Chef d'équipe dépanneur de chaudières domestiques",
            "Cheffe dépanneuse de chaudières domestiques",
        ),
    ],
    "feminine first": [
        ("Agente / Agent de bio-nettoyage", "Agent de bio-nettoyage", "Agente de bio-nettoyage"),
        (
            "Opératrice / Opérateur de saisie éditique",
            "Opérateur de saisie éditique",
            "Opératrice de saisie éditique",
        ),
    ],
    # Pairs beyond "+e": irregular endings, English loans, different words.
    "irregular pairs": [
        ("Maître / Maîtresse d'hôtel", "Maître d'hôtel", "Maîtresse d'hôtel"),
        ("Hôte / Hôtesse d'accueil", "Hôte d'accueil", "Hôtesse d'accueil"),
        ("Poète / Poétesse", "Poète", "Poétesse"),
        ("Designer / Designeuse textile", "Designer textile", "Designeuse textile"),
        ("Reporter / Reportrice photographe", "Reporter photographe", "Reportrice photographe"),
        ("Barman / Barmaid mixologue", "Barman mixologue", "Barmaid mixologue"),
        ("Cameraman / Camerawoman", "Cameraman", "Camerawoman"),
        (
            "Layout man / Layout woman - films d'animation",
            "Layout man - films d'animation",
            "Layout woman - films d'animation",
        ),
        ("Pizzaïolo / Pizzaïola", "Pizzaïolo", "Pizzaïola"),
        (
            "Décontaminateur / Décontamineuse nucléaire et radiologique",
            "Décontaminateur nucléaire et radiologique",
            "Décontamineuse nucléaire et radiologique",
        ),
        ("Valet / Femme de chambre", "Valet de chambre", "Femme de chambre"),
        (
            "Premier valet / Première femme de chambre",
            "Premier valet de chambre",
            "Première femme de chambre",
        ),
        ("Monsieur / Dame de compagnie", "Monsieur de compagnie", "Dame de compagnie"),
        ("Garçon / Fille de hall", "Garçon de hall", "Fille de hall"),
        ("Homme / Femme de pied", "Homme de pied", "Femme de pied"),
        ("Steward / Hôtesse de l'air", "Steward de l'air", "Hôtesse de l'air"),
    ],
    # Two wordings, not two genders: each as written, one per slot (see split_gender_forms).
    "alternatives": [
        ("Tubiste / Contre tubiste", "Tubiste", "Contre tubiste"),
        ("Traminot / Employée de tramway", "Traminot", "Employée de tramway"),
        ("Lapidaire / Diamantaire", "Lapidaire", "Diamantaire"),
        (
            "Responsable développement / Business Developer",
            "Responsable développement",
            "Business Developer",
        ),
        ("Sound designer / Designer sonore", "Sound designer", "Designer sonore"),
        ("Analyste prix / Analyste pricing", "Analyste prix", "Analyste pricing"),
        ("Homme sage-femme / Sage-femme", "Homme sage-femme", "Sage-femme"),
        (
            "Responsable plate-forme expédition / Livraison",
            "Responsable plate-forme expédition",
            "Responsable plate-forme livraison",
        ),
    ],
    '"(e)"': [
        (
            "Infirmier / Infirmière de bloc opératoire Diplômé(e) d'Etat - IBODE",
            "Infirmier de bloc opératoire Diplômé d'Etat - IBODE",
            "Infirmière de bloc opératoire Diplômée d'Etat - IBODE",
        ),
        (
            "Agent / Agente d'administration principal(e) des douanes",
            "Agent d'administration principal des douanes",
            "Agente d'administration principale des douanes",
        ),
        (
            "Laveur / Laveuse de vitres polyvalent(e)",
            "Laveur de vitres polyvalent",
            "Laveuse de vitres polyvalente",
        ),
        (
            "Ingénieur / Ingénieure technico-commercial(e) IT",
            "Ingénieur technico-commercial IT",
            "Ingénieure technico-commerciale IT",
        ),
    ],
    "no slash": [
        (
            "Analyste biologie/microbiologie en industrie",
            "Analyste biologie/microbiologie en industrie",
            "Analyste biologie/microbiologie en industrie",
        ),
        (
            "Responsable de site(s) de vente et de réparation cycles",
            "Responsable de site(s) de vente et de réparation cycles",
            "Responsable de site(s) de vente et de réparation cycles",
        ),
        (
            "Oto-rhino-laryngologiste (ORL)",
            "Oto-rhino-laryngologiste (ORL)",
            "Oto-rhino-laryngologiste (ORL)",
        ),
    ],
    # Synthetic: ROME v460 has no label with two " / ", nor stray whitespace.
    "synthetic": [
        (
            "Agent / Agente de quai / docker",
            "Agent de quai/docker",
            "Agente de quai/docker",
        ),
        (
            "Responsable achats / vente / Responsable achats / vente",
            "Responsable achats/vente",
            "Responsable achats/vente",
        ),
        ("  Infirmier  /  Infirmière \n", "Infirmier", "Infirmière"),
    ],
}


PARAMS = [
    pytest.param(*case, id=f"{group}: {case[0][:60]}")
    for group, cases in CASES.items()
    for case in cases
]


@pytest.mark.parametrize(("label", "masculine", "feminine"), PARAMS)
def test_split_gender_forms(label: str, masculine: str, feminine: str) -> None:
    assert split_gender_forms(label) == (masculine, feminine)


def _fold_words(text: str) -> list[str]:
    return [w.lower().strip(",;:.()") for w in text.split()]


def _export_labels(path: Path, column: str) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row[column] for row in csv.DictReader(handle)]


@pytest.mark.parametrize(
    ("path", "column", "expected"),
    [
        pytest.param(export.path / APPELLATIONS, "libelle_appellation_long",
                     export.appellations, id=f"{export.id} appellations")
        for export in EXPORTS
    ] + [
        pytest.param(export.path / METIERS, "libelle_rome", export.metiers,
                     id=f"{export.id} metier titles")
        for export in EXPORTS
    ],
)
def test_every_label_of_the_export(path: Path, column: str, expected: int) -> None:
    labels = _export_labels(path, column)
    assert len(labels) == expected
    results = [_split_gender_forms(label) for label in labels]
    rules: Counter[str] = Counter()
    problems: list[str] = []
    for label, (masc, fem, rule) in zip(labels, results, strict=True):
        rules[rule] += 1
        for form in (masc, fem):
            words = _fold_words(form)
            doubled = [a for a, b in pairwise(words) if a == b]
            if not form or " / " in form or "(e)" in form or form != " ".join(form.split()):
                problems.append(f"{label!r}: bad form {form!r}")
            if doubled:
                problems.append(f"{label!r}: doubled word {doubled[0]!r} in {form!r}")
        if " / " not in label:
            expected_forms = (label.replace("(e)", ""), label.replace("(e)", "e"))
            if (masc, fem) != expected_forms:
                problems.append(f"{label!r}: no ' / ' yet {(masc, fem)!r}")
            continue
        # The forms only reuse the label's words, and lose none of them.
        label_words = set(_fold_words(label.replace("(e)", "") + " " + label.replace("(e)", "e")))
        form_words = set(_fold_words(masc + " " + fem))
        if form_words - label_words or label_words - form_words - {"/"}:
            problems.append(f"{label!r}: words changed in {(masc, fem)!r}")
        if rule.startswith("alternatives"):
            if path.name == APPELLATIONS and label not in ALTERNATIVES_V460:
                problems.append(f"{label!r}: no gender pair found, {(masc, fem)!r}")
        elif masc == fem and rule != "same-word":
            problems.append(f"{label!r}: gender pair with equal forms {masc!r}")
    print(f"\n{path.name}: {len(labels)} labels")
    for rule, count in rules.most_common():
        print(f"  {rule:40} {count:6}")
    print("  two wordings, not two genders (kept as written):")
    for label, (masc, fem, rule) in zip(labels, results, strict=True):
        if rule.startswith("alternatives"):
            print(f"    {label!r} -> {masc!r} | {fem!r}")
    assert not problems, "\n".join(problems)
    if path.name == APPELLATIONS:
        found = {lab for lab, res in zip(labels, results, strict=True) if "alternatives" in res[2]}
        assert found == ALTERNATIVES_V460 & set(labels) and found  # the subset has one
        if expected == FULL.appellations:  # the full export: every one of them
            assert found == ALTERNATIVES_V460
