"""Importing France Travail's official ROME 4.0 export.

Every test reads the subset committed under tests/data/rome_subset/v460; where the full export
is beside the repository (../shared/rome/v460) the tests parametrised over `EXPORTS` run on it
too, with its own figures — nothing is skipped without it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cvparse.engine.referential.csvdir import ReferentialError, checksum_of, load_dir
from cvparse.service.referentials.rome4 import REQUIRED_COLUMNS, RomeImportError, read_rome4
from cvparse.service.referentials.store import (
    DEFAULT_NAME,
    convert,
    default_dir,
    install,
    list_installed,
    load_default,
    project_curation,
    resolve,
    resolve_dir,
    same_content,
    write_referential,
)
from tests.conftest import EXPORT_IDS, EXPORTS, ROME_SUBSET, ROOT, SUBSET, Export

BUILD_SHIPPED = ROOT / "referentials" / "build_shipped.py"


@pytest.fixture(scope="module", params=EXPORTS, ids=EXPORT_IDS)
def export(request: pytest.FixtureRequest):
    """(what is known about the export, what the importer reads from it)."""
    return request.param, read_rome4(request.param.path)


def test_counts_per_table(export) -> None:
    known, read = export
    ref = read.referential
    assert read.source_version == "460"
    assert (ref.name, ref.version) == ("rome", "460")
    assert len(ref.metiers) == known.metiers
    assert len(ref.appellations) == known.appellations
    kinds = [i.kind for i in ref.items.values()]
    assert kinds.count("savoir") == known.savoirs
    assert len(ref.items) - kinds.count("savoir") == known.competences
    assert {"savoir-faire", "savoir-etre", "macro"} <= set(kinds)
    assert {m.code[0] for m in ref.metiers.values()} == set(known.grands_domaines)
    assert all(link.item_id in ref.items for link in ref.links)
    assert any(link.core for link in ref.links) and any(link.emerging for link in ref.links)
    if known.full:
        assert len(ref.links) > 80_000


def test_m1805_its_appellations_and_its_children(export) -> None:
    known, read = export
    ref = read.referential
    assert ref.metiers["M1805"].title == "Développeur / Développeuse informatique"
    assert ref.metiers["M1805"].parent_code is None
    assert ref.metiers["M1855"].parent_code == "M1805"
    assert ref.metiers["M1855"].title == "Développeur / Développeuse web"
    assert ref.metiers["M1805"].domain == "M18"
    children = [m for m in ref.metiers.values() if m.parent_code == "M1805"]
    assert len(children) == known.m1805_children
    dev = ref.appellations["14153"]
    assert dev.metier_code == "M1805" and dev.principal
    assert (dev.masculine, dev.feminine) == (
        "Développeur informatique", "Développeuse informatique"
    )
    assert sum(a.metier_code == "M1805" for a in ref.appellations.values()) >= 10
    assert any(link.metier_code == "M1805" and link.core for link in ref.links)


def test_feminine_forms_are_found(export) -> None:
    _, read = export
    nurse = [a for a in read.referential.appellations.values() if a.label.startswith(
        "Infirmier / Infirmière")]
    assert any(a.metier_code == "J1506" for a in nurse)
    assert all(a.masculine.startswith("Infirmier ") for a in nurse)
    assert all(a.feminine.startswith("Infirmière ") for a in nurse)


def test_only_block_5_makes_links(export) -> None:
    """The fiche's other blocks (appellations, work contexts, mobilities) are not competences."""
    _, read = export
    ref = read.referential
    assert {ref.items[link.item_id].kind for link in ref.links} <= {
        "savoir-faire", "savoir-etre", "savoir", "macro"
    }
    assert not any(link.item_id in ref.appellations for link in ref.links)


# -- install: no-op, new versions, the shipped one -------------------------------------------


def _newer_version(tmp_path: Path, label: tuple[str, str] | None = None) -> Path:
    """The subset as if France Travail had published v461 (optionally with one label changed)."""
    newer = tmp_path / "v461"
    newer.mkdir()
    for f in ROME_SUBSET.glob("unix_*_v460_utf8.csv"):
        text = f.read_text(encoding="utf-8")
        if label is not None:
            text = text.replace(*label)
        (newer / f.name.replace("_v460_", "_v461_")).write_text(text, encoding="utf-8")
    return newer


def test_same_version_twice_is_a_no_op(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first, created, warnings = install(ROME_SUBSET, data, name="romesub")
    assert created and first.ref == "romesub@460" and not first.shipped
    assert first.counts == {"metiers": 15, "appellations": 245, "items": 898, "links": 950}
    assert warnings  # curation rows for fiches the subset lacks are reported, not fatal
    stamp = (first.path / "items.csv").stat().st_mtime_ns
    again, created, _ = install(ROME_SUBSET, data, name="romesub")
    assert not created and again.path == first.path
    assert (again.path / "items.csv").stat().st_mtime_ns == stamp


def test_other_content_under_an_installed_name_and_version_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    install(ROME_SUBSET, data, name="romesub")
    with pytest.raises(ReferentialError, match=r"already installed .* with different content"):
        install(ROME_SUBSET, data, name="romesub", with_synonyms=False)


def test_the_subset_cannot_pass_for_the_shipped_rome_460(tmp_path: Path) -> None:
    """rome@460 is shipped; an export with other content under that name is refused."""
    with pytest.raises(ReferentialError, match="rome@460 is shipped with cvparse with different"):
        install(ROME_SUBSET, tmp_path / "data")
    assert [i for i in list_installed(tmp_path / "data") if not i.shipped] == []


def test_a_newer_version_sits_beside_and_the_name_alone_resolves_to_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    newer = _newer_version(tmp_path, ('"Soudeur / Soudeuse"', '"Soudeur / Soudeuse soudure"'))
    second, created, _ = install(newer, data)
    assert created and second.ref == "rome@461" and not second.shipped
    assert [i.ref for i in list_installed(data)] == ["rome@460", "rome@461"]
    assert [i.shipped for i in list_installed(data)] == [True, False]
    latest = resolve("rome", data)  # a name alone: the newest version, shipped or installed
    assert latest.version == "461"
    assert latest.metiers["H2913"].title == "Soudeur / Soudeuse soudure"
    assert resolve_dir("rome@460", data) == default_dir()  # named: back to the shipped one
    assert resolve("rome@460", data).checksum == load_default().checksum
    with pytest.raises(ReferentialError, match="not installed"):
        resolve("rome@459", data)


@pytest.mark.parametrize("known", EXPORTS, ids=EXPORT_IDS)
def test_importing_the_shipped_version_is_a_no_op(known: Export, tmp_path: Path) -> None:
    """The full v460 export is what rome@460 ships: importing it writes nothing. (On the
    subset: the same no-op for a version installed in the data folder.)"""
    data = tmp_path / "data"
    if known.full:
        installed, created, warnings = install(known.path, data)
        assert installed.shipped and installed.path == default_dir()
        assert not created and warnings == []
    else:
        installed, created, _ = install(known.path, data, name="romesub")
        assert created
        again, created, _ = install(known.path, data, name="romesub")
        assert again.path == installed.path and not created
    assert not (data / "referentials" / DEFAULT_NAME).exists()


@pytest.mark.parametrize("known", EXPORTS, ids=EXPORT_IDS)
def test_shipped_and_imported_are_the_same_referential(known: Export, tmp_path: Path) -> None:
    """One conversion behind both: same files, same checksum, compressed or not. On the full
    export: the shipped rome@460 is exactly an import of it."""
    conversion = convert(known.path, curation=project_curation())
    imported = tmp_path / "imported"
    write_referential(imported, conversion, compress=False)
    if known.full:
        shipped = default_dir()
    else:
        shipped = tmp_path / "shipped"
        write_referential(shipped, conversion, compress=True)
        assert {p.suffix for p in shipped.glob("*.csv*")} == {".gz"}
    assert same_content(shipped, conversion)
    assert checksum_of(shipped) == checksum_of(imported)
    assert load_dir(shipped).checksum == load_dir(imported).checksum
    if known.full:
        assert load_default().checksum == checksum_of(imported)


@pytest.mark.parametrize("known", EXPORTS, ids=EXPORT_IDS)
def test_build_shipped_check(known: Export, tmp_path: Path) -> None:
    """`referentials/build_shipped.py --check` passes on the committed data (full export); on
    the subset, what the script writes passes its own check, and stale data is caught."""
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, str(BUILD_SHIPPED), "-q", *args],
                              capture_output=True, text=True, cwd=ROOT, timeout=300)

    if known.full:
        result = run("--check")
        assert result.returncode == 0, result.stderr
        assert "rome@460: up to date" in result.stdout
        return
    out = tmp_path / "data"
    built = run("--rome", str(known.path), "--out", str(out))
    assert built.returncode == 0, built.stderr
    assert sorted(p.name for p in (out / "rome" / "460").iterdir()) == [
        "appellations.csv.gz", "items.csv.gz", "links.csv.gz", "manifest.json", "metiers.csv.gz"
    ]
    checked = run("--check", "--rome", str(known.path), "--out", str(out))
    assert checked.returncode == 0, checked.stderr
    (out / "rome" / "460" / "links.csv.gz").unlink()
    stale = run("--check", "--rome", str(known.path), "--out", str(out))
    assert stale.returncode == 1 and "stale" in stale.stderr


# -- the project's curation reaches the imported referential ---------------------------------


def test_project_synonyms_reach_the_imported_items(tmp_path: Path) -> None:
    curation = project_curation()
    installed, _, warnings = install(ROME_SUBSET, tmp_path, name="romesub")
    ref = load_dir(installed.path)
    curated = [i for i in curation.item_synonyms if i in ref.items]
    assert len(curated) >= 50
    # "rigueur" is a CV's word for the savoir-être "Faire preuve de rigueur et de précision"
    assert ref.items["300490"].label == "Faire preuve de rigueur et de précision"
    assert "rigueur" in ref.items["300490"].synonyms
    for item_id in curated:
        official = ref.items[item_id].label
        expected = [s for s in curation.item_synonyms[item_id] if s.lower() != official.lower()]
        assert list(ref.items[item_id].synonyms) == expected, item_id
    # an id the export does not hold is reported, never fatal
    absent = next(i for i in curation.item_synonyms if i not in ref.items)
    assert f"item_synonyms.csv: {absent} is not in this export" in warnings


def test_project_job_titles_and_gender_forms_reach_the_imported_appellations(
    tmp_path: Path,
) -> None:
    installed, _, _ = install(ROME_SUBSET, tmp_path, name="romesub")
    ref = load_dir(installed.path)
    assert "aide soignante diplômée" in ref.appellations["10891"].synonyms  # J1501
    assert "IDE" in ref.appellations["15545"].synonyms  # J1506
    artist = ref.appellations["11161"]  # "Artiste Plasticien / Plasticienne" (B1101)
    assert (artist.masculine, artist.feminine) == ("Artiste plasticien", "Artiste plasticienne")


def test_without_synonyms_the_official_labels_alone(tmp_path: Path) -> None:
    installed, _, warnings = install(ROME_SUBSET, tmp_path, name="official",
                                     with_synonyms=False)
    ref = load_dir(installed.path)
    assert warnings == []
    assert not any(i.synonyms for i in ref.items.values())
    assert not any(a.synonyms for a in ref.appellations.values())


def test_the_shipped_referential_carries_the_curation() -> None:
    shipped = load_default()
    assert (shipped.name, shipped.version) == ("rome", "460")
    assert "rigueur" in shipped.items["300490"].synonyms
    assert "IDE" in shipped.appellations["15545"].synonyms
    assert sum(bool(i.synonyms) for i in shipped.items.values()) >= 2000


# -- errors name the file and the line --------------------------------------------------------


def _broken_copy(tmp_path: Path) -> Path:
    """A copy of the tables the importer reads, to break."""
    copy = tmp_path / "export"
    copy.mkdir()
    for table in REQUIRED_COLUMNS:
        name = f"unix_{table}_v460_utf8.csv"
        shutil.copyfile(ROME_SUBSET / name, copy / name)
    return copy


def _replace_line(path: Path, line_no: int, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line_no - 1] = new + "\n"
    path.write_text("".join(lines), encoding="utf-8")


APPELLATIONS = "unix_referentiel_appellation_v460_utf8.csv"
COMPETENCES = "unix_referentiel_competence_v460_utf8.csv"
LINKS = "unix_liens_rome_referentiels_v460_utf8.csv"


def test_the_subset_reads_like_the_export(tmp_path: Path) -> None:
    """The broken copies below start from a copy that imports cleanly."""
    assert read_rome4(_broken_copy(tmp_path)).counts["metiers"] == SUBSET.metiers


def test_missing_file_is_named(tmp_path: Path) -> None:
    copy = _broken_copy(tmp_path)
    (copy / "unix_referentiel_savoir_v460_utf8.csv").unlink()
    with pytest.raises(RomeImportError, match=r"missing file.*unix_referentiel_savoir_vNNN"):
        read_rome4(copy)


def test_two_versions_in_one_folder_are_refused(tmp_path: Path) -> None:
    copy = _broken_copy(tmp_path)
    shutil.copyfile(copy / APPELLATIONS, copy / APPELLATIONS.replace("v460", "v461"))
    with pytest.raises(RomeImportError, match="a second file for table referentiel_appellation"):
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


def test_a_link_to_an_unknown_item_names_the_line(tmp_path: Path) -> None:
    copy = _broken_copy(tmp_path)
    path = copy / LINKS
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.split(",")[1] == '"5"')
    fields = lines[at].split(",")
    lines[at] = ",".join([*fields[:3], '"999999999"'])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RomeImportError, match=rf"{LINKS}:{at + 1}: code_ogr '999999999' is not"):
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
    assert not any((tmp_path / "data").rglob("*.csv"))


@pytest.mark.parametrize("known", EXPORTS, ids=EXPORT_IDS)
def test_the_committed_subset_is_what_the_script_makes(known: Export, tmp_path: Path) -> None:
    """tests/data/make_rome_subset.py remakes the committed subset byte for byte from the full
    export; cutting the subset itself gives it back unchanged (nothing in it is stray)."""
    names = sorted(p.name for p in ROME_SUBSET.iterdir() if p.name != "README.md")
    assert "version.txt" in names and len([n for n in names if n.startswith("unix_")]) == 16
    assert sum((ROME_SUBSET / n).stat().st_size for n in names) < 1_000_000
    out = tmp_path / "remade"
    made = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "data" / "make_rome_subset.py"),
         "--rome", str(known.path), "--out", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert made.returncode == 0, made.stderr
    assert sorted(p.name for p in out.iterdir()) == names
    for name in names:
        assert (out / name).read_bytes() == (ROME_SUBSET / name).read_bytes(), name
