"""The shipped referential and the loader's errors (each names the file and the line)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cvparse.engine.referential.csvdir import ReferentialError, load_dir
from cvparse.service.referentials.store import SHIPPED_DIR, load_default

GRANDS_DOMAINES = set("ABCDEFGHIJKLMN")


def test_shipped_referential_is_credible() -> None:
    ref = load_default()
    assert ref.name == "cvparse-rome" and ref.version and len(ref.checksum) == 64
    assert len(ref.metiers) >= 15
    assert {code[0] for code in ref.metiers} == GRANDS_DOMAINES
    assert all(len(code) == 5 and code[1:].isdigit() for code in ref.metiers)
    kinds = {item.kind for item in ref.items.values()}
    assert {"savoir-faire", "savoir-etre", "savoir", "macro"} <= kinds
    nurse = [a for a in ref.appellations.values() if a.metier_code == "J1506"]
    assert any(a.masculine.startswith("Infirmier ") and a.feminine.startswith("Infirmière ")
               for a in nurse)
    assert all(link.metier_code in ref.metiers for link in ref.links)


def test_checksum_changes_with_content(tmp_path: Path) -> None:
    copy = tmp_path / "ref"
    shutil.copytree(SHIPPED_DIR, copy)
    before = load_dir(copy).checksum
    with (copy / "items.csv").open("a", encoding="utf-8") as handle:
        handle.write("999999999,Souder à l'arc,savoir-faire,,,\n")
    assert load_dir(copy).checksum != before


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
def test_broken_referential_gets_a_precise_error(tmp_path: Path, file, mutate, message) -> None:
    copy = tmp_path / "ref"
    shutil.copytree(SHIPPED_DIR, copy)
    mutate(copy / file)
    with pytest.raises(ReferentialError, match=message.replace("(", r"\(")):
        load_dir(copy)
