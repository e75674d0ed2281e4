"""`python -m cvparse.cli …` runs the same command line as the `cvparse` script."""

from cvparse.cli import app

app()
