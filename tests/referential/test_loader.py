"""The shipped referential and the loader's errors (each names the file and the line)."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from cvparse.engine.referential.csvdir import (
    DATA_FILES,
    ReferentialError,
    checksum_of,
    data_bytes,
    load_dir,
)
from cvparse.service.referentials.store import (
    SHIPPED_DATA,
    convert,
    default_dir,
    list_shipped,
    load_default,
    write_referential,
)
from tests.conftest import ROME_SUBSET

GRANDS_DOMAINES = set("ABCDEFGHIJKLMN")


def test_shipped_referential_is_the_full_rome_460() -> None:
    ref = load_default()
    assert ref.ref == "rome@460" and len(ref.checksum) == 64
    assert [i.ref for i in list_shipped()] == ["rome@460"]
    assert default_dir() == SHIPPED_DATA / "rome" / "460"
    assert len(ref.metiers) == 1584 and len(ref.appellations) == 13120
    assert {code[0] for code in ref.metiers} == GRANDS_DOMAINES
    assert all(len(code) == 5 and code[1:].isdigit() for code in ref.metiers)
    kinds = {item.kind for item in ref.items.values()}
    assert {"savoir-faire", "savoir-etre", "savoir", "macro"} <= kinds
    nurse = [a for a in ref.appellations.values() if a.metier_code == "J1506"]
    assert any(a.masculine.startswith("Infirmier ") and a.feminine.startswith("Infirmière ")
               for a in nurse)
    assert all(link.metier_code in ref.metiers for link in ref.links)
    assert all(link.item_id in ref.items for link in ref.links)
    assert ref.metiers["M1855"].parent_code == "M1805"


def test_shipped_manifest_says_where_the_data_comes_from() -> None:
    manifest = json.loads((default_dir() / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["name"] == "rome" and manifest["version"] == "460"
    assert manifest["attribution"].startswith("France Travail — ROME 4.0")
    assert manifest["licence"].startswith("Etalab-2.0")
    assert manifest["counts"] == {"metiers": 1584, "appellations": 13120, "items": 33671,
                                  "links": 90556}


def test_shipped_data_files_are_compressed() -> None:
    names = sorted(p.name for p in default_dir().iterdir())
    assert names == sorted(["manifest.json", *(f"{n}.gz" for n in DATA_FILES)])
    assert sum((default_dir() / n).stat().st_size for n in names) < 3 * 1024 * 1024


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A small referential folder in the project's layout, uncompressed (from the subset)."""
    target = tmp_path / "ref"
    write_referential(target, convert(ROME_SUBSET, name="small"), compress=False)
    return target


def test_compressed_and_plain_files_read_alike(small: Path, tmp_path: Path) -> None:
    packed = tmp_path / "packed"
    shutil.copytree(small, packed)
    for name in DATA_FILES:
        path = packed / name
        (packed / f"{name}.gz").write_bytes(gzip.compress(path.read_bytes(), mtime=0))
        path.unlink()
    assert checksum_of(packed) == checksum_of(small)  # the checksum covers uncompressed bytes
    assert data_bytes(packed, "items.csv") == (small / "items.csv").read_bytes()
    assert load_dir(packed).items == load_dir(small).items


def test_a_corrupt_compressed_file_is_named(small: Path) -> None:
    (small / "links.csv").unlink()
    (small / "links.csv.gz").write_bytes(b"not gzip")
    with pytest.raises(ReferentialError, match=r"links\.csv\.gz: not a valid gzip file"):
        load_dir(small)


def test_checksum_changes_with_content(small: Path) -> None:
    before = load_dir(small).checksum
    with (small / "items.csv").open("a", encoding="utf-8") as handle:
        handle.write("999999999,Souder à l'arc,savoir-faire,,,\n")
    assert load_dir(small).checksum != before


@pytest.mark.parametrize(
    ("file", "mutate", "message"),
    [
        ("metiers.csv", lambda p: p.unlink(), "metiers.csv: file missing"),
        ("items.csv", lambda p: p.write_text("id,label\n1,x\n"), "items.csv:1: missing column"),
        (
            "items.csv",
            lambda p: p.write_text("id,label,kind\n1,Souder,talent\n", encoding="utf-8"),
            "items.csv:2: kind 'talent'",
        ),
        (
            "appellations.csv",
            lambda p: p.write_text("id,label,metier_code\n1,Soudeur,Z9999\n", encoding="utf-8"),
            "appellations.csv:2: unknown métier code 'Z9999'",
        ),
        ("items.csv", lambda p: p.write_bytes("id,label,kind\n1,Comptabilité,savoir\n"
                                              .encode("cp1252")), "not UTF-8"),
        ("manifest.json", lambda p: p.write_text("{"), "manifest.json:1: invalid JSON"),
    ],
)
def test_broken_referential_gets_a_precise_error(small: Path, file, mutate, message) -> None:
    mutate(small / file)
    with pytest.raises(ReferentialError, match=message.replace("(", r"\(")):
        load_dir(small)
