"""Dates, sizes, states and saved profiles in the words people read, French and English.

The server renders them (the advisor list, "Mes documents"), so what a page says survives a
reload and never depends on the browser's locale. Times are stored in UTC and shown in the
service's time zone (France)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cvparse.service.review.models import SavedProfile
from cvparse.service.store.listing import ListedDocument

try:
    TIME_ZONE: tzinfo = ZoneInfo("Europe/Paris")
except ZoneInfoNotFoundError:  # pragma: no cover - a system without time-zone data
    TIME_ZONE = UTC

MONTHS = {
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc."),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def _lang(lang: str | None) -> str:
    return "en" if lang == "en" else "fr"


def local(moment: datetime) -> datetime:
    """A stored time (UTC; SQLite gives it back without its zone) in the service's zone."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(TIME_ZONE)


def day(moment: datetime | date, lang: str | None) -> str:
    """"2 déc. 2026" / "2 Dec 2026"."""
    if isinstance(moment, datetime):
        moment = local(moment)
    return f"{moment.day} {MONTHS[_lang(lang)][moment.month - 1]} {moment.year}"


def when(moment: datetime | None, lang: str | None) -> str:
    """"2 déc. 2026, 14:05" / "2 Dec 2026, 14:05"."""
    if moment is None:
        return ""
    moment = local(moment)
    return f"{day(moment, lang)}, {moment:%H:%M}"


def month(moment: date, lang: str | None) -> str:
    return f"{MONTHS[_lang(lang)][moment.month - 1]} {moment.year}"


def number(n: int, lang: str | None) -> str:
    """10 000 (French: a narrow no-break space between thousands) / 10,000."""
    return f"{n:,}".replace(",", "\u202f") if _lang(lang) == "fr" else f"{n:,}"


def size(n: int, lang: str | None) -> str:
    """A file size as people say it: "10 Mo", "1,5 Mo", "512 Ko" (French), "10 MB" (English)."""
    fr = _lang(lang) == "fr"
    unit_mb, unit_kb = ("Mo", "Ko") if fr else ("MB", "KB")
    if n >= 1024 * 1024:
        value = n / (1024 * 1024)
        text = f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"
        return f"{text.replace('.', ',') if fr else text} {unit_mb}"
    return f"{max(1, round(n / 1024))} {unit_kb}"


def advisor_state(doc: ListedDocument, t: dict[str, str], lang: str | None) -> str:
    """The state in an advisor's words: "À relire", "En cours 3/17", "Enregistré le … par …",
    "Échec : <why>" — never the sentence written for the job seeker."""
    if doc.state == "saved":
        text = t["state_saved_on"].format(when=when(doc.saved_at, lang))
        return text + (t["state_saved_by"].format(who=doc.saved_by) if doc.saved_by else "")
    if doc.state == "in_progress":
        if doc.fields:
            return t["state_in_progress_n"].format(done=doc.decided or 0, total=doc.fields)
        return t["state_in_progress"]
    if doc.state == "failed":
        return t["state_failed"].format(why=failure_why(doc, t))
    return t["state_" + doc.state]


def failure_why(doc: ListedDocument, t: dict[str, str]) -> str:
    """Why a document failed, in a few words."""
    code = "needs_ocr" if doc.status == "needs_ocr" else (doc.error_code or "")
    return t.get("why_" + code) or doc.error_message or t["why_unknown"]


def seeker_state(doc: ListedDocument, t: dict[str, str], lang: str | None) -> str:
    """Where a CV stands, in the job seeker's words, and what to do when it failed."""
    if doc.state == "saved":
        return t["seeker_saved"].format(when=day(doc.saved_at, lang)) if doc.saved_at \
            else t["seeker_saved_plain"]
    if doc.state == "failed":
        code = "needs_ocr" if doc.status == "needs_ocr" else (doc.error_code or "")
        return t.get("seeker_failed_" + code) or t["seeker_failed_other"]
    return t["seeker_" + doc.state]


# A saved profile, read-only, in plain words --------------------------------------------------

CEFR_WORDS = {
    "fr": {"A1": "débutant", "A2": "élémentaire", "B1": "intermédiaire", "B2": "avancé",
           "C1": "courant", "C2": "bilingue ou langue maternelle"},
    "en": {"A1": "beginner", "A2": "elementary", "B1": "intermediate", "B2": "upper "
           "intermediate", "C1": "fluent", "C2": "bilingual or native"},
}
DIPLOMA_LEVELS = {
    "fr": {3: "niveau 3 (CAP, BEP)", 4: "niveau 4 (baccalauréat)", 5: "niveau 5 (bac + 2)",
           6: "niveau 6 (bac + 3 ou 4)", 7: "niveau 7 (bac + 5)", 8: "niveau 8 (doctorat)"},
    "en": {3: "level 3 (vocational certificate)", 4: "level 4 (baccalauréat)",
           5: "level 5 (2 years after the bac)", 6: "level 6 (bachelor's)",
           7: "level 7 (master's)", 8: "level 8 (doctorate)"},
}
# Driving licence categories, said "Permis B" rather than a bare code.
_DRIVING = re.compile(r"^(?:AM|A1|A2|A|B1|B|BE|B96|C1|C1E|C|CE|D1|D1E|D|DE)$")
_COMPETENCE_GROUPS = ("savoir-faire", "savoir-etre", "savoir")


@dataclass
class ProfileView:
    """A saved profile as the job seeker reads it: groups of plain sentences, no codes."""

    groups: list[tuple[str, list[str]]] = field(default_factory=list)


def profile_view(profile: SavedProfile, t: dict[str, str], lang: str | None) -> ProfileView:
    lang = _lang(lang)
    by_kind: dict[str, list[str]] = {}

    def put(key: str, text: str) -> None:
        items = by_kind.setdefault(key, [])
        if text not in items:  # one line per thing, even when two fields say it
            items.append(text)

    for f in profile.fields:
        if f.kind == "metier" or f.kind == "appellation":
            put("metier", f.label)
        elif f.kind == "competence":
            put(f.item_kind if f.item_kind in _COMPETENCE_GROUPS else "savoir-faire", f.label)
        elif f.kind == "language":
            name = f.label.split(":")[0].strip() or (f.code or "")
            level = str(f.level) if f.level else ""
            words = CEFR_WORDS[lang].get(level)
            put("language", f"{name} — {level} ({words})" if words else name)
        elif f.kind == "diploma":
            parts = [f.label]
            if isinstance(f.level, int) or (isinstance(f.level, str) and f.level.isdigit()):
                parts.append(DIPLOMA_LEVELS[lang].get(int(f.level), ""))
            if f.year:
                parts.append(str(f.year))
            put("diploma", ", ".join(p for p in parts if p))
        elif f.kind == "licence":
            code = f.code or f.label
            put("licence", t["driving_licence"].format(code=code) if _DRIVING.match(code)
                else code)
        elif f.kind == "experience":
            put("experience", _period(f.label, f.start, f.end, f.months, t, lang))
    order = ["metier", *_COMPETENCE_GROUPS, "language", "diploma", "licence", "experience"]
    return ProfileView(groups=[(t["profile_" + k], by_kind[k]) for k in order if k in by_kind])


def _period(label: str, start: date | None, end: date | None, months: int | None,
            t: dict[str, str], lang: str) -> str:
    if start is None:
        return label
    until = month(end, lang) if end else t["until_now"]
    text = f"{label}, {month(start, lang)} – {until}"
    if months:
        years, rest = divmod(months, 12)
        spans = []
        if years:
            spans.append(t["years"].format(n=years) if years > 1 else t["one_year"])
        if rest:
            spans.append(t["months"].format(n=rest) if rest > 1 else t["one_month"])
        text += f" ({' '.join(spans)})"
    return text
