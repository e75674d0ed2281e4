from __future__ import annotations

import pytest

from cvparse.engine.facts import (
    LanguageFact,
    find_languages,
    find_languages_in_lines,
    is_language_context,
)


def facts(line: str, section_hint: str | None = None) -> list[tuple[str, str | None]]:
    found = find_languages(line, section_hint)
    for fact in found:
        assert line[fact.start : fact.end] == fact.text
    return [(f.code, f.level) for f in found]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Anglais (B2), espagnol (notions)", [("en", "B2"), ("es", "A1")]),
        ("Langues : anglais courant, allemand scolaire", [("en", "C1"), ("de", "A2")]),
        ("Anglais B2 espagnol B1", [("en", "B2"), ("es", "B1")]),
        ("Langues: English (fluent), German (basic)", [("en", "C1"), ("de", "A2")]),
        ("Turc (maternelle), anglais (scolaire)", [("tr", "C2"), ("en", "A2")]),
        ("Notions d'anglais, courant en espagnol", [("en", "A1"), ("es", "C1")]),
        (
            "English: native; Spanish: professional working proficiency",
            [("en", "C2"), ("es", "B2")],
        ),
    ],
)
def test_several_languages_each_with_its_level(
    line: str, expected: list[tuple[str, str | None]]
) -> None:
    assert facts(line) == expected


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("Anglais : courant", "en"),
        ("English: fluent", "en"),
        ("Espagnol courant", "es"),
        ("Castillan courant", "es"),
        ("Spanish: fluent", "es"),
        ("Allemand courant", "de"),
        ("German fluent", "de"),
        ("Italien courant", "it"),
        ("Portugais courant", "pt"),
        ("Arabe courant", "ar"),
        ("Arabe littéraire courant", "ar"),
        ("Mandarin courant", "zh"),
        ("Chinois courant", "zh"),
        ("Russe courant", "ru"),
        ("Japonais courant", "ja"),
        ("Néerlandais courant", "nl"),
        ("Polonais courant", "pl"),
        ("Polish: fluent", "pl"),
        ("Roumain courant", "ro"),
        ("Turc courant", "tr"),
        ("Wolof courant", "wo"),
        ("Bambara courant", "bm"),
        ("Lingala courant", "ln"),
        ("Créole courant", "cpf"),
        ("Créole haïtien courant", "ht"),
        ("Créole réunionnais courant", "rcf"),
        ("Kabyle courant", "kab"),
        ("Tamoul courant", "ta"),
        ("Ukrainien courant", "uk"),
        ("Français courant", "fr"),
        ("Langue des signes française (LSF) : courant", "fsl"),
        ("LSF courant", "fsl"),
        ("Langue anglaise : courant", "en"),
    ],
)
def test_language_names(line: str, code: str) -> None:
    assert facts(line) == [(code, "C1")]


@pytest.mark.parametrize(
    ("line", "level"),
    [
        # explicit CEFR codes
        ("Anglais B2", "B2"),
        ("Anglais : niveau C1", "C1"),
        ("Anglais niveau A2", "A2"),
        ("Anglais (CECRL B1)", "B1"),
        ("Anglais : B1/B2", "B1"),
        ("Anglais : C1 (TOEIC 850)", "C1"),  # the stated CEFR code wins over the score
        ("English – C1 (TOEIC 850)", "C1"),
        # words
        ("Anglais : débutant", "A1"),
        ("English: beginner", "A1"),
        ("Anglais : notions", "A1"),  # as both gold sets code it (A2 before 2026-12)
        ("Anglais : quelques notions", "A1"),
        ("Anglais : bases", "A2"),
        ("English: basic", "A2"),
        ("Anglais scolaire", "A2"),
        ("Anglais : intermédiaire", "B1"),
        ("English: intermediate", "B1"),
        ("Anglais : niveau moyen", "B1"),
        ("Anglais lu et parlé", "B1"),
        ("Anglais : bon niveau", "B2"),
        ("Anglais opérationnel", "B2"),
        ("English: professional working proficiency", "B2"),
        ("English: upper-intermediate", "B2"),
        ("Anglais courant", "C1"),
        ("English: fluent", "C1"),
        ("Anglais : lu, écrit, parlé", "C1"),
        ("Anglais : très bon niveau", "C1"),
        ("Anglais : bilingue", "C2"),
        ("English: bilingual", "C2"),
        ("Français langue maternelle", "C2"),
        ("Arabe (maternelle)", "C2"),
        ("English: native", "C2"),
        ("English (mother tongue)", "C2"),
        ("Langue maternelle : arabe", "C2"),
        ("Courant en anglais", "C1"),
        ("Fluent English", "C1"),
        # scores beat words
        ("Anglais courant (TOEIC 750)", "B1"),
        ("Anglais courant, TOEIC 850", "B2"),
        ("Anglais : TOEIC 950", "C1"),
        ("Anglais : TOEIC 800/990", "B2"),
        ("Anglais : TOEIC 600", "B1"),
        ("Anglais : TOEIC 300", "A2"),
        ("Anglais : 880 points au TOEIC", "B2"),
        ("English: TOEFL iBT 100", "C1"),
        ("English: TOEFL iBT 80", "B2"),
        ("English: IELTS 7.5", "C1"),
        ("English: IELTS 6.5", "B2"),
        ("English: IELTS 5,5", "B2"),
        ("Anglais : Cambridge FCE", "B2"),
        ("Français : DELF B2", "B2"),
        ("Français : DALF C1", "C1"),
    ],
)
def test_levels(line: str, level: str) -> None:
    found = facts(line)
    assert len(found) == 1, found
    assert found[0][1] == level


def test_level_text_and_span() -> None:
    [fact] = find_languages("Compétences : Anglais (B2), utilisé au quotidien")
    assert fact == LanguageFact("en", "B2", "B2", "Anglais (B2)", 14, 26, "cefr")


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("Anglais : B2", "cefr"),
        ("Anglais : TOEIC 850", "test"),
        ("Français : DELF B2", "test"),
        ("Anglais courant", "words"),
    ],
)
def test_level_source(line: str, source: str) -> None:
    assert find_languages(line)[0].level_source == source
    assert find_languages("Anglais", "languages")[0].level_source is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("TOEIC 850", [("en", "B2")]),
        ("TOEFL iBT 100", [("en", "C1")]),
        ("IELTS 7", [("en", "C1")]),
        ("DELF B2", [("fr", "B2")]),
        ("DELE C1", [("es", "C1")]),
    ],
)
def test_a_test_alone_implies_its_language(
    line: str, expected: list[tuple[str, str | None]]
) -> None:
    assert facts(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Anglais et espagnol courants", [("en", "C1"), ("es", "C1")]),
        ("Bilingue français/anglais", [("fr", "C2"), ("en", "C2")]),
        ("Fluent in English and French", [("en", "C1"), ("fr", "C1")]),
        ("Wolof, bambara (langues maternelles)", [("wo", "C2"), ("bm", "C2")]),
        # singular after a comma: only the last language is known to be fluent; the other
        # one is listed all the same, without a level
        ("Anglais, espagnol : courant", [("en", None), ("es", "C1")]),
        ("Anglais courant et espagnol", [("en", "C1"), ("es", None)]),
    ],
)
def test_one_level_for_a_list(line: str, expected: list[tuple[str, str | None]]) -> None:
    assert facts(line) == expected


def test_section_hint_makes_a_bare_name_count() -> None:
    assert facts("Anglais") == []
    assert facts("Anglais", "languages") == [("en", None)]
    assert facts("Lingala, français, anglais", "languages") == [
        ("ln", None),
        ("fr", None),
        ("en", None),
    ]


def test_a_label_makes_bare_names_count() -> None:
    assert facts("Langues : anglais, espagnol") == [("en", None), ("es", None)]
    assert facts("Languages: English, German (basic)") == [("en", None), ("de", "A2")]
    assert is_language_context("Langues étrangères : anglais")
    assert not is_language_context("Anglais courant")


@pytest.mark.parametrize(
    ("line", "section_hint"),
    [
        ("Professeur d'anglais au collège", None),
        ("Professeur d'anglais au collège", "languages"),
        ("Enseignante d'espagnol (remplacements)", None),
        ("Formateur d'anglais courant 2018", None),
        ("Cuisine italienne et française", None),
        ("Cuisinier en restaurant italien", None),
        ("Restaurant chinois - serveur", None),
        ("Serveur au restaurant chinois, service courant", None),
        ("Nationalité : française", None),
        ("Nationalité française", "languages"),
        ("Nationalité : Français", "languages"),
        ("Anglais", None),
        ("Anglais technique", None),
        ("nail polish, fluent", None),
        ("Capable de travailler en anglais", None),
        ("Permis B, C1", None),
        ("Clientèle anglaise et allemande", None),
        ("Marché chinois : bon niveau de ventes", None),
    ],
)
def test_not_a_language_skill(line: str, section_hint: str | None) -> None:
    assert facts(line, section_hint) == []


def test_language_level_is_not_taken_from_another_clause() -> None:
    assert facts("Permis B, anglais B2") == [("en", "B2")]
    assert facts("Anglais : A2 ; Permis B") == [("en", "A2")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # one line, no label, no Languages heading: the levelled ones make it a list
        ("Anglais, espagnol, allemand (notions)", [("en", None), ("es", None), ("de", "A1")]),
        ("Portugais (maternelle), anglais, italien", [("pt", "C2"), ("en", None), ("it", None)]),
        ("English (C1) / German / Polish", [("en", "C1"), ("de", None), ("pl", None)]),
    ],
)
def test_a_list_on_one_line(line: str, expected: list[tuple[str, str | None]]) -> None:
    assert facts(line) == expected


def test_a_list_needs_one_level_to_count_outside_a_languages_section() -> None:
    assert facts("Anglais, espagnol") == []


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("Englais : courant", "en"),
        ("Anglai courant", "en"),
        ("Espagnole : courant", "es"),  # the adjective for the noun, a usual slip
        ("Español: fluent", "es"),
        ("Allemande courant", "de"),
        ("Allmand courant", "de"),
        ("Italienne : courant", "it"),
        ("Italiano fluent", "it"),
        ("Portuguais courant", "pt"),
        ("Português: fluent", "pt"),
        ("Arab: fluent", "ar"),
        ("Arabe marocain courant", "ar"),
        ("Deutsch: fluent", "de"),
    ],
)
def test_usual_misspellings_and_native_names(line: str, code: str) -> None:
    assert facts(line) == [(code, "C1")]


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("Espagnol : compris", "A2"),  # understood, not spoken
        ("Arabe : compris et parlé", None),
        ("Kabyle (parlé à la maison)", None),
        ("Créole : compréhension orale", None),
        ("Turkish (spoken)", None),
        # self-ratings on the CV's own scale are no CEFR level
        ("Anglais ●●●●○", None),
        ("Espagnol ★★☆☆☆", None),
        ("English 4/5", None),
        ("Italien : 6/10", None),
    ],
)
def test_known_but_no_level_written(line: str, level: str | None) -> None:
    assert facts(line) == [(facts(line)[0][0], level)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("TCF tout public : 452", [("fr", "B2")]),
        ("TCF 530", [("fr", "C1")]),
        ("Cambridge English C1 Advanced (2021)", [("en", "C1")]),
        ("Linguaskill B2", [("en", "B2")]),
        ("Goethe-Zertifikat B1", [("de", "B1")]),
        ("DELE A2 (Instituto Cervantes)", [("es", "A2")]),
        ("TOEFL ITP 560", [("en", "B2")]),
        ("IELTS Academic 6.5", [("en", "B2")]),
        ("Espagnol : DELE B1", [("es", "B1")]),
    ],
)
def test_certificates_give_their_cefr_level(
    line: str, expected: list[tuple[str, str | None]]
) -> None:
    assert facts(line) == expected


def test_a_language_in_brackets_details_the_one_before_it() -> None:
    assert facts("Allemand : courant (souabe en famille)") == [("de", "C1")]
    assert facts("Arabe : bilingue (dialecte kabyle)") == [("ar", "C2")]
    # a language with a level of its own in the brackets still counts
    assert facts("Espagnol : courant (catalan : notions)") == [("es", "C1"), ("ca", "A1")]


def test_a_dialect_keeps_the_level_on_its_line() -> None:
    assert facts("Arabe dialectal : courant") == [("ar", "C1")]
    assert facts("Arabe maghrébin (langue maternelle)") == [("ar", "C2")]


def _block(lines: list[str], hint: str | None = None) -> list[list[tuple[str, str | None]]]:
    found = find_languages_in_lines(lines, [hint] * len(lines))
    for line, line_facts in zip(lines, found, strict=True):
        for fact in line_facts:
            assert line[fact.start : fact.end] == fact.text
    return [[(f.code, f.level) for f in line_facts] for line_facts in found]


def test_a_level_on_the_line_below_its_language() -> None:
    assert _block(["Portugais :", "langue maternelle", "Anglais", "B1"], "languages") == [
        [("pt", "C2")], [], [("en", "B1")], [],
    ]
    # a sidebar with no Languages heading: the level line still says it
    assert _block(["Word, Excel", "Allemand –", "Courant"], "skills") == [
        [], [("de", "C1")], [],
    ]
    # a rating drawn under the name gives no level, but says it is a language
    assert _block(["Italien", "●●●○○"], "skills") == [[("it", None)], []]


def test_a_bare_name_among_language_lines_is_a_language() -> None:
    assert _block(["Anglais : B2", "Néerlandais", "Russe (notions)"], "skills") == [
        [("en", "B2")], [("nl", None)], [("ru", "A1")],
    ]
    # but not on its own, nor beside lines that are not languages
    assert _block(["Gestion de stock", "Anglais", "Excel"], "skills") == [[], [], []]


def test_lines_to_skip_are_empty() -> None:
    assert _block(["", "Courant"], "skills") == [[], []]


def test_y_compris_is_not_a_level() -> None:
    assert facts("Anglais courant, y compris technique") == [("en", "C1")]
    assert facts("Espagnol (y compris à l'écrit) : B1") == [("es", "B1")]
