"""Progress and focus on the review page (issue #17, point 5), keyboard only: "x / N relus"
always in view, the next field still to decide, undo, filter and sort by kind and confidence,
cards that show their evidence, label then code, confidence as words and as a bar, French
dates, one card per passage."""

from __future__ import annotations

import re

from tests.live import LiveServer
from tests.web.reviewing import decisions, draft, field_of, open_review, upload, wait_idle


def _active(page) -> str:
    return page.evaluate("document.activeElement.dataset.id || ''")


def test_keyboard_only_review_with_next_to_decide_and_undo(page, live: LiveServer) -> None:
    doc_id = upload(live)
    fields = draft(live, doc_id)["draft"]["fields"]
    n = len(fields)
    open_review(page, live, doc_id)
    assert page.inner_text("#progress") == f"0 / {n} relus"

    page.keyboard.press("n")  # nothing focused yet: the first field to decide
    order = page.locator("#groups .field").evaluate_all("els => els.map(e => e.dataset.id)")
    assert _active(page) == order[0]
    page.keyboard.press("c")
    page.keyboard.press("n")
    assert _active(page) == order[1]
    page.keyboard.press("r")
    # from the top again, "n" skips what is decided
    page.keyboard.press("k")
    assert _active(page) == order[0]
    page.keyboard.press("n")
    assert _active(page) == order[2]
    page.keyboard.press("c")
    assert page.inner_text("#progress") == f"3 / {n} relus"
    page.keyboard.press("u")  # undo: back to undecided
    assert page.inner_text(f".field[data-id='{order[2]}'] .decision") == "À décider"
    assert page.inner_text("#progress") == f"2 / {n} relus"
    wait_idle(page)
    saved = decisions(live, doc_id)
    assert {k: d["action"] for k, d in saved.items()} == {order[0]: "confirm",
                                                          order[1]: "reject"}
    assert page.inner_text(f".field[data-id='{order[0]}'] .decision") == "Confirmé"
    assert page.inner_text(f".field[data-id='{order[1]}'] .decision") == "Rejeté"

    # the button does what the key does
    page.click("#next-undecided")
    assert _active(page) == order[2]


def test_the_progress_bar_stays_in_view_on_a_long_page(page, live: LiveServer) -> None:
    doc_id = upload(live)
    open_review(page, live, doc_id)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(100)
    bar = page.locator("#bar").bounding_box()
    assert page.evaluate("window.scrollY") > 500  # the page is long…
    assert 0 <= bar["y"] < 20  # …and the bar is at the top of the screen
    assert page.locator("#progress").is_visible() and page.locator("#finalize").is_visible()
    # a field focused at the bottom is not hidden under the bar
    page.locator("#groups .field").last.focus()
    page.keyboard.press("k")
    focused = page.evaluate("document.activeElement.getBoundingClientRect().top")
    assert focused >= bar["y"] + bar["height"]


def test_filter_and_sort_by_kind_and_confidence(page, live: LiveServer) -> None:
    doc_id = upload(live)
    open_review(page, live, doc_id)
    page.select_option("#filter-kind", "language")
    assert page.locator("#groups .group").count() == 1
    assert page.locator("#groups h3").inner_text() == "Langues"
    page.select_option("#filter-kind", "")
    page.select_option("#sort", "confidence")
    for group in page.locator("#groups .group").all():
        shown = [int(re.search(r"\((\d+) %\)", text).group(1)) for text in
                 group.locator(".fields > .field .conf").all_inner_texts()]
        assert shown == sorted(shown)
    first = page.locator("#g-metier + .fields .field").first
    assert "Confiance faible" in first.inner_text() and "conf-low" in first.get_attribute(
        "class")
    # only what is left to decide
    page.keyboard.press("n")
    page.keyboard.press("c")
    decided = _active(page)
    wait_idle(page)
    page.check("#only-undecided")
    page.locator("#groups .field").first.focus()
    assert page.locator(f".field[data-id='{decided}']").count() == 0


def test_cards_read_plainly_and_each_passage_shows_once(page, live: LiveServer) -> None:
    doc_id = upload(live)
    fields = draft(live, doc_id)["draft"]["fields"]
    open_review(page, live, doc_id)
    # every field is on the page once, even those read twice from one passage
    ids = page.locator("#groups .field").evaluate_all("els => els.map(e => e.dataset.id)")
    assert sorted(ids) == sorted(f["id"] for f in fields)
    deas = field_of(live, doc_id, "diploma", code="DEAS")
    savoir = next(f for f in fields if f["kind"] == "competence"
                  and f["label"].startswith("Diplôme d'Etat d'aide-soignant"))
    card = page.locator("#g-diploma + .fields .item.merged").filter(has_text="DEAS")
    assert card.locator(".field").evaluate_all("els => els.map(e => e.dataset.id)") == [
        deas["id"], savoir["id"]]
    assert "Deux lectures" in card.inner_text()
    assert page.locator("#g-savoir + .fields").get_by_text("Diplôme d'Etat").count() == 0
    # label first, then the code; the level in words; the evidence quoted
    item = page.locator(f".field[data-id='{deas['id']}']")
    assert item.locator(".field-head > *").all_inner_texts()[:2] == [
        "Diplôme d'État d'aide-soignant", "DEAS"]
    assert "niveau 4 · 2012" in item.inner_text()
    assert "Dans le CV : « Diplôme d'État d'aide-soignant »" in item.inner_text()
    assert re.search(r"Confiance (élevée|moyenne|faible) \(\d+ %\)", item.inner_text())
    # dates as a French reader writes them
    job = field_of(live, doc_id, "experience", start="2019-01-01")
    text = page.inner_text(f".field[data-id='{job['id']}'] .meta")
    assert "janv. 2019 – aujourd'hui" in text
    assert "2019-01-01" not in page.inner_text("#groups")
