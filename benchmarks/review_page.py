"""How long an advisor waits for the review page of a 3-page PDF, page images included.

Measured in the real browser (Debian's Chromium through Playwright) against a live server on
the embedded store: from navigation start until the draft is shown (`data-ready`) and the page
images loaded at once (the first two; later pages load as they are scrolled to) are decoded;
then the time to scroll to page 3 and see it. The first visit renders and masks the PNG pages on the
server; later visits get them from the server's cache (304). The 3-page PDF is built from
sample CVs (fictional people).

    .venv/bin/python benchmarks/review_page.py --repeat 10
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pypdfium2 as pdfium
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.live import LiveServer  # noqa: E402
from tests.web.conftest import ARGS, CHROMIUM, login  # noqa: E402

READY = """() => {
  const root = document.querySelector('.review[data-ready=true]');
  if (!root) return false;
  const images = [...document.querySelectorAll('.cv img')].filter(i => i.loading !== 'lazy');
  return images.length > 0 && images.every(i => i.complete && i.naturalWidth > 0);
}"""
LAST_PAGE = """() => {
  const img = document.querySelector('.page-figure[data-page="3"] img');
  return !!img && img.complete && img.naturalWidth > 0;
}"""


def three_page_pdf(folder: Path) -> Path:
    """Two pages of one sample CV and the first of another, as one PDF."""
    out = pdfium.PdfDocument.new()
    for name, pages in (("a_plombier.pdf", [0, 1]), ("electricien.pdf", [0])):
        out.import_pages(pdfium.PdfDocument(str(ROOT / "samples" / name)), pages)
    path = folder / "cv_trois_pages.pdf"
    out.save(str(path))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cvparse-review-bench-"))
    live = LiveServer(folder)
    pdf = three_page_pdf(folder)
    response = httpx.post(f"{live.url}/api/v1/documents", headers=live.headers("job_seeker"),
                          files={"file": (pdf.name, pdf.read_bytes())}, timeout=120)
    response.raise_for_status()
    doc_id = response.json()["id"]
    url = f"{live.url}/review/{doc_id}"
    timings: list[float] = []
    third: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="fr-FR")
        login(page, live, "advisor", "/advisor")
        for _ in range(args.repeat + 1):
            started = time.perf_counter()
            page.goto(url)
            page.wait_for_function(READY, polling=10, timeout=30_000)
            timings.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            page.locator('.page-figure[data-page="3"] img').scroll_into_view_if_needed()
            page.wait_for_function(LAST_PAGE, polling=10, timeout=30_000)
            third.append((time.perf_counter() - started) * 1000)
        pages = page.eval_on_selector_all(".cv img", "els => els.length")
        browser.close()
    live.stop()
    first, later = timings[0], timings[1:]
    print(f"3-page PDF ({pages} page images), review page ready incl. images:")
    print(f"  first visit (pages rendered and masked on the server): {first:.0f} ms")
    print(f"  later visits: median {statistics.median(later):.0f} ms, "
          f"max {max(later):.0f} ms (n={len(later)}; target < 1000 ms)")
    print(f"  page 3 scrolled into view and shown: first {third[0]:.0f} ms, "
          f"later median {statistics.median(third[1:]):.0f} ms")


if __name__ == "__main__":
    main()
