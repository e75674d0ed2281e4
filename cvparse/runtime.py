"""Edge code that turns a referential spec into a ready Pipeline, with an on-disk cache.

Building the index of the full ROME 4.0 (~47,000 labels) takes a few seconds; every CLI run,
worker start and API start would pay it. The cache stores the referential and its index as
plain tuples and arrays under `<data dir>/cache/`, keyed by the referential's content checksum
and the index format: a new referential version or a new normaliser never reads a stale index.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from pathlib import Path

from cvparse.match.index import ReferentialIndex
from cvparse.pipeline import Pipeline, get_pipeline, pipeline_by_checksum, register_pipeline
from cvparse.profile.calibrate import load_calibration
from cvparse.referential import Referential
from cvparse.settings import get_settings

log = logging.getLogger(__name__)
CACHE_FORMAT = 1  # layout of the cache file itself


def cache_path(data_dir: Path, checksum: str) -> Path:
    name = f"index-{checksum[:32]}-f{CACHE_FORMAT}-i{ReferentialIndex.FORMAT}.pkl"
    return data_dir / "cache" / name


def load_cached(path: Path) -> tuple[Referential, ReferentialIndex] | None:
    try:
        with path.open("rb") as handle:
            state, index = pickle.load(handle)
        return Referential.from_state(state), index
    except FileNotFoundError:
        return None
    except Exception as exc:  # a corrupt or foreign cache is rebuilt, never trusted
        log.warning("index cache %s unreadable (%s): rebuilding it", path.name, type(exc).__name__)
        return None


def save_cached(path: Path, referential: Referential, index: ReferentialIndex) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".index-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((referential.to_state(), index), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def open_pipeline(spec: str | None = None, data_dir: Path | None = None) -> Pipeline:
    """The pipeline for `spec` ("cvparse-rome", "rome@460", "rome"; default from settings)."""
    from referentials.loader import checksum_of
    from referentials.store import resolve_dir

    settings = get_settings()
    spec = spec or settings.referential
    data_dir = data_dir or settings.data_dir
    directory = resolve_dir(spec, data_dir)
    checksum = checksum_of(directory)
    loaded = pipeline_by_checksum(checksum)
    if loaded is not None:
        return loaded
    path = cache_path(data_dir, checksum)
    cached = load_cached(path)
    if cached is not None and cached[0].checksum == checksum:
        referential, index = cached
        calibration = load_calibration(referential.ref, checksum)
        return register_pipeline(Pipeline(referential, index=index, calibration=calibration))
    from referentials.loader import load_dir

    referential = load_dir(directory)
    pipeline = get_pipeline(referential)
    try:
        save_cached(path, referential, pipeline.index)
    except OSError as exc:  # a read-only data dir only costs speed
        log.warning("cannot write index cache %s (%s)", path, exc.strerror)
    return pipeline
