#!/usr/bin/env python3
"""Cut France Travail's ROME 4.0 export down to a few fiches, for the importer's tests.

The tests of `cvparse referential import` must run in any clone, with or without the full
export beside the repository (`../shared/rome/v460`). This script writes a small export of the
same shape to `tests/data/rome_subset/v460/`: the real file names (`unix_<table>_v460_utf8.csv`),
every column, the header, and only the rows of the fiches in `FICHES`:

- fiches (`referentiel_code_rome`), their domains (`cr_gd_dp`), their appellations, their
  texts and themes, every row of theirs in `liens_rome_referentiels` (all blocks: the importer
  must skip those it does not read) and in `coherence_item`;
- the items they link to: competences and savoirs of block 5, the macro-compétences those
  competences hang under, the work contexts of their other blocks (`item`,
  `referentiel_competence`, `referentiel_savoir`, `referentiel_contexte_travail`,
  `referentiel_macro_competence_riasec`);
- the small reference tables whole (grands domaines, rubriques, types), the domaines
  professionnels the fiches use, and `version.txt`.

The output is deterministic: rows keep the export's order and are written as the export writes
them (every field double-quoted, `\\n` line ends), so re-running it on the same export gives
the same bytes. From the repository root:

    python tests/data/make_rome_subset.py                  # reads ../shared/rome/v460
    python tests/data/make_rome_subset.py --rome DIR --out DIR

Data: France Travail — ROME 4.0, version 60, Etalab Open Licence 2.0.
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_ROME = REPO_ROOT.parent / "shared" / "rome" / "v460"
DEFAULT_OUT = Path(__file__).resolve().parent / "rome_subset" / "v460"
VERSION = "460"

# 15 fiches, 12 grands domaines. Why each is here:
FICHES = (
    "A1203",  # Agent d'entretien des espaces verts
    "B1101",  # Créations en arts plastiques: 11161 "Artiste Plasticien / Plasticienne",
    #           whose gender forms referentials/curation/gender_forms.csv gives
    "D1106",  # Vendeur / Vendeuse en épicerie
    "F1703",  # Maçon / Maçonne
    "G1602",  # Commis / Commise de cuisine
    "H2913",  # Soudeur / Soudeuse
    "I1604",  # Mécanicien / Mécanicienne automobile
    "J1501",  # Aide-soignant: appellations 10891-10893 have curated CV phrasings
    "J1506",  # Infirmier / Infirmière …: feminine forms, 15545 (IDE) has curated phrasings
    "K2204",  # Agent / Agente de nettoyage industriel
    "L1507",  # Monteur vidéo: 38703 "Sound designer / Designer sonore" (gender_forms.csv)
    "M1805",  # Développeur / Développeuse informatique, a 3.x parent of 4.0 fiches …
    "M1855",  # … Développeur / Développeuse web (code_rome_parent M1805)
    "M1861",  # … Développeur / Développeuse logiciel ou d'application (parent M1805)
    "N1101",  # Conducteur d'engins de déplacement des charges (cariste, CACES phrasings)
)
COMPETENCE_BLOCK = "5"


def table_file(directory: Path, table: str) -> Path:
    return directory / f"unix_{table}_v{VERSION}_utf8.csv"


def read_table(directory: Path, table: str) -> tuple[list[str], list[list[str]]]:
    text = table_file(directory, table).read_bytes().decode("utf-8")
    header, *rows = csv.reader(io.StringIO(text, newline=""))
    return header, rows


def write_table(directory: Path, table: str, header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    table_file(directory, table).write_bytes(buffer.getvalue().encode("utf-8"))


def keep(
    source: Path, out: Path, table: str, column: str, wanted: Callable[[str], bool] | set[str]
) -> list[dict[str, str]]:
    """Copy the rows of `table` whose `column` is wanted; return them as dicts."""
    header, rows = read_table(source, table)
    at = header.index(column)
    test = wanted.__contains__ if isinstance(wanted, set) else wanted
    kept = [row for row in rows if test(row[at])]
    write_table(out, table, header, kept)
    return [dict(zip(header, row, strict=True)) for row in kept]


def make_subset(source: Path, out: Path) -> dict[str, int]:
    """Write the subset of `source` to `out` (emptied first); return the rows per table."""
    if not (source / "version.txt").is_file():
        raise SystemExit(f"make_rome_subset: {source} is not a ROME 4.0 export (no version.txt)")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    fiches = set(FICHES)

    fiche_rows = keep(source, out, "referentiel_code_rome", "code_rome", fiches)
    missing = fiches - {r["code_rome"] for r in fiche_rows}
    if missing:
        raise SystemExit(f"make_rome_subset: fiche(s) {sorted(missing)} not in {source}")
    domains = {r["code_domaine_professionel"] for r in
               keep(source, out, "cr_gd_dp", "code_rome", fiches)}
    keep(source, out, "referentiel_appellation", "code_rome", fiches)
    keep(source, out, "texte", "code_rome", fiches)
    keep(source, out, "arborescence_thematique", "code_rome", fiches)
    keep(source, out, "coherence_item", "code_rome", fiches)
    links = keep(source, out, "liens_rome_referentiels", "code_rome", fiches)

    # every code the fiches' blocks name (block 5: competences and savoirs; others: contexts,
    # appellations, mobilities — the tables below keep only what they hold)
    linked = {r["code_ogr"] for r in links}
    competences = keep(source, out, "referentiel_competence", "code_ogr",
                       linked | macros_of(source, linked))
    macros = {r["code_ogr"] for r in competences if r["nature"] == "Macro-compétence"}
    keep(source, out, "referentiel_macro_competence_riasec", "code_ogr", macros)
    keep(source, out, "referentiel_savoir", "code_ogr_savoir", linked)
    contexts = keep(source, out, "referentiel_contexte_travail", "code_ogr", linked)
    items = {r["code_ogr"] for r in competences} | linked
    keep(source, out, "item", "code_ogr", items)
    keep(source, out, "domaine_professionnel", "code_domaine_professionnel", domains)
    for table in ("grand_domaine", "descriptif_rubrique", "type_referentiel"):
        keep(source, out, table, next(iter(read_table(source, table)[0])), lambda _: True)
    shutil.copyfile(source / "version.txt", out / "version.txt")

    block5 = [r for r in links if r["code_compo_bloc"] == COMPETENCE_BLOCK]
    return {
        "fiches": len(fiche_rows),
        "block-5 links": len(block5),
        "competence rows": len(competences),
        "macro-compétences": len(macros),
        "work contexts": len(contexts),
    }


def macros_of(source: Path, codes: set[str]) -> set[str]:
    """The macro-compétences the competences among `codes` hang under."""
    header, rows = read_table(source, "referentiel_competence")
    code, macro = header.index("code_ogr"), header.index("code_ogr_macro_comp")
    return {row[macro] for row in rows if row[code] in codes and row[macro]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rome", type=Path, default=DEFAULT_ROME,
                        help="folder of the full v460 export (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="where the subset is written (default: %(default)s)")
    args = parser.parse_args(argv)
    counts = make_subset(args.rome, args.out)
    size = sum(p.stat().st_size for p in args.out.iterdir())
    print(f"{args.out}: {size / 1024:.0f} KiB; " + ", ".join(f"{v} {k}" for k, v in
                                                           counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
