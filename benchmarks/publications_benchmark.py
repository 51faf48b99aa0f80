"""Benchmark: the PDF engines for the e-publications, on one guide, side by side.

Renders the Vietnamese "Investing in Đắk Lắk" guide (the book HTML of publications/render.py,
from the built site/) with WeasyPrint and with headless Chromium's print (Playwright, Debian's
Chromium), and prints for each: seconds (median of 3), bytes, pages, whether the table of
contents got page numbers, and whether two runs gave the same bytes.

Usage (after `make build`): .venv/bin/python benchmarks/publications_benchmark.py
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "tests"))
from daklak_portal.config import load_settings  # noqa: E402
from daklak_portal.dataset import source_date  # noqa: E402
from daklak_portal.publications.book import chapters, load_publications  # noqa: E402
from daklak_portal.publications.render import book_html, print_fonts, render_pdf  # noqa: E402
from e2e_server import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


def chromium_pdf(html: str) -> bytes:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        path = Path(folder) / "book.html"
        path.write_text(html, encoding="utf-8")
        page.goto(path.as_uri())
        data = page.pdf(format="A4", print_background=True, outline=True, tagged=True)
        browser.close()
        return data


def measure(name: str, render) -> None:
    times, outputs = [], []
    for _ in range(3):
        start = time.perf_counter()
        outputs.append(render())
        times.append(time.perf_counter() - start)
    reader = PdfReader(BytesIO(outputs[0]))
    contents = reader.pages[1].extract_text()
    numbered = bool(re.search(r"\.{5,}\s*\d+", contents))
    print(f"{name:<11} {statistics.median(times):6.2f} s {len(outputs[0]) / 1024:7.0f} KB {len(reader.pages):4d} pages  contents numbered: {'yes' if numbered else 'no '}  same bytes twice: {'yes' if outputs[0] == outputs[1] else 'no'}")


def main() -> None:
    settings = load_settings(PROJECT)
    publication = next(item for item in load_publications(settings) if item.id == "investing-in-dak-lak")
    labels = {"publisher": settings.site_names["vi"], "contents": "Mục lục", "sources": "Nguồn thông tin", "as_of": "", "licence": publication.licences["vi"]}
    with tempfile.TemporaryDirectory() as folder:
        html = book_html(publication, "vi", chapters(publication, settings, PROJECT / "site", "vi"), labels, print_fonts(settings.docs_dir / "assets", Path(folder), "Latn"))
        print(f"{'engine':<11} {'time':>8} {'size':>10} {'pages':>5}")
        measure("WeasyPrint", lambda: render_pdf(html, source_date()))
        measure("Chromium", lambda: chromium_pdf(html))


if __name__ == "__main__":
    main()
