"""Referential data shipped with cvparse (found by `cvparse.service.referentials.store` as
package data) and the developer tool that rebuilds it (`build_shipped.py`).

Nothing here is imported by cvparse: this folder depends on cvparse, never the reverse.
"""
