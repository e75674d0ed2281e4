"""Time the whole `parse` of sample CVs (language data and referential index already loaded).

Prints, per CV and overall, the median and p95 of: text extraction, sections + minimisation +
candidate phrases, matching, draft building, and the total. Run on one core:

    taskset -c 0 .venv/bin/python benchmarks/parse_speed.py --repeat 30
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date
from pathlib import Path

from cvparse.engine.candidates import candidate_phrases
from cvparse.engine.extract import extract_document
from cvparse.engine.match.normalise import preload
from cvparse.engine.privacy import detect_and_mask
from cvparse.engine.profile.build import build_fields
from cvparse.engine.sections import split_sections
from cvparse.service.referentials.store import load_default
from cvparse.service.registry import registry

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
STAGES = ("extract", "sections+privacy+phrases", "match", "draft", "total")


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def time_one(pipeline, data: bytes, name: str, today: date) -> dict[str, float]:
    t0 = time.perf_counter()
    document = extract_document(data, name)
    t1 = time.perf_counter()
    sections = split_sections(document)
    privacy = detect_and_mask(document, sections, pipeline.known_words)
    phrases = candidate_phrases(sections, privacy)
    t2 = time.perf_counter()
    matches = pipeline.match_phrases(phrases)
    t3 = time.perf_counter()
    build_fields(pipeline.referential, pipeline.links, sections, privacy, matches, today)
    t4 = time.perf_counter()
    return {
        "extract": t1 - t0,
        "sections+privacy+phrases": t2 - t1,
        "match": t3 - t2,
        "draft": t4 - t3,
        "total": t4 - t0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="CVs (default: samples/)")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    files = args.files or sorted(
        p for p in SAMPLES.iterdir() if p.suffix in {".pdf", ".docx", ".txt"}
    )
    t = time.perf_counter()
    preload()
    pipeline = registry().for_referential(load_default())
    print(f"startup (language data + referential index): {time.perf_counter() - t:.2f} s")
    today = date(2026, 11, 23)
    per_stage: dict[str, list[float]] = {s: [] for s in STAGES}
    two_page: list[float] = []
    print(f"{'file':34} {'pages':>5} {'median ms':>10} {'p95 ms':>8}")
    for path in files:
        data = path.read_bytes()
        pages = len(extract_document(data, path.name).pages)
        time_one(pipeline, data, path.name, today)  # warm the per-word caches once
        runs = [time_one(pipeline, data, path.name, today) for _ in range(args.repeat)]
        for stage in STAGES:
            per_stage[stage].extend(r[stage] for r in runs)
        totals = [r["total"] * 1000 for r in runs]
        if pages == 2:
            two_page.extend(totals)
        print(
            f"{path.name:34} {pages:>5} {statistics.median(totals):>10.1f} {_p95(totals):>8.1f}"
        )
    print("\nstage                        median ms   p95 ms   (all CVs)")
    for stage in STAGES:
        values = [v * 1000 for v in per_stage[stage]]
        print(f"{stage:28} {statistics.median(values):>9.1f} {_p95(values):>8.1f}")
    if two_page:
        print(
            f"\ntwo-page CVs, whole parse: median {statistics.median(two_page):.1f} ms, "
            f"p95 {_p95(two_page):.1f} ms (target ≤ 100 ms median)"
        )


if __name__ == "__main__":
    main()
