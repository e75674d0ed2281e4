"""A real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) against a live
server. Under CI=true a missing browser is a failure; elsewhere the tests skip.

Every page a test opens is watched for Content-Security-Policy violations (the event the
browser fires and the console line it writes): a test whose pages broke the policy fails at
teardown, so a new inline script or style attribute is caught by whichever test meets it.
Give `wait_for_function` a function (`"() => …"`): Playwright polls a bare expression with
`eval`, which the policy refuses like any other page script would be."""

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


# Runs in every document before its own scripts (Playwright's init scripts are not subject to
# the page's CSP); the binding survives navigations, so nothing is lost when a page changes.
REPORT_CSP = """
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolation(
  e.effectiveDirective + " blocked " + (e.blockedURI || "inline") + " in " + e.documentURI +
  " (" + (e.sourceFile || "") + ":" + e.lineNumber + ")"));
"""


def watch_csp(context, violations: list[str]) -> None:
    """Append to `violations` every CSP violation in this browser context's pages."""
    context.expose_function("__cspViolation", lambda text: violations.append(text))
    context.add_init_script(REPORT_CSP)
    context.on("console", lambda message: violations.append(message.text)
               if "Content Security Policy" in message.text else None)


@pytest.fixture
def csp_violations() -> list[str]:
    """The CSP violations of the `page` fixture's pages, as they happen; any left at teardown
    fails the test."""
    return []


@pytest.fixture
def page(browser, csp_violations: list[str]):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1400, "height": 900})
    watch_csp(context, csp_violations)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()
    assert not csp_violations, f"Content-Security-Policy violations: {csp_violations}"


def login(page, live: LiveServer, who: str, path: str = "/") -> None:
    page.goto(f"{live.url}/login?next={path}")
    page.fill("#login", who)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
