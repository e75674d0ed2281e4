"""Date ranges in CV lines: "janv. 2019 – aujourd'hui", "2015/2018", "depuis 09/2021", …

Conventions (tested in tests/facts/test_periods.py):

* A lone year ("2018") is not a period: on a CV it is as often a diploma year as a job. It
  becomes one after "depuis"/"since" ("depuis 2021" = ongoing since 2021), and at the start
  of a job line (below).
* `start_date`/`end_date` are the literal, widest reading of the text: a year-only start is
  1 January, a year-only end 31 December, a month-only end the last day of that month.
* `months` is an estimate of the duration, counted in whole calendar months, inclusive of both
  end months: "03/2020 – 06/2022" = 28 months, "juillet-août 2019" = 2.
  A year-only start is January ("depuis 2021", "2016 – aujourd'hui" run from January 2021,
  January 2016). A year-only end closing a year-only start counts the years between them:
  "2015 – 2018" = January 2015 .. December 2017 = 36 months (the "three years" a reader
  understands), "2018 – 2019" = 12; a year-only end after a start stated to the month is
  estimated at mid-year: "03/2015 – 2018" = March 2015 .. June 2018 = 40. When that estimate
  would put the end before the start ("2019 – 2019", "09/2018 – 2018"), the end widens to
  December of its year: "2019 – 2019" = 12 months.
* A duration written in brackets after the dates ("Sept. 2024 – juil. 2025 … (22 semaines)",
  "2011 (8 semaines)") is the time worked when it is clearly shorter than the dates' span:
  22 weeks of internships over a school year are 5 months, not 11. A duration that roughly
  fills the span ("mai – juin 2026 (6 semaines)") leaves the calendar months counted.
* On a job line (`job_line=True`, the experience section), a lone month or year at the start
  of the line dates the job by itself: "Févr. 2026 (2 semaines)" = 1 month, "2006 Aide-maçon"
  = the whole year, "2011 (8 semaines) Stage" = 2 months. Elsewhere a lone year is not a
  period (it is as often a diploma year as a job).
* Seasons repeated over years are one period a year: "juillet – août 2023 et 2024",
  "juin–sept. 2017, 2018 et 2019".
* An ongoing period runs to `today`'s month, inclusive.
* `total_months` merges overlapping or adjacent periods and ignores anything after `today`:
  it measures experience acquired so far, not contracted. A year-only end meets the next job
  when that one starts, stated to the month, later in the same year ("2013 – 2017" then
  "sept. 2017 – …": no gap in 2017), not when it starts the next year ("2012 – 2015" then
  "janv. 2016 – …" leaves 2015 uncounted, as "2012 – 2015" alone is three years).
* Rejected: months outside 1..12, impossible days, years before 1950 or after today.year + 1,
  ends before starts, and numbers that are amounts ("de 1980 à 2000 salariés") or software
  versions ("Office 2016 - 2019").
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from cvparse.engine.facts.models import Period, Precision
from cvparse.engine.text import fold_per_char

MIN_YEAR = 1950

_MONTHS: dict[str, int] = {
    "janvier": 1, "janv": 1, "jan": 1, "january": 1,
    "fevrier": 2, "fevr": 2, "fev": 2, "february": 2, "febr": 2, "feb": 2,
    "mars": 3, "mar": 3, "march": 3,
    "avril": 4, "avr": 4, "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juin": 6, "june": 6, "jun": 6,
    "juillet": 7, "juil": 7, "july": 7, "jul": 7,
    "aout": 8, "august": 8, "aug": 8,
    "septembre": 9, "sept": 9, "sep": 9, "september": 9,
    "octobre": 10, "oct": 10, "october": 10,
    "novembre": 11, "nov": 11, "november": 11,
    "decembre": 12, "dec": 12, "december": 12,
}  # fmt: skip

_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d\d"
# Symbols may touch the dates ("2015/2018", "3/2020-6/2022"); words need spaces around them.
_SEP = (
    r"(?:\s*(?:-{1,2}>?|/|→|>|»)\s*"
    r"|\s+(?:a|au|to|until|till|through|thru|jusqu'\s?(?:a|au|en))\s+)"
)
_ONGOING = (
    r"(?:aujourd'?\s?hui|auj\b\.?|a\s+ce\s+jour|ce\s+jour|a\s+present|present|actuel(?:lement)?"
    r"|en\s+cours|maintenant|(?:a\s+)?nos\s+jours|now|today|current(?:ly)?|ongoing)\b"
)
_START_GUARD = r"(?<![\d/.,])"
_END_GUARD = (
    r"(?!\d|[/.-]\d|\s*(?:€|k€|eur\b|euros?\b|h\b|heures|hours|km\b|m2|m²|%"
    # counts are plural ("de 1980 à 2000 salariés"); "2009/2016 Agent de propreté" is a job
    r"|(?:salarie|employe|personne|habitant|client|adherent|etudiant|eleve|agent)s\b|lits\b))"
)

_END_GUARD_RE = re.compile(_END_GUARD)


def _endpoint(p: str) -> str:
    """An endpoint pattern whose groups are prefixed, so a range can hold two of them."""
    return (
        rf"(?:(?P<{p}dd>\d{{1,2}})[/.-](?P<{p}dm>\d{{1,2}})[/.-](?P<{p}dy>{_YEAR})"
        rf"|(?P<{p}nm>\d{{1,2}})[/.-](?P<{p}ny>{_YEAR})"
        rf"|(?:(?P<{p}nd>\d{{1,2}})(?:er)?\s+)?\b(?P<{p}mn>{_MONTH_ALT})\b\.?\s*"
        rf"(?:de\s+|of\s+|,\s*)?'?(?P<{p}my>{_YEAR})"
        rf"|(?P<{p}y>{_YEAR}))(?!\d)"
    )


_PREFIX = r"(?:\b(?:de|du|from|between|entre)\s+)?"
_RANGE_RE = re.compile(
    rf"{_START_GUARD}{_PREFIX}{_endpoint('s')}"
    rf"(?:{_SEP}{_endpoint('e')}{_END_GUARD}|{_SEP}(?P<ongoing>{_ONGOING})"
    r"|\s+(?P<todate>to\s+date)\b)"
)
_BETWEEN_RE = re.compile(
    rf"{_START_GUARD}\b(?:entre|between)\s+{_endpoint('s')}\s+(?:et|and)\s+{_endpoint('e')}"
    rf"{_END_GUARD}"
)
_ISO_RANGE_RE = re.compile(
    rf"(?<![\d/.,-])(?P<sy>{_YEAR})-(?P<sm>0[1-9]|1[0-2])"
    rf"(?:{_SEP}(?P<ey>{_YEAR})-(?P<em>0[1-9]|1[0-2])(?![\d])|{_SEP}(?P<ongoing>{_ONGOING}))"
)
_MONTHS_ONE_YEAR_RE = re.compile(
    rf"{_PREFIX}\b(?P<m1>{_MONTH_ALT})\b\.?{_SEP}\b(?P<m2>{_MONTH_ALT})\b\.?\s?(?P<y>{_YEAR})"
    rf"(?!\d)"
)
_ACADEMIC_RE = re.compile(rf"{_START_GUARD}(?P<y1>{_YEAR})\s?[-/]\s?(?P<y2>\d\d)(?![\d/.-]?\d)")
_SINCE_RE = re.compile(
    rf"\b(?:depuis|since)\s+(?:le\s+|l'|(?:le\s+)?mois\s+d(?:e\s+|'))?{_endpoint('s')}"
    rf"{_END_GUARD}"
)
_ANY_YEAR_RE = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
_REPEAT_YEAR_RE = re.compile(rf"\s*(?:,|\bet\b|\band\b|&)\s*(?P<y>{_YEAR})(?![\d/.-]?\d)")
# A job line dated by one month or one year at its start ("Févr. 2026 (2 semaines)",
# "2006  Aide-maçon"): bullets first, then the date, then text, a bracket or nothing.
_LEAD = r"^[\s•·●▪■►*>»➢✓✔○◦‣-]*"
_LONE_RE = re.compile(
    rf"{_LEAD}(?P<date>(?P<snm>\d{{1,2}})[/.-](?P<sny>{_YEAR})"
    rf"|(?:\d{{1,2}}(?:er)?\s+)?\b(?P<smn>{_MONTH_ALT})\b\.?\s*(?:de\s+)?'?(?P<smy>{_YEAR})"
    rf"|(?P<sy>{_YEAR}))(?!\d|[/.-]\d|\s*[-/→>]\s*\d)(?=\s|[:|(,;]|\Z)"
)
# "(22 semaines)", "(PFMP, 6 semaines)", "(8 semaines de stage)", "(5 mois)": a time worked,
# in brackets, at their start or after a comma or colon; not a rate ("3 jours par semaine").
_DURATION_RE = re.compile(
    r"\((?:[^()]{0,40}[,;:]\s*)?(?P<n>\d{1,3}(?:[.,]5)?)\s*(?P<u>semaines?|sem\b\.?|mois|jours?"
    r"|ans?|annees?|weeks?|wks?|months?|days?|years?)\b"
    r"(?![^()]*(?:/|\b(?:par|per|a|an|by)\s+(?:semaine|mois|an|jour|week|month|year)))"
    r"[^()]{0,30}\)"
)
_UNIT_MONTHS = {"s": 7 / 30.44, "m": 1.0, "j": 1 / 30.44, "a": 12.0, "w": 7 / 30.44,
                "d": 1 / 30.44, "y": 12.0}  # fmt: skip
_SUMMER_RE = re.compile(rf"\b(?:ete|summer)\s+(?P<y>{_YEAR})(?!\d)")
# "Office 2016 – 2019", "Windows 2000/2003": versions, not dates.
_SOFTWARE_BEFORE_RE = re.compile(
    r"\b(?:windows|office|server|sql|excel|word|visual\s+studio|autocad|revit|sage|ciel"
    r"|exchange|outlook|ms|microsoft|iso|norme|version|v)\s*$"
)

_Endpoint = tuple[int, int | None, int | None, Precision]  # year, month, day, precision


def _read_endpoint(groups: dict[str, str | None], p: str) -> _Endpoint | None:
    if groups.get(f"{p}dy"):
        return (int(groups[f"{p}dy"] or 0), int(groups[f"{p}dm"] or 0),
                int(groups[f"{p}dd"] or 0), "day")  # fmt: skip
    if groups.get(f"{p}ny"):
        return int(groups[f"{p}ny"] or 0), int(groups[f"{p}nm"] or 0), None, "month"
    if groups.get(f"{p}my"):
        year, month = int(groups[f"{p}my"] or 0), _MONTHS[groups[f"{p}mn"] or ""]
        if groups.get(f"{p}nd"):
            return year, month, int(groups[f"{p}nd"] or 0), "day"
        return year, month, None, "month"
    if groups.get(f"{p}y"):
        return int(groups[f"{p}y"] or 0), None, None, "year"
    return None


def _valid(ep: _Endpoint, today: date, horizon_years: int) -> bool:
    year, month, day, _ = ep
    if not MIN_YEAR <= year <= today.year + horizon_years:
        return False
    if month is not None and not 1 <= month <= 12:
        return False
    return day is None or (month is not None and 1 <= day <= _last_day(year, month))


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _first_date(ep: _Endpoint) -> date:
    year, month, day, _ = ep
    return date(year, month or 1, day or 1)


def _last_date(ep: _Endpoint) -> date:
    year, month, day, _ = ep
    if month is None:
        return date(year, 12, 31)
    return date(year, month, day or _last_day(year, month))


def _month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def _span(
    start_date: date,
    start_precision: Precision,
    end_date: date | None,
    end_precision: Precision | None,
    today: date,
) -> tuple[int, int]:
    """Inclusive month indices a period is counted over (see the module docstring)."""
    s = _month_index(start_date)  # a year-only start is January
    if end_date is None:
        e = _month_index(today)
    elif end_precision == "year":
        # "2015 – 2018": the years between; "03/2015 – 2018": mid-2018.
        e = end_date.year * 12 - 1 if start_precision == "year" else end_date.year * 12 + 5
        if e < s:  # "2019 – 2019", "09/2018 – 2018": the whole end year
            e = end_date.year * 12 + 11
    else:
        e = _month_index(end_date)
    return s, e


def _estimated_span(period: Period, today: date) -> tuple[int, int]:
    s, e = _span(
        period.start_date, period.start_precision, period.end_date, period.end_precision, today
    )
    if _shortened(period, today):  # a stated duration
        e = s + max(1, period.months) - 1
    return s, e


def _shortened(period: Period, today: date) -> bool:
    s, e = _span(
        period.start_date, period.start_precision, period.end_date, period.end_precision, today
    )
    return period.end_date is not None and period.months < e - s + 1


def _make(
    line: str,
    m_start: int,
    m_end: int,
    first: _Endpoint,
    last: _Endpoint | None,
    today: date,
    horizon_years: int = 1,
) -> Period | None:
    if not _valid(first, today, 1):
        return None
    if last is not None and not _valid(last, today, horizon_years):
        return None
    start_date = _first_date(first)
    end_date = _last_date(last) if last is not None else None
    if end_date is not None and end_date < start_date:
        return None
    end_precision = last[3] if last is not None else None
    s, e = _span(start_date, first[3], end_date, end_precision, today)
    return Period(
        start_date=start_date,
        end_date=end_date,
        start_precision=first[3],
        end_precision=end_precision,
        months=max(0, e - s + 1),
        text=line[m_start:m_end],
        start=m_start,
        end=m_end,
    )


def _candidates(line: str, folded: str, today: date, horizon: int) -> Iterable[Period | None]:
    """All readings, most specific pattern first; the caller keeps the first non-overlapping."""
    for m in _ISO_RANGE_RE.finditer(folded):
        first: _Endpoint = (int(m["sy"]), int(m["sm"]), None, "month")
        last: _Endpoint | None = None
        if m["ey"]:
            last = (int(m["ey"]), int(m["em"]), None, "month")
        yield _make(line, m.start(), m.end(), first, last, today, horizon)
    for regex in (_BETWEEN_RE, _RANGE_RE):
        for m in regex.finditer(folded):
            if _SOFTWARE_BEFORE_RE.search(folded, max(0, m.start() - 20), m.start()):
                continue
            groups = m.groupdict()
            start_ep = _read_endpoint(groups, "s")
            if start_ep is None:
                continue
            end_ep = _read_endpoint(groups, "e")
            if end_ep is None and not (groups.get("ongoing") or groups.get("todate")):
                continue
            yield _make(line, m.start(), m.end(), start_ep, end_ep, today, horizon)
    for m in _MONTHS_ONE_YEAR_RE.finditer(folded):
        year, m1, m2 = int(m["y"]), _MONTHS[m["m1"]], _MONTHS[m["m2"]]
        start_year = year - 1 if m1 > m2 else year  # "déc. – janv. 2020" straddles New Year
        yield _make(
            line, m.start(), m.end(),
            (start_year, m1, None, "month"), (year, m2, None, "month"), today, horizon,
        )  # fmt: skip
        # "juillet – août 2023 et 2024", "juin–sept. 2017, 2018 et 2019": the same season.
        cursor = m.end()
        while (more := _REPEAT_YEAR_RE.match(folded, cursor)) is not None:
            year = int(more["y"])
            start_year = year - 1 if m1 > m2 else year
            yield _make(
                line, more.start("y"), more.end("y"),
                (start_year, m1, None, "month"), (year, m2, None, "month"), today, horizon,
            )  # fmt: skip
            cursor = more.end()
    for m in _ACADEMIC_RE.finditer(folded):
        y1 = int(m["y1"])
        if int(m["y2"]) != (y1 + 1) % 100:
            continue
        yield _make(
            line, m.start(), m.end(),
            (y1, None, None, "year"), (y1 + 1, None, None, "year"), today, horizon,
        )  # fmt: skip
    for m in _SINCE_RE.finditer(folded):
        start_ep = _read_endpoint(m.groupdict(), "s")
        if start_ep is not None:
            yield _make(line, m.start(), m.end(), start_ep, None, today)
    for m in _SUMMER_RE.finditer(folded):
        year = int(m["y"])
        yield _make(
            line, m.start(), m.end(), (year, 7, None, "month"), (year, 8, None, "month"), today
        )


def find_periods(
    line: str, today: date, *, horizon_years: int = 1, job_line: bool = False
) -> list[Period]:
    """Date ranges in one line, left to right, never overlapping.

    `today` is a parameter, not a clock read, so the same CV parses the same way in a test,
    a batch re-run or a replayed job. `horizon_years` is how far past `today.year` an *end*
    may lie: 1 suits jobs; a training calendar ("BTS 2025 – 2027") needs more, and starts are
    always held to `today.year + 1`. `job_line` says the line belongs to a list of jobs, where
    a lone month or year at the start of the line dates a job.
    """
    if not _ANY_YEAR_RE.search(line):
        return []
    folded = fold_per_char(line)
    taken: list[tuple[int, int]] = []
    found: list[Period] = []
    candidates = _candidates(line, folded, today, horizon_years)
    if job_line:
        candidates = itertools.chain(candidates, _lone(line, folded, today))
    for period in candidates:
        if period is None:
            continue
        if any(period.start < e and s < period.end for s, e in taken):
            continue
        taken.append((period.start, period.end))
        found.append(period)
    found.sort(key=lambda p: p.start)
    limits = [p.start for p in found[1:]] + [len(folded)] if found else []
    return [_with_duration(p, folded, limit) for p, limit in zip(found, limits, strict=True)]


def _lone(line: str, folded: str, today: date) -> Iterable[Period | None]:
    m = _LONE_RE.match(folded)
    if m is None or _END_GUARD_RE.match(folded, m.end()) is None:
        return
    ep = _read_endpoint(m.groupdict(), "s")
    if ep is not None:
        yield _make(line, m.start("date"), m.end(), ep, ep, today)


def _with_duration(period: Period, folded: str, limit: int) -> Period:
    """The period shortened (or, for a lone month, lengthened) to a duration written in
    brackets after it, before the next period (see the module docstring)."""
    m = _DURATION_RE.search(folded, period.end, limit)
    if m is None or period.end_date is None:
        return period
    stated = float(m["n"].replace(",", ".")) * _UNIT_MONTHS[m["u"][0]]
    months = max(1, round(stated))
    if stated < period.months - 1:
        return replace(period, months=months)
    if period.months == 1 and months > 1:  # "mars 2020 (3 mois)": from that month on
        end = _month_index(period.start_date) + months - 1
        year, month = divmod(end, 12)
        return replace(period, months=months,
                       end_date=date(year, month + 1, _last_day(year, month + 1)))
    return period


def total_months(periods: Iterable[Period], today: date) -> int:
    """Months covered by the union of the periods, up to and including `today`'s month.

    Overlaps and back-to-back periods (a CDD renewed, two part-time jobs) are merged so that
    the same month is never counted twice; a year-only end meets the next job when that one
    starts, stated to the month, later in that year.
    """
    periods = list(periods)
    now = _month_index(today)
    stated_starts = sorted(
        _month_index(p.start_date) for p in periods if p.start_precision != "year"
    )
    spans = []
    for p in periods:
        s, e = _estimated_span(p, today)
        if p.end_date is not None and p.end_precision == "year" and not _shortened(p, today):
            limit = p.end_date.year * 12 + 11  # December of that year
            following = [t for t in stated_starts if e + 1 < t <= limit]
            if following:
                e = following[0] - 1
        if s <= now:
            spans.append((s, min(e, now)))
    spans.sort()
    total = 0
    cur_s: int | None = None
    cur_e = 0
    for s, e in spans:
        if e < s:
            continue
        if cur_s is None or s > cur_e + 1:
            if cur_s is not None:
                total += cur_e - cur_s + 1
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_s is not None:
        total += cur_e - cur_s + 1
    return total


_BULLET_RE = re.compile(r"^\s*[•·●▪■►*>»➢✓✔○◦‣–—-]")
# Unpaid or informal activities a CV lists among jobs: not work experience.
_NOT_WORK_RE = re.compile(
    r"\b(?:benevol\w*|volunteer\w*|volontariat|baby[\s-]?sitt\w*|garde\s+d'enfants\s+chez"
    r"|association\s+etudiante|bureau\s+des\s+etudiants)"
)
# A range wrapped over two lines: a start and a dash ("janv. 2019 –", the rest of the line
# being the job's title in a merged date column) or a date ending the line; then the next
# line starts with the end ("aujourd'hui", "– 2021").
_SEP_WORDS = r"(?:-{1,2}>?|→|>|»|\b(?:a|au|to|until)\b)"
_DANGLING_RE = re.compile(
    rf"{_START_GUARD}{_PREFIX}{_endpoint('s')}(?:\s*(?P<sep>{_SEP_WORDS})\s*|\s*\Z)"
)
_CONTINUES_RE = re.compile(
    rf"^[\s•·●▪■►*➢✓✔○◦‣]*(?P<sep>{_SEP_WORDS}\s*)?(?:(?P<ongoing>{_ONGOING})"
    rf"|{_endpoint('e')}{_END_GUARD}(?!\s*{_SEP_WORDS}\s*\d))"
)


def experience_periods(lines: Sequence[str], today: date) -> list[list[Period]]:
    """The periods of work in consecutive lines of a list of jobs, line by line.

    Besides `find_periods` on each line (as a job line): a range wrapped over two lines
    ("janv. 2019 –" / "aujourd'hui") is one period, cited on its first line; and a period
    of volunteering, baby-sitting or a student association is not work (the line says so,
    or for a line holding only dates, the title line beside it)."""
    out: list[list[Period]] = [[] for _ in lines]
    skip = 0  # characters at the start of this line already read as a wrapped range's end
    for i, line in enumerate(lines):
        found = find_periods(line, today, job_line=skip == 0)
        found = [p for p in found if p.start >= skip]
        skip = 0
        wrapped = _wrapped(line, lines[i + 1] if i + 1 < len(lines) else "", today)
        if wrapped is not None:
            period, skip = wrapped
            found = [p for p in found if p.end <= period.start or p.start >= period.end]
            found = sorted([*found, period], key=lambda p: p.start)
        about = line
        if found and _dates_only(line, found):  # the job is on the title line beside it
            about = _title_beside(lines, i)
        out[i] = [] if _NOT_WORK_RE.search(fold_per_char(about)) else found
    return out


def _title_beside(lines: Sequence[str], i: int) -> str:
    """The line a line of dates belongs to: the next one unless it is a bullet (dates above
    the title), else the previous one unless it is a bullet (dates under the title)."""
    for j in (i + 1, i - 1):
        if 0 <= j < len(lines) and lines[j].strip() and not _BULLET_RE.match(lines[j]):
            return lines[j]
    return ""


def _dates_only(line: str, found: list[Period]) -> bool:
    text = line
    for p in found:
        text = text.replace(p.text, " ")
    return sum(c.isalpha() for c in text) < 4


def _wrapped(line: str, nxt: str, today: date) -> tuple[Period, int] | None:
    """A range whose start is on `line` and whose end starts `nxt`, and how many characters
    of `nxt` it takes."""
    if not nxt or not _ANY_YEAR_RE.search(line):
        return None
    folded = fold_per_char(line)
    ranges = find_periods(line, today)
    last = None
    for m in _DANGLING_RE.finditer(folded):
        if not any(p.start <= m.start() < p.end for p in ranges):
            last = m
    if last is None:
        return None
    c = _CONTINUES_RE.match(fold_per_char(nxt))
    if c is None or not (last["sep"] or c["sep"]):
        return None
    at_end = last.end() >= len(folded.rstrip())
    if not c["ongoing"] and not at_end:  # "2018 – Caissier" / "2019 – Vendeur": two jobs
        return None
    first = _read_endpoint(last.groupdict(), "s")
    end = None if c["ongoing"] else _read_endpoint(c.groupdict(), "e")
    if first is None:
        return None
    text_end = len(folded[: last.end()].rstrip())
    period = _make(line, last.start(), text_end, first, end, today)
    return (period, c.end()) if period is not None else None
