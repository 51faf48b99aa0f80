"""Checks over a built site/ folder (HTML and CSS as a browser would load them)."""

from __future__ import annotations

import re
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
            findings.extend(Finding(shown, line, f"loads {url} from another host") for line, url in parser.found if is_external(url))
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8")
            for match in _CSS_URL.finditer(text):
                url = match.group(2) or match.group(4)
                if is_external(url):
                    line = text.count("\n", 0, match.start()) + 1
                    findings.append(Finding(shown, line, f"loads {url} from another host"))
    return findings
