"""Calibrated confidence: a field's confidence is the probability that it is right.

The pipeline's raw score (match quality × where the phrase stood) ranks proposals well but is
not a probability. Isotonic regression (pool-adjacent-violators, written here in a few lines
rather than pulling in scikit-learn) maps it, per field kind, to the share of proposals that
were right on the calibration half of the gold set. A calibration belongs to one referential
version and one pipeline version: it is stored with the shipped data
(`referentials/calibration/`, which the service's registry finds and passes in) and only
applied to the referential content (checksum) it was fitted on.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MIN_POINTS_PER_KIND = 25  # fewer points: the kind uses the curve fitted on all kinds
PRIOR_WEIGHT = 2.0  # pseudo-observations of the pooled rate added to every block
CLIP = (0.01, 0.99)  # never claim certainty


def isotonic(xs: list[float], ys: list[float]) -> tuple[list[float], list[float]]:
    """Pool-adjacent-violators: the non-decreasing step function closest to the points.

    Returns block centres and block values; between centres the curve is linear."""
    order = np.argsort(xs, kind="stable")
    x = np.asarray(xs, dtype=float)[order]
    y = np.asarray(ys, dtype=float)[order]
    prior = float(y.mean()) if len(y) else 0.5
    blocks: list[list[float]] = []  # [sum_y, count, sum_x]
    for xi, yi in zip(x, y, strict=True):
        blocks.append([yi, 1.0, xi])
        while len(blocks) > 1 and _mean(blocks[-2]) > _mean(blocks[-1]):
            s, n, sx = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += n
            blocks[-1][2] += sx
    centres = [sx / n for _, n, sx in blocks]
    values = [(s + PRIOR_WEIGHT * prior) / (n + PRIOR_WEIGHT) for s, n, _ in blocks]
    values = list(np.maximum.accumulate(values))  # the prior may break monotony slightly
    return centres, [float(min(max(v, CLIP[0]), CLIP[1])) for v in values]


def _mean(block: list[float]) -> float:
    return block[0] / block[1]


@dataclass(slots=True)
class Calibration:
    referential: str  # name@version
    checksum: str  # referential content it was fitted on
    pipeline_version: str
    curves: dict[str, tuple[list[float], list[float]]]
    fitted_on: list[str]  # gold CV stems used for fitting

    def apply(self, kind: str, raw: float) -> float:
        curve = self.curves.get(kind) or self.curves.get("*")
        if curve is None:
            return raw
        centres, values = curve
        return round(float(np.interp(raw, centres, values)), 4)

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.to_json().encode()).hexdigest()[:16]

    def to_json(self) -> str:
        return json.dumps(
            {
                "referential": self.referential,
                "checksum": self.checksum,
                "pipeline_version": self.pipeline_version,
                "fitted_on": self.fitted_on,
                "curves": {k: {"x": v[0], "y": v[1]} for k, v in sorted(self.curves.items())},
            },
            indent=1,
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> Calibration:
        data = json.loads(text)
        return cls(
            referential=data["referential"],
            checksum=data["checksum"],
            pipeline_version=data["pipeline_version"],
            curves={k: (v["x"], v["y"]) for k, v in data["curves"].items()},
            fitted_on=list(data.get("fitted_on", [])),
        )


def fit(
    points: list[tuple[str, float, bool]],
    referential: str,
    checksum: str,
    pipeline_version: str,
    fitted_on: list[str],
) -> Calibration:
    """`points`: (field kind, raw score, right?) for every proposal of the calibration CVs."""
    curves = {"*": isotonic([p[1] for p in points], [float(p[2]) for p in points])}
    by_kind: dict[str, list[tuple[float, bool]]] = {}
    for kind, raw, right in points:
        by_kind.setdefault(kind, []).append((raw, right))
    for kind, pts in by_kind.items():
        if len(pts) >= MIN_POINTS_PER_KIND:
            curves[kind] = isotonic([p[0] for p in pts], [float(p[1]) for p in pts])
    return Calibration(referential, checksum, pipeline_version, curves, sorted(fitted_on))


def calibration_path(referential: str, directory: Path) -> Path:
    return directory / f"{referential}.json"


def load_calibration(
    referential: str, checksum: str, directory: Path
) -> Calibration | None:
    """The calibration fitted on exactly this referential content, if there is one."""
    path = calibration_path(referential, directory)
    if not path.is_file():
        return None
    calibration = Calibration.from_json(path.read_text(encoding="utf-8"))
    return calibration if calibration.checksum == checksum else None
