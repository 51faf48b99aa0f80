"""The sources and "as of" date of a page, as shown to readers at the end of every language.

They are language-neutral, so they come from the source-language page's front matter.
"""

from __future__ import annotations

from datetime import date

from .dates import format_reader_date
from .text_language import title_language


def reader_sources(meta: dict, language: str, home: str) -> dict | None:
    """{'as_of': {...} or None, 'items': [...]} for a template, or None without sources.

    A site-relative URL ("/about/") is a page of this portal: it is linked in the reader's
    language (home is the language's home path, e.g. "/en/").
    """
    items = []
    for source in meta.get("sources") or []:
        if not isinstance(source, dict) or not source.get("url"):
            continue
        url = str(source["url"])
        published = source.get("published")
        title = str(source.get("title") or url)
        # A title in another language than the page's is read with that language's voice: the
        # source's `lang:` when the editor gives it (a Spanish title), else the one recognised.
        title_lang = str(source["lang"]) if source.get("lang") else title_language(title)
        items.append({
            "title": title,
            "lang": title_lang if title_lang != language else None,
            "url": home + url.lstrip("/") if url.startswith("/") else url,
            "external": not url.startswith("/"),
            "published": format_reader_date(published, language) if isinstance(published, date) else None,
        })
    as_of = meta.get("as_of")
    if not items and not isinstance(as_of, date):
        return None
    return {
        "as_of": {"iso": as_of.isoformat(), "text": format_reader_date(as_of, language)} if isinstance(as_of, date) else None,
        "items": items,
    }
