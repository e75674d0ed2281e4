"""Referentials as the service installs and finds them: the shipped data, imported official
exports (`rome4.py`) and `NAME@VERSION` resolution (`store.py`)."""
