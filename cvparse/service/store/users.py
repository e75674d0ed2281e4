"""Who a caller is: a user and their role. Its own small module so that every store that
answers "which user is this?" (accounts, tokens, sessions) can say it without importing the
others."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

Role = Literal["job_seeker", "advisor", "ops", "admin"]
ROLES: tuple[Role, ...] = ("job_seeker", "advisor", "ops", "admin")


class User(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    role: Role
    display_name: str
    active: bool
    created_at: datetime
