"""A learned layer in the pipeline: a suppression stops that item from that phrase only, an
addition is matched like a curated synonym, the draft names the layer, the registry keeps one
pipeline per layer, and a layer that makes fairness twins differ is refused."""

from __future__ import annotations

from datetime import date

import pytest
import typer

from cvparse.engine.learned import LearnedLayer, Pairing, field_phrase, phrase_key
from cvparse.engine.pipeline import Pipeline
from cvparse.quality import fairness
from cvparse.quality.fairness import Pair
from cvparse.service.registry import registry

CV = """Paul DURAND
Maître-nageur sauveteur

EXPÉRIENCE
2019 - 2024 : Maître-nageur sauveteur, Piscine municipale, Lyon
- Surveillance des bassins
- Enseignement de la natation

COMPÉTENCES
- Secourisme
- Surveillance des bassins aquatiques
"""


def _keys(pipeline: Pipeline, today: date, text: str = CV) -> set[tuple[str, str, str]]:
    draft = pipeline.parse(text.encode(), "cv.txt", today=today)
    return {(f.kind, f.code, field_phrase(f)) for f in draft.fields
            if f.kind in ("competence", "appellation")}


def _evidence(pipeline: Pipeline, today: date) -> dict[tuple[str, str], set[str]]:
    draft = pipeline.parse(CV.encode(), "cv.txt", today=today)
    return {(f.kind, f.code): {phrase_key(e.text) for e in f.evidence} for f in draft.fields
            if f.kind in ("competence", "appellation")}


def test_a_suppression_removes_that_item_from_that_phrase_only(
    pipeline: Pipeline, today: date
) -> None:
    item = ("competence", "478390")
    before = _evidence(pipeline, today)
    assert before[item] == {"surveill bassin", "surveill bassin aquatique"}
    layer = LearnedLayer(pipeline.referential.checksum,
                         suppressions=(Pairing("competence", "surveill bassin", "478390"),))
    layered = registry().with_learned(pipeline, layer)
    after = _evidence(layered, today)
    # the same item is still proposed from the other phrase, and nothing else moved
    assert after == {**before, item: {"surveill bassin aquatique"}}
    draft = layered.parse(CV.encode(), "cv.txt", today=today)
    assert draft.referential.learned == layer.label
    both = LearnedLayer(pipeline.referential.checksum, suppressions=(
        Pairing("competence", "surveill bassin", "478390"),
        Pairing("competence", "surveill bassin aquatique", "478390")))
    assert item not in _evidence(registry().with_learned(pipeline, both), today)


def test_an_addition_is_matched_like_a_curated_synonym(pipeline: Pipeline, today: date) -> None:
    phrase = "enseign natation"
    before = _keys(pipeline, today)
    assert not any(p == phrase for _, _, p in before)
    layer = LearnedLayer(pipeline.referential.checksum,
                         additions=(Pairing("competence", phrase, "118197"),))
    layered = registry().with_learned(pipeline, layer)
    assert _keys(layered, today) - before == {("competence", "118197", phrase)}
    field = next(f for f in layered.parse(CV.encode(), "cv.txt", today=today).fields
                 if f.code == "118197")
    assert field.method == "synonym" and field.evidence[0].text == "Enseignement de la natation"


def test_a_learned_word_never_changes_what_is_masked(pipeline: Pipeline) -> None:
    """Minimisation tells job words from names with the referential's own vocabulary: a
    learned synonym "durand" must not make a Mr Durand's name a job word."""
    layer = LearnedLayer(pipeline.referential.checksum,
                         additions=(Pairing("competence", "durand", "118197"),))
    layered = registry().with_learned(pipeline, layer)
    assert "durand" in layered.index.vocab and "durand" not in pipeline.index.vocab
    assert layered.known_words.keys == pipeline.known_words.keys


def test_a_recalibration_moves_the_confidence_of_its_kind_only(
    pipeline: Pipeline, today: date
) -> None:
    layer = LearnedLayer(pipeline.referential.checksum,
                         calibration=(("competence", (0.0, 1.0), (0.1, 0.2)),))
    layered = registry().with_learned(pipeline, layer)
    before = pipeline.parse(CV.encode(), "cv.txt", today=today).fields
    after = layered.parse(CV.encode(), "cv.txt", today=today).fields
    assert [f.code for f in before] == [f.code for f in after]
    for old, new in zip(before, after, strict=True):
        if old.kind == "competence":
            assert new.confidence == round(0.1 + 0.1 * old.confidence, 4)
        else:
            assert new.confidence == old.confidence


def test_the_registry_keeps_one_pipeline_per_layer(pipeline: Pipeline) -> None:
    checksum = pipeline.referential.checksum
    one = LearnedLayer(checksum, suppressions=(Pairing("competence", "x", "1"),))
    same = LearnedLayer(checksum, 5, suppressions=(Pairing("competence", "x", "1"),))
    other = LearnedLayer(checksum, suppressions=(Pairing("competence", "y", "1"),))
    first = registry().with_learned(pipeline, one)
    assert first is not pipeline and first.index is pipeline.index  # no addition: one index
    assert registry().with_learned(pipeline, one) is first
    assert registry().with_learned(pipeline, other) is not first
    assert registry().with_learned(pipeline, LearnedLayer(checksum)) is pipeline  # empty
    assert registry().with_learned(first, None) is pipeline
    # same content, another version number: another label, so another pipeline and draft
    assert registry().with_learned(pipeline, same).learned.label != first.learned.label
    with pytest.raises(ValueError):
        Pipeline(pipeline.referential, learned=LearnedLayer("another referential"))


MENAGE = """{civ} {first} MARTIN
{title}

EXPÉRIENCE
2019 - 2024 : {title}, Société Net, Lyon
"""


def test_a_layer_that_makes_fairness_twins_differ_is_refused(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Gender forms mostly fold to one phrase ("infirmier", "infirmière"), but not all: a
    suppression learned from "femme de ménage" alone would take the métier from women only."""
    from cvparse.cli.learn import _refuse_if_unfair

    twins = Pair("menage", "gender",
                 MENAGE.format(civ="M.", first="Julien", title="Homme de ménage"),
                 MENAGE.format(civ="Mme", first="Julie", title="Femme de ménage"))
    monkeypatch.setattr(fairness, "pairs", lambda: [twins])
    assert all(r.fair for r in fairness.check(pipeline))
    _refuse_if_unfair(pipeline, None, _console())  # the base passes
    fair_layer = LearnedLayer(pipeline.referential.checksum, suppressions=(
        Pairing("appellation", "femme menage", "14774"),
        Pairing("appellation", "homme menage", "14774")))
    _refuse_if_unfair(pipeline, fair_layer, _console())  # both forms: the twins stay equal
    unfair_layer = LearnedLayer(pipeline.referential.checksum, suppressions=(
        Pairing("appellation", "femme menage", "14774"),))
    console = _console()
    with pytest.raises(typer.Exit) as refused:
        _refuse_if_unfair(pipeline, unfair_layer, console)
    assert refused.value.exit_code == 1
    assert "refused" in console.file.getvalue() and "K1304" in console.file.getvalue()


def _console():
    import io

    from rich.console import Console

    return Console(file=io.StringIO(), width=200)
