"""Reading order on synthetic word boxes: layouts that are cheap to state as geometry."""

from __future__ import annotations

from cvparse.engine.extract.layout import LaidLine, Word, group_rows, layout_page

WIDTH = 595.0


def words(text: str, x: float, y: float, size: float = 10.0) -> list[Word]:
    """Words of `text` laid out from (x, y) with a 0.5 em advance per character."""
    out: list[Word] = []
    for token in text.split(" "):
        w = 0.5 * size * len(token)
        out.append(Word(token, x, y, x + w, y + 1.2 * size, size))
        x += w + 0.25 * size
    return out


def texts(lines: list[LaidLine]) -> list[str]:
    return [line.text for line in lines]


def test_rows_group_words_at_the_same_height() -> None:
    ws = words("Vendeuse conseil", 40, 100) + words("Lyon", 300, 101) + words("suite", 40, 115)
    assert [[w.text for w in row] for row in group_rows(ws)] == [
        ["Vendeuse", "conseil", "Lyon"],
        ["suite"],
    ]


def test_three_columns() -> None:
    ws = words("Jean Martin, technicien de maintenance industrielle", 40, 30, 16)
    cols = {40: "Contact", 230: "Expérience", 420: "Formation"}
    for x, name in cols.items():
        for i in range(12):
            ws += words(f"{name} ligne {i} détail", x, 80 + 14 * i)
    lines = layout_page(ws, WIDTH)
    assert lines[0].column == 0
    seq = [line.text.split(" ")[0] for line in lines[1:]]
    assert seq == ["Contact"] * 12 + ["Expérience"] * 12 + ["Formation"] * 12
    assert [line.column for line in lines[1:]] == [1] * 12 + [2] * 12 + [3] * 12


def test_full_width_footer_comes_after_the_columns() -> None:
    ws: list[Word] = []
    for i in range(10):
        ws += words(f"gauche {i} compétence", 40, 60 + 14 * i)
        ws += words(f"droite {i} expérience détaillée du poste", 250, 60 + 14 * i)
    ws += words("Références disponibles sur demande auprès de mes anciens employeurs", 40, 300)
    lines = layout_page(ws, WIDTH)
    assert lines[-1].text.startswith("Références") and lines[-1].column == 0
    assert [line.column for line in lines[:-1]] == [1] * 10 + [2] * 10


def test_bullets_set_apart_from_their_text_do_not_make_a_column() -> None:
    ws: list[Word] = []
    for i in range(15):
        ws += words("•", 40, 60 + 14 * i)
        ws += words(f"Compétence numéro {i}", 58, 60 + 14 * i)
    lines = layout_page(ws, WIDTH)
    assert len(lines) == 15
    assert lines[0].text == "• Compétence numéro 0"
    assert {line.column for line in lines} == {0}


def test_small_key_value_block_is_not_split() -> None:
    ws = words("Curriculum vitae de Marie Dupont, vendeuse conseil depuis dix ans", 40, 40)
    for i, (key, value) in enumerate(
        [("Permis", "B"), ("Langues", "anglais courant"), ("Mobilité", "Rhône-Alpes")]
    ):
        ws += words(key, 40, 70 + 14 * i) + words(value, 200, 70 + 14 * i)
    for i in range(20):
        ws += words(
            f"Paragraphe {i} qui occupe toute la largeur de la page du CV", 40, 130 + 14 * i
        )
    lines = layout_page(ws, WIDTH)
    assert "Langues\tanglais courant" in texts(lines)
    assert {line.column for line in lines} == {0}


def test_right_aligned_dates_between_paragraphs_stay_on_their_line() -> None:
    ws: list[Word] = []
    y = 40.0
    for job in ("Vendeuse", "Caissière", "Serveuse", "Hôtesse"):
        ws += words(job, 40, y) + words("Lyon", 500, y)
        y += 14
        for _ in range(2):
            ws += words("Description longue qui traverse toute la largeur du texte", 40, y)
            y += 14
    lines = layout_page(ws, WIDTH)
    assert texts(lines)[0] == "Vendeuse\tLyon"
    assert {line.column for line in lines} == {0}


def test_line_style_is_the_majority_of_characters() -> None:
    ws = [Word("Vendeuse", 40, 40, 90, 52, 12, True), Word("Dupont", 95, 40, 130, 52, 12, True)]
    ws += [Word("(Lyon)", 135, 41, 160, 51, 9, False)]
    (line,) = layout_page(ws, WIDTH)
    assert line.bold and line.size == 12
    assert line.bbox == (40, 40, 160, 52)
