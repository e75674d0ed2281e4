"""Importers of official referential exports into the project's referential layout."""

from referentials.importers.rome4 import RomeExport, read_rome4

__all__ = ["RomeExport", "read_rome4"]
