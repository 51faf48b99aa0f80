"""Benchmark: `portal coverage --format json` on a synthetic repository of 3 × N pages.

Every en and km page carries a stamp (as after `portal coverage stamp`), so no git history is
needed per page. Prints the wall time and the peak memory of the command. Usage:

    .venv/bin/python benchmarks/coverage_benchmark.py [--pages 10000]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "scripts"))
sys.path.insert(0, str(Path(__file__).parent))

from daklak_portal.sections import fingerprints  # noqa: E402
from daklak_portal.stamps import stamp_block  # noqa: E402
from measure import tree_rss  # noqa: E402

SECTIONS = ["overview", "getting-there", "what-to-see", "season"]


def source_page(n: int) -> str:
    body = "Giới thiệu chung về điểm đến số {n}.\n\n".format(n=n)
    for anchor in SECTIONS:
        body += f"## Mục {anchor} {{#{anchor}}}\n\nNội dung của mục {anchor} trên trang {n}, với các thông tin cần thiết cho du khách.\n\n"
    return f"---\ntitle: Trang {n}\nas_of: 2026-01-01\n---\n{body}"


def translated_page(n: int, language: str, stamp: str, changed: bool) -> str:
    body = f"Introduction to destination {n}.\n\n" if language == "en" else f"សេចក្ដីផ្ដើមអំពីគោលដៅទី {n}។\n\n"
    for anchor in SECTIONS:
        body += f"## {anchor} {{#{anchor}}}\n\n" + (f"Text of {anchor} on page {n}.\n\n" if language == "en" else f"អត្ថបទនៃ {anchor} ទំព័រ {n}។\n\n")
    return f"---\ntitle: Page {n}\n{stamp}---\n{body}"


def make_repository(root: Path, count: int) -> None:
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    for language in ("vi", "en", "km"):
        (root / "docs" / language / "places").mkdir(parents=True)
    for n in range(count):
        source = source_page(n)
        (root / f"docs/vi/places/p{n:05d}.md").write_text(source, encoding="utf-8")
        prints = fingerprints(source.split("---\n", 2)[2])
        if n % 10 == 0:  # every tenth translation was made from an older version of §season
            prints = {**prints, "season": "000000000000"}
        stamp = stamp_block("HEAD_COMMIT", prints)
        for language in ("en", "km"):
            (root / f"docs/{language}/places/p{n:05d}.md").write_text(translated_page(n, language, stamp, n % 10 == 0), encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    env = {"GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org", "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.org", "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", "commit", "-q", "-m", "pages"], cwd=root, check=True, env=env)
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
    # Point the stamps at the real commit (sed-like rewrite, not counted in the measurement).
    for path in (root / "docs").glob("[ek][nm]/places/*.md"):
        path.write_text(path.read_text(encoding="utf-8").replace("HEAD_COMMIT", head), encoding="utf-8")
    subprocess.run(["git", "commit", "-q", "-am", "stamps"], cwd=root, check=True, env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000, help="pages per language (default 10000)")
    args = parser.parse_args()
    portal = Path(sys.executable).parent / "portal"
    with tempfile.TemporaryDirectory(prefix="coverage-bench-") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        make_repository(root, args.pages)
        print(f"synthetic repository: 3 × {args.pages} pages, made in {time.perf_counter() - started:.1f} s")
        for run in (1, 2, 3):
            elapsed, peak, exit_code, output = measure([str(portal), "coverage", "--format", "json", "--root", str(root)])
            outdated = sum(1 for page in json.loads(output)["pages"] if page["status"] == "outdated") if output else 0
            print(f"run {run}: {elapsed:.2f} s, peak memory {peak / 1e6:.0f} MB (all processes together), exit {exit_code}, {outdated} outdated pages found, {len(output) / 1e6:.1f} MB of JSON")


def measure(command: list[str]) -> tuple[float, int, int, str]:
    """(seconds, peak memory of the process tree sampled every 10 ms, exit code, stdout)."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        peak = 0
        while process.poll() is None:
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.01)
        elapsed = time.perf_counter() - started
        out.seek(0)
        return elapsed, peak, process.returncode, out.read().decode("utf-8")


if __name__ == "__main__":
    main()
