"""A bounded local burst of wrong credentials against a live server, and what it does to a
legitimate user (issue #18, point 6: rate limits).

A cvparse server runs in a child process (uvicorn, one process, SQLite in a temporary
folder) with three accounts: the legitimate user, a victim whose API token predates
migration 0005 (hashed with argon2: the costly check), and a victim with a password. Then,
for each attack, with the rate limits off (budgets of a billion: the code before them) and
on (the defaults):

- the attack: `--burst` (200) requests with wrong credentials from `--threads` (8) threads —
  wrong secrets for the old token's prefix, or wrong passwords for the victim's login —
  either all from 127.0.0.1, or one source address per thread (127.0.0.10, .11, …);
- meanwhile the legitimate user, from 127.0.0.2, calls `GET /api/v1/me` with their token in
  a loop; their latency during the burst is compared with the idle one.

Loopback source addresses stand for clients: Linux routes all of 127.0.0.0/8 to lo, and the
server sees each connection's source.

    .venv/bin/python benchmarks/auth_burst.py [--burst 200] [--threads 8]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "tortue géante des Galápagos 42"
OLD_PREFIX, OLD_SECRET = "0123456789ab", "o" * 43
OFF = str(10**9)


def serve(folder: Path, port: int) -> None:
    """The child: accounts, then uvicorn (the settings, limits included, from the env)."""
    import uuid

    import uvicorn

    from cvparse.server import create_app
    from cvparse.service.settings import Settings
    from cvparse.service.store import Stores
    from cvparse.service.store.db import make_engine, upgrade
    from cvparse.service.store.documents import DocumentStore
    from cvparse.service.store.files import FileStore
    from cvparse.service.store.models import ApiTokenRow, utcnow
    from cvparse.service.store.passwords import HASHER

    engine = make_engine(f"sqlite:///{folder / 'bench.db'}")
    upgrade(engine)
    stores = Stores(FileStore(folder / "files"), DocumentStore(engine))
    _, token = stores.accounts.create("advisor", "Légitime", login="legit", password=PASSWORD)
    stores.accounts.create("advisor", "Victime", login="victim", password=PASSWORD,
                           token=False)
    old, _ = stores.accounts.create("job_seeker", "Ancien jeton", token=False)
    with engine.begin() as connection:  # a token from before migration 0005: argon2
        connection.execute(ApiTokenRow.__table__.insert().values(
            id=uuid.uuid4().hex, user_id=old.id, prefix=OLD_PREFIX, label="old",
            secret_hash=HASHER.hash(OLD_SECRET), created_at=utcnow()))
    (folder / "token").write_text(token or "")
    app = create_app(Settings(data_dir=folder), stores)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def client(address: str) -> httpx.Client:
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=60)


class Server:
    def __init__(self, limits: bool) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="cvparse-burst-"))
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if not k.startswith("CVPARSE_")}
        if not limits:
            env |= {"CVPARSE_RATE_LIMIT_ACCOUNT_FAILURES": OFF,
                    "CVPARSE_RATE_LIMIT_ADDRESS_FAILURES": OFF}
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(self.folder), str(self.port)],
            cwd=ROOT, env=env, stderr=(self.folder / "server.log").open("w"))
        self.url = f"http://127.0.0.1:{self.port}"
        for _ in range(600):
            try:
                if (self.folder / "token").exists() and httpx.get(self.url + "/login").is_success:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        self.token = (self.folder / "token").read_text()

    def cpu(self) -> float:
        """Seconds of CPU the server process has used (user + system)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)
        shutil.rmtree(self.folder, ignore_errors=True)


def legit(url: str, token: str, stop: Path | None, count: int = 100) -> list[tuple[float, float]]:
    """(wall-clock start, milliseconds) of each `GET /api/v1/me` of the legitimate user, from
    127.0.0.2: `count` of them, or until the file `stop` exists."""
    samples: list[tuple[float, float]] = []
    headers = {"Authorization": f"Bearer {token}"}
    with client("127.0.0.2") as c:
        while (stop is None and len(samples) < count) or (stop is not None
                                                          and not stop.exists()):
            at, started = time.time(), time.perf_counter()
            response = c.get(url + "/api/v1/me", headers=headers)
            samples.append((at, (time.perf_counter() - started) * 1000))
            assert response.status_code == 200, response.text
    return samples


class Legit:
    """The legitimate user in a process of their own (the attack's client threads do not
    share its interpreter lock)."""

    def __init__(self, server: Server) -> None:
        self.stop = server.folder / "stop"
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--legit", server.url, server.token, str(self.stop)],
            cwd=ROOT, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout and self.process.stdout.readline().strip() == "ready"

    def samples(self) -> list[tuple[float, float]]:
        self.stop.touch()
        out, _ = self.process.communicate(timeout=60)
        return [tuple(s) for s in json.loads(out)]


def bad_token(c: httpx.Client, url: str, n: int) -> int:
    return c.get(url + "/api/v1/me", headers={
        "Authorization": f"Bearer cvp_{OLD_PREFIX}_{n:043d}"}).status_code


def bad_password(c: httpx.Client, url: str, n: int, csrf: dict[int, str]) -> int:
    key = id(c)
    if key not in csrf:
        csrf[key] = _csrf(c.get(url + "/login").text)
    response = c.post(url + "/login", data={"login": "victim", "password": f"wrong {n}",
                                            "csrf": csrf[key]})
    csrf[key] = _csrf(response.text)  # each form carries a fresh token
    return response.status_code


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]*)"', html)
    return found.group(1) if found else ""


def burst(server: Server, attack: str, spread: bool, total: int, threads: int) -> dict:
    """`total` wrong attempts from `threads` threads, each with its client (and, `spread`,
    its own source address), while the legitimate user works."""
    mine = threading.local()
    clients: list[httpx.Client] = []
    csrf: dict[int, str] = {}
    answers: list[tuple[float, int]] = []
    lock = threading.Lock()

    def one(n: int) -> None:
        if not hasattr(mine, "client"):
            with lock:
                mine.client = client(f"127.0.0.{10 + len(clients)}" if spread else "127.0.0.1")
                clients.append(mine.client)
        status = (bad_token(mine.client, server.url, n) if attack == "token"
                  else bad_password(mine.client, server.url, n, csrf))
        with lock:
            answers.append((time.time(), status))

    user = Legit(server)
    started, cpu = time.perf_counter(), server.cpu()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, range(total)))
    seconds = time.perf_counter() - started
    cpu = server.cpu() - cpu  # the legitimate user's requests are in it too
    during = user.samples()
    for c in clients:
        c.close()
    statuses = [status for _, status in answers]
    refused_from = next((at for at, status in answers if status == 429), None)
    return {"during": [ms for _, ms in during],
            "locked": [ms for at, ms in during if refused_from and at >= refused_from],
            "statuses": Counter(statuses),
            "first_429": statuses.index(429) + 1 if 429 in statuses else None,
            "seconds": seconds, "cpu": cpu}


def summary(times: list[float]) -> str:
    if not times:
        return "—"
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"{statistics.median(ordered):.1f} / {p95:.1f} / {ordered[-1]:.1f} ms (n={len(times)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--burst", type=int, default=200)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--serve", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--legit", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(Path(args.serve[0]), int(args.serve[1]))
        return
    if args.legit:
        url, token, stop = args.legit
        legit(url, token, None, 5)  # warm
        print("ready", flush=True)
        print(json.dumps(legit(url, token, Path(stop))))
        return
    print(f"burst: {args.burst} wrong attempts from {args.threads} threads; legitimate user: "
          "GET /api/v1/me from 127.0.0.2, median / p95 / max")
    print("| attack | from | limits | legit idle | legit during the burst | legit once "
          "refusing | answers to the burst | first 429 at | burst took | server CPU |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for attack in ("token", "password"):
        for spread in (False, True):
            for limits in (False, True):
                server = Server(limits)
                try:
                    legit(server.url, server.token, None, 20)  # warm-up
                    idle = [ms for _, ms in legit(server.url, server.token, None)]
                    result = burst(server, attack, spread, args.burst, args.threads)
                finally:
                    server.stop()
                answers = ", ".join(f"{n}× {s}" for s, n in sorted(result["statuses"].items()))
                label = ("wrong secrets, old argon2 token" if attack == "token"
                         else "wrong passwords, one login")
                source = f"{args.threads} addresses" if spread else "one address"
                print(f"| {label} | {source} | {'on' if limits else 'off'} | {summary(idle)} | "
                      f"{summary(result['during'])} | {summary(result['locked'])} | {answers} | "
                      f"{result['first_429'] or '—'} | {result['seconds']:.2f} s | "
                      f"{result['cpu']:.2f} s |", flush=True)


if __name__ == "__main__":
    main()
