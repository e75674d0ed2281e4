"""One settings object, read from the environment (prefix CVPARSE_), shared by every shell."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "cvparse"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CVPARSE_", extra="ignore")

    # Where imported referentials and the index cache live.
    data_dir: Path = Field(default_factory=_default_data_dir)
    # Referential used by `parse` when --referential is not given: "cvparse-rome" (shipped),
    # "rome@460", or a name alone for its newest installed version.
    referential: str = "cvparse-rome"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
