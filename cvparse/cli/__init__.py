"""The `cvparse` command line (Typer)."""

from cvparse.cli.main import app

__all__ = ["app"]
