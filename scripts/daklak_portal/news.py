"""News and events: each language lists its own posts, newest first, with a yearly archive.

Posts are docs/<lang>/news/posts/<slug>.md. The date is language-neutral, so it is read from
the source-language post; a translation lists only where the translated file exists, and no
post is ever listed in a language it is not written in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Callable

from .content import SourceFile
from .dates import format_reader_date

NEWS_INDEX = "news/index.md"
POSTS_PREFIX = "news/posts/"
LATEST_COUNT = 10


@dataclass(frozen=True)
class Post:
    key: str
    title: str
    description: str
    published: date


class PostDateError(ValueError):
    """A post without a valid `date:` in its source-language front matter."""


def posts_in(language: str, pages: dict[str, dict[str, SourceFile]], source_language: str) -> list[Post]:
    """The posts written in `language`, newest first (then by key, for stable output)."""
    posts = []
    for key, page in pages.get(language, {}).items():
        if not key.startswith(POSTS_PREFIX):
            continue
        source = pages.get(source_language, {}).get(key, page)
        published = source.meta.get("date")
        if not isinstance(published, date):
            raise PostDateError(f"{source.path}: the post has no valid `date: YYYY-MM-DD` in its front matter")
        posts.append(Post(key, str(page.meta.get("title") or key), str(page.meta.get("description") or ""), published))
    return sorted(posts, key=lambda post: (-post.published.toordinal(), post.key))


def listing_markdown(posts: list[Post], language: str, gettext: Callable[[str], str]) -> str:
    """Markdown appended to news/index.md: the latest posts, then every post by year."""
    # Plain calls (not inside f-strings) so that `make catalogs` extracts the strings.
    if not posts:
        return "\n\n" + gettext("No news has been published in this language yet.") + "\n"
    latest, archive = gettext("Latest news"), gettext("Archive")
    lines = ["", "", f"## {latest} {{#latest}}", ""]
    for post in posts[:LATEST_COUNT]:
        lines.append(f"- **{format_reader_date(post.published, language)}**: [{post.title}]({_link(post)})")
        if post.description:
            lines.append(f"  {post.description}")
    lines += ["", f"## {archive} {{#archive}}"]
    for year, group in groupby(posts, key=lambda post: post.published.year):
        year_text = format_reader_date(date(year, 1, 1), language, year_only=True)
        lines += ["", f"### {year_text} {{#archive-{year}}}", ""]
        lines += [f"- {format_reader_date(post.published, language)}: [{post.title}]({_link(post)})" for post in group]
    return "\n".join(lines) + "\n"


def post_header(title: str, published: date, language: str, gettext: Callable[[str], str]) -> str:
    """The post's title and its date of publication, put before the post's own Markdown."""
    when = f'<time datetime="{published.isoformat()}">{format_reader_date(published, language)}</time>'
    label = gettext("Published")
    return f'# {title} {{#post-title}}\n\n<p class="portal-published">{label}: {when}</p>\n\n'


def _link(post: Post) -> str:
    """Link from news/index.md to a post, as MkDocs resolves it in every language."""
    return post.key.removeprefix("news/")
