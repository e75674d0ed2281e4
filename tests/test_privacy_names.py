"""Names written as many CVs write them — no civility, no capitals — are masked before matching,
and masking a name never hides a lower-case word of the trade."""

from __future__ import annotations

from datetime import date

from cvparse.engine.document import DocumentBuilder
from cvparse.engine.match.normalise import KnownWords
from cvparse.engine.pipeline import Pipeline
from cvparse.engine.privacy import detect_and_mask
from cvparse.engine.sections import split_sections


def _masked(lines: list[str], vocabulary: set[str]) -> str:
    builder = DocumentBuilder("txt")
    for line in lines:
        builder.add_line(line)
    doc = builder.build()
    return detect_and_mask(doc, split_sections(doc), KnownWords(vocabulary)).masked_text


def test_a_name_whose_words_are_job_vocabulary_is_masked_at_the_top() -> None:
    # "julien" (julienne) and "martin" are both referential words here, as in a full ROME.
    text = _masked(["Julien Martin", "Tailleur de pierre", "Expérience"],
                   {"julien", "martin", "tailleur", "pierre"})
    assert "Julien" not in text and "Martin" not in text
    assert "Tailleur de pierre" in text


def test_a_headline_of_job_words_is_not_taken_for_a_name() -> None:
    text = _masked(["Développeur Web", "Expérience"], {"developpeur", "web"})
    assert "Développeur Web" in text


def test_the_name_is_masked_elsewhere_but_not_a_lower_case_word_of_the_trade() -> None:
    text = _masked(
        ["Pierre DUBOIS", "Tailleur de pierre", "Expérience", "Taille de pierre, PIERRE DUBOIS"],
        {"pierre", "tailleur", "taille"},
    )
    assert "Pierre" not in text and "PIERRE" not in text and "DUBOIS" not in text
    assert text.count("pierre") == 2  # the trade's word, twice


def test_a_plain_name_never_becomes_a_skill_or_a_metier(pipeline: Pipeline, today: date) -> None:
    cv = ["Julien Martin", "Tailleur de pierre", "", "EXPÉRIENCE",
          "2015 - 2024 : Tailleur de pierre, Atelier de restauration",
          "- Taille de pierre et restauration de monuments historiques"]
    builder = DocumentBuilder("txt")
    for line in cv:
        builder.add_line(line)
    draft = pipeline.parse_document(builder.build(), b"cv", "cv.txt", today=today)
    evidence = {e.text for f in draft.fields for e in f.evidence}
    assert not any("Martin" in text or "Julien" in text for text in evidence)
    assert "F1612" in {f.code for f in draft.of_kind("metier")}  # tailleur de pierre
    assert draft.excluded.get("identity")


def test_surname_particles_are_masked_on_the_name_line_only() -> None:
    text = _masked(["Yannick LE GOFF", "Formateur", "Suivi dans le logiciel de suivi"],
                   {"formateur", "suivi", "logiciel"})
    assert "Yannick" not in text and "LE GOFF" not in text
    assert "dans le logiciel de suivi" in text
