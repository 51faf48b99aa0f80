"""News feeds per language (feeds.py), read with a real feed parser: every real post of the
language and nothing else, absolute URLs, dates, the language; linked from every page."""

import json
import re

import feedparser
import pytest
import yaml

from conftest import PROJECT
from daklak_portal.config import load_settings

SETTINGS = load_settings(PROJECT)
PREFIX = {"vi": "", "en": "en/", "km": "km/"}


def real_posts(language: str) -> set[str]:
    """The language's news posts that are real translations (not in progress)."""
    found = set()
    for path in (PROJECT / "docs" / language / "news/posts").glob("*.md"):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        if (meta.get("translation") or {}).get("status") != "in-progress":
            found.add(path.stem)
    return found


@pytest.mark.parametrize("language", ["vi", "en", "km"])
def test_each_language_has_an_atom_feed_of_its_own_posts(built_real_site, language):
    feed = feedparser.parse((built_real_site / PREFIX[language] / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.language == language
    base = SETTINGS.site_url.rstrip("/") + "/"
    assert feed.feed.link == f"{base}{PREFIX[language]}news/"
    slugs = {entry.link.rstrip("/").rsplit("/", 1)[1] for entry in feed.entries}
    assert slugs == real_posts(language) and slugs
    dates = [entry.published_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True), "newest first"
    for entry in feed.entries:
        assert entry.link.startswith(f"{base}{PREFIX[language]}news/posts/"), entry.link
        assert (built_real_site / entry.link.removeprefix(base) / "index.html").is_file()
        assert entry.title and entry.summary and entry.updated_parsed >= entry.published_parsed


@pytest.mark.parametrize("language", ["vi", "en", "km"])
def test_json_feed_holds_the_same_items(built_real_site, language):
    document = json.loads((built_real_site / PREFIX[language] / "feed.json").read_text(encoding="utf-8"))
    atom = feedparser.parse((built_real_site / PREFIX[language] / "feed.xml").read_bytes())
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["language"] == language and document["title"]
    assert [item["url"] for item in document["items"]] == [entry.link for entry in atom.entries]
    for item in document["items"]:
        assert item["id"] and item["title"] and item["content_text"] and re.match(r"\d{4}-\d\d-\d\dT", item["date_published"])


def test_every_page_links_every_languages_feed_and_the_news_page_shows_them(built_real_site):
    base = SETTINGS.site_url.rstrip("/") + "/"
    for page in ("index.html", "en/tourism/index.html", "km/news/index.html", "km/404.html"):
        html = (built_real_site / page).read_text(encoding="utf-8")
        for language, prefix in PREFIX.items():
            assert re.search(rf'<link rel="alternate" type="application/atom\+xml" hreflang="{language}" title="[^"]+" href="{re.escape(base + prefix)}feed.xml">', html), (page, language)
    news = (built_real_site / "km/news/index.html").read_text(encoding="utf-8")
    assert 'ជាវព័ត៌មាន៖ <a href="../feed.xml" type="application/atom+xml">Atom</a>' in news
    assert (built_real_site / "km/news/../feed.json").resolve().is_file()
