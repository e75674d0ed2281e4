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
    ("depuis 2021", date(2021, 1, 1), None, "year", 48),
    ("since 2021", date(2021, 1, 1), None, "year", 48),
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
    ("2019 – en cours", date(2019, 1, 1), None, "year", 72),
    ("2019 - ce jour", date(2019, 1, 1), None, "year", 72),
    ("2020 à ce jour", date(2020, 1, 1), None, "year", 60),
    ("2015 jusqu'à aujourd'hui", date(2015, 1, 1), None, "year", 120),
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
        # Year-only endpoints are estimated at mid-year: start in July, end in June.
        ("2015 - 2018", 36),
        ("2018 - 2019", 12),
        ("2015 - 06/2018", 36),
        ("03/2015 - 2018", 40),
        # ... unless that would end before the start: the year then counts whole.
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
    assert find_periods("depuis 2021", date(2022, 6, 1))[0].months == 12
    assert find_periods("depuis 2021", date(2023, 6, 1))[0].months == 24


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
