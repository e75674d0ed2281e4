"""The one registry of ready pipelines: keyed by referential content and options, bounded,
disk cache behind it, and a spec without a version resolved again at every request."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from cvparse.engine.referential.csvdir import ReferentialError
from cvparse.service.referentials.store import Conversion, convert, write_referential
from cvparse.service.registry import PipelineOptions, PipelineRegistry, cache_path
from tests.conftest import ROME_SUBSET


@cache
def _tiny() -> Conversion:
    """A tiny referential (the committed export subset: 15 métiers), quick to index."""
    return convert(ROME_SUBSET, name="romecopy")


def _install_copy(data_dir: Path, name: str, version: str, drop_items: int = 0) -> Path:
    """The tiny referential installed as NAME@VERSION (optionally with fewer items, so its
    content — and checksum — differ)."""
    target = data_dir / "referentials" / name / version
    write_referential(target, _tiny(), compress=False)
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    manifest.update(name=name, version=version)
    (target / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    if drop_items:
        items = (target / "items.csv").read_text(encoding="utf-8").splitlines(keepends=True)
        (target / "items.csv").write_text("".join(items[:-drop_items]), encoding="utf-8")
    return target


def test_a_name_alone_means_the_newest_version_at_each_request(tmp_path: Path) -> None:
    registry = PipelineRegistry()
    _install_copy(tmp_path, "romecopy", "1")
    first = registry.get("romecopy", data_dir=tmp_path)
    assert first.referential.ref == "romecopy@1"
    _install_copy(tmp_path, "romecopy", "2", drop_items=3)
    newer = registry.get("romecopy", data_dir=tmp_path)
    assert newer.referential.ref == "romecopy@2"
    assert len(newer.referential.items) == len(first.referential.items) - 3
    assert registry.get("romecopy@1", data_dir=tmp_path) is first  # still held, not rebuilt


def test_options_share_one_index_and_give_their_own_pipeline(tmp_path: Path) -> None:
    registry = PipelineRegistry()
    _install_copy(tmp_path, "romecopy", "1")
    default = registry.get("romecopy@1", data_dir=tmp_path)
    no_ocr = registry.get("romecopy@1", PipelineOptions(ocr=False), data_dir=tmp_path)
    raw = registry.get("romecopy@1", PipelineOptions(calibrated=False), data_dir=tmp_path)
    assert default.ocr and not no_ocr.ocr and raw.calibration is None
    assert default.index is no_ocr.index is raw.index
    assert default.referential is raw.referential
    assert registry.get("romecopy@1", PipelineOptions(ocr=False), data_dir=tmp_path) is no_ocr


def test_the_registry_is_bounded(tmp_path: Path) -> None:
    registry = PipelineRegistry(max_referentials=2)
    for version, drop in (("1", 1), ("2", 2), ("3", 3)):
        _install_copy(tmp_path, "romecopy", version, drop_items=drop)
    first = registry.get("romecopy@1", data_dir=tmp_path)
    registry.get("romecopy@2", data_dir=tmp_path)
    registry.get("romecopy@3", data_dir=tmp_path)
    assert len(registry._loaded) == 2  # the least recently used one was let go
    again = registry.get("romecopy@1", data_dir=tmp_path)
    assert again is not first and again.referential.checksum == first.referential.checksum


def test_a_fresh_registry_opens_the_disk_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = _install_copy(tmp_path, "romecopy", "1")
    built = PipelineRegistry().get("romecopy@1", data_dir=tmp_path)
    assert cache_path(tmp_path, built.referential.checksum).is_file()

    def no_csv(_directory: Path):
        raise AssertionError("the CSV files were read although the index is cached")

    monkeypatch.setattr("cvparse.service.registry.load_dir", no_csv)
    opened = PipelineRegistry().get("romecopy@1", data_dir=tmp_path)
    assert opened.referential.checksum == built.referential.checksum
    assert len(opened.index) == len(built.index)
    assert directory.is_dir()


def test_an_unknown_referential_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReferentialError, match="'nosuch@1' is not installed"):
        PipelineRegistry().get("nosuch@1", data_dir=tmp_path)


def test_search_index_is_built_once_per_referential(tmp_path: Path) -> None:
    registry = PipelineRegistry()
    _install_copy(tmp_path, "romecopy", "1")
    index = registry.search_index("romecopy@1", data_dir=tmp_path)
    assert index and registry.search_index("romecopy@1", data_dir=tmp_path) is index


def test_the_default_is_the_shipped_rome_460(pipeline, tmp_path: Path) -> None:
    """No spec, an empty data folder: the shipped ROME 4.0 — the very pipeline the tests use
    (held by content checksum, so asking again builds nothing)."""
    from cvparse.service.registry import registry

    default = registry().get(data_dir=tmp_path)
    assert default.referential.ref == "rome@460"
    assert default is pipeline
    assert registry().get("rome", data_dir=tmp_path) is pipeline
    assert default.calibration is not None  # referentials/calibration/rome@460.json
