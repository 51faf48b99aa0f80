"""Runs the search query set (tests/search/queries.yml) in headless Chromium against a site
served on loopback, through the search box a reader uses. Shared by the e2e test and the
benchmark. `engine` is "pagefind" (the portal's box) or "lunr" (Material's box)."""

from __future__ import annotations

import time
from pathlib import Path

import yaml

QUERIES = Path(__file__).resolve().parent.parent / "tests/search/queries.yml"
BOXES = {
    "pagefind": {"open": None, "pending": "#portal-search-results li:not(:has(a))", "input": "#portal-search-input", "status": "#portal-search-status", "links": "#portal-search-results a", "done": lambda text: bool(text) and "…" not in text},
    "lunr": {"open": None, "pending": None, "input": ".md-search__input", "status": ".md-search-result__meta", "links": ".md-search-result__item > a", "done": lambda text: bool(text) and "Initializing" not in text},
}


def load_queries() -> dict[str, list[dict]]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))


def page_path(key: str, language: str) -> str:
    """URL path of a page key in a language ('/en/tourism/lak-lake/')."""
    path = key.removesuffix(".md")
    path = path.removesuffix("index") if path == "index" or path.endswith("/index") else path + "/"
    return ("/" if language == "vi" else f"/{language}/") + path


def run_query(page, base: str, language: str, query: str, engine: str = "pagefind", timeout: float = 15, wait_all: bool = True) -> dict:
    """Opens the language's home page, types the query, waits for the results; returns the
    result paths, the milliseconds from the first keystroke to the results (to the first one
    shown when wait_all is False), and the bytes of search files fetched until then."""
    box = BOXES[engine]
    transferred: list[int] = []
    code: list[int] = []  # the engine's own scripts and WebAssembly (cached after the first visit)

    def count(response):
        url = response.url
        if "/pagefind/" in url or "/search/" in url or "/workers/" in url or "lunr" in url:
            try:
                size = len(response.body())
            except Exception:  # a response without a body (redirect, aborted)
                return
            transferred.append(size)
            if url.endswith((".js", "wasm.unknown.pagefind", "wasm.en.pagefind")) or "/workers/" in url:
                code.append(size)

    page.on("response", count)
    page.goto(base + ("" if language == "vi" else f"{language}/"), wait_until="load")
    if box["open"]:
        page.click(box["open"])
    started = time.perf_counter()
    page.fill(box["input"], query)
    status = ""
    while time.perf_counter() - started < timeout:
        status = page.inner_text(box["status"]) if page.locator(box["status"]).count() else ""
        settled = not (wait_all and box["pending"]) or page.locator(box["pending"]).count() == 0  # every result shown
        if box["done"](status) and settled and (page.locator(box["links"]).count() or "0" in status or "No " in status or "không" in status.lower() or "មិន" in status):
            break
        time.sleep(0.02)
    elapsed_ms = (time.perf_counter() - started) * 1000
    links = page.eval_on_selector_all(box["links"], "els => els.map(e => new URL(e.href).pathname)")
    page.remove_listener("response", count)
    return {"results": links, "ms": elapsed_ms, "bytes": sum(transferred), "index_bytes": sum(transferred) - sum(code), "status": status}


def evaluate(page, base: str, engine: str = "pagefind", top: int = 5) -> list[dict]:
    """Every query of the set: did the expected page come within the first `top` results?"""
    outcomes = []
    for language, queries in load_queries().items():
        for item in queries:
            found = run_query(page, base, language, item["query"], engine)
            expected = page_path(item["expect"], language)
            outcomes.append({**item, "language": language, "expected": expected, "ok": expected in found["results"][:top], **found})
    return outcomes
