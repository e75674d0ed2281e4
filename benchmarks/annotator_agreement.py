"""Agreement between two human annotators of the development set: the ceiling for cvparse.

Why this exists: cvparse's competence scores are measured against one annotator's gold
(`../shared/devset/gold/`). When a draft "misses" a gold item, it may be wrong, or it may have
made a choice a second person would also have made: ROME 4.0 holds many near-duplicate items,
and how many skills to record from a CV is itself a judgement. Issue #15 (point 2) asks how far
two careful humans agree; that agreement is the ceiling of what any parser can score against a
single gold, and the yardstick for the competence targets.

`docs/annotation/second/*.json` holds a second, blind annotation of 8 CVs of the set, in the
gold's format (written before the gold was opened; see the README beside them). This script
compares it with the gold and prints:

1. per CV and overall, per competence kind (savoir-faire, savoir-être, savoir) and all kinds:
   codes in common, Jaccard, the share of the gold's codes the second annotator also chose
   ("gold found") and the share of the second annotator's codes the gold also holds
   ("second confirmed"); métier and appellation agreement;
2. the second annotation scored exactly as `cvparse eval` scores a draft
   (`cvparse.quality.evaluation.metrics.evaluate_profile`: an item of the same
   macro-compétence as a gold item counts half): human precision / recall / F1, directly
   comparable to cvparse's;
3. the disagreements, sorted into causes (same CV phrase coded with a near-duplicate item, a
   macro-compétence against one of its items, a savoir against a savoir-faire, another reading
   of the phrase, or a phrase only one annotator coded), with examples.

With `--cvparse`, it also parses the same 8 CVs with cvparse and scores them the same way.

Usage (from the repository root):
    .venv/bin/python benchmarks/annotator_agreement.py [GOLD_DIR] [--cvparse] [--details]
GOLD_DIR defaults to ../shared/devset/gold.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECOND = ROOT / "docs" / "annotation" / "second"
KINDS = ("savoir-faire", "savoir-etre", "savoir")
DEVSET_LEVELS = {"native": "C2"}  # as cvparse.quality.evaluation.gold reads the gold
CERTIFICATES = {"Certifications", "Habilitations"}  # savoir categories of diplomas, licences
NAMED = " (named as an alternative in the other's notes)"
CAUSES = {
    "granularity": "granularity: a macro-compétence against one of its own items",
    "sibling": "near-duplicate: same phrase, sibling items of one macro-compétence",
    "certificate": "same phrase: the certificate item against the skill it certifies",
    "kind": "same phrase: a savoir against a savoir-faire / savoir-être",
    "other": "same phrase: items of different macro-compétences",
    "cert_second": "diploma or certificate coded as a savoir by the second annotator only",
    "cert_gold": "diploma or certificate coded as a savoir by the gold only",
    "extra_second": "second annotator drew one more item from a phrase both coded",
    "extra_gold": "gold drew one more item from a phrase both coded",
    "only_second": "phrase coded by the second annotator only",
    "only_gold": "phrase coded by the gold only",
}


@dataclass
class Tally:
    """Set agreement counts, pooled over CVs (micro average)."""

    common: int = 0
    second: int = 0
    gold: int = 0

    def add(self, a: set[str], g: set[str]) -> None:
        self.common += len(a & g)
        self.second += len(a)
        self.gold += len(g)

    @property
    def union(self) -> int:
        return self.second + self.gold - self.common

    def row(self) -> str:
        jac = self.common / self.union if self.union else 1.0
        found = self.common / self.gold if self.gold else 1.0
        conf = self.common / self.second if self.second else 1.0
        return (f"{self.common:>4} {self.second:>5} {self.gold:>5}   {jac:6.3f} "
                f"{found:11.3f} {conf:17.3f}")


HEADER = "common second  gold  Jaccard  gold found  second confirmed"


@dataclass
class Pair:
    cv: str
    second: dict | None
    gold: dict | None
    cause: str = ""
    gold_names_it: bool = False  # the gold's notes name the second annotator's code
    second_names_it: bool = False  # the second annotator's notes name the gold's code


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def codes(data: dict, kind: str | None = None) -> set[str]:
    return {str(c["code_ogr"]) for c in data.get("competences", [])
            if kind is None or c["kind"] == kind}


STOPWORDS = {"les", "des", "aux", "une", "pour", "par", "sur", "dans", "avec", "leur", "leurs",
             "and", "the", "for", "with", "from"}


def _words(text: str) -> set[str]:
    text = unicodedata.normalize("NFD", text.lower().replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return {w for w in re.findall(r"[a-z0-9]+", text) if len(w) > 2} - STOPWORDS


def _same_phrase(a: str, b: str) -> float:
    """How much two evidence phrases overlap (0: nothing; 1: one holds the other)."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def classify(cv: str, second: dict, gold: dict, referential) -> list[Pair]:
    """Pair each disagreeing code with the other side's code for the same CV phrase, and name
    the cause of the disagreement."""
    from cvparse.quality.evaluation.metrics import _macro  # the scoring's own macro lookup

    mine = {str(c["code_ogr"]): c for c in second["competences"]}
    theirs = {str(c["code_ogr"]): c for c in gold["competences"]}
    only_mine = [mine[k] for k in mine if k not in theirs]
    only_gold = [theirs[k] for k in theirs if k not in mine]
    candidates = sorted(
        ((_same_phrase(a["evidence"], g["evidence"]), i, j)
         for i, a in enumerate(only_mine) for j, g in enumerate(only_gold)),
        reverse=True)
    used_a: set[int] = set()
    used_g: set[int] = set()
    pairs: list[Pair] = []
    for score, i, j in candidates:
        if score < 0.5 or i in used_a or j in used_g:
            continue
        used_a.add(i)
        used_g.add(j)
        pairs.append(Pair(cv, only_mine[i], only_gold[j]))
    pairs += [Pair(cv, a, None) for i, a in enumerate(only_mine) if i not in used_a]
    pairs += [Pair(cv, None, g) for j, g in enumerate(only_gold) if j not in used_g]
    gold_notes, second_notes = gold.get("notes", ""), second.get("notes", "")

    def certificate(code: str) -> bool:
        item = referential.items.get(code)
        return bool(item and item.category in CERTIFICATES)

    for p in pairs:
        p.gold_names_it = bool(p.second) and str(p.second["code_ogr"]) in gold_notes
        p.second_names_it = bool(p.gold) and str(p.gold["code_ogr"]) in second_notes
        if p.second and p.gold:
            a, g = str(p.second["code_ogr"]), str(p.gold["code_ogr"])
            ma, mg = _macro(referential, a), _macro(referential, g)
            if a == mg or g == ma:
                p.cause = CAUSES["granularity"]
            elif ma is not None and ma == mg:
                p.cause = CAUSES["sibling"]
            elif certificate(a) != certificate(g):
                p.cause = CAUSES["certificate"]
            elif p.second["kind"] != p.gold["kind"]:
                p.cause = CAUSES["kind"]
            else:
                p.cause = CAUSES["other"]
            if a in gold_notes or g in second_notes:
                p.cause += NAMED
            continue
        side, other, notes = ((p.second, gold, gold_notes) if p.second
                              else (p.gold, second, second_notes))
        code = str(side["code_ogr"])  # type: ignore[index]
        who = "second" if p.second else "gold"
        if certificate(code):
            p.cause = CAUSES[f"cert_{who}"]
        elif any(_same_phrase(side["evidence"], c["evidence"]) >= 0.5  # type: ignore[index]
                 for c in other["competences"]):
            p.cause = CAUSES[f"extra_{who}"]
        else:
            p.cause = CAUSES[f"only_{who}"]
        if code in notes:
            p.cause += NAMED
    return pairs


def draft(data: dict, referential, name: str):
    """The second annotation as a cvparse draft, every field proposed with confidence 1."""
    from cvparse.engine.profile.models import DraftProfile, Field, ReferentialInfo, SourceInfo

    fields: list[Field] = []

    def add(**kw) -> None:
        fields.append(Field(id=f"f{len(fields)}", confidence=1.0, method="human", **kw))

    for code in data["metiers_any"]:
        add(kind="metier", code=code, label=code)
    for a in data.get("appellations", []):
        add(kind="appellation", code=str(a["code_ogr"]), label=a["label"],
            metier=a["code_rome"])
    for c in data["competences"]:
        item = referential.items.get(str(c["code_ogr"]))
        add(kind="competence", code=str(c["code_ogr"]), label=c["label"],
            item_kind=item.kind if item else c["kind"])
    for x in data.get("languages", []):
        level = x.get("level")
        add(kind="language", code=x["lang"], label=x["lang"],
            level=DEVSET_LEVELS.get(level, level))
    for x in data.get("diplomas", []):
        add(kind="diploma", label=x.get("label", ""), level=x.get("level"), year=x.get("year"))
    for lic in data.get("licences", []):
        add(kind="licence", code=lic, label=lic)
    return DraftProfile(
        source=SourceInfo(filename=name, sha256="0" * 64, format="json", pages=1),
        referential=ReferentialInfo(name=referential.name, version=referential.version,
                                    checksum=referential.checksum),
        pipeline_version="human", fields=fields)


def of_kind(profile, gold_json: dict, gold, kind: str):
    """Draft and gold cut down to the competences of one kind (other fields unchanged)."""
    keep = [f for f in profile.fields if f.kind != "competence"
            or (f.item_kind == kind or (kind == "savoir-faire" and f.item_kind == "macro"))]
    return (profile.model_copy(update={"fields": keep}),
            replace(gold, competences=frozenset(gold.competences & codes(gold_json, kind))))


def prf(c) -> str:
    return f"P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_dir", nargs="?", default=str(ROOT / ".." / "shared" / "devset"
                                                           / "gold"))
    parser.add_argument("--cvparse", action="store_true",
                        help="also parse the same CVs with cvparse and score them alike")
    parser.add_argument("--details", action="store_true",
                        help="list every disagreement, not only examples")
    args = parser.parse_args(argv)
    gold_dir = Path(args.gold_dir).resolve()

    from cvparse.quality.evaluation.gold import load_gold_dir, restrict
    from cvparse.quality.evaluation.metrics import aggregate, evaluate_profile
    from cvparse.service.registry import DEFAULT_OPTIONS, get_pipeline

    pipeline = get_pipeline("rome@460", DEFAULT_OPTIONS)
    referential = pipeline.referential
    files = sorted(SECOND.glob("*.json"))
    if not files:
        print(f"no annotation in {SECOND}", file=sys.stderr)
        return 2

    per_kind: dict[str, Tally] = defaultdict(Tally)
    metier_exact, appellation = Tally(), Tally()
    results, kind_results = [], defaultdict(list)
    golds = []
    pairs: list[Pair] = []
    print(f"Second annotator vs gold ({gold_dir}), {len(files)} CVs, referential "
          f"{referential.ref}\n")
    print(f"{'CV':<38} {'kind':<13}{HEADER}")
    for path in files:
        second = load(path)
        gold_json = load(gold_dir / path.name)
        stem = path.name[: -len(".json")]
        gold = restrict(load_gold_dir(gold_dir.parent, stem)[0], referential)
        golds.append(gold)
        for kind in (*KINDS, None):
            t = Tally()
            t.add(codes(second, kind), codes(gold_json, kind))
            per_kind[kind or "all"].add(codes(second, kind), codes(gold_json, kind))
            print(f"{stem[:38]:<38} {kind or 'all':<13}{t.row()}")
        metier_exact.add(set(second["metiers_any"]), set(gold_json["metiers_any"]))
        appellation.add({str(a["code_ogr"]) for a in second["appellations"]},
                        {str(a["code_ogr"]) for a in gold_json["appellations"]})
        profile = draft(second, referential, path.name)
        results.append(evaluate_profile(profile, gold, referential, 0.0))
        for kind in KINDS:
            p, g = of_kind(profile, gold_json, gold, kind)
            kind_results[kind].append(evaluate_profile(p, g, referential, 0.0))
        pairs += classify(stem, second, gold_json, referential)

    print(f"\nOverall (pooled over the {len(files)} CVs)")
    print(f"{'':<38} {'kind':<13}{HEADER}")
    for kind in (*KINDS, "all"):
        print(f"{'':<38} {kind:<13}{per_kind[kind].row()}")
    print(f"{'métiers (exact code sets)':<38} {'':<13}{metier_exact.row()}")
    print(f"{'appellations':<38} {'':<13}{appellation.row()}")

    report = aggregate(referential.ref, results, None)
    print("\nThe second annotation scored as cvparse scores a draft "
          "(same macro-compétence = half a point):")
    for kind in ("competence", "metier", "appellation", "language", "diploma", "licence"):
        c = report.counts[kind]
        print(f"  {kind:<12} {prf(c)}   ({c.correct_predicted:g}/{c.predicted} proposed, "
              f"{c.found_gold:g}/{c.gold} gold)")
    print(f"  métier top-1 {report.metier_top1:.3f}  top-3 {report.metier_top3:.3f}")
    for kind in KINDS:
        c = aggregate(referential.ref, kind_results[kind], None).counts["competence"]
        print(f"  competence, {kind:<13} {prf(c)}")

    if args.cvparse:
        from cvparse.quality.evaluation.run import GOLD_DATE

        against: dict[str, list] = defaultdict(list)
        for gold, path in zip(golds, files, strict=True):
            profile = pipeline.parse(gold.cv.read_bytes(), gold.cv.name, today=GOLD_DATE)
            mine = codes(load(path))
            for name, g in (("gold", gold),
                            ("second annotation", replace(gold, competences=frozenset(mine))),
                            ("either annotator", replace(gold, competences=gold.competences
                                                         | mine))):
                against[name].append(evaluate_profile(profile, g, referential, 0.0))
        print("\nPer CV, competences under cvparse's scoring against the gold:")
        print(f"  {'CV':<40} {'second annotator':<22} cvparse")
        for human, machine in zip(results, against["gold"], strict=True):
            h, m = human.counts["competence"], machine.counts["competence"]
            print(f"  {human.stem:<40} P {h.precision:.2f} R {h.recall:.2f} F1 {h.f1:.2f}   "
                  f"P {m.precision:.2f} R {m.recall:.2f} F1 {m.f1:.2f}")
        print("\ncvparse's drafts of the same CVs, same scoring:")
        for name, rows in against.items():
            system = aggregate(referential.ref, rows, None)
            print(f"  competence vs {name:<18} {prf(system.counts['competence'])}")
        system = aggregate(referential.ref, against["gold"], None)
        for kind in ("metier", "appellation"):
            print(f"  {kind:<12} vs gold {'':<13}{prf(system.counts[kind])}")
        print(f"  métier top-1 {system.metier_top1:.3f}  top-3 {system.metier_top3:.3f}")

    by_cause: dict[str, list[Pair]] = defaultdict(list)
    for p in pairs:
        by_cause[p.cause.split(" (")[0]].append(p)
    width = {True: 2, False: 1}
    n_codes = sum(width[bool(p.second and p.gold)] for p in pairs)
    total = per_kind["all"]
    by_gold = sum(p.gold_names_it for p in pairs)
    by_second = sum(p.second_names_it for p in pairs)
    print(f"\nAlternatives named in notes: {by_gold} of the second annotator's "
          f"{total.second - total.common} unshared codes are named in the gold's notes; "
          f"{by_second} of the gold's {total.gold - total.common} unshared codes are named "
          f"in the second annotator's notes.")
    print(f"Lenient (a code the other annotator names as an alternative counts as agreed): "
          f"gold found {(total.common + by_second) / total.gold:.3f}, second confirmed "
          f"{(total.common + by_gold) / total.second:.3f}")
    print(f"\nDisagreements: {len(pairs)} cases, {n_codes} codes chosen by one annotator only")
    print("  cases codes  cause")
    for cause, items in sorted(by_cause.items(), key=lambda kv: -len(kv[1])):
        n = sum(width[bool(p.second and p.gold)] for p in items)
        note = sum(NAMED in p.cause for p in items)
        print(f"  {len(items):>5} {n:>5}  {cause}" + (f"  [{note} named in a note]" if note
                                                      else ""))
        for p in items if args.details else items[:3]:
            a = f"{p.second['code_ogr']} {p.second['label'][:62]}" if p.second else "-"
            g = f"{p.gold['code_ogr']} {p.gold['label'][:62]}" if p.gold else "-"
            ev = (p.second or p.gold or {}).get("evidence", "")
            print(f"              {p.cv[:20]:<20} \"{ev[:55]}\"\n"
                  f"                  second: {a}\n                  gold:   {g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
