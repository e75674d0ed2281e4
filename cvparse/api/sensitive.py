"""Sensitive words in what advisors type (comments, searches): the warning the review page shows
as they type, and the refusal the API gives when such a text is sent anyway."""

from __future__ import annotations

from cvparse.api.errors import ApiError


def sensitive_warning(text: str | None, what: str) -> tuple[list[str], dict[str, str]] | None:
    """The sensitive categories in advisor input and the warning to show, or None (the lists:
    privacy/data/advisor)."""
    from cvparse.engine.privacy.advisor_words import CATEGORY_LABELS, sensitive_categories

    found = sensitive_categories(text)
    if not found:
        return None
    fr = ", ".join(CATEGORY_LABELS[c][0] for c in found)
    en = ", ".join(CATEGORY_LABELS[c][1] for c in found)
    return found, {
        "fr": f"Ce texte mentionne : {fr}. Ces informations ne doivent être ni enregistrées ni "
              "utilisées pour décider : retirez-les puis enregistrez à nouveau.",
        "en": f"This {what} mentions {en}: such information must not be recorded or used to "
              "decide. Remove it and save again.",
    }


def refuse_sensitive(text: str | None, what: str) -> None:
    """Advisor input never carries health, religion, origin…: refused with the category."""
    if found := sensitive_warning(text, what):
        categories, message = found
        raise ApiError(422, "sensitive_words", message["en"], message["fr"],
                       categories=categories)
