"""The project's CV phrasings, applied on top of every import of an official ROME export.

ROME labels are written for the referential ("Réaliser la mise en rayon des produits"), CVs
are not ("mise en rayon", "CACES R489", "nursing assistant"). The project keeps, in
`referentials/curation/` (shipped as package data):

- `item_synonyms.csv` — `item_id,synonyms[,label]`: CV phrasings of competence items;
- `appellation_synonyms.csv` — `appellation_id,synonyms[,label]`: job titles as CVs write
  them, English included;
- `gender_forms.csv` — `appellation_id,masculine,feminine[,label]`: the few published labels
  whose two gender forms `split_gender_forms` cannot read.

Every row is keyed by an official id, so the same curation serves every ROME version: ids a
newer export dropped are skipped and reported; a `label` column is the curator's reminder of
what the id meant, checked against the export so that a reused or mistyped id is caught.
Synonyms are `|`-separated; a lone generic word ("gestion", "agent") is refused, because it
says nothing about which item or trade a CV means.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from cvparse.engine.referential import Referential, split_gender_forms
from cvparse.engine.referential.csvdir import ReferentialError
from cvparse.engine.text import comparison_key

FILES = ("item_synonyms.csv", "appellation_synonyms.csv", "gender_forms.csv")

# A lone generic word says nothing about which item a CV means: never a synonym on its own.
# fmt: off
GENERIC_WORDS = frozenset({
    "gestion", "suivi", "organisation", "accueil", "contrôle", "controle", "vente", "service",
    "travail", "équipe", "equipe", "qualité", "qualite", "client", "clients", "production",
    "administration", "management", "communication", "entretien", "maintenance", "préparation",
    "preparation", "réalisation", "realisation", "conseil", "analyse", "aide", "soins", "soin",
    "sécurité", "securite", "hygiène", "hygiene", "nettoyage", "logistique", "informatique",
    "commercial", "technique", "projet", "projets", "développement", "developpement",
})
# Appellation synonyms are job titles: "commercial" or "vendeur" are fine there, but a lone
# rank or status word says nothing about the trade.
GENERIC_TITLE_WORDS = frozenset({
    "agent", "agente", "employé", "employée", "employe", "employee", "technicien",
    "technicienne", "assistant", "assistante", "responsable", "chef", "cheffe", "opérateur",
    "operateur", "opératrice", "operatrice", "ouvrier", "ouvrière", "ouvriere", "conseiller",
    "conseillère", "conseillere", "chargé", "chargée", "charge", "chargee", "manager",
    "gestionnaire", "stagiaire", "intérimaire", "interimaire", "salarié", "salariée", "salarie",
    "salariee", "apprenti", "apprentie", "alternant", "alternante", "superviseur",
    "superviseuse",
})
# fmt: on


class CurationError(ReferentialError):
    """A curation file is malformed; the message names the file and the line."""


@dataclass(slots=True)
class Curation:
    item_synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    appellation_synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    gender_forms: dict[str, tuple[str, str]] = field(default_factory=dict)
    # (file name, id) → the label the curator wrote beside the id
    reminders: dict[tuple[str, str], str] = field(default_factory=dict)
    digest: str = ""  # sha256 of the curation files: part of every imported manifest


@dataclass(slots=True)
class Applied:
    """What applying a curation did, for the import's report."""

    items: int = 0
    appellations: int = 0
    gender_forms: int = 0
    warnings: list[str] = field(default_factory=list)


def read_curation(directory: Path) -> Curation:
    """Read and check the curation files of `directory` (any of them may be absent)."""
    curation = Curation()
    digest = hashlib.sha256()
    for name in FILES:
        path = directory / name
        if path.is_file():
            digest.update(name.encode())
            digest.update(path.read_bytes())
    curation.digest = digest.hexdigest()
    curation.item_synonyms = _synonyms(directory / FILES[0], "item_id", GENERIC_WORDS, curation)
    curation.appellation_synonyms = _synonyms(
        directory / FILES[1], "appellation_id", GENERIC_TITLE_WORDS, curation
    )
    curation.gender_forms = _gender_forms(directory / FILES[2], curation)
    return curation


def _csv_rows(path: Path, expected: list[str]) -> list[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or reader.fieldnames[: len(expected)] != expected:
            raise CurationError(f"{path}:1: the header must start with {','.join(expected)}")
        return list(enumerate(reader, 2))


def _synonyms(
    path: Path, id_column: str, generic: frozenset[str], curation: Curation
) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    if not path.is_file():
        return out
    generic_keys = {comparison_key(w) for w in generic}
    for line, row in _csv_rows(path, [id_column, "synonyms"]):
        key = (row[id_column] or "").strip()
        if not key.isdigit():
            raise CurationError(f"{path}:{line}: bad {id_column} {key!r}")
        if key in out:
            raise CurationError(f"{path}:{line}: duplicate {id_column} {key}")
        phrases: list[str] = []
        seen: set[str] = set()
        for raw in (row["synonyms"] or "").split("|"):
            phrase = " ".join(raw.split())
            if not phrase:
                continue
            phrase_key = comparison_key(phrase)
            if phrase_key in generic_keys:
                raise CurationError(f"{path}:{line}: generic lone word {phrase!r}")
            if phrase_key not in seen:
                seen.add(phrase_key)
                phrases.append(phrase)
        if not phrases:
            raise CurationError(f"{path}:{line}: no synonyms for {key}")
        out[key] = tuple(phrases)
        if label := (row.get("label") or "").strip():
            curation.reminders[(path.name, key)] = label
    return out


def _gender_forms(path: Path, curation: Curation) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    if not path.is_file():
        return out
    for line, row in _csv_rows(path, ["appellation_id", "masculine", "feminine"]):
        key = (row["appellation_id"] or "").strip()
        masculine = " ".join((row["masculine"] or "").split())
        feminine = " ".join((row["feminine"] or "").split())
        if not key.isdigit() or not masculine or not feminine or key in out:
            raise CurationError(f"{path}:{line}: bad or duplicate row")
        out[key] = (masculine, feminine)
        if label := (row.get("label") or "").strip():
            curation.reminders[(path.name, key)] = label
    return out


def apply_curation(ref: Referential, curation: Curation) -> Applied:
    """Give the referential's items and appellations the project's phrasings and gender forms
    (in place). Ids the referential does not have are reported, never fatal: a newer export
    may retire an item."""
    applied = Applied()
    reminders = curation.reminders

    def found(table: dict, file: str, key: str):
        """The entry `key` of the referential, its reminder checked; None (reported) when
        this export does not have it."""
        entry = table.get(key)
        if entry is None:
            applied.warnings.append(f"{file}: {key} is not in this export")
            return None
        reminder = reminders.get((file, key))
        if reminder and comparison_key(reminder) != comparison_key(entry.label):
            applied.warnings.append(
                f"{file}: {key} is {entry.label!r} in this export, the curation says "
                f"{reminder!r} (wrong or reused id?)"
            )
        return entry

    for key, (masculine, feminine) in curation.gender_forms.items():
        if (app := found(ref.appellations, FILES[2], key)) is None:
            continue
        if (masculine, feminine) == split_gender_forms(app.label):
            applied.warnings.append(
                f"gender_forms.csv: {key} matches split_gender_forms now: drop it"
            )
        ref.appellations[key] = replace(app, masculine=masculine, feminine=feminine)
        applied.gender_forms += 1
    for key, phrases in curation.appellation_synonyms.items():
        if (app := found(ref.appellations, FILES[1], key)) is None:
            continue
        forms = {comparison_key(f) for f in (app.label, app.masculine, app.feminine)}
        kept = tuple(p for p in phrases if comparison_key(p) not in forms)
        if kept:
            ref.appellations[key] = replace(app, synonyms=kept)
            applied.appellations += 1
    for key, phrases in curation.item_synonyms.items():
        if (item := found(ref.items, FILES[0], key)) is None:
            continue
        kept = tuple(p for p in phrases if comparison_key(p) != comparison_key(item.label))
        if kept:
            ref.items[key] = replace(item, synonyms=kept)
            applied.items += 1
    return applied
