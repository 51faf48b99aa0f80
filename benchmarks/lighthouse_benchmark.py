"""Benchmark: Lighthouse on phone settings, on the built site served by the repository's nginx.

The site is built with `mkdocs build --strict`, published with `portal publish` and served on
loopback by deploy/nginx (the headers a reader gets: CSP, caching, compression). Lighthouse 12
(tools/lighthouse, locked) drives Debian's Chromium with its default mobile settings (Moto G
Power viewport, simulated slow 4G and 4× CPU slowdown). Printed per page: the four category
scores, first-load bytes, font bytes, Largest Contentful Paint and Total Blocking Time, and the
audits that lost points.

Usage (after `make setup` and `npm ci --prefix tools/lighthouse`):

    .venv/bin/python benchmarks/lighthouse_benchmark.py [--runs 1] [PATH ...]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "tests"))
from e2e_server import CHROMIUM, NginxServer, free_port, nginx_config  # noqa: E402

LIGHTHOUSE = PROJECT / "tools/lighthouse/node_modules/.bin/lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The home, a content page and the news listing in each language (the issue's sample).
PAGES = [
    f"{prefix}{path}"
    for prefix in ("", "en/", "km/")
    for path in ("", "tourism/", "news/")
]


def build(workdir: Path, port: int) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PORTAL_SITE_URL": f"http://127.0.0.1:{port}/", "PORTAL_LANG": "en"}
    bin_dir = PROJECT / ".venv/bin"
    subprocess.run([str(bin_dir / "mkdocs"), "build", "--strict", "--quiet", "--site-dir", str(workdir / "site")], cwd=PROJECT, env=env, check=True)
    subprocess.run([str(bin_dir / "portal"), "publish", str(workdir / "site"), "--to", str(workdir / "srv")], cwd=PROJECT, env=env, check=True, stdout=subprocess.DEVNULL)
    return workdir / "srv" / "current"


def audit(url: str, out: Path) -> dict:
    flags = "--headless --no-sandbox --disable-gpu --disable-background-networking"
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={flags}", "--only-categories=" + ",".join(CATEGORIES)]
    for _attempt in range(3):  # Lighthouse now and then loses its Chromium on a loaded machine
        done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True)
        if done.returncode == 0:
            return json.loads(out.read_text(encoding="utf-8"))
    sys.exit(f"Lighthouse failed on {url}:\n{done.stderr[-2000:]}")


def report_path(folder: Path, path: str, run: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{path.strip('/').replace('/', '_') or 'home'}-{run + 1}.json"


def summary(report: dict) -> dict:
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    lost = sorted(
        {
            ref["id"]
            for name in CATEGORIES
            for ref in report["categories"][name]["auditRefs"]
            if ref["weight"] > 0 and (audits[ref["id"]].get("score") is not None) and audits[ref["id"]]["score"] < 1
        }
    )
    return {
        **{name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES},
        "bytes": sum(item.get("transferSize", 0) for item in requests),
        "fonts": sum(item.get("transferSize", 0) for item in requests if item.get("resourceType") == "Font"),
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "lost": lost,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page (the median is printed)")
    parser.add_argument("--save-reports", type=Path, help="keep each run's Lighthouse JSON in this folder (to read the request chain)")
    parser.add_argument("paths", nargs="*", default=PAGES, help="site paths, e.g. en/tourism/")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: npm ci --prefix tools/lighthouse")
    with tempfile.TemporaryDirectory() as tmp:
        workdir, port = Path(tmp), free_port()
        web_root = build(workdir, port)
        with NginxServer(nginx_config(workdir, web_root, port), port) as server:
            print(f"{'page':<16} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'KB':>6} {'fonts':>6} {'LCP ms':>7} {'TBT ms':>7}  lost points")
            for path in args.paths:
                runs = [summary(audit(server.base + path, report_path(args.save_reports or workdir, path, run))) for run in range(args.runs)]
                middle = sorted(runs, key=lambda run: run["performance"])[len(runs) // 2]
                perf = statistics.median(run["performance"] for run in runs)
                print(
                    f"/{path:<15} {perf:>4.0f} {middle['accessibility']:>4} {middle['best-practices']:>4} {middle['seo']:>4} "
                    f"{middle['bytes'] / 1024:>6.0f} {middle['fonts'] / 1024:>6.0f} {middle['lcp']:>7.0f} {middle['tbt']:>7.0f}  {' '.join(middle['lost']) or '-'}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
