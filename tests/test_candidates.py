"""Candidate phrases: what the matcher gets to read, and where it sits in the CV."""

from __future__ import annotations

from datetime import date

from cvparse.engine.candidates import candidate_phrases
from cvparse.engine.document import Document, DocumentBuilder
from cvparse.engine.pipeline import Pipeline
from cvparse.engine.privacy import detect_and_mask
from cvparse.engine.sections import split_sections


def _document(lines: list[str]) -> Document:
    builder = DocumentBuilder("txt")
    for line in lines:
        builder.add_line(line)
    return builder.build()


def _phrases(pipeline: Pipeline, lines: list[str]) -> list[str]:
    document = _document(lines)
    sections = split_sections(document)
    privacy = detect_and_mask(document, sections, pipeline.known_words)
    phrases = candidate_phrases(sections, privacy)
    for phrase in phrases:  # every phrase points at its own words in the CV's text
        assert document.text[phrase.start : phrase.start + len(phrase.text)] == phrase.text
    return [p.text for p in phrases]


def test_each_side_of_a_coordination_is_a_phrase(pipeline: Pipeline) -> None:
    texts = _phrases(pipeline, [
        "Expérience professionnelle",
        "• Plonge et nettoyage du poste de travail",
        "• Welcome guests and take orders",
    ])
    assert "Plonge et nettoyage du poste de travail" in texts  # labels may coordinate too
    assert {"Plonge", "nettoyage du poste de travail"} <= set(texts)
    assert {"Welcome guests", "take orders"} <= set(texts)


def test_words_containing_et_are_not_cut(pipeline: Pipeline) -> None:
    texts = _phrases(pipeline, ["Compétences", "• Rédaction de budgets détaillés"])
    assert texts == ["Rédaction de budgets détaillés"]


def test_a_skill_said_beside_another_is_found(pipeline: Pipeline, today: date) -> None:
    raw = Pipeline(pipeline.referential, pipeline.index, calibration=None)
    draft = raw.parse_document(
        _document(["Expérience professionnelle", "Assistante administrative 2019 – 2022",
                   "• Gestion des agendas et organisation des rendez-vous de chantier"]),
        b"", "cv.txt", today=today,
    )
    labels = {f.label for f in draft.of_kind("competence")}
    assert "Gérer les agendas et planifier des rendez-vous" in labels
