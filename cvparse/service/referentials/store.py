"""Referentials as the service finds them: the shipped ones, the installed ones, and how
`NAME@VERSION` resolves.

Two places hold referentials, in the same layout (manifest.json, metiers.csv,
appellations.csv, items.csv, links.csv — data files optionally gzip-compressed):

- shipped, inside the package: `referentials/data/<name>/<version>/` — the full official
  ROME 4.0 (`rome@460`), converted by this module from France Travail's export with the
  project's CV phrasings on top (`referentials/build_shipped.py` writes it);
- installed, in the data folder: `<data dir>/referentials/<name>/<version>/` — a newer export
  imported with `cvparse referential import`, by the very same conversion.

Because both come from one conversion, the shipped `rome@460` and an import of the same
export are the same referential (same checksum), and drafts made either way are identical.
`rome` alone means the newest version found in either place. A version is written to a
temporary folder and renamed into place, so an interrupted import never leaves a half-written
referential behind.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from cvparse.engine.referential import Referential
from cvparse.engine.referential.csvdir import (
    DATA_FILES,
    ReferentialError,
    checksum_of,
    data_bytes,
    load_dir,
)
from cvparse.service.referentials.curation import Curation, apply_curation, read_curation

# The shipped data lives in the top-level `referentials` distribution folder (the design card
# puts it there). It is found as package *data*, never imported as code: the referential
# package's build tools depend on cvparse, not the other way round.
SHIPPED_ROOT = Path(str(files("referentials")))
SHIPPED_DATA = SHIPPED_ROOT / "data"
CALIBRATION_DIR = SHIPPED_ROOT / "calibration"
CURATION_DIR = SHIPPED_ROOT / "curation"
DEFAULT_NAME = "rome"
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


@dataclass(slots=True)
class Conversion:
    """An export converted to the project's layout: the files, and what to tell the person."""

    name: str
    version: str
    files: dict[str, bytes]  # file name → uncompressed bytes
    warnings: list[str] = field(default_factory=list)

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


def convert(
    export_dir: Path,
    *,
    fmt: str = "rome4",
    name: str = DEFAULT_NAME,
    curation: Curation | None = None,
) -> Conversion:
    """Convert an official export to the project's layout, with the curation on top (None:
    the official labels alone). The one conversion behind both the shipped referential and
    `cvparse referential import`."""
    if fmt not in FORMATS:
        raise ReferentialError(f"unknown format {fmt!r}: supported formats are {FORMATS}")
    from cvparse.service.referentials.rome4 import read_rome4

    export = read_rome4(export_dir, name=name)
    ref = export.referential
    warnings: list[str] = []
    if curation is not None:
        warnings = apply_curation(ref, curation).warnings
    cited = (f"version {export.published_version}" if export.published_version
             else f"export v{export.source_version}")
    manifest: dict[str, object] = {
        "name": name,
        "version": ref.version,
        "format": fmt,
        "based_on": f"ROME 4.0 v{export.source_version}",
        "published": export.published_on,
        "licence": "Etalab-2.0 (data from France Travail)"
        + (" + cvparse CV phrasings" if curation is not None else ""),
        "attribution": f"France Travail — ROME 4.0, {cited}",
        "curation": curation.digest[:16] if curation is not None else None,
    }
    return Conversion(name, ref.version, serialise(ref, manifest), warnings)


def project_curation() -> Curation:
    """The project's CV phrasings, as shipped (`referentials/curation/`)."""
    return read_curation(CURATION_DIR)


def write_referential(target: Path, conversion: Conversion, *, compress: bool) -> None:
    """Write a converted referential folder atomically (temporary folder, then rename).
    Compressed data files are deterministic gzip (no name, no time stamp)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{conversion.version}-", dir=target.parent))
    try:
        for file_name, content in conversion.files.items():
            if compress and file_name in DATA_FILES:
                (tmp / f"{file_name}.gz").write_bytes(
                    gzip.compress(content, compresslevel=9, mtime=0)
                )
            else:
                (tmp / file_name).write_bytes(content)
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def same_content(directory: Path, conversion: Conversion) -> bool:
    """Whether a referential folder holds exactly this conversion (compressed or not)."""
    try:
        return all(data_bytes(directory, n) == b for n, b in conversion.files.items())
    except ReferentialError:
        return False


def installed_dir(data_dir: Path, name: str, version: str) -> Path:
    return data_dir / "referentials" / name / version


def install(
    export_dir: Path,
    data_dir: Path,
    *,
    fmt: str = "rome4",
    name: str = DEFAULT_NAME,
    with_synonyms: bool = True,
) -> tuple[Installed, bool, list[str]]:
    """Import an official export; returns (what is installed, whether anything was written,
    warnings about the curation).

    Importing a version that is already installed — or shipped — with the same content is a
    no-op; a new version sits beside the others. The same NAME@VERSION with other content is
    refused: a draft's referential name and version must say what it was made with.
    """
    conversion = convert(
        export_dir, fmt=fmt, name=name, curation=project_curation() if with_synonyms else None
    )
    shipped = {i.ref: i for i in list_shipped()}
    if conversion.ref in shipped:
        if same_content(shipped[conversion.ref].path, conversion):
            return shipped[conversion.ref], False, conversion.warnings
        raise ReferentialError(
            f"{conversion.ref} is shipped with cvparse with different content (the project's "
            "CV phrasings on top of the official labels); install this variant under another "
            "name (--name)"
        )
    target = installed_dir(data_dir, name, conversion.version)
    if target.exists():
        if same_content(target, conversion):
            return _describe(target, name, conversion.version), False, conversion.warnings
        raise ReferentialError(
            f"{conversion.ref} is already installed at {target} with different content; "
            f"remove that folder first if you really mean to replace it"
        )
    write_referential(target, conversion, compress=False)
    return _describe(target, name, conversion.version), True, conversion.warnings


def _describe(path: Path, name: str, version: str, shipped: bool = False) -> Installed:
    try:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
        counts = {k: int(v) for k, v in manifest.get("counts", {}).items() if isinstance(v, int)}
    except (OSError, ValueError):
        counts = {}
    return Installed(name, version, path, counts, shipped)


def _versions(root: Path, shipped: bool) -> list[Installed]:
    out: list[Installed] = []
    if root.is_dir():
        for name_dir in sorted(p for p in root.iterdir() if p.is_dir()):
            for version_dir in sorted(
                (p for p in name_dir.iterdir() if p.is_dir() and not p.name.startswith(".")),
                key=lambda p: _version_key(p.name),
            ):
                out.append(_describe(version_dir, name_dir.name, version_dir.name, shipped))
    return out


def list_shipped() -> list[Installed]:
    """The referentials inside the package."""
    return _versions(SHIPPED_DATA, shipped=True)


def list_installed(data_dir: Path) -> list[Installed]:
    """Every referential `parse` can use: the shipped ones, then those in the data folder."""
    return list_shipped() + _versions(data_dir / "referentials", shipped=False)


def _version_key(version: str) -> tuple[int, ...] | tuple[str]:
    parts = version.replace("-", ".").split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else (version,)


def resolve(spec: str, data_dir: Path) -> Referential:
    """Load the referential named by `NAME@VERSION`, or `NAME` for its newest version."""
    return load_dir(resolve_dir(spec, data_dir))


def resolve_dir(spec: str, data_dir: Path) -> Path:
    """The folder of the referential named by `NAME@VERSION` (or `NAME`: newest version, shipped
    or installed; for a version found in both places, the shipped one)."""
    name, _, version = spec.strip().partition("@")
    everything = list_installed(data_dir)
    candidates = [i for i in everything if i.name == name]
    if version:
        candidates = [i for i in candidates if i.version == version]
    if not candidates:
        known = ", ".join(i.ref for i in everything) or "none"
        raise ReferentialError(
            f"referential {spec!r} is not installed (installed: {known}); import one with "
            "`cvparse referential import DIR --format rome4`"
        )
    candidates.sort(key=lambda i: (_version_key(i.version), i.shipped))
    return candidates[-1].path


def default_dir() -> Path:
    """The newest shipped version of the default referential."""
    shipped = [i for i in list_shipped() if i.name == DEFAULT_NAME]
    if not shipped:
        raise ReferentialError(f"no shipped {DEFAULT_NAME} referential in {SHIPPED_DATA}")
    return max(shipped, key=lambda i: _version_key(i.version)).path


@lru_cache(maxsize=2)
def load_default() -> Referential:
    """The shipped default referential, read from its files (the registry's disk cache is
    faster: this is for tools and tests that want the referential alone)."""
    return load_dir(default_dir())


__all__ = [
    "CALIBRATION_DIR",
    "DEFAULT_NAME",
    "Installed",
    "checksum_of",
    "convert",
    "install",
    "list_installed",
    "list_shipped",
    "load_default",
    "resolve",
    "serialise",
]
