"""The feedback report from real use (issue #19 point 1): decisions made through the API on a
sample CV show in `cvparse feedback report`, in `GET /api/v1/ops/feedback` and on the ops page
`/ops/feedback` (ops and admin only); the HTML report and the plots are written, and hold no
evidence phrase, no name, no id."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cvparse.cli import app
from cvparse.service.settings import get_settings
from cvparse.service.store import close_stores
from tests.api.conftest import Api

PASSWORD = "une phrase assez longue pour passer"


@pytest.fixture
def decided(api: Api) -> dict:
    """cariste.docx reviewed through the API: a competence confirmed, one rejected, one edited
    to another code, a language's level edited, a competence added by hand; then finalized."""
    doc = api.upload().json()["id"]
    state = api.client.get(f"/api/v1/documents/{doc}/draft", headers=api.h("advisor")).json()
    fields = state["draft"]["fields"]
    competences = [f for f in fields if f["kind"] == "competence"]
    language = next(f for f in fields if f["kind"] == "language")
    confirm, reject, edit = competences[:3]
    proposed = {f["code"] for f in competences}
    found = api.client.get("/api/v1/referential/search", headers=api.h("advisor"),
                           params={"q": "gerer stocks", "kind": "competence"}).json()
    replacement = next(e for e in found if e["code"] != edit["code"])
    soudure = api.client.get("/api/v1/referential/search", headers=api.h("advisor"),
                             params={"q": "soudure", "kind": "competence"}).json()
    added = next(e for e in soudure if e["code"] not in proposed)
    version = state["review"]["version"]
    steps = [
        (f"fields/{confirm['id']}", {"action": "confirm", "comment": "vu en entretien"}),
        (f"fields/{reject['id']}", {"action": "reject"}),
        (f"fields/{edit['id']}", {"action": "edit", "edit": {"code": replacement["code"]}}),
        (f"fields/{language['id']}", {"action": "edit", "edit": {"level": "B1"}}),
        ("fields", {"kind": "competence", "code": added["code"]}),
    ]
    for path, body in steps:
        response = api.client.post(f"/api/v1/documents/{doc}/{path}", headers=api.h("advisor"),
                                   json={**body, "version": version})
        assert response.status_code in (200, 201), response.text
        version = response.json()["version"]
    saved = api.client.post(f"/api/v1/documents/{doc}/finalize", headers=api.h("advisor"),
                            json={"version": version})
    assert saved.status_code == 201, saved.text
    text = api.client.get(f"/api/v1/documents/{doc}/text", headers=api.h("advisor")).json()
    return {"confirm": confirm, "reject": reject, "edit": edit, "language": language,
            "added": added, "fields": fields, "text": text}


@pytest.fixture
def cli(api: Api, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """`cvparse …` on the same database as the API."""
    monkeypatch.setenv("CVPARSE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CVPARSE_DATABASE_URL", database_url)
    get_settings.cache_clear()
    runner = CliRunner()
    yield lambda *args: runner.invoke(app, list(args))
    close_stores()
    get_settings.cache_clear()


def _check_figures(report: dict, d: dict) -> None:
    (g,) = report["groups"]
    assert g["referential"] == "rome@460" and g["pipeline_version"]
    assert (g["documents"], g["finalized_documents"], g["job_seekers"], g["advisors"]) == (
        1, 1, 1, 1)
    kinds = {k["kind"]: k["counts"] for k in g["kinds"]}
    c, lang = kinds["competence"], kinds["language"]
    assert (c["confirmed"], c["rejected"], c["edited"], c["added"]) == (1, 1, 1, 1)
    assert c["acceptance"] == pytest.approx(1 / 3) and c["hand_share"] == pytest.approx(1 / 3)
    assert (lang["edited"], lang["edited_same_code"], lang["acceptance"]) == (1, 1, 0.0)
    assert g["total"]["decided"] == 4 and g["total"]["acceptance"] == 0.25
    rel = g["reliability"]
    shown = [(d["confirm"]["confidence"], 1), (d["reject"]["confidence"], 0),
             (d["edit"]["confidence"], 0), (d["language"]["confidence"], 0)]
    assert rel["n"] == 4 and sum(b["n"] for b in rel["bins"]) == 4
    assert rel["brier"] == pytest.approx(sum((p - y) ** 2 for p, y in shown) / 4)
    items = {(i["kind"], i["code"]): i["counts"] for i in g["items"]}
    assert items[("competence", d["reject"]["code"])]["rejected"] == 1
    assert items[("competence", d["added"]["code"])]["added"] == 1


def _no_personal_data(text: str, d: dict, api: Api) -> None:
    labels = {f["label"].lower() for f in d["fields"]}
    for f in d["fields"]:
        for e in f["evidence"]:
            phrase = e["text"].strip()
            if len(phrase) > 3 and phrase.lower() not in labels:
                assert phrase not in text, phrase
    assert "vu en entretien" not in text  # the advisor's comment
    cv = d["text"][0]["text"]
    for personal in ("Peupliers", "Pays de Meaux", "AFPA"):  # cariste.docx (names: masked)
        assert personal in cv and personal not in text
    assert not any(i in text for i in api.ids.values())


def test_decisions_made_through_the_api_are_in_the_report(api: Api, decided: dict, cli,
                                                          tmp_path: Path) -> None:
    printed = cli("feedback", "report", "--format", "json", "--min-count", "1")
    assert printed.exit_code == 0, printed.output
    report = json.loads(printed.stdout)
    _check_figures(report, decided)
    assert [i["code"] for i in report["groups"][0]["most_added"]] == [decided["added"]["code"]]

    out = tmp_path / "rapport"
    written = cli("feedback", "report", "--out", str(out), "--referential", "rome@460")
    assert written.exit_code == 0, written.output
    assert "décidées" not in written.stdout and "competence" in written.stdout  # text tables
    html = (out / "rapport-feedback.html").read_text()
    pngs = sorted(p.name for p in out.glob("*.png"))
    assert len(pngs) == 3 and all(p.startswith("rome@460-") for p in pngs)
    assert all((out / p).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    assert html.count("data:image/png;base64,") == 3 and "Fiabilité" in html
    _check_figures(json.loads((out / "rapport-feedback.json").read_text()), decided)
    _no_personal_data(html, decided, api)
    _no_personal_data(json.dumps(report), decided, api)

    other = cli("feedback", "report", "--referential", "rome@459", "--format", "json")
    assert json.loads(other.stdout)["groups"] == []


def test_the_api_gives_ops_and_admins_the_same_figures(api: Api, decided: dict) -> None:
    for who in ("ops", "admin"):
        response = api.client.get("/api/v1/ops/feedback", headers=api.h(who))
        assert response.status_code == 200, response.text
        _check_figures(response.json(), decided)
    for who in ("advisor", "seeker"):
        assert api.client.get("/api/v1/ops/feedback", headers=api.h(who)).status_code == 403


def _sign_in(api: Api, role: str, login: str) -> None:
    api.stores.accounts.create(role, "Camille Ops", login=login, password=PASSWORD,
                               token=False)
    api.client.cookies.clear()
    form = api.client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]*)"', form.text).group(1)
    signed = api.client.post("/login", data={"login": login, "password": PASSWORD,
                                             "csrf": csrf, "next": "/"},
                             follow_redirects=False)
    assert signed.status_code == 303, signed.text


def test_the_ops_page_shows_the_report_to_ops_only(api: Api, decided: dict) -> None:
    _sign_in(api, "ops", "ops@agence.test")
    page = api.client.get("/ops/feedback")
    assert page.status_code == 200 and "Précision en usage réel" in page.text
    rejected = page.text.split('id="fb-most-rejected-1"')[1].split("</table>")[0]
    assert decided["reject"]["code"] not in rejected  # under the default threshold of 3
    by_item = page.text.split('id="fb-items-1"')[1].split("</table>")[0]
    assert decided["reject"]["code"] in by_item and decided["added"]["code"] in by_item
    assert "/ops/feedback/plots/1/reliability.png" in page.text
    _no_personal_data(page.text.replace("Camille Ops", ""), decided, api)
    plot = api.client.get("/ops/feedback/plots/1/reliability.png")
    assert plot.status_code == 200 and plot.headers["content-type"] == "image/png"
    assert plot.headers["cache-control"] == "no-store"
    assert api.client.get("/ops/feedback/plots/2/kinds.png").status_code == 404
    assert api.client.get("/ops/feedback/plots/1/other.png").status_code == 422
    download = api.client.get("/ops/feedback/rapport.html?finalized=1")
    assert download.status_code == 200 and "attachment" in download.headers[
        "content-disposition"]
    assert "data:image/png;base64," in download.text
    english = api.client.get("/ops/feedback?lang=en")
    assert "Accuracy in real use" in english.text

    for role, login in (("advisor", "conseil@agence.test"), ("job_seeker", "de@agence.test")):
        _sign_in(api, role, login)
        for path in ("/ops/feedback", "/ops/feedback/plots/1/reliability.png",
                     "/ops/feedback/rapport.html"):
            refused = api.client.get(path, follow_redirects=False)
            assert refused.status_code == 303, (role, path)
            assert refused.headers["location"].startswith("/login")
    api.client.cookies.clear()
    assert api.client.get("/ops/feedback", follow_redirects=False).status_code == 303
