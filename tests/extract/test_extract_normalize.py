from __future__ import annotations

import unicodedata

import pytest

from cvparse.engine.extract.normalize import normalize_inline, normalize_line


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ﬁ ﬂ ﬀ ﬃ ﬄ", "fi fl ff ffi ffl"),
        ("dé\u00adve\u00adlop\u00adpe\u00adment", "développement"),
        ("a\u00a0b\u2009c\u202fd\u2007e\u3000f", "a b c d e f"),
        ("zéro\u200bwidth\u200d\ufeff", "zérowidth"),
        (unicodedata.normalize("NFD", "Expérience"), "Expérience"),
        ("ctrl\x02\x03chars", "ctrlchars"),
    ],
)
def test_normalize_inline(raw: str, expected: str) -> None:
    assert normalize_inline(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("• Vente", "• Vente"),
        ("●Vente", "• Vente"),
        ("  ▪   Vente", "• Vente"),
        ("■ Vente", "• Vente"),
        ("◦ Vente", "• Vente"),
        ("➢ Vente", "• Vente"),
        ("► Vente", "• Vente"),
        ("\uf0b7 Vente", "• Vente"),  # Word's Symbol-font bullet
        ("\uf0a7\tVente", "• Vente"),
        ("– Vente", "• Vente"),
        ("— Vente", "• Vente"),
        ("- Vente", "• Vente"),
        ("* Vente", "• Vente"),
        ("· Vente", "• Vente"),
        ("• • Vente", "• Vente"),
        ("•", ""),
        ("-5 % de démarque", "-5 % de démarque"),
        ("Excel • Word • PowerPoint", "Excel • Word • PowerPoint"),
        ("Vendeuse\t\t 2019", "Vendeuse\t2019"),
        ("Vendeuse     2019", "Vendeuse\t2019"),
        ("deux  espaces", "deux espaces"),
        ("  ", ""),
    ],
)
def test_normalize_line(raw: str, expected: str) -> None:
    assert normalize_line(raw) == expected
