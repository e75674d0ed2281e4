"""Facts become draft fields: where each kind is read, repeated mentions merged, certifications
proposed as their ROME items."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from cvparse.engine.document import DocumentBuilder
from cvparse.engine.facts.fields import (
    fact_fields,
    licence_code,
    licence_items,
    merge_certifications,
    reported_elsewhere,
    savoir_only,
)
from cvparse.engine.privacy import PrivacyResult
from cvparse.engine.profile.models import Evidence, Field
from cvparse.engine.referential import Item, Referential
from cvparse.engine.sections import split_sections

TODAY = date(2026, 11, 23)
CV = [
    "Compétences",
    "Excel, permis B",
    "Langues",
    "Anglais",
    "Anglais : courant (B2)",
    "Espagnol : notions",
    "Certifications",
    "CACES 3, IRVE, IRVE 2, SST",
    "Formation",
    "BTS Tourisme",
    "Lycée du Parc, Angers, 2014",
    "Bac pro Commerce 2012",
    "BTS Tourisme (2014)",
    "Licence professionnelle en cours",
]


def _ids() -> Callable[[], str]:
    count = iter(range(1, 1000))
    return lambda: f"f{next(count)}"


def _fields(lines: list[str], masked: dict[int, str] | None = None) -> list[Field]:
    return _read(lines, masked)[1]


def _read(lines: list[str], masked: dict[int, str] | None = None) -> tuple[str, list[Field]]:
    builder = DocumentBuilder("txt")
    for line in lines:
        builder.add_line(line)
    document = builder.build()
    text = document.text
    for i, replacement in (masked or {}).items():  # stand-in for minimisation
        line = document.lines[i]
        text = text[: line.start] + replacement.ljust(len(line.text)) + text[line.end :]
    privacy = PrivacyResult(text, {})
    return document.text, list(fact_fields(split_sections(document), privacy, TODAY, _ids()))


def test_one_field_per_fact_languages_then_diplomas_then_licences() -> None:
    got = [(f.id, f.kind, f.code) for f in _fields(CV)]
    assert got == [
        ("f1", "language", "en"),
        ("f2", "language", "es"),
        ("f3", "diploma", "BTS"),
        ("f4", "diploma", "Bac pro"),
        ("f5", "diploma", "Licence pro"),  # in progress: reported as such
        ("f6", "licence", "B"),
        ("f7", "licence", "CACES R489 3"),
        ("f8", "licence", "IRVE 2"),  # "IRVE" and "IRVE 2" are one qualification
        ("f9", "licence", "SST"),
    ]


def test_the_mention_with_a_level_wins_and_its_section_sets_confidence() -> None:
    text, fields = _read(CV)
    english = fields[0]
    assert (english.label, english.level) == ("Anglais : courant (B2)", "B2")
    assert english.confidence == 0.95  # in the languages section
    (evidence,) = english.evidence
    assert evidence.text == "Anglais : courant (B2)" == text[evidence.start : evidence.end]
    assert evidence.start == text.index("Anglais : courant")
    in_skills = _fields(["Compétences", "Anglais courant, Excel"])[0]
    assert (in_skills.code, in_skills.level, in_skills.confidence) == ("en", "C1", 0.85)


def test_a_diploma_takes_the_year_written_next_to_it_once() -> None:
    bts = [f for f in _fields(CV) if f.code == "BTS"]
    assert [(f.label, f.level, f.year, f.confidence) for f in bts] == [
        ("BTS Tourisme", 5, 2014, 0.9)
    ]
    (licence,) = [f for f in _fields(CV) if f.code == "Licence pro"]
    assert (licence.label, licence.level, licence.year) == (
        "Licence professionnelle (en cours)", 6, None
    )  # in progress, with no year written: the advisor sees it is not held yet


def test_facts_are_read_on_the_minimised_text() -> None:
    masked = {4: ""}  # "Anglais : courant (B2)", masked away
    english = _fields(CV, masked)[0]
    assert (english.code, english.label, english.level) == ("en", "Anglais", None)


def test_licence_codes_are_normalised() -> None:
    assert licence_code("CACES 1A") == "CACES R489 1A"
    assert licence_code("CACES R482 B1") == "CACES R482 B1"
    assert licence_code("CQP APS") is None  # a CQP is a diploma


def test_licence_items_come_from_the_facts_data_file() -> None:
    items = licence_items()
    assert items["SST"] == "491617"
    assert items["CACES R489 3"] == "491586"


def _certification_ref() -> Referential:
    ref = Referential("tiny", "1", "x")
    ref.items["491617"] = Item("491617", "Certificat SST", "savoir", category="Certifications")
    ref.items["491586"] = Item("491586", "CACES R489 cat. 3", "savoir", category="Certifications")
    ref.items["9"] = Item("9", "Certificat de secourisme", "savoir", category="Certifications")
    ref.items["7"] = Item("7", "Accueillir les clients", "savoir-faire")
    return ref


def _competence(fid: str, code: str, start: int, end: int) -> Field:
    return Field(id=fid, kind="competence", code=code, label=code, confidence=0.8,
                 evidence=[Evidence(page=1, start=start, end=end, text="x" * (end - start))])


def test_precise_certifications_replace_a_looser_reading_of_the_same_words() -> None:
    sst = Field(id="f3", kind="licence", code="SST", label="SST", confidence=0.9,
                evidence=[Evidence(page=1, start=100, end=103, text="SST")])
    caces = Field(id="f4", kind="licence", code="CACES R489 3", label="CACES 3",
                  confidence=0.8, evidence=[Evidence(page=1, start=50, end=57, text="CACES 3")])
    loose = _competence("f1", "9", 100, 103)  # the matcher's reading of "SST"
    other = _competence("f2", "7", 10, 20)  # not a certification: untouched
    fields, _, added = merge_certifications(_certification_ref(), [sst, caces],
                                            [loose, other], _ids())
    assert [(f.code, f.method, f.confidence) for f in added] == [
        ("491617", "licence", 0.9), ("491586", "licence", 0.8)
    ]
    assert added[0].evidence == sst.evidence
    assert [f.id for f in fields] == ["f2"] + [f.id for f in added]
    assert loose not in fields


def test_certifications_already_proposed_or_unknown_are_not_added() -> None:
    sst = Field(id="f3", kind="licence", code="SST", label="SST", confidence=0.9,
                evidence=[Evidence(page=1, start=100, end=103, text="SST")])
    permit = Field(id="f4", kind="licence", code="B", label="Permis B", confidence=0.9)
    present = _competence("f1", "491617", 100, 103)
    fields, _, added = merge_certifications(_certification_ref(), [sst, permit], [present],
                                            _ids())
    assert added == [] and fields == [present]
    ref = Referential("empty", "1", "x")  # the referential lacks the item
    assert merge_certifications(ref, [sst], [], _ids()) == ([], [sst], [])


def test_savoirs_that_fact_fields_report_are_not_proposed_as_competences() -> None:
    assert reported_elsewhere(Item("1", "Anglais", "savoir", category="Langues"))
    assert reported_elsewhere(Item("2", "Permis de conduire B", "savoir"))
    assert reported_elsewhere(Item("3", "BTS Tourisme", "savoir"))
    assert not reported_elsewhere(Item("4", "Diplôme d'État d'infirmier", "savoir"))
    assert not reported_elsewhere(Item("5", "BTS Tourisme", "savoir-faire"))


def _diplomas(lines: list[str]) -> list[tuple[str, str, int | None, int | None]]:
    return [(f.code, f.label, f.level, f.year) for f in _fields(lines) if f.kind == "diploma"]


def test_the_brevet_is_not_reported() -> None:
    assert _diplomas(["Formation", "Diplôme national du brevet, 2011", "CAP Vente 2013"]) == [
        ("CAP", "CAP Vente", 3, 2013)
    ]


def test_a_diploma_in_progress_is_reported_with_its_expected_year() -> None:
    lines = [
        "Étudiante en 1re année de BTS Commerce international, je cherche une alternance",
        "Formation",
        "2026 – 2028 : BTS Commerce international (en alternance)",
        "2026 : Bac STMG",
    ]
    assert _diplomas(lines) == [
        ("BTS", "BTS Commerce international (en cours)", 5, 2028),
        ("Bac techno", "Bac STMG", 4, 2026),
    ]


def test_a_year_in_a_date_column_before_the_diplomas() -> None:
    lines = ["Formation", "2011", "CAP Cuisine", "2015", "Titre professionnel Cuisinier",
             "2019", "Formation HACCP (2 jours)"]
    assert _diplomas(lines) == [
        ("CAP", "CAP Cuisine", 3, 2011),
        ("Titre professionnel", "Titre professionnel Cuisinier", 3, 2015),
    ]


def test_a_year_in_a_date_column_after_the_diplomas() -> None:
    lines = ["Formation", "CAP Cuisine", "2011", "Bac pro Cuisine", "2013"]
    assert _diplomas(lines) == [
        ("CAP", "CAP Cuisine", 3, 2011), ("Bac pro", "Bac pro Cuisine", 4, 2013)
    ]


def test_the_education_section_dates_a_diploma_the_profile_mentions() -> None:
    lines = [
        "Profil",
        "Conseillère clientèle depuis 2019 après un BTS Banque en alternance.",
        "Formation",
        "BTS Banque, CFA de Metz, 2018",
    ]
    assert _diplomas(lines) == [("BTS", "BTS Banque", 5, 2018)]
    lines = ["Profil", "Titulaire d'un BTS Banque (2017) et de 5 ans d'expérience.",
             "Formation", "BTS Banque, CFA de Metz, 2018"]
    assert _diplomas(lines) == [("BTS", "BTS Banque", 5, 2018)]


def test_haccp_is_proposed_as_its_savoir_not_as_a_licence() -> None:
    """Both gold sets record HACCP as the ROME savoir 122435 and never as a licence (ROME
    files it under "Normes et procédés"): the licence parser's reading proposes the item, and
    the licence field leaves the facts."""
    ref = _certification_ref()
    ref.items["122435"] = Item("122435", "Système HACCP", "savoir", category="Méthodes")
    haccp = Field(id="f3", kind="licence", code="HACCP", label="HACCP", confidence=0.8,
                  evidence=[Evidence(page=1, start=10, end=15, text="HACCP")])
    sst = Field(id="f4", kind="licence", code="SST", label="SST", confidence=0.9)
    _, facts, added = merge_certifications(ref, [haccp, sst], [], _ids())
    assert [f.code for f in added] == ["122435", "491617"]
    assert facts == [sst]
    assert "HACCP" in savoir_only() and "SST" not in savoir_only()


def test_facts_beside_the_contact_details_are_read() -> None:
    got = _fields(["Marie DUPONT", "Contact", "06 00 00 00 00", "Permis B", "Anglais courant",
                   "Expérience", "Vendeuse 2019 – 2021"], {2: ""})
    assert [(f.kind, f.code) for f in got] == [("language", "en"), ("licence", "B")]


def test_a_level_below_its_language_is_read() -> None:
    got = _fields(["Compétences", "Excel", "Arabe dialectal :", "courant"])
    assert [(f.code, f.level) for f in got] == [("ar", "C1")]


def test_new_licence_codes_map_to_their_rome_items() -> None:
    items = licence_items()
    assert items["H0"] == items["B0"] == items["H0B0"] == "403171"
    assert items["B2VL"] == "489649"
    assert items["Attestation fluides frigorigènes cat. 1"] == "124206"
    assert items["Attestation fluides frigorigènes cat. 5"] == "489580"
    assert items["CACES R482 A"] == "490956"
