"""Read a referential stored in the project's CSV layout into the engine's `Referential`.

The layout (manifest.json, metiers.csv, appellations.csv, items.csv, links.csv) is the same for
the shipped referential and for imported ones, so one loader serves both. A data file may be
stored gzip-compressed (`items.csv.gz`: the shipped ROME 4.0 is); the checksum covers the
manifest and the *uncompressed* bytes of every data file, so the shipped referential and an
import of the same export into the data folder have the same checksum. A draft records it,
and two drafts made with the same checksum were made with the same referential.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import zlib
from pathlib import Path

from cvparse.engine.referential.model import (
    Appellation,
    Item,
    Link,
    Metier,
    Referential,
    split_gender_forms,
)

DATA_FILES = ("metiers.csv", "appellations.csv", "items.csv", "links.csv")
REQUIRED_COLUMNS = {
    "metiers.csv": {"code", "title"},
    "appellations.csv": {"id", "label", "metier_code"},
    "items.csv": {"id", "label", "kind"},
    "links.csv": {"metier_code", "item_id"},
}
VALID_KINDS = {"savoir-faire", "savoir-etre", "savoir", "macro"}


class ReferentialError(Exception):
    """A referential directory is missing, incomplete or malformed (names the file and line)."""


def data_bytes(directory: Path, name: str) -> bytes:
    """The bytes of one file of a referential folder, `name` or its compressed `name.gz`."""
    path = directory / name
    if path.is_file():
        return path.read_bytes()
    packed = directory / f"{name}.gz"
    if packed.is_file():
        try:
            return gzip.decompress(packed.read_bytes())
        except (OSError, EOFError, zlib.error) as exc:
            raise ReferentialError(f"{packed}: not a valid gzip file ({exc})") from exc
    raise ReferentialError(f"{path}: file missing from the referential directory")


def checksum_of(directory: Path) -> str:
    digest = hashlib.sha256()
    for name in ("manifest.json", *DATA_FILES):
        digest.update(name.encode())
        digest.update(data_bytes(directory, name))
    return digest.hexdigest()


def _rows(path: Path) -> list[dict[str, str]]:
    data = data_bytes(path.parent, path.name)
    try:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
        missing = REQUIRED_COLUMNS[path.name] - set(reader.fieldnames or [])
        if missing:
            raise ReferentialError(f"{path}:1: missing column(s) {', '.join(sorted(missing))}")
        return list(reader)
    except UnicodeDecodeError as exc:
        raise ReferentialError(f"{path}: not UTF-8 ({exc.reason}); re-save it as UTF-8") from exc


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(s.strip() for s in (value or "").split("|") if s.strip())


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "o", "oui", "yes", "y"}


def load_dir(directory: Path) -> Referential:
    directory = Path(directory)
    manifest_path = directory / "manifest.json"
    if not manifest_path.is_file():
        raise ReferentialError(f"{manifest_path}: file missing (not a referential directory?)")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ReferentialError(f"{manifest_path}:{exc.lineno}: invalid JSON ({exc.msg})") from exc
    for key in ("name", "version"):
        if not manifest.get(key):
            raise ReferentialError(f"{manifest_path}: '{key}' is missing")
    ref = Referential(
        name=str(manifest["name"]),
        version=str(manifest["version"]),
        checksum=checksum_of(directory),
    )
    for n, row in enumerate(_rows(directory / "metiers.csv"), start=2):
        code = row["code"].strip()
        if not code:
            raise ReferentialError(f"{directory / 'metiers.csv'}:{n}: empty code")
        ref.metiers[code] = Metier(
            code, row["title"].strip(), row.get("parent_code") or None, row.get("domain") or None
        )
    for n, row in enumerate(_rows(directory / "appellations.csv"), start=2):
        if row["metier_code"] not in ref.metiers:
            raise ReferentialError(
                f"{directory / 'appellations.csv'}:{n}: unknown métier code {row['metier_code']!r}"
            )
        masc, fem = split_gender_forms(row["label"])
        ref.appellations[row["id"]] = Appellation(
            id=row["id"],
            label=row["label"],
            masculine=row.get("masculine") or masc,
            feminine=row.get("feminine") or fem,
            metier_code=row["metier_code"],
            principal=_flag(row.get("principal")),
            rare=_flag(row.get("rare")),
            synonyms=_split(row.get("synonyms")),
        )
    for n, row in enumerate(_rows(directory / "items.csv"), start=2):
        if row["kind"] not in VALID_KINDS:
            raise ReferentialError(
                f"{directory / 'items.csv'}:{n}: kind {row['kind']!r} is not one of "
                f"{', '.join(sorted(VALID_KINDS))}"
            )
        ref.items[row["id"]] = Item(
            id=row["id"],
            label=row["label"],
            kind=row["kind"],  # type: ignore[arg-type]
            category=row.get("category") or None,
            macro_id=row.get("macro_id") or None,
            synonyms=_split(row.get("synonyms")),
        )
    for row in _rows(directory / "links.csv"):
        if row["metier_code"] in ref.metiers and row["item_id"] in ref.items:
            core = (row.get("core") or "0").strip()
            ref.links.append(Link(row["metier_code"], row["item_id"], core == "1", core == "2"))
    return ref

