"""Checks over a built site/ folder (HTML and CSS as a browser would load them)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from .errors import Finding

# Attributes whose URL a browser fetches by itself when it shows the page.
_LOADING_ATTRIBUTES = {
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href",),
    "use": ("href",),
}
# <link rel=…> values that make the browser fetch the target.
_LOADING_LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "prefetch", "modulepreload", "manifest", "dns-prefetch", "preconnect", "mask-icon"}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)


def is_external(url: str) -> bool:
    """True for a URL on another host: absolute http(s) or protocol-relative."""
    url = url.strip()
    scheme = urlsplit(url).scheme.lower()
    return url.startswith("//") or scheme in ("http", "https")


class _ResourceParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []  # (line, url)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        line = self.getpos()[0]
        names = list(_LOADING_ATTRIBUTES.get(tag, ()))
        if tag == "link":
            rels = set((attributes.get("rel") or "").lower().split())
            if rels & _LOADING_LINK_RELS:
                names.append("href")
        for name in names:
            value = attributes.get(name) or ""
            urls = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
            self.found.extend((line, url) for url in urls if url)
        if attributes.get("style"):
            self.found.extend((line, url) for url in css_urls(attributes["style"]))

    def handle_data(self, data):
        if self.lasttag == "style":
            line = self.getpos()[0]
            self.found.extend((line, url) for url in css_urls(data))


def css_urls(css: str) -> list[str]:
    return [match.group(2) or match.group(4) for match in _CSS_URL.finditer(css)]


def external_resources(site_dir: Path) -> list[Finding]:
    """Every URL on another host that a browser would load from a built page or stylesheet."""
    findings = []
    for path in sorted(site_dir.rglob("*")):
        shown = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            parser = _ResourceParser()
            parser.feed(path.read_text(encoding="utf-8"))
            findings.extend(Finding.of(shown, line, "audit.external", url=url) for line, url in parser.found if is_external(url))
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8")
            for match in _CSS_URL.finditer(text):
                url = match.group(2) or match.group(4)
                if is_external(url):
                    line = text.count("\n", 0, match.start()) + 1
                    findings.append(Finding.of(shown, line, "audit.external", url=url))
    return findings


# -- hreflang and sitemap ----------------------------------------------------------------------

_SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


@dataclass
class PageHead:
    """What a built page's <head> tells search engines."""

    file: str
    url: str
    lang: str = ""
    canonical: str | None = None
    noindex: bool = False
    alternates: dict[str, str] = field(default_factory=dict)  # hreflang -> URL


class _HeadParser(HTMLParser):
    def __init__(self, head: PageHead):
        super().__init__(convert_charrefs=True)
        self.head = head

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.head.lang = a.get("lang") or ""
        elif tag == "link" and a.get("rel") == "canonical":
            self.head.canonical = a.get("href")
        elif tag == "link" and a.get("rel") == "alternate" and a.get("hreflang") and not a.get("type"):  # (typed: a feed)
            self.head.alternates[a["hreflang"]] = a.get("href") or ""
        elif tag == "meta" and (a.get("name") or "").lower() == "robots":
            self.head.noindex = "noindex" in (a.get("content") or "").lower()


def _url_of(file: str, base: str) -> str:
    path = file.removesuffix("index.html")
    return base + path


def read_heads(site_dir: Path, site_url: str) -> dict[str, PageHead]:
    """Every built page's head, by its URL (404 pages excluded: they are not addressable)."""
    base = site_url.rstrip("/") + "/"
    heads = {}
    for path in sorted(site_dir.rglob("index.html")):
        file = path.relative_to(site_dir).as_posix()
        head = PageHead(file=file, url=_url_of(file, base))
        _HeadParser(head).feed(path.read_text(encoding="utf-8"))
        heads[head.url] = head
    return heads


def read_sitemap(site_dir: Path) -> dict[str, dict[str, str]]:
    """{loc: {hreflang: href}} from sitemap.xml."""
    import xml.etree.ElementTree as ElementTree

    root = ElementTree.parse(site_dir / "sitemap.xml").getroot()
    entries = {}
    for url in root.findall("sm:url", _SITEMAP_NS):
        loc = url.findtext("sm:loc", default="", namespaces=_SITEMAP_NS).strip()
        entries[loc] = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", _SITEMAP_NS)}
    return entries


def hreflang_problems(site_dir: Path, site_url: str) -> list[Finding]:
    """Reciprocity, self-reference, x-default and fallback exclusion, in heads and sitemap."""
    heads = read_heads(site_dir, site_url)
    sitemap = read_sitemap(site_dir)
    problems: list[Finding] = []

    def report(head: PageHead, message_id: str, **values) -> None:
        problems.append(Finding.of(head.file, None, message_id, **values))

    for head in heads.values():
        if head.noindex:
            if head.alternates:
                report(head, "audit.noindex-alternates")
            if head.url in sitemap:
                report(head, "audit.noindex-in-sitemap")
            continue
        if head.canonical != head.url:
            report(head, "audit.canonical", canonical=head.canonical, url=head.url)
        if head.alternates.get(head.lang) != head.url:
            report(head, "audit.no-self", lang=head.lang)
        if "x-default" not in head.alternates:
            report(head, "audit.no-x-default")
        for hreflang, target_url in head.alternates.items():
            target = heads.get(target_url)
            if target is None:
                report(head, "audit.hreflang-missing", hreflang=hreflang, target=target_url)
            elif target.noindex:
                report(head, "audit.hreflang-noindex", hreflang=hreflang, target=target_url)
            elif hreflang != "x-default" and target.alternates.get(head.lang) != head.url:
                report(head, "audit.hreflang-no-link-back", hreflang=hreflang, target=target_url)
        if head.url not in sitemap:
            report(head, "audit.not-in-sitemap")
        elif sitemap[head.url] != head.alternates:
            report(head, "audit.sitemap-alternates")
    for loc in sitemap:
        if loc not in heads:
            problems.append(Finding.of("sitemap.xml", None, "audit.sitemap-extra", loc=loc))
    return problems
