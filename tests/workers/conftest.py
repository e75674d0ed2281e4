"""Real Celery workers over the real Redis, started and killed by the tests.

Each test gets its own Redis database, data directory (SQLite + files) and queues; workers run
as separate process groups (`celery -A workers worker`), exactly as in production, so a SIGKILL
kills a worker and its children together.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cvparse.service.settings import Settings
from cvparse.service.store import Stores, open_stores
from tests.conftest import ROOT, SAMPLES

CELERY = Path(sys.executable).with_name("celery")
READY_TIMEOUT = 90.0


class Worker:
    def __init__(self, name: str, env: dict[str, str], log: Path, args: list[str]) -> None:
        self.name = name
        self.log = log
        self._handle = log.open("ab")
        self.process = subprocess.Popen(
            [str(CELERY), "-A", "workers", "worker", "-n", f"{name}@%h", "--loglevel", "INFO",
             "--without-mingle",
             "--without-gossip", *args],
            cwd=ROOT, env=env, stdout=self._handle, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_ready()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if b" ready." in self.log.read_bytes():
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"worker {self.name} exited:\n{self.log.read_text()[-3000:]}")
            time.sleep(0.1)
        raise TimeoutError(f"worker {self.name} not ready:\n{self.log.read_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL the worker and its pool children: no cleanup, no ack, like an OOM kill."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()
        self._handle.close()


class Cluster:
    """Settings shared by the test process (which submits) and its workers (which process)."""

    def __init__(self, tmp: Path, broker: str, **overrides: str) -> None:
        self.tmp = tmp
        self.env = {
            **os.environ,
            "CVPARSE_DATA_DIR": str(tmp / "data"),
            "CVPARSE_BROKER_URL": broker,
            "CVPARSE_VISIBILITY_TIMEOUT": "3",
            "CVPARSE_TASK_SOFT_TIME_LIMIT": "60",
            "CVPARSE_TASK_TIME_LIMIT": "90",
            "CVPARSE_WORKER_CONCURRENCY": "1",
            **overrides,
        }
        settings = Settings(data_dir=tmp / "data", broker_url=broker)
        self.stores: Stores = open_stores(settings)
        from workers.celery_app import make_app

        self.app = make_app(settings.model_copy(update={
            "visibility_timeout": int(self.env["CVPARSE_VISIBILITY_TIMEOUT"]),
        }))
        self.workers: list[Worker] = []

    def start_worker(self, name: str, *args: str) -> Worker:
        log = self.tmp / f"{name}.log"
        worker = Worker(name, self.env, log, ["-Q", "interactive,batch", *args])
        self.workers.append(worker)
        return worker

    def submit(self, data: bytes, name: str) -> str:
        from cvparse.service.dispatch import submit

        return submit(data, name, stores=self.stores, app=self.app).id

    def wait(self, ids: list[str], timeout: float = 120.0, final=None) -> list:
        final = final or {"draft_ready", "needs_ocr", "failed"}
        deadline = time.monotonic() + timeout
        while True:
            docs = [self.stores.documents.get(i) for i in ids]
            if all(d.status in final for d in docs):
                return docs
            if time.monotonic() > deadline:
                logs = "\n".join(w.log.read_text()[-2000:] for w in self.workers)
                raise TimeoutError(f"not done: {[d.status for d in docs]}\n{logs}")
            time.sleep(0.1)

    def logs(self) -> str:
        return "\n".join(w.log.read_text() for w in self.workers)

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.app.close()


@pytest.fixture
def broker(redis_url: str) -> Iterator[str]:
    """An empty Redis database for one test."""
    import redis

    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield redis_url
    client.flushdb()


@pytest.fixture
def cluster_factory(tmp_path: Path, broker: str):
    made: list[Cluster] = []

    def make(**overrides: str) -> Cluster:
        cluster = Cluster(tmp_path, broker, **overrides)
        made.append(cluster)
        return cluster

    yield make
    for cluster in made:
        cluster.close()


def long_scan(pages: int = 6) -> bytes:
    """A scanned CV of several pages (the sample scan repeated): OCR takes seconds."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(SAMPLES / "scanned_cv.pdf")
    target = pdfium.PdfDocument.new()
    for _ in range(pages):
        target.import_pages(source)
    out = io.BytesIO()
    target.save(out)
    return out.getvalue()
