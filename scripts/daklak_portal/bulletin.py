"""The bulletin ("Bản tin Đối ngoại Đắk Lắk"): an issue per Markdown file in docs/<source>/bulletin/.

An issue's Vietnamese front matter says which news posts it collects (language-neutral, like a
post's date):

    bulletin:
      number: 1
      period: 2025-01-01/2025-06-30
      articles:
        - news/posts/ninth-buon-ma-thuot-coffee-festival-2025.md

Its text is the editor's foreword. The build appends the articles to the issue's page in each
language (a post not yet translated is listed in Vietnamese, marked so) and links the
bilingual editions that `portal publications` writes (publications/bulletin.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .config import language_info
from .content import SourceFile
from .dates import format_reader_date

BULLETIN_PREFIX = "bulletin/"
EDITIONS_FOLDER = "publications/bulletin"  # under the site root


@dataclass(frozen=True)
class Issue:
    key: str
    number: int
    period: tuple[date, date] | None
    articles: tuple[str, ...]


def parse_period(value) -> tuple[date, date] | None:
    """`2025-01-01/2025-06-30` as (start, end); None unless two dates with start <= end."""
    if not isinstance(value, str) or value.count("/") != 1:
        return None
    start, end = value.split("/")
    try:
        period = (date.fromisoformat(start.strip()), date.fromisoformat(end.strip()))
    except ValueError:
        return None
    return period if period[0] <= period[1] else None


def read_issue(page: SourceFile) -> Issue | None:
    """The issue a source page defines (`portal lint` has checked the block's fields)."""
    data = page.meta.get("bulletin")
    if not isinstance(data, dict):
        return None
    number = data.get("number") if isinstance(data.get("number"), int) else 0
    articles = tuple(key for key in data.get("articles") or [] if isinstance(key, str)) if isinstance(data.get("articles"), list) else ()
    return Issue(page.key, number, parse_period(data.get("period")), articles)


def edition_name(key: str, second: str, source_language: str) -> str:
    """The file name (without extension) of an issue's bilingual edition: 2025-h1-vi-en."""
    return f"{key.removeprefix(BULLETIN_PREFIX).removesuffix('.md')}-{source_language}-{second}"


def issue_markdown(issue: Issue, language: str, pages: dict[str, dict[str, SourceFile]], source_language: str, languages: tuple[str, ...], names: dict[str, str], site_root: str, gettext) -> str:
    """Appended to an issue's page: its articles and its bilingual editions."""
    articles, editions, everything = gettext("In this issue"), gettext("Bilingual editions"), gettext("All publications")
    lines, colon = ["", "", f"## {articles} {{#articles}}", ""], language_info(language).label_separator
    own = pages.get(language, {})
    source_pages = pages.get(source_language, {})
    for key in issue.articles:
        page = own.get(key) or source_pages.get(key)
        if page is None:
            continue
        published = source_pages.get(key, page).meta.get("date")
        when = f"**{format_reader_date(published, language)}**{colon}" if isinstance(published, date) else ""
        link = "../" * issue.key.count("/") + key  # a link between Markdown files: MkDocs resolves it in each language
        if key in own:
            lines.append(f"- {when}[{page.meta.get('title')}]({link})")
        else:
            note = gettext("not translated yet: in Vietnamese")
            lines.append(f'- {when}<span lang="{source_language}">[{page.meta.get("title")}]({link})</span> ({note})')
    links = []
    for second in languages:
        if second == source_language:
            continue
        name = edition_name(issue.key, second, source_language)
        label = f'<span lang="{source_language}">{names.get(source_language, source_language)}</span> – <span lang="{second}">{names.get(second, second)}</span>'
        links.append(f'<li><a href="{site_root}{EDITIONS_FOLDER}/{name}.html">{label}</a> (<a href="{site_root}{EDITIONS_FOLDER}/{name}.pdf">PDF</a>)</li>')
    listing = f"{site_root}publications/" + ("" if language == source_language else f"{language}/")
    lines += ["", f"## {editions} {{#editions}}", "", "<ul>" + "".join(links) + "</ul>", "", f'<p><a href="{listing}">{everything}</a></p>']
    return "\n".join(lines) + "\n"
