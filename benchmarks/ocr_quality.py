"""OCR path quality: competence F1 on scanned copies of the sample PDFs vs their text layer.

    .venv/bin/python benchmarks/ocr_quality.py [--dpi 150]

Every sample PDF with a gold file is rasterised (samples/rasterise.py: pictures only, slight
blur and noise), then both sets are evaluated against the same gold. Prints per field kind F1
for both, the loss, and the OCR time per page.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cvparse.quality.evaluation.metrics import KINDS  # noqa: E402
from cvparse.quality.evaluation.run import evaluate_dir  # noqa: E402
from cvparse.service.registry import get_pipeline  # noqa: E402
from samples.rasterise import DEFAULT_DPI, rasterise_pdf  # noqa: E402

SAMPLES = ROOT / "samples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=DEFAULT_DPI)
    parser.add_argument("--referential", default=None)
    args = parser.parse_args()
    pipeline = get_pipeline(args.referential)
    work = Path(tempfile.mkdtemp(prefix="cvparse-ocr-"))
    for folder in ("text", "scan"):
        (work / folder / "gold").mkdir(parents=True)
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        gold = SAMPLES / "gold" / f"{pdf.stem}.json"
        if pdf.stem == "scanned_cv" or not gold.is_file():
            continue
        data = pdf.read_bytes()
        shutil.copyfile(pdf, work / "text" / pdf.name)
        (work / "scan" / pdf.name).write_bytes(rasterise_pdf(data, args.dpi))
        for folder in ("text", "scan"):
            shutil.copyfile(gold, work / folder / "gold" / gold.name)
    text = evaluate_dir(pipeline, work / "text")
    started = time.perf_counter()
    scan = evaluate_dir(pipeline, work / "scan")
    elapsed = time.perf_counter() - started
    n_pages = 0
    for r in scan.cvs:
        draft = pipeline.parse((work / "scan" / f"{r.stem}.pdf").read_bytes(), f"{r.stem}.pdf")
        n_pages += len(draft.source.ocr_pages)
    print(f"{len(text.cvs)} sample PDFs, {n_pages} scanned pages at {args.dpi} dpi, "
          f"referential {pipeline.referential.ref}")
    print(f"{'kind':12} {'text-layer F1':>14} {'scan F1':>9} {'loss':>7}")
    for kind in KINDS:
        t, s = text.counts[kind].f1, scan.counts[kind].f1
        print(f"{kind:12} {t:>14.3f} {s:>9.3f} {t - s:>7.3f}")
    print(f"métier top-3: text {text.metier_top3:.3f}, scan {scan.metier_top3:.3f}")
    print(f"OCR + parse: {elapsed / max(n_pages, 1):.2f} s per scanned page (evaluation run)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
