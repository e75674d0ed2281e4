"""Gold profiles and the CVs they describe, in two formats:

- the project's own (`samples/gold/<stem>.json`, conventions in samples/GOLD.md): the CV is
  `samples/<stem>.*`;
- the independent development set's (`../shared/devset/gold/<cv file name>.json`, written by a
  second annotator; conventions in its README): each file names its CV (`"file":
  "cvs/dev01_….pdf"`), its métiers are `metiers_any` (any of them, or a fiche of the same
  parent, is a right answer), and it lists the hashes of the CV's contact data
  (`pii_sha256`) so that a draft can be checked to leak none of it.

Gold codes are official ROME 4.0 codes. For a referential that holds only part of ROME (a
small test referential, or an older version), the gold is restricted to the codes that
referential has: a draft cannot be blamed for an item its referential does not contain.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from cvparse.engine.referential import Referential

CV_SUFFIXES = (".pdf", ".docx", ".odt", ".txt")


class GoldError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class Gold:
    stem: str
    cv: Path
    lang: str
    metiers: tuple[str, ...]
    appellations: frozenset[str]
    competences: frozenset[str]
    languages: frozenset[tuple[str, str | None]]
    diplomas: frozenset[tuple[int | None, int | None]]  # (level, year)
    licences: frozenset[str]
    experience_months: int | None
    needs_ocr: bool = False
    notes: dict[str, str] = field(default_factory=dict)
    metier_parents: bool = False  # a fiche of the same ROME parent counts as right
    pii_sha256: frozenset[str] = frozenset()  # hashes of the CV's names, e-mails, phones


def load_gold_dir(directory: Path, pattern: str = "*") -> list[Gold]:
    """`directory` holds a `gold/` folder of JSON gold profiles: the project's format (the CV
    `<stem>.*` beside `gold/`, as in samples/) or the development set's (each file names its
    CV). `pattern` selects gold files by name (`dev*`)."""
    directory = Path(directory)
    gold_dir = directory / "gold"
    if not gold_dir.is_dir():
        raise GoldError(f"{directory}: no gold/ folder of gold profiles")
    out = []
    for path in sorted(gold_dir.glob(f"{pattern}.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}:{exc.lineno}: invalid JSON ({exc.msg})") from exc
        if "file" in data:
            cv = directory / data["file"]
            if not cv.is_file():
                raise GoldError(f"{path}: its CV {data['file']} is not in {directory}")
            out.append(_devset_gold(cv, data, path))
            continue
        cvs = [p for p in directory.glob(f"{path.stem}.*") if p.suffix in CV_SUFFIXES]
        if len(cvs) != 1:
            raise GoldError(f"{path}: expected one CV named {path.stem}.* beside gold/")
        out.append(_gold(path.stem, cvs[0], data))
    if not out:
        raise GoldError(f"{gold_dir}: no gold profile matching {pattern}.json")
    return out


# The development set writes "native" for a mother tongue; drafts give mother tongues C2
# (`cvparse.engine.facts.languages`), the level the project's gold uses too.
DEVSET_LEVELS = {"native": "C2"}


def _devset_gold(cv: Path, data: dict, path: Path) -> Gold:
    try:
        return Gold(
            stem=cv.stem,
            cv=cv,
            lang=data.get("lang", "fr"),
            metiers=tuple(data["metiers_any"]),
            appellations=frozenset(str(a["code_ogr"]) for a in data.get("appellations", [])),
            competences=frozenset(str(c["code_ogr"]) for c in data.get("competences", [])),
            languages=frozenset(
                (x["lang"], DEVSET_LEVELS.get(x.get("level"), x.get("level")))
                for x in data.get("languages", [])
            ),
            diplomas=frozenset((x.get("level"), x.get("year")) for x in data.get("diplomas", [])),
            licences=frozenset(data.get("licences", [])),
            experience_months=data.get("experience_months_total"),
            notes={"notes": data.get("notes", "")},
            metier_parents=True,
            pii_sha256=frozenset(data.get("pii_sha256", [])),
        )
    except (KeyError, TypeError) as exc:
        raise GoldError(f"{path}: not a development-set gold profile ({exc!r} missing)") from exc


def _gold(stem: str, cv: Path, data: dict) -> Gold:
    return Gold(
        stem=stem,
        cv=cv,
        lang=data.get("lang", "fr"),
        metiers=tuple(data.get("metiers", [])),
        appellations=frozenset(map(str, data.get("appellations", []))),
        competences=frozenset(map(str, data.get("competences", []))),
        languages=frozenset((x["code"], x.get("level")) for x in data.get("languages", [])),
        diplomas=frozenset((x.get("level"), x.get("year")) for x in data.get("diplomas", [])),
        licences=frozenset(data.get("licences", [])),
        experience_months=data.get("experience_months"),
        needs_ocr=bool(data.get("needs_ocr", False)),
        notes=data.get("competence_notes", {}),
    )


def restrict(gold: Gold, referential: Referential) -> Gold:
    """The part of the gold that `referential` can express."""
    return replace(
        gold,
        metiers=tuple(c for c in gold.metiers if c in referential.metiers),
        appellations=frozenset(a for a in gold.appellations if a in referential.appellations),
        competences=frozenset(c for c in gold.competences if c in referential.items),
    )


def in_calibration_split(stem: str) -> bool:
    """Half of the gold set fits the calibration; the other half measures it. Decided by a
    hash of the name, so adding a CV never moves the others between halves."""
    return int(hashlib.sha256(stem.encode()).hexdigest()[:8], 16) % 2 == 0
