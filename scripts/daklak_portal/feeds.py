"""News feeds per language: Atom 1.0 (feed.xml) and JSON Feed 1.1 (feed.json) at each
language's home (/feed.xml, /en/feed.xml, /km/feed.xml).

A feed lists the news posts written in its language, newest first: real translations only
(not fallback copies, not translations in progress), with absolute URLs, the post's date as
published and, as updated, the date git last changed the post in that language. Each entry
carries the post's title, its description as the summary, and its categories. The feed's
dates come from git and the posts, so two builds of one commit give the same bytes.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta, timezone
from xml.sax.saxutils import escape, quoteattr

from .content import SourceFile, page_path
from .news import POSTS_PREFIX, category_names
from .stamps import in_progress

VIETNAM = timezone(timedelta(hours=7))  # the province's time: a post dated 1 July is 1 July there
ATOM, JSON_FEED = "feed.xml", "feed.json"


def feed_posts(pages: dict[str, SourceFile], source_pages: dict[str, SourceFile], available: set[str]) -> list[tuple[SourceFile, date, list]]:
    """(post, date published, category ids) of a language's real translations, newest first;
    the date and categories are the source post's (language-neutral facts)."""
    posts = []
    for key, page in pages.items():
        if not key.startswith(POSTS_PREFIX) or key not in available:
            continue
        if in_progress(page.meta):
            continue
        source = (source_pages.get(key) or page).meta
        if isinstance(source.get("date"), date):
            posts.append((page, source["date"], source.get("categories") if isinstance(source.get("categories"), list) else []))
    return sorted(posts, key=lambda item: (-item[1].toordinal(), item[0].key))


def _iso(moment: datetime | date) -> str:
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time(0, 0), VIETNAM)
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def feeds(language: str, source_language: str, site_url: str, title: str, author: str, posts: list[tuple[SourceFile, date, list]], last_changed, categories: dict) -> tuple[str, str]:
    """(Atom XML, JSON Feed) of one language; last_changed(language, key) -> datetime or None."""
    base = site_url.rstrip("/") + "/"
    home = base + page_path("index.md", language, source_language)
    news = base + page_path("news/index.md", language, source_language)
    entries = []
    for page, published, category_ids in posts:
        changed = last_changed(language, page.key)
        updated = changed if changed is not None and changed.date() >= published else published
        entries.append({
            "url": base + page_path(page.key, language, source_language),
            "title": str(page.meta.get("title") or page.key),
            "summary": str(page.meta.get("description") or ""),
            "published": _iso(published),
            "updated": _iso(updated),
            "tags": category_names(category_ids, categories, language, source_language),
        })
    feed_updated = max((entry["updated"] for entry in entries), default=_iso(date(2000, 1, 1)))

    atom = ['<?xml version="1.0" encoding="utf-8"?>', f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{language}">']
    atom += [
        f"  <id>{escape(home + ATOM)}</id>",
        f"  <title>{escape(title)}</title>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(home + ATOM)}/>',
        f'  <link rel="alternate" type="text/html" hreflang="{language}" href={quoteattr(news)}/>',
        f"  <updated>{feed_updated}</updated>",
        f"  <author><name>{escape(author)}</name><uri>{escape(home)}</uri></author>",
        "  <generator>portal</generator>",
    ]
    for entry in entries:
        atom += [
            "  <entry>",
            f"    <id>{escape(entry['url'])}</id>",
            f"    <title>{escape(entry['title'])}</title>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(entry["url"])}/>',
            f"    <published>{entry['published']}</published>",
            f"    <updated>{entry['updated']}</updated>",
            f"    <summary>{escape(entry['summary'])}</summary>",
            *(f"    <category term={quoteattr(tag)}/>" for tag in entry["tags"]),
            "  </entry>",
        ]
    atom.append("</feed>")

    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": news,
        "feed_url": home + JSON_FEED,
        "language": language,
        "authors": [{"name": author, "url": home}],
        "items": [
            {
                "id": entry["url"],
                "url": entry["url"],
                "title": entry["title"],
                "summary": entry["summary"],
                "content_text": entry["summary"],
                "date_published": entry["published"],
                "date_modified": entry["updated"],
                **({"tags": entry["tags"]} if entry["tags"] else {}),
            }
            for entry in entries
        ],
    }
    return "\n".join(atom) + "\n", json.dumps(document, ensure_ascii=False, indent=1) + "\n"
