"""What people type or send is cleaned of invisible characters (issue #18, point 8): the one
function behind file names, labels and comments, and the dates' upper bound."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cvparse.service.review.decide import latest
from cvparse.service.store.files import MAX_FILENAME, clean_filename
from cvparse.service.text_input import INVISIBLE_CATEGORIES, clean_text

BIDI = ["\u061c", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
        "\u2066", "\u2067", "\u2068", "\u2069"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
CONTROLS = ["\x00", "\x07", "\x1b", "\x7f", "\x80", "\x9b", "\ud800"]  # C0, DEL, C1, surrogate


def _invisible(text: str, keep: str = "") -> list[str]:
    return [c for c in text if c not in keep and unicodedata.category(c) in INVISIBLE_CATEGORIES]


@pytest.mark.parametrize("char", BIDI + ZERO_WIDTH + CONTROLS)
def test_every_invisible_character_is_removed(char: str) -> None:
    assert clean_text(f"Soud{char}eur {char}TIG") == "Soudeur TIG"
    assert clean_filename(f"cv{char}.pdf") == "cv.pdf"


def test_an_override_no_longer_disguises_an_extension() -> None:
    assert clean_filename("cv\u202egnp.txt") == "cvgnp.txt"
    assert clean_filename("Facture\u202efdp.exe") == "Facturefdp.exe"


@pytest.mark.parametrize(("raw", "clean"), [
    ("Bac\tpro", "Bac pro"),  # a whitespace control is a space, not nothing
    ("  BTS   MUC \n", "BTS MUC"),
    ("CAP\u2028cuisine", "CAP cuisine"),
    ("Bac\u00a0pro", "Bac pro"),  # a no-break space is a space
    ("Ingénieur·e", "Ingénieur·e"),  # visible punctuation is kept
    ("Diplo\u0302me", "Diplôme"),  # NFC: the same visible text is the same string
    ("مهندس", "مهندس"),  # right-to-left text is text; only the controls go
])
def test_one_line_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_a_comment_keeps_its_lines() -> None:
    raw = " Vu avec\u202e elle.\r\nÀ revoir :\u2028\n\n\n  le\tCACES\u200b R489 \n"
    assert clean_text(raw, multiline=True) == "Vu avec elle.\nÀ revoir :\n\nle CACES R489"


def test_a_name_with_nothing_left_is_cv() -> None:
    assert clean_filename("\u202e\u200b") == "cv"
    assert clean_filename("\u202e\u200b.docx") == "cv.docx"
    assert clean_filename("\u2066 .pdf") == "cv.pdf"


@given(st.text(max_size=300))
def test_any_name_comes_out_visible_bounded_and_stable(raw: str) -> None:
    clean = clean_filename(raw)
    assert clean and len(clean) <= MAX_FILENAME
    assert _invisible(clean) == [] and not set(clean) & set('/\\:*?"<>|')
    assert clean_filename(clean) == clean


@given(st.text(max_size=300), st.booleans())
def test_any_text_comes_out_visible_and_stable(raw: str, multiline: bool) -> None:
    clean = clean_text(raw, multiline=multiline)
    assert _invisible(clean, keep="\n" if multiline else "") == []
    assert clean == clean.strip() and clean_text(clean, multiline=multiline) == clean


@pytest.mark.parametrize(("today", "last"), [
    (date(2026, 12, 2), date(2027, 12, 2)),
    (date(2028, 2, 29), date(2029, 2, 28)),  # no 29 February the year after
])
def test_the_latest_date_is_a_year_from_today(today: date, last: date) -> None:
    assert latest(today) == last
