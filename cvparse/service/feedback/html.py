"""The feedback report as one self-contained HTML file: the tables and the plots (embedded as
`data:` PNGs, so the file travels alone — a deployment publishes it as is).

Only what the report holds is written: item codes and labels, counts and rates. Never an
evidence phrase, a name or an id (minimisation: this file is public). Headings are French with
the English after them. The small stylesheet is inline: the file is opened from a disk or a
publication site, never as a page of the application (which serves it as a download)."""

from __future__ import annotations

import base64

from jinja2 import Environment

from cvparse.service.feedback.plots import KIND_FR, PLOTS, render
from cvparse.service.feedback.report import FeedbackReport

PLOT_TITLES = {
    "reliability": "Diagramme de fiabilité (reliability diagram)",
    "kinds": "Décisions par type de champ (decisions by field kind)",
    "bands": "Acceptation par type et bande de confiance (acceptance by kind and "
             "confidence band)",
}

TEMPLATE = """<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>cvparse — précision en usage réel (accuracy in real use)</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; color: #1a1a1a; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #bbb; padding: 0.2rem 0.5rem; text-align: right; }
th[scope=row], td.l { text-align: left; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
img { max-width: 100%; }
.note { color: #444; font-size: 0.9rem; }
</style>
</head>
<body>
<h1>Précision en usage réel <span lang="en">(accuracy in real use)</span></h1>
<p class="note">Décisions des conseillers sur les brouillons de profil : confirmé, rejeté,
corrigé, ajouté à la main. Généré le {{ report.generated_at.strftime('%Y-%m-%d %H:%M') }} UTC
{%- if report.referential %} ; référentiel {{ report.referential }}{% endif %}
{%- if report.finalized_only %} ; profils finalisés seulement{% endif %}.</p>
<p class="note">Acceptation = confirmés / propositions décidées (confirmées + rejetées +
corrigées), avec son intervalle de confiance à 95 % (Wilson) ;
rejet = rejetés / décidées ; correction = corrigés / décidées. Les champs ajoutés
à la main ne sont pas des propositions : part ajoutée = ajoutés / (confirmés + corrigés +
ajoutés). Fiabilité : une confirmation compte comme juste ; un rejet ou une correction comme
faux.</p>
{% if not report.groups %}<p>Aucune décision enregistrée <span lang="en">(no decisions
recorded)</span>.</p>{% endif %}
{% for g in report.groups %}{% set gi = loop.index %}
<section>
<h2>{{ g.referential }} — pipeline {{ g.pipeline_version }}</h2>
<p>{{ g.documents }} CV ({{ g.finalized_documents }} finalisés), {{ g.job_seekers }}
demandeurs d'emploi, {{ g.advisors }} conseillers ; {{ g.total.decided }} propositions
décidées, {{ g.total.added }} champs ajoutés.</p>
<table>
<caption>Par type de champ <span lang="en">(by field kind)</span></caption>
<thead><tr><th scope="col">type</th><th scope="col">décidées</th>
<th scope="col">acceptation</th><th scope="col">IC 95 %</th><th scope="col">rejet</th>
<th scope="col">correction</th>
<th scope="col">dont même code</th><th scope="col">ajoutés</th>
<th scope="col">part ajoutée</th></tr></thead>
<tbody>
{% for k in g.kinds %}{{ row(kind_fr.get(k.kind, k.kind), k.counts) }}{% endfor %}
{{ row("total", g.total) }}
</tbody></table>
{% for name in plots %}
<figure><img src="data:image/png;base64,{{ images[gi][name] }}" alt="{{ plot_titles[name] }}
 : les chiffres sont dans les tableaux"><figcaption>{{ plot_titles[name] }}</figcaption></figure>
{% endfor %}
<table>
<caption>Fiabilité sur les décisions <span lang="en">(reliability on decisions)</span> —
n = {{ g.reliability.n }}, ECE = {{ num(g.reliability.ece, 3) }},
Brier = {{ num(g.reliability.brier, 3) }}</caption>
<thead><tr><th scope="col">confiance</th><th scope="col">n</th>
<th scope="col">confiance moyenne</th><th scope="col">part confirmée</th></tr></thead>
<tbody>
{% for b in g.reliability.bins %}<tr><th scope="row">[{{ "%.1f"|format(b.lo) }},
{{ "%.1f"|format(b.hi) }}{{ "]" if b.hi >= 1.0 else ")" }}</th><td>{{ b.n }}</td>
<td>{{ num(b.confidence, 3) }}</td><td>{{ pct(b.acceptance) }}</td></tr>
{% endfor %}</tbody></table>
<table>
<caption>Acceptation par type et bande de confiance <span lang="en">(acceptance by kind and
confidence band)</span></caption>
<thead><tr><th scope="col">type</th><th scope="col">bande</th><th scope="col">n</th>
<th scope="col">acceptation</th></tr></thead>
<tbody>
{% for c in g.bands %}<tr><th scope="row">{{ kind_fr.get(c.kind, c.kind) }}</th>
<td>[{{ "%.1f"|format(c.lo) }}, {{ "%.1f"|format(c.hi) }}{{ "]" if c.hi >= 1.0 else ")" }}</td>
<td>{{ c.n }}</td><td>{{ pct(c.acceptance) }}</td></tr>
{% endfor %}</tbody></table>
{{ items("Les plus souvent rejetés (most often rejected, au moins " ~ report.min_count ~ " fois)",
         g.most_rejected) }}
{{ items("Les plus souvent ajoutés à la main (most often added by hand, au moins "
         ~ report.min_count ~ " fois)", g.most_added) }}
{{ items("Par élément (by item)", g.items) }}
</section>
{% endfor %}
</body>
</html>
"""

MACROS = """
{% macro row(name, c) %}<tr><th scope="row">{{ name }}</th><td>{{ c.decided }}</td>
<td>{{ pct(c.acceptance) }}</td><td>{{ ci(c.acceptance_ci) }}</td><td>{{ pct(c.rejection) }}</td>
<td>{{ pct(c.edit_rate) }}</td>
<td>{{ c.edited_same_code }}</td><td>{{ c.added }}</td><td>{{ pct(c.hand_share) }}</td></tr>
{% endmacro %}
{% macro items(title, rows) %}<table>
<caption>{{ title }}</caption>
<thead><tr><th scope="col">type</th><th scope="col">code</th><th scope="col">libellé</th>
<th scope="col">confirmés</th><th scope="col">rejetés</th><th scope="col">corrigés</th>
<th scope="col">ajoutés</th><th scope="col">acceptation</th></tr></thead>
<tbody>
{% for i in rows %}<tr><td class="l">{{ kind_fr.get(i.kind, i.kind) }}</td>
<th scope="row">{{ i.code }}</th><td class="l">{{ i.label }}</td><td>{{ i.counts.confirmed }}</td>
<td>{{ i.counts.rejected }}</td><td>{{ i.counts.edited }}</td><td>{{ i.counts.added }}</td>
<td>{{ pct(i.counts.acceptance) }}</td></tr>
{% else %}<tr><td class="l" colspan="8">—</td></tr>{% endfor %}
</tbody></table>{% endmacro %}
"""


def pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f} %"


def ci(interval: tuple[float, float] | None) -> str:
    """A 95 % interval as "24–76 %"."""
    return "—" if interval is None else f"{100 * interval[0]:.0f}–{100 * interval[1]:.0f} %"


def num(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def render_html(report: FeedbackReport, images: dict[int, dict[str, bytes]] | None = None) -> str:
    """The report as HTML; `images[group index from 1][plot]` PNGs, rendered when not given."""
    env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(pct=pct, ci=ci, num=num, kind_fr=KIND_FR, plots=PLOTS,
                       plot_titles=PLOT_TITLES)
    macros = env.from_string(MACROS).module
    env.globals.update(row=macros.row, items=macros.items)  # type: ignore[attr-defined]
    if images is None:
        images = {i: {name: render(g, name) for name in PLOTS}
                  for i, g in enumerate(report.groups, start=1)}
    encoded = {i: {n: base64.b64encode(png).decode("ascii") for n, png in plots.items()}
               for i, plots in images.items()}
    return env.from_string(TEMPLATE).render(report=report, images=encoded)
