"""The feedback report's figures on a small case computed by hand (issue #19 point 1):
10 decided proposals over two kinds with known confidences, and 3 fields added by hand."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cvparse.service.feedback.decisions import DecisionRecord
from cvparse.service.feedback.report import build

AT = datetime(2026, 12, 1, tzinfo=UTC)


def _r(doc: str, advisor: str, kind: str, action: str, code: str | None, conf: float | None,
       new_code: str | None = None, *, pipeline: str = "p1", referential: str = "rome@460",
       label: str | None = None) -> DecisionRecord:
    return DecisionRecord(
        document_id=doc, job_seeker_id=f"s-{doc}", advisor_id=advisor, referential=referential,
        referential_checksum="c", pipeline_version=pipeline, kind=kind, action=action,
        code=code, label=label or f"label {code or new_code}", confidence=conf,
        phrase="soudure a l arc", new_code=new_code, finalized=doc != "d3", at=AT)


# Hand-computed below: acceptance = confirmed / decided (decided = confirmed + rejected + edited).
CASE = [
    _r("d1", "A", "competence", "confirm", "100", 0.95),
    _r("d2", "A", "competence", "confirm", "100", 0.92),
    _r("d1", "A", "competence", "reject", "200", 0.75),
    _r("d2", "B", "competence", "reject", "200", 0.72),
    _r("d3", "B", "competence", "edit", "300", 0.55, "301"),
    _r("d3", "B", "competence", "confirm", "300", 0.15),
    _r("d1", "A", "language", "confirm", "en", 0.95),
    _r("d2", "A", "language", "edit", "en", 0.85, "en"),  # the level only: same code
    _r("d3", "B", "language", "reject", "es", 0.45),
    _r("d1", "A", "language", "confirm", "de", 0.85),
    _r("d1", "A", "competence", "add", None, None, "400"),
    _r("d2", "A", "competence", "add", None, None, "400"),
    _r("d3", "B", "language", "add", None, None, "it"),
]


def test_rates_by_kind_and_in_total() -> None:
    report = build(CASE, now=AT)
    (g,) = report.groups
    assert (g.referential, g.pipeline_version) == ("rome@460", "p1")
    assert (g.documents, g.finalized_documents, g.job_seekers, g.advisors) == (3, 2, 3, 2)
    t = g.total
    assert (t.confirmed, t.rejected, t.edited, t.edited_same_code, t.added) == (5, 3, 2, 1, 3)
    assert t.decided == 10
    assert (t.acceptance, t.rejection, t.edit_rate) == (0.5, 0.3, 0.2)
    assert t.hand_share == pytest.approx(3 / 10)  # 3 added / (5 + 2 + 3) kept
    # Wilson, 5 of 10, z = 1.96: centre 0.5, half-width 1.96 × √(.025 + .009604) / 1.384146
    assert t.acceptance_ci == pytest.approx((0.5 - 0.263410, 0.5 + 0.263410), abs=1e-6)
    kinds = {k.kind: k.counts for k in g.kinds}
    c, lang = kinds["competence"], kinds["language"]
    assert (c.decided, c.acceptance, c.rejection, c.edit_rate) == (6, 0.5, 2 / 6, 1 / 6)
    assert c.hand_share == pytest.approx(2 / 6)
    assert (lang.decided, lang.acceptance, lang.rejection, lang.edit_rate) == (4, .5, .25, .25)
    assert lang.edited_same_code == 1 and lang.hand_share == pytest.approx(1 / 4)


def test_rates_by_item_and_the_top_lists() -> None:
    g = build(CASE, min_count=2, now=AT).groups[0]
    items = {(i.kind, i.code): i.counts for i in g.items}
    assert set(items) == {("competence", c) for c in ("100", "200", "300", "400")} | {
        ("language", c) for c in ("de", "en", "es", "it")}
    assert items[("competence", "100")].acceptance == 1.0
    assert items[("competence", "200")].rejection == 1.0
    assert (items[("competence", "300")].confirmed, items[("competence", "300")].edited) == (1, 1)
    assert items[("competence", "400")].added == 2 and items[("competence", "400")].decided == 0
    assert items[("competence", "400")].acceptance is None  # no proposal: no rate
    assert [(i.code, i.counts.rejected) for i in g.most_rejected] == [("200", 2)]
    assert [(i.code, i.counts.added) for i in g.most_added] == [("400", 2)]
    loose = build(CASE, min_count=1, now=AT).groups[0]
    assert [i.code for i in loose.most_rejected] == ["200", "es"]
    assert [i.code for i in loose.most_added] == ["400", "it"]
    assert build(CASE, min_count=1, top=1, now=AT).groups[0].most_added[0].code == "400"


def test_reliability_bins_ece_and_brier() -> None:
    rel = build(CASE, now=AT).groups[0].reliability
    assert rel.n == 10  # added fields were never shown with a confidence
    bins = [(round(b.lo, 1), b.n, round(b.confidence, 4), b.acceptance) for b in rel.bins]
    assert bins == [(0.1, 1, 0.15, 1.0), (0.4, 1, 0.45, 0.0), (0.5, 1, 0.55, 0.0),
                    (0.7, 2, 0.735, 0.0), (0.8, 2, 0.85, 0.5), (0.9, 3, 0.94, 1.0)]
    # (1×.85 + 1×.45 + 1×.55 + 2×.735 + 2×.35 + 3×.06) / 10
    assert rel.ece == pytest.approx(0.42)
    # (.05² + .08² + .75² + .72² + .55² + .85² + .05² + .85² + .45² + .15²) / 10
    assert rel.brier == pytest.approx(0.30648)
    lang = build(CASE, now=AT).groups[0].reliability_by_kind["language"]
    assert lang.n == 4 and lang.ece == pytest.approx((0.45 + 2 * 0.35 + 0.05) / 4)


def test_acceptance_by_kind_and_confidence_band() -> None:
    cells = {(c.kind, c.lo): (c.n, c.confirmed, c.acceptance)
             for c in build(CASE, now=AT).groups[0].bands}
    assert cells == {
        ("competence", 0.0): (1, 1, 1.0), ("competence", 0.5): (1, 0, 0.0),
        ("competence", 0.7): (2, 0, 0.0), ("competence", 0.9): (2, 2, 1.0),
        ("language", 0.0): (1, 0, 0.0), ("language", 0.7): (2, 1, 0.5),
        ("language", 0.9): (1, 1, 1.0),
    }


def test_one_group_per_referential_and_pipeline_version_and_filters() -> None:
    more = [*CASE, _r("d4", "C", "competence", "confirm", "100", 1.0, pipeline="p2"),
            _r("d5", "C", "competence", "reject", "100", 0.5, referential="rome@459")]
    report = build(more, now=AT)
    assert [(g.referential, g.pipeline_version, g.total.decided) for g in report.groups] == [
        ("rome@459", "p1", 1), ("rome@460", "p1", 10), ("rome@460", "p2", 1)]
    assert report.groups[2].reliability.bins[0].lo == 0.9  # 1.0 falls in the last bin
    assert [g.referential for g in build(more, referential="rome@459").groups] == ["rome@459"]
    assert len(build(more, referential="rome").groups) == 3
    finalized = build(CASE, finalized_only=True).groups[0]
    assert finalized.documents == 2 and finalized.total.decided == 7


def test_nothing_personal_in_the_json() -> None:
    diploma = _r("d1", "A", "diploma", "confirm", "BTS", 0.9,
                 label="BTS MUC — Lycée Jean Moulin, Lyon")
    text = build([*CASE, diploma], now=AT).model_dump_json()
    assert "soudure" not in text and "Jean Moulin" not in text  # phrases, free-text titles
    assert not any(f'"{who}"' in text for who in ("A", "B", "s-d1", "d1"))  # ids: counted only
    (g,) = build([diploma]).groups
    assert (g.items[0].code, g.items[0].label) == ("BTS", "BTS")
    untyped = _r("d1", "A", "diploma", "edit", None, 0.8, None, label="Titre à la main")
    (g,) = build([untyped]).groups
    assert (g.items[0].code, g.items[0].label) == ("—", "—")
    assert g.total.edited_same_code == 1  # its title or year changed: no code to change
