from __future__ import annotations

import codecs

import pytest
from extract_helpers import assert_offsets

from cvparse.engine.extract import EmptyFileError, extract_document
from cvparse.engine.extract.text import decode_text

CV = "Marie Dupont\nExpérience professionnelle\n• Vendeuse à Lyon – été 2021\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (CV.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + CV.encode("utf-8"), "utf-8-sig"),
        (CV.encode("utf-16"), "utf-16"),  # with BOM
        (CV.encode("utf-16-be").join([codecs.BOM_UTF16_BE, b""]), "utf-16"),
        (CV.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings(data: bytes, encoding: str) -> None:
    text, used = decode_text(data)
    assert used == encoding
    assert text.lstrip("\ufeff") == CV


def test_cp1252_file_is_decoded() -> None:
    data = "Expérience : vendeuse, caissière – Œuvres sociales, 2 000 €\r\n".encode("cp1252")
    doc = extract_document(data, "cv.txt")
    assert doc.lines[0].text == "Expérience : vendeuse, caissière – Œuvres sociales, 2 000 €"
    assert doc.format == "txt"
    assert doc.warnings == ["decoded as cp1252"]


def test_form_feed_is_a_page_break_and_offsets_hold() -> None:
    data = b"Page un\nligne deux\n\fPage deux\n\n\nfin"
    doc = extract_document(data, "cv.txt")
    assert_offsets(doc)
    assert [[line.text for line in p.lines] for p in doc.pages] == [
        ["Page un", "ligne deux"],
        ["Page deux", "fin"],
    ]
    assert doc.lines[2].page == 2


def test_text_is_normalised() -> None:
    data = (
        "ﬁnance\u00a0et\u00adcompta\n"
        "- Accueil\n"
        "* Caisse\n"
        "➢ Stock\n"
        "Vendeuse\t\t2019 – 2021\n"
        "Vendeuse     2017\n"
        "-5 % de démarque\n"
    ).encode()
    doc = extract_document(data, "cv.txt")
    assert [line.text for line in doc.lines] == [
        "finance etcompta",
        "• Accueil",
        "• Caisse",
        "• Stock",
        "Vendeuse\t2019 – 2021",
        "Vendeuse\t2017",
        "-5 % de démarque",
    ]


def test_only_invisible_characters_is_empty() -> None:
    with pytest.raises(EmptyFileError):
        extract_document("\u200b\u00a0\n\u00ad\n".encode(), "cv.txt")
