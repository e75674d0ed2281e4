"""What storing the read document saves: the review page's CV text and re-processing.

A file is read by the pipeline (extraction, OCR for scans) once per content, pipeline version
and OCR setting; the reading is stored and used afterwards. This script measures, on the
embedded SQLite store in a temporary folder:

- `GET /api/v1/documents/{id}/text` for the scanned sample: first and later requests;
- parsing every sample again from its stored reading against its file, as a re-processing run
  to another referential does.

    taskset -c 0 .venv/bin/python benchmarks/stored_reading.py
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cvparse.engine.extract.errors import ExtractionError  # noqa: E402
from cvparse.server import create_app  # noqa: E402
from cvparse.service.registry import get_pipeline  # noqa: E402
from cvparse.service.settings import Settings  # noqa: E402
from cvparse.service.store import open_stores  # noqa: E402

SAMPLES = ROOT / "samples"
TODAY = date(2026, 11, 20)


def text_endpoint(repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp))
        stores = open_stores(settings)
        client = TestClient(create_app(settings, stores))
        _seeker, token = stores.accounts.create("job_seeker", "bench")
        headers = {"Authorization": f"Bearer {token}"}
        data = (SAMPLES / "scanned_cv.pdf").read_bytes()
        doc = client.post("/api/v1/documents", headers=headers,
                          files={"file": ("scan.pdf", data)}).json()
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(f"/api/v1/documents/{doc['id']}/text", headers=headers)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.text
        print(f"GET /documents/{{id}}/text, scanned one-page CV: first {times[0]:.1f} ms, "
              f"then median {statistics.median(times[1:]):.1f} ms over {repeat - 1} requests")
        started = time.perf_counter()
        get_pipeline().read(data, "scan.pdf")
        print(f"  (reading the file itself, OCR included: "
              f"{(time.perf_counter() - started) * 1000:.0f} ms)")


def reparse() -> None:
    pipeline = get_pipeline()
    files = sorted(p for p in SAMPLES.iterdir()
                   if p.suffix in {".pdf", ".docx", ".odt", ".txt"} and "scanned" not in p.name)
    readings = []
    for path in files:
        data = path.read_bytes()
        try:
            readings.append((pipeline.read(data, path.name), data, path.name))
        except ExtractionError:
            continue
    started = time.perf_counter()
    for path in files:
        try:
            pipeline.parse(path.read_bytes(), path.name, today=TODAY)
        except ExtractionError:
            continue
    from_files = time.perf_counter() - started
    started = time.perf_counter()
    for document, data, name in readings:
        pipeline.parse_document(document, data, name, today=TODAY)
    from_readings = time.perf_counter() - started
    n = len(readings)
    print(f"re-parse {n} samples: from their files {from_files * 1000 / n:.1f} ms/CV, "
          f"from stored readings {from_readings * 1000 / n:.1f} ms/CV")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()
    get_pipeline()  # load the model and the index before timing
    text_endpoint(max(2, args.repeat))
    reparse()


if __name__ == "__main__":
    main()
