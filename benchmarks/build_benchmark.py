"""Benchmark: the project's build beside the bare card stack, on the real docs plus N posts per language.

The bare card stack is MkDocs 1.6 + Material + mkdocs-static-i18n with the same docs/, nav,
Material features and Material's lunr search, without the portal plugin (only the Khmer UI
partial from overrides/, without which Material cannot build Khmer). Both are built in the
same run, on the same synthetic content, so that their ratio holds on a noisy machine.

Synthetic content: N news posts per language (outside the nav), each six real paragraphs of
that language's pages. Printed, for both stacks:
- cold: no site/ and no cache;
- warm: built again with nothing changed;
- one page: built again after one Vietnamese post's text changed;
- for the project also `portal build --jobs 1` and `--jobs J` (cold), and the preview: the
  time from saving one page to `mkdocs serve` serving it changed (the real site and the
  synthetic one);
- peak memory of each build (all its processes together), and every ratio.

Usage:

    .venv/bin/python benchmarks/build_benchmark.py [--posts 1000] [--jobs 2] [--skip-serve]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "scripts"))
sys.path.insert(0, str(Path(__file__).parent))

from daklak_portal.config import TolerantLoader, load_settings  # noqa: E402
from daklak_portal.content import load_pages  # noqa: E402
from measure import tree_rss  # noqa: E402

BIN = Path(sys.executable).parent
ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": f"{BIN}:/usr/bin:/bin", "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8"}
EDITED_POST = "docs/vi/news/posts/bench-0000.md"


LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # a link or image: its text is kept, the target dropped


def real_paragraphs() -> dict[str, list[str]]:
    """The real pages' paragraphs of prose per language, their links made plain text (a
    relative link would point elsewhere from a post)."""
    settings = load_settings(PROJECT)
    pages, _ = load_pages(settings)
    return {
        language: [LINK.sub(r"\1", p.strip()) for page in pages[language].values() for p in page.body.split("\n\n") if len(p.strip()) > 80 and not p.lstrip().startswith(("#", "|", "-", "!", "<", "*", ">", "`"))]
        for language in settings.languages
    }


def make_project(root: Path, posts: int) -> None:
    """A copy of the project's docs, overrides, key figures and configuration, plus `posts` posts
    per language, in git."""
    for name in ("docs", "overrides", "figures"):
        shutil.copytree(PROJECT / name, root / name)
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    (root / ".gitignore").write_text("site/\nsite-bare/\n.cache/\n", encoding="utf-8")
    rng = random.Random(20261204)
    for language, paragraphs in real_paragraphs().items():
        folder = root / "docs" / language / "news" / "posts"
        for n in range(posts):
            chosen = rng.sample(paragraphs, k=min(6, len(paragraphs)))
            body = "\n\n".join(f"## {n}-{i} {{#part-{i}}}\n\n{text}" for i, text in enumerate(chosen))
            day = f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}"
            if language == "vi":
                meta = f"title: Bản tin thử {n}\ndescription: Bài viết thử số {n}.\ndate: {day}\nslug: bench-{n:04d}\ncategories:\n  - investment\nas_of: {day}\n"
            else:
                meta = f"title: Test post {n}\n" if language == "en" else f"title: អត្ថបទសាកល្បង {n}\n"
            (folder / f"bench-{n:04d}.md").write_text(f"---\n{meta}---\n\n{body}\n", encoding="utf-8")
    write_bare_config(root)
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "content"], cwd=root, check=True, env={**ENV, "GIT_AUTHOR_DATE": "2026-12-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-12-01T00:00:00Z"})


def write_bare_config(root: Path) -> None:
    """bare.yml: the same site on the bare card stack (Material's search, no portal plugin)."""
    config = yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=TolerantLoader)
    config["site_url"] = "https://daklak-portal.example.org/"
    config["site_dir"] = "site-bare"
    config["strict"] = False  # the docs link to pages only the portal plugin generates
    config["theme"]["custom_dir"] = "bare-overrides"
    plugins = ["search"]
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            plugin["i18n"]["reconfigure_search"] = True
            plugins.append(plugin)
    config["plugins"] = plugins
    (root / "bare.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    km = root / "bare-overrides" / "partials" / "languages" / "km.html"
    km.parent.mkdir(parents=True)
    shutil.copy(PROJECT / "overrides" / "partials" / "languages" / "km.html", km)


def run(command: list[str], root: Path) -> tuple[float, int]:
    """(seconds, peak memory of the process tree sampled every 20 ms); exits on a failed build."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=root, stdout=log, stderr=subprocess.STDOUT, env=ENV)
        peak = 0
        while process.poll() is None:
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.02)
        elapsed = time.perf_counter() - started
        if process.returncode != 0:
            log.seek(0)
            raise SystemExit(f"{' '.join(command)} failed in {root}:\n{log.read().decode('utf-8', 'replace')[-4000:]}")
    return elapsed, peak


def edit_post(root: Path, marker: str) -> None:
    path = root / EDITED_POST
    path.write_text(path.read_text(encoding="utf-8") + f"\nĐoạn văn sửa đổi {marker}.\n", encoding="utf-8")


def measure_stack(root: Path, command: list[str], clean: list[str]) -> dict[str, tuple[float, int]]:
    """Cold, warm and one-page-changed builds of one stack."""
    for name in clean:
        shutil.rmtree(root / name, ignore_errors=True)
    results = {"cold": run(command, root), "warm": run(command, root)}
    edit_post(root, f"build-{command[0]}-{time.time_ns()}")
    results["one page"] = run(command, root)
    return results


def measure_serve(root: Path, port: int, edits: int = 5) -> list[float]:
    """Seconds from saving one page to `mkdocs serve --dirty` (what `make serve` runs) serving it
    changed, for `edits` saves a few seconds apart (the search index refreshes in between)."""
    edited = EDITED_POST if (root / EDITED_POST).exists() else "docs/vi/tourism/lak-lake.md"
    url = f"http://127.0.0.1:{port}/" + ("news/posts/bench-0000/" if edited == EDITED_POST else "tourism/lak-lake/")
    page = root / edited
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"], cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    times = []
    try:
        wait_for(url, None, timeout=900)
        for _ in range(edits):
            time.sleep(5)  # the watcher is running and the previous search refresh is done
            marker = f"preview-{time.time_ns()}"
            started = time.perf_counter()
            page.write_text(page.read_text(encoding="utf-8") + f"\nĐoạn văn xem trước {marker}.\n", encoding="utf-8")
            wait_for(url, marker, timeout=900)
            times.append(time.perf_counter() - started)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return times


def wait_for(url: str, text: str | None, timeout: float) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text is None or text in response.read().decode("utf-8", "replace"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url}: not served{' with ' + text if text else ''} within {timeout} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000, help="news posts per language (default 1000)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="processes for the parallel build (default: cores)")
    parser.add_argument("--skip-serve", action="store_true", help="do not measure the preview server")
    args = parser.parse_args()
    mkdocs, portal = str(BIN / "mkdocs"), str(BIN / "portal")
    with tempfile.TemporaryDirectory(prefix="build-bench-") as tmp:
        root = Path(tmp) / "synthetic"
        root.mkdir()
        make_project(root, args.posts)
        print(f"synthetic site: real docs + 3 × {args.posts} posts, {os.cpu_count()} cores", flush=True)
        bare = measure_stack(root, [mkdocs, "build", "-f", "bare.yml"], ["site-bare"])
        print("bare card stack measured", flush=True)
        project = measure_stack(root, [portal, "build", "--jobs", str(args.jobs)], ["site", ".cache"])
        print("project measured", flush=True)
        shutil.rmtree(root / "site")
        shutil.rmtree(root / ".cache", ignore_errors=True)
        sequential = run([portal, "build", "--jobs", "1"], root)
        shutil.rmtree(root / "site")
        shutil.rmtree(root / ".cache", ignore_errors=True)
        parallel = run([portal, "build", "--jobs", str(args.jobs)], root)
        print("sequential and parallel cold builds measured", flush=True)
        serve = {}
        if not args.skip_serve:
            real = Path(tmp) / "real"
            real.mkdir()
            make_project(real, 0)
            serve["real"] = measure_serve(real, 8791)
            serve["synthetic"] = measure_serve(root, 8792)

    print()
    print(f"| build (3 × {args.posts} posts) | bare card stack | project (`portal build --jobs {args.jobs}`) | ratio |")
    print("|---|---:|---:|---:|")
    for kind in ("cold", "warm", "one page"):
        (b, bm), (p, pm) = bare[kind], project[kind]
        print(f"| {kind} | {b:.1f} s, {bm / 1e6:.0f} MB | {p:.1f} s, {pm / 1e6:.0f} MB | {p / b:.2f} × |")
    print()
    (s, sm), (q, qm) = sequential, parallel
    print(f"cold `portal build --jobs 1`: {s:.1f} s, {sm / 1e6:.0f} MB; `--jobs {args.jobs}`: {q:.1f} s, {qm / 1e6:.0f} MB; ratio {q / s:.2f} ×; bare cold {bare['cold'][0]:.1f} s")
    if serve:
        real, synthetic = statistics.median(serve["real"]), statistics.median(serve["synthetic"])
        print(f"preview (`make serve`, i.e. `mkdocs serve --dirty`), seconds from saving a page to serving it, median of {len(serve['real'])} saves:")
        print(f"  real site: {real:.2f} s (each: {', '.join(f'{t:.2f}' for t in serve['real'])})")
        print(f"  real + 3 × {args.posts} posts: {synthetic:.2f} s = {synthetic / s:.2f} × the project's sequential cold build (each: {', '.join(f'{t:.2f}' for t in serve['synthetic'])})")


if __name__ == "__main__":
    main()
