"""The HTTP API (FastAPI): upload, review field by field, save only what an advisor confirmed.
`cvparse serve` runs it; `create_app()` builds it for tests and servers."""
