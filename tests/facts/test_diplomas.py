from __future__ import annotations

from datetime import date

import pytest

from cvparse.engine.facts import DiplomaFact, find_diplomas

TODAY = date(2025, 6, 15)


def diplomas(line: str, section_hint: str | None = None) -> list[DiplomaFact]:
    found = find_diplomas(line, TODAY, section_hint)
    for fact in found:
        assert line[fact.start : fact.end] == fact.text
    return found


def one(line: str, section_hint: str | None = None) -> DiplomaFact:
    found = diplomas(line, section_hint)
    assert len(found) == 1, found
    return found[0]


# line, label, level
LABELS: list[tuple[str, str, int | None]] = [
    # level 3
    ("CAP Cuisine", "CAP", 3),
    ("C.A.P. Petite enfance", "CAP", 3),
    ("Certificat d'aptitude professionnelle Maçon", "CAP", 3),
    ("CAPA Travaux paysagers", "CAPA", 3),
    ("BEP Vente", "BEP", 3),
    ("BEPA Conduite de productions agricoles", "BEPA", 3),
    ("DEAES", "DEAES", 3),
    ("Diplôme d'État d'accompagnant éducatif et social", "DEAES", 3),
    # level 4
    ("Bac", "Bac", 4),
    ("Baccalauréat", "Bac", 4),
    ("Bac S", "Bac", 4),
    ("BAC ES", "Bac", 4),
    ("Baccalauréat général, mention bien", "Bac", 4),
    ("bac scientifique", "Bac", 4),
    ("Bac pro Commerce", "Bac pro", 4),
    ("Baccalauréat professionnel Gestion-Administration", "Bac pro", 4),
    ("Bac STMG", "Bac techno", 4),
    ("Baccalauréat technologique STI2D", "Bac techno", 4),
    ("Brevet professionnel Coiffure", "BP", 4),
    ("BP Boulanger", "BP", 4),
    ("Brevet de technicien Agricole", "BT", 4),
    ("DAEU A", "DAEU", 4),
    ("BPJEPS Activités de la forme", "BPJEPS", 4),
    ("Diplôme d'État d'aide-soignant", "DEAS", 4),
    ("DEAS", "DEAS", 4),
    ("DE Aide-soignant", "DEAS", 4),
    ("Diplôme d'État d'auxiliaire de puériculture", "DEAP", 4),
    ("DEA ambulancier", "DE ambulancier", 4),
    ("High school diploma", "High school diploma", 4),
    ("A-levels", "A-levels", 4),
    # level 5
    ("BTS Management Commercial Opérationnel", "BTS", 5),
    ("Brevet de technicien supérieur Tourisme", "BTS", 5),
    ("BTSA Production animale", "BTSA", 5),
    ("DUT GEA", "DUT", 5),
    ("DEUG de psychologie", "DEUG", 5),
    ("DEUST Animation", "DEUST", 5),
    ("DEJEPS", "DEJEPS", 5),
    ("Bac+2 en commerce", "Bac+2", 5),
    ("Bac +2", "Bac+2", 5),
    ("Associate degree in Nursing", "Associate degree", 5),
    # level 6
    ("Licence Économie-Gestion", "Licence", 6),
    ("Licence d'anglais", "Licence", 6),
    ("licence de droit", "Licence", 6),
    ("Licence 3 Sciences de l'éducation", "Licence", 6),
    ("Licence professionnelle Métiers de l'immobilier", "Licence pro", 6),
    ("Licence pro Logistique", "Licence pro", 6),
    ("BUT GEA", "BUT", 6),
    ("BUT Informatique", "BUT", 6),
    ("Bachelor universitaire de technologie Chimie", "BUT", 6),
    ("Bachelor Marketing digital", "Bachelor", 6),
    ("Bachelor of Science in Nursing", "Bachelor", 6),
    ("BSc Economics", "Bachelor", 6),
    ("B.Sc. Physics", "Bachelor", 6),
    ("BA (Hons) History", "Bachelor", 6),
    ("Bac+3", "Bac+3", 6),
    ("Master 1 Psychologie", "Master 1", 6),
    ("Maîtrise en droit privé", "Maîtrise", 6),
    ("Diplôme d'État d'infirmier", "DE infirmier", 6),
    ("DE Infirmier", "DE infirmier", 6),
    ("Diplôme d'État d'éducateur spécialisé", "DEES", 6),
    ("DCG", "DCG", 6),
    # level 7
    ("Master Marketing digital", "Master", 7),
    ("Master 2 Droit des affaires", "Master", 7),
    ("MASTER 2 RESSOURCES HUMAINES", "Master", 7),
    ("master en management", "Master", 7),
    ("M2 Finance", "Master", 7),
    ("Mastère spécialisé Management de projets", "Mastère", 7),
    ("MBA", "MBA", 7),
    ("Executive MBA", "MBA", 7),
    ("Master of Science in Data Science", "Master", 7),
    ("MSc Finance", "Master", 7),
    ("MA in Linguistics", "Master", 7),
    ("DEA de sociologie", "DEA", 7),
    ("DESS Gestion des ressources humaines", "DESS", 7),
    ("Diplôme d'ingénieur Centrale Lyon", "Diplôme d'ingénieur", 7),
    ("Ingénieur diplômé de l'INSA", "Diplôme d'ingénieur", 7),
    ("DSCG", "DSCG", 7),
    ("Bac+5", "Bac+5", 7),
    # level 8
    ("Doctorat en chimie organique", "Doctorat", 8),
    ("PhD in Computer Science", "Doctorat", 8),
    ("Ph.D. Economics", "Doctorat", 8),
    ("Docteur en médecine", "Doctorat", 8),
    # no intrinsic level
    ("Titre professionnel Pilote de ligne de production", "Titre professionnel", None),
    ("CQP Technicien de maintenance", "CQP", None),
    ("Diplôme d'État de guide de haute montagne", "Diplôme d'État", None),
    ("Brevet des collèges", "DNB", None),
    ("Diplôme national du brevet", "DNB", None),
    ("CFG", "CFG", None),
    ("Licence 2 Droit", "Licence", None),
]


@pytest.mark.parametrize(("line", "label", "level"), LABELS)
def test_labels_and_levels(line: str, label: str, level: int | None) -> None:
    fact = one(line)
    assert (fact.label, fact.level) == (label, level)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        (
            "BTS Management Commercial Opérationnel – Lycée Jean Moulin, Lyon (2019)",
            "BTS Management Commercial Opérationnel",
        ),
        ("Master 2 Droit des affaires, Université Paris 1 (2020)", "Master 2 Droit des affaires"),
        ("Master Marketing digital - IAE Lyon - 2021", "Master Marketing digital"),
        ("Bac pro Commerce 2015", "Bac pro Commerce"),
        ("Baccalauréat STMG mention bien - 2014", "Baccalauréat STMG"),
        ("BTS Tourisme à Paris", "BTS Tourisme"),
        ("BTS NDRC en alternance", "BTS NDRC"),
        ("Licence   professionnelle  Logistique", "Licence professionnelle Logistique"),
        ("PhD in Computer Science, 2018", "PhD in Computer Science"),
        ("Diplôme d'État d'aide-soignant (DEAS) 2022", "Diplôme d'État d'aide-soignant"),
    ],
)
def test_name_is_the_diploma_without_school_or_year(line: str, name: str) -> None:
    assert one(line).name == name


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("Titre professionnel Agent de restauration (niveau 3) - 2021", 3),
        ("Titre professionnel Secrétaire assistant - niveau IV - AFPA 2019", 4),
        ("Titre professionnel Comptable assistant (niveau III)", 5),
        ("Titre RNCP niveau 6 Chargé de recrutement", 6),
        ("Titre certifié RNCP 6 Responsable de projet", 6),
        ("Titre professionnel Négociateur technico-commercial (Bac+2)", 5),
        ("Bachelor Marketing (Bac+3)", 6),
        ("MBA Management (niveau 6 RNCP)", 6),  # the certifier's level wins over the label's
        ("CQP Agent de prévention (niveau V)", 3),
        ("BTS Comptabilité (niveau III)", 5),
    ],
)
def test_explicit_level_wins(line: str, level: int) -> None:
    assert one(line).level == level


@pytest.mark.parametrize(
    ("line", "level"),
    [
        # Common titles whose RNCP level CVs rarely state.
        ("Titre professionnel Agent de restauration", 3),
        ("Titre professionnel Agent magasinier", 3),
        ("Titre professionnel Agent de propreté et d'hygiène", 3),
        ("Titre professionnel Assistant de vie aux familles (ADVF)", 3),
        ("Titre professionnel Conducteur du transport routier de marchandises sur porteur", 3),
        ("Titre pro Secrétaire assistant", 4),
        ("Titre professionnel Développeur web et web mobile", 5),
        ("CQP APS", 3),
        ("CQP Agent de prévention et de sécurité", 3),
    ],
)
def test_known_title_levels(line: str, level: int) -> None:
    assert one(line).level == level


@pytest.mark.parametrize(
    ("line", "label", "level"),
    [
        ("HNC in Electrical and Electronic Engineering", "HNC", 5),
        ("HND Business", "HND", 5),
        ("Leaving Certificate", "Leaving Certificate", 4),
        # English "Level N" is the UK scale: RQF 3 = EQF / French level 4.
        ("Level 3 Advanced Apprenticeship in Engineering Maintenance", "Apprenticeship", 4),
        ("Apprenticeship in Plumbing (Level 2)", "Apprenticeship", 3),
        ("Higher Apprenticeship", "Apprenticeship", 5),
    ],
)
def test_uk_and_irish_qualifications(line: str, label: str, level: int) -> None:
    fact = one(line)
    assert (fact.label, fact.level) == (label, level)


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("Infirmier diplômé d'État — 32 ans", "DE infirmier"),
        ("Infirmière DE", "DE infirmier"),
        ("Aide-soignante diplômée d'État", "DEAS"),
    ],
)
def test_diplome_d_etat_held_by_a_person(line: str, label: str) -> None:
    assert one(line).label == label


def test_held_since_is_the_year_not_in_progress() -> None:
    fact = one("Infirmier DE depuis 2017, expérience en chirurgie")
    assert (fact.name, fact.year, fact.in_progress) == ("Infirmier DE", 2017, False)


def test_acronym_and_full_name_are_one_diploma() -> None:
    fact = one("DEAES – Diplôme d’État d’accompagnant éducatif et social, 2019")
    assert (fact.label, fact.level, fact.year) == ("DEAES", 3, 2019)


def test_en_cours_d_emploi_is_not_in_progress() -> None:
    fact = one("DCG – Diplôme de comptabilité et de gestion (en cours d'emploi) 2008")
    assert (fact.label, fact.level, fact.year, fact.in_progress) == ("DCG", 6, 2008, False)


def test_rncp_code_is_not_a_level_nor_a_year() -> None:
    fact = one("Titre professionnel Régleur en plasturgie (RNCP 35417) 2021")
    assert (fact.level, fact.year) == (None, 2021)


@pytest.mark.parametrize(
    ("line", "year", "in_progress"),
    [
        ("Bac pro Commerce 2015", 2015, False),
        ("2017 : Bac pro Commerce", 2017, False),
        ("Doctorat en chimie organique (2015-2019)", 2019, False),
        ("BUT GEA (2021-2024)", 2024, False),
        ("Master 2 Droit, 2019 - 2020", 2020, False),
        ("Master 2 Droit (09/2019 - 06/2021)", 2021, False),
        ("BTS MCO (2025-2027)", 2027, True),
        ("BTS NDRC en cours (2024-2026)", 2026, True),
        ("CAP Petite enfance (2024 - en cours)", None, True),
        ("Licence en cours", None, True),
        ("Master en préparation", None, True),
        ("Préparation au BTS Comptabilité et Gestion", None, True),
        ("Executive MBA (expected 2026)", 2026, True),
        ("MBA (2026)", 2026, True),
        ("BTS 1998, mis à jour en 2030", 1998, False),  # 2030 is beyond today.year + 1
    ],
)
def test_year_and_in_progress(line: str, year: int | None, in_progress: bool) -> None:
    fact = one(line)
    assert (fact.year, fact.in_progress) == (year, in_progress)


def test_each_year_goes_to_the_nearest_diploma() -> None:
    for line in ("BTS MUC 2015, Licence pro 2016", "2015 BTS MUC, 2016 Licence pro"):
        found = diplomas(line)
        assert [(f.label, f.year) for f in found] == [("BTS", 2015), ("Licence pro", 2016)]


def test_in_progress_goes_to_the_nearest_diploma() -> None:
    found = diplomas("BTS MCO 2019, Licence pro en cours")
    assert [(f.label, f.in_progress) for f in found] == [("BTS", False), ("Licence pro", True)]


def test_today_defaults_to_the_clock() -> None:
    assert find_diplomas("BTS MCO 2019")[0].year == 2019


@pytest.mark.parametrize(
    "line",
    [
        "Scrum Master certifié",
        "Certification Scrum Master (PSM I)",
        "Animation de master class",
        "Master Data Management (MDM)",
        "Master the art of negotiation",
        "Learned to master new tools quickly",
        "Webmaster 2019",
        "Licencié économique en 2020",
        "Licence IV",
        "Exploitation d'un bar (licence IV)",
        "Gestion des licences logicielles",
        "licence logicielle Microsoft",
        "Licence de football FFF",
        "Nettoyage du bac à graisse",
        "Vidange du bac de rétention",
        "Rangement des bacs",
        "Cap sur l'emploi",
        "CAP EMPLOI - accompagnement",
        "Accompagnement par Cap emploi",
        "garder le cap sur les objectifs",
        "Capes d'histoire",
        "BP 123 75011 Paris",
        "Surface 45 M2 Paris",
        "BUT : atteindre ses objectifs",
        "Mon but : travailler dans la vente",
        "Maîtrise de l'anglais",
        "Maîtrise des outils bureautiques",
        "Formation Excel avancé 2020",
        "Permis B",
        "LICENCE",
        "Licences :",
        "Je suis de nature dynamique",
    ],
)
def test_not_diplomas(line: str) -> None:
    assert diplomas(line) == []


def test_bare_licence_line_is_a_heading_unless_in_education() -> None:
    assert diplomas("LICENCE") == []
    assert one("Licence", "education").label == "Licence"


def test_section_hint_admits_a_bare_old_maitrise() -> None:
    assert diplomas("Maîtrise de droit privé 1996") == []
    assert one("Maîtrise de droit privé 1996", "education").label == "Maîtrise"


def test_fact_fields() -> None:
    fact = one("2019 : BTS Tourisme (en alternance)")
    assert fact == DiplomaFact(
        label="BTS",
        name="BTS Tourisme",
        level=5,
        year=2019,
        in_progress=False,
        text="BTS Tourisme",
        start=7,
        end=19,
    )


# --- diplomas as real CVs write them (issue #16) ---

NOW = date(2026, 11, 23)


def read(
    line: str, hint: str | None = "education"
) -> list[tuple[str, int | None, int | None, bool]]:
    return [(f.label, f.level, f.year, f.in_progress) for f in find_diplomas(line, NOW, hint)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # Engineering degrees and grandes écoles: level 7, the school kept in the name.
        ("Ingénieure diplômée de l'INSA Toulouse, génie mécanique – 2014",
         [("Diplôme d'ingénieur", 7, 2014, False)]),
        ("Diplôme d'ingénieur en informatique (CTI), 2009",
         [("Diplôme d'ingénieur", 7, 2009, False)]),
        ("École d'ingénieurs en agronomie, 5e année (2026-2027)",
         [("Diplôme d'ingénieur", 7, 2027, True)]),
        ("NEOMA BS – Programme Grande École, 2017", [("Programme Grande École", 7, 2017, False)]),
        # Foreign degrees at the level an advisor records.
        ("B.S. in Civil Engineering, University of Texas, 2012", [("Bachelor", 6, 2012, False)]),
        ("BSc Nursing (Hons), 2016", [("Bachelor", 6, 2016, False)]),
        ("M.S. in Statistics — 2019", [("Master", 7, 2019, False)]),
        ("MSc in Supply Chain Management, Cranfield, 2021", [("Master", 7, 2021, False)]),
        ("PhD in Molecular Biology (2020)", [("Doctorat", 8, 2020, False)]),
        ("Baccalauréat en génie civil, Polytechnique Montréal, 2013",
         [("Baccalauréat (Québec)", 6, 2013, False)]),
        ("Maîtrise en administration publique, ENAP (Québec), 2018",
         [("Maîtrise (Québec)", 7, 2018, False)]),
        ("Maîtrise de sciences économiques, Paris I, 1996", [("Maîtrise", 6, 1996, False)]),
        ("Baccalauréat scientifique, 2005", [("Bac", 4, 2005, False)]),
        ("Maturité professionnelle commerciale, Genève, 2011", [("Maturité", 4, 2011, False)]),
        ("CFC d'installateur électricien, 2010", [("CFC", 4, 2010, False)]),
        ("A Levels (Biology, Chemistry), 2012", [("A-levels", 4, 2012, False)]),
        ("Leaving Certificate – Galway, 2008", [("Leaving Certificate", 4, 2008, False)]),
        ("Bachillerato, IES Cervantes, Madrid, 2007", [("Bachillerato", 4, 2007, False)]),
        ("Abitur, Gymnasium Köln, 2006", [("Abitur", 4, 2006, False)]),
        ("Ensino secundário completo (12.º ano), Porto, 2003",
         [("Ensino secundário", 4, 2003, False)]),
        # University diplomas and school certificates without a national level.
        ("D.U. Éducation thérapeutique du patient, 2022", [("DU", None, 2022, False)]),
        ("DU Gériatrie – Université de Bordeaux (2019)", [("DU", None, 2019, False)]),
        ("Diplôme inter-universitaire de soins palliatifs, 2020", [("DU", None, 2020, False)]),
        ("Brevet des collèges, 2008", [("DNB", None, 2008, False)]),
        ("GCSEs (8 subjects), 2004", [("GCSE", None, 2004, False)]),
    ],
)
def test_degrees_as_cvs_write_them(line: str, expected: list) -> None:
    assert read(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Agrégation externe de lettres classiques (2011)",  # a competitive exam
        "Admise au concours d'entrée en IFSI, 2017",
        "CAPES d'histoire-géographie, 2014",
        "Heavy-vehicle technician, 15 years (apprenticeship included)",
        "DIPLÔMES DU SPORT ET DE L'ANIMATION",  # "DU" is an article in capitals
        "Encadrement des stagiaires (BTS, licence pro, master 1) depuis 2018",
        "Membre du jury du CAP Cuisine depuis 2016",
        "Tutorat des apprentis en BP Boulanger",
    ],
)
def test_not_the_persons_diploma(line: str) -> None:
    assert read(line, None) == []


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("Titre professionnel Soudeuse assembleuse industrielle, 2015", 3),
        ("Titre pro Agent(e) de maintenance des bâtiments – AFPA", 3),
        ("TP Conducteur de pelle hydraulique et de chargeuse pelleteuse", 3),
        ("Titre professionnel Cariste d'entrepôt", 3),
        ("Titre professionnel Préparatrice de commandes en entrepôt", 3),
        ("Titre professionnel Assistante de vie aux familles", 3),
        ("TP ADVF – Greta, 2020", 3),
        ("Titre professionnel Agent de propreté et d'hygiène (APH)", 3),
        ("Titre professionnel Serveuse en restauration", 3),
        ("Titre pro Cuisinière", 3),
        ("Titre professionnel Maçonne", 3),
        ("Titre professionnel Électricienne d'équipement du bâtiment", 3),
        ("Titre professionnel Plaquiste", 3),
        ("Titre professionnel Peintre en bâtiment", 3),
        ("Titre professionnel Conductrice du transport routier de marchandises sur porteur", 3),
        ("Titre professionnel Employée administrative et d'accueil", 3),
        ("Titre professionnel Conseillère de vente", 4),
        ("Titre professionnel Secrétaire assistante", 4),
        ("Titre professionnel Comptable assistante", 4),
        ("Titre professionnel Réceptionniste en hôtellerie", 4),
        ("Titre professionnel Technicienne supérieure en méthodes et exploitation logistique", 5),
        ("Titre professionnel Technicien supérieur de maintenance industrielle", 5),
        ("Titre professionnel Gestionnaire de paie", 5),
        ("Titre professionnel Formatrice professionnelle d'adultes", 5),
        ("Titre professionnel Conceptrice développeuse d'applications", 6),
        ("CQP APS (agent de prévention et de sécurité)", 3),
    ],
)
def test_titres_professionnels_take_the_level_of_their_rncp_registration(
    line: str, level: int
) -> None:
    (fact,) = find_diplomas(line, NOW, "education")
    assert (fact.label, fact.level) == (fact.label, level)
    assert fact.label in ("Titre professionnel", "CQP")


def test_tp_needs_a_known_title_after_it() -> None:
    assert read("Conducteur d'engins TP depuis 2012", None) == []
    assert read("TP de chimie organique", None) == []


def test_the_written_level_wins_over_the_table() -> None:
    assert read("Titre professionnel Agent magasinier (niveau 4)") == [
        ("Titre professionnel", 4, None, False)
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # In progress: the year it is expected.
        ("2025 – 2027 : BTS Gestion de la PME (en alternance)", [("BTS", 5, 2027, True)]),
        ("Master Droit social (en cours) – 2026-2028", [("Master", 7, 2028, True)]),
        ("MSc Finance, expected 2027", [("Master", 7, 2027, True)]),
        ("BUT Informatique – in progress (graduation 2028)", [("BUT", 6, 2028, True)]),
        # A year of study: the diploma is expected when the course ends.
        ("2025-2026 : Licence de psychologie, 2e année", [("Licence", 6, 2027, True)]),
        ("BTS SIO, première année (2025 – 2026)", [("BTS", 5, 2027, True)]),
        ("Bachelor in Marketing, second year, 2026", [("Bachelor", 6, 2027, True)]),
        ("Étudiant en 1re année de DUT GEA", [("DUT", 5, None, True)]),
        # ... but a first year that ended long ago is not the diploma.
        ("BTS MCO, 1re année (2015-2016)", [("BTS", None, 2016, False)]),
        # The name keeps the whole speciality, options included.
        ("BTS Systèmes numériques, option Informatique et réseaux, 2017",
         [("BTS", 5, 2017, False)]),
    ],
)
def test_in_progress_and_years_of_study(line: str, expected: list) -> None:
    assert read(line) == expected


def test_options_stay_in_the_name() -> None:
    (fact,) = find_diplomas(
        "BTS Électrotechnique, option B, mention bien – Lycée Diderot, 2016", NOW, "education"
    )
    assert fact.name == "BTS Électrotechnique, option B"
    (fact,) = find_diplomas("Licence Sciences de la vie, parcours biochimie, 2019", NOW, None)
    assert fact.name == "Licence Sciences de la vie, parcours biochimie"


def test_held_since_is_read_after_the_diploma_only() -> None:
    assert read("Vendeuse depuis 2018 après un CAP Fleuriste", None) == [("CAP", 3, None, False)]
