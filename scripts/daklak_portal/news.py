"""News and events: each language lists its own posts, newest first, in pages, with a yearly archive.

Posts are docs/<lang>/news/posts/<slug>.md. The date is language-neutral, so it is read from
the source-language post; a language lists a post only where the translated file exists.
news/index.md shows the newest posts; older ones are on generated pages news/page/<n>/, and
news/archive/<year>/ lists a year's posts. Generated pages exist per language, for that
language's posts only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Callable

from .config import language_info, load_plugin_options
from .content import SourceFile
from .dates import format_reader_date, format_reader_number

NEWS_INDEX = "news/index.md"
POSTS_PREFIX = "news/posts/"
PAGE_SIZE = 10

Gettext = Callable[[str], str]


@dataclass(frozen=True)
class Post:
    key: str
    title: str
    description: str
    published: date


def posts_in(language: str, pages: dict[str, dict[str, SourceFile]], source_language: str) -> list[Post]:
    """The posts written in `language`, newest first (then by key, for stable output).

    `portal lint` guarantees every source post has a `date:`.
    """
    posts = []
    for key, page in pages.get(language, {}).items():
        if not key.startswith(POSTS_PREFIX):
            continue
        source = pages.get(source_language, {}).get(key, page)
        published = source.meta.get("date")
        if isinstance(published, date):
            posts.append(Post(key, str(page.meta.get("title") or key), str(page.meta.get("description") or ""), published))
    return sorted(posts, key=lambda post: (-post.published.toordinal(), post.key))


def news_categories(settings) -> dict[str, dict[str, str]]:
    """{category id: {language: name}} declared in mkdocs.yml (the portal plugin's `categories:`)."""
    declared = load_plugin_options(settings, "portal").get("categories") or {}
    return {str(key): {str(lang): str(name) for lang, name in (names or {}).items()} for key, names in declared.items()}


def category_names(ids, categories: dict[str, dict[str, str]], language: str, source_language: str) -> list[str]:
    """The names of a post's categories in a language (the source language's when it has none)."""
    ids = ids if isinstance(ids, list) else []
    return [categories[c].get(language) or categories[c].get(source_language, c) for c in ids if c in categories]


def page_key(number: int) -> str:
    return NEWS_INDEX if number == 1 else f"news/page/{number}.md"


def archive_key(year: int) -> str:
    return f"news/archive/{year}.md"


def index_markdown(posts: list[Post], language: str, gettext: Gettext) -> str:
    """Appended to news/index.md: the newest posts, a link to older pages, the archive by year."""
    # Plain gettext calls (not inside f-strings) so that `make catalogs` extracts the strings.
    if not posts:
        return "\n\n" + gettext("No news has been published in this language yet.") + "\n"
    latest, archive = gettext("Latest news"), gettext("Archive")
    lines = ["", "", f"## {latest} {{#latest}}", "", *_post_items(posts[:PAGE_SIZE], language, detailed=True)]
    lines += _pager(1, _page_count(posts), language, gettext, from_key=NEWS_INDEX)
    lines += ["", f"## {archive} {{#archive}}", ""]
    for year, group in groupby(posts, key=lambda post: post.published.year):
        count = format_reader_number(len(list(group)), language)
        lines.append(f"- [{_year(year, language)}]({_relative(NEWS_INDEX, archive_key(year))}) ({count})")
    # The language's feeds (written by the build at its home, one level up; plain HTML links,
    # since MkDocs would look for feed.xml among the pages).
    feed, colon = gettext("News feed"), language_info(language).label_separator
    lines += ["", f'<p class="portal-feeds">{feed}{colon}<a href="../feed.xml" type="application/atom+xml">Atom</a> · <a href="../feed.json" type="application/feed+json">JSON Feed</a></p>']
    return "\n".join(lines) + "\n"


def generated_pages(posts: list[Post], language: str, gettext: Gettext) -> dict[str, str]:
    """{key: Markdown} of the older-news pages and the yearly archive pages of one language."""
    pages = {}
    news = gettext("News and events")
    total = _page_count(posts)
    for number in range(2, total + 1):
        key = page_key(number)
        label = gettext("Page %(number)s of %(total)s") % {"number": format_reader_number(number, language), "total": format_reader_number(total, language)}
        chunk = posts[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        colon = language_info(language).label_separator  # Khmer "៖ "
        pages[key] = "\n".join([f"# {news}{colon}{label}", "", *_post_items(chunk, language, detailed=True, from_key=key), *_pager(number, total, language, gettext, from_key=key)]) + "\n"
    for year, group in groupby(posts, key=lambda post: post.published.year):
        key = archive_key(year)
        title = gettext("News and events in %(year)s") % {"year": _year(year, language)}
        pages[key] = "\n".join([f"# {title}", "", *_post_items(list(group), language, detailed=False, from_key=key)]) + "\n"
    return pages


def post_header(title: str, published: date, language: str, gettext: Gettext, categories: list[str] = ()) -> str:
    """The post's title, its date of publication and its categories' names (in the language
    the post is written in), put before the post's own Markdown."""
    when = f'<time datetime="{published.isoformat()}">{format_reader_date(published, language)}</time>'
    label, categories_label = gettext("Published"), gettext("Categories")
    colon = language_info(language).label_separator
    listed = f'<p class="portal-categories">{categories_label}{colon}{", ".join(categories)}</p>\n\n' if categories else ""
    return f'# {title} {{#post-title}}\n\n<p class="portal-published">{label}{colon}{when}</p>\n\n{listed}'


def _post_items(posts: list[Post], language: str, detailed: bool, from_key: str = NEWS_INDEX) -> list[str]:
    lines, colon = [], language_info(language).label_separator
    for post in posts:
        when = format_reader_date(post.published, language)
        lines += [f"- **{when}**{colon}[{post.title}]({_relative(from_key, post.key)})", ""]
        if detailed and post.description:
            lines += [f"    {post.description}", ""]  # a second paragraph of the list item
    return lines


def _pager(number: int, total: int, language: str, gettext: Gettext, from_key: str) -> list[str]:
    newer, older = gettext("Newer news"), gettext("Older news")
    links = []
    if number > 1:
        links.append(f"[{newer}]({_relative(from_key, page_key(number - 1))})")
    if number < total:
        links.append(f"[{older}]({_relative(from_key, page_key(number + 1))})")
    return ["", " · ".join(links), ""] if links else []


def _page_count(posts: list[Post]) -> int:
    return max(1, -(-len(posts) // PAGE_SIZE))


def _year(year: int, language: str) -> str:
    return format_reader_date(date(year, 1, 1), language, year_only=True)


def _relative(from_key: str, to_key: str) -> str:
    """A Markdown link between two pages of the news section, as MkDocs resolves it."""
    depth = from_key.count("/")
    return "../" * (depth - 1) + to_key.removeprefix("news/")
