"""Measure drafts against hand-written gold profiles: precision, recall, calibration."""
