"""No personal data in the logs (issue #18, point 7).

Every line the service logged during the suite — the session's log file, which tests/conftest.py
(`suite_log`) fills as `cvparse serve` and the workers write (JSON), and the logs of the worker
processes tests/workers starts — is read for what must never be there: the sample CVs' names,
e-mail addresses, phone numbers, addresses, title lines and first profile words, and every word
the sensitive-words check refuses in advisors' searches and notes (privacy/data/advisor).

The test runs last (tests/conftest.py moves it there). It first makes the service log what is
most at risk itself, so that run alone it still reads real lines: an upload under a file name
that is the person's name, the CV's text read back, a search on that name and a refused
sensitive search, through the in-process client and through a live server (uvicorn, logging as
`cvparse serve` does); and it checks that those requests' access lines are there, so it cannot
pass on an empty file.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from cvparse.server import create_app
from cvparse.service.settings import Settings
from tests.conftest import ROOT, SAMPLES
from tests.live import LiveServer

SOURCES = SAMPLES / "src"
ADVISOR_WORDS = ROOT / "cvparse" / "engine" / "privacy" / "data" / "advisor"
PHONE = re.compile(r"\+?\d[\d .-]{7,}\d")
# The banner a Celery worker prints when it starts (its configuration: "results: disabled://"
# reads as the health word "disabled"), not a log record; skipped.
CELERY_BANNER = re.compile(r"^[ *-]*(\.> |\[\w+\]$)|^  \. \S+$")


def _listed(value: str | list[str] | None) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def _plain(text: str) -> str:
    """Lower case, no accents: "TRAORÉ" and "traore" are the same name."""
    text = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def _spaced(text: str) -> str:
    """Words only, one space apart: a name in "CV_Moussa_Traore.pdf" reads "cv moussa traore
    pdf"."""
    return " ".join(re.findall(r"[^\W_]+", _plain(text)))


@dataclass(frozen=True)
class Needle:
    """Something that must not be in a log line, and how to look for it: in the line's words
    (`_spaced`: names, addresses, CV text, words) or in its plain text (e-mails, phones)."""

    what: str
    pattern: re.Pattern[str]
    in_words: bool = True

    @classmethod
    def words(cls, what: str, text: str) -> Needle:
        return cls(what, re.compile(rf"(?<!\w){re.escape(_spaced(text))}(?!\w)"))

    def found(self, plain: str, spaced: str) -> bool:
        return bool(self.pattern.search(spaced if self.in_words else plain))


def personal_data() -> list[Needle]:
    """What identifies a sample CV's person, or is its text."""
    found = []
    for path in sorted(SOURCES.glob("*.json")):
        source = json.loads(path.read_text(encoding="utf-8"))
        identity, stem = source["identity"], path.stem
        first, *rest = names = identity["name"].split(" ")
        surname = " ".join(n for n in names if n.isupper() and len(n) > 1) or names[-1]
        found += [Needle.words(f"name of {stem}", identity["name"]),
                  Needle.words(f"name of {stem} (surname first)", " ".join([*rest, first])),
                  Needle.words(f"surname of {stem}", surname)]  # a search on it: ?q=Mercier
        found += [Needle.words(f"address of {stem}", line)
                  for line in _listed(identity.get("address"))]
        found.append(Needle(f"e-mail of {stem}", re.compile(re.escape(_plain(identity["email"]))),
                            in_words=False))
        for phone in (p for line in _listed(identity["phone"]) for p in PHONE.findall(line)):
            digits = re.sub(r"\D", "", phone)  # found however it is written: 06 39…, 0639…
            found.append(Needle(f"phone of {stem}", re.compile(r"\D{0,3}".join(digits)),
                                in_words=False))
        if len(title := source.get("title", "")) >= 20:
            found.append(Needle.words(f"title line of {stem}", title))
        if isinstance(profile := source.get("profile"), str) and len(profile) >= 40:
            found.append(Needle.words(f"profile of {stem}", " ".join(profile.split()[:6])))
    return found


def sensitive_words() -> list[Needle]:
    """Every word and phrase the advisor's sensitive-words check refuses, as whole words."""
    return [Needle.words(f"sensitive word {word!r} ({path.stem})", word)
            for path in sorted(ADVISOR_WORDS.glob("*.txt"))
            for word in (line.strip() for line in path.read_text("utf-8").splitlines())
            if word and not word.startswith("#")]


def log_lines(base: Path) -> list[tuple[str, str]]:
    """(where, line) for every line of every log file of the session."""
    lines = []
    for path in sorted(base.rglob("*.log")):
        for number, line in enumerate(path.read_text("utf-8", "replace").splitlines(), 1):
            if not CELERY_BANNER.match(line):
                lines.append((f"{path.relative_to(base)}:{number}", line))
    return lines


def _exercise(live: LiveServer, call) -> None:
    """What puts personal data most at risk of being logged, through one transport."""
    seeker, advisor = live.headers("job_seeker"), live.headers("advisor")
    for sample, as_name in [("a_chauffeur_livreur.txt", "CV_Anthony_MERCIER.txt"),
                            ("cariste.docx", "Moussa TRAORÉ - CV.docx")]:
        uploaded = call("POST", "/api/v1/documents", headers=seeker,
                        files={"file": (as_name, (SAMPLES / sample).read_bytes())})
        assert uploaded.status_code == 202, uploaded.text
        text = call("GET", f"/api/v1/documents/{uploaded.json()['id']}/text", headers=advisor)
        assert text.status_code == 200, text.text
    refused = call("GET", "/api/v1/referential/search",
                   params={"q": "cariste musulman syndicaliste", "kind": "competence"},
                   headers=advisor)
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "sensitive_words"
    listed = call("GET", "/api/v1/documents", params={"q": "Mercier"}, headers=advisor)
    assert listed.status_code == 200, listed.text


def test_no_personal_data_nor_sensitive_word_in_any_log_line(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, suite_log: Path
) -> None:
    live = LiveServer(tmp_path)
    try:
        with TestClient(create_app(Settings(data_dir=tmp_path), live.stores)) as client:
            _exercise(live, client.request)
        with httpx.Client(base_url=live.url, timeout=60) as http:
            _exercise(live, http.request)
    finally:
        live.stop()

    lines = log_lines(tmp_path_factory.getbasetemp())
    access = [json.loads(line) for _where, line in lines if '"cvparse.access"' in line]
    refused = [a for a in access if a.get("route") == "/api/v1/referential/search"
               and a.get("status_code") == 422]
    uploads = [a for a in access if a.get("route") == "/api/v1/documents"
               and a.get("method") == "POST" and a.get("status_code") == 202]
    assert len(refused) >= 2 and len(uploads) >= 4, "this run's access lines are missing"
    assert any(where.startswith(suite_log.parent.name) for where, _line in lines)

    needles = personal_data() + sensitive_words()
    assert len(needles) > 200  # 41 CVs' names, e-mails, phones… and the refused words
    leaks = [f"{needle.what} in {where}: {line[:300]}"
             for where, line in lines
             for plain, spaced in [(_plain(line), _spaced(line))]
             for needle in needles if needle.found(plain, spaced)]
    assert not leaks, f"{len(leaks)} log lines carry personal data:\n" + "\n".join(leaks[:20])
