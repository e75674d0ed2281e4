"""A real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) against a live
server. Under CI=true a missing browser is a failure; elsewhere the tests skip."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.live import PASSWORD, LiveServer

CHROMIUM = os.environ.get("CVPARSE_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM} (make test installs Debian's chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI=true: a failure, not a skip)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live(tmp_path: Path):
    server = LiveServer(tmp_path)
    yield server
    server.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def login(page, live: LiveServer, who: str, path: str = "/") -> None:
    page.goto(f"{live.url}/login?next={path}")
    page.fill("#login", who)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
