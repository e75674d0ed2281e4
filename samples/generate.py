#!/usr/bin/env python3
"""Render the fictional sample CVs in samples/src/*.json into PDF, DOCX, ODT and TXT files.

Usage:  python samples/generate.py            (writes samples/<stem>.pdf|.docx|.odt|.txt)
        python samples/generate.py electricien macon   (only those stems)

Each source says which single output it gets (`output.format` + `output.layout`), so the set
mixes one-column PDFs, two-column PDFs (sidebar lines on the same baselines as main-column
lines), DOCX built from paragraphs, from a two-column layout table, with an experience table,
or with the identity in the page header/footer, ODT (OpenDocument text written by hand with
zipfile: plain paragraphs or a two-column layout table), and TXT in UTF-8 or cp1252. The source
`scanned_cv.json` becomes samples/scanned_cv.pdf: one page that is only a picture of text.

Output is deterministic: fixed PDF creation date, fixed DOCX core properties and zip
timestamps, pictures drawn from the stem (no randomness, no real faces).

Needs fpdf2 and python-docx (dev extras); Pillow comes with fpdf2. ODT needs nothing more
(no LibreOffice, no odfpy).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from string import Formatter
from xml.sax.saxutils import escape as xml_escape

from docx import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt, RGBColor
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
ZIP_DATE = (2026, 1, 1, 0, 0, 0)

# ----------------------------------------------------------------------------------------------
# Text model shared by every renderer: a section becomes a list of (kind, text) items.
#   kind: "para" (running text), "entry" (job / diploma heading line), "sub" (its second line),
#         "bullet", "line" (plain short line), "gap" (vertical space between entries)
# ----------------------------------------------------------------------------------------------

SECTION_KEYS = (
    "profile",
    "experience",
    "education",
    "skills",
    "languages",
    "licences",
    "interests",
    "other",
)


def fill(template: str, values: dict) -> str:
    """str.format that tolerates missing fields (they become empty)."""
    names = {name for _, name, _, _ in Formatter().parse(template) if name}
    return template.format(**{name: values.get(name, "") for name in names})


def contact_lines(cv: dict) -> list[str]:
    lines: list[str] = []
    for key, value in cv["identity"].items():
        if key == "name":
            continue
        lines.extend(value if isinstance(value, list) else [value])
    return lines


def section_items(cv: dict, key: str) -> list[tuple[str, str]]:
    tpl = cv.get("templates", {})
    items: list[tuple[str, str]] = []
    if key == "profile":
        items.append(("para", cv["profile"]))
    elif key == "experience":
        for i, exp in enumerate(cv["experience"]):
            if i:
                items.append(("gap", ""))
            items.append(("entry", fill(tpl.get("exp_head", "{title} – {employer}, {city}"), exp)))
            sub = fill(tpl.get("exp_sub", "{dates}"), exp)
            if sub:
                items.append(("sub", sub))
            items.extend(("bullet", b) for b in exp.get("bullets", []))
    elif key == "education":
        for edu in cv["education"]:
            items.append(("entry", fill(tpl.get("edu", "{year} – {diploma}, {school}"), edu)))
            if tpl.get("edu_sub"):
                items.append(("sub", fill(tpl["edu_sub"], edu)))
    elif key == "skills":
        items.extend(list_items(cv["skills"], cv.get("skills_style", "bullets")))
    elif key == "languages":
        lang_tpl = tpl.get("lang", "{language} : {level}")
        items.extend(("line", fill(lang_tpl, lang)) for lang in cv["languages"])
    elif key == "licences":
        items.extend(("line", lic) for lic in cv["licences"])
    elif key == "interests":
        items.extend(list_items(cv["interests"], cv.get("interests_style", "comma")))
    elif key == "other":
        items.extend(("line", line) for line in cv["other"])
    else:
        raise KeyError(key)
    return items


def list_items(values: list[str], style: str) -> list[tuple[str, str]]:
    if style == "bullets":
        return [("bullet", v) for v in values]
    if style == "comma":
        return [("para", ", ".join(values) + ".")]
    if style == "inline":
        return [("para", " • ".join(values))]
    raise ValueError(style)


def main_sections(cv: dict) -> list[str]:
    return [k for k in cv["order"] if k in SECTION_KEYS]


# ----------------------------------------------------------------------------------------------
# Synthetic pictures (never a real face): a flat silhouette on a coloured background.
# ----------------------------------------------------------------------------------------------


def avatar(stem: str, size: tuple[int, int] = (120, 150)) -> Image.Image:
    digest = hashlib.sha256(stem.encode()).digest()
    bg = (150 + digest[0] % 90, 160 + digest[1] % 80, 170 + digest[2] % 70)
    fg = (60 + digest[3] % 60, 70 + digest[4] % 60, 90 + digest[5] % 60)
    w, h = size
    img = Image.new("RGB", size, bg)
    draw = ImageDraw.Draw(img)
    draw.ellipse((w * 0.30, h * 0.14, w * 0.70, h * 0.52), fill=fg)  # head
    draw.ellipse((w * 0.08, h * 0.58, w * 0.92, h * 1.25), fill=fg)  # shoulders
    draw.text((4, h - 14), "PHOTO", fill=(255, 255, 255))
    return img


def png_bytes(img: Image.Image) -> io.BytesIO:
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    buf.seek(0)
    return buf


# ----------------------------------------------------------------------------------------------
# PDF (fpdf2, DejaVu TTF so accents, "•", "ﬁ", NBSP and soft hyphens survive into the text layer)
# ----------------------------------------------------------------------------------------------

LINE_H = 5.0  # mm; every vertical step in the two-column layout is a multiple of it
TWO_COL_SIZE = 9.0  # body size of both columns (same size -> same baselines)
TWO_COL_HEADING = 10.5


class CvPdf(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_creation_date(FIXED_DATE)
        self.set_creator("cvparse samples/generate.py")
        self.add_font("DejaVu", "", str(FONT_REGULAR))
        self.add_font("DejaVu", "B", str(FONT_BOLD))
        self.set_font("DejaVu", size=9.5)

    def font(self, size: float, bold: bool = False) -> None:
        self.set_font("DejaVu", "B" if bold else "", size)

    def lines_needed(self, text: str, w: float) -> int:
        if "\n" in text:
            return text.count("\n") + 1
        return len(self.multi_cell(w, LINE_H, text, dry_run=True, output="LINES"))

    def text_block(
        self, text: str, x: float, w: float, h: float = LINE_H, align: str = "L"
    ) -> None:
        """Write text at (x, y) wrapping inside w; explicit "\\n" means a manual line break
        written with cell(), which keeps a soft hyphen at the end of the line in the text layer
        (multi_cell would swallow it)."""
        if "\n" in text:
            for part in text.split("\n"):
                self.set_x(x)
                self.cell(w, h, part, new_x="LEFT", new_y="NEXT")
            return
        self.set_x(x)
        if self.get_string_width(text) <= w - 2 * self.c_margin:
            # one line: cell() writes the string as is (multi_cell turns NBSP into spaces)
            self.cell(w, h, text, new_x="LEFT", new_y="NEXT")
        else:
            self.multi_cell(w, h, text, new_x="LEFT", new_y="NEXT", align=align)


def pdf_items(
    pdf: CvPdf,
    items: list[tuple[str, str]],
    x: float,
    w: float,
    bullet: str,
    *,
    size: float = 9.5,
    sub_size: float | None = None,
    ensure_room=None,
) -> None:
    """Write section items; in the two-column layout both columns use the same size so that
    their lines share baselines."""
    for kind, text in items:
        if kind == "gap":
            if ensure_room:
                ensure_room(1)
            pdf.set_y(pdf.get_y() + LINE_H)
            continue
        bold = kind == "entry"
        pdf.font(sub_size or size - 0.5 if kind == "sub" else size, bold)
        if kind == "bullet":
            if ensure_room:
                ensure_room(pdf.lines_needed(text, w - 4))
            y = pdf.get_y()
            pdf.set_xy(x, y)
            pdf.cell(4, LINE_H, bullet)
            pdf.set_xy(x + 4, y)
            pdf.text_block(text, x + 4, w - 4)
        else:
            if ensure_room:
                ensure_room(pdf.lines_needed(text, w))
            pdf.text_block(text, x, w, align="J" if kind == "para" else "L")


def render_pdf_one_column(cv: dict) -> bytes:
    pdf = CvPdf()
    pdf.set_margins(18, 15, 18)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    x, w = pdf.l_margin, pdf.epw
    ident = cv["identity"]
    text_w = w
    if cv["output"].get("photo"):
        pdf.image(avatar(cv["stem"]), x=pdf.w - pdf.r_margin - 28, y=14, w=28, h=35)
        text_w = w - 34
    pdf.font(20, True)
    pdf.set_xy(x, 15)
    pdf.cell(text_w, 10, ident["name"], new_x="LMARGIN", new_y="NEXT")
    pdf.font(11.5, True)
    pdf.text_block(cv["title"], x, text_w, 6)
    pdf.font(9)
    lines = contact_lines(cv)
    joiner = cv.get("contact_join")
    if joiner:
        pdf.text_block(joiner.join(lines), x, text_w)
    else:
        for line in lines:
            pdf.text_block(line, x, text_w)
    if cv["output"].get("photo"):
        pdf.set_y(max(pdf.get_y(), 52))
    for key in main_sections(cv):
        pdf.set_y(pdf.get_y() + 4)
        if pdf.get_y() > pdf.h - 40:
            pdf.add_page()
        pdf.font(11.5, True)
        pdf.set_text_color(20, 60, 120)
        pdf.text_block(cv["headings"][key], x, w, 7)
        pdf.set_draw_color(20, 60, 120)
        pdf.line(x, pdf.get_y(), x + w, pdf.get_y())
        pdf.set_text_color(0, 0, 0)
        pdf.set_y(pdf.get_y() + 1.5)
        pdf_items(pdf, section_items(cv, key), x, w, cv.get("bullet", "•"))
    return bytes(pdf.output())


def render_pdf_two_column(cv: dict) -> bytes:
    """Left sidebar (contact, skills, languages, licences, interests) and main column
    (name, title, profile, experience, education). Both columns start at the same top and move
    on the same 5 mm grid, so sidebar lines share baselines with main-column lines: a reader
    that sorts words by y alone interleaves the two columns."""
    pdf = CvPdf()
    pdf.set_auto_page_break(False)
    top, bottom = 15.0, 297.0 - 12.0
    side_x, side_w = 10.0, 56.0
    main_x, main_w = 74.0, 124.0
    ident = cv["identity"]
    bullet = cv.get("bullet", "•")

    def new_page() -> None:
        pdf.add_page()
        pdf.set_fill_color(232, 238, 244)
        pdf.rect(0, 0, side_x + side_w + 4, pdf.h, style="F")

    new_page()
    # ---- sidebar
    pdf.set_y(top)
    if cv["output"].get("photo"):
        pdf.image(avatar(cv["stem"]), x=side_x + 12, y=top, w=32, h=40)
        pdf.set_y(top + 45)  # 9 grid lines

    def side_heading(text: str) -> None:
        pdf.font(TWO_COL_HEADING, True)
        pdf.set_text_color(30, 70, 110)
        pdf.text_block(text.upper(), side_x, side_w)
        pdf.set_text_color(0, 0, 0)

    side_heading(cv["headings"].get("contact", "Contact"))
    pdf.font(TWO_COL_SIZE)
    for line in contact_lines(cv):
        if pdf.lines_needed(line, side_w) > 1:
            print(
                f"WARNING {cv['stem']}: contact line wraps in the sidebar: {line}", file=sys.stderr
            )
        pdf.text_block(line, side_x, side_w)
    for key in cv["sidebar"]:
        if key == "contact":
            continue
        pdf.set_y(pdf.get_y() + LINE_H)
        side_heading(cv["headings"][key])
        pdf_items(
            pdf,
            section_items(cv, key),
            side_x,
            side_w,
            bullet,
            size=TWO_COL_SIZE,
            sub_size=TWO_COL_SIZE,
        )
    if pdf.get_y() > bottom:
        raise SystemExit(f"{cv['stem']}: sidebar does not fit on one page")

    # ---- main column
    pdf.set_y(top)
    pdf.font(20, True)
    pdf.text_block(ident["name"], main_x, main_w, 2 * LINE_H)
    pdf.font(11.5, True)
    pdf.set_text_color(30, 70, 110)
    pdf.text_block(cv["title"], main_x, main_w)
    pdf.set_text_color(0, 0, 0)

    def ensure_room(lines: int) -> None:
        if pdf.get_y() + lines * LINE_H > bottom:
            new_page()
            pdf.set_y(top)

    for key in main_sections(cv):
        if key in cv["sidebar"]:
            continue
        ensure_room(4)
        pdf.set_y(pdf.get_y() + LINE_H)
        pdf.font(TWO_COL_HEADING, True)
        pdf.set_text_color(30, 70, 110)
        pdf.text_block(cv["headings"][key].upper(), main_x, main_w)
        pdf.set_text_color(0, 0, 0)
        pdf_items(
            pdf,
            section_items(cv, key),
            main_x,
            main_w,
            bullet,
            size=TWO_COL_SIZE,
            sub_size=TWO_COL_SIZE,
            ensure_room=ensure_room,
        )
    return bytes(pdf.output())


def render_scanned(cv: dict) -> bytes:
    """A page that is only a picture of a CV: no text layer at all (needs OCR)."""
    dpi = 150
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    regular = ImageFont.truetype(str(FONT_REGULAR), 21)
    bold = ImageFont.truetype(str(FONT_BOLD), 21)
    big = ImageFont.truetype(str(FONT_BOLD), 38)
    x, y = 110, 110
    draw.text((x, y), cv["identity"]["name"], font=big, fill=0)
    y += 60
    draw.text((x, y), cv["title"], font=bold, fill=0)
    y += 36
    draw.text((x, y), cv.get("contact_join", " - ").join(contact_lines(cv)), font=regular, fill=0)
    y += 40
    for key in main_sections(cv):
        y += 18
        draw.text((x, y), cv["headings"][key], font=bold, fill=0)
        y += 30
        draw.line((x, y - 4, width - x, y - 4), fill=0, width=2)
        for kind, text in section_items(cv, key):
            if kind == "gap":
                y += 14
                continue
            font = bold if kind == "entry" else regular
            indent = 30 if kind == "bullet" else 0
            prefix = cv.get("bullet", "-") + " " if kind == "bullet" else ""
            for chunk in wrap_for_image(draw, prefix + text, font, width - 2 * x - indent):
                draw.text((x + indent, y), chunk, font=font, fill=0)
                y += 30
    # a scanner is never perfectly straight
    page = page.rotate(0.6, resample=Image.BILINEAR, fillcolor=255, expand=False)
    page = page.point(lambda v: 0 if v < 140 else 255).convert("1")
    pdf = CvPdf()
    pdf.add_page()
    buf = io.BytesIO()
    page.save(buf, format="PNG", optimize=True)
    buf.seek(0)
    pdf.image(buf, x=0, y=0, w=pdf.w, h=pdf.h)
    return bytes(pdf.output())


def wrap_for_image(draw: ImageDraw.ImageDraw, text: str, font, max_w: float) -> list[str]:
    words, lines, current = text.split(), [], ""
    for word in words:
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=font) <= max_w or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


# ----------------------------------------------------------------------------------------------
# DOCX (python-docx)
# ----------------------------------------------------------------------------------------------


def new_docx():
    doc = DocxDocument()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    for section in doc.sections:
        section.top_margin = section.bottom_margin = Cm(1.8)
        section.left_margin = section.right_margin = Cm(2.0)
    props = doc.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.title = ""
    props.comments = ""
    props.revision = 1
    props.created = FIXED_DATE.replace(tzinfo=None)
    props.modified = FIXED_DATE.replace(tzinfo=None)
    props.last_printed = FIXED_DATE.replace(tzinfo=None)
    return doc


def docx_bytes(doc) -> bytes:
    """Save, then rewrite the zip with fixed timestamps so the file is byte-for-byte stable."""
    raw = io.BytesIO()
    doc.save(raw)
    raw.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


class DocxWriter:
    """Writes (kind, text) items into a container (document body or table cell)."""

    def __init__(self, cv: dict, container) -> None:
        self.cv = cv
        self.box = container
        self.mode = cv.get("docx_headings", "styles")
        self.bullet = cv.get("bullet", "•")
        self._first = True

    def para(self, text: str = "", style: str | None = None):
        # a fresh table cell already holds one empty paragraph: use it first
        if (
            self._first
            and hasattr(self.box, "_tc")
            and self.box.paragraphs
            and not self.box.paragraphs[0].text
        ):
            p = self.box.paragraphs[0]
            if style:
                p.style = style
            if text:
                p.add_run(text)
        else:
            p = self.box.add_paragraph(text, style=style)
        self._first = False
        return p

    def name(self, text: str) -> None:
        p = self.para()
        run = p.add_run(text)
        run.bold = True
        run.font.size = Pt(20)

    def title(self, text: str) -> None:
        p = self.para()
        run = p.add_run(text)
        run.bold = True
        run.font.size = Pt(12)
        run.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)

    def heading(self, text: str) -> None:
        if self.mode == "styles" and not hasattr(self.box, "_tc"):
            self.box.add_heading(text, level=1)
            self._first = False
            return
        p = self.para()
        p.paragraph_format.space_before = Pt(10)
        run = p.add_run(text.upper())
        run.bold = True
        run.font.size = Pt(11)
        run.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)

    def items(self, items: list[tuple[str, str]]) -> None:
        for kind, text in items:
            if kind == "gap":
                continue
            if kind == "entry":
                p = self.para()
                p.paragraph_format.space_before = Pt(4)
                p.add_run(text).bold = True
            elif kind == "sub":
                self.para().add_run(text).italic = True
            elif kind == "bullet":
                if self.mode == "styles":
                    self.para(text, style="List Bullet")
                else:
                    self.para(f"{self.bullet} {text}")
            else:
                self.para(text)

    def section(self, key: str) -> None:
        self.heading(self.cv["headings"][key])
        self.items(section_items(self.cv, key))


def render_docx_paragraphs(cv: dict) -> bytes:
    doc = new_docx()
    w = DocxWriter(cv, doc)
    w.name(cv["identity"]["name"])
    for line in contact_lines(cv):
        w.para(line)
    w.title(cv["title"])
    for key in main_sections(cv):
        w.section(key)
    return docx_bytes(doc)


def render_docx_header_footer(cv: dict) -> bytes:
    """Name and contact only in the page header and footer; the body starts with the title."""
    doc = new_docx()
    section = doc.sections[0]
    header = section.header
    first = True
    for line in cv["header"]:
        p = header.paragraphs[0] if first else header.add_paragraph()
        run = p.add_run(line)
        run.bold = first
        run.font.size = Pt(14 if first else 10)
        first = False
    section.footer.paragraphs[0].add_run(cv["footer"]).font.size = Pt(8)
    w = DocxWriter(cv, doc)
    w.title(cv["title"])
    for key in main_sections(cv):
        w.section(key)
    return docx_bytes(doc)


def render_docx_two_column_table(cv: dict) -> bytes:
    """A borderless 1x2 layout table: sidebar cell on the left, main cell on the right."""
    doc = new_docx()
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Cm(5.5), Cm(11.5)
    lw = DocxWriter(cv, left)
    if cv["output"].get("photo"):
        lw.para().add_run().add_picture(png_bytes(avatar(cv["stem"])), width=Cm(2.8))
    lw.heading(cv["headings"].get("contact", "Contact"))
    for line in contact_lines(cv):
        lw.para(line)
    for key in cv["sidebar"]:
        if key != "contact":
            lw.section(key)
    rw = DocxWriter(cv, right)
    rw.name(cv["identity"]["name"])
    rw.title(cv["title"])
    for key in main_sections(cv):
        if key not in cv["sidebar"]:
            rw.section(key)
    doc.add_paragraph()  # Word always keeps a paragraph after a body-level table
    return docx_bytes(doc)


def render_docx_experience_table(cv: dict) -> bytes:
    """Paragraph CV whose experience section is a grid table: dates | job | missions."""
    doc = new_docx()
    w = DocxWriter(cv, doc)
    w.name(cv["identity"]["name"])
    w.para("  –  ".join(contact_lines(cv)))
    w.title(cv["title"])
    tpl = cv["templates"]
    for key in main_sections(cv):
        if key != "experience":
            w.section(key)
            continue
        w.heading(cv["headings"][key])
        table = doc.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, label in zip(table.rows[0].cells, cv["table_headers"], strict=True):
            cell.paragraphs[0].add_run(label).bold = True
        for exp in cv["experience"]:
            c_dates, c_job, c_missions = table.add_row().cells
            c_dates.paragraphs[0].add_run(exp["dates"])
            c_job.paragraphs[0].add_run(fill(tpl["exp_head"], exp)).bold = True
            c_job.add_paragraph(fill(tpl["exp_sub"], exp))
            for i, bullet in enumerate(exp["bullets"]):
                text = f"{cv.get('bullet', '•')} {bullet}"
                if i == 0:
                    c_missions.paragraphs[0].add_run(text)
                else:
                    c_missions.add_paragraph(text)
        for row in table.rows:
            row.cells[0].width, row.cells[1].width, row.cells[2].width = Cm(3), Cm(5), Cm(9)
    return docx_bytes(doc)


# ----------------------------------------------------------------------------------------------
# ODT (OpenDocument text, written by hand: no LibreOffice or odfpy needed)
#   The package is a zip whose first entry is `mimetype`, stored uncompressed; then content.xml,
#   styles.xml, meta.xml and META-INF/manifest.xml, all with fixed dates.
# ----------------------------------------------------------------------------------------------

ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"
ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:0.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'office:version="1.3"'
)
XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'

ODT_STYLES_BODY = (
    "<office:styles>"
    '<style:default-style style:family="paragraph">'
    '<style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.1cm"/>'
    '<style:text-properties fo:font-size="10pt" fo:language="fr" fo:country="FR"/>'
    "</style:default-style>"
    '<style:style style:name="Standard" style:family="paragraph" style:class="text"/>'
    '<style:style style:name="Heading" style:family="paragraph" '
    'style:parent-style-name="Standard" style:class="text">'
    '<style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.15cm" '
    'fo:keep-with-next="always"/>'
    '<style:text-properties fo:font-size="12pt" fo:font-weight="bold" fo:color="#1f4e79"/>'
    "</style:style>"
    '<style:style style:name="Heading_20_1" style:display-name="Heading 1" '
    'style:family="paragraph" style:parent-style-name="Heading" '
    'style:default-outline-level="1" style:class="text"/>'
    '<style:style style:name="Title" style:family="paragraph" '
    'style:parent-style-name="Standard" style:class="chapter">'
    '<style:text-properties fo:font-size="20pt" fo:font-weight="bold"/>'
    "</style:style>"
    '<style:style style:name="Subtitle" style:family="paragraph" '
    'style:parent-style-name="Standard" style:class="chapter">'
    '<style:paragraph-properties fo:margin-bottom="0.3cm"/>'
    '<style:text-properties fo:font-size="12pt" fo:font-weight="bold" fo:color="#1f4e79"/>'
    "</style:style>"
    '<style:style style:name="Entry" style:family="paragraph" '
    'style:parent-style-name="Standard" style:class="text">'
    '<style:paragraph-properties fo:margin-top="0.2cm"/>'
    '<style:text-properties fo:font-weight="bold"/>'
    "</style:style>"
    '<style:style style:name="Entry_20_sub" style:display-name="Entry sub" '
    'style:family="paragraph" style:parent-style-name="Standard" style:class="text">'
    '<style:text-properties fo:font-style="italic"/>'
    "</style:style>"
    '<style:style style:name="List_20_Paragraph" style:display-name="List Paragraph" '
    'style:family="paragraph" style:parent-style-name="Standard" style:class="list"/>'
    '<text:list-style style:name="Bullets">'
    '<text:list-level-style-bullet text:level="1" text:bullet-char="•">'
    '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
    '<style:list-level-label-alignment text:label-followed-by="listtab" '
    'text:list-tab-stop-position="0.6cm" fo:text-indent="-0.4cm" fo:margin-left="0.6cm"/>'
    "</style:list-level-properties>"
    "</text:list-level-style-bullet>"
    "</text:list-style>"
    "</office:styles>"
    "<office:automatic-styles>"
    '<style:page-layout style:name="pm1">'
    '<style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" '
    'style:print-orientation="portrait" fo:margin-top="1.8cm" fo:margin-bottom="1.8cm" '
    'fo:margin-left="2cm" fo:margin-right="2cm"/>'
    "</style:page-layout>"
    "</office:automatic-styles>"
    "<office:master-styles>"
    '<style:master-page style:name="Standard" style:page-layout-name="pm1"/>'
    "</office:master-styles>"
)
ODT_STYLES = (
    XML_DECL + f"<office:document-styles {ODT_NS}>" + ODT_STYLES_BODY + "</office:document-styles>"
)

ODT_TABLE_STYLES = (
    '<style:style style:name="Layout" style:family="table">'
    '<style:table-properties style:width="17cm" table:align="margins"/>'
    "</style:style>"
    '<style:style style:name="Layout.A" style:family="table-column">'
    '<style:table-column-properties style:column-width="5.5cm"/>'
    "</style:style>"
    '<style:style style:name="Layout.B" style:family="table-column">'
    '<style:table-column-properties style:column-width="11.5cm"/>'
    "</style:style>"
    '<style:style style:name="Layout.A1" style:family="table-cell">'
    '<style:table-cell-properties fo:background-color="#e8eef4" fo:padding="0.25cm" '
    'fo:border="none"/>'
    "</style:style>"
    '<style:style style:name="Layout.B1" style:family="table-cell">'
    '<style:table-cell-properties fo:padding="0.25cm" fo:border="none"/>'
    "</style:style>"
)


def odt_text(text: str) -> str:
    """Escape text for an ODF paragraph: runs of spaces become <text:s/> (ODF collapses
    white space), tabs <text:tab/>, newlines <text:line-break/>."""

    def spaces(match: re.Match) -> str:
        n = len(match.group(0))
        if match.start() == 0:  # leading spaces are all dropped by a reader
            return f'<text:s text:c="{n}"/>' if n > 1 else "<text:s/>"
        return " " + (f'<text:s text:c="{n - 1}"/>' if n > 2 else "<text:s/>")

    out = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("<text:line-break/>")
        parts = line.split("\t")
        out.append("<text:tab/>".join(re.sub(r" {2,}|^ ", spaces, xml_escape(p)) for p in parts))
    return "".join(out)


class OdtWriter:
    """Collects the body of content.xml from (kind, text) items."""

    def __init__(self, cv: dict) -> None:
        self.cv = cv
        self.parts: list[str] = []

    def p(self, text: str, style: str = "Standard") -> None:
        self.parts.append(f'<text:p text:style-name="{style}">{odt_text(text)}</text:p>')

    def heading(self, text: str) -> None:
        self.parts.append(
            '<text:h text:style-name="Heading_20_1" text:outline-level="1">'
            f"{odt_text(text)}</text:h>"
        )

    def items(self, items: list[tuple[str, str]]) -> None:
        bullets: list[str] = []

        def flush() -> None:
            if bullets:
                self.parts.append('<text:list text:style-name="Bullets">')
                self.parts.extend(
                    "<text:list-item>"
                    f'<text:p text:style-name="List_20_Paragraph">{odt_text(b)}</text:p>'
                    "</text:list-item>"
                    for b in bullets
                )
                self.parts.append("</text:list>")
                bullets.clear()

        for kind, text in items:
            if kind == "bullet":
                bullets.append(text)
                continue
            flush()
            if kind == "gap":
                continue
            if kind == "entry":
                self.p(text, "Entry")
            elif kind == "sub":
                self.p(text, "Entry_20_sub")
            else:
                self.p(text)
        flush()

    def section(self, key: str) -> None:
        self.heading(self.cv["headings"][key])
        self.items(section_items(self.cv, key))

    def xml(self) -> str:
        return "".join(self.parts)


def odt_content(body: str, automatic_styles: str = "") -> str:
    return (
        XML_DECL
        + f"<office:document-content {ODT_NS}>"
        + f"<office:automatic-styles>{automatic_styles}</office:automatic-styles>"
        + f"<office:body><office:text>{body}</office:text></office:body>"
        + "</office:document-content>"
    )


def odt_bytes(content: str) -> bytes:
    stamp = FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%S")
    meta = (
        XML_DECL + f"<office:document-meta {ODT_NS}><office:meta>"
        "<meta:generator>cvparse samples/generate.py</meta:generator>"
        f"<meta:creation-date>{stamp}</meta:creation-date>"
        f"<dc:date>{stamp}</dc:date>"
        "</office:meta></office:document-meta>"
    )
    manifest = (
        XML_DECL
        + '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
        f'manifest:media-type="{ODT_MIMETYPE}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    entries = [
        ("mimetype", ODT_MIMETYPE, zipfile.ZIP_STORED),  # must come first, uncompressed
        ("content.xml", content, zipfile.ZIP_DEFLATED),
        ("styles.xml", ODT_STYLES, zipfile.ZIP_DEFLATED),
        ("meta.xml", meta, zipfile.ZIP_DEFLATED),
        ("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED),
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data, method in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = method
            info.external_attr = 0o644 << 16
            zf.writestr(info, data.encode("utf-8"))
    return out.getvalue()


def render_odt_paragraphs(cv: dict) -> bytes:
    """Headings as text:h, running text as text:p, bullets as text:list; no table."""
    w = OdtWriter(cv)
    w.p(cv["identity"]["name"], "Title")
    for line in contact_lines(cv):
        w.p(line)
    w.p(cv["title"], "Subtitle")
    for key in main_sections(cv):
        w.section(key)
    return odt_bytes(odt_content(w.xml()))


def render_odt_two_column_table(cv: dict) -> bytes:
    """One borderless 1x2 table:table: sidebar cell (contact, skills, ...) and main cell."""
    left = OdtWriter(cv)
    left.heading(cv["headings"].get("contact", "Contact"))
    for line in contact_lines(cv):
        left.p(line)
    for key in cv["sidebar"]:
        if key != "contact":
            left.section(key)
    right = OdtWriter(cv)
    right.p(cv["identity"]["name"], "Title")
    right.p(cv["title"], "Subtitle")
    for key in main_sections(cv):
        if key not in cv["sidebar"]:
            right.section(key)
    body = (
        '<table:table table:name="Mise_en_page" table:style-name="Layout">'
        '<table:table-column table:style-name="Layout.A"/>'
        '<table:table-column table:style-name="Layout.B"/>'
        "<table:table-row>"
        f'<table:table-cell table:style-name="Layout.A1" office:value-type="string">'
        f"{left.xml()}</table:table-cell>"
        f'<table:table-cell table:style-name="Layout.B1" office:value-type="string">'
        f"{right.xml()}</table:table-cell>"
        "</table:table-row>"
        "</table:table>"
        '<text:p text:style-name="Standard"/>'
    )
    return odt_bytes(odt_content(body, ODT_TABLE_STYLES))


# ----------------------------------------------------------------------------------------------
# TXT
# ----------------------------------------------------------------------------------------------


def render_txt(cv: dict) -> bytes:
    out: list[str] = [cv["identity"]["name"]]
    out.extend(contact_lines(cv))
    out += ["", cv["title"], ""]
    style = cv.get("txt_heading", "equals")
    bullet = cv.get("bullet", "-")
    for key in main_sections(cv):
        heading = cv["headings"][key]
        if style == "equals":
            out += [heading, "=" * len(heading)]
        elif style == "underline_dash":
            out += [heading.upper(), "-" * len(heading)]
        elif style == "plain_colon":
            out += [f"{heading} :"]
        else:
            raise ValueError(style)
        for kind, text in section_items(cv, key):
            if kind == "gap":
                out.append("")
            elif kind == "bullet":
                out.append(f"  {bullet} {text}")
            else:
                out.append(text)
        out.append("")
    newline = cv["output"].get("newline", "\n")
    text = newline.join(out).rstrip() + newline
    return text.encode(cv["output"].get("encoding", "utf-8"))


# ----------------------------------------------------------------------------------------------

RENDERERS = {
    ("pdf", "one_column"): render_pdf_one_column,
    ("pdf", "two_column"): render_pdf_two_column,
    ("pdf", "scanned_image"): render_scanned,
    ("docx", "paragraphs"): render_docx_paragraphs,
    ("docx", "header_footer"): render_docx_header_footer,
    ("docx", "two_column_table"): render_docx_two_column_table,
    ("docx", "experience_table"): render_docx_experience_table,
    ("odt", "paragraphs"): render_odt_paragraphs,
    ("odt", "two_column_table"): render_odt_two_column_table,
    ("txt", "plain"): render_txt,
}

MAX_BYTES = 100_000


def build(path: Path) -> Path:
    cv = json.loads(path.read_text(encoding="utf-8"))
    fmt, layout = cv["output"]["format"], cv["output"]["layout"]
    data = RENDERERS[(fmt, layout)](cv)
    target = HERE / f"{cv['stem']}.{fmt}"
    target.write_bytes(data)
    if len(data) > MAX_BYTES:
        print(f"WARNING {target.name}: {len(data)} bytes > {MAX_BYTES}", file=sys.stderr)
    return target


def main(argv: list[str]) -> int:
    wanted = set(argv)
    sources = sorted(SRC.glob("*.json"))
    for path in sources:
        if wanted and path.stem not in wanted:
            continue
        target = build(path)
        print(f"{target.relative_to(HERE.parent)}  {target.stat().st_size:>7} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
