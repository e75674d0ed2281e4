"""Fuzz the extractors with mutated samples for a set time; report unexpected exceptions.

Every input must end as a document or an ExtractionError (a clear message); anything else —
an exception escaping a library, a crash, a run over the time budget — is a finding.

    .venv/bin/python benchmarks/fuzz_extract.py --seconds 300 --seed 1
"""

from __future__ import annotations

import argparse
import io
import logging
import random
import sys
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from cvparse.engine.extract import extract_document
from cvparse.engine.extract.errors import ExtractionError
from cvparse.engine.extract.screen import screen

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SLOW_SECONDS = 5.0


@dataclass
class Findings:
    runs: int = 0
    outcomes: Counter = field(default_factory=Counter)
    unexpected: list[tuple[str, int, str]] = field(default_factory=list)
    slow: list[tuple[str, int, float]] = field(default_factory=list)


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not buf:
            break
        op = rng.randrange(5)
        at = rng.randrange(max(1, len(buf)))
        if op == 0:  # flip bits
            buf[at] ^= 1 << rng.randrange(8)
        elif op == 1:  # insert junk
            buf[at:at] = rng.randbytes(rng.randint(1, 64))
        elif op == 2:  # delete a run
            del buf[at:at + rng.randint(1, 256)]
        elif op == 3:  # duplicate a chunk
            chunk = buf[at:at + rng.randint(1, 512)]
            buf[at:at] = chunk * rng.randint(1, 20)
        else:  # truncate
            del buf[at:]
    return bytes(buf)


def _mutate_zip(data: bytes, rng: random.Random) -> bytes:
    """Mutate one XML part inside a DOCX/ODT, keeping the package valid: reaches the parsers."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = [i for i in source.infolist() if i.filename.endswith(".xml")]
    victim = rng.choice(parts).filename if parts else None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == victim:
                content = _mutate_bytes(content, rng)
            target.writestr(info, content)
    return out.getvalue()


def fuzz(seconds: float, seed: int = 0) -> Findings:
    rng = random.Random(seed)
    samples = sorted(p for p in SAMPLES.iterdir()
                     if p.suffix in {".pdf", ".docx", ".odt", ".txt"})
    originals = {p.name: p.read_bytes() for p in samples}
    findings = Findings()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        name = rng.choice(list(originals))
        case = rng.randrange(1 << 30)
        local = random.Random(case)
        data = originals[name]
        if name.endswith((".docx", ".odt")) and local.random() < 0.6:
            mutated = _mutate_zip(data, local)
        else:
            mutated = _mutate_bytes(data, local)
        started = time.monotonic()
        try:
            screen(mutated, name, max_pages=40)  # the API's upload checks…
            extract_document(mutated, name)  # …then the workers' extraction
            findings.outcomes["ok"] += 1
        except ExtractionError as exc:
            findings.outcomes[exc.code] += 1
        except Exception as exc:  # the finding this script exists for
            findings.unexpected.append((name, case, f"{type(exc).__name__}: {exc}"[:200]))
        elapsed = time.monotonic() - started
        if elapsed > SLOW_SECONDS:
            findings.slow.append((name, case, elapsed))
        findings.runs += 1
    return findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # wrapped library failures are logged; expected here
    found = fuzz(args.seconds, args.seed)
    print(f"{found.runs} mutated files in {args.seconds:g} s (seed {args.seed})")
    for outcome, count in found.outcomes.most_common():
        print(f"  {count:>6}  {outcome}")
    print(f"unexpected exceptions: {len(found.unexpected)}; slower than {SLOW_SECONDS:g} s: "
          f"{len(found.slow)}")
    for name, case, error in found.unexpected[:20]:
        print(f"  {name} case {case}: {error}")
    sys.exit(1 if found.unexpected or found.slow else 0)


if __name__ == "__main__":
    main()
