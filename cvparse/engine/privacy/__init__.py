"""Minimisation: find personal and sensitive data in a CV and mask it before any matching.

Masking happens on the text itself (spans replaced by spaces, offsets unchanged), so nothing
downstream — candidates, matches, evidence, logs — can carry what was found. Only the
categories and their counts leave this module.
"""

from cvparse.engine.privacy.detect import PrivacyResult, detect_and_mask

__all__ = ["PrivacyResult", "detect_and_mask"]
