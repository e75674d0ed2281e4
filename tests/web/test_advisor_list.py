"""The advisor's list in a real browser (issue #17, points 1, 2 and 8): whose CV, uploaded
when (French format, English under ?lang=en), the state in advisor words, the file; sorting,
filtering, searching and paging done by the server; a profile saved through the API shows as
saved. Documents of job seekers the advisor does not follow never appear."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.live import LiveServer
from tests.web import seed
from tests.web.conftest import login

PARIS = ZoneInfo("Europe/Paris")
DEC_2 = datetime(2026, 12, 2, 13, 5, tzinfo=UTC)  # 14:05 in Paris (UTC+1 in winter)


def _rows(page) -> list[dict[str, str]]:
    return page.eval_on_selector_all("#documents tbody tr", """rows => rows.map(r => ({
        id: r.dataset.id, state: r.dataset.state,
        name: r.querySelector('.name').innerText.trim(),
        date: r.querySelector('.date').innerText.trim(),
        iso: r.querySelector('time').getAttribute('datetime'),
        status: r.querySelector('.state').innerText.trim(),
        file: r.querySelector('.file').innerText.trim(),
        action: r.querySelector('.action a') ?
            r.querySelector('.action a').firstChild.textContent.trim() : ''}))""")


@pytest.fixture
def world(live: LiveServer) -> dict:
    """One real upload (its draft is shared by the seeded documents) and one document per
    state, of two followed job seekers and one stranger."""
    real = seed.upload(live)
    helene = seed.person(live, "Hélène Dupont")
    marc = seed.person(live, "Marc Martin")
    stranger = seed.person(live, "Paul Inconnu", followed=False)
    docs = {
        "to_review": seed.seed(live, real, helene, "cv_helene.pdf", DEC_2),
        "failed": seed.seed(live, real, marc, "cv_marc.docx", DEC_2 - timedelta(days=3),
                            status="failed", error_code="corrupt_file"),
        "scan": seed.seed(live, real, marc, "scan_marc.pdf", DEC_2 - timedelta(days=4),
                          status="needs_ocr"),
        "processing": seed.seed(live, real, helene, "nouveau.pdf", DEC_2 - timedelta(hours=1),
                                status="processing"),
        "in_progress": seed.seed(live, real, marc, "cv_marc_2.pdf", DEC_2 - timedelta(days=1)),
        "saved": seed.seed(live, real, helene, "cv_ancien.pdf", DEC_2 - timedelta(days=10)),
        "stranger": seed.seed(live, real, stranger, "cv_paul.pdf", DEC_2),
    }
    fields = seed.draft(live, docs["in_progress"])["draft"]["fields"]
    seed.decide(live, docs["in_progress"], [f["id"] for f in fields[:3]])
    profile = seed.finalize(live, docs["saved"])
    return {"real": real, "docs": docs, "fields": len(fields), "profile": profile}


def test_rows_show_name_date_state_in_advisor_words_and_file(page, live: LiveServer,
                                                             world: dict) -> None:
    docs = world["docs"]
    login(page, live, "advisor", "/advisor")
    rows = {r["id"]: r for r in _rows(page)}
    assert docs["stranger"] not in rows and "Paul Inconnu" not in page.content()
    assert set(docs.values()) - {docs["stranger"]} <= set(rows)

    first = rows[docs["to_review"]]
    assert first == {**first, "name": "Hélène Dupont", "date": "2 déc. 2026, 14:05",
                     "status": "À relire", "file": "cv_helene.pdf", "action": "Relire"}
    assert rows[docs["in_progress"]]["status"] == f"En cours 3/{world['fields']}"
    assert rows[docs["processing"]]["status"] == "Lecture en cours"
    assert rows[docs["failed"]]["status"] == "Échec : fichier endommagé"
    assert rows[docs["failed"]]["action"] == ""  # nothing to review
    assert rows[docs["scan"]]["status"] == ("Échec : CV scanné, illisible sans reconnaissance "
                                            "de texte")
    saved_at = datetime.fromisoformat(world["profile"]["finalized_at"]).astimezone(PARIS)
    months = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
              "oct.", "nov.", "déc."]
    expected = (f"Enregistré le {saved_at.day} {months[saved_at.month - 1]} {saved_at.year}, "
                f"{saved_at:%H:%M} par advisor")
    assert rows[docs["saved"]]["status"] == expected
    assert rows[docs["saved"]]["action"] == "Voir"
    # The job seeker's sentences are never the advisor's words.
    main = page.inner_text("main")
    assert "Votre CV" not in main and "votre conseiller" not in main.lower()
    for row in rows.values():
        assert re.fullmatch(r"\d{1,2} (janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|"
                            r"oct\.|nov\.|déc\.) \d{4}, \d{2}:\d{2}", row["date"]), row

    page.goto(f"{live.url}/advisor?lang=en")
    rows = {r["id"]: r for r in _rows(page)}
    assert rows[docs["to_review"]]["date"] == "2 Dec 2026, 14:05"
    assert rows[docs["to_review"]]["status"] == "To review"
    assert rows[docs["failed"]]["status"] == "Failed: damaged file"
    assert rows[docs["saved"]]["status"].startswith("Saved on ")
    assert rows[docs["saved"]]["status"].endswith(" by advisor")
    assert page.inner_text("#documents thead th:first-child") == "Job seeker"


def test_filter_by_state_and_search_by_name(page, live: LiveServer, world: dict) -> None:
    docs = world["docs"]
    login(page, live, "advisor", "/advisor")
    page.select_option("#state", "failed")
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile(r"state=failed"))
    assert {r["id"] for r in _rows(page)} == {docs["failed"], docs["scan"]}
    assert all(r["status"].startswith("Échec : ") for r in _rows(page))
    assert page.get_attribute("#state option:checked", "value") == "failed"  # kept

    for state, expected in [("to_review", {world["real"], docs["to_review"]}),
                            ("in_progress", {docs["in_progress"]}),
                            ("saved", {docs["saved"]}), ("processing", {docs["processing"]})]:
        page.select_option("#state", state)
        page.click("#filters button[type=submit]")
        page.wait_for_url(re.compile(f"state={state}"))
        assert {r["id"] for r in _rows(page)} == expected, state

    page.select_option("#state", "")
    page.fill("#q", "helene")  # no accent, lower case: still Hélène
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile(r"q=helene"))
    rows = _rows(page)
    assert {r["name"] for r in rows} == {"Hélène Dupont"} and len(rows) == 3
    assert page.input_value("#q") == "helene"

    page.select_option("#state", "saved")  # search and filter together
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile(r"state=saved"))
    assert [r["id"] for r in _rows(page)] == [docs["saved"]]

    page.click("text=Tout afficher")
    page.wait_for_load_state("networkidle")
    assert len(_rows(page)) == len(docs)  # all but the stranger's, plus the real upload

    page.fill("#q", "Paul Inconnu")  # followed by another advisor: found nowhere
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile(r"q=Paul"))
    assert page.locator("#documents").count() == 0
    assert page.inner_text("#list-count") == "Aucun document ne correspond à ces critères."


def test_sort_by_date_and_state(page, live: LiveServer, world: dict) -> None:
    login(page, live, "advisor", "/advisor")
    newest_first = [r["iso"] for r in _rows(page)]
    assert newest_first == sorted(newest_first, reverse=True)  # the default
    assert page.get_attribute("th:has-text('Déposé le')", "aria-sort") == "descending"

    page.click("th a:has-text('Déposé le')")
    page.wait_for_url(re.compile(r"sort=date"))
    oldest_first = [r["iso"] for r in _rows(page)]
    assert oldest_first == sorted(oldest_first) and oldest_first != newest_first
    assert page.get_attribute("th:has-text('Déposé le')", "aria-sort") == "ascending"

    page.select_option("#sort", "state")
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile(r"sort=state"))
    order = ["to_review", "in_progress", "processing", "failed", "saved"]
    ranks = [order.index(r["state"]) for r in _rows(page)]
    assert ranks == sorted(ranks) and ranks[0] == 0 and ranks[-1] == 4

    page.click("th a:has-text('État')")  # the other way round
    page.wait_for_url(re.compile(r"sort=-state"))
    ranks = [order.index(r["state"]) for r in _rows(page)]
    assert ranks == sorted(ranks, reverse=True)


def test_paging(page, live: LiveServer) -> None:
    real = seed.upload(live)
    people = [seed.person(live, f"Personne {i}") for i in range(3)]
    for i in range(54):  # 55 documents with the real one: 3 pages of 25
        seed.seed(live, real, people[i % 3], f"cv_{i:02d}.pdf", DEC_2 - timedelta(hours=i))
    login(page, live, "advisor", "/advisor")
    first = _rows(page)
    assert len(first) == 25 and page.inner_text("#list-count") == "1–25 sur 55 documents"
    assert page.inner_text("#page-of") == "Page 1 sur 3"
    assert page.locator("#page-prev").count() == 0

    page.click("#page-next")
    page.wait_for_url(re.compile(r"page=2"))
    second = _rows(page)
    assert len(second) == 25 and page.inner_text("#list-count") == "26–50 sur 55 documents"
    assert max(r["iso"] for r in second) < min(r["iso"] for r in first)  # no overlap, in order

    page.click("#page-next")
    page.wait_for_url(re.compile(r"page=3"))
    third = _rows(page)
    assert len(third) == 5 and page.locator("#page-next").count() == 0
    seen = [r["id"] for r in first + second + third]
    assert len(set(seen)) == 55

    page.fill("#q", "Personne 1")  # a search starts again from the first page
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile(r"q=Personne"))
    assert "page=" not in page.url and page.inner_text("#list-count") == "1–18 sur 18 documents"
    page.goto(f"{live.url}/advisor?page=99")  # past the end: the last page
    assert page.inner_text("#page-of") == "Page 3 sur 3"


def test_a_profile_saved_through_the_api_shows_as_saved(page, live: LiveServer) -> None:
    doc_id = seed.upload(live)
    login(page, live, "advisor", "/advisor")
    assert _rows(page)[0]["status"] == "À relire"
    fields = seed.draft(live, doc_id)["draft"]["fields"]
    seed.decide(live, doc_id, [fields[0]["id"]])
    page.reload()
    assert _rows(page)[0]["status"] == f"En cours 1/{len(fields)}"
    seed.finalize(live, doc_id)
    page.reload()
    row = _rows(page)[0]
    assert row["state"] == "saved" and row["status"].startswith("Enregistré le ")
    assert row["status"].endswith(" par advisor") and row["action"] == "Voir"
    page.goto(f"{live.url}/advisor?state=saved")
    assert [r["id"] for r in _rows(page)] == [doc_id]
