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
