"""Referential matching: normalise text, index labels, match CV phrases to referential entries."""
