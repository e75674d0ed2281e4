"""What a proposal learns from decisions, and what it never learns: one advisor's habit, one
person's CV, a phrase with personal data or a sensitive word, an add without evidence."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest

from cvparse.engine.learned import LearnedLayer, Pairing
from cvparse.service.feedback.decisions import DecisionRecord
from cvparse.service.feedback.propose import Thresholds, propose, read_proposal

AT = datetime(2026, 12, 1, tzinfo=UTC)
K3 = Thresholds(min_advisors=3, min_seekers=3, min_rate=0.6)


def _record(action: str, advisor: str, seeker: str | None, *, phrase: str = "soud arc",
            code: str | None = "100", new_code: str | None = None, evidence: str = "Soudure à "
            "l'arc", kind: str = "competence", checksum: str = "c", confidence: float = 0.7,
            document: str | None = None) -> DecisionRecord:
    return DecisionRecord(
        document_id=document or f"d-{seeker}-{advisor}", job_seeker_id=seeker,
        advisor_id=advisor, referential="rome@460", referential_checksum=checksum,
        pipeline_version="p", kind=kind, action=action, code=code, label="Souder",
        confidence=confidence if code else None,
        phrase=phrase, new_code=new_code, finalized=True, at=AT, evidence=evidence,
    )


def _propose(records, thresholds=K3, active=None):
    return propose(records, referential="rome@460", referential_checksum="c",
                   thresholds=thresholds, active=active, now=AT)


def test_rejections_by_enough_advisors_on_enough_cvs_suppress_the_pairing() -> None:
    records = [_record("reject", f"a{i}", f"s{i}") for i in range(3)]
    records.append(_record("confirm", "a9", "s9"))  # 3 of 4 rejected: 0.75 ≥ 0.6
    proposal = _propose(records)
    assert proposal.layer.suppressions == (Pairing("competence", "soud arc", "100"),)
    row = proposal.suppressions[0]
    assert (row["rejected"], row["decided"], row["advisors"], row["job_seekers"],
            row["rate"]) == (3, 4, 3, 3, 0.75)
    assert row["example"] == "Soudure à l'arc"


def test_one_advisor_rejecting_a_hundred_times_learns_nothing() -> None:
    records = [_record("reject", "a1", f"s{i}") for i in range(100)]
    assert _propose(records).layer.empty


def test_one_persons_cv_rejected_by_many_advisors_learns_nothing() -> None:
    records = [_record("reject", f"a{i}", "s1") for i in range(10)]
    assert _propose(records).layer.empty


def test_a_rate_below_the_threshold_learns_nothing() -> None:
    records = [_record("reject", f"a{i}", f"s{i}") for i in range(3)]
    records += [_record("confirm", f"b{i}", f"t{i}") for i in range(3)]  # 0.5 < 0.6
    assert _propose(records).layer.empty


@pytest.mark.parametrize("phrase,evidence", [
    ("jean dupont gmail com", "jean.dupont@gmail.com"),  # an e-mail
    ("mari", "Marie"),  # a given name
    ("maladi crohn", "Maladie de Crohn"),  # health
    ("syndicat cgt", "Délégué syndical CGT"),  # union
    ("catholiqu", "catholique pratiquant"),  # religion
])
def test_a_phrase_with_personal_data_or_a_sensitive_word_is_never_learned(
    phrase: str, evidence: str, caplog: pytest.LogCaptureFixture
) -> None:
    rejected = [_record("reject", f"a{i}", f"s{i}", phrase=phrase, evidence=evidence)
                for i in range(3)]
    added = [_record("add", f"a{i}", f"s{i}", phrase=phrase, evidence=evidence, code=None,
                     new_code="200") for i in range(3)]
    with caplog.at_level(logging.INFO, logger="cvparse.service.feedback"):
        proposal = _propose(rejected + added)
    assert proposal.layer.empty and proposal.dropped_unsafe == 2
    assert evidence not in proposal.to_json() and phrase not in proposal.to_json()
    assert all(evidence not in r.getMessage() and phrase not in str(r.__dict__)
               for r in caplog.records)


def test_additions_come_from_adds_with_evidence_and_from_edits() -> None:
    adds = [_record("add", f"a{i}", f"s{i}", code=None, new_code="200") for i in range(3)]
    no_evidence = [_record("add", f"b{i}", f"t{i}", code=None, new_code="300", phrase="",
                           evidence="") for i in range(5)]
    edits = [_record("edit", f"c{i}", f"u{i}", phrase="cariste", code="400", new_code="401",
                     evidence="Cariste") for i in range(3)]
    layer = _propose(adds + no_evidence + edits).layer
    assert layer.additions == (Pairing("competence", "cariste", "401"),
                               Pairing("competence", "soud arc", "200"))
    # an edit substitutes: the proposed pairing counts as rejected
    assert layer.suppressions == (Pairing("competence", "cariste", "400"),)


def test_only_learnable_kinds_and_this_referential_count() -> None:
    languages = [_record("reject", f"a{i}", f"s{i}", kind="language") for i in range(3)]
    other = [_record("reject", f"a{i}", f"s{i}", checksum="other") for i in range(3)]
    proposal = _propose(languages + other)
    assert proposal.layer.empty and proposal.decisions == 3


def test_the_next_layer_keeps_the_active_one_and_lists_only_what_is_new() -> None:
    active = LearnedLayer("c", 2, suppressions=(Pairing("competence", "old", "1"),))
    records = [_record("reject", f"a{i}", f"s{i}") for i in range(3)]
    proposal = _propose(records, active=active)
    assert proposal.layer.version == 3
    assert set(proposal.layer.suppressions) == {Pairing("competence", "old", "1"),
                                                Pairing("competence", "soud arc", "100")}
    assert [r["phrase"] for r in proposal.suppressions] == ["soud arc"]


def test_a_proposal_file_reads_back_and_anything_else_is_refused() -> None:
    proposal = _propose([_record("reject", f"a{i}", f"s{i}") for i in range(3)])
    data, layer, digest = read_proposal(proposal.to_json())
    assert layer == proposal.layer and data["referential"] == "rome@460" and len(digest) == 64
    for text in ("{", "[]", '{"kind": "something else"}'):
        with pytest.raises(ValueError):
            read_proposal(text)


def test_the_digest_is_the_content_not_the_version_nor_the_order() -> None:
    a, b = Pairing("competence", "x", "1"), Pairing("appellation", "y", "2")
    first = LearnedLayer("c", 1, suppressions=(a,), additions=(b,))
    assert first.digest == LearnedLayer("c", 7, suppressions=(a, a), additions=(b,)).digest
    assert first.label.startswith("v1:") and first.label != LearnedLayer("c", 7).label
    assert first.digest != LearnedLayer("other", 1, suppressions=(a,), additions=(b,)).digest
    with pytest.raises(ValueError):
        LearnedLayer("c", 1, suppressions=(Pairing("language", "x", "en"),))


def _overconfident(n: int, advisors: int = 4) -> list[DecisionRecord]:
    """Competences shown at 0.9 (or 0.3) of which advisors accept one in two (or none)."""
    out = []
    for i in range(n):
        high = i % 2 == 0
        action = "confirm" if high and i % 4 == 0 else "reject"
        out.append(_record(action, f"a{i % advisors}", f"s{i}", phrase=f"p{i}",
                           confidence=0.9 if high else 0.3, document=f"doc{i}"))
    return out


def test_an_overconfident_kind_is_recalibrated_when_held_out_decisions_agree() -> None:
    proposal = _propose(_overconfident(200), thresholds=Thresholds(3, 3, 0.99))
    (fit,) = proposal.calibration
    assert fit["kind"] == "competence" and fit["adopted"]
    assert fit["ece_after"] < fit["ece_before"]
    layer = proposal.layer
    # accepted one in two at 0.9, never at 0.3 (the engine's isotonic fit shrinks towards the
    # pooled rate, 0.25 here)
    assert 0.35 < layer.recalibrate("competence", 0.9) < 0.6
    assert layer.recalibrate("competence", 0.3) < 0.2
    assert layer.recalibrate("appellation", 0.9) == 0.9  # no curve: unchanged
    assert LearnedLayer.from_dict(layer.to_dict()) == layer


def test_no_recalibration_from_few_decisions_or_one_advisor() -> None:
    assert _propose(_overconfident(40)).calibration == []
    assert _propose(_overconfident(200, advisors=1)).calibration == []
