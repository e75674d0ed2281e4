"""Take the README's screenshots of the pages (headless Chromium, a throwaway live server):

    .venv/bin/python docs/screenshots.py

writes docs/upload.png and docs/my-documents.png (job seeker), docs/advisor.png (the advisor's
list), docs/review.png (the review page, the CV beside the draft) and docs/admin.png (an
administrator's page of an advisor, just after issuing a password link)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.live import LiveServer  # noqa: E402
from tests.web.conftest import ARGS, CHROMIUM, login  # noqa: E402


def main() -> None:
    live = LiveServer(Path(tempfile.mkdtemp(prefix="cvparse-shots-")))
    sample = ROOT / "samples" / "aide_soignante.pdf"
    doc = httpx.post(f"{live.url}/api/v1/documents", headers=live.headers("job_seeker"),
                     files={"file": (sample.name, sample.read_bytes())}, timeout=60).json()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="fr-FR")
        login(page, live, "job_seeker", "/upload")
        page.set_input_files("#file", str(ROOT / "samples" / "macon.txt"))
        page.click("#send")
        page.wait_for_selector("#message[data-status=draft_ready]")
        page.screenshot(path=str(ROOT / "docs" / "upload.png"))
        page.goto(f"{live.url}/my-documents")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(ROOT / "docs" / "my-documents.png"))
        page.context.clear_cookies()
        login(page, live, "advisor", "/advisor")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(ROOT / "docs" / "advisor.png"))
        login(page, live, "advisor", f"/review/{doc['id']}")
        page.wait_for_selector(".review[data-ready=true]")
        page.keyboard.press("j")
        page.keyboard.press("c")
        page.keyboard.press("j")
        page.keyboard.press("j")
        page.wait_for_timeout(300)
        page.screenshot(path=str(ROOT / "docs" / "review.png"))
        page.context.clear_cookies()
        login(page, live, "admin", f"/admin/users/{live.ids['advisor']}")
        page.click("#issue-link")
        page.wait_for_selector("#once-link")
        page.screenshot(path=str(ROOT / "docs" / "admin.png"), full_page=True)
        browser.close()
    live.stop()
    print("wrote docs/upload.png, docs/my-documents.png, docs/advisor.png, docs/review.png and "
          "docs/admin.png")


if __name__ == "__main__":
    main()
