"""Date ranges in CV lines: "janv. 2019 – aujourd'hui", "2015/2018", "depuis 09/2021", …

Conventions (tested in tests/facts/test_periods.py):

* A lone year ("2018") is not a period: on a CV it is as often a diploma year as a job. It
  becomes one only after "depuis"/"since" ("depuis 2021" = ongoing since 2021).
* `start_date`/`end_date` are the literal, widest reading of the text: a year-only start is
  1 January, a year-only end 31 December, a month-only end the last day of that month.
* `months` is an estimate of the duration, counted in whole calendar months, inclusive of both
  end months: "03/2020 – 06/2022" = 28 months, "juillet-août 2019" = 2.
  A year-only endpoint stands for an unknown month of that year, so it is estimated at
  mid-year: July for a start, June for an end. Hence "2015 – 2018" = Jul 2015..Jun 2018 =
  36 months (the "about three years" a reader understands), "2018 – 2019" = 12,
  "03/2015 – 2018" = 40. When that estimate would put the end before the start (same year:
  "2019 – 2019", "2018 – 03/2018"), the year-only endpoint widens to the whole year instead
  (January for a start, December for an end): "2019 – 2019" = 12 months.
* An ongoing period runs to `today`'s month, inclusive.
* `total_months` merges overlapping or adjacent periods and ignores anything after `today`:
  it measures experience acquired so far, not contracted.
* Rejected: months outside 1..12, impossible days, years before 1950 or after today.year + 1,
  ends before starts, and numbers that are amounts ("de 1980 à 2000 salariés") or software
  versions ("Office 2016 - 2019").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
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
    r"(?:aujourd'?\s?hui|a\s+ce\s+jour|ce\s+jour|a\s+present|present|actuel(?:lement)?"
    r"|en\s+cours|maintenant|(?:a\s+)?nos\s+jours|now|today|current(?:ly)?|ongoing)\b"
)
_START_GUARD = r"(?<![\d/.,])"
_END_GUARD = (
    r"(?!\d|[/.-]\d|\s*(?:€|k€|eur\b|euros?\b|h\b|heures|hours|km\b|m2|m²|%"
    # counts are plural ("de 1980 à 2000 salariés"); "2009/2016 Agent de propreté" is a job
    r"|(?:salarie|employe|personne|habitant|client|adherent|etudiant|eleve|agent)s\b|lits\b))"
)


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
    start_year_only = start_precision == "year"
    end_year_only = end_precision == "year"
    s = start_date.year * 12 + 6 if start_year_only else _month_index(start_date)
    if end_date is None:
        e = _month_index(today)
    elif end_year_only:
        e = end_date.year * 12 + 5
    else:
        e = _month_index(end_date)
    if e < s:
        if start_year_only:
            s = start_date.year * 12
        if end_year_only and end_date is not None:
            e = end_date.year * 12 + 11
    return s, e


def _estimated_span(period: Period, today: date) -> tuple[int, int]:
    return _span(
        period.start_date, period.start_precision, period.end_date, period.end_precision, today
    )


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


def find_periods(line: str, today: date, *, horizon_years: int = 1) -> list[Period]:
    """Date ranges in one line, left to right, never overlapping.

    `today` is a parameter, not a clock read, so the same CV parses the same way in a test,
    a batch re-run or a replayed job. `horizon_years` is how far past `today.year` an *end*
    may lie: 1 suits jobs; a training calendar ("BTS 2025 – 2027") needs more, and starts are
    always held to `today.year + 1`.
    """
    if not _ANY_YEAR_RE.search(line):
        return []
    folded = fold_per_char(line)
    taken: list[tuple[int, int]] = []
    found: list[Period] = []
    for period in _candidates(line, folded, today, horizon_years):
        if period is None:
            continue
        if any(period.start < e and s < period.end for s, e in taken):
            continue
        taken.append((period.start, period.end))
        found.append(period)
    found.sort(key=lambda p: p.start)
    return found


def total_months(periods: Iterable[Period], today: date) -> int:
    """Months covered by the union of the periods, up to and including `today`'s month.

    Overlaps and back-to-back periods (a CDD renewed, two part-time jobs) are merged so that
    the same month is never counted twice.
    """
    now = _month_index(today)
    spans = sorted(
        (s, min(e, now)) for s, e in (_estimated_span(p, today) for p in periods) if s <= now
    )
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
