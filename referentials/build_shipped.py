#!/usr/bin/env python3
"""Build the shipped referential: the full official ROME 4.0, converted for cvparse.

A developer's script, never run by cvparse at run time. It converts France Travail's ROME 4.0
open-data export (`--rome DIR`, default `../shared/rome/v460` beside the repository) with the
project's CV phrasings (`referentials/curation/`) on top — the very conversion
`cvparse referential import` runs (`cvparse.service.referentials.store.convert`) — and writes
`referentials/data/rome/<version>/`: `manifest.json` and the data files gzip-compressed
(`metiers.csv.gz`, `appellations.csv.gz`, `items.csv.gz`, `links.csv.gz`; only the columns
cvparse uses).

Output is deterministic (sorted rows, `\\n` line ends, gzip without name or time stamp):
rebuilding from the same inputs gives the same content; `--check` verifies that the committed
files hold exactly what a rebuild would write (compared uncompressed), without writing.

    python referentials/build_shipped.py                 # rebuild
    python referentials/build_shipped.py --check         # exit 1 if the shipped data is stale
    python referentials/build_shipped.py --rome /path/to/rome/v461
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from cvparse.engine.referential.csvdir import ReferentialError  # noqa: E402
from cvparse.service.referentials.curation import read_curation  # noqa: E402
from cvparse.service.referentials.store import (  # noqa: E402
    DEFAULT_NAME,
    convert,
    same_content,
    write_referential,
)

CURATION_DIR = REPO_ROOT / "referentials" / "curation"
DATA_DIR = REPO_ROOT / "referentials" / "data"
DEFAULT_ROME = REPO_ROOT.parent / "shared" / "rome" / "v460"
MAX_TOTAL_BYTES = 3 * 1024 * 1024  # committed files: keep them compact
STRICT_WARNINGS = ("wrong or reused id",)  # curation mistakes, never accepted in the shipped data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rome", type=Path, default=DEFAULT_ROME,
                        help="folder of the official ROME 4.0 export (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=DATA_DIR,
                        help="where <name>/<version>/ is written (default: %(default)s)")
    parser.add_argument("--curation", type=Path, default=CURATION_DIR, help=argparse.SUPPRESS)
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the shipped files differ from a rebuild")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")
    args = parser.parse_args(argv)
    try:
        conversion = convert(args.rome, name=DEFAULT_NAME, curation=read_curation(args.curation))
    except ReferentialError as exc:
        print(f"build_shipped: error: {exc}", file=sys.stderr)
        return 2
    strict = [w for w in conversion.warnings if any(s in w for s in STRICT_WARNINGS)]
    if not args.quiet:
        for warning in conversion.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    if strict:
        print(f"build_shipped: error: {len(strict)} curation row(s) name the wrong id",
              file=sys.stderr)
        return 2
    target = args.out / conversion.name / conversion.version
    if args.check:
        if not same_content(target, conversion):
            print(f"build_shipped: stale: {target} differs from a rebuild", file=sys.stderr)
            return 1
        print(f"{conversion.ref}: up to date")
        return 0
    write_referential(target, conversion, compress=True)
    total = sum(p.stat().st_size for p in target.iterdir())
    if total > MAX_TOTAL_BYTES:
        print(f"build_shipped: error: {total} bytes written, above {MAX_TOTAL_BYTES}",
              file=sys.stderr)
        return 2
    manifest = json.loads(conversion.files["manifest.json"])
    print(f"{conversion.ref} -> {target} ({total / 1e6:.1f} MB)")
    print(json.dumps(manifest["counts"], ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
