"""The administration page (`/admin`) in a real browser against the live server: an account
created with a one-time password link that the person redeems in another browser; deactivation
ending the person's open session and tokens at once; API tokens issued, rotated and revoked;
an unassignment ending an advisor's access to a job seeker's document; no /admin for other
roles; cross-site posts refused; axe; and every action in the audit log. The page never shows
a document (least privilege)."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.live import LiveServer
from tests.web.conftest import login
from tests.web.reviewing import upload
from tests.web.test_accessibility import _focus_path, _violations

NEW_PASSWORD = "un phare au bout de la jetée, 1898"


def _audit(live: LiveServer, target_id: str) -> list[str]:
    """The audit log's account changes about this person, oldest first, as the admin API
    gives them (their own reads, such as listing documents, left out)."""
    response = httpx.get(f"{live.url}/api/v1/audit", params={"target_id": target_id},
                         headers=live.headers("admin"))
    assert response.status_code == 200, response.text
    return [e["action"] for e in response.json()
            if e["action"].split(".")[0] in ("user", "token", "assignment", "session")]


def _focused(page) -> str:
    return page.evaluate("() => document.activeElement && document.activeElement.id")


def _status(page) -> str:
    """The status message after an action: it holds the focus, so a screen reader reads it
    and the keyboard starts from there."""
    page.wait_for_selector("#status")
    assert _focused(page) == "status"
    return page.inner_text("#status")


def _open_account(page, live: LiveServer, name: str) -> str:
    """From the list, search by name and open the account; returns its id."""
    page.goto(f"{live.url}/admin")
    page.fill("#q", name)
    page.click("form[role=search] button[type=submit]")
    page.get_by_role("link", name=re.compile(f"— {re.escape(name)}$")).click()
    page.wait_for_selector("h1")
    return page.url.split("/admin/users/")[1].split("?")[0]


def _confirm(page, link_selector: str) -> str:
    """Follow an action's link to its confirmation page and confirm; returns the status."""
    page.click(link_selector)
    page.wait_for_selector("#confirm-text")
    page.click("#confirm")
    return _status(page)


def _bearer(live: LiveServer, secret: str) -> int:
    return httpx.get(f"{live.url}/api/v1/me",
                     headers={"Authorization": f"Bearer {secret}"}).status_code


def test_a_new_advisor_chooses_a_password_from_the_link_and_is_cut_off_when_deactivated(
    browser, page, live: LiveServer
) -> None:
    login(page, live, "admin", "/")
    assert page.url.endswith("/admin")  # an administrator's start page
    page.select_option("#new-role", "advisor")
    page.fill("#new-name", "Conseillère Nouvelle")
    page.fill("#new-login", "C.Nouvelle@example.fr")
    page.click("#create-form button[type=submit]")
    status = _status(page)
    assert "Compte créé" in status
    link = page.inner_text("#once-link")
    assert link.startswith(f"{live.url}/reset/")
    user_id = page.url.split("/admin/users/")[1].split("?")[0]
    assert page.inner_text("#account-signin") == "Mot de passe pas encore choisi"
    page.reload()  # shown once: a reload keeps the message, not the secret
    assert page.locator("#once-link").count() == 0 and link not in page.content()

    # The person, in their own browser: the link, a password, then sign-in.
    person = browser.new_context(locale="fr-FR")
    them = person.new_page()
    them.goto(link)
    them.fill("#password", NEW_PASSWORD)
    them.fill("#confirm", NEW_PASSWORD)
    them.click("button[type=submit]")
    them.wait_for_url(re.compile(r"/login\?done=reset$"))
    them.fill("#login", "c.nouvelle@example.fr")
    them.fill("#password", NEW_PASSWORD)
    them.click("button[type=submit]")
    them.wait_for_url("**/advisor")
    assert them.request.get(f"{live.url}/api/v1/documents").status == 200
    them.goto(link)  # used once: dead now
    assert them.locator("#password").count() == 0
    them.goto(f"{live.url}/advisor")

    page.reload()
    assert page.inner_text("#account-signin") == "Mot de passe"
    status = _confirm(page, "#deactivate")
    assert "Compte désactivé : 1 session(s) fermée(s)" in status
    assert page.inner_text("#account-state") == "Désactivé"

    # The open page's next request is refused: the API says 401, the page goes to sign-in.
    assert them.request.get(f"{live.url}/api/v1/documents").status == 401
    them.reload()
    assert "/login" in them.url and them.locator("#password").count() == 1
    them.fill("#login", "c.nouvelle@example.fr")
    them.fill("#password", NEW_PASSWORD)
    them.click("button[type=submit]")
    them.wait_for_load_state()
    assert "/login" in them.url  # a deactivated account cannot sign in again

    assert "Compte réactivé" in _confirm(page, "#activate")
    person.close()
    assert _audit(live, user_id) == [
        "user.create", "user.reset_link", "user.password", "session.start", "user.deactivate",
        "user.activate"]


def test_tokens_are_issued_rotated_and_revoked_from_the_page(page, live: LiveServer) -> None:
    login(page, live, "admin", "/admin")
    user_id = _open_account(page, live, "ops")
    assert page.locator("tr[data-token]").count() == 1  # the live server's own
    page.fill("#token-label", "supervision")
    page.click("#issue-token")
    assert "Jeton émis" in _status(page)
    first = page.inner_text("#once-token")
    assert _bearer(live, first) == 200
    row = page.locator("tr[data-token]", has_text="supervision")
    prefix = row.get_attribute("data-prefix")
    assert first.startswith(f"cvp_{prefix}_") and first not in row.inner_text()
    assert "Valide" in row.inner_text()

    assert "renouvelé" in _confirm(page, f"tr[data-prefix='{prefix}'] a.rotate")
    second = page.inner_text("#once-token")
    assert second != first and _bearer(live, first) == 401 and _bearer(live, second) == 200

    new_row = page.locator("tr[data-token]", has_text="supervision").filter(
        has_text="Valide")
    new_prefix = new_row.get_attribute("data-prefix")
    assert "Jeton révoqué" in _confirm(page, f"tr[data-prefix='{new_prefix}'] a.revoke")
    assert _bearer(live, second) == 401
    assert "Révoqué le" in page.locator(f"tr[data-prefix='{new_prefix}']").inner_text()
    assert _bearer(live, live.tokens["ops"]) == 200  # the other token is untouched
    assert _audit(live, user_id)[-3:] == ["token.issue", "token.rotate", "token.revoke"]


def test_unassigning_ends_the_advisors_access_at_once(browser, page, live: LiveServer) -> None:
    doc_id = upload(live, "cariste.docx")
    advisor = browser.new_context(locale="fr-FR").new_page()
    login(advisor, live, "advisor", f"/review/{doc_id}")
    advisor.wait_for_selector(".review[data-ready=true]")

    login(page, live, "admin", "/admin")
    advisor_id = _open_account(page, live, "advisor")
    assert page.locator(".linked li").all_inner_texts()[0].startswith("job_seeker")
    seeker = live.ids["job_seeker"]
    assert "Suivi retiré" in _confirm(page, f".linked li[data-user='{seeker}'] a.unassign")
    assert page.locator(".linked li").count() == 0

    draft = httpx.get(f"{live.url}/api/v1/documents/{doc_id}/draft",
                      headers=live.headers("advisor"))
    assert draft.status_code == 403
    advisor.reload()
    assert "/login" in advisor.url and "cariste" not in advisor.content()

    # Assign again, picking the job seeker by a search on the name.
    page.fill("#find", "job")
    page.click("form[aria-labelledby=assign-title] button[type=submit]")
    page.click(f".found li[data-user='{seeker}'] button")
    assert "Suivi confié" in _status(page)
    assert page.locator(f".linked li[data-user='{seeker}']").count() == 1
    assert httpx.get(f"{live.url}/api/v1/documents/{doc_id}/draft",
                     headers=live.headers("advisor")).status_code == 200
    # The job seeker's side lists their advisor; no page of /admin names a document.
    page.click(f".linked li[data-user='{seeker}'] a:not(.unassign)")
    assert page.locator(f".linked li[data-user='{advisor_id}']").count() == 1
    for content in (page.content(), page.goto(f"{live.url}/admin").text()):
        assert "cariste" not in content and doc_id not in content
    assert _audit(live, seeker)[-2:] == ["assignment.delete", "assignment.create"]
    advisor.context.close()


@pytest.mark.parametrize("who", ["job_seeker", "advisor", "ops", None])
def test_only_administrators_get_the_admin_page(page, live: LiveServer, who: str | None
                                                ) -> None:
    csrf = ""
    if who:
        login(page, live, who)
        assert page.locator("a[href^='/admin']").count() == 0
        header = page.locator("header input[name=csrf]")  # ops has no page of their own
        csrf = header.input_value() if header.count() else "none"
    for path in ["/admin", f"/admin/users/{live.ids['advisor']}",
                 f"/admin/users/{live.ids['advisor']}/confirm/deactivate"]:
        page.goto(live.url + path)
        assert "/login" in page.url and page.locator("#password").count() == 1
        assert "advisor" not in page.locator("main").inner_text()
    if who:
        response = page.request.post(
            f"{live.url}/admin/users/{live.ids['advisor']}/deactivate",
            form={"csrf": csrf}, headers={"Origin": live.url}, max_redirects=0)
        assert response.status == 303 and "/login" in response.headers["location"]
    assert live.stores.accounts.get(live.ids["advisor"]).active


def test_a_cross_site_post_is_refused(page, live: LiveServer) -> None:
    login(page, live, "admin", "/admin")
    csrf = page.input_value("#create-form input[name=csrf]")
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    target = f"{live.url}/admin/users/{live.ids['advisor']}"
    with httpx.Client(cookies=cookies) as client:
        assert client.post(f"{target}/deactivate", data={}).status_code == 403
        assert client.post(f"{target}/deactivate", data={"csrf": "forged"}).status_code == 403
        assert client.post(f"{target}/deactivate", data={"csrf": csrf},
                           headers={"Origin": "https://evil.example"}).status_code == 403
        assert client.post(f"{live.url}/admin/users", data={
            "role": "admin", "display_name": "Intrus", "login": "intrus", "csrf": csrf},
            headers={"Origin": "https://evil.example"}).status_code == 403
        assert _bearer(live, live.tokens["advisor"]) == 200
        assert live.stores.accounts.accounts(q="intrus") == []
        # The same form from this site goes through (reactivating an active account is
        # harmless): the refusals above are the checks, not a broken route.
        ok = client.post(f"{target}/activate", data={"csrf": csrf},
                         headers={"Origin": live.url})
        assert ok.status_code == 303 and "done=activated" in ok.headers["location"]
    assert "user.deactivate" not in _audit(live, live.ids["advisor"])


def test_refusals_are_explained_in_english_and_keep_the_language(page, live: LiveServer
                                                                  ) -> None:
    login(page, live, "admin", "/admin?lang=en")
    assert page.inner_text("h1") == "Account administration"
    page.fill("#new-name", "Someone")
    page.fill("#new-login", "advisor")  # taken
    page.click("#create-form button[type=submit]")
    assert _focused(page) == "create-error"
    assert "This login is taken" in page.inner_text("#create-error")
    assert page.input_value("#new-name") == "Someone"
    page.fill("#new-login", "")
    page.select_option("#new-role", "job_seeker")
    page.check("#new-token")
    page.click("#create-form button[type=submit]")
    assert "Account created" in _status(page) and "lang=en" in page.url
    assert page.locator("#once-link").count() == 0  # no login: no password link
    assert page.inner_text("#once-token").startswith("cvp_")
    assert page.inner_text("#account-signin") == "API token only"
    page.goto(f"{live.url}/admin/users/{live.ids['admin']}?lang=en")
    assert "your own account" in page.inner_text("main")
    assert page.locator("#deactivate").count() == 0


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_admin_pages_pass_axe_and_the_keyboard(page, live: LiveServer, lang: str) -> None:
    suffix = "?lang=en" if lang == "en" else ""
    login(page, live, "admin", f"/admin{suffix}")
    assert _violations(page) == []
    stops = _focus_path(page, 25)
    weak = [s for s in stops
            if not (s["outline"] or s["shadow"] not in ("none", "")) or s["contrast"] < 3]
    assert len(stops) >= 20 and weak == [], weak
    page.goto(f"{live.url}/admin/users/{live.ids['advisor']}{suffix}")
    page.click("#issue-link")  # a status message with a secret in it
    _status(page)
    assert _violations(page) == []
    page.fill("#find", "seeker")
    page.keyboard.press("Enter")
    page.wait_for_selector(".found li")
    assert _violations(page) == []
    page.click("#deactivate")
    page.wait_for_selector("#confirm-text")
    assert _violations(page) == []
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.tagName")
    assert focused in ("A", "BUTTON")  # the header's links first, then the confirmation
