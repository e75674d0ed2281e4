"""The one registry of ready pipelines: every shell (CLI, API, workers, referential search,
evaluation, calibration) gets its pipelines and referentials here, and nowhere else.

Why one place: building the index of the full ROME 4.0 takes seconds and hundreds of MB; a
process must hold it once, whoever asks. Pipelines are keyed by what makes them differ — the
referential's content checksum, the options (OCR on or off, calibrated confidence or raw
scores) and the learned layer (`cvparse.engine.learned`: its version and content digest) —
and pipelines that differ only by options share one referential and one index. A layer with
additions has its own index (the base one plus the learned synonyms), built once per layer
content and dropped with its referential; it is not cached on disk (a few seconds per layer
and process).

Behind the memory cache, an on-disk cache stores the referential and its index as plain tuples
and arrays under `<data dir>/cache/`, keyed by the referential's content checksum and the index
format: a new referential version or a new normaliser never reads a stale index. A spec without
a version ("rome") is resolved again on every request, so a newly imported version is used as
soon as it is installed.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from cvparse.engine.learned import LearnedLayer, learned_entries
from cvparse.engine.match.index import ReferentialIndex
from cvparse.engine.pipeline import Pipeline
from cvparse.engine.profile.calibrate import Calibration, load_calibration
from cvparse.engine.referential import Referential
from cvparse.engine.referential.csvdir import checksum_of, load_dir
from cvparse.engine.referential.search import SearchIndex, build_search_index
from cvparse.service.referentials.store import CALIBRATION_DIR, resolve_dir
from cvparse.service.settings import get_settings

log = logging.getLogger(__name__)
CACHE_FORMAT = 1  # layout of the cache file itself
MAX_REFERENTIALS = 4  # referential versions (with their index) held per process


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    """What, besides the referential, makes two pipelines differ."""

    ocr: bool = True  # read text-less PDF pages with Tesseract (off: such a CV needs_ocr)
    calibrated: bool = True  # calibrated confidence when a calibration exists (off: raw scores)


DEFAULT_OPTIONS = PipelineOptions()


@dataclass(slots=True)
class _Loaded:
    referential: Referential
    index: ReferentialIndex
    calibration: Calibration | None
    search: SearchIndex | None = None  # built on first search
    learned_indexes: dict[str, ReferentialIndex] = field(default_factory=dict)  # by digest


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


class PipelineRegistry:
    """Ready pipelines by (referential checksum, options, learned layer label: its version and
    digest), bounded, with the disk cache behind.

    Thread-safe: the API serves requests from a thread pool."""

    def __init__(
        self, max_referentials: int = MAX_REFERENTIALS, calibration_dir: Path = CALIBRATION_DIR
    ) -> None:
        self.max_referentials = max_referentials
        self.calibration_dir = calibration_dir
        self._loaded: OrderedDict[str, _Loaded] = OrderedDict()
        self._pipelines: dict[tuple[str, PipelineOptions, str | None], Pipeline] = {}
        self._checksums: dict[Path, tuple[tuple[int, ...], str]] = {}
        self._lock = threading.RLock()

    # -- asking for pipelines --------------------------------------------------------------

    def get(
        self,
        spec: str | None = None,
        options: PipelineOptions = DEFAULT_OPTIONS,
        *,
        data_dir: Path | None = None,
        learned: LearnedLayer | None = None,
    ) -> Pipeline:
        """The pipeline for `spec` ("rome@460", "rome" = the newest version shipped or installed;
        default from settings), with the `learned` layer applied if given. Raises
        `ReferentialError` for an unknown spec."""
        settings = get_settings()
        data_dir = data_dir or settings.data_dir
        directory = resolve_dir(spec or settings.referential, data_dir)
        checksum = self._checksum(directory)
        with self._lock:
            loaded = self._loaded.get(checksum)
            if loaded is None:
                loaded = self._load(directory, checksum, data_dir)
            return self._pipeline(checksum, loaded, options, learned)

    def referential(self, spec: str | None = None, *, data_dir: Path | None = None
                    ) -> Referential:
        """The referential named by `spec` (loaded with its index: they are cached together)."""
        return self.get(spec, data_dir=data_dir).referential

    def search_index(self, spec: str | None = None, *, data_dir: Path | None = None
                     ) -> SearchIndex:
        """The autocomplete index of the referential named by `spec`, built once."""
        referential = self.referential(spec, data_dir=data_dir)
        with self._lock:
            loaded = self._loaded[referential.checksum]
            if loaded.search is None:
                loaded.search = build_search_index(referential)
            return loaded.search

    def for_referential(
        self, referential: Referential, options: PipelineOptions = DEFAULT_OPTIONS,
        learned: LearnedLayer | None = None,
    ) -> Pipeline:
        """The pipeline for a referential already in memory (tests, tools, benchmarks), with
        the `learned` layer applied if given."""
        with self._lock:
            loaded = self._loaded.get(referential.checksum)
            if loaded is None or loaded.referential is not referential:
                loaded = _Loaded(referential, ReferentialIndex(referential),
                                 self._calibration(referential))
                self._remember(referential.checksum, loaded)
            return self._pipeline(referential.checksum, loaded, options, learned)

    def with_learned(self, pipeline: Pipeline, learned: LearnedLayer | None) -> Pipeline:
        """The same pipeline (referential, options) with another learned layer (None: none)."""
        if (learned.label if learned else None) == (
            pipeline.learned.label if pipeline.learned else None
        ):
            return pipeline
        options = PipelineOptions(ocr=pipeline.ocr, calibrated=pipeline.calibration is not None)
        return self.for_referential(pipeline.referential, options, learned)

    def clear(self) -> None:
        with self._lock:
            self._loaded.clear()
            self._pipelines.clear()
            self._checksums.clear()

    # -- inside ----------------------------------------------------------------------------

    def _pipeline(self, checksum: str, loaded: _Loaded, options: PipelineOptions,
                  learned: LearnedLayer | None = None) -> Pipeline:
        self._loaded.move_to_end(checksum)
        if learned is not None and learned.empty:
            learned = None  # an empty layer changes nothing: share the plain pipeline
        # by label (version and digest): a draft records the version it was made with
        key = (checksum, options, learned.label if learned else None)
        pipeline = self._pipelines.get(key)
        if pipeline is None or pipeline.referential is not loaded.referential:
            pipeline = Pipeline(
                loaded.referential,
                index=self._index(loaded, learned),
                calibration=loaded.calibration if options.calibrated else None,
                ocr=options.ocr,
                learned=learned,
            )
            self._pipelines[key] = pipeline
        return pipeline

    @staticmethod
    def _index(loaded: _Loaded, learned: LearnedLayer | None) -> ReferentialIndex:
        """The base index, or the base plus a layer's learned synonyms (built once per layer)."""
        if learned is None or not learned.additions:
            return loaded.index
        index = loaded.learned_indexes.get(learned.digest)
        if index is None:
            index = ReferentialIndex(loaded.referential, learned_entries(learned))
            loaded.learned_indexes[learned.digest] = index
        return index

    def _load(self, directory: Path, checksum: str, data_dir: Path) -> _Loaded:
        path = cache_path(data_dir, checksum)
        cached = load_cached(path)
        if cached is not None and cached[0].checksum == checksum:
            referential, index = cached
        else:
            referential = load_dir(directory)
            index = ReferentialIndex(referential)
            try:
                save_cached(path, referential, index)
            except OSError as exc:  # a read-only data dir only costs speed
                log.warning("cannot write index cache %s (%s)", path, exc.strerror)
        loaded = _Loaded(referential, index, self._calibration(referential))
        self._remember(checksum, loaded)
        return loaded

    def _remember(self, checksum: str, loaded: _Loaded) -> None:
        self._loaded[checksum] = loaded
        self._loaded.move_to_end(checksum)
        while len(self._loaded) > self.max_referentials:
            gone, _ = self._loaded.popitem(last=False)
            for key in [k for k in self._pipelines if k[0] == gone]:
                del self._pipelines[key]

    def _calibration(self, referential: Referential) -> Calibration | None:
        return load_calibration(referential.ref, referential.checksum, self.calibration_dir)

    def _checksum(self, directory: Path) -> str:
        """The content checksum of a referential folder, hashed again only when a file's size
        or modification time changed (hashing the full ROME's CSVs on every task would cost
        more than the parse)."""
        stamp = _stamp(directory)
        with self._lock:
            known = self._checksums.get(directory)
            if known is not None and known[0] == stamp:
                return known[1]
        checksum = checksum_of(directory)
        with self._lock:
            self._checksums[directory] = (stamp, checksum)
        return checksum


def _stamp(directory: Path) -> tuple[int, ...]:
    out: list[int] = []
    for name in sorted(os.listdir(directory)):
        try:
            st = (directory / name).stat()
        except OSError:
            continue
        out += [st.st_size, st.st_mtime_ns]
    return tuple(out)


_REGISTRY = PipelineRegistry()


def registry() -> PipelineRegistry:
    """The process's registry."""
    return _REGISTRY


def get_pipeline(
    spec: str | None = None,
    options: PipelineOptions = DEFAULT_OPTIONS,
    *,
    data_dir: Path | None = None,
    learned: LearnedLayer | None = None,
) -> Pipeline:
    """Shortcut for `registry().get(...)`."""
    return _REGISTRY.get(spec, options, data_dir=data_dir, learned=learned)
