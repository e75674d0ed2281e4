"""Storage at the edge of the pipeline: uploaded files (content-addressed) and the database
(documents with their readings and drafts, accounts, reviews and profiles, the audit log,
re-processing runs). The pipeline never imports this package; the CLI, the workers and the API
do."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from cvparse.service.settings import Settings, get_settings
from cvparse.service.store.accounts import AccountStore
from cvparse.service.store.audit import AuditLog
from cvparse.service.store.break_glass import BreakGlassStore
from cvparse.service.store.db import make_engine, upgrade
from cvparse.service.store.documents import DocumentStore
from cvparse.service.store.files import FileStore
from cvparse.service.store.learned import LearnedStore
from cvparse.service.store.listing import DocumentListing
from cvparse.service.store.reviews import ReviewStore
from cvparse.service.store.runs import RunStore
from cvparse.service.store.sessions import SessionStore
from cvparse.service.store.tokens import TokenStore

_OPEN: dict[tuple[str, Path], Stores] = {}


@dataclass(frozen=True)
class Stores:
    """Every store on one engine; the derived ones are built once per Stores, not per use."""

    files: FileStore
    documents: DocumentStore

    @property
    def engine(self):
        return self.documents.engine

    @cached_property
    def accounts(self) -> AccountStore:
        return AccountStore(self.engine)

    @cached_property
    def tokens(self) -> TokenStore:
        return TokenStore(self.engine)

    @cached_property
    def sessions(self) -> SessionStore:
        return SessionStore(self.engine)

    @cached_property
    def break_glass(self) -> BreakGlassStore:
        return BreakGlassStore(self.engine)

    @cached_property
    def reviews(self) -> ReviewStore:
        return ReviewStore(self.engine)

    @cached_property
    def audit(self) -> AuditLog:
        return AuditLog(self.engine)

    @cached_property
    def runs(self) -> RunStore:
        return RunStore(self.engine)

    @cached_property
    def learned(self) -> LearnedStore:
        return LearnedStore(self.engine)

    @cached_property
    def listing(self) -> DocumentListing:
        return DocumentListing(self.engine)


def open_stores(settings: Settings | None = None) -> Stores:
    """The stores the settings name, schema brought up to date (safe with concurrent starts).

    Opened once per process and database: a worker reuses its connection pool across tasks."""
    settings = settings or get_settings()
    key = (settings.database(), settings.files())
    if key not in _OPEN:
        engine = make_engine(key[0])
        upgrade(engine)
        _OPEN[key] = Stores(FileStore(key[1]), DocumentStore(engine))
    return _OPEN[key]


def close_stores() -> None:
    """Forget open stores (after a fork: a child must not share its parent's connections)."""
    for stores in _OPEN.values():
        stores.documents.engine.dispose(close=False)
    _OPEN.clear()
