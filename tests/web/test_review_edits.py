"""Every kind can be corrected and added (issue #17, point 7): licences from the normalised
list, languages and their CEFR level, diploma title, level and year, experience start and end
(or ongoing), referential items; the edit box closes with Cancel and Escape and gives the focus
back; errors show beside the input they concern and go when fixed; advisor text is checked for
sensitive words."""

from __future__ import annotations

from datetime import date

from tests.live import LiveServer
from tests.web.reviewing import decisions, draft, field_of, open_review, upload, wait_idle


def _edit(page, field_id: str) -> None:
    page.locator(f".field[data-id='{field_id}']").focus()
    page.keyboard.press("e")
    page.locator(f".field[data-id='{field_id}'] .editor").wait_for()


def _error(page, input_id: str) -> str:
    node = page.locator(f"#{input_id}-error")
    return node.inner_text() if node.is_visible() else ""


def test_the_edit_box_closes_with_escape_and_cancel(page, live: LiveServer) -> None:
    doc_id = upload(live)
    licence = field_of(live, doc_id, "licence", code="B")
    open_review(page, live, doc_id)
    _edit(page, licence["id"])
    assert page.evaluate("document.activeElement.id") == f"edit-{licence['id']}-code"
    page.keyboard.press("Escape")
    assert page.locator(".editor").count() == 0
    assert page.evaluate("document.activeElement.dataset.id") == licence["id"]
    _edit(page, licence["id"])
    page.click(f".field[data-id='{licence['id']}'] .editor button.cancel")
    assert page.locator(".editor").count() == 0
    assert page.evaluate("document.activeElement.dataset.id") == licence["id"]
    page.wait_for_timeout(300)
    assert decisions(live, doc_id) == {}  # nothing was sent


def test_each_kind_is_corrected_with_its_own_inputs(page, live: LiveServer) -> None:
    doc_id = upload(live)
    licence = field_of(live, doc_id, "licence", code="B")
    language = field_of(live, doc_id, "language", code="en")
    diploma = field_of(live, doc_id, "diploma", code="Bac techno")
    job = field_of(live, doc_id, "experience", start="2012-09-01")
    open_review(page, live, doc_id)

    _edit(page, licence["id"])  # a licence: from the normalised list, grouped
    options = page.locator(f"#edit-{licence['id']}-code optgroup").evaluate_all(
        "els => els.map(e => e.label)")
    assert options == ["Permis de conduire", "CACES", "Habilitations électriques",
                       "Certifications"]
    page.select_option(f"#edit-{licence['id']}-code", "C")
    page.keyboard.press("Enter")
    wait_idle(page)
    assert page.inner_text(f".field[data-id='{licence['id']}'] .label") == \
        "Permis C (poids lourd)"

    _edit(page, language["id"])  # a language and its CEFR level
    page.select_option(f"#edit-{language['id']}-level", "B1")
    page.click(f".field[data-id='{language['id']}'] .editor button[type=submit]")
    wait_idle(page)
    assert "B1" in page.inner_text(f".field[data-id='{language['id']}'] .meta")

    _edit(page, diploma["id"])  # a diploma: title, level and year, errors beside each
    year = f"edit-{diploma['id']}-year"
    page.fill(f"#edit-{diploma['id']}-label", "")
    page.fill(f"#{year}", "1900")
    page.click(f".field[data-id='{diploma['id']}'] .editor button[type=submit]")
    assert f"entre 1950 et {date.today().year + 1}" in _error(page, year)  # to next year
    assert "intitulé" in _error(page, f"edit-{diploma['id']}-label")
    assert page.get_attribute(f"#{year}", "aria-invalid") == "true"
    page.fill(f"#{year}", "2007")  # fixed: its error goes, the other stays
    assert _error(page, year) == ""
    assert _error(page, f"edit-{diploma['id']}-label") != ""
    page.fill(f"#edit-{diploma['id']}-label", "Baccalauréat ST2S (sciences sanitaires)")
    assert _error(page, f"edit-{diploma['id']}-label") == ""
    page.select_option(f"#edit-{diploma['id']}-level", "4")
    page.click(f".field[data-id='{diploma['id']}'] .editor button[type=submit]")
    wait_idle(page)

    _edit(page, job["id"])  # an experience: start and end, or ongoing
    end = f"edit-{job['id']}-end"
    page.fill(f"#edit-{job['id']}-start", "2012-10")
    page.fill(f"#{end}", "2011-06")
    page.click(f".field[data-id='{job['id']}'] .editor button[type=submit]")
    assert "après le début" in _error(page, end)
    page.fill(f"#{end}", "2018-11")
    assert _error(page, end) == ""
    page.click(f".field[data-id='{job['id']}'] .editor button[type=submit]")
    wait_idle(page)
    assert "oct. 2012 – nov. 2018" in page.inner_text(f".field[data-id='{job['id']}'] .meta")

    saved = decisions(live, doc_id)
    assert saved[licence["id"]]["value"]["code"] == "C"
    assert saved[language["id"]]["value"]["level"] == "B1"
    assert (saved[diploma["id"]]["value"]["label"], saved[diploma["id"]]["value"]["level"],
            saved[diploma["id"]]["value"]["year"]) == (
        "Baccalauréat ST2S (sciences sanitaires)", 4, 2007)
    assert (saved[job["id"]]["value"]["start"], saved[job["id"]]["value"]["end"]) == (
        "2012-10-01", "2018-11-01")
    assert {d["action"] for d in saved.values()} == {"edit"}
    assert all(page.get_attribute(f".field[data-id='{i}']", "data-state") == "edit"
               for i in saved)
    assert page.inner_text(f".field[data-id='{job['id']}'] .decision") == "Modifié"


def test_every_kind_can_be_added(page, live: LiveServer) -> None:
    doc_id = upload(live)
    open_review(page, live, doc_id)

    page.select_option("#add-kind", "experience")
    page.click("#add-form button[type=submit]")  # nothing filled: each error beside its input
    assert "Choisissez" in _error(page, "add-search")
    assert "obligatoire" in _error(page, "add-start")
    page.fill("#add-search", "auxiliaire de puericulture")
    page.wait_for_function("() => document.querySelectorAll('#add-options option').length > 0")
    choice = page.eval_on_selector("#add-options option", "e => e.value")
    page.fill("#add-search", choice)
    assert _error(page, "add-search") == ""
    page.fill("#add-start", "2008-06")
    assert _error(page, "add-start") == ""
    page.check("#add-ongoing")
    page.click("#add-form button[type=submit]")
    wait_idle(page)

    page.select_option("#add-kind", "licence")
    page.select_option("#add-code", "CACES R489 3")
    page.click("#add-form button[type=submit]")
    wait_idle(page)

    page.select_option("#add-kind", "language")
    page.select_option("#add-code", "es")
    page.select_option("#add-level", "A2")
    page.click("#add-form button[type=submit]")
    wait_idle(page)

    page.select_option("#add-kind", "diploma")
    page.fill("#add-label", "Elle est enceinte")  # sensitive words: flagged while typing
    page.locator("#add-label + p[role=alert]").wait_for(state="visible")
    page.fill("#add-label", "BTS Économie sociale familiale")
    page.locator("#add-label + p[role=alert]").wait_for(state="hidden")
    page.select_option("#add-code", "BTS")
    page.fill("#add-year", "2020")
    page.click("#add-form button[type=submit]")
    wait_idle(page)

    added = [d["value"] for d in decisions(live, doc_id).values() if d["action"] == "add"]
    assert sorted((v["kind"], v.get("code"), v.get("level"), v.get("year"), v.get("start"))
                  for v in added) == sorted([
        ("experience", choice.rsplit("[", 1)[1].rstrip("]"), None, None, "2008-06-01"),
        ("licence", "CACES R489 3", None, None, None),
        ("language", "es", "A2", None, None),
        ("diploma", "BTS", 5, 2020, None),
    ])
    # each in its own kind's group, never a group of its own
    for kind, group in [("experience", "experience"), ("licence", "licence"),
                        ("language", "language"), ("diploma", "diploma")]:
        assert page.locator(f"#g-{group} + .fields .field[data-status=added]").count() >= 1, kind
    assert page.locator("#g-added").count() == 0
    total = len(draft(live, doc_id)["draft"]["fields"])
    assert page.inner_text("#progress") == f"0 / {total} relus"  # additions are not reviews


def test_a_server_error_shows_beside_its_input(page, live: LiveServer) -> None:
    doc_id = upload(live)
    open_review(page, live, doc_id)
    page.select_option("#add-kind", "licence")
    page.select_option("#add-code", "B")  # the draft already proposes it
    page.click("#add-form button[type=submit]")
    page.wait_for_function("() => !document.getElementById('add-code-error').hidden")
    assert "propose déjà" in _error(page, "add-code")
    page.select_option("#add-code", "BE")
    assert _error(page, "add-code") == ""


def test_an_edit_the_server_refuses_comes_back_with_its_error(page, live: LiveServer) -> None:
    """Edits show at once like any decision; a refused one reopens its box as typed, the
    error beside the input, and the field is back to undecided."""
    doc_id = upload(live)
    diploma = field_of(live, doc_id, "diploma", code="DEAS")
    open_review(page, live, doc_id)
    _edit(page, diploma["id"])
    label = f"edit-{diploma['id']}-label"
    page.fill(f"#{label}", "DEAS obtenu pendant sa grossesse")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#{label}-error:not([hidden])")
    assert "santé" in _error(page, label)
    assert page.input_value(f"#{label}") == "DEAS obtenu pendant sa grossesse"
    assert page.get_attribute(f".field[data-id='{diploma['id']}']", "data-state") == "none"
    page.fill(f"#{label}", "Diplôme d'État d'aide-soignant (DEAS)")
    assert _error(page, label) == ""
    page.keyboard.press("Enter")
    wait_idle(page)
    assert decisions(live, doc_id)[diploma["id"]]["value"]["label"] == \
        "Diplôme d'État d'aide-soignant (DEAS)"
