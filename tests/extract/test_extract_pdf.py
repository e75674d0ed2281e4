from __future__ import annotations

import pytest
from extract_helpers import (
    MAIN,
    SIDEBAR,
    assert_offsets,
    new_pdf,
    pdf_bytes,
    png_bytes,
    put,
    raw_pdf,
    two_column_pdf,
)
from fpdf import FPDF

from cvparse.engine.extract import (
    CorruptFileError,
    EncryptedFileError,
    extract_document,
)
from cvparse.engine.extract import pdf as pdf_module


def _texts(doc) -> list[str]:
    return [line.text for line in doc.lines]


@pytest.mark.parametrize(
    ("sidebar_step", "main_step", "sidebar_right"),
    [
        (15, 15, False),  # same line grid: every sidebar line shares its y with a main line
        (17, 13, False),  # different grids
        (15, 15, True),  # sidebar on the right
    ],
)
def test_two_columns_read_as_two_blocks(
    sidebar_step: float, main_step: float, sidebar_right: bool
) -> None:
    doc = extract_document(two_column_pdf(sidebar_step, main_step, sidebar_right), "cv.pdf")
    assert_offsets(doc)
    texts = _texts(doc)
    assert texts[0] == "Marie DUPONT – Vendeuse conseil en prêt-à-porter"
    assert doc.lines[0].column == 0

    sidebar_at = [texts.index(t) for t in SIDEBAR]
    main_at = [texts.index(t) for t in MAIN]
    # each column is contiguous and in its own order: never interleaved line by line
    assert sidebar_at == list(range(sidebar_at[0], sidebar_at[0] + len(SIDEBAR)))
    assert main_at == list(range(main_at[0], main_at[0] + len(MAIN)))
    first, second = (main_at, sidebar_at) if sidebar_right else (sidebar_at, main_at)
    assert first[-1] < second[0]  # left column first, then right column

    side_cols = {doc.lines[i].column for i in sidebar_at}
    main_cols = {doc.lines[i].column for i in main_at}
    assert side_cols == ({2} if sidebar_right else {1})
    assert main_cols == ({1} if sidebar_right else {2})


def test_header_band_is_full_width_and_first() -> None:
    doc = extract_document(two_column_pdf(), "cv.pdf")
    header = doc.lines[0]
    assert header.bold and header.size == pytest.approx(18, abs=0.5)
    assert header.bbox is not None and header.bbox[1] < 60
    assert doc.lines[1].text.startswith("12 rue des Lilas")
    assert doc.lines[1].column == 0


def test_single_column_with_tab_gaps_is_not_split() -> None:
    jobs = [
        ("Vendeuse", "2019 – 2021", ["• Accueil des clients", "• Encaissement"]),
        ("Caissière", "2017 – 2019", ["• Tenue de caisse", "• Inventaires", "• Retours"]),
        ("Serveuse", "2015 – 2017", ["• Service en salle", "• Préparation"]),
        ("Hôtesse d'accueil", "2013 – 2015", ["• Standard", "• Courrier"]),
    ]

    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        put(pdf, 40, 40, "Expérience", 14, bold=True)
        y = 70.0
        for title, dates, bullets in jobs:
            put(pdf, 40, y, title, bold=True)
            put(pdf, 470, y, dates)
            y += 15
            for bullet in bullets:
                put(pdf, 52, y, bullet)
                y += 15

    doc = extract_document(pdf_bytes(draw), "cv.pdf")
    assert_offsets(doc)
    texts = _texts(doc)
    assert "Vendeuse\t2019 – 2021" in texts
    assert "Hôtesse d'accueil\t2013 – 2015" in texts
    assert texts.index("Vendeuse\t2019 – 2021") < texts.index("• Accueil des clients")
    assert texts.index("• Accueil des clients") < texts.index("Caissière\t2017 – 2019")
    assert {line.column for line in doc.lines} == {0}


def test_date_column_stays_with_its_entries() -> None:
    """A French CV's left date column is not a sidebar: dates stay beside their jobs."""
    entries = [
        ("2019 – 2021", "Vendeuse conseil, Boutique Dupont", 3),
        ("2017 – 2019", "Caissière, Supermarché Martin", 2),
        ("2015 – 2017", "Serveuse, Restaurant Le Midi", 3),
        ("2013 – 2015", "Hôtesse d'accueil, Salon Lumière", 2),
    ]

    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        y = 60.0
        for dates, title, n_desc in entries:
            put(pdf, 40, y, dates)
            put(pdf, 150, y, title, bold=True)
            for k in range(n_desc):
                y += 14
                put(pdf, 150, y, f"Tâche numéro {k + 1} réalisée pour ce poste avec soin")
            y += 24

    doc = extract_document(pdf_bytes(draw), "cv.pdf")
    texts = _texts(doc)
    assert "2019 – 2021\tVendeuse conseil, Boutique Dupont" in texts
    assert "2013 – 2015\tHôtesse d'accueil, Salon Lumière" in texts
    assert {line.column for line in doc.lines} == {0}


def test_characters_are_normalised() -> None:
    lines = [
        "ﬁnance et eﬀectifs, souﬄé",
        "mot\u00adcoupé",
        "12\u00a0000\u202f€",
        "zéro\u200blargeur",
        "● Vente",
        "▪ Stock",
        "– Caisse",
        "➢ Inventaire",
    ]

    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        for i, text in enumerate(lines):
            put(pdf, 40, 40 + 16 * i, text)

    doc = extract_document(pdf_bytes(draw), "cv.pdf")
    assert _texts(doc) == [
        "finance et effectifs, soufflé",
        "motcoupé",
        "12 000 €",
        "zérolargeur",
        "• Vente",
        "• Stock",
        "• Caisse",
        "• Inventaire",
    ]


def test_hyphenation_at_line_end_is_kept() -> None:
    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        put(pdf, 40, 40, "Participation au dévelop-")
        put(pdf, 40, 54, "pement commercial")

    doc = extract_document(pdf_bytes(draw), "cv.pdf")
    assert _texts(doc) == ["Participation au dévelop-", "pement commercial"]


def test_scanned_pdf_needs_ocr() -> None:
    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        pdf.image(png_bytes(), x=20, y=20, w=500)

    doc = extract_document(pdf_bytes(draw), "scan.pdf")
    assert doc.status == "needs_ocr"
    assert doc.lines == []
    assert doc.images == 1
    assert any("page 1" in w and "OCR" in w for w in doc.warnings)


def test_partly_scanned_pdf_is_ok_with_warning() -> None:
    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        put(pdf, 40, 40, "Marie Dupont, vendeuse conseil à Lyon")
        pdf.add_page()
        pdf.image(png_bytes(), x=20, y=20, w=500)

    doc = extract_document(pdf_bytes(draw), "cv.pdf")
    assert doc.status == "ok"
    assert len(doc.pages) == 2 and doc.pages[1].lines == []
    assert any("page 2" in w for w in doc.warnings)
    assert_offsets(doc)


def test_photo_is_counted_not_kept() -> None:
    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        pdf.image(png_bytes(90, 120), x=450, y=30, w=90)
        pdf.image(png_bytes(12, 12), x=40, y=300, w=10)  # an icon: not a picture
        put(pdf, 40, 40, "Marie Dupont, vendeuse conseil à Lyon")

    doc = extract_document(pdf_bytes(draw), "cv.pdf")
    assert doc.images == 1
    assert _texts(doc) == ["Marie Dupont, vendeuse conseil à Lyon"]


def test_encrypted_pdf() -> None:
    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        put(pdf, 40, 40, "Confidentiel")
        pdf.set_encryption(owner_password="owner", user_password="secret")

    with pytest.raises(EncryptedFileError) as info:
        extract_document(pdf_bytes(draw), "cv.pdf")
    assert info.value.code == "encrypted"
    assert "password" in info.value.message and "cv.pdf" in info.value.message


def test_owner_password_only_is_readable() -> None:
    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        put(pdf, 40, 40, "Lecture autorisée")
        pdf.set_encryption(owner_password="owner")

    assert _texts(extract_document(pdf_bytes(draw), "cv.pdf")) == ["Lecture autorisée"]


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_truncated_pdf_is_corrupt(keep: float) -> None:
    data = two_column_pdf()
    with pytest.raises(CorruptFileError) as info:
        extract_document(data[: int(len(data) * keep)], "cv.pdf")
    assert info.value.code == "corrupt_file"
    assert "damaged" in info.value.message


def test_ruled_table_is_read_row_by_row_with_pdfplumber() -> None:
    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        put(pdf, 40, 40, "Parcours professionnel", 14, bold=True)
        pdf.set_font("dv", "", 10)
        pdf.set_xy(40, 70)
        with pdf.table(col_widths=(80, 200, 200), width=480, first_row_as_headings=False) as t:
            for row in (
                ("2019 – 2021", "Vendeuse conseil", "Boutique Dupont, Lyon"),
                ("2017 – 2019", "Caissière", "Supermarché Martin"),
                ("2015 – 2017", "Serveuse", "Restaurant Le Midi"),
            ):
                cells = t.row()
                for text in row:
                    cells.cell(text)
        put(pdf, 40, 300, "Langues : anglais B2")

    doc = extract_document(pdf_bytes(draw), "cv.pdf")
    assert_offsets(doc)
    assert _texts(doc) == [
        "Parcours professionnel",
        "2019 – 2021",
        "Vendeuse conseil",
        "Boutique Dupont, Lyon",
        "2017 – 2019",
        "Caissière",
        "Supermarché Martin",
        "2015 – 2017",
        "Serveuse",
        "Restaurant Le Midi",
        "Langues : anglais B2",
    ]
    assert [line.column for line in doc.lines[1:4]] == [1, 2, 3]
    assert any("table" in w for w in doc.warnings)


def test_page_pdfium_cannot_read_falls_back_to_pdfplumber(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*_args: object) -> None:
        raise pdf_module.pdfium.PdfiumError("simulated failure")

    monkeypatch.setattr(pdf_module, "_pdfium_words", broken)
    doc = extract_document(two_column_pdf(), "cv.pdf")
    assert_offsets(doc)
    texts = _texts(doc)
    assert texts[0] == "Marie DUPONT – Vendeuse conseil en prêt-à-porter"
    sidebar_at = [texts.index(t) for t in SIDEBAR]
    assert sidebar_at == list(range(sidebar_at[0], sidebar_at[0] + len(SIDEBAR)))
    assert any("pdfplumber" in w for w in doc.warnings)


def test_multi_page_offsets_and_page_numbers() -> None:
    def draw(pdf: FPDF) -> None:
        for page in range(3):
            pdf.add_page()
            for i in range(5):
                put(pdf, 40, 40 + 15 * i, f"Page {page + 1}, ligne {i + 1} du curriculum")

    doc = extract_document(pdf_bytes(draw), "cv.pdf")
    assert_offsets(doc)
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert doc.pages[2].lines[0].page == 3
    assert doc.pages[0].width == pytest.approx(595.28, abs=0.1)
    assert doc.format == "pdf"


def test_non_bmp_characters_keep_offsets_right() -> None:
    """PDFium gives a non-BMP character (emoji icons in CVs) two char slots: words after it
    must keep their own boxes and text. U+10300 stands in for an emoji: DejaVu has a glyph."""
    pdf = new_pdf()
    pdf.add_page()
    put(pdf, 40, 40, "Téléphone \U00010300 06 12 34 56 78")
    put(pdf, 40, 60, "Courriel : marie.dupont@example.org")
    doc = extract_document(bytes(pdf.output()), "cv.pdf")
    assert_offsets(doc)
    assert _texts(doc) == [
        "Téléphone \U00010300 06 12 34 56 78",
        "Courriel : marie.dupont@example.org",
    ]


def test_unmapped_glyphs_count_as_no_text_layer() -> None:
    """Fonts without a ToUnicode map give glyph ids, not text: treat the page as a scan."""

    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        put(pdf, 40, 40, "Marie Dupont, vendeuse conseil à Lyon depuis 2015")

    # same-length rename keeps the xref offsets valid
    data = pdf_bytes(draw).replace(b"/ToUnicode", b"/ToUnicodX")
    doc = extract_document(data, "cv.pdf")
    assert doc.status == "needs_ocr"
    assert doc.lines == []
    assert any("unreadable" in w for w in doc.warnings)


def test_page_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    def draw(pdf: FPDF) -> None:
        for page in range(3):
            pdf.add_page()
            put(pdf, 40, 40, f"Page {page + 1} du curriculum vitae")

    monkeypatch.setattr(pdf_module, "MAX_PAGES", 2)
    doc = extract_document(pdf_bytes(draw), "cv.pdf")
    assert len(doc.pages) == 2
    assert any("first 2 of 3 pages" in w for w in doc.warnings)


def test_font_size_from_the_text_matrix() -> None:
    """cairo and others write "1 Tf" and scale with Tm: sizes and gaps must use the real size."""
    content = b"\n".join(
        [
            b"BT /F1 1 Tf 11 0 0 11 40 800 Tm (Vendeuse conseil en boutique) Tj ET",
            b"BT /F1 1 Tf 11 0 0 11 40 785 Tm (Caissiere) Tj 40 0 Td (2019 - 2021) Tj ET",
        ]
    )
    doc = extract_document(raw_pdf(content), "cv.pdf")
    assert _texts(doc) == ["Vendeuse conseil en boutique", "Caissiere\t2019 - 2021"]
    assert doc.lines[0].size == pytest.approx(11)


def test_columns_written_row_by_row_in_the_content_stream() -> None:
    """Generators that draw the sidebar and main lines alternately make PDFium's own text
    interleave them ("Competence0 Experience ligne 0 …"); reading order must not."""
    rows = [b"BT /F1 16 Tf 40 810 Td (Marie Dupont vendeuse conseil a Lyon depuis 2015) Tj ET"]
    for i in range(14):
        left = b"Competence %d" % i if i < 9 else b""
        rows.append(
            b"BT /F1 10 Tf 40 %d Td (%s) Tj 160 0 Td (Experience ligne %d du poste) Tj ET"
            % (780 - 14 * i, left, i)
        )
    doc = extract_document(raw_pdf(b"\n".join(rows)), "cv.pdf")
    texts = _texts(doc)
    assert texts[1:10] == [f"Competence {i}" for i in range(9)]
    assert texts[10:] == [f"Experience ligne {i} du poste" for i in range(14)]
    assert [line.column for line in doc.lines] == [0] + [1] * 9 + [2] * 14
