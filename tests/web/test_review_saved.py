"""Saved means saved (issue #17, point 8, the review page's side) and the page's language
(point 9): after saving, the page opens read-only on the saved profile — who saved it, when,
what was saved, rejected and left out; every string in French or in English, decisions named
as states."""

from __future__ import annotations

import re

from tests.live import LiveServer
from tests.web.reviewing import decisions, draft, open_review, upload, wait_idle


def _review_three(page) -> list[str]:
    page.keyboard.press("n")
    page.keyboard.press("c")
    page.keyboard.press("n")
    page.keyboard.press("r")
    page.keyboard.press("n")
    page.keyboard.press("c")
    wait_idle(page)
    return page.locator("#groups .field[data-state=confirm], #groups .field[data-state=reject]"
                        ).evaluate_all("els => els.map(e => e.dataset.id)")


def test_after_saving_the_page_is_read_only_on_the_saved_profile(page, live: LiveServer) -> None:
    doc_id = upload(live)
    fields = draft(live, doc_id)["draft"]["fields"]
    open_review(page, live, doc_id)
    decided = _review_three(page)
    rejected = [i for i, d in decisions(live, doc_id).items() if d["action"] == "reject"]
    rejected_label = next(f["label"] for f in fields if f["id"] == rejected[0])
    page.keyboard.press("f")
    assert "2 confirmés" in page.inner_text("#summary-list")
    assert "1 rejeté\n" in page.inner_text("#summary-list") + "\n"
    page.keyboard.press("Enter")
    page.wait_for_selector("#saved:not([hidden])")

    for reload in (False, True):  # at once, and when the page is opened again later
        if reload:
            page.reload()
            page.wait_for_selector(".review[data-ready=true]")
        title = page.inner_text("#saved-title")
        assert re.fullmatch(r"Profil enregistré le \d{1,2} \w+ 20\d\d à \d\d:\d\d par advisor\.",
                            title), title
        lists = page.inner_text("#saved-lists")
        assert "Enregistrés dans le profil (2)" in lists and "Rejetés (1)" in lists
        assert rejected_label in page.inner_text("[data-list=rejected_fields]")
        assert f"Non relus (non enregistrés) ({len(fields) - 3})" in lists
        # read-only: no decision can be made, nothing can be added or saved again
        assert page.locator("#groups button").count() == 0
        assert page.locator("#add-form").is_hidden() and page.locator("#finalize").is_hidden()
        states = page.locator("#groups .field .decision").all_inner_texts()
        assert states.count("Confirmé") == 2 and states.count("Rejeté") == 1
        assert states.count("Non relu (non enregistré)") == len(fields) - 3
        page.locator("#groups .field").first.focus()
        page.keyboard.press("c")
        page.keyboard.press("f")
        assert not page.locator("#summary").is_visible()
        assert page.inner_text("#progress") == f"3 / {len(fields)} relus"
    assert set(decided) <= {f["id"] for f in fields}
    profile_id = page.get_attribute("#review-status", "data-profile")
    assert profile_id and live.stores.reviews.profile(profile_id).rejected == rejected


MIXED = re.compile(r"niveau / level|\bstart\b|\badded\b|\b1 (?:modifiés|confirmés|rejetés|"
                   r"ajoutés)\b|Décision :|\bconfidence\b", re.IGNORECASE)
ENGLISH_IN_FRENCH = re.compile(r"\b(?:reviewed|confirmed|rejected|edited|Save|Undo|level|"
                               r"present|Shortcuts)\b")
FRENCH_IN_ENGLISH = re.compile(r"\b(?:relus|Confirmé|Rejeté|Modifié|Ajouté|Enregistrer|"
                               r"Confiance|niveau|aujourd'hui|Raccourcis|Annuler)\b")


def test_every_string_in_one_language(page, live: LiveServer) -> None:
    doc_id = upload(live)
    open_review(page, live, doc_id)
    _review_three(page)
    job = page.locator("#g-experience + .fields .field").first
    job.focus()
    page.keyboard.press("e")
    page.select_option("#add-kind", "diploma")
    french = page.inner_text("main")
    assert not MIXED.search(french), MIXED.search(french)
    assert not ENGLISH_IN_FRENCH.search(french), ENGLISH_IN_FRENCH.search(french)
    assert "Début" in french and "Fin" in french and "En cours" in french

    page.goto(f"{live.url}/review/{doc_id}?lang=en")
    page.wait_for_selector(".review[data-ready=true]")
    job = page.locator("#g-experience + .fields .field").first
    job.focus()
    page.keyboard.press("e")
    page.select_option("#add-kind", "diploma")
    english = page.inner_text("main")
    assert re.search(r"\b3 / \d+ reviewed\b", english)
    assert {"Confirmed", "Rejected", "To decide"} <= set(
        page.locator("#groups .decision").all_inner_texts())
    assert "present" in english or "Jan 2019" in english
    # the CV itself is French: look only at what the page writes, not at the CV's words
    page_text = "\n".join(page.locator(
        "#bar, #shortcuts, .cv-head, #masked-note, #groups .decision, #groups .meta, "
        "#groups .buttons, #groups .editor label, #add-form label, #add-form h3").all_inner_texts())
    assert not FRENCH_IN_ENGLISH.search(page_text), FRENCH_IN_ENGLISH.search(page_text)
    assert "niveau / level" not in page_text and "Décision" not in page_text
