"""The home page's live parts, drawn at build time: `[[latest-news]]` (the three newest posts
written in the reader's language) and `[[next-events]]` (the editions of the dataset's events
that have not started on the build date), each on a line of its own in a language's index.md.
No script runs in the reader's browser for them."""

from __future__ import annotations

from datetime import date

from .config import language_info
from .dataset import Dataset
from .dates import format_reader_date
from .news import posts_in

HOME = "index.md"
LATEST_NEWS, NEXT_EVENTS = "[[latest-news]]", "[[next-events]]"
NEWS_COUNT = 3


def front_door_markdown(markdown: str, language: str, pages, source_language: str, dataset: Dataset, today: date, gettext) -> str:
    """The home page's Markdown with its live parts (links relative to the home page)."""
    colon = language_info(language).label_separator
    if LATEST_NEWS in markdown:
        posts = posts_in(language, pages, source_language)[:NEWS_COUNT]
        items = [f"- **{format_reader_date(post.published, language)}**{colon}[{post.title}]({post.key})" for post in posts]
        markdown = markdown.replace(LATEST_NEWS, "\n".join(items) or gettext("No news has been published in this language yet."))
    if NEXT_EVENTS in markdown:
        markdown = markdown.replace(NEXT_EVENTS, next_events(language, source_language, dataset, today, gettext))
    return markdown


def next_events(language: str, source_language: str, dataset: Dataset, today: date, gettext) -> str:
    """The coming editions, soonest first, with their dates in the reader's language."""
    colon = language_info(language).label_separator
    coming = sorted((record for record in dataset.records.get("events", []) if record.values["start"] >= today), key=lambda record: (record.values["start"], record.id))
    items = []
    for record in coming:
        start, end = record.values["start"], record.values["end"]
        when = format_reader_date(start, language) if start == end else f"{format_reader_date(start, language)} – {format_reader_date(end, language)}"
        name = record.text("name", language) or f'<span lang="{source_language}">{record.text("name", source_language)}</span>'
        anchor = record.iri.partition("#")[2]
        items.append(f"- **{when}**{colon}[{name}]({record.page}#{anchor})")
    return "\n".join(items) or gettext("No coming event has announced dates yet; the news page announces them.")
