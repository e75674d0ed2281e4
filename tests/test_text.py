"""The text folds: what each guarantees, and where they differ (why there is more than one)."""

from __future__ import annotations

from cvparse.engine.text import (
    comparison_key,
    fold_label_word,
    fold_per_char,
    fold_same_length,
    strip_accents,
    unaccent_lower,
)


def test_strip_accents_keeps_case() -> None:
    assert strip_accents("Infirmière Électricien") == "Infirmiere Electricien"
    assert strip_accents("Cafe\u0301") == "Cafe"  # already decomposed: shorter than the input


def test_unaccent_lower_lowers_then_strips() -> None:
    assert unaccent_lower("ÉLECTRICIEN Agent d’Accueil") == "electricien agent d’accueil"
    assert unaccent_lower("\u0130stanbul") == "istanbul"  # "İ" lowers to i + dot, dot dropped


def test_fold_same_length_never_moves_a_span() -> None:
    assert fold_same_length("Née le 3 mai") == "nee le 3 mai"
    text = "Cafe\u0301 Dupont"  # folding would drop a character: only lower-cased
    assert fold_same_length(text) == "cafe\u0301 dupont"
    assert len(fold_same_length(text)) == len(text)


def test_fold_per_char_unifies_typography_and_keeps_offsets() -> None:
    line = "Févr.\u00a02019 – aujourd’hui\tCACES"
    folded = fold_per_char(line)
    assert folded == "fevr. 2019 - aujourd'hui caces"
    assert len(folded) == len(line)
    # Unlike fold_same_length, the rest of the line still folds around a mark it cannot drop.
    assert fold_per_char("Été e\u0301") == "ete e\u0301"
    assert fold_same_length("Été e\u0301") == "été e\u0301"


def test_fold_label_word_folds_french_accents_and_trims_punctuation() -> None:
    assert fold_label_word("Infirmière,") == "infirmiere"
    assert fold_label_word("(Aide-soignante)") == "aide-soignante"
    assert fold_label_word("l’Hôtesse") == "l'hotesse"
    assert fold_label_word("Ōkubo") == "ōkubo"  # outside the table: kept, unlike strip_accents


def test_comparison_key_ignores_case_accents_and_separators() -> None:
    assert comparison_key("Aide-Soignant") == comparison_key("aide  soignant") == "aide soignant"
    assert comparison_key("Mise en rayon ") == comparison_key("mise-en-rayon")
    assert comparison_key("d’Accueil") == "d accueil"
    assert comparison_key("\ufb01che Straße") == "fiche strasse"  # ligature and ß unified
