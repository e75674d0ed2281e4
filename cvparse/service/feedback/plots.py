"""The feedback report's plots, as PNG bytes (matplotlib).

Figures are built with `matplotlib.figure.Figure` and the Agg canvas directly, never through
`pyplot`: pyplot keeps global state and picks a GUI backend, neither of which a web server's
threads or a headless ops machine wants. PNGs carry no date or software metadata, so the same
report gives byte-identical files (a published report can be compared by hash).

Labels are bilingual (French first), like the report."""

from __future__ import annotations

import io
import re

from matplotlib.figure import Figure

from cvparse.service.feedback.report import BANDS, Group

PLOTS = ("reliability", "kinds", "bands")  # the names of one group's plots
KIND_FR = {"metier": "métier", "appellation": "appellation", "competence": "compétence",
           "language": "langue", "diploma": "diplôme", "licence": "permis / habilitation",
           "experience": "expérience"}
BLUE, ORANGE, GREY = "#1f5fa8", "#c8641e", "#8a8a8a"


def slug(group: Group) -> str:
    """A file-name-safe name for a group: `rome@460` + pipeline `0.4.1` → `rome@460-0.4.1`."""
    return re.sub(r"[^A-Za-z0-9@._-]+", "_", f"{group.referential}-{group.pipeline_version}")


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight",
                metadata={"Software": None})
    return buffer.getvalue()


def reliability_png(group: Group) -> bytes:
    """Reliability diagram: per confidence bin, observed acceptance against mean confidence
    (the diagonal is perfect calibration), with each bin's count written on its bar."""
    fig = Figure(figsize=(5.5, 4.5))
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1], linestyle="--", color=GREY, label="parfait / perfect")
    bins = group.reliability.bins
    if bins:
        ax.bar([(b.lo + b.hi) / 2 for b in bins], [b.acceptance for b in bins],
               width=[(b.hi - b.lo) * 0.9 for b in bins], color=BLUE, alpha=0.8,
               label="acceptation observée / observed acceptance")
        ax.plot([b.confidence for b in bins], [b.acceptance for b in bins], "o",
                color=ORANGE, label="confiance moyenne / mean confidence")
        for b in bins:
            ax.annotate(f"n={b.n}", ((b.lo + b.hi) / 2, min(b.acceptance, 0.92) + 0.03),
                        ha="center", fontsize=7)
    ece = group.reliability.ece
    title = "Fiabilité de la confiance / Reliability"
    ax.set_title(title + (f" — ECE {ece:.3f}" if ece is not None else ""), fontsize=10)
    ax.set_xlabel("confiance affichée / shown confidence")
    ax.set_ylabel("part confirmée / share confirmed")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.05)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.1), ncol=1, fontsize=7)
    return _png(fig)


def kinds_png(group: Group) -> bytes:
    """Per field kind: acceptance, edit and rejection rates stacked to 1, decided count."""
    kinds = [k for k in group.kinds if k.counts.decided]
    fig = Figure(figsize=(6.5, 0.5 * max(len(kinds), 2) + 1.5))
    ax = fig.add_subplot()
    names = [f"{KIND_FR.get(k.kind, k.kind)} (n={k.counts.decided})" for k in kinds]
    accepted = [k.counts.acceptance or 0.0 for k in kinds]
    edited = [k.counts.edit_rate or 0.0 for k in kinds]
    rejected = [k.counts.rejection or 0.0 for k in kinds]
    ax.barh(names, accepted, color=BLUE, label="confirmé / confirmed")
    ax.barh(names, edited, left=accepted, color=GREY, label="corrigé / edited")
    ax.barh(names, rejected, left=[a + e for a, e in zip(accepted, edited, strict=True)],
            color=ORANGE, label="rejeté / rejected")
    ax.set_xlim(0, 1)
    ax.invert_yaxis()
    ax.set_xlabel("part des propositions décidées / share of decided proposals")
    ax.set_title("Décisions par type de champ / Decisions by field kind", fontsize=10)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.08), ncol=3, fontsize=7)
    return _png(fig)


def bands_png(group: Group) -> bytes:
    """Acceptance per confidence band, one group of bars per field kind (count on each)."""
    kinds = sorted({c.kind for c in group.bands})
    fig = Figure(figsize=(7, 4))
    ax = fig.add_subplot()
    width = 0.8 / len(BANDS)
    colours = ["#c6dbef", "#6baed6", "#2171b5", "#08306b"]
    for i, (lo, hi) in enumerate(BANDS):
        cells = {c.kind: c for c in group.bands if c.lo == lo and c.hi == hi}
        xs = [k + (i - (len(BANDS) - 1) / 2) * width for k in range(len(kinds))]
        values = [(cells[k].acceptance or 0.0) if k in cells else 0.0 for k in kinds]
        ax.bar(xs, values, width=width, color=colours[i % len(colours)],
               label=f"[{lo:.1f}, {hi:.1f}{']' if hi >= 1.0 else ')'}")
        for x, k in zip(xs, kinds, strict=True):
            if k in cells:
                ax.annotate(str(cells[k].n), (x, (cells[k].acceptance or 0.0) + 0.02),
                            ha="center", fontsize=6)
    ax.set_xticks(range(len(kinds)), [KIND_FR.get(k, k) for k in kinds], fontsize=8)
    ax.set_ylim(0, 1.1)
    ax.set_ylabel("part confirmée / share confirmed")
    ax.set_title("Acceptation par bande de confiance / Acceptance by confidence band",
                 fontsize=10)
    ax.legend(title="confiance / confidence", fontsize=7, title_fontsize=7, loc="upper left",
              bbox_to_anchor=(1.01, 1))
    return _png(fig)


RENDER = {"reliability": reliability_png, "kinds": kinds_png, "bands": bands_png}


def render(group: Group, name: str) -> bytes:
    """One of `PLOTS` for this group."""
    return RENDER[name](group)


def all_pngs(groups: list[Group]) -> dict[str, bytes]:
    """Every plot of every group, by file name (`SLUG-NAME.png`)."""
    return {f"{slug(g)}-{name}.png": render(g, name) for g in groups for name in PLOTS}
