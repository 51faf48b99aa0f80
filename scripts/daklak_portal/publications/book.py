"""What a publication holds: its configuration, the languages it can be published in, and the
article of each of its pages as the built site shows it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import yaml

from ..config import Settings
from ..content import page_path, read_source_file
from ..errors import PortalError, relative
from ..stamps import in_progress

FOLDER = "publications"  # beside mkdocs.yml
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_SOURCES = re.compile(r'<aside class="portal-sources".*?</aside>', re.S)
_DROPPED = [
    re.compile(r'<a href="[^"]*" class="md-content__button[^"]*".*?</a>', re.S),  # edit / view source
    re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S),
    re.compile(r'<p class="portal-updated">.*?</p>', re.S),
    re.compile(r"<script\b.*?</script>", re.S),
    re.compile(r"<img\b[^>]*>"),  # pages have no photos yet; a publication's images are a later step
]
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_HREF = re.compile(r'(<a\b[^>]*?\bhref=")([^"#][^"]*)(")')


@dataclass(frozen=True)
class Publication:
    id: str
    titles: dict[str, str]
    pages: tuple[str, ...]
    path: Path
    licences: dict[str, str]


@dataclass(frozen=True)
class Chapter:
    key: str
    title: str
    html: str  # the article without its <h1>, sources box or page furniture; links absolute
    sources: str  # the article's sources box, for the sources at the end


def _absolute(html: str, page_url: str) -> str:
    """Links made absolute: a reader of the PDF or EPUB follows them to the portal."""
    return _HREF.sub(lambda match: match[1] + urljoin(page_url, match[2]) + match[3], html)


def load_publications(settings: Settings) -> list[Publication]:
    found = []
    for path in sorted((settings.root / FOLDER).glob("*.yml")):
        where = relative(path, settings.root)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            raise PortalError("publication.invalid", where=where, problem=str(error).splitlines()[0]) from None
        if not isinstance(data, dict) or not isinstance(data.get("pages"), list) or not isinstance(data.get("title"), dict) or not data.get("id"):
            raise PortalError("publication.invalid", where=where, problem="id, title (per language) and pages are required")
        for key in data["pages"]:
            if not (settings.language_dir(settings.source_language) / str(key)).is_file():
                raise PortalError("publication.no-page", where=where, page=f"docs/{settings.source_language}/{key}")
        licences = {str(k): str(v) for k, v in (data.get("licence") or {}).items()} if isinstance(data.get("licence"), dict) else {}
        found.append(Publication(str(data["id"]), {str(k): str(v) for k, v in data["title"].items()}, tuple(map(str, data["pages"])), path, licences))
    return found


def is_translated(settings: Settings, key: str, language: str) -> bool:
    """Whether the page exists in the language and its translation is not in progress."""
    path = settings.language_dir(language) / key
    return path.is_file() and not in_progress(read_source_file(path, settings, language=language, key=key).meta)


def blockers(publication: Publication, settings: Settings, language: str) -> list[str]:
    """The pages that keep the publication from this language: not translated, or in progress."""
    if language == settings.source_language:
        return []
    return [key for key in publication.pages if not is_translated(settings, key, language)]


def publication_coverage(settings: Settings) -> dict[str, dict]:
    """Per translation language: how many publications it can have, and for each one it cannot,
    the pages that keep it out (shown by `portal coverage` with the pages' own statuses)."""
    publications = load_publications(settings)
    coverage = {}
    for language in settings.languages[1:]:
        missing = {publication.id: pages for publication in publications if (pages := blockers(publication, settings, language))}
        coverage[language] = {"translated": len(publications) - len(missing), "total": len(publications), "missing": missing}
    return coverage


def chapters(publication: Publication, settings: Settings, site: Path, language: str) -> list[Chapter]:
    """Each page's article from the built site (site/), ready to go into the book."""
    base = settings.site_url.rstrip("/") + "/"
    found = []
    for key in publication.pages:
        url_path = page_path(key, language, settings.source_language)
        built = site / url_path / "index.html"
        if not built.is_file():
            raise PortalError("publication.not-built", where=relative(built, settings.root))
        article = _ARTICLE.search(built.read_text(encoding="utf-8"))
        html = article.group(1) if article else ""
        sources = _SOURCES.search(html)
        html = _SOURCES.sub("", html)
        for pattern in _DROPPED:
            html = pattern.sub("", html)
        title = _H1.search(html)
        html = _H1.sub("", html, count=1)
        heading = unescape(re.sub(r"<[^>]+>", "", title.group(1))).strip() if title else key
        page_url = base + url_path
        found.append(Chapter(key, heading, _absolute(html, page_url).strip(), _absolute(sources.group(0), page_url) if sources else ""))
    return found
