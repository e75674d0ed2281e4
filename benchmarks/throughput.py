"""Throughput and latency through the real broker, beside the in-process figure.

Sends N sample CVs (each made unique, so idempotency does not skip any) through Redis to 1 and
then 2 Celery worker processes, and prints CVs/s and p50/p95 latency from enqueue to stored
draft; then processes the same N files in-process (same store, same task body) so the broker's
overhead shows as a ratio. Needs Redis (default redis://127.0.0.1:6379/13, flushed):

    .venv/bin/python benchmarks/throughput.py -n 200
"""

from __future__ import annotations

import argparse
import io
import os
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CELERY = Path(sys.executable).with_name("celery")


def unique(data: bytes, suffix: str, nonce: int) -> bytes:
    """The same CV with different bytes (a PDF comment, a trailing newline, a ZIP comment)."""
    if suffix == ".pdf":
        return data + f"\n%bench {nonce}\n".encode()
    if suffix == ".txt":
        # The nonce in binary, as spaces and tabs on a last line: no words added.
        return data + b"\n" + format(nonce + 1, "b").replace("0", " ").replace("1", "\t").encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.comment = f"bench {nonce}".encode()
    return out.getvalue()


def corpus(n: int, first_nonce: int = 0) -> list[tuple[str, bytes]]:
    files = sorted(
        p for p in SAMPLES.iterdir() if p.suffix in {".pdf", ".docx", ".odt", ".txt"}
        and p.name != "scanned_cv.pdf"  # OCR (1.5 s) would dominate; measured apart
    )
    return [
        (files[i % len(files)].name,
         unique(files[i % len(files)].read_bytes(), files[i % len(files)].suffix,
                first_nonce + i))
        for i in range(n)
    ]


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run_workers(processes: int, docs: list[tuple[str, bytes]], broker: str) -> dict[str, float]:
    import redis

    from cvparse.service.dispatch import submit
    from cvparse.service.settings import Settings
    from cvparse.service.store import open_stores
    from workers.celery_app import make_app

    redis.Redis.from_url(broker).flushdb()
    tmp = Path(tempfile.mkdtemp(prefix="cvparse-bench-"))
    env = {**os.environ, "CVPARSE_DATA_DIR": str(tmp), "CVPARSE_BROKER_URL": broker,
           "CVPARSE_WORKER_CONCURRENCY": "1"}
    settings = Settings(data_dir=tmp, broker_url=broker)
    stores = open_stores(settings)
    app = make_app(settings)
    # Throughput: all N CVs are queued before the workers start; the clock runs from the first
    # task's start (models already loaded) to the last draft stored (database timestamps), so
    # neither the sender nor the workers' start-up is counted.
    ids = [submit(data, name, stores=stores, app=app).id for name, data in docs]
    workers = [_start_worker(i, env, tmp) for i in range(processes)]
    try:
        records = _wait(stores, ids)
        first = min(r.started_at for r in records)
        elapsed = (max(r.updated_at for r in records) - first).total_seconds()
        # Latency: CVs sent one at a time, each waited for, so queueing does not hide the
        # broker's cost.
        latencies = []
        for name, data in corpus(LATENCY_RUNS, 20_000):
            record = _wait(stores, [submit(data, name, stores=stores, app=app).id])[0]
            latencies.append((record.updated_at - record.created_at).total_seconds())
    finally:
        for w in workers:
            os.killpg(w.pid, signal.SIGTERM)
            w.wait(30)
        app.close()
    assert all(r.status == "draft_ready" for r in records), {r.status for r in records}
    return {"cvs_per_s": len(docs) / elapsed, "p50": _pct(latencies, 0.5),
            "p95": _pct(latencies, 0.95), "mean": sum(latencies) / len(latencies)}


LATENCY_RUNS = 80


def _start_worker(i: int, env: dict[str, str], tmp: Path) -> subprocess.Popen:
    log = (tmp / f"w{i}.log").open("wb")
    return subprocess.Popen(
        [str(CELERY), "-A", "workers", "worker", "-n", f"bench{i}@%h", "-Q", "interactive,batch",
         "--without-mingle", "--without-gossip", "--loglevel", "WARNING"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )


def _wait(stores, ids: list[str]):
    final = {"draft_ready", "failed", "needs_ocr"}
    while not set(stores.documents.statuses(ids).values()) <= final:
        time.sleep(0.01 if len(ids) == 1 else 0.1)
    return [stores.documents.get(i) for i in ids]


def run_in_process(docs: list[tuple[str, bytes]]) -> dict[str, float]:
    """The same work without a broker: store, record, process, one after the other."""
    from cvparse.service.dispatch import submit
    from cvparse.service.settings import Settings, get_settings
    from cvparse.service.store import open_stores
    from workers.celery_app import make_app

    tmp = Path(tempfile.mkdtemp(prefix="cvparse-bench-"))
    os.environ["CVPARSE_DATA_DIR"] = str(tmp)  # the task body reads the settings too
    get_settings.cache_clear()
    settings = Settings(data_dir=tmp, broker_url=None)
    stores = open_stores(settings)
    app = make_app(settings)
    for name, data in corpus(8, 10_000):  # warm-up
        submit(data, name, stores=stores, app=app)
    latencies = []
    for name, data in corpus(LATENCY_RUNS, 20_000):
        record = submit(data, name, stores=stores, app=app)
        latencies.append((record.updated_at - record.created_at).total_seconds())
    records = [submit(data, name, stores=stores, app=app) for name, data in docs]
    assert {r.status for r in records} == {"draft_ready"}
    elapsed = (records[-1].updated_at - records[0].started_at).total_seconds()
    return {"cvs_per_s": len(docs) / elapsed, "p50": _pct(latencies, 0.5),
            "p95": _pct(latencies, 0.95), "mean": sum(latencies) / len(latencies)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="CVs per run")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/13")
    args = parser.parse_args()
    os.environ.setdefault("CVPARSE_DATA_DIR", tempfile.mkdtemp(prefix="cvparse-bench-"))
    docs = corpus(args.n)
    inproc = run_in_process(docs)
    one = run_workers(1, docs, args.broker)
    two = run_workers(2, docs, args.broker)
    print(f"{args.n} CVs for throughput, {LATENCY_RUNS} sent one by one for latency (40 samples "
          f"cycled, made unique; the OCR sample left out); {os.cpu_count()} cores")
    print(f"{'mode':<22}{'CVs/s':>8}{'p50 ms':>9}{'p95 ms':>9}")
    for name, r in (("in-process", inproc), ("1 worker (Redis)", one), ("2 workers (Redis)", two)):
        print(f"{name:<22}{r['cvs_per_s']:>8.1f}{r['p50'] * 1000:>9.1f}{r['p95'] * 1000:>9.1f}")
    print(f"scale-out: 2 workers = {two['cvs_per_s'] / one['cvs_per_s']:.2f}× one worker "
          "(target ≥ 1.8)")
    per_cv = 1 / inproc["cvs_per_s"]
    busy = 1 / one["cvs_per_s"] - per_cv
    print(f"broker overhead per CV, queue full (1 / throughput, 1 worker − in-process): "
          f"{busy * 1000:.1f} ms = {busy / per_cv * 100:.1f} % of {per_cv * 1000:.1f} ms "
          "(target < 10 %)")
    overhead = one["mean"] - inproc["mean"]
    print(f"broker overhead per CV, one at a time (mean latency, 1 worker − in-process): "
          f"{overhead * 1000:.1f} ms = {overhead / inproc['mean'] * 100:.1f} % of "
          f"{inproc['mean'] * 1000:.1f} ms")
    print("latency = upload recorded → draft stored (database timestamps)")


if __name__ == "__main__":
    main()
