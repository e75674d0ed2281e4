"""Does learning from advisors' decisions help? A simulation on gold sets (issue #19, point 5).

Simulated advisors review the drafts of one half of a gold set (the calibration half,
`in_calibration_split`): they confirm each proposed competence or appellation the gold holds,
reject the others, and add each missing gold competence with its evidence when the gold names
one (the development set's `evidence`; the samples' `competence_notes`, "phrase → label").
`cvparse.service.feedback.propose` turns those decisions into a learned layer, which is applied;
the other half is then measured with and without it: precision and recall of competences and
appellations, and the ECE of all proposals (each one "right" when an advisor following the
gold would confirm it — the ECE measured on decisions).

The thresholds are adapted to a simulation and say so: each CV is its own job seeker and its
own advisor, so `k = 1` (in service, k ≥ 3: one person's CV must never teach); the rejection
rate must still reach 0.6. The privacy filter runs as in service.

    .venv/bin/python benchmarks/feedback_simulation.py samples ../shared/devset
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cvparse.engine.learned import field_phrase, phrase_key  # noqa: E402
from cvparse.engine.pipeline import Pipeline  # noqa: E402
from cvparse.quality.evaluation.gold import (  # noqa: E402
    Gold,
    in_calibration_split,
    load_gold_dir,
    restrict,
)
from cvparse.quality.evaluation.metrics import aggregate  # noqa: E402
from cvparse.quality.evaluation.run import GOLD_DATE, evaluate_gold  # noqa: E402
from cvparse.service.feedback.decisions import DecisionRecord  # noqa: E402
from cvparse.service.feedback.propose import Thresholds, propose  # noqa: E402
from cvparse.service.registry import get_pipeline, registry  # noqa: E402

SIMULATION = Thresholds(min_advisors=1, min_seekers=1, min_rate=0.6)
KINDS = ("competence", "appellation")
AT = datetime(2026, 12, 1, tzinfo=UTC)


def gold_evidence(directory: Path) -> dict[str, dict[str, str]]:
    """Per CV stem, the evidence text the gold gives for each competence code."""
    out: dict[str, dict[str, str]] = {}
    for path in sorted((directory / "gold").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "file" in data:  # the development set: each competence with its evidence
            stem = Path(data["file"]).stem
            out[stem] = {str(c["code_ogr"]): c["evidence"] for c in data.get("competences", [])
                         if c.get("evidence")}
        else:  # the samples: "phrase / phrase → label" notes
            out[path.stem] = {code: note.split("→")[0].split(" / ")[0].strip()
                              for code, note in data.get("competence_notes", {}).items()
                              if "→" in note}
    return out


def simulate_decisions(pipeline: Pipeline, golds: list[Gold],
                       evidence: dict[str, dict[str, str]]) -> list[DecisionRecord]:
    ref = pipeline.referential
    records = []
    for gold in golds:
        gold = restrict(gold, ref)
        draft = pipeline.parse(gold.cv.read_bytes(), gold.cv.name, today=GOLD_DATE)
        expected = {"competence": gold.competences, "appellation": gold.appellations}

        def record(kind: str, action: str, code: str | None, new_code: str | None,
                   phrase: str, text: str, confidence: float | None, stem: str = gold.stem,
                   version: str = draft.pipeline_version) -> DecisionRecord:
            return DecisionRecord(
                document_id=stem, job_seeker_id=stem, advisor_id=stem, referential=ref.ref,
                referential_checksum=ref.checksum, pipeline_version=version,
                kind=kind, action=action, code=code, label="", confidence=confidence,
                phrase=phrase, new_code=new_code, finalized=True, at=AT, evidence=text)

        proposed = set()
        for f in draft.fields:
            if f.kind not in KINDS or not f.code:
                continue
            proposed.add(f.code)
            action = "confirm" if f.code in expected[f.kind] else "reject"
            records.append(record(f.kind, action, f.code, None, field_phrase(f),
                                  f.evidence[0].text if f.evidence else "", f.confidence))
        for code, text in evidence.get(gold.stem, {}).items():
            if code in gold.competences and code not in proposed:
                records.append(record("competence", "add", None, code, phrase_key(text), text,
                                      None))
    return records


def measure(pipeline: Pipeline, golds: list[Gold]) -> dict[str, float]:
    report = aggregate(pipeline.referential.ref,
                       [r for r, _ in evaluate_gold(pipeline, golds)], None)
    out = {}
    for kind in KINDS:
        c = report.counts[kind]
        out[f"{kind}_precision"], out[f"{kind}_recall"] = c.precision, c.recall
    out["ece"] = report.ece if report.ece is not None else float("nan")
    return out


def run(directory: Path, pipeline: Pipeline) -> dict:
    golds = load_gold_dir(directory)
    train = [g for g in golds if in_calibration_split(g.stem)]
    test = [g for g in golds if not in_calibration_split(g.stem)]
    records = simulate_decisions(pipeline, train, gold_evidence(directory))
    ref = pipeline.referential
    proposal = propose(records, referential=ref.ref, referential_checksum=ref.checksum,
                       thresholds=SIMULATION)
    layered = registry().with_learned(pipeline, proposal.layer)
    return {
        "set": str(directory), "train_cvs": len(train), "test_cvs": len(test),
        "decisions": len(records),
        "suppressions": len(proposal.layer.suppressions),
        "additions": len(proposal.layer.additions),
        "dropped_unsafe": proposal.dropped_unsafe,
        "recalibration": proposal.calibration,
        "without": measure(pipeline, test), "with": measure(layered, test),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="+", type=Path, help="gold sets (samples, ../shared/devset)")
    args = parser.parse_args()
    pipeline = get_pipeline()
    for directory in args.dirs:
        result = run(directory, pipeline)
        print(f"{result['set']}: {result['train_cvs']} CVs reviewed ({result['decisions']} "
              f"decisions) → {result['suppressions']} suppressions, {result['additions']} "
              f"additions ({result['dropped_unsafe']} unsafe dropped); measured on "
              f"{result['test_cvs']} other CVs")
        for fit in result["recalibration"]:
            print(f"  recalibration {fit['kind']}: held-out ECE {fit['ece_before']:.3f} → "
                  f"{fit['ece_after']:.3f} ({'adopted' if fit['adopted'] else 'not adopted'})")
        for name in result["without"]:
            before, after = result["without"][name], result["with"][name]
            print(f"  {name:24} {before:.3f} → {after:.3f} ({after - before:+.3f})")


if __name__ == "__main__":
    main()
