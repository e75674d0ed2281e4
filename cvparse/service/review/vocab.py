"""What an advisor picks from when correcting or adding a fact: the normalised licence and
certification codes, languages, CEFR levels, diploma types and levels.

Why a closed list: a saved profile is matched against job offers by code, so a licence typed
as "permis b" or "Caces 3" would match nothing. The codes are those the reading engine writes
(`cvparse.engine.facts.licences`, `cvparse.engine.facts.languages`); a test checks that every
code the samples give is here. Labels are French first (the profile's language) and English.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel

CEFR = ("A1", "A2", "B1", "B2", "C1", "C2")
DIPLOMA_LEVELS = (3, 4, 5, 6, 7, 8)


class Choice(BaseModel):
    code: str
    fr: str
    en: str
    group: str | None = None  # licences: driving, caces, electrical, certification
    level: int | None = None  # diploma types: their usual level


class Vocabulary(BaseModel):
    licences: list[Choice]
    languages: list[Choice]
    diplomas: list[Choice]
    cefr: list[str]
    diploma_levels: list[int]


_DRIVING = [
    ("AM", "Permis AM (cyclomoteur)", "AM licence (moped)"),
    ("A1", "Permis A1 (moto légère)", "A1 licence (light motorcycle)"),
    ("A2", "Permis A2 (moto intermédiaire)", "A2 licence (medium motorcycle)"),
    ("A", "Permis A (moto)", "A licence (motorcycle)"),
    ("B", "Permis B (voiture)", "B licence (car)"),
    ("B96", "Permis B96 (voiture et remorque)", "B96 licence (car and trailer)"),
    ("BE", "Permis BE (voiture et remorque lourde)", "BE licence (car and heavy trailer)"),
    ("C1", "Permis C1 (poids lourd léger)", "C1 licence (light truck)"),
    ("C1E", "Permis C1E", "C1E licence"),
    ("C", "Permis C (poids lourd)", "C licence (truck)"),
    ("CE", "Permis CE (super lourd)", "CE licence (articulated truck)"),
    ("D1", "Permis D1 (minibus)", "D1 licence (minibus)"),
    ("D1E", "Permis D1E", "D1E licence"),
    ("D", "Permis D (transport en commun)", "D licence (bus and coach)"),
    ("DE", "Permis DE", "DE licence"),
    ("FIMO", "FIMO (formation initiale minimale obligatoire)",
     "FIMO (initial driver qualification)"),
    ("FCO", "FCO (formation continue obligatoire)", "FCO (periodic driver training)"),
]
_CACES = {
    "R489": ("chariots élévateurs", "forklifts",
             ["1A", "1B", "2A", "2B", "3", "4", "5", "6", "7"]),
    "R486": ("nacelles (PEMP)", "mobile elevating work platforms", ["A", "B", "C"]),
    "R482": ("engins de chantier", "construction machinery",
             ["A", "B1", "B2", "B3", "C1", "C2", "C3", "D", "E", "F", "G"]),
    "R485": ("gerbeurs à conducteur accompagnant", "pedestrian stackers", ["1", "2"]),
    "R490": ("grues auxiliaires", "loader cranes", []),
    "R484": ("ponts roulants", "overhead cranes", ["1", "2"]),
    "R487": ("grues à tour", "tower cranes", ["1", "2", "3"]),
    "R483": ("grues mobiles", "mobile cranes", ["A", "B"]),
}
# "BE" (tests and measurements) is left out: the engine writes the same code for the driving
# licence BE, and one code must name one thing in a pick list.
_ELECTRICAL = [
    "B0", "H0", "H0V", "B1", "B1V", "B2", "B2V", "H1", "H1V", "H2", "H2V", "BR", "BC", "HC",
    "HE", "BS", "BF", "HF", "BP", "B0L", "B1L", "B2L", "B1VL", "B2VL", "BCL", "B1XL", "B2XL",
]
_CERTIFICATIONS = [
    ("SST", "SST (sauveteur secouriste du travail)", "SST (workplace first aid)"),
    ("PSC1", "PSC1 (prévention et secours civiques)", "PSC1 (civil first aid)"),
    ("PSE1", "PSE1 (premiers secours en équipe 1)", "PSE1 (team first aid 1)"),
    ("PSE2", "PSE2 (premiers secours en équipe 2)", "PSE2 (team first aid 2)"),
    ("AFGSU 1", "AFGSU niveau 1", "AFGSU level 1 (emergency care)"),
    ("AFGSU 2", "AFGSU niveau 2", "AFGSU level 2 (emergency care)"),
    ("SSIAP 1", "SSIAP 1 (agent de sécurité incendie)", "SSIAP 1 (fire safety officer)"),
    ("SSIAP 2", "SSIAP 2 (chef d'équipe sécurité incendie)", "SSIAP 2 (fire safety team leader)"),
    ("SSIAP 3", "SSIAP 3 (chef de service sécurité incendie)", "SSIAP 3 (fire safety manager)"),
    ("AIPR opérateur", "AIPR opérateur", "AIPR operator (work near networks)"),
    ("AIPR encadrant", "AIPR encadrant", "AIPR supervisor (work near networks)"),
    ("AIPR concepteur", "AIPR concepteur", "AIPR designer (work near networks)"),
    ("ADR", "ADR (transport de matières dangereuses)", "ADR (dangerous goods transport)"),
    ("BAFA", "BAFA (animateur)", "BAFA (youth leader)"),
    ("BAFD", "BAFD (directeur d'accueil collectif de mineurs)", "BAFD (youth centre director)"),
    ("CQP APS", "CQP APS (agent de prévention et de sécurité)", "CQP APS (security agent)"),
    ("Certiphyto", "Certiphyto (produits phytopharmaceutiques)", "Certiphyto (pesticides)"),
    ("EN ISO 9606-1", "Qualification soudeur EN ISO 9606-1", "Welder qualification EN ISO 9606-1"),
    ("EN 287-1", "Qualification soudeur EN 287-1", "Welder qualification EN 287-1"),
    ("Carte professionnelle CNAPS", "Carte professionnelle CNAPS (sécurité privée)",
     "CNAPS professional card (private security)"),
    ("Carte professionnelle VTC", "Carte professionnelle VTC", "VTC professional card"),
    ("Carte professionnelle taxi", "Carte professionnelle taxi", "Taxi professional card"),
    ("IRVE 1", "Qualification IRVE 1 (bornes de recharge)", "IRVE 1 (charging points)"),
    ("IRVE 2", "Qualification IRVE 2 (bornes de recharge)", "IRVE 2 (charging points)"),
    ("IRVE 3", "Qualification IRVE 3 (bornes de recharge)", "IRVE 3 (charging points)"),
]
_LANGUAGES = [
    ("fr", "Français", "French"), ("en", "Anglais", "English"), ("es", "Espagnol", "Spanish"),
    ("de", "Allemand", "German"), ("it", "Italien", "Italian"),
    ("pt", "Portugais", "Portuguese"), ("ar", "Arabe", "Arabic"), ("zh", "Chinois", "Chinese"),
    ("ru", "Russe", "Russian"), ("ja", "Japonais", "Japanese"), ("ko", "Coréen", "Korean"),
    ("nl", "Néerlandais", "Dutch"), ("pl", "Polonais", "Polish"),
    ("ro", "Roumain", "Romanian"), ("tr", "Turc", "Turkish"), ("el", "Grec", "Greek"),
    ("sv", "Suédois", "Swedish"), ("no", "Norvégien", "Norwegian"), ("da", "Danois", "Danish"),
    ("fi", "Finnois", "Finnish"), ("hu", "Hongrois", "Hungarian"), ("cs", "Tchèque", "Czech"),
    ("sk", "Slovaque", "Slovak"), ("bg", "Bulgare", "Bulgarian"),
    ("uk", "Ukrainien", "Ukrainian"), ("sr", "Serbe", "Serbian"), ("hr", "Croate", "Croatian"),
    ("sq", "Albanais", "Albanian"), ("hy", "Arménien", "Armenian"),
    ("ka", "Géorgien", "Georgian"), ("he", "Hébreu", "Hebrew"), ("fa", "Persan", "Persian"),
    ("ps", "Pachto", "Pashto"), ("ku", "Kurde", "Kurdish"), ("hi", "Hindi", "Hindi"),
    ("ur", "Ourdou", "Urdu"), ("bn", "Bengali", "Bengali"), ("ta", "Tamoul", "Tamil"),
    ("vi", "Vietnamien", "Vietnamese"), ("th", "Thaï", "Thai"), ("km", "Khmer", "Khmer"),
    ("ms", "Malais", "Malay"), ("id", "Indonésien", "Indonesian"),
    ("tl", "Tagalog", "Tagalog"), ("am", "Amharique", "Amharic"),
    ("ti", "Tigrigna", "Tigrinya"), ("so", "Somali", "Somali"), ("sw", "Swahili", "Swahili"),
    ("wo", "Wolof", "Wolof"), ("bm", "Bambara", "Bambara"), ("ln", "Lingala", "Lingala"),
    ("ff", "Peul", "Fula"), ("mg", "Malgache", "Malagasy"),
    ("ht", "Créole haïtien", "Haitian Creole"), ("rcf", "Créole réunionnais", "Réunion Creole"),
    ("gcf", "Créole martiniquais et guadeloupéen", "Antillean Creole"),
    ("gcr", "Créole guyanais", "Guianese Creole"), ("mfe", "Créole mauricien",
                                                    "Mauritian Creole"),
    ("cpf", "Créole", "Creole"), ("kab", "Kabyle", "Kabyle"), ("ber", "Berbère", "Berber"),
    ("snk", "Soninké", "Soninke"), ("dyu", "Dioula", "Dyula"), ("la", "Latin", "Latin"),
    ("br", "Breton", "Breton"), ("co", "Corse", "Corsican"), ("oc", "Occitan", "Occitan"),
    ("eu", "Basque", "Basque"), ("ca", "Catalan", "Catalan"), ("gsw", "Alsacien", "Alsatian"),
    ("eo", "Espéranto", "Esperanto"), ("cy", "Gallois", "Welsh"),
    ("lb", "Luxembourgeois", "Luxembourgish"), ("ga", "Irlandais", "Irish"),
    ("fsl", "Langue des signes française (LSF)", "French Sign Language (LSF)"),
]
_DIPLOMAS = [
    ("CAP", 3), ("BEP", 3), ("CAPA", 3), ("DEAES", 3), ("Bac", 4), ("Bac pro", 4),
    ("Bac techno", 4), ("BP", 4), ("DEAS", 4), ("DEAP", 4), ("BPJEPS", 4), ("BTS", 5),
    ("DUT", 5), ("BUT", 6), ("Licence", 6), ("Licence pro", 6), ("Bachelor", 6),
    ("DCG", 6), ("DE infirmier", 6), ("Master", 7), ("Diplôme d'ingénieur", 7),
    ("Doctorat", 8), ("Titre professionnel", None), ("CQP", None), ("D.U.", None),
]


@cache
def vocabulary() -> Vocabulary:
    licences = [Choice(code=c, fr=fr, en=en, group="driving") for c, fr, en in _DRIVING]
    for rec, (fr, en, categories) in _CACES.items():
        if not categories:
            licences.append(Choice(code=f"CACES {rec}", fr=f"CACES {rec} {fr}",
                                   en=f"CACES {rec} {en}", group="caces"))
        for cat in categories:
            licences.append(Choice(code=f"CACES {rec} {cat}",
                                   fr=f"CACES {rec} catégorie {cat} ({fr})",
                                   en=f"CACES {rec} category {cat} ({en})", group="caces"))
    licences += [Choice(code=c, fr=f"Habilitation électrique {c}",
                        en=f"Electrical clearance {c}", group="electrical")
                 for c in _ELECTRICAL]
    licences += [Choice(code=f"Attestation fluides frigorigènes cat. {n}",
                        fr=f"Attestation fluides frigorigènes catégorie {n}",
                        en=f"Refrigerant handling certificate, category {n}",
                        group="certification") for n in range(1, 6)]
    licences += [Choice(code=c, fr=fr, en=en, group="certification")
                 for c, fr, en in _CERTIFICATIONS]
    return Vocabulary(
        licences=licences,
        languages=[Choice(code=c, fr=fr, en=en) for c, fr, en in _LANGUAGES],
        diplomas=[Choice(code=c, fr=c, en=c, level=level) for c, level in _DIPLOMAS],
        cefr=list(CEFR), diploma_levels=list(DIPLOMA_LEVELS),
    )


def licence(code: str) -> Choice | None:
    return next((c for c in vocabulary().licences if c.code == code), None)


def language(code: str) -> Choice | None:
    return next((c for c in vocabulary().languages if c.code == code), None)
