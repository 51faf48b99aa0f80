"""The editors' preview (`make serve`, i.e. `mkdocs serve --dirty`): a saved page is served
changed within seconds, with the navigation titles and the news list of a full build."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request

import pytest

from conftest import BASIC_PAGES, BIN, make_site, offline_env

POST = "---\ntitle: {title}\ndate: 2026-11-20\nslug: first-post\nas_of: 2026-11-20\n---\nNội dung bài viết.\n"
NEWS = "---\ntitle: Tin tức\n---\nTin mới.\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, text: str, seconds: float) -> float:
    """Seconds until `url` serves a page holding `text`."""
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        try:
            if text in fetch(url):
                return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.05)
    pytest.fail(f"{url} did not show {text!r} within {seconds} s")


@pytest.fixture
def preview(tmp_path):
    pages = {**BASIC_PAGES, "vi/news/index.md": NEWS, "vi/news/posts/first-post.md": POST.format(title="Bài đầu tiên")}
    nav = ["index.md", {"Tổng quan tỉnh": ["province/index.md"]}, {"Tin tức – Sự kiện": ["news/index.md"]}, {"Thông tin cổng": ["about/contacts.md"]}]
    root = make_site(tmp_path / "src", pages, nav=nav)
    port = free_port()
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"], cwd=root, env={**offline_env(), "NO_MKDOCS_2_WARNING": "1", "PATH": f"{BIN}:/usr/bin:/bin"}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(base + "province/", "Tây Nguyên", 120)
        time.sleep(1)  # the file watcher starts after the first build
        yield root, base
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
        assert "Traceback" not in output, output


def test_a_saved_page_is_served_changed_with_the_site_around_it(preview):
    root, base = preview
    page = root / "docs/vi/province/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nCao nguyên đất đỏ bazan.\n", encoding="utf-8")
    assert wait_for(base + "province/", "Cao nguyên đất đỏ bazan", 30) < 15
    html = fetch(base + "province/")
    # Pages the dirty rebuild did not read keep their front-matter titles in the navigation.
    flat = " ".join(html.split())
    assert 'class="md-nav__link"> <span class="md-ellipsis"> Trang chủ </span>' in flat  # the home page's title
    assert "> Home <" not in flat  # not its file name
    # The untranslated Khmer copy follows its source.
    wait_for(base + "km/province/", "Cao nguyên đất đỏ bazan", 30)


def test_the_news_list_shows_a_renamed_post_at_once(preview):
    root, base = preview
    post = root / "docs/vi/news/posts/first-post.md"
    post.write_text(POST.format(title="Bài đã đổi tên"), encoding="utf-8")
    wait_for(base + "news/", "Bài đã đổi tên", 30)
