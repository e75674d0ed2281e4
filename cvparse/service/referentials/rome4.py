"""Read France Travail's official ROME 4.0 open-data export (the `unix_*_vNNN_utf8.csv` files).

Every problem is reported with the file and the line, because the person running the import
is an ops engineer with a 100 MB export in front of them, not the code. The reader builds the
internal `Referential` model; storing it is `cvparse.service.referentials.store`'s job.

How ROME 4.0 is laid out (as read from v460):
- fiches: `referentiel_code_rome`; 4.0 fiches (M1855…) hang under 3.x parents (M1805) through
  `code_rome_parent`; the professional domain comes from `cr_gd_dp`.
- appellations: `referentiel_appellation`, labels with both genders ("Infirmier / Infirmière").
- items: `referentiel_competence` (nature Compétence / Macro-compétence; savoir-être
  professionnels are macro-compétences of category "Savoir-être professionnel") and
  `referentiel_savoir`.
- fiche ↔ item links: `liens_rome_referentiels` rows of block 5 (rubrique 1 savoir-faire,
  2 savoir-être, 3 savoirs); "cœur de métier" flags in `coherence_item`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cvparse.engine.referential import (
    Appellation,
    Item,
    ItemKind,
    Link,
    Metier,
    Referential,
    split_gender_forms,
)
from cvparse.engine.referential.csvdir import ReferentialError

# table → columns the importer needs (the export has more; extra columns are fine)
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "referentiel_code_rome": ("code_rome", "libelle_rome", "code_rome_parent"),
    "cr_gd_dp": ("code_rome", "code_domaine_professionel"),
    "referentiel_appellation": (
        "code_ogr", "libelle_appellation_long", "code_rome", "classification", "peu_usite",
    ),
    "referentiel_competence": (
        "code_ogr", "nature", "libelle_competence", "code_ogr_macro_comp", "cat_comp",
        "sous_cat_comp",
    ),
    "referentiel_savoir": ("code_ogr_savoir", "libelle_savoir", "categorie_savoir"),
    "liens_rome_referentiels": ("code_rome", "code_compo_bloc", "code_rubrique", "code_ogr"),
    "coherence_item": ("code_rome", "code_ogr", "coeur_metier"),
}  # fmt: skip
FILE_PATTERN = re.compile(r"^unix_(?P<table>[a-z_]+)_v(?P<version>\d+)_utf8\.csv$")
ROME_CODE = re.compile(r"^[A-N]\d{4}$")
OGR_CODE = re.compile(r"^\d+$")
COMPETENCE_BLOCK = "5"
RUBRIQUES = {"1", "2", "3"}
CORE_VALUES = {"Principale": (True, False), "Émergente": (False, True), "": (False, False)}


class RomeImportError(ReferentialError):
    """An export file is missing or malformed; the message names the file and the line."""


@dataclass(slots=True)
class RomeExport:
    referential: Referential
    source_version: str  # "460" from the file names
    counts: dict[str, int]
    published_version: str | None = None  # "60", from version.txt ("Numero de version : 60")
    published_on: str | None = None  # "2025-09-18", from version.txt


def _find_files(directory: Path) -> tuple[dict[str, Path], str]:
    if not directory.is_dir():
        raise RomeImportError(f"{directory}: not a directory; give the folder of the export")
    found: dict[str, Path] = {}
    versions: set[str] = set()
    for path in sorted(directory.iterdir()):
        m = FILE_PATTERN.match(path.name)
        if m and m["table"] in REQUIRED_COLUMNS:
            if m["table"] in found:
                raise RomeImportError(
                    f"{path}: a second file for table {m['table']} ({found[m['table']].name}); "
                    "keep one version of the export per folder"
                )
            found[m["table"]] = path
            versions.add(m["version"])
    missing = [t for t in REQUIRED_COLUMNS if t not in found]
    if missing:
        raise RomeImportError(
            f"{directory}: missing file(s) "
            + ", ".join(f"unix_{t}_vNNN_utf8.csv" for t in missing)
            + " — is this an official ROME 4.0 export?"
        )
    if len(versions) != 1:
        raise RomeImportError(f"{directory}: files of several versions ({sorted(versions)})")
    return found, versions.pop()


def _rows(path: Path, table: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows with their line numbers; checks encoding, header and field counts."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RomeImportError(
            f"{path}:{line}: not UTF-8 (byte 0x{data[exc.start]:02x}); the official export is "
            "UTF-8 — was the file re-saved by a spreadsheet? Download it again"
        ) from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise RomeImportError(f"{path}:1: empty file") from None
    missing = [c for c in REQUIRED_COLUMNS[table] if c not in header]
    if missing:
        raise RomeImportError(
            f"{path}:1: missing column(s) {', '.join(missing)} (found: {', '.join(header)})"
        )
    width = len(header)
    try:
        for values in reader:
            line = reader.line_num
            if not values:
                continue
            if len(values) != width:
                raise RomeImportError(
                    f"{path}:{line}: {len(values)} fields where the header has {width}"
                )
            yield line, dict(zip(header, values, strict=True))
    except csv.Error as exc:
        raise RomeImportError(f"{path}:{reader.line_num}: malformed CSV ({exc})") from exc


def _check(path: Path, line: int, value: str, pattern: re.Pattern[str], what: str) -> str:
    value = value.strip()
    if not pattern.match(value):
        raise RomeImportError(f"{path}:{line}: {what} {value!r} is not valid")
    return value


def read_rome4(directory: Path, name: str = "rome") -> RomeExport:
    directory = Path(directory)
    files, version = _find_files(directory)
    ref = Referential(name=name, version=version, checksum="")

    domains = {
        row["code_rome"].strip(): row["code_domaine_professionel"].strip()
        for _, row in _rows(files["cr_gd_dp"], "cr_gd_dp")
    }
    path = files["referentiel_code_rome"]
    for line, row in _rows(path, "referentiel_code_rome"):
        code = _check(path, line, row["code_rome"], ROME_CODE, "code_rome")
        parent = row["code_rome_parent"].strip()
        ref.metiers[code] = Metier(
            code=code,
            title=row["libelle_rome"].strip(),
            parent_code=parent if parent and parent != code else None,
            domain=domains.get(code),
        )

    path = files["referentiel_appellation"]
    for line, row in _rows(path, "referentiel_appellation"):
        app_id = _check(path, line, row["code_ogr"], OGR_CODE, "code_ogr")
        code = row["code_rome"].strip()
        if code not in ref.metiers:
            raise RomeImportError(f"{path}:{line}: code_rome {code!r} is not a fiche")
        label = row["libelle_appellation_long"].strip()
        masculine, feminine = split_gender_forms(label)
        ref.appellations[app_id] = Appellation(
            id=app_id, label=label, masculine=masculine, feminine=feminine, metier_code=code,
            principal=row["classification"].strip() == "PRINCIPALE",
            rare=row["peu_usite"].strip() == "O",
        )

    path = files["referentiel_competence"]
    for line, row in _rows(path, "referentiel_competence"):
        item_id = _check(path, line, row["code_ogr"], OGR_CODE, "code_ogr")
        nature = row["nature"].strip()
        kind: ItemKind
        if row["cat_comp"].strip() == "Savoir-être professionnel":
            kind = "savoir-etre"
        elif nature == "Macro-compétence":
            kind = "macro"
        elif nature == "Compétence":
            kind = "savoir-faire"
        else:
            raise RomeImportError(f"{path}:{line}: nature {nature!r} is not known")
        macro = row["code_ogr_macro_comp"].strip() if nature == "Compétence" else ""
        ref.items[item_id] = Item(
            id=item_id, label=row["libelle_competence"].strip(), kind=kind,
            category=row["sous_cat_comp"].strip() or None, macro_id=macro or None,
        )
    path = files["referentiel_savoir"]
    for line, row in _rows(path, "referentiel_savoir"):
        item_id = _check(path, line, row["code_ogr_savoir"], OGR_CODE, "code_ogr_savoir")
        ref.items[item_id] = Item(
            id=item_id, label=row["libelle_savoir"].strip(), kind="savoir",
            # "Langues", "Certifications", "Logiciels, progiciels": the finer of the two levels
            category=(row.get("sous_categorie_savoir") or row["categorie_savoir"]).strip() or None,
        )

    core: dict[tuple[str, str], str] = {}
    path = files["coherence_item"]
    for line, row in _rows(path, "coherence_item"):
        value = row["coeur_metier"].strip()
        if value not in CORE_VALUES:
            raise RomeImportError(f"{path}:{line}: coeur_metier {value!r} is not known")
        core[(row["code_rome"].strip(), row["code_ogr"].strip())] = value
    path = files["liens_rome_referentiels"]
    seen: set[tuple[str, str]] = set()
    for line, row in _rows(path, "liens_rome_referentiels"):
        if row["code_compo_bloc"].strip() != COMPETENCE_BLOCK:
            continue
        if row["code_rubrique"].strip() not in RUBRIQUES:
            continue
        key = (row["code_rome"].strip(), row["code_ogr"].strip())
        if key in seen:
            continue
        if key[0] not in ref.metiers:
            raise RomeImportError(f"{path}:{line}: code_rome {key[0]!r} is not a fiche")
        if key[1] not in ref.items:
            raise RomeImportError(f"{path}:{line}: code_ogr {key[1]!r} is not an item")
        seen.add(key)
        is_core, emerging = CORE_VALUES[core.get(key, "")]
        ref.links.append(Link(key[0], key[1], is_core, emerging))

    for item in ref.items.values():
        if item.macro_id and item.macro_id not in ref.items:
            raise RomeImportError(
                f"{files['referentiel_competence']}: item {item.id} has an unknown "
                f"macro-compétence {item.macro_id}"
            )
    counts = {
        "metiers": len(ref.metiers),
        "appellations": len(ref.appellations),
        "items": len(ref.items),
        "links": len(ref.links),
    }
    published, published_on = _published(directory / "version.txt")
    return RomeExport(ref, version, counts, published, published_on)


VERSION_NUMBER = re.compile(r"Numero de version\s*:\s*(\d+)")
PUBLICATION_DATE = re.compile(r"Date de publication\s*:\s*(\d{2})/(\d{2})/(\d{4})")


def _published(path: Path) -> tuple[str | None, str | None]:
    """France Travail's own version number and publication date, when the export carries its
    version.txt: v460 is "ROME 4.0 version 60", which is how it is cited."""
    if not path.is_file():
        return None, None
    text = path.read_text(encoding="utf-8", errors="replace")
    number = VERSION_NUMBER.search(text)
    date = PUBLICATION_DATE.search(text)
    return (number.group(1) if number else None,
            f"{date.group(3)}-{date.group(2)}-{date.group(1)}" if date else None)
