"""Batch re-processing at scale: N synthetic CVs (varied trades and lengths, built from the
shipped referential) re-processed by Celery workers over Redis; prints the total time, CVs/s,
and the Redis commands and database rows each CV costs (the inputs of docs/scaling.md).

    .venv/bin/python benchmarks/reprocess_scale.py -n 10000 --workers 2
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CELERY = Path(sys.executable).with_name("celery")
LANGS = ["Anglais : B1", "Espagnol : notions", "Anglais courant", "Arabe : langue maternelle"]
DIPLOMAS = ["CAP", "BEP", "Bac pro", "BTS", "Licence professionnelle", "Titre professionnel"]


def synthetic_cv(ref, skills: dict[str, list[str]], rng: random.Random) -> bytes:
    """A fictional CV: one trade's job titles, dated periods and that trade's skills."""
    metier = rng.choice(list(ref.metiers.values()))
    apps = [a for a in ref.appellations.values() if a.metier_code == metier.code] or [None]
    items = [ref.items[i] for i in skills.get(metier.code, [])]
    if not items:
        items = rng.sample(list(ref.items.values()), 12)
    lines = ["Camille Exemple", "Profil", f"{metier.title} motivé(e)", "",
             "Expérience professionnelle"]
    year = 2025
    for _ in range(rng.randint(1, 5)):
        start = year - rng.randint(1, 6)
        app = rng.choice(apps)
        lines.append(f"{app.masculine if app else metier.title} — {start} – {year}")
        for item in rng.sample(items, min(len(items), rng.randint(3, 10))):
            lines.append(f"• {item.label}")
        year = start
    lines += ["", "Formation", f"{rng.choice(DIPLOMAS)} {metier.title} — {year - 1}", "",
              "Langues", rng.choice(LANGS), "", "Permis B"]
    return "\n".join(lines).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/13")
    args = parser.parse_args()

    import redis
    from throughput import unique  # this folder is on sys.path when run as a script

    from cvparse.service import batch
    from cvparse.service.dispatch import send_run_item
    from cvparse.service.referentials.store import load_default
    from cvparse.service.settings import Settings
    from cvparse.service.store import open_stores
    from cvparse.service.store.files import clean_filename
    from workers.celery_app import make_app

    ref = load_default()
    skills: dict[str, list[str]] = {}
    for link in ref.links:
        skills.setdefault(link.metier_code, []).append(link.item_id)
    rng = random.Random(42)
    tmp = Path(tempfile.mkdtemp(prefix="cvparse-scale-"))
    settings = Settings(data_dir=tmp, broker_url=args.broker)
    stores = open_stores(settings)
    t0 = time.perf_counter()
    for i in range(args.n):
        data = unique(synthetic_cv(ref, skills, rng), ".txt", i)  # no two alike
        stores.documents.create(stores.files.put(data), clean_filename(f"cv{i}.txt"),
                                len(data))
    print(f"stored {args.n} synthetic CVs in {time.perf_counter() - t0:.1f} s")

    client = redis.Redis.from_url(args.broker)
    client.flushdb()
    app = make_app(settings)
    env = {**os.environ, "CVPARSE_DATA_DIR": str(tmp), "CVPARSE_BROKER_URL": args.broker,
           "CVPARSE_WORKER_CONCURRENCY": "1"}
    workers = [subprocess.Popen(
        [str(CELERY), "-A", "workers", "worker", "-n", f"scale{i}@%h", "-Q", "batch",
         "--without-mingle", "--without-gossip", "--loglevel", "WARNING"],
        cwd=ROOT, env=env, stdout=(tmp / f"w{i}.log").open("wb"), stderr=subprocess.STDOUT,
        start_new_session=True) for i in range(args.workers)]
    time.sleep(8)  # workers load the model and the index before the clock starts
    commands_before = client.info("stats")["total_commands_processed"]
    run = batch.start(stores, batch.Selection(), target=None)
    start = time.perf_counter()
    batch.enqueue(stores, run.id, lambda r, d: send_run_item(r, d, app=app, stores=stores),
                  chunk=1000)
    enqueued = time.perf_counter() - start
    while (p := stores.runs.progress(run.id)).finished < run.total:
        time.sleep(1)
    elapsed = time.perf_counter() - start
    commands = client.info("stats")["total_commands_processed"] - commands_before
    for w in workers:
        os.killpg(w.pid, signal.SIGTERM)
        w.wait(30)
    print(f"re-processed {run.total} CVs with {args.workers} workers in {elapsed:.1f} s "
          f"= {run.total / elapsed:.1f} CVs/s (enqueue alone {enqueued:.1f} s); "
          f"done {p.done}, failed {p.failed}")
    print(f"Redis commands per CV (broker + polling): {commands / run.total:.1f}")
    print(f"database: {tmp / 'cvparse.db'} (SQLite)")


if __name__ == "__main__":
    main()
