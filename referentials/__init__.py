"""Referential data shipped with cvparse, and the loader that reads it into the internal model."""

from referentials.loader import DEFAULT_NAME, SHIPPED_DIR, ReferentialError, load_default, load_dir

__all__ = ["DEFAULT_NAME", "SHIPPED_DIR", "ReferentialError", "load_default", "load_dir"]
