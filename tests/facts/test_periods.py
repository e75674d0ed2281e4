from __future__ import annotations

import time
from datetime import date

import pytest

from cvparse.engine.facts import Period, find_periods, total_months

TODAY = date(2025, 6, 15)


def one(line: str) -> Period:
    periods = find_periods(line, TODAY)
    assert len(periods) == 1, periods
    period = periods[0]
    assert line[period.start : period.end] == period.text
    return period


# line, start date, end date (None = ongoing), start precision, months
FORMS: list[tuple[str, date, date | None, str, int]] = [
    ("janv. 2019 – aujourd'hui", date(2019, 1, 1), None, "month", 78),
    ("janv. 2019 – aujourd’hui", date(2019, 1, 1), None, "month", 78),
    ("janvier 2019 - présent", date(2019, 1, 1), None, "month", 78),
    ("2015/2018", date(2015, 1, 1), date(2018, 12, 31), "year", 36),
    ("2015 - 2018", date(2015, 1, 1), date(2018, 12, 31), "year", 36),
    ("2015-2018", date(2015, 1, 1), date(2018, 12, 31), "year", 36),
    ("2015 à 2018", date(2015, 1, 1), date(2018, 12, 31), "year", 36),
    ("de 2015 à 2018", date(2015, 1, 1), date(2018, 12, 31), "year", 36),
    ("2015 au 2018", date(2015, 1, 1), date(2018, 12, 31), "year", 36),
    ("2015 — 2018", date(2015, 1, 1), date(2018, 12, 31), "year", 36),
    ("2015 → 2018", date(2015, 1, 1), date(2018, 12, 31), "year", 36),
    ("from 2015 to 2018", date(2015, 1, 1), date(2018, 12, 31), "year", 36),
    ("2015 until 2018", date(2015, 1, 1), date(2018, 12, 31), "year", 36),
    ("entre 2015 et 2018", date(2015, 1, 1), date(2018, 12, 31), "year", 36),
    ("depuis 2021", date(2021, 1, 1), None, "year", 54),
    ("since 2021", date(2021, 1, 1), None, "year", 54),
    ("depuis mars 2021", date(2021, 3, 1), None, "month", 52),
    ("Depuis 09/2021", date(2021, 9, 1), None, "month", 46),
    ("Depuis le 01/09/2021", date(2021, 9, 1), None, "day", 46),
    ("03/2020 - 06/2022", date(2020, 3, 1), date(2022, 6, 30), "month", 28),
    ("03/2020 – 06/2022", date(2020, 3, 1), date(2022, 6, 30), "month", 28),
    ("3/2020-6/2022", date(2020, 3, 1), date(2022, 6, 30), "month", 28),
    ("03.2020 - 06.2022", date(2020, 3, 1), date(2022, 6, 30), "month", 28),
    ("2020-03 / 2022-06", date(2020, 3, 1), date(2022, 6, 30), "month", 28),
    ("01/03/2020 - 15/06/2022", date(2020, 3, 1), date(2022, 6, 15), "day", 28),
    ("du 1er mars 2019 au 30 juin 2020", date(2019, 3, 1), date(2020, 6, 30), "day", 16),
    ("Sept 2018 – present", date(2018, 9, 1), None, "month", 82),
    ("September 2018 - Present", date(2018, 9, 1), None, "month", 82),
    ("Sep. 2018 to date", date(2018, 9, 1), None, "month", 82),
    ("Jun 2019 – Current", date(2019, 6, 1), None, "month", 73),
    ("mars 2017 - juin 2019", date(2017, 3, 1), date(2019, 6, 30), "month", 28),
    ("févr. 2016 à déc. 2018", date(2016, 2, 1), date(2018, 12, 31), "month", 35),
    ("fev 2016 - mars 2017", date(2016, 2, 1), date(2017, 3, 31), "month", 14),
    ("FÉVR. 2016 – AOÛT 2016", date(2016, 2, 1), date(2016, 8, 31), "month", 7),
    ("Jan. 2019 – Dec. 2020", date(2019, 1, 1), date(2020, 12, 31), "month", 24),
    ("déc. 2019 - janv. 2020", date(2019, 12, 1), date(2020, 1, 31), "month", 2),
    ("2019 – en cours", date(2019, 1, 1), None, "year", 78),
    ("2019 - ce jour", date(2019, 1, 1), None, "year", 78),
    ("2020 à ce jour", date(2020, 1, 1), None, "year", 66),
    ("2015 jusqu'à aujourd'hui", date(2015, 1, 1), None, "year", 126),
    ("juillet-août 2019", date(2019, 7, 1), date(2019, 8, 31), "month", 2),
    ("de juillet à septembre 2019", date(2019, 7, 1), date(2019, 9, 30), "month", 3),
    ("été 2019", date(2019, 7, 1), date(2019, 8, 31), "month", 2),
    ("2018-19", date(2018, 1, 1), date(2019, 12, 31), "year", 12),
]


@pytest.mark.parametrize(("line", "start", "end", "precision", "months"), FORMS)
def test_forms(line: str, start: date, end: date | None, precision: str, months: int) -> None:
    period = one(line)
    assert period.start_date == start
    assert period.end_date == end
    assert period.ongoing is (end is None)
    assert period.start_precision == precision
    assert period.months == months


def test_period_inside_a_job_line_cites_only_the_dates() -> None:
    line = "Assistante commerciale | CDI | Sept. 2018 - Mars 2021 | Lyon 75011"
    period = one(line)
    assert period.text == "Sept. 2018 - Mars 2021"
    assert (period.start_date, period.end_date) == (date(2018, 9, 1), date(2021, 3, 31))


def test_two_periods_on_one_line() -> None:
    periods = find_periods("2012 - 2014 puis 03/2016 - 06/2016", TODAY)
    assert [(p.start_date.year, p.months) for p in periods] == [(2012, 24), (2016, 4)]


@pytest.mark.parametrize(
    ("line", "months"),
    [
        # A year-only start is January; a year-only end after a year-only start counts the
        # years between ("three years"); after a start stated to the month, mid-year.
        ("2015 - 2018", 36),
        ("2018 - 2019", 12),
        ("2015 - 06/2018", 42),
        ("03/2015 - 2018", 40),
        ("depuis 2024", 18),
        ("2023 - aujourd'hui", 30),
        # ... unless that would end before the start: the end year then counts whole.
        ("2019 – 2019", 12),
        ("janvier 2019 - 2019", 6),  # Jan .. Jun 2019: the mid-year end is not before the start
        ("09/2018 - 2018", 4),
        # Month precision is inclusive of both months.
        ("03/2020 - 03/2020", 1),
        ("01/2020 - 12/2020", 12),
    ],
)
def test_month_counting_convention(line: str, months: int) -> None:
    assert one(line).months == months


def test_dates_are_the_literal_reading_with_precision() -> None:
    period = one("03/2015 - 2018")
    assert period.start_date == date(2015, 3, 1)
    assert period.end_date == date(2018, 12, 31)
    assert (period.start_precision, period.end_precision) == ("month", "year")


def test_ongoing_counts_up_to_today_inclusive() -> None:
    assert find_periods("depuis 06/2025", TODAY)[0].months == 1
    assert find_periods("depuis 2025", TODAY)[0].months == 6  # Jan..Jun: July is after today


def test_today_is_a_parameter() -> None:
    assert find_periods("depuis 2021", date(2022, 6, 1))[0].months == 18
    assert find_periods("depuis 2021", date(2023, 6, 1))[0].months == 30


@pytest.mark.parametrize(
    "line",
    [
        "2018",
        "Bac S 2012",
        "Tél : 06 12 34 56 78",
        "Tél. 01.45.20.19.18",
        "+33 6 12 34 56 78",
        "12 rue de la Paix, 75011 Paris",
        "Travail en 2x8 / 3x8",
        "Horaires : 3x8, 5x8",
        "13/2020 - 06/2022",
        "00/2020 - 06/2022",
        "1940 - 1945",
        "2018 - 2015",
        "2027 - 2028",
        "du 31/02/2020 au 30/06/2020",
        "de 1980 à 2000 salariés",
        "Budget de 2000 à 2500 €",
        "Office 2016 - 2019",
        "Windows 2000/2003",
        "Bac 2012 – BTS 2014",
        "Gestion des stocks et accueil clientèle",
        "2011-15",
    ],
)
def test_not_periods(line: str) -> None:
    assert find_periods(line, TODAY) == []


def test_end_may_be_next_year_but_not_later() -> None:
    assert one("2024 - 2026").end_date == date(2026, 12, 31)
    assert find_periods("2024 - 2027", TODAY) == []
    assert find_periods("2024 - 2027", TODAY, horizon_years=2)[0].end_date == date(2027, 12, 31)


def test_total_months_merges_overlaps_and_adjacent_periods() -> None:
    periods = [
        *find_periods("01/2019 - 12/2019", TODAY),
        *find_periods("06/2019 - 03/2020", TODAY),  # overlaps the first
        *find_periods("04/2020 - 06/2020", TODAY),  # adjacent to the second
        *find_periods("01/2022 - 12/2022", TODAY),  # separate
    ]
    assert [p.months for p in periods] == [12, 10, 3, 12]
    assert total_months(periods, TODAY) == 18 + 12


def test_total_months_stops_at_today() -> None:
    periods = find_periods("01/2025 - 12/2025", TODAY) + find_periods("depuis 2025", TODAY)
    assert total_months(periods, TODAY) == 6


def test_total_months_of_nothing() -> None:
    assert total_months([], TODAY) == 0


def test_total_months_same_period_twice() -> None:
    periods = find_periods("2015 - 2018", TODAY) * 2
    assert total_months(periods, TODAY) == 36


def test_long_line_is_fast() -> None:
    line = "Assistante commerciale | CDI | Sept. 2018 - Mars 2021 | Lyon 75011 - 06 12 34 56 78"
    started = time.perf_counter()
    for _ in range(1000):
        find_periods(line, TODAY)
    assert time.perf_counter() - started < 1.0  # well under 1 ms a line


# --- real layouts: abbreviations, durations, lone dates on job lines, seasons, wraps ---

NOW = date(2026, 11, 23)


def spans(line: str, job_line: bool = False) -> list[tuple[str, str | None, int]]:
    return [
        (p.start_date.isoformat()[:7], p.end_date.isoformat()[:7] if p.end_date else None,
         p.months)
        for p in find_periods(line, NOW, job_line=job_line)
    ]


def test_abbreviated_today() -> None:
    assert spans("10/2023 → auj. | Serveuse") == [("2023-10", None, 38)]
    assert spans("Mai 2021 - auj") == [("2021-05", None, 67)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # A duration clearly shorter than the dates is the time worked ...
        ("Oct. 2023 – juin 2024 · alternance, stages (12 semaines)", [("2023-10", "2024-06", 3)]),
        ("2017 - 2019 Préparation du CAP (stages : 16 semaines)", [("2017-01", "2019-12", 4)]),
        # ... one that roughly fills them leaves the calendar months.
        ("avril – mai 2024 (7 semaines) – Garage Martin", [("2024-04", "2024-05", 2)]),
        ("Juin – octobre 2025 (5 mois)", [("2025-06", "2025-10", 5)]),
        # Not a duration of the period: words around the number, or hours a week.
        ("2012–2020 Agent de quai (CDI après 3 ans en intérim)", [("2012-01", "2020-12", 96)]),
        ("03/2021 - 06/2021 Caissière (20 h/semaine)", [("2021-03", "2021-06", 4)]),
    ],
)
def test_stated_durations(line: str, expected: list) -> None:
    assert spans(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Mars 2025 (3 semaines) – Stage d'observation", [("2025-03", "2025-03", 1)]),
        ("• Novembre 2024 | Renfort inventaire", [("2024-11", "2024-11", 1)]),
        ("Mars 2020 (4 mois) – Vendeur en CDD", [("2020-03", "2020-06", 4)]),
        ("2009 · Manutentionnaire, Lidl", [("2009-01", "2009-12", 12)]),
        ("2010\tAgent de tri (CDD)", [("2010-01", "2010-12", 12)]),
        ("2010 (6 semaines) Stage de BEP", [("2010-01", "2010-12", 1)]),
        ("2022 : Stage de 3e (1 semaine)", [("2022-01", "2022-12", 1)]),
    ],
)
def test_a_lone_date_starting_a_job_line_dates_the_job(line: str, expected: list) -> None:
    assert spans(line, job_line=True) == expected
    assert spans(line) == []  # anywhere else a lone date is not a period


@pytest.mark.parametrize(
    "line",
    ["2019 Bac pro Commerce", "2018 – 2015 Vendeur", "2012 salariés formés", "2015/16/17"],
)
def test_lone_dates_that_are_not_jobs(line: str) -> None:
    assert [s for s in spans(line, job_line=True) if s[2] == 12 and s[1] is None] == []
    if line != "2019 Bac pro Commerce":  # a diploma line in a job list still reads as a year
        assert spans(line, job_line=True) == []


def test_a_season_repeated_over_years() -> None:
    assert spans("Juin – août 2021, 2022 et 2023 : saisonnier camping") == [
        ("2021-06", "2021-08", 3), ("2022-06", "2022-08", 3), ("2023-06", "2023-08", 3),
    ]
    assert spans("July–August 2019 and 2020") == [
        ("2019-07", "2019-08", 2), ("2020-07", "2020-08", 2),
    ]


def total(*lines: str) -> int:
    periods = [p for line in lines for p in find_periods(line, NOW, job_line=True)]
    return total_months(periods, NOW)


def test_a_year_only_end_meets_a_job_starting_later_that_year() -> None:
    # "2014 – 2019" then "mai 2019 – …": no gap in 2019 (Jan 2014 .. Nov 2026).
    assert total("mai 2019 – aujourd'hui", "2014 – 2019") == 155
    # Starting the next year, the year-only range stays its years: 2019 is not counted.
    assert total("janv. 2020 – aujourd'hui", "2014 – 2019") == 83 + 60
    assert total("2020 – aujourd'hui", "2014 – 2019") == 83 + 60
    # Shared years join: a chain of year-only ranges from January of its first year.
    assert total("depuis 2016", "2011 - 2016", "2004 - 2011") == 22 * 12 + 11


def test_a_shortened_period_is_not_stretched() -> None:
    assert total("sept. 2023 – 2024 (8 semaines de stage)", "oct. 2024 – aujourd'hui") == 2 + 26


def test_a_rate_is_not_a_duration() -> None:
    assert spans("09/2022 - 06/2023 Aide-cuisinier (3 jours par semaine)") == [
        ("2022-09", "2023-06", 10)
    ]


def lines_read(*lines: str) -> list[list[tuple[str, str | None, int, str]]]:
    from cvparse.engine.facts.periods import experience_periods

    return [
        [(p.start_date.isoformat()[:7], p.end_date.isoformat()[:7] if p.end_date else None,
          p.months, p.text) for p in found]
        for found in experience_periods(list(lines), NOW)
    ]


def test_a_range_wrapped_over_two_lines() -> None:
    # A date column merged with the title column: the end comes on the next line.
    assert lines_read(
        "sept. 2020 – Vendeuse, Boutique Marine, Vannes",
        "aujourd'hui   – conseil, encaissement",
    ) == [[("2020-09", None, 75, "sept. 2020 –")], []]
    assert lines_read("Cariste, Leroy Logistique, 2016 –", "2019") == [
        [("2016-01", "2019-12", 36, "2016 –")], []
    ]
    assert lines_read("Agent d'accueil, mars 2014", "– juin 2017") == [
        [("2014-03", "2017-06", 40, "mars 2014")], []
    ]


def test_two_jobs_dated_by_their_years_are_not_one_range() -> None:
    assert lines_read("2017 – Caissier", "2018 – Employé de rayon") == [
        [("2017-01", "2017-12", 12, "2017")], [("2018-01", "2018-12", 12, "2018")]
    ]


def test_volunteering_and_baby_sitting_are_not_work() -> None:
    assert lines_read("2019 – 2022 : bénévole aux Restos du cœur") == [[]]
    assert lines_read("2015 - 2017 Volunteer, Oxfam shop") == [[]]
    # A line of dates alone belongs to the title line beside it (after it, or before it when
    # the next line is a bullet).
    assert lines_read("Depuis mars 2023", "Baby-sitting (3 enfants)", "• sorties d'école") == [
        [], [], []
    ]
    assert lines_read("Garde d'enfants – baby-sitter", "2021 – 2023", "• devoirs, repas") == [
        [], [], []
    ]
    assert lines_read("Depuis mars 2023", "Aide à domicile – ADMR", "• courses") == [
        [("2023-03", None, 45, "Depuis mars 2023")], [], []
    ]
