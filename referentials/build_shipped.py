#!/usr/bin/env python3
"""Build the shipped ROME-style referential ``cvparse-rome``.

A developer's script, never run by cvparse at run time. It reads

* the project's curation files in ``referentials/curation/``:
  ``metiers.txt`` (the curated ROME 4.0 codes), ``item_synonyms.csv`` and
  ``appellation_synonyms.csv`` (CV phrasings written for the project), ``gender_forms.csv``
  (masculine/feminine forms for the few labels ``split_gender_forms`` misreads) and
  ``version.txt``;
* an official ROME 4.0 open-data export from France Travail (``--rome DIR``, default
  ``../shared/rome/v460`` relative to the repository root),

and writes ``referentials/data/cvparse-rome/``: ``metiers.csv``, ``appellations.csv``,
``items.csv``, ``links.csv`` and ``manifest.json``. Only the curated métiers, their official
appellations, the items linked to them (plus the macro-compétences those items hang under and the
few unlinked items the curation gives synonyms to) are written: the export is never copied
wholesale.

Output is deterministic (sorted rows, ``\\n`` line endings, no timestamps): rebuilding from the
same inputs gives byte-identical files; ``--check`` verifies that the committed files are up to
date without writing anything.

    python referentials/build_shipped.py                 # rebuild
    python referentials/build_shipped.py --check         # exit 1 if the data files are stale
    python referentials/build_shipped.py --rome /path/to/rome/v460
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from cvparse.engine.referential.model import ITEM_KINDS, split_gender_forms  # noqa: E402
from cvparse.engine.text import comparison_key  # noqa: E402
from cvparse.service.referentials.store import csv_bytes, flag  # noqa: E402

NAME = "cvparse-rome"
BASED_ON = "ROME 4.0 v460"
LICENCE = "Etalab-2.0 (data from France Travail) + project synonyms"
CURATION_DIR = REPO_ROOT / "referentials" / "curation"
DEFAULT_OUT = REPO_ROOT / "referentials" / "data" / NAME
DEFAULT_ROME = REPO_ROOT.parent / "shared" / "rome" / "v460"
GRANDS_DOMAINES = "ABCDEFGHIJKLMN"
VERSION_RE = re.compile(r"^\d{4}\.\d{2}-\d+$")
CODE_RE = re.compile(r"^[A-N]\d{4}$")
MAX_TOTAL_BYTES = 3 * 1024 * 1024  # the files are committed: keep them small

# A lone generic word says nothing about which item a CV means: never a synonym on its own.
# fmt: off
GENERIC_WORDS = {
    "gestion", "suivi", "organisation", "accueil", "contrôle", "controle", "vente", "service",
    "travail", "équipe", "equipe", "qualité", "qualite", "client", "clients", "production",
    "administration", "management", "communication", "entretien", "maintenance", "préparation",
    "preparation", "réalisation", "realisation", "conseil", "analyse", "aide", "soins", "soin",
    "sécurité", "securite", "hygiène", "hygiene", "nettoyage", "logistique", "informatique",
    "commercial", "technique", "projet", "projets", "développement", "developpement",
}
# fmt: on

# Appellation synonyms are job titles: "commercial" or "vendeur" are fine there, but a lone
# rank or status word says nothing about the trade.
# fmt: off
GENERIC_TITLE_WORDS = {
    "agent", "agente", "employé", "employée", "employe", "employee", "technicien",
    "technicienne", "assistant", "assistante", "responsable", "chef", "cheffe", "opérateur",
    "operateur", "opératrice", "operatrice", "ouvrier", "ouvrière", "ouvriere", "conseiller",
    "conseillère", "conseillere", "chargé", "chargée", "charge", "chargee", "manager",
    "gestionnaire", "stagiaire", "intérimaire", "interimaire", "salarié", "salariée", "salarie",
    "salariee", "apprenti", "apprentie", "alternant", "alternante", "superviseur",
    "superviseuse",
}
# fmt: on

CORE_CODES = {"Principale": 1, "Émergente": 2, "": 0}

# Export files (file name pattern unix_<table>_v460_utf8.csv).
TABLES = (
    "referentiel_code_rome",
    "cr_gd_dp",
    "referentiel_appellation",
    "referentiel_competence",
    "referentiel_savoir",
    "liens_rome_referentiels",
    "coherence_item",
)


class BuildError(Exception):
    pass


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def read_export(rome_dir: Path) -> dict[str, list[dict[str, str]]]:
    if not rome_dir.is_dir():
        raise BuildError(f"ROME export directory not found: {rome_dir} (use --rome DIR)")
    tables: dict[str, list[dict[str, str]]] = {}
    for table in TABLES:
        matches = sorted(rome_dir.glob(f"unix_{table}_v*_utf8.csv"))
        if len(matches) != 1:
            raise BuildError(f"expected one unix_{table}_v*_utf8.csv in {rome_dir}, got {matches}")
        with matches[0].open(encoding="utf-8", newline="") as fh:
            tables[table] = list(csv.DictReader(fh))
    return tables


def read_source_version(rome_dir: Path) -> dict[str, str]:
    """Version number and publication date from the export's version.txt, when present."""
    info: dict[str, str] = {"publisher": "France Travail", "referential": "ROME 4.0"}
    path = rome_dir / "version.txt"
    if path.is_file():
        text = path.read_text(encoding="utf-8", errors="replace")
        if m := re.search(r"Numero de version\s*:\s*(\d+)", text):
            info["version"] = m.group(1)
        if m := re.search(r"Date de publication\s*:\s*(\d{2})/(\d{2})/(\d{4})", text):
            info["published"] = f"{m.group(3)}-{m.group(2)}-{m.group(1)}"
    return info


def read_curated_codes(path: Path) -> list[str]:
    codes: list[str] = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if not CODE_RE.match(line):
            raise BuildError(f"{path.name}:{lineno}: not a ROME code: {line!r}")
        if line in codes:
            raise BuildError(f"{path.name}:{lineno}: duplicate code {line}")
        codes.append(line)
    return codes


def read_version(path: Path) -> str:
    version = path.read_text(encoding="utf-8").strip()
    if not VERSION_RE.match(version):
        raise BuildError(f"{path.name}: version must look like 2026.11-1, got {version!r}")
    return version


@dataclass
class SynonymRows:
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    reminders: dict[str, str] = field(default_factory=dict)  # id -> label written by the curator


def read_synonyms(path: Path, id_column: str, generic: set[str]) -> SynonymRows:
    """``<id>,synonyms[,label]``: synonyms ``|``-separated; label is an optional reminder."""
    rows = SynonymRows()
    if not path.is_file():
        return rows
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or reader.fieldnames[:2] != [id_column, "synonyms"]:
            raise BuildError(f"{path.name}: header must start with {id_column},synonyms")
        for lineno, row in enumerate(reader, 2):
            key = (row[id_column] or "").strip()
            if not key.isdigit():
                raise BuildError(f"{path.name}:{lineno}: bad {id_column} {key!r}")
            if key in rows.synonyms:
                raise BuildError(f"{path.name}:{lineno}: duplicate {id_column} {key}")
            phrases: list[str] = []
            seen: set[str] = set()
            for raw in (row["synonyms"] or "").split("|"):
                phrase = " ".join(raw.split())
                if not phrase:
                    continue
                if comparison_key(phrase) in generic:
                    raise BuildError(f"{path.name}:{lineno}: generic lone word {phrase!r}")
                if comparison_key(phrase) in seen:
                    continue
                seen.add(comparison_key(phrase))
                phrases.append(phrase)
            if not phrases:
                raise BuildError(f"{path.name}:{lineno}: no synonyms for {key}")
            rows.synonyms[key] = tuple(phrases)
            label = (row.get("label") or "").strip()
            if label:
                rows.reminders[key] = label
    return rows


# --------------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------------


def read_gender_forms(path: Path) -> dict[str, tuple[str, str, str]]:
    """``appellation_id,masculine,feminine[,label]``: corrections where split_gender_forms
    cannot read a published label (feminine first, shared head word, two synonyms...)."""
    forms: dict[str, tuple[str, str, str]] = {}
    if not path.is_file():
        return forms
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        expected = ["appellation_id", "masculine", "feminine"]
        if not reader.fieldnames or reader.fieldnames[:3] != expected:
            raise BuildError(f"{path.name}: header must start with {','.join(expected)}")
        for lineno, row in enumerate(reader, 2):
            key = (row["appellation_id"] or "").strip()
            masculine = " ".join((row["masculine"] or "").split())
            feminine = " ".join((row["feminine"] or "").split())
            if not key.isdigit() or not masculine or not feminine or key in forms:
                raise BuildError(f"{path.name}:{lineno}: bad or duplicate row")
            forms[key] = (masculine, feminine, (row.get("label") or "").strip())
    return forms


def competence_kind(row: dict[str, str]) -> str:
    # ROME 4.0 savoir-être professionnels are macro-compétences of category
    # "Savoir-être professionnel", linked directly to fiches (rubrique 2).
    if row["cat_comp"] == "Savoir-être professionnel":
        return "savoir-etre"
    if row["nature"] == "Macro-compétence":
        return "macro"
    return "savoir-faire"


RUBRIQUE_KINDS = {"1": {"savoir-faire", "macro"}, "2": {"savoir-etre"}, "3": {"savoir"}}


def _join(phrases: tuple[str, ...] | list[str]) -> str:
    for phrase in phrases:
        if "|" in phrase:
            raise BuildError(f"synonym contains '|': {phrase!r}")
    return "|".join(phrases)


def build(rome_dir: Path, curation_dir: Path) -> tuple[dict[str, bytes], list[str]]:
    """Return {file name: content} and a list of warnings."""
    warnings: list[str] = []
    tables = read_export(rome_dir)
    codes = read_curated_codes(curation_dir / "metiers.txt")
    version = read_version(curation_dir / "version.txt")
    item_syn = read_synonyms(
        curation_dir / "item_synonyms.csv", "item_id", {comparison_key(w) for w in GENERIC_WORDS}
    )
    app_syn = read_synonyms(
        curation_dir / "appellation_synonyms.csv",
        "appellation_id",
        {comparison_key(w) for w in GENERIC_TITLE_WORDS},
    )
    gender_forms = read_gender_forms(curation_dir / "gender_forms.csv")
    curated = set(codes)

    # ---- métiers
    fiches = {r["code_rome"]: r for r in tables["referentiel_code_rome"]}
    domains = {r["code_rome"]: r for r in tables["cr_gd_dp"]}
    metier_rows: list[list[str]] = []
    for code in sorted(codes):
        if code not in fiches:
            raise BuildError(f"metiers.txt: {code} is not a fiche of the export")
        fiche = fiches[code]
        parent = fiche["code_rome_parent"].strip()
        parent = "" if parent in ("", code) else parent
        domain = domains.get(code, {}).get("code_domaine_professionel", "")
        if not domain:
            raise BuildError(f"{code}: no domaine professionnel in unix_cr_gd_dp")
        if domains[code]["code_grand_domaine"] != domain[0]:
            raise BuildError(f"{code}: domain {domain} outside its grand domaine")
        metier_rows.append([code, fiche["libelle_rome"].strip(), parent, domain])
    missing = sorted(set(GRANDS_DOMAINES) - {row[3][0] for row in metier_rows})
    if missing:
        raise BuildError(f"grands domaines without a curated métier: {', '.join(missing)}")

    # ---- appellations
    appellations = [r for r in tables["referentiel_appellation"] if r["code_rome"] in curated]
    app_ids = {r["code_ogr"] for r in appellations}
    all_app = {r["code_ogr"]: r for r in tables["referentiel_appellation"]}
    for key in app_syn.synonyms:
        if key not in all_app:
            raise BuildError(f"appellation_synonyms.csv: {key} is not an appellation of the export")
        if key not in app_ids:
            raise BuildError(
                f"appellation_synonyms.csv: {key} ({all_app[key]['libelle_appellation_long']}) "
                f"belongs to {all_app[key]['code_rome']}, which is not curated"
            )
        _check_reminder(
            "appellation_synonyms.csv",
            key,
            app_syn,
            all_app[key]["libelle_appellation_long"],
            warnings,
        )
    for key, (_, _, reminder) in gender_forms.items():
        if key not in app_ids:
            raise BuildError(f"gender_forms.csv: {key} is not an appellation of a curated métier")
        label = all_app[key]["libelle_appellation_long"].strip()
        if reminder and comparison_key(reminder) != comparison_key(label):
            raise BuildError(f"gender_forms.csv: {key} is {label!r} in the export (wrong id?)")
        if gender_forms[key][:2] == split_gender_forms(label):
            warnings.append(f"gender_forms.csv: {key} matches split_gender_forms now: drop it")
    app_rows: list[list[str]] = []
    for r in sorted(appellations, key=lambda r: (r["code_rome"], int(r["code_ogr"]))):
        label = r["libelle_appellation_long"].strip()
        masculine, feminine = split_gender_forms(label)
        if r["code_ogr"] in gender_forms:
            masculine, feminine = gender_forms[r["code_ogr"]][:2]
        synonyms = tuple(
            s
            for s in app_syn.synonyms.get(r["code_ogr"], ())
            if comparison_key(s) not in {comparison_key(f) for f in (label, masculine, feminine)}
        )
        app_rows.append(
            [
                r["code_ogr"],
                label,
                masculine,
                feminine,
                r["code_rome"],
                flag(r["classification"] == "PRINCIPALE"),
                flag(r["peu_usite"] == "O"),
                _join(synonyms),
            ]
        )

    # ---- items and links
    competences = {r["code_ogr"]: r for r in tables["referentiel_competence"]}
    savoirs = {r["code_ogr_savoir"]: r for r in tables["referentiel_savoir"]}
    core = {
        (r["code_rome"], r["code_ogr"]): r["coeur_metier"].strip()
        for r in tables["coherence_item"]
        if r["code_rome"] in curated
    }

    def describe(item_id: str) -> tuple[str, str, str, str]:
        """(label, kind, category, macro_id) of an item of the export."""
        if item_id in competences:
            c = competences[item_id]
            kind = competence_kind(c)
            macro = c["code_ogr_macro_comp"].strip() if c["nature"] == "Compétence" else ""
            return c["libelle_competence"].strip(), kind, c["sous_cat_comp"].strip(), macro
        if item_id in savoirs:
            s = savoirs[item_id]
            category = (s.get("sous_categorie_savoir") or s["categorie_savoir"]).strip()
            return s["libelle_savoir"].strip(), "savoir", category, ""
        raise BuildError(f"item {item_id} is neither a compétence nor a savoir of the export")

    item_ids: set[str] = set()
    link_rows: list[list[str]] = []
    seen_links: set[tuple[str, str]] = set()
    for r in tables["liens_rome_referentiels"]:
        if r["code_rome"] not in curated or r["code_compo_bloc"] != "5":
            continue
        rubrique = r["code_rubrique"]
        if rubrique not in RUBRIQUE_KINDS:
            continue  # 5 holds only rubriques 1-3 today; anything else is not a compétence
        item_id = r["code_ogr"]
        kind = describe(item_id)[1]
        if kind not in RUBRIQUE_KINDS[rubrique]:
            raise BuildError(f"{r['code_rome']}/{item_id}: rubrique {rubrique} but kind {kind}")
        key = (r["code_rome"], item_id)
        if key in seen_links:
            continue
        seen_links.add(key)
        coeur = core.get(key)
        if coeur is None:
            warnings.append(f"link {key} has no coherence_item row: core=0")
            coeur = ""
        if coeur not in CORE_CODES:
            raise BuildError(f"unknown coeur_metier value {coeur!r} for {key}")
        item_ids.add(item_id)
        link_rows.append([r["code_rome"], item_id, str(CORE_CODES[coeur])])
    link_rows.sort(key=lambda row: (row[0], int(row[1])))

    linked_ids = set(item_ids)
    for key in item_syn.synonyms:
        label = describe(key)[0]  # raises on an unknown id
        _check_reminder("item_synonyms.csv", key, item_syn, label, warnings)
        if key not in linked_ids:
            item_ids.add(key)
    # macro-compétences the selected compétences hang under
    for item_id in list(item_ids):
        macro = describe(item_id)[3]
        if macro:
            if macro not in competences or competences[macro]["nature"] != "Macro-compétence":
                raise BuildError(f"item {item_id}: parent {macro} is not a macro-compétence")
            item_ids.add(macro)

    item_rows: list[list[str]] = []
    for item_id in sorted(item_ids, key=int):
        label, kind, category, macro = describe(item_id)
        label_key = comparison_key(label)
        synonyms = tuple(
            s for s in item_syn.synonyms.get(item_id, ()) if comparison_key(s) != label_key
        )
        item_rows.append([item_id, label, kind, category, macro, _join(synonyms)])

    # ---- sanity
    kinds = Counter(row[2] for row in item_rows)
    if set(kinds) - set(ITEM_KINDS):
        raise BuildError(f"unexpected item kinds {set(kinds) - set(ITEM_KINDS)}")
    _warn_shared_synonyms(item_rows, app_rows, warnings)

    files = {
        "metiers.csv": csv_bytes(["code", "title", "parent_code", "domain"], metier_rows),
        "appellations.csv": csv_bytes(
            [
                "id",
                "label",
                "masculine",
                "feminine",
                "metier_code",
                "principal",
                "rare",
                "synonyms",
            ],
            app_rows,
        ),
        "items.csv": csv_bytes(
            ["id", "label", "kind", "category", "macro_id", "synonyms"], item_rows
        ),
        "links.csv": csv_bytes(["metier_code", "item_id", "core"], link_rows),
    }
    core_counts = Counter(row[2] for row in link_rows)
    manifest = {
        "name": NAME,
        "version": version,
        "based_on": BASED_ON,
        "licence": LICENCE,
        "attribution": "France Travail — ROME 4.0, version 60",
        "source": read_source_version(rome_dir),
        "counts": {
            "metiers": len(metier_rows),
            "grands_domaines": "".join(sorted({row[3][0] for row in metier_rows})),
            "appellations": len(app_rows),
            "appellations_with_synonyms": sum(1 for row in app_rows if row[7]),
            "appellations_gender_corrected": len(gender_forms),
            "items": len(item_rows),
            "items_by_kind": {kind: kinds.get(kind, 0) for kind in ITEM_KINDS},
            "items_with_synonyms": sum(1 for row in item_rows if row[5]),
            "items_unlinked": sum(
                1 for row in item_rows if row[0] not in linked_ids and row[2] != "macro"
            ),
            "links": len(link_rows),
            "links_core": core_counts.get("1", 0),
            "links_emerging": core_counts.get("2", 0),
        },
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
    }
    files["manifest.json"] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()
    total = sum(len(data) for data in files.values())
    if total > MAX_TOTAL_BYTES:
        raise BuildError(f"data files total {total} bytes, above {MAX_TOTAL_BYTES}")
    return files, warnings


def _check_reminder(
    fname: str, key: str, rows: SynonymRows, label: str, warnings: list[str]
) -> None:
    reminder = rows.reminders.get(key)
    if reminder and comparison_key(reminder) != comparison_key(label):
        raise BuildError(
            f"{fname}: {key} is {label!r} in the export, the curation says {reminder!r} (wrong id?)"
        )


def _warn_shared_synonyms(
    item_rows: list[list[str]], app_rows: list[list[str]], warnings: list[str]
) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for row in item_rows:
        for phrase in filter(None, row[5].split("|")):
            owners[comparison_key(phrase)].add(row[0])
    for phrase, ids in sorted(owners.items()):
        if len(ids) > 1:
            warnings.append(f"item synonym {phrase!r} shared by {', '.join(sorted(ids, key=int))}")
    app_owners: dict[str, set[str]] = defaultdict(set)
    for row in app_rows:
        for phrase in filter(None, row[7].split("|")):
            app_owners[comparison_key(phrase)].add(row[4])
    for phrase, metiers in sorted(app_owners.items()):
        if len(metiers) > 1:
            warnings.append(f"appellation synonym {phrase!r} spans métiers {sorted(metiers)}")


# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rome",
        type=Path,
        default=DEFAULT_ROME,
        help="directory of the official ROME 4.0 export (default: %(default)s)",
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="output directory (default: %(default)s)"
    )
    parser.add_argument("--curation", type=Path, default=CURATION_DIR, help=argparse.SUPPRESS)
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if the files in --out differ from a rebuild",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")
    args = parser.parse_args(argv)
    try:
        files, warnings = build(args.rome, args.curation)
    except BuildError as exc:
        print(f"build_shipped: error: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
    if args.check:
        stale = [
            name
            for name, data in sorted(files.items())
            if not (args.out / name).is_file() or (args.out / name).read_bytes() != data
        ]
        if stale:
            print(f"build_shipped: stale: {', '.join(stale)}", file=sys.stderr)
            return 1
        print(f"{NAME}: up to date")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in sorted(files.items()):
        (args.out / name).write_bytes(data)
    manifest = json.loads(files["manifest.json"])
    print(f"{NAME} {manifest['version']} -> {args.out}")
    print(json.dumps(manifest["counts"], ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
