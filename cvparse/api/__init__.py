"""The HTTP API: upload, review field by field, saved profiles, referential search, ops and
admin. `cvparse.server` serves it with the pages; `create_api()` builds it alone."""
