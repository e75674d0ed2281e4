"""The advisor's review: decisions per field, and the saved profile built only from the fields an
advisor confirmed or edited (GDPR art. 22: no automated decision is saved on its own)."""
