from __future__ import annotations

import io

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from extract_helpers import assert_offsets, png_bytes, rewrite_zip

from cvparse.engine.extract import (
    CorruptFileError,
    EmptyFileError,
    UnsafeFileError,
    UnsupportedFormatError,
    extract_document,
)

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _save(document: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _cv() -> bytes:
    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "Marie Dupont – 06 12 34 56 78"
    section.footer.paragraphs[0].text = "CV mis à jour en 2024"

    d.add_heading("Expérience", level=1)
    d.add_paragraph("Vendeuse\t2019 – 2021")
    d.add_paragraph("Accueil des clients", style="List Bullet")
    p = d.add_paragraph("Première ligne")
    p.add_run().add_break()
    p.add_run("seconde ligne après un retour")

    table = d.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = "Compétences"
    left.add_paragraph("Excel")
    left.add_paragraph("Caisse")
    right.paragraphs[0].text = "Vendeuse chez Dupont"
    nested = right.add_table(rows=1, cols=2)
    nested.rows[0].cells[0].paragraphs[0].text = "Lyon"
    nested.rows[0].cells[1].paragraphs[0].text = "2019"
    right.add_paragraph("Caissière chez Martin")

    d.add_paragraph("Formation")
    d.add_paragraph().add_run().add_picture(io.BytesIO(png_bytes(60, 80)))
    brk = d.add_paragraph()
    brk.add_run().add_break(WD_BREAK.PAGE)
    d.add_paragraph("Loisirs : randonnée")
    return _save(d)


def test_document_order_tables_header_footer() -> None:
    doc = extract_document(_cv(), "cv.docx")
    assert_offsets(doc)
    assert doc.format == "docx"
    assert [line.text for line in doc.lines] == [
        "Marie Dupont – 06 12 34 56 78",
        "Expérience",
        "Vendeuse\t2019 – 2021",
        "• Accueil des clients",
        "Première ligne",
        "seconde ligne après un retour",
        "Compétences",
        "Excel",
        "Caisse",
        "Vendeuse chez Dupont",
        "Lyon",
        "2019",
        "Caissière chez Martin",
        "Formation",
        "Loisirs : randonnée",
        "CV mis à jour en 2024",
    ]
    by_text = {line.text: line for line in doc.lines}
    assert by_text["Compétences"].column == 1
    assert by_text["Vendeuse chez Dupont"].column == 2
    assert by_text["Lyon"].column == 2  # a nested table stays in its outer cell's column
    assert by_text["Formation"].column == 0
    assert by_text["Expérience"].bold  # bold by the Heading 1 style, not by the run
    assert by_text["Expérience"].size is not None and by_text["Expérience"].size > 12
    assert not by_text["Formation"].bold


def test_page_break_starts_a_new_page() -> None:
    doc = extract_document(_cv(), "cv.docx")
    assert len(doc.pages) == 2
    assert [line.text for line in doc.pages[1].lines] == [
        "Loisirs : randonnée",
        "CV mis à jour en 2024",
    ]
    assert doc.pages[1].lines[0].page == 2


def test_images_are_counted() -> None:
    assert extract_document(_cv(), "cv.docx").images == 1


def test_text_boxes_content_controls_and_revisions() -> None:
    d = docx.Document()
    d.add_paragraph("Avant")
    body = d.element.body
    sect = body[-1]
    box = (
        f"<w:p {NS}><w:r><mc:AlternateContent>"
        "<mc:Choice Requires='wps'><w:drawing><w:txbxContent>"
        "<w:p><w:r><w:t>Texte dans une zone de texte</w:t></w:r></w:p>"
        "</w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
        "<w:p><w:r><w:t>Texte dans une zone de texte</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r><w:r><w:t>Ancre</w:t></w:r></w:p>"
    )
    sdt = (
        f"<w:sdt {NS}><w:sdtPr/><w:sdtContent>"
        "<w:p><w:r><w:t>Dans un contrôle de contenu</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    revisions = (
        f"<w:p {NS}><w:r><w:t xml:space='preserve'>Poste </w:t></w:r>"
        "<w:del><w:r><w:delText>supprimé</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>inséré</w:t></w:r></w:ins>"
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
        "<w:r><w:instrText> PAGE </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r>"
        "<w:r><w:t xml:space='preserve'> 1</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>"
    )
    for xml in (box, sdt, revisions):
        sect.addprevious(parse_xml(xml))
    doc = extract_document(_save(d), "cv.docx")
    assert_offsets(doc)
    assert [line.text for line in doc.lines] == [
        "Avant",
        "Ancre",
        "Texte dans une zone de texte",
        "Dans un contrôle de contenu",
        "Poste inséré 1",
    ]


def test_first_page_header_is_used_when_the_section_has_one() -> None:
    d = docx.Document()
    section = d.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Coordonnées (première page)"
    section.header.paragraphs[0].text = "En-tête des pages suivantes"
    d.add_paragraph("Corps")
    doc = extract_document(_save(d), "cv.docx")
    assert [line.text for line in doc.lines] == ["Coordonnées (première page)", "Corps"]


def test_macro_enabled_is_refused() -> None:
    data = rewrite_zip(_cv(), lambda e: e.__setitem__("word/vbaProject.bin", b"\x00" * 100))
    with pytest.raises(UnsupportedFormatError) as info:
        extract_document(data, "cv.docx")
    assert "macros" in info.value.message


def test_zip_bomb_ratio_is_refused() -> None:
    data = rewrite_zip(_cv(), lambda e: e.__setitem__("word/media/big.bin", b"\x00" * 3_000_000))
    with pytest.raises(UnsafeFileError) as info:
        extract_document(data, "cv.docx")
    assert info.value.code == "unsafe_file"
    assert isinstance(info.value, CorruptFileError)
    assert "ZIP bomb" in info.value.message


def test_zip_bomb_total_size_is_refused() -> None:
    # many parts, each under the ratio test's size floor, adding up to more than 50 MB
    def add(entries: dict[str, bytes]) -> None:
        for i in range(60):
            entries[f"word/media/part{i}.bin"] = (
                bytes(range(256)) * 4000
            )  # ~1 MB, incompressible-ish

    with pytest.raises(UnsafeFileError) as info:
        extract_document(rewrite_zip(_cv(), add), "cv.docx")
    assert "50 MB" in info.value.message


def test_doctype_is_refused() -> None:
    def add_dtd(entries: dict[str, bytes]) -> None:
        xml = entries["word/document.xml"]
        head, rest = xml.split(b"?>", 1)
        entries["word/document.xml"] = (
            head + b'?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + rest
        )

    with pytest.raises(UnsafeFileError) as info:
        extract_document(rewrite_zip(_cv(), add_dtd), "cv.docx")
    assert "DTD" in info.value.message


def test_broken_xml_is_corrupt() -> None:
    data = rewrite_zip(_cv(), lambda e: e.__setitem__("word/document.xml", b"<w:document><oops"))
    with pytest.raises(CorruptFileError) as info:
        extract_document(data, "cv.docx")
    assert info.value.code == "corrupt_file"


def test_docx_without_text_is_empty() -> None:
    with pytest.raises(EmptyFileError):
        extract_document(_save(docx.Document()), "cv.docx")


def test_scan_pasted_into_word_needs_ocr() -> None:
    d = docx.Document()
    d.add_paragraph().add_run().add_picture(io.BytesIO(png_bytes(400, 560)))
    doc = extract_document(_save(d), "cv.docx")
    assert doc.status == "needs_ocr"
    assert doc.images == 1
    assert any("OCR" in w for w in doc.warnings)


def test_word_template_is_read() -> None:
    def as_template(entries: dict[str, bytes]) -> None:
        entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
            b"document.main+xml", b"template.main+xml"
        )

    data = rewrite_zip(_cv(), as_template)
    doc = extract_document(data, "modele.dotx")
    assert doc.lines[1].text == "Expérience"
