import pytest

from cvparse.engine.document import DocumentBuilder
from cvparse.engine.sections import heading_kind, split_sections


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("EXPÉRIENCE PROFESSIONNELLE", "experience"),
        ("EXPERIENCES PROFESSIONNELLES", "experience"),
        ("Expériences", "experience"),
        ("Work Experience", "experience"),
        ("1. Formation", "education"),
        ("II - Diplômes et formations", "education"),
        ("Education", "education"),
        ("Compétences clés :", "skills"),
        ("COMPETENCES", "skills"),
        ("Skills", "skills"),
        ("Langues", "languages"),
        ("Languages", "languages"),
        ("Permis", "licences"),
        ("Centres d'intérêt", "interests"),
        ("CENTRES D’INTÉRÊT", "interests"),
        ("Loisirs", "interests"),
        ("Profil", "profile"),
        ("Summary", "profile"),
        ("Références", "references"),
    ],
)
def test_headings_in_their_usual_forms(text: str, kind: str) -> None:
    assert heading_kind(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Aide-soignante diplômée",
        "Gestion des stocks et inventaires",
        "Vendeuse 2019 – 2021",
        "Préparation des commandes avec un chariot élévateur dans un entrepôt de 5000 m2",
    ],
)
def test_ordinary_lines_are_not_headings(text: str) -> None:
    assert heading_kind(text) is None


def test_split_sections_groups_lines_and_inline_headings() -> None:
    b = DocumentBuilder("txt")
    for line in [
        "Marie DUPONT",
        "Expérience",
        "Serveuse 2019 – 2021",
        "Formation",
        "CAP Cuisine 2015",
        "Langues : anglais courant",
        "Compétences",
        "Excel",
    ]:
        b.add_line(line)
    sections = split_sections(b.build())
    kinds = [s.kind for s in sections]
    assert kinds == ["header", "experience", "education", "skills"]
    education = sections[2]
    inline = education.lines[1]
    assert education.kind_of(inline) == "languages"
    assert education.kind_of(education.lines[0]) == "education"


def _kinds(doc) -> list[tuple[str, str]]:
    return [(s.kind_of(line), line.text) for s in split_sections(doc) for line in s.lines]


def test_a_label_cell_leaves_its_section_to_the_cell_beside_it() -> None:
    # A DOCX layout table: section names (and the dates) in the left cell, content right.
    b = DocumentBuilder("docx")
    b.add_line("Léa MARTIN")
    b.add_line("EXPÉRIENCE", column=1, bold=True)
    b.add_line("2019 – 2023", column=1)
    b.add_line("Vendeuse, Boulangerie du Port", column=2)
    b.add_line("• encaissement, mise en rayon", column=2)
    b.add_line("FORMATION", column=1, bold=True)
    b.add_line("CAP Boulanger 2018", column=2)
    got = _kinds(b.build())
    assert got[1:] == [
        ("experience", "2019 – 2023"),
        ("experience", "Vendeuse, Boulangerie du Port"),
        ("experience", "• encaissement, mise en rayon"),
        ("education", "CAP Boulanger 2018"),
    ]


def test_a_sidebar_cell_with_its_own_sections_does_not_continue_into_the_main_cell() -> None:
    b = DocumentBuilder("docx")
    b.add_line("Langues", column=1, bold=True)
    b.add_line("Anglais courant", column=1)
    b.add_line("Loisirs", column=1, bold=True)
    b.add_line("Randonnée", column=1)
    b.add_line("Tom ROBERT – cuisinier", column=2)
    b.add_line("Expérience", column=2, bold=True)
    b.add_line("Cuisinier 2020 – 2024", column=2)
    got = _kinds(b.build())
    assert ("header", "Tom ROBERT – cuisinier") in got
    assert ("experience", "Cuisinier 2020 – 2024") in got


def test_a_pdf_grid_table_stays_in_its_section() -> None:
    # "Période | Poste | Missions" rows under one heading: each row's cells start a little
    # higher than the previous cell's last line, but below the section's heading.
    b = DocumentBuilder("pdf")
    b.add_line("Expérience professionnelle", bbox=(40, 100, 200, 112), bold=True)
    b.add_line("Période", bbox=(40, 120, 80, 130), column=1, bold=True)
    b.add_line("Poste", bbox=(120, 120, 160, 130), column=2, bold=True)
    b.add_line("Missions", bbox=(260, 120, 320, 130), column=3, bold=True)
    b.add_line("2018 – 2022", bbox=(40, 150, 90, 160), column=1)
    b.add_line("Magasinier", bbox=(120, 140, 200, 150), column=2)
    b.add_line("• réception, inventaires", bbox=(260, 140, 400, 150), column=3)
    b.add_line("Formation", bbox=(40, 200, 120, 212), bold=True)
    b.add_line("Tom ROBERT", bbox=(300, 40, 380, 52), column=4)  # a sidebar starting on top
    got = _kinds(b.build())
    assert ("experience", "Missions") in got  # a table's header row, not a "projects" heading
    assert ("experience", "Magasinier") in got
    assert ("experience", "• réception, inventaires") in got
    assert ("header", "Tom ROBERT") in got


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("E X P É R I E N C E S   P R O F E S S I O N N E L L E S", "experience"),
        ("F O R M A T I O N", "education"),
        ("C O M P É T E N C E S  C L É S", "skills"),
        ("L A N G U E S", "languages"),
        ("Stages en entreprise (PFMP)", "experience"),
        ("Jobs d'été", "experience"),
    ],
)
def test_letter_spaced_and_internship_headings(text: str, kind: str) -> None:
    assert heading_kind(text, emphasised=True) == kind


def test_a_letter_spaced_name_is_not_a_heading() -> None:
    assert heading_kind("J U L I E  M A R C H A N D", emphasised=True) is None
