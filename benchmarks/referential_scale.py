"""Referential at real scale: import, index build, cached load, matching time, memory, growth.

    taskset -c 0 .venv/bin/python benchmarks/referential_scale.py --rome ../shared/rome/v460

Prints:
1. importing the official ROME 4.0 export (CSV → installed referential) and building its index;
2. opening it again from the on-disk cache, in a fresh process, with its resident memory after
   parsing every sample CV;
3. the time to go from extracted text to draft (sections, minimisation, phrases, matching,
   draft) per sample CV at the median, extraction excluded;
4. how that matching time grows with the referential's size: 1k, 10k, the full ~47k labels,
   and a synthetic 200k (ROME labels recombined with each other's words).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cvparse.engine.extract import extract_document  # noqa: E402
from cvparse.engine.match.normalise import preload  # noqa: E402
from cvparse.engine.pipeline import Pipeline  # noqa: E402
from cvparse.engine.referential import Item, Referential  # noqa: E402

SAMPLES = ROOT / "samples"
TODAY = date(2026, 11, 23)

CHILD = """
import json, pickle, resource, sys, time
from pathlib import Path
t = time.perf_counter()
from cvparse.service.registry import cache_path, get_pipeline
from cvparse.engine.referential.csvdir import checksum_of
from cvparse.service.referentials.store import resolve_dir
from cvparse.engine.match.normalise import preload
preload()
imports = time.perf_counter() - t
data_dir = Path(sys.argv[1])
t = time.perf_counter()
path = cache_path(data_dir, checksum_of(resolve_dir("rome@460", data_dir)))
with path.open("rb") as handle:
    pickle.load(handle)
index_only = time.perf_counter() - t
t = time.perf_counter()
pipeline = get_pipeline("rome@460", data_dir=data_dir)
opened = time.perf_counter() - t
for path in sys.argv[2:]:
    data = open(path, "rb").read()
    pipeline.parse(data, path)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"imports_s": imports, "open_cached_s": opened, "rss_mb": rss,
                  "index_file_s": index_only,
                  "labels": len(pipeline.index)}))
"""


def sample_documents() -> list[tuple[str, bytes, object]]:
    out = []
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix in {".pdf", ".docx", ".txt"}:
            data = path.read_bytes()
            document = extract_document(data, path.name)
            if document.status == "ok":
                out.append((path.name, data, document))
    return out


def time_from_text(pipeline: Pipeline, docs, repeat: int) -> float:
    """Median ms per CV from extracted text to draft (extraction excluded)."""
    for name, data, document in docs:  # warm per-word caches
        pipeline.parse_document(document, data, name, today=TODAY)
    times = []
    for _ in range(repeat):
        for name, data, document in docs:
            t = time.perf_counter()
            pipeline.parse_document(document, data, name, today=TODAY)
            times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def two_page_cvs(docs) -> list:
    """Typical two-page CVs of 600–900 words: sample CVs of different trades joined until the
    text reaches 600 words (and not past 900)."""
    from cvparse.engine.document import DocumentBuilder

    out = []
    group: list = []
    for doc in docs:
        group.append(doc)
        words = sum(len(d.text.split()) for _, _, d in group)
        if words < 600:
            continue
        if words <= 900:
            builder = DocumentBuilder("txt")
            for _, _, document in group:
                for line in document.lines:
                    builder.add_line(line.text)
            out.append((f"composite-{len(out)}", b"", builder.build()))
        group = []
    return out


def subset(ref: Referential, n_labels: int, seed: int = 7) -> Referential:
    """About n_labels labels: a random share of appellations and items, links kept."""
    rng = random.Random(seed)
    apps = list(ref.appellations.values())
    items = list(ref.items.values())
    total = len(apps) * 2 + len(items)  # an appellation gives two labels (both genders)
    share = min(1.0, n_labels / total)
    out = Referential(f"{ref.name}-{n_labels}", ref.version, f"{ref.checksum}-{n_labels}")
    out.metiers = dict(ref.metiers)
    out.appellations = {a.id: a for a in apps if rng.random() < share}
    out.items = {i.id: i for i in items if rng.random() < share}
    out.links = [link for link in ref.links if link.item_id in out.items]
    return out


def synthetic(ref: Referential, n_labels: int, seed: int = 11) -> Referential:
    """ROME plus recombined labels ("<head of one label> <tail of another>") up to n_labels:
    realistic words and word frequencies, more labels sharing each word."""
    rng = random.Random(seed)
    out = Referential(f"{ref.name}-synthetic", ref.version, f"{ref.checksum}-syn{n_labels}")
    out.metiers = dict(ref.metiers)
    out.appellations = dict(ref.appellations)
    out.items = dict(ref.items)
    out.links = list(ref.links)
    labels = [i.label.split() for i in ref.items.values()]
    apps = list(ref.appellations.values())
    n = len(out.appellations) * 2 + len(out.items)
    next_id = 10_000_000
    while n < n_labels:
        a, b = rng.choice(labels), rng.choice(labels)
        text = " ".join(a[: max(1, len(a) // 2)] + b[len(b) // 2 :])
        next_id += 1
        if rng.random() < 0.2:
            base = rng.choice(apps)
            out.appellations[str(next_id)] = replace(
                base, id=str(next_id), label=text, masculine=text, feminine=text
            )
            n += 1
        else:
            out.items[str(next_id)] = Item(str(next_id), text, "savoir-faire")
            n += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rome", type=Path, default=ROOT.parent / "shared" / "rome" / "v460")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from cvparse.service.referentials.store import install

    preload()
    data_dir = Path(tempfile.mkdtemp(prefix="cvparse-bench-"))
    t = time.perf_counter()
    installed, _created, _warnings = install(args.rome, data_dir)
    imported = time.perf_counter() - t
    from cvparse.service.registry import get_pipeline

    t = time.perf_counter()
    pipeline = get_pipeline("rome@460", data_dir=data_dir)  # loads CSV, builds, writes the cache
    built = time.perf_counter() - t
    print(f"ROME 4.0 v460: {installed.counts} → {len(pipeline.index)} labels indexed")
    print(f"  import (read, validate, write CSV)      {imported:6.2f} s")
    print(f"  load CSV + build index + write cache   {built:6.2f} s   (target: build < 30 s)")

    files = [str(SAMPLES / name) for name, _, _ in sample_documents()]
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir), *files],
        capture_output=True, text=True, cwd=ROOT,
    )
    if child.returncode:
        sys.exit(f"the fresh process failed:\n{child.stderr}")
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    print(f"  fresh process: read the cached index file {figures['index_file_s']:6.2f} s   "
          "(target < 0.5 s)")
    print(f"  fresh process: open the pipeline from cache (index + referential model) "
          f"{figures['open_cached_s']:.2f} s")
    print(f"  fresh process: resident memory after parsing {len(files)} CVs: "
          f"{figures['rss_mb']:.0f} MB (target < 500 MB)")

    docs = sample_documents()
    long_docs = two_page_cvs(docs)
    words = [len(d.text.split()) for _, _, d in docs]
    long_words = [len(d.text.split()) for _, _, d in long_docs]
    print(f"\nfrom text to draft (extraction excluded), median ms per CV: {len(docs)} sample "
          f"CVs ({min(words)}–{max(words)} words) and {len(long_docs)} two-page CVs "
          f"({min(long_words)}–{max(long_words)} words, target < 50 ms on ROME 4.0)")
    print(f"{'referential':28} {'labels':>8} {'index build s':>14} {'samples':>9} {'2-page':>9}")
    ref = pipeline.referential
    sizes = [("1k subset", subset(ref, 1_000)), ("10k subset", subset(ref, 10_000)),
             ("ROME 4.0 (all)", ref), ("synthetic 200k", synthetic(ref, 215_000))]
    for name, r in sizes:
        t = time.perf_counter()
        p = pipeline if r is ref else Pipeline(r)
        build = time.perf_counter() - t
        ms = time_from_text(p, docs, args.repeat)
        long_ms = time_from_text(p, long_docs, args.repeat)
        print(f"{name:28} {len(p.index):>8} {build:>14.2f} {ms:>9.1f} {long_ms:>9.1f}")


if __name__ == "__main__":
    main()
