"""No decision is ever lost (issue #17, point 6): decisions made in a burst on a slow network
are all saved, one request at a time, in the order they were made; a dropped connection keeps
them until it is back; a colleague's change to the same field is named, shown and left to the
advisor's choice, while a change to another field is merged silently."""

from __future__ import annotations

from tests.live import LiveServer
from tests.web.reviewing import (
    COUNT_IN_FLIGHT,
    decisions,
    open_review,
    second_advisor,
    slow_network,
    upload,
    wait_idle,
)


def _ids(page) -> list[str]:
    return page.locator("#groups .field").evaluate_all("els => els.map(e => e.dataset.id)")


def test_a_burst_of_decisions_on_a_slow_network_is_saved_in_order(page, live: LiveServer
                                                                   ) -> None:
    doc_id = upload(live)
    page.add_init_script(COUNT_IN_FLIGHT)
    open_review(page, live, doc_id)
    slow_network(page, latency_ms=400)
    keys = ["c", "r", "c", "c", "r", "c", "r", "c"]
    page.keyboard.press("j")
    for key in keys:  # as fast as a keyboard goes: no waiting between decisions
        page.keyboard.press(key)
        page.keyboard.press("j")
    ids = _ids(page)[:len(keys)]
    expected = {i: "confirm" if k == "c" else "reject" for i, k in zip(ids, keys, strict=True)}
    # every decision shows at once, as being saved
    shown = {i: page.get_attribute(f".field[data-id='{i}']", "data-state") for i in ids}
    assert shown == expected
    assert page.locator("#groups .field.pending").count() >= 1  # 8 × 400 ms to go
    assert page.inner_text("#progress").startswith(f"{len(keys)} / ")
    assert page.get_attribute("#sync", "data-state") == "busy"
    wait_idle(page)
    assert {k: d["action"] for k, d in decisions(live, doc_id).items()} == expected
    assert page.evaluate("window.__maxInFlight") == 1  # one request at a time
    sent = page.evaluate("window.__sent")
    assert sent == [f"{i} {expected[i]}" for i in ids]  # in the order they were made
    audit = [e.target_id.split("/")[1] for e in live.stores.audit.entries(limit=10_000)
             if e.action in ("review.confirm", "review.reject")
             and e.target_id.startswith(doc_id + "/")]
    assert audit == ids  # and recorded in that order, each on the previous version


def test_decisions_wait_for_a_lost_connection(page, live: LiveServer) -> None:
    doc_id = upload(live)
    open_review(page, live, doc_id)
    cdp = slow_network(page, latency_ms=0, offline=True)
    page.keyboard.press("j")
    page.keyboard.press("c")
    page.keyboard.press("j")
    page.keyboard.press("r")
    page.wait_for_selector("#sync[data-state=offline]")
    assert "Connexion perdue" in page.inner_text("#sync")
    assert decisions(live, doc_id) == {}
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 0,
                                                  "downloadThroughput": -1,
                                                  "uploadThroughput": -1})
    page.wait_for_selector("#sync[data-state=idle]", timeout=30_000)
    first, second = _ids(page)[:2]
    assert {k: d["action"] for k, d in decisions(live, doc_id).items()} == {
        first: "confirm", second: "reject"}


def test_a_colleague_changed_the_same_field(page, live: LiveServer, browser) -> None:
    doc_id = upload(live)
    colleague = second_advisor(live, "Conseillère B")
    open_review(page, live, doc_id)  # advisor A reads version 0
    other_context = browser.new_context(locale="fr-FR", viewport={"width": 1400, "height": 900})
    other = other_context.new_page()
    open_review(other, live, doc_id, who=colleague)
    x, y, z, w = _ids(page)[:4]
    label_x = page.inner_text(f".field[data-id='{x}'] .label")

    # B rejects X; A, still on the old version, confirms X: a real conflict.
    other.click(f".field[data-id='{x}'] button[data-action=reject]")
    wait_idle(other)
    page.click(f".field[data-id='{x}'] button[data-action=confirm]")
    dialog = page.locator("#conflict")
    dialog.wait_for(state="visible")
    text = page.inner_text("#conflict-text")
    assert "Conseillère B" in text and label_x in text and "rejeté" in text
    assert "confirmé" in text
    assert page.inner_text("#conflict-keep") == "Garder la décision de Conseillère B"
    page.click("#conflict-mine")  # the advisor chooses their own
    wait_idle(page)
    saved = decisions(live, doc_id)
    assert saved[x]["action"] == "confirm" and saved[x]["advisor"] == live.ids["advisor"]

    # B confirms Y; A rejects Y and keeps B's decision this time.
    other.reload()
    other.wait_for_selector(".review[data-ready=true]")
    other.click(f".field[data-id='{y}'] button[data-action=confirm]")
    wait_idle(other)
    page.click(f".field[data-id='{y}'] button[data-action=reject]")
    dialog.wait_for(state="visible")
    page.click("#conflict-keep")
    wait_idle(page)
    assert page.get_attribute(f".field[data-id='{y}']", "data-state") == "confirm"
    saved = decisions(live, doc_id)
    assert saved[y]["action"] == "confirm" and saved[y]["advisor"] == live.ids[colleague]

    # B decides Z; A decides W: not a conflict, both saved without a question.
    other.click(f".field[data-id='{z}'] button[data-action=reject]")
    wait_idle(other)
    page.click(f".field[data-id='{w}'] button[data-action=confirm]")
    wait_idle(page)
    assert dialog.is_hidden()
    saved = decisions(live, doc_id)
    assert (saved[z]["action"], saved[w]["action"]) == ("reject", "confirm")
    other_context.close()
