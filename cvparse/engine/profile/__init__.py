"""Draft profile: the pipeline's output, a proposal an advisor reviews field by field."""

from cvparse.engine.profile.models import (
    SCHEMA_VERSION,
    DraftProfile,
    Evidence,
    Field,
    FieldKind,
    ReferentialInfo,
    SourceInfo,
)

__all__ = [
    "SCHEMA_VERSION",
    "DraftProfile",
    "Evidence",
    "Field",
    "FieldKind",
    "ReferentialInfo",
    "SourceInfo",
]
