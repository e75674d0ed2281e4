"""Importing France Travail's official ROME 4.0 export (read from ../shared, never copied)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cvparse.engine.pipeline import Pipeline
from cvparse.engine.referential.csvdir import ReferentialError
from cvparse.service.referentials.rome4 import RomeImportError, read_rome4
from cvparse.service.referentials.store import install, list_installed, resolve
from tests.conftest import require_rome_export


@pytest.fixture(scope="module")
def export():
    return read_rome4(require_rome_export())


def test_counts_per_table(export) -> None:
    ref = export.referential
    assert export.source_version == "460"
    assert (ref.name, ref.version) == ("rome", "460")
    assert len(ref.metiers) == 1584
    assert len(ref.appellations) == 13120
    kinds = [i.kind for i in ref.items.values()]
    assert kinds.count("savoir") == 15354
    assert len(ref.items) - kinds.count("savoir") == 18317  # compétences + macro-compétences
    assert {"savoir-faire", "savoir-etre", "macro"} <= set(kinds)
    assert len(ref.links) > 80_000
    assert {m.code[0] for m in ref.metiers.values()} == set("ABCDEFGHIJKLMN")


def test_m1805_its_appellations_and_its_40_children(export) -> None:
    ref = export.referential
    assert ref.metiers["M1805"].title == "Développeur / Développeuse informatique"
    assert ref.metiers["M1855"].parent_code == "M1805"
    assert ref.metiers["M1805"].domain == "M18"
    dev = ref.appellations["14153"]
    assert dev.metier_code == "M1805"
    assert (dev.masculine, dev.feminine) == (
        "Développeur informatique", "Développeuse informatique"
    )
    assert sum(a.metier_code == "M1805" for a in ref.appellations.values()) >= 10
    assert any(link.metier_code == "M1805" and link.core for link in ref.links)


def test_feminine_forms_are_found(export) -> None:
    nurse = [a for a in export.referential.appellations.values() if a.label.startswith(
        "Infirmier / Infirmière")]
    assert nurse and all(a.feminine.startswith("Infirmière") for a in nurse)


def test_same_version_twice_is_a_no_op_and_a_new_version_sits_beside(tmp_path: Path) -> None:
    source = require_rome_export()
    data = tmp_path / "data"
    first, created = install(source, data)
    assert created and first.ref == "rome@460"
    stamp = (first.path / "items.csv").stat().st_mtime_ns
    again, created = install(source, data)
    assert not created and (again.path / "items.csv").stat().st_mtime_ns == stamp

    newer = tmp_path / "v461"
    newer.mkdir()
    for f in source.glob("unix_*_v460_utf8.csv"):
        shutil.copy(f, newer / f.name.replace("_v460_", "_v461_"))
    second, created = install(newer, data)
    assert created and second.ref == "rome@461"
    assert [i.ref for i in list_installed(data) if not i.shipped] == ["rome@460", "rome@461"]
    assert resolve("rome", data).version == "461"  # a name alone: newest version
    assert resolve("rome@460", data).version == "460"
    with pytest.raises(ReferentialError, match="not installed"):
        resolve("rome@459", data)


def test_project_synonyms_reach_the_imported_items(rome_pipeline: Pipeline) -> None:
    from cvparse.service.referentials.store import load_default

    shipped = load_default()
    with_synonyms = [i for i in shipped.items.values() if i.synonyms]
    imported = rome_pipeline.referential.items
    assert all(imported[i.id].synonyms == i.synonyms for i in with_synonyms if i.id in imported)


def _broken_copy(tmp_path: Path) -> Path:
    """The tables the importer reads, hard-linked when possible (then replaced on write)."""
    from cvparse.service.referentials.rome4 import REQUIRED_COLUMNS

    copy = tmp_path / "export"
    copy.mkdir()
    for table in REQUIRED_COLUMNS:
        name = f"unix_{table}_v460_utf8.csv"
        shutil.copyfile(require_rome_export() / name, copy / name)
    return copy


def _replace_line(path: Path, line_no: int, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line_no - 1] = new + "\n"
    path.write_text("".join(lines), encoding="utf-8")


APPELLATIONS = "unix_referentiel_appellation_v460_utf8.csv"
COMPETENCES = "unix_referentiel_competence_v460_utf8.csv"


def test_missing_file_is_named(tmp_path: Path) -> None:
    copy = _broken_copy(tmp_path)
    (copy / "unix_referentiel_savoir_v460_utf8.csv").unlink()
    with pytest.raises(RomeImportError, match=r"missing file.*unix_referentiel_savoir_vNNN"):
        read_rome4(copy)


def test_wrong_columns_name_the_file_and_line_1(tmp_path: Path) -> None:
    copy = _broken_copy(tmp_path)
    path = copy / APPELLATIONS
    text = path.read_text(encoding="utf-8").replace('"code_rome"', '"rome"', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RomeImportError, match=rf"{APPELLATIONS}:1: missing column\(s\) code_rome"):
        read_rome4(copy)


def test_wrong_encoding_names_the_line(tmp_path: Path) -> None:
    copy = _broken_copy(tmp_path)
    path = copy / COMPETENCES
    lines = path.read_bytes().split(b"\n")
    lines[41] = lines[41].decode("utf-8").encode("cp1252", errors="replace") + b"\xe9"
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(RomeImportError, match=rf"{COMPETENCES}:42: not UTF-8"):
        read_rome4(copy)


def test_short_row_names_the_line(tmp_path: Path) -> None:
    copy = _broken_copy(tmp_path)
    _replace_line(copy / APPELLATIONS, 10, '"12345","Soudeur / Soudeuse"')
    with pytest.raises(RomeImportError, match=rf"{APPELLATIONS}:10: 2 fields where the header"):
        read_rome4(copy)


def test_unknown_code_names_the_line(tmp_path: Path) -> None:
    copy = _broken_copy(tmp_path)
    path = copy / APPELLATIONS
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].replace(lines[4].split(",")[3], '"Z9999"', 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RomeImportError, match=rf"{APPELLATIONS}:5: code_rome 'Z9999' is not"):
        read_rome4(copy)


def test_not_a_directory(tmp_path: Path) -> None:
    with pytest.raises(RomeImportError, match="not a directory"):
        read_rome4(tmp_path / "nope")


def test_a_failed_import_leaves_nothing_installed(tmp_path: Path) -> None:
    copy = _broken_copy(tmp_path)
    _replace_line(copy / APPELLATIONS, 10, '"x"')
    with pytest.raises(RomeImportError):
        install(copy, tmp_path / "data")
    assert [i for i in list_installed(tmp_path / "data") if not i.shipped] == []
