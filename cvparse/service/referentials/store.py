"""Installed referentials: where they live, how they are written, how `NAME@VERSION` resolves.

Layout: `<data dir>/referentials/<name>/<version>/` holds the same files as the shipped
referential (manifest.json, metiers.csv, appellations.csv, items.csv, links.csv), so one
loader reads both. A version is written to a temporary folder and renamed into place, so an
interrupted import never leaves a half-written referential behind.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from cvparse.engine.referential import Referential
from cvparse.engine.referential.csvdir import ReferentialError, checksum_of, load_dir

# The shipped data lives in the top-level `referentials` distribution folder (the design card
# puts it there). It is found as package *data*, never imported as code: the referential
# package's build tools depend on cvparse, not the other way round.
SHIPPED_ROOT = Path(str(files("referentials")))
SHIPPED_DIR = SHIPPED_ROOT / "data" / "cvparse-rome"
CALIBRATION_DIR = SHIPPED_ROOT / "calibration"
DEFAULT_NAME = "cvparse-rome"


@lru_cache(maxsize=4)
def load_default() -> Referential:
    return load_dir(SHIPPED_DIR)


FORMATS = ("rome4",)


@dataclass(frozen=True, slots=True)
class Installed:
    name: str
    version: str
    path: Path
    counts: dict[str, int]
    shipped: bool = False

    @property
    def ref(self) -> str:
        return f"{self.name}@{self.version}"


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    """Deterministic CSV bytes (\n line ends, UTF-8): rebuilding gives identical files."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def flag(value: bool) -> str:
    return "1" if value else "0"


def serialise(ref: Referential, manifest: dict[str, object]) -> dict[str, bytes]:
    """The referential as the files of the project's layout (deterministic bytes)."""
    metiers = [
        [m.code, m.title, m.parent_code or "", m.domain or ""]
        for m in sorted(ref.metiers.values(), key=lambda m: m.code)
    ]
    appellations = [
        [a.id, a.label, a.masculine, a.feminine, a.metier_code, flag(a.principal),
         flag(a.rare), "|".join(a.synonyms)]
        for a in sorted(ref.appellations.values(), key=lambda a: (a.metier_code, int(a.id)))
    ]  # fmt: skip
    items = [
        [i.id, i.label, i.kind, i.category or "", i.macro_id or "", "|".join(i.synonyms)]
        for i in sorted(ref.items.values(), key=lambda i: int(i.id))
    ]
    links = [
        [link.metier_code, link.item_id, "1" if link.core else "2" if link.emerging else "0"]
        for link in sorted(ref.links, key=lambda x: (x.metier_code, int(x.item_id)))
    ]
    counts = {
        "metiers": len(metiers), "appellations": len(appellations), "items": len(items),
        "links": len(links),
    }  # fmt: skip
    return {
        "manifest.json": (
            json.dumps({**manifest, "counts": counts}, ensure_ascii=False, indent=2) + "\n"
        ).encode("utf-8"),
        "metiers.csv": csv_bytes(["code", "title", "parent_code", "domain"], metiers),
        "appellations.csv": csv_bytes(
            ["id", "label", "masculine", "feminine", "metier_code", "principal", "rare",
             "synonyms"],
            appellations,
        ),
        "items.csv": csv_bytes(["id", "label", "kind", "category", "macro_id", "synonyms"], items),
        "links.csv": csv_bytes(["metier_code", "item_id", "core"], links),
    }


def add_project_synonyms(ref: Referential, source: Referential) -> int:
    """Give an imported referential the CV phrasings the project wrote for the shipped one.

    Both use official ROME ids, so "CACES R489" or "prise des constantes" reach the same items
    in an imported version; ids that disappeared from the new version are simply skipped.
    """
    from dataclasses import replace

    added = 0
    for app_id, app in source.appellations.items():
        if app.synonyms and app_id in ref.appellations:
            ref.appellations[app_id] = replace(ref.appellations[app_id], synonyms=app.synonyms)
            added += 1
    for item_id, item in source.items.items():
        if item.synonyms and item_id in ref.items:
            ref.items[item_id] = replace(ref.items[item_id], synonyms=item.synonyms)
            added += 1
    return added


def installed_dir(data_dir: Path, name: str, version: str) -> Path:
    return data_dir / "referentials" / name / version


def install(
    export_dir: Path,
    data_dir: Path,
    *,
    fmt: str = "rome4",
    name: str = "rome",
    with_synonyms: bool = True,
) -> tuple[Installed, bool]:
    """Import an official export; returns (what is installed, whether anything was written).

    Importing a version that is already installed with the same content is a no-op; a new
    version sits beside the old ones.
    """
    if fmt not in FORMATS:
        raise ReferentialError(f"unknown format {fmt!r}: supported formats are {FORMATS}")
    from cvparse.service.referentials.rome4 import read_rome4

    export = read_rome4(export_dir, name=name)
    ref = export.referential
    if with_synonyms:
        add_project_synonyms(ref, load_default())
    manifest: dict[str, object] = {
        "name": name,
        "version": ref.version,
        "format": fmt,
        "based_on": f"ROME 4.0 v{export.source_version}",
        "licence": "Etalab-2.0 (data from France Travail)"
        + (" + cvparse synonyms" if with_synonyms else ""),
        "attribution": f"France Travail — ROME 4.0, version {export.source_version}",
        "synonyms_from": load_default().ref if with_synonyms else None,
    }
    files = serialise(ref, manifest)
    target = installed_dir(data_dir, name, ref.version)
    if target.exists():
        if all((target / n).is_file() and (target / n).read_bytes() == b for n, b in files.items()):
            return _describe(target, name, ref.version), False
        raise ReferentialError(
            f"{name}@{ref.version} is already installed at {target} with different content; "
            f"remove that folder first if you really mean to replace it"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{ref.version}-", dir=target.parent))
    try:
        for file_name, content in files.items():
            (tmp / file_name).write_bytes(content)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return _describe(target, name, ref.version), True


def _describe(path: Path, name: str, version: str, shipped: bool = False) -> Installed:
    try:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
        counts = {k: int(v) for k, v in manifest.get("counts", {}).items() if isinstance(v, int)}
    except (OSError, ValueError):
        counts = {}
    return Installed(name, version, path, counts, shipped)


def list_installed(data_dir: Path) -> list[Installed]:
    shipped = load_default()
    out = [_describe(SHIPPED_DIR, shipped.name, shipped.version, shipped=True)]
    root = data_dir / "referentials"
    if root.is_dir():
        for name_dir in sorted(p for p in root.iterdir() if p.is_dir()):
            for version_dir in sorted(
                (p for p in name_dir.iterdir() if p.is_dir() and not p.name.startswith(".")),
                key=lambda p: _version_key(p.name),
            ):
                out.append(_describe(version_dir, name_dir.name, version_dir.name))
    return out


def _version_key(version: str) -> tuple[int, ...] | tuple[str]:
    parts = version.replace("-", ".").split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else (version,)


def resolve(spec: str, data_dir: Path) -> Referential:
    """Load the referential named by `NAME@VERSION`, or `NAME` for its newest version."""
    return load_dir(resolve_dir(spec, data_dir))


def resolve_dir(spec: str, data_dir: Path) -> Path:
    """The folder of the referential named by `NAME@VERSION` (or `NAME`: newest version)."""
    name, _, version = spec.strip().partition("@")
    if name == DEFAULT_NAME:
        shipped = load_default()
        if version and version != shipped.version:
            raise ReferentialError(
                f"{spec}: the shipped referential is {shipped.ref}; other versions of it are "
                "not installed"
            )
        return SHIPPED_DIR
    candidates = [i for i in list_installed(data_dir) if i.name == name and not i.shipped]
    if version:
        candidates = [i for i in candidates if i.version == version]
    if not candidates:
        known = ", ".join(i.ref for i in list_installed(data_dir))
        raise ReferentialError(
            f"referential {spec!r} is not installed (installed: {known}); import one with "
            "`cvparse referential import DIR --format rome4`"
        )
    return candidates[-1].path


__all__ = [
    "Installed",
    "add_project_synonyms",
    "checksum_of",
    "install",
    "list_installed",
    "resolve",
    "serialise",
]
