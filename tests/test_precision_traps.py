"""Precision traps: what a careless matcher proposes and cvparse must not (or less surely)."""

from __future__ import annotations

from datetime import date

from cvparse.engine.document import DocumentBuilder
from cvparse.engine.pipeline import Pipeline
from cvparse.engine.profile.models import DraftProfile


def _draft(pipeline: Pipeline, lines: list[str], today: date) -> DraftProfile:
    builder = DocumentBuilder("txt")
    for line in lines:
        builder.add_line(line)
    raw = Pipeline(pipeline.referential, pipeline.index, calibration=None)
    return raw.parse_document(builder.build(), b"", "cv.txt", today=today)


def test_cv_template_boilerplate_produces_nothing(pipeline: Pipeline, today: date) -> None:
    draft = _draft(pipeline, [
        "Curriculum vitae", "Compétences", "Expérience professionnelle", "Formation",
        "Langues", "Centres d'intérêt", "Références disponibles sur demande",
        "Références : sur demande", "Page 1/2",
    ], today)
    assert draft.fields == []


def test_lone_generic_words_produce_nothing(pipeline: Pipeline, today: date) -> None:
    draft = _draft(pipeline, ["Compétences", "• gestion", "• suivi", "• organisation",
                              "• travail"], today)
    assert draft.of_kind("competence") == []


def test_a_skill_under_hobbies_is_less_sure_than_in_a_job(pipeline: Pipeline, today: date) -> None:
    hobby = _draft(pipeline, ["Centres d'intérêt", "Pâtisserie, couture"], today)
    job = _draft(pipeline, ["Expérience professionnelle",
                            "Couturière 2015 – 2020", "• Couture"], today)
    (h,) = [f for f in hobby.of_kind("competence") if "Couture" in f.label]
    (j,) = [f for f in job.of_kind("competence") if "Couture" in f.label]
    assert h.confidence < j.confidence


def test_notions_lower_a_language_level(pipeline: Pipeline, today: date) -> None:
    draft = _draft(pipeline, ["Langues", "Anglais : notions", "Espagnol : courant"], today)
    levels = {f.code: f.level for f in draft.of_kind("language")}
    assert levels == {"en": "A1", "es": "C1"}


def test_job_words_in_tasks_are_not_jobs_held(pipeline: Pipeline, today: date) -> None:
    draft = _draft(pipeline, ["Expérience professionnelle", "Chef de rang 2018 – 2022",
                              "• Encadrement de 4 serveurs et d'un commis"], today)
    assert [f.label for f in draft.of_kind("appellation")] == ["Chef / Cheffe de rang"]
