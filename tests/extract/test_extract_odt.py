"""ODT backend: every fixture is an OpenDocument package written here with zipfile, so each test
shows the exact XML LibreOffice would have written for the case it covers."""

from __future__ import annotations

import io
import zipfile

import pytest
from extract_helpers import assert_offsets, png_bytes

from cvparse.engine.extract import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    UnsafeFileError,
    UnsupportedFormatError,
    WrongExtensionError,
    extract_document,
    registered_formats,
    sniff,
)
from cvparse.engine.extract.odt import OdtBackend
from cvparse.engine.extract.sniff import resolve_format

ODT = "application/vnd.oasis.opendocument.text"
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="{media}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    "{extra}</manifest:manifest>"
)

# Common styles as LibreOffice writes them: sizes through parents and percentages, a bullet
# list style and a numbered one, and a master page with a header and a footer.
COMMON_STYLES = """
<style:default-style style:family="paragraph">
  <style:text-properties fo:font-size="12pt"/>
</style:default-style>
<style:style style:name="Standard" style:family="paragraph"/>
<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties fo:font-size="14pt"/>
</style:style>
<style:style style:name="Heading_20_1" style:family="paragraph"
    style:parent-style-name="Heading">
  <style:text-properties fo:font-size="130%" fo:font-weight="bold"/>
</style:style>
<style:style style:name="Strong_20_Emphasis" style:family="text">
  <style:text-properties fo:font-weight="bold"/>
</style:style>
<text:list-style style:name="Puces">
  <text:list-level-style-bullet text:level="1" text:bullet-char="•"/>
  <text:list-level-style-bullet text:level="2" text:bullet-char="◦"/>
</text:list-style>
<text:list-style style:name="Numeros">
  <text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>
</text:list-style>
"""
HEADER_FOOTER = """
<style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:header><text:p text:style-name="MP1">Marie Dupont – 06 12 34 56 78</text:p></style:header>
  <style:footer><text:p>CV mis à jour en 2024</text:p></style:footer>
</style:master-page>
"""


def _styles_xml(common: str = COMMON_STYLES, masters: str = HEADER_FOOTER, auto: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NS} office:version="1.3">'
        f"<office:styles>{common}</office:styles>"
        f"<office:automatic-styles>{auto}</office:automatic-styles>"
        f"<office:master-styles>{masters}</office:master-styles></office:document-styles>"
    )


def _content_xml(body: str, auto: str = "", office_body: str | None = None) -> str:
    inner = office_body if office_body is not None else f"<office:text>{body}</office:text>"
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS} '
        f'office:version="1.3"><office:automatic-styles>{auto}</office:automatic-styles>'
        f"<office:body>{inner}</office:body></office:document-content>"
    )


def _package(entries: dict[str, bytes | str], mimetype: str | None = ODT) -> bytes:
    """An ODF package: the mimetype entry first and stored, as the spec asks."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        if mimetype is not None:
            zf.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _odt(
    body: str,
    *,
    auto: str = "",
    styles: str | None = None,
    extra: dict[str, bytes | str] | None = None,
    manifest_extra: str = "",
    mimetype: str | None = ODT,
    office_body: str | None = None,
) -> bytes:
    media = mimetype or ODT
    entries: dict[str, bytes | str] = {
        "content.xml": _content_xml(body, auto, office_body),
        "styles.xml": _styles_xml() if styles is None else styles,
        "META-INF/manifest.xml": MANIFEST.format(media=media, extra=manifest_extra),
    }
    entries.update(extra or {})
    return _package(entries, mimetype)


def _texts(data: bytes, name: str = "cv.odt") -> list[str]:
    doc = extract_document(data, name)
    assert_offsets(doc)
    return [line.text for line in doc.lines]


CV_AUTO = """
<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard"
    style:master-page-name="Standard"/>
<style:style style:name="T1" style:family="text">
  <style:text-properties fo:font-weight="bold" fo:font-size="16pt"/>
</style:style>
"""
CV_BODY = """
<text:sequence-decls><text:sequence-decl text:name="Figure"/></text:sequence-decls>
<text:p text:style-name="P1"><text:span text:style-name="T1">Marie Dupont</text:span></text:p>
<text:h text:style-name="Heading_20_1" text:outline-level="1">Expérience</text:h>
<text:p>Vendeuse<text:tab/>2019 – 2021</text:p>
<text:list text:style-name="Puces">
  <text:list-item><text:p>Accueil des clients</text:p></text:list-item>
  <text:list-item>
    <text:p>Encaissement</text:p>
    <text:p>suite du même point</text:p>
    <text:list><text:list-item><text:p>Caisse enregistreuse</text:p></text:list-item></text:list>
  </text:list-item>
</text:list>
<text:list text:style-name="Numeros">
  <text:list-item><text:p>Première étape</text:p></text:list-item>
</text:list>
<table:table table:name="Mise en page">
  <table:table-column table:number-columns-repeated="2"/>
  <table:table-row>
    <table:table-cell><text:p>Compétences</text:p><text:p>Excel</text:p></table:table-cell>
    <table:table-cell>
      <text:p>Vendeuse chez Dupont</text:p>
      <table:table table:name="Imbriquée"><table:table-row>
        <table:table-cell><text:p>Lyon</text:p></table:table-cell>
        <table:table-cell><text:p>2019</text:p></table:table-cell>
      </table:table-row></table:table>
    </table:table-cell>
  </table:table-row>
  <table:table-row>
    <table:covered-table-cell/>
    <table:table-cell><text:p>Caissière chez Martin</text:p></table:table-cell>
  </table:table-row>
</table:table>
<text:p>Ancre<draw:frame draw:name="Cadre" text:anchor-type="as-char"><draw:text-box>
  <text:p>Texte dans un cadre</text:p></draw:text-box></draw:frame></text:p>
<text:p>Formation <text:span text:style-name="Strong_20_Emphasis">BTS MUC</text:span></text:p>
"""


def test_document_order_lists_tables_frames_header_footer() -> None:
    data = _odt(CV_BODY, auto=CV_AUTO)
    doc = extract_document(data, "cv.odt")
    assert_offsets(doc)
    assert doc.format == "odt"
    assert doc.status == "ok"
    assert len(doc.pages) == 1  # P1's master page does not push the body to a second page
    assert [line.text for line in doc.lines] == [
        "Marie Dupont – 06 12 34 56 78",
        "Marie Dupont",
        "Expérience",
        "Vendeuse\t2019 – 2021",
        "• Accueil des clients",
        "• Encaissement",
        "suite du même point",
        "• Caisse enregistreuse",
        "Première étape",  # numbered: no bullet, as in the DOCX backend
        "Compétences",
        "Excel",
        "Vendeuse chez Dupont",
        "Lyon",
        "2019",
        "Caissière chez Martin",
        "Ancre",
        "Texte dans un cadre",
        "Formation BTS MUC",
        "CV mis à jour en 2024",
    ]
    by_text = {line.text: line for line in doc.lines}
    assert by_text["Compétences"].column == 1
    assert by_text["Vendeuse chez Dupont"].column == 2
    assert by_text["Lyon"].column == 2  # a nested table stays in its outer cell's column
    assert by_text["Caissière chez Martin"].column == 2  # a merged cell above keeps the grid
    assert by_text["Expérience"].column == 0


def test_bold_and_size_follow_the_style_chain() -> None:
    doc = extract_document(_odt(CV_BODY, auto=CV_AUTO), "cv.odt")
    by_text = {line.text: line for line in doc.lines}
    heading = by_text["Expérience"]
    assert heading.bold and heading.size == pytest.approx(18.2)  # 130 % of Heading's 14 pt
    assert by_text["Marie Dupont"].bold and by_text["Marie Dupont"].size == 16
    body = by_text["Vendeuse\t2019 – 2021"]
    assert not body.bold and body.size == 12  # the default paragraph style
    assert not by_text["Formation BTS MUC"].bold  # 7 bold characters out of 16


def test_spaces_tabs_and_line_breaks() -> None:
    body = """
<text:p>Nom<text:s text:c="3"/>Prénom</text:p>
<text:p>Deux <text:s/>espaces</text:p>
<text:p>Poste<text:tab/>2020<text:tab/><text:tab/>2022</text:p>
<text:p>Première ligne<text:line-break/>seconde ligne<text:line-break/>  </text:p>
<text:p>
    Texte   réparti
    sur plusieurs lignes  du XML
</text:p>
<text:p>Trop<text:s text:c="999999999"/>d'espaces</text:p>
<text:p><text:a xlink:href="mailto:marie@example.org">marie@example.org</text:a> –
  <text:span>06 12</text:span><text:s/><text:span> 34 56 78</text:span></text:p>
"""
    assert _texts(_odt(body, styles=_styles_xml(masters=""))) == [
        "Nom\tPrénom",  # three spaces or more are a gap, like a tab
        "Deux espaces",
        "Poste\t2020\t2022",
        "Première ligne",
        "seconde ligne",
        "Texte réparti sur plusieurs lignes du XML",  # ODF white-space collapsing
        "Trop\td'espaces",  # text:c is capped, not allocated
        "marie@example.org – 06 12 34 56 78",
    ]


def test_page_breaks() -> None:
    auto = """
<style:style style:name="Saut" style:family="paragraph">
  <style:paragraph-properties fo:break-before="page"/>
</style:style>
<style:style style:name="Apres" style:family="paragraph">
  <style:paragraph-properties fo:break-after="page"/>
</style:style>
"""
    body = """
<text:p>Page un</text:p>
<text:soft-page-break/>
<text:p>Page deux<text:soft-page-break/>suite</text:p>
<text:p text:style-name="Saut">Page trois</text:p>
<text:p text:style-name="Apres">Fin de la page trois</text:p>
<text:p>Page quatre</text:p>
"""
    doc = extract_document(_odt(body, auto=auto), "cv.odt")
    assert_offsets(doc)
    assert [[line.text for line in page.lines] for page in doc.pages] == [
        ["Marie Dupont – 06 12 34 56 78", "Page un"],
        ["Page deux"],
        ["suite"],
        ["Page trois", "Fin de la page trois"],
        ["Page quatre", "CV mis à jour en 2024"],
    ]
    assert doc.pages[3].lines[0].page == 4


def test_first_page_header_and_master_page_of_first_paragraph() -> None:
    masters = """
<style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:header><text:p>En-tête des pages suivantes</text:p></style:header>
</style:master-page>
<style:master-page style:name="Premiere" style:page-layout-name="pm1">
  <style:header><text:p>En-tête ordinaire</text:p></style:header>
  <style:header-first><text:p>Coordonnées (première page)</text:p></style:header-first>
  <style:footer style:display="false"><text:p>Pied masqué</text:p></style:footer>
</style:master-page>
"""
    auto = (
        '<style:style style:name="P1" style:family="paragraph" style:master-page-name="Premiere"/>'
    )
    data = _odt(
        '<text:p text:style-name="P1">Corps</text:p>',
        auto=auto,
        styles=_styles_xml(masters=masters),
    )
    assert _texts(data) == ["Coordonnées (première page)", "Corps"]


def test_header_uses_the_styles_part_automatic_styles() -> None:
    # content.xml and styles.xml both have an automatic style "P1"; each part uses its own
    masters = """
<style:master-page style:name="Standard">
  <style:header><text:p text:style-name="P1">Coordonnées</text:p></style:header>
</style:master-page>
"""
    header_auto = """
<style:style style:name="P1" style:family="paragraph">
  <style:text-properties fo:font-weight="bold"/>
</style:style>
"""
    content_auto = """
<style:style style:name="P1" style:family="paragraph">
  <style:paragraph-properties fo:break-before="page"/>
</style:style>
"""
    data = _odt(
        '<text:p>Avant</text:p><text:p text:style-name="P1">Après</text:p>',
        auto=content_auto,
        styles=_styles_xml(masters=masters, auto=header_auto),
    )
    doc = extract_document(data, "cv.odt")
    assert [[line.text for line in page.lines] for page in doc.pages] == [
        ["Coordonnées", "Avant"],
        ["Après"],
    ]
    assert doc.lines[0].bold and not doc.lines[1].bold


def test_skipped_content() -> None:
    body = """
<text:tracked-changes>
  <text:changed-region text:id="ct1"><text:deletion><office:change-info/>
    <text:p>Texte supprimé</text:p></text:deletion></text:changed-region>
</text:tracked-changes>
<text:p>Poste <text:change text:change-id="ct1"/>actuel<office:annotation>
  <dc:creator>Relecteur</dc:creator><text:p>Un commentaire</text:p></office:annotation>
  <text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>
  <text:note-body><text:p>Une note</text:p></text:note-body></text:note></text:p>
<text:section text:name="Cachée" text:display="none"><text:p>Section masquée</text:p></text:section>
<text:section text:name="Visible"><text:p>Section visible</text:p></text:section>
<text:table-of-content text:name="Sommaire">
  <text:table-of-content-source><text:index-title-template>Modèle</text:index-title-template>
  </text:table-of-content-source>
  <text:index-body><text:p>Expérience<text:tab/>1</text:p></text:index-body>
</text:table-of-content>
<text:p>Photo<draw:frame draw:name="Image1"><draw:image xlink:href="Pictures/a.png">
  <text:p>texte de remplacement</text:p></draw:image><svg:title>Portrait</svg:title>
  <svg:desc>Une photo</svg:desc></draw:frame></text:p>
"""
    assert _texts(_odt(body, styles=_styles_xml(masters=""))) == [
        "Poste actuel",
        "Section visible",
        "Expérience\t1",
        "Photo",  # neither the image's text nor its title and description
    ]


def test_images_are_counted_once_per_picture() -> None:
    png = png_bytes(60, 80)
    body = """
<text:p>Photo<draw:frame draw:name="Photo">
  <draw:image xlink:href="Pictures/photo.svg"/><draw:image xlink:href="Pictures/photo.png"/>
</draw:frame></text:p>
<text:p><draw:frame><draw:image xlink:href="Pictures/photo.png"/></draw:frame></text:p>
<text:p><draw:frame><draw:image xlink:href="Pictures/logo.jpg"/></draw:frame></text:p>
<text:p><draw:frame><draw:object xlink:href="./Object 1"/>
  <draw:image xlink:href="./ObjectReplacements/Object 1"/></draw:frame></text:p>
<text:p><draw:frame><draw:image xlink:href="https://example.org/x.png"/></draw:frame></text:p>
"""
    masters = """
<style:master-page style:name="Standard"><style:header><text:p>En-tête<draw:frame>
  <draw:image xlink:href="Pictures/entete.png"/></draw:frame></text:p></style:header>
</style:master-page>
"""
    data = _odt(
        body,
        styles=_styles_xml(masters=masters),
        extra={"Pictures/photo.png": png, "Pictures/logo.jpg": png, "Pictures/entete.png": png},
    )
    doc = extract_document(data, "cv.odt")
    assert doc.images == 3  # photo (SVG + PNG fallback, placed twice), logo, header picture
    assert doc.status == "ok"


def test_pictures_without_text_need_ocr() -> None:
    body = '<text:p><draw:frame><draw:image xlink:href="Pictures/scan.png"/></draw:frame></text:p>'
    data = _odt(body, styles=_styles_xml(masters=""), extra={"Pictures/scan.png": png_bytes()})
    doc = extract_document(data, "scan.odt")
    assert doc.status == "needs_ocr"
    assert doc.images == 1
    assert doc.text == ""
    assert any("OCR" in w for w in doc.warnings)


def test_empty_document() -> None:
    data = _odt("<text:p/><text:p>  </text:p>", styles=_styles_xml(masters=""))
    with pytest.raises(EmptyFileError) as info:
        extract_document(data, "cv.odt")
    assert "cv.odt contains no text" in info.value.message


def test_template_and_missing_styles_are_read() -> None:
    data = _odt(
        "<text:p>Modèle de CV</text:p>", mimetype="application/vnd.oasis.opendocument.text-template"
    )
    assert _texts(data, "modele.ott") == [
        "Marie Dupont – 06 12 34 56 78",
        "Modèle de CV",
        "CV mis à jour en 2024",
    ]
    bare = _package({"content.xml": _content_xml("<text:p>Sans styles</text:p>")})
    assert _texts(bare) == ["Sans styles"]


def test_damaged_styles_only_lose_formatting() -> None:
    data = _odt("<text:p>Texte</text:p>", styles="<office:document-styles><oops")
    doc = extract_document(data, "cv.odt")
    assert [line.text for line in doc.lines] == ["Texte"]
    assert any("styles.xml" in w for w in doc.warnings)


# -- sniffing and names -------------------------------------------------------------------------


def test_sniff_and_registration() -> None:
    assert "odt" in registered_formats()
    assert sniff(_odt("<text:p>x</text:p>")) == "odt"
    # no mimetype entry: the manifest's root media type decides
    assert sniff(_odt("<text:p>x</text:p>", mimetype=None)) == "odt"
    assert sniff(_package({}, "application/vnd.oasis.opendocument.spreadsheet")) == "ods"
    assert sniff(_package({}, "application/vnd.oasis.opendocument.presentation")) == "odp"
    assert sniff(_package({}, "application/vnd.oasis.opendocument.formula")) == "opendocument"
    assert resolve_format(_odt("<text:p>x</text:p>"), "CV.ODT") == "odt"
    assert resolve_format(_odt("<text:p>x</text:p>"), "cv") == "odt"


def test_odt_without_mimetype_is_read() -> None:
    assert _texts(_odt("<text:p>Sans mimetype</text:p>", mimetype=None), "cv") == [
        "Marie Dupont – 06 12 34 56 78",
        "Sans mimetype",
        "CV mis à jour en 2024",
    ]


def test_odt_named_docx_is_refused_with_a_rename_hint() -> None:
    with pytest.raises(WrongExtensionError) as info:
        extract_document(_odt("<text:p>x</text:p>"), "mon cv.docx")
    assert info.value.message == (
        "mon cv.docx is an OpenDocument text (ODT), not a Word document (DOCX): rename it to "
        "mon cv.odt (its real type) and upload it again"
    )


def test_pdf_named_odt_is_refused() -> None:
    with pytest.raises(WrongExtensionError) as info:
        extract_document(b"%PDF-1.7\n...", "cv.odt")
    assert info.value.message.startswith("cv.odt is a PDF, not an OpenDocument text (ODT)")


@pytest.mark.parametrize(
    ("media", "what"),
    [
        ("application/vnd.oasis.opendocument.spreadsheet", "an OpenDocument spreadsheet (ODS)"),
        ("application/vnd.oasis.opendocument.presentation", "an OpenDocument presentation (ODP)"),
    ],
)
def test_spreadsheet_or_presentation(media: str, what: str) -> None:
    office_body = "<office:spreadsheet><table:table/></office:spreadsheet>"
    data = _odt("", mimetype=media, office_body=office_body)
    # named .odt: the name is wrong, and the message says what the file is
    with pytest.raises(WrongExtensionError) as wrong:
        extract_document(data, "cv.odt")
    assert wrong.value.message.startswith(f"cv.odt is {what}, not an OpenDocument text (ODT)")
    # under its own name (or none): not a format we read, saying which
    for name in ("cv.ods" if "spreadsheet" in media else "cv.odp", "cv"):
        with pytest.raises(UnsupportedFormatError) as info:
            extract_document(data, name)
        assert info.value.message.startswith(f"{name} is {what}")
    # handed straight to the backend
    with pytest.raises(UnsupportedFormatError) as direct:
        OdtBackend().extract(data, "cv.odt")
    assert direct.value.message.startswith(f"cv.odt is {what}, not a text document")


def test_text_mimetype_with_a_spreadsheet_body() -> None:
    office_body = "<office:spreadsheet><table:table/></office:spreadsheet>"
    with pytest.raises(UnsupportedFormatError) as info:
        extract_document(_odt("", office_body=office_body), "cv.odt")
    assert "OpenDocument spreadsheet (ODS)" in info.value.message


# -- damaged, crafted, protected ----------------------------------------------------------------


def test_truncated_zip_is_corrupt() -> None:
    data = _odt("<text:p>x</text:p>" * 200)
    with pytest.raises(CorruptFileError) as info:
        extract_document(data[: len(data) // 2], "cv.odt")
    assert info.value.code == "corrupt_file"
    assert "damaged" in info.value.message


def test_damaged_zip_straight_to_the_backend_is_corrupt() -> None:
    with pytest.raises(CorruptFileError):
        OdtBackend().extract(b"PK\x03\x04 truncated", "cv.odt")


@pytest.mark.parametrize(
    "content",
    [
        "<office:document-content><oops",  # broken XML
        '<?xml version="1.0"?><root>pas un document</root>',  # not ODF content
        f"<office:document-content {NS}/>",  # no body
        "<office:document-content>&entite;</office:document-content>",  # undeclared entity
    ],
)
def test_broken_content_is_corrupt(content: str) -> None:
    data = _package({"content.xml": content})
    with pytest.raises(CorruptFileError) as info:
        extract_document(data, "cv.odt")
    assert info.value.code == "corrupt_file"


def test_missing_content_is_corrupt() -> None:
    with pytest.raises(CorruptFileError) as info:
        extract_document(_package({"styles.xml": _styles_xml()}), "cv.odt")
    assert "content.xml" in info.value.message


def test_encrypted_odt() -> None:
    encrypted = (
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" '
        'manifest:size="1234"><manifest:encryption-data manifest:checksum-type="SHA1/1K" '
        'manifest:checksum="abc="><manifest:algorithm manifest:algorithm-name="AES256-CBC" '
        'manifest:initialisation-vector="xyz="/></manifest:encryption-data>'
        "</manifest:file-entry>"
    )
    data = _package(
        {
            "content.xml": b"\x8f\x02\x99 encrypted bytes \xff",
            "META-INF/manifest.xml": MANIFEST.format(media=ODT, extra=encrypted),
        }
    )
    with pytest.raises(EncryptedFileError) as info:
        extract_document(data, "cv.odt")
    assert info.value.code == "encrypted"
    assert "cv.odt is password-protected" in info.value.message
    assert "PDF" in info.value.message


@pytest.mark.parametrize("part", ["content.xml", "styles.xml", "meta.xml"])
def test_doctype_is_refused(part: str) -> None:
    dtd = '<!DOCTYPE office:document-content [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    entries: dict[str, bytes | str] = {
        "content.xml": _content_xml("<text:p>Texte</text:p>"),
        "styles.xml": _styles_xml(),
        "meta.xml": f"<office:document-meta {NS}/>",
    }
    entries[part] = str(entries[part]).replace("<office:document", dtd + "<office:document", 1)
    with pytest.raises(UnsafeFileError) as info:
        extract_document(_package(entries), "cv.odt")
    assert info.value.code == "unsafe_file"
    assert isinstance(info.value, CorruptFileError)
    assert "DTD" in info.value.message


def test_the_parser_refuses_a_dtd_on_its_own() -> None:
    # The byte scan runs first; the parser is the backstop, checked here without it.
    from cvparse.engine.extract.odt import _DtdRefused, _parse_xml

    for encoding in ("utf-8", "cp1252", "utf-16"):
        xml = f'<?xml version="1.0" encoding="{encoding}"?><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>'
        with pytest.raises(_DtdRefused):
            _parse_xml(xml.encode(encoding))


def test_billion_laughs_is_refused() -> None:
    lol = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i else "&lol;" * 10}">' for i in range(9)
        )
        + "]>"
    )
    content = _content_xml("<text:p>&lol8;</text:p>").replace(
        '<?xml version="1.0" encoding="UTF-8"?>', lol
    )
    with pytest.raises(UnsafeFileError):
        extract_document(_package({"content.xml": content}), "cv.odt")


def test_zip_bomb_ratio_is_refused() -> None:
    data = _odt("<text:p>x</text:p>", extra={"Pictures/big.png": b"\x00" * 3_000_000})
    with pytest.raises(UnsafeFileError) as info:
        extract_document(data, "cv.odt")
    assert "ZIP bomb" in info.value.message


def test_zip_bomb_total_size_is_refused() -> None:
    extra: dict[str, bytes | str] = {
        f"Pictures/part{i}.bin": bytes(range(256)) * 4000 for i in range(60)
    }
    with pytest.raises(UnsafeFileError) as info:
        extract_document(_odt("<text:p>x</text:p>", extra=extra), "cv.odt")
    assert "50 MB" in info.value.message


@pytest.mark.parametrize("macro", ["Basic/Standard/Module1.xml", "Scripts/python/macro.py"])
def test_macros_are_refused(macro: str) -> None:
    extra: dict[str, bytes | str] = {
        "Basic/script-lc.xml": "<library:libraries/>",
        "Basic/Standard/script-lb.xml": "<library:library/>",
        macro: "Sub Main\nEnd Sub",
    }
    with pytest.raises(UnsupportedFormatError) as info:
        extract_document(_odt("<text:p>x</text:p>", extra=extra), "cv.odt")
    assert "macros" in info.value.message


def test_empty_basic_library_is_not_a_macro() -> None:
    extra: dict[str, bytes | str] = {
        "Basic/script-lc.xml": "<library:libraries/>",
        "Basic/Standard/script-lb.xml": "<library:library/>",
    }
    assert "x" in _texts(_odt("<text:p>x</text:p>", extra=extra))


def test_absurd_nesting_is_refused() -> None:
    body = "<text:section>" * 5000 + "<text:p>x</text:p>" + "</text:section>" * 5000
    with pytest.raises(UnsafeFileError) as info:
        extract_document(_odt(body), "cv.odt")
    assert "nested" in info.value.message
