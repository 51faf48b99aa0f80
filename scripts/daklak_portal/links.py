"""`portal links`: are the outbound links of a built site still alive? (weekly CI job)

Only plain <a href> links to other hosts are checked (the site loads nothing from them).
Each URL is asked once, HEAD first and GET when a server refuses HEAD, with a timeout and a
small thread pool, so a slow host cannot hold the job for long.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

USER_AGENT = "daklak-portal-link-check/1 (+https://github.com/)"


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if urlsplit(href).scheme in ("http", "https"):
                self.hrefs.append(href)


def external_links(site_dir: Path, site_url: str) -> dict[str, list[str]]:
    """{url: [pages that link to it]} for links to other hosts."""
    own_host = urlsplit(site_url).netloc
    links: dict[str, list[str]] = {}
    for page in sorted(site_dir.rglob("*.html")):
        parser = _Anchors()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in dict.fromkeys(parser.hrefs):
            if urlsplit(href).netloc != own_host:
                links.setdefault(href, []).append(page.relative_to(site_dir).as_posix())
    return links


def check_url(url: str, timeout: float) -> tuple[int | None, str]:
    """(HTTP status or None, error text)."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, ""
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue  # some servers refuse HEAD: ask again with GET
            return error.code, error.reason if isinstance(error.reason, str) else ""
        except (urllib.error.URLError, OSError, ValueError) as error:
            return None, str(getattr(error, "reason", error))
    return None, "no answer"


def check_links(urls: list[str], timeout: float = 10, workers: int = 8) -> dict[str, tuple[int | None, str]]:
    with ThreadPoolExecutor(workers) as pool:
        return dict(zip(urls, pool.map(lambda url: check_url(url, timeout), urls), strict=True))


def report(links: dict[str, list[str]], results: dict[str, tuple[int | None, str]]) -> tuple[str, int]:
    """A Markdown report for the job summary, and the number of broken links."""
    broken = {url: result for url, result in results.items() if result[0] is None or result[0] >= 400}
    lines = ["## External links", "", f"{len(results)} link(s) checked, {len(broken)} broken.", ""]
    if broken:
        lines += ["| Link | Answer | Linked from |", "|---|---|---|"]
        for url, (status, error) in sorted(broken.items()):
            pages = ", ".join(links[url][:3]) + (f" and {len(links[url]) - 3} more" if len(links[url]) > 3 else "")
            lines.append(f"| {url} | {status or error} | {pages} |")
    return "\n".join(lines) + "\n", len(broken)
