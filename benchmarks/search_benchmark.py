"""Benchmark: the two search engines the portal could use, measured side by side.

- pagefind: the portal's search (search/index.py, search/terms.py, partials/portal-search.html):
  per-language, chunked indexes; Khmer segmented at build time; words written as
  search/terms.py says; syllable pairs.
- lunr: Material for MkDocs' built-in search (one search_index.json for all languages),
  built from a variant of the configuration that enables it.

Each engine is measured on the real content and on a synthetic site of the real content plus
3 × N generated pages (N = 1000 by default): build time, index size, correctness on the query
set (tests/search/queries.yml: the expected page among the first five results), bytes of
search files a reader downloads before the first result, and time to the first result in
headless Chromium. Usage:

    .venv/bin/python benchmarks/search_benchmark.py [--pages 1000]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "scripts"))
sys.path.insert(0, str(Path(__file__).parent))

from daklak_portal.config import TolerantLoader, load_settings  # noqa: E402
from daklak_portal.content import load_pages  # noqa: E402
from search_queries import evaluate, run_query  # noqa: E402

BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
SYNTHETIC_QUERIES = {"vi": ["ca phe", "khu cong nghiep", "du lich bien"], "en": ["festival", "investment", "coffee"], "km": ["កាហ្វេ", "ទេសចរណ៍", "ខេត្តមណ្ឌលគិរី"]}


def make_project(workdir: Path, engine: str, synthetic_pages: int) -> Path:
    """A copy of the project (docs, overrides, key figures, config) set up for one engine."""
    root = workdir / f"{engine}-{synthetic_pages}"
    for name in ("docs", "overrides", "figures"):
        shutil.copytree(PROJECT / name, root / name)
    config = yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=TolerantLoader)
    config["site_url"] = "http://127.0.0.1:8790/"
    if engine == "lunr":
        (root / "overrides/partials/header.html").unlink()  # Material's header, with its search box
        plugins = config["plugins"]
        for plugin in plugins:
            if isinstance(plugin, dict) and "i18n" in plugin:
                plugin["i18n"]["reconfigure_search"] = True
            if isinstance(plugin, dict) and "portal" in plugin:
                plugin["portal"]["search_index"] = False
        plugins.insert(0, "search")
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "portal" in plugin:
            plugin["portal"]["social_cards"] = False  # the same work in both variants: left out
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if synthetic_pages:
        add_synthetic_pages(root, synthetic_pages)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return root


def add_synthetic_pages(root: Path, count: int) -> None:
    """N pages per language, each a mix of real paragraphs of that language (not in the nav)."""
    settings = load_settings(PROJECT)
    pages, _ = load_pages(settings)
    rng = random.Random(20261126)
    for language in settings.languages:
        paragraphs = [p.strip() for page in pages[language].values() for p in page.body.split("\n\n") if len(p.strip()) > 80 and not p.lstrip().startswith(("#", "|", "-", "!", "<"))]
        for n in range(count):
            chosen = rng.sample(paragraphs, k=min(6, len(paragraphs)))
            body = "\n\n".join(f"## {n}-{i} {{#part-{i}}}\n\n{text}" for i, text in enumerate(chosen))
            meta = f"title: Trang {n}\nas_of: 2026-01-01\nsources:\n  - title: t\n    url: https://example.org/\n    read: 2026-01-01\n" if language == "vi" else f"title: Page {n}\n"
            path = root / "docs" / language / "synthetic" / f"page-{n:04d}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"---\n{meta}---\n\n{body}\n", encoding="utf-8")


def build(root: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run([str(BIN / "mkdocs"), "build", "-q"], cwd=root, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": "/root"})
    if done.returncode != 0:
        raise SystemExit(f"build failed in {root}:\n{done.stdout}\n{done.stderr}")
    return time.perf_counter() - started


def index_bytes(site: Path, engine: str) -> int:
    if engine == "lunr":
        return (site / "search/search_index.json").stat().st_size
    return sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())


def measure(site: Path, engine: str, synthetic: bool) -> dict:
    from playwright.sync_api import sync_playwright

    server = subprocess.Popen([sys.executable, "-m", "http.server", "8790", "--bind", "127.0.0.1", "-d", str(site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            base = "http://127.0.0.1:8790/"
            # First query of a fresh reader (empty cache): bytes and time before the first result.
            first = {}
            for language, queries in SYNTHETIC_QUERIES.items():
                runs = []
                for query in queries:
                    context = browser.new_context()
                    runs.append(run_query(context.new_page(), base, language, query, engine, wait_all=False))
                    context.close()
                first[language] = {"bytes": statistics.median(r["bytes"] for r in runs), "index": statistics.median(r["index_bytes"] for r in runs), "ms": statistics.median(r["ms"] for r in runs)}
            context = browser.new_context()
            outcomes = evaluate(context.new_page(), base, engine)
            context.close()
            browser.close()
    finally:
        server.terminate()
    correct = {language: (sum(o["ok"] for o in outcomes if o["language"] == language), sum(1 for o in outcomes if o["language"] == language)) for language in ("vi", "en", "km")}
    missed = [f"{o['language']} {o['query']!r}: expected {o['expected']}, first five {o['results'][:5]}" for o in outcomes if not o["ok"]]
    return {"first": first, "correct": correct, "missed": missed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="synthetic pages per language (default 1000)")
    parser.add_argument("--engines", default="pagefind,lunr", help="engines to measure (default: pagefind,lunr)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        for synthetic in (0, args.pages):
            for engine in args.engines.split(","):
                root = make_project(Path(tmp), engine, synthetic)
                seconds = build(root)
                result = measure(root / "site", engine, bool(synthetic))
                rows.append((engine, synthetic, seconds, index_bytes(root / "site", engine), result))
                print(f"measured {engine} on {'real' if not synthetic else f'real + 3 × {synthetic}'}", flush=True)
    print()
    print("KB before the first result: everything / index data only (without the engine's own code)")
    print(f"{'engine':<9} {'site':<16} {'build s':>8} {'index KB':>9}  {'correct vi/en/km':<18} {'KB before 1st result vi/en/km':<34} {'ms to 1st result vi/en/km'}")
    for engine, synthetic, seconds, size, result in rows:
        site = "real" if not synthetic else f"real + 3×{synthetic}"
        correct = " ".join(f"{ok}/{total}" for ok, total in result["correct"].values())
        kilobytes = " ".join(f"{result['first'][lang]['bytes'] / 1024:.0f}/{result['first'][lang]['index'] / 1024:.0f}" for lang in ("vi", "en", "km"))
        millis = " ".join(f"{result['first'][lang]['ms']:.0f}" for lang in ("vi", "en", "km"))
        print(f"{engine:<9} {site:<16} {seconds:>8.1f} {size / 1024:>9.0f}  {correct:<18} {kilobytes:<34} {millis}")
    for engine, synthetic, _, _, result in rows:
        if result["missed"]:
            print(f"\nmissed by {engine} on {'real' if not synthetic else f'real + 3 × {synthetic}'}:")
            print("\n".join("  " + line for line in result["missed"]))


if __name__ == "__main__":
    main()
