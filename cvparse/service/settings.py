"""One settings object, read from the environment (prefix CVPARSE_), shared by every shell."""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from cvparse.service.oidc.providers import OidcProviders


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "cvparse"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CVPARSE_", extra="ignore")

    # Where imported referentials and the index cache live.
    data_dir: Path = Field(default_factory=_default_data_dir)
    # Referential used when none is named: "rome" (the newest ROME version, shipped or
    # imported), or a precise "NAME@VERSION" such as "rome@460" (shipped with cvparse).
    referential: str = "rome"

    # Storage. SQLite under the data dir by default (embedded: no server needed);
    # PostgreSQL with e.g. "postgresql+psycopg://user@host:5432/db".
    database_url: str | None = None
    # Uploaded files, content-addressed by sha256 (default: <data dir>/files).
    storage_dir: Path | None = None

    # Workers. No broker: tasks run in-process (the README's main command needs no Redis).
    broker_url: str | None = None
    result_backend: str | None = None  # Celery results are not needed: drafts go to the store
    worker_concurrency: int = 2
    # A pathological file cannot hang a worker: the soft limit ends the task cleanly (the
    # document is recorded as failed with code "timeout"), the hard one kills the child.
    task_soft_time_limit: float = 60.0
    task_time_limit: float = 90.0
    # A child process is replaced once it holds this much memory (KiB); the ROME 4.0 index
    # alone takes ~360 MB.
    worker_max_memory_per_child: int = 1_500_000
    # A task taken by a worker that dies (SIGKILL, OOM, lost host) goes back to the queue after
    # this many seconds; it must exceed the hard time limit or running tasks would be re-sent.
    visibility_timeout: int = 300
    task_max_retries: int = 5  # transient errors (broker, database) only
    task_retry_backoff_max: int = 300  # seconds; exponential backoff is capped there

    # Retention (GDPR storage limitation): original files and drafts are deleted this many days
    # after the profile is saved; documents never finalized, this many days after upload.
    retention_days: int = 30
    retention_unreviewed_days: int = 180

    # Access. A page session ends after this long without a request (idle) and, whatever the
    # activity, this long after sign-in (absolute): 30 minutes and 8 hours (a working day).
    session_idle_minutes: float = 30
    session_lifetime_hours: float = 8
    # An administrator's password-reset link works once, within this many hours.
    reset_link_hours: float = 24
    # The address people reach the pages at, for links printed by the CLI (password links).
    public_url: str = "http://127.0.0.1:8000"
    # The session cookie's Secure flag; None: set when the request came over HTTPS (behind a
    # TLS-terminating proxy, run uvicorn with --proxy-headers or set this to true).
    cookie_secure: bool | None = None
    # Break-glass access to one document's content lasts at most this long.
    break_glass_max_minutes: int = 60
    # OpenID Connect identity providers (JSON list; README "Signing in with OpenID Connect").
    oidc_providers: OidcProviders = Field(default_factory=list)

    # Rate limits on credential checks (sign-in, current password, reset links, bearer
    # tokens): after this many failures within the window, further attempts from the same
    # client address, or on the same account, are refused (429) until the window ends. The
    # address is the one uvicorn reports: it reads X-Forwarded-For from 127.0.0.1 only, so
    # behind a proxy on another host set FORWARDED_ALLOW_IPS=<the proxy> (uvicorn's
    # --forwarded-allow-ips) or every client counts as the proxy. With a Redis broker, every
    # server process shares the counts.
    rate_limit_window_seconds: float = Field(300, gt=0)
    rate_limit_account_failures: int = Field(10, ge=1)  # 0 would refuse everyone
    rate_limit_address_failures: int = Field(30, ge=1)

    # API uploads.
    max_upload_bytes: int = 10 * 1024 * 1024
    max_pages: int = 20

    def session_idle(self) -> timedelta:
        return timedelta(minutes=self.session_idle_minutes)

    def session_lifetime(self) -> timedelta:
        return timedelta(hours=self.session_lifetime_hours)

    def database(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'cvparse.db'}"

    def files(self) -> Path:
        return self.storage_dir or self.data_dir / "files"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
