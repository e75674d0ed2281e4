"""The job seeker's side in a real browser (issue #17, points 10 and 11): "Mes documents" with
each CV's state in plain words that a reload keeps, the saved profile in words (no codes),
delete after a confirmation (and the data gone, checked through the API), replace; files
refused in the browser before anything is sent (too large, wrong type), errors of the
processing in the user's language, and an expired session while a CV is being read."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import httpx
import pytest

from cvparse.service.queue import make_app
from cvparse.service.settings import Settings
from tests.conftest import SAMPLES
from tests.live import PASSWORD, LiveServer
from tests.web import seed
from tests.web.conftest import login


def _items(page) -> list[dict[str, str]]:
    return page.eval_on_selector_all("#my-documents li.document", """items => items.map(i => ({
        id: i.dataset.id, name: i.querySelector('h2').innerText,
        state: i.querySelector('.state').innerText,
        profile: i.querySelector('.profile') ? i.querySelector('.profile').innerText : null}))""")


def _uploads_sent(page) -> list[str]:
    """Requests that sent a file (the list grows while the page runs)."""
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if r.method == "POST" else None)
    return sent


def _status(live: LiveServer, doc_id: str, who: str = "job_seeker") -> int:
    return httpx.get(f"{live.url}/api/v1/documents/{doc_id}",
                     headers=live.headers(who)).status_code


def test_states_in_plain_words_survive_a_reload(page, live: LiveServer) -> None:
    login(page, live, "job_seeker", "/upload")  # nothing sent yet: "/" gives the upload page
    assert page.url.endswith("/upload")
    page.set_input_files("#file", str(SAMPLES / "macon.txt"))
    page.click("#send")
    page.wait_for_selector("#message[data-status=draft_ready]")
    page.click("#next-step a")
    page.wait_for_url(re.compile(r"/my-documents$"))
    read = seed.upload(live)  # another, as if sent earlier
    seed.seed(live, read, live.ids["job_seeker"], "ancien.docx",
              datetime(2026, 12, 2, 13, 5, tzinfo=UTC), status="failed",
              error_code="corrupt_file")
    page.reload()
    items = {i["name"]: i for i in _items(page)}
    assert set(items) == {"macon.txt", "cariste.docx", "ancien.docx"}
    assert items["macon.txt"]["state"].startswith("Votre CV a été lu. Votre conseiller va")
    assert items["ancien.docx"]["state"].startswith("Nous n'avons pas pu lire ce CV : le "
                                                    "fichier est endommagé")
    assert "remplacez-le" in items["ancien.docx"]["state"]
    assert "Déposé le 2 déc. 2026, 14:05" in page.inner_text(f"#doc-{items['ancien.docx']['id']}")

    fields = seed.draft(live, read)["draft"]["fields"]
    seed.decide(live, read, [fields[0]["id"]])  # the advisor starts the review
    page.reload()
    assert {i["name"]: i for i in _items(page)}["cariste.docx"]["state"] == (
        "Votre conseiller est en train de vérifier votre profil.")

    page.goto(f"{live.url}/my-documents?lang=en")
    items = {i["name"]: i for i in _items(page)}
    assert items["ancien.docx"]["state"].startswith("We could not read this CV: the file is "
                                                    "damaged")
    assert items["macon.txt"]["state"].startswith("Your CV has been read.")
    assert "Uploaded on 2 Dec 2026, 14:05" in page.inner_text("main")
    # Back to "/" after signing in again: someone who sent a CV lands on their documents.
    page.goto(f"{live.url}/")
    assert page.url.endswith("/my-documents")


def test_the_saved_profile_in_plain_words(page, live: LiveServer) -> None:
    doc_id = seed.upload(live)  # cariste.docx
    fields = seed.draft(live, doc_id)["draft"]["fields"]
    pick = {}
    for kind, code in [("metier", "N1101"), ("language", "en"), ("diploma", "CAP"),
                       ("licence", "B"), ("licence", "CACES R489 3")]:
        pick[(kind, code)] = next(f for f in fields if f["kind"] == kind and f["code"] == code)
    competence = next(f for f in fields if f["kind"] == "competence")
    rejected = next(f for f in fields if f["kind"] == "metier" and f["code"] != "N1101")
    seed.decide(live, doc_id, [f["id"] for f in pick.values()] + [competence["id"]])
    seed.decide(live, doc_id, [rejected["id"]], action="reject")
    login(page, live, "job_seeker", "/my-documents")
    assert _items(page)[0]["profile"] is None  # not saved yet: no profile shown
    seed.finalize(live, doc_id)
    page.reload()
    item = _items(page)[0]
    assert item["state"].startswith("Votre conseiller a enregistré votre profil le ")
    profile = item["profile"]
    for heading, line in [("Métiers", "Cariste"),
                          ("Langues", "Anglais — A1 (débutant)"),
                          ("Diplômes", "CAP Opérateur/opératrice logistique, niveau 3 (CAP, "
                                       "BEP), 2016"),
                          ("Permis et certifications", "Permis B"),
                          ("Permis et certifications", "CACES R489 3")]:
        assert heading in profile and line in profile.split("\n"), (heading, line, profile)
    assert competence["label"] in profile
    assert rejected["label"] not in profile  # only what the advisor kept
    for code in ("N1101", competence["code"], "C1", "CAP Opérateur/opératrice logistique, 3"):
        assert code not in profile  # labels, never referential codes
    assert page.locator(".profile button, .profile input").count() == 0  # read-only

    page.goto(f"{live.url}/my-documents?lang=en")
    profile = _items(page)[0]["profile"]
    assert "Your saved profile" in profile and "Anglais — A1 (beginner)" in profile
    assert "Driving licence B" in profile


def test_delete_after_confirmation_erases_the_cv(page, live: LiveServer) -> None:
    keep = seed.upload(live, "macon.txt")
    gone = seed.upload(live, "cariste.docx")
    sha = live.stores.documents.get(gone).sha256
    login(page, live, "job_seeker", "/my-documents")
    item = page.locator(f"#doc-{gone}")
    item.locator("button[data-action=delete]").click()
    dialog = page.locator("#delete-dialog")
    assert dialog.is_visible() and "« cariste.docx »" in dialog.inner_text()
    assert "définitivement" in dialog.inner_text()
    page.click("#delete-cancel")  # changing one's mind keeps it
    assert not dialog.is_visible() and _status(live, gone) == 200
    page.keyboard.press("Enter")  # focus came back to the Delete button: open it again
    assert dialog.is_visible()
    page.click("#delete-confirm")
    page.wait_for_selector("#message[data-status=deleted]")
    assert page.inner_text("#message") == "« cariste.docx » a été supprimé."
    assert [i["id"] for i in _items(page)] == [keep]
    page.reload()
    assert [i["id"] for i in _items(page)] == [keep]
    for who in ("job_seeker", "advisor", "admin"):
        assert _status(live, gone, who) == 404
    assert live.stores.documents.count_drafts(sha) == 0 and not live.stores.files.exists(sha)
    audit = httpx.get(f"{live.url}/api/v1/audit", params={"target_id": gone},
                      headers=live.headers("admin")).json()
    assert [e["action"] for e in audit] == ["document.erase"]

    page.locator(f"#doc-{keep} button[data-action=delete]").click()
    page.click("#delete-confirm")
    page.wait_for_selector("#no-documents", state="visible")


def test_replace_a_cv(page, live: LiveServer) -> None:
    old = seed.upload(live, "macon.txt")
    login(page, live, "job_seeker", "/my-documents")
    page.click(f"#doc-{old} button[data-action=replace]")
    assert "Remplacer « macon.txt »" in page.inner_text("#replace-dialog")
    page.set_input_files("#replace-file", str(SAMPLES / "cariste.docx"))
    page.click("#replace-send")
    page.wait_for_function("() => !document.getElementById('doc-" + old + "')")
    page.wait_for_load_state("networkidle")
    items = _items(page)
    assert [i["name"] for i in items] == ["cariste.docx"]
    assert items[0]["state"].startswith("Votre CV a été lu.")
    assert _status(live, old) == 404 and _status(live, items[0]["id"]) == 200


@pytest.fixture
def small_live(tmp_path):
    server = LiveServer(tmp_path, max_upload_bytes=64 * 1024)
    yield server
    server.stop()


def test_a_file_too_large_is_refused_in_the_browser_before_sending(page, small_live,
                                                                   tmp_path) -> None:
    big = tmp_path / "cv_long.txt"
    big.write_bytes(b"Soudeur TIG, 10 ans d'experience. " * 3000)  # 102 KB
    login(page, small_live, "job_seeker", "/upload")
    assert "64 Ko au plus" in page.inner_text("#upload")  # the limit, said before sending
    assert "Taille maximale : 64 Ko" in page.inner_text("#limit")
    sent = _uploads_sent(page)
    page.set_input_files("#file", str(big))
    message = page.locator("#message[data-status=refused-browser]")
    message.wait_for()  # said as soon as the file is chosen
    assert message.inner_text() == ("« cv_long.txt » fait 100 Ko : c'est plus que la limite de "
                                    "64 Ko. Compressez les images du CV ou exportez-le à "
                                    "nouveau en PDF, puis réessayez.")
    page.click("#send")
    page.wait_for_timeout(500)
    assert sent == [] and page.locator("#message[data-status=refused-browser]").count() == 1
    # The server checks the same, for clients that skip the page's check.
    response = httpx.post(f"{small_live.url}/api/v1/documents",
                          headers=small_live.headers("job_seeker"),
                          files={"file": ("cv_long.txt", big.read_bytes())})
    assert response.status_code == 413

    seed.upload(small_live, "macon.txt")  # the replace dialog checks too
    page.goto(f"{small_live.url}/my-documents?lang=en")
    page.click("button[data-action=replace]")
    assert "Maximum size: 64 KB" in page.inner_text("#replace-dialog")
    page.set_input_files("#replace-file", str(big))
    page.click("#replace-send")
    assert page.inner_text("#replace-error").startswith("“cv_long.txt” is 100 KB: more than")
    assert sent == []


def test_a_wrong_type_is_explained(page, live: LiveServer, tmp_path) -> None:
    photo = tmp_path / "photo_cv.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    disguised = tmp_path / "cv.pdf"
    disguised.write_bytes(photo.read_bytes())
    login(page, live, "job_seeker", "/upload?lang=en")
    sent = _uploads_sent(page)
    page.set_input_files("#file", str(photo))
    page.click("#send")
    page.wait_for_selector("#message[data-status=refused-browser]")
    assert page.inner_text("#message").startswith("“photo_cv.png” is not in an accepted "
                                                  "format: send your CV as PDF, DOCX, ODT")
    assert sent == []
    # A name that lies about the content is found by the server, and said in English too.
    page.set_input_files("#file", str(disguised))
    page.click("#send")
    page.wait_for_selector("#message[data-status=refused]")
    assert "cv.pdf is a PNG image, not a PDF" in page.inner_text("#message")
    assert len(sent) == 1


def test_an_expired_session_while_a_cv_is_read_says_so(page, live: LiveServer) -> None:
    real = seed.upload(live)
    reading = seed.seed(live, real, live.ids["job_seeker"], "nouveau.pdf",
                        datetime.now(UTC), status="processing")
    login(page, live, "job_seeker", "/my-documents")
    item = {i["id"]: i for i in _items(page)}[reading]
    assert item["state"].startswith("Votre CV est en cours de lecture.")
    page.reload()  # still said after a reload: it comes from the server
    assert {i["id"]: i for i in _items(page)}[reading]["state"].startswith(
        "Votre CV est en cours de lecture.")
    page.context.clear_cookies()  # the session ends while the page follows the CV
    page.wait_for_selector("#message[data-status=expired]")
    assert page.inner_text("#message").startswith("Votre session a expiré : reconnectez-vous")
    link = page.locator("#sign-in-again")
    assert link.get_attribute("href") == "/login?next=%2Fmy-documents"
    link.click()
    page.fill("#login", "job_seeker")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/my-documents$"))
    live.stores.documents.fail(reading, "timeout", "Processing took too long.")
    page.wait_for_function(  # the page follows again, and shows the failure once it happens
        "() => document.querySelector('#doc-" + reading + " .state').innerText.includes('trop de')")
    assert "Exportez-le en PDF simple" in page.inner_text(f"#doc-{reading} .state")


@pytest.fixture
def queued_live(live: LiveServer) -> LiveServer:
    """Uploads go to a broker no worker reads: a CV stays queued while the page follows it."""
    live.server.config.app.state.services.celery = make_app(Settings(broker_url="memory://"))
    return live


def test_the_upload_page_follows_the_cv_and_says_when_the_session_expired(
    page, queued_live: LiveServer
) -> None:
    live = queued_live
    login(page, live, "job_seeker", "/upload")
    page.set_input_files("#file", str(SAMPLES / "macon.txt"))
    page.click("#send")
    page.wait_for_selector("#message[data-status=queued]")
    doc_id = httpx.get(f"{live.url}/api/v1/documents",
                       headers=live.headers("job_seeker")).json()[0]["id"]
    live.stores.documents.fail(doc_id, "timeout", "Processing took too long.")
    page.wait_for_selector("#message[data-status=failed]")  # a failed processing, explained
    assert page.inner_text("#message").startswith("La lecture de ce CV a pris trop de temps")

    page.set_input_files("#file", str(SAMPLES / "cariste.docx"))
    page.click("#send")
    page.wait_for_selector("#message[data-status=queued]")
    page.context.clear_cookies()
    page.wait_for_selector("#message[data-status=expired]")
    assert page.inner_text("#message") == ("Votre session a expiré : reconnectez-vous pour "
                                           "suivre la lecture de votre CV. Le CV a bien été "
                                           "reçu. Se reconnecter")
    assert page.get_attribute("#sign-in-again", "href") == "/login?next=%2Fupload"
