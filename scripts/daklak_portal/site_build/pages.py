"""What one language's build adds to its pages, as functions of the prepared state (state.py).

The plugin calls these from MkDocs' events; they take the page's key (its path inside the
language folder) and return what the event returns, so that they are tested without a build.
A page is *available* in a language when docs/<language>/<key> exists; otherwise the build
shows a fallback copy of the source page (page_languages.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..bulletin import BULLETIN_PREFIX, issue_markdown, read_issue
from ..config import language_info
from ..content import page_path
from ..coverage import DASHBOARD, badge_svg, dashboard_markdown
from ..dataset import page_jsonld
from ..dates import build_day, format_reader_date
from ..figures import expand as expand_figures
from ..figures import social_card_figures
from ..front_door import HOME, front_door_markdown
from ..glossary import GLOSSARY_PAGE, glossary_table, load_terms
from ..legal.model import LEGAL_PREFIX
from ..legal.pages import legal_markdown
from ..news import (
    NEWS_INDEX,
    POSTS_PREFIX,
    category_names,
    generated_pages,
    index_markdown,
    news_categories,
    post_header,
    posts_in,
)
from ..page_languages import listing_page_languages, mark_source_titles, page_languages
from ..page_sources import reader_sources
from ..page_text import join_soft_breaks
from ..place_map import place_locator_html, with_place_locator
from ..sections import INTRO
from ..security import add_policy_meta
from ..social_cards import CARDS_CACHE, card_file, card_path
from ..text_language import SCRIPT_LETTERS
from .state import BuildState


@dataclass(frozen=True)
class GeneratedFile:
    """A file the build makes: `name` inside the language's virtual docs, written to `dest_uri`."""

    name: str
    dest_uri: str
    content: str | None = None  # text, or
    source: Path | None = None  # a file to copy


def generated_files(state: BuildState, language: str) -> tuple[set[str], list[GeneratedFile]]:
    """The keys of the language's listing pages, and every file the build adds for it: the
    older-news pages and yearly archives (its own posts only), the coverage dashboard and its
    badges, and (once, with the source language) the images' published derivatives."""
    source = state.settings.source_language
    gettext = state.translations(language).gettext
    pages = generated_pages(posts_in(language, state.pages, source), language, gettext)
    pages[DASHBOARD] = dashboard_markdown(state.coverage, language, state.settings.language_names, gettext)
    files = [GeneratedFile(f"{language}/{key}", page_path(key, language, source) + "index.html", content=markdown) for key, markdown in pages.items()]
    if language == source:  # (the originals stay in MkDocs' files so that links to them resolve)
        files += [GeneratedFile(site_path, site_path, source=cached) for site_path, cached in state.images.derivative_files()]
    prefix = "" if language == source else f"{language}/"
    for target in state.coverage.languages:
        svg = badge_svg(f"coverage {target}", state.coverage.percent(target))
        files.append(GeneratedFile(f"{language}/coverage/badge-{target}.svg", f"{prefix}coverage/badge-{target}.svg", content=svg))
    return set(pages), files


def page_markdown(state: BuildState, language: str, key: str, title: str, markdown: str) -> str:
    """The page's Markdown with what the build writes into it (the news listing, the glossary's
    table, a post's title, date and categories, in the language the post is written in), its
    lines joined where the language puts no space between words (Khmer)."""
    info = language_info(content_language(state, language, key))
    if info.joins_lines and info.script in SCRIPT_LETTERS:
        markdown = join_soft_breaks(markdown, SCRIPT_LETTERS[info.script])
    return _with_generated_parts(state, language, key, title, markdown)


def _with_generated_parts(state: BuildState, language: str, key: str, title: str, markdown: str) -> str:
    source = state.settings.source_language
    available = key in state.pages[language]
    gettext = state.translations(language).gettext
    written_in = language if available else source
    site_root = urlsplit(state.settings.site_url).path.rstrip("/") + "/"
    markdown = expand_figures(markdown, state.figures, written_in, source, state.translations(written_in).gettext, state.places, site_root)
    here = next((point for point in state.places if point.page == key and point.kind == "attraction"), None)
    if here is not None and state.figures.locator is not None:
        markdown = with_place_locator(markdown, place_locator_html(state.figures.locator, here, written_in, source, state.translations(written_in).gettext))
    if key == HOME and available:
        return front_door_markdown(markdown, language, state.pages, source, state.dataset, build_day(), gettext)
    if key == NEWS_INDEX and available:  # a fallback copy gets no listing
        return markdown + index_markdown(posts_in(language, state.pages, source), language, gettext)
    if key == GLOSSARY_PAGE and available:
        terms = load_terms(state.pages[source][key].meta)
        return markdown + glossary_table(terms, state.settings.languages, state.settings.language_names, gettext)
    if key.startswith(LEGAL_PREFIX):
        legal = legal_markdown(state.dataset.legal, key, language, written_in, source, state.pages, site_root, state.translations(written_in).gettext, build_day(), markdown)
        if legal is not None:
            return legal
    if key.startswith(BULLETIN_PREFIX) and available and (issue := read_issue(state.pages[source][key])):
        return markdown + issue_markdown(issue, language, state.pages, source, state.settings.built_languages, state.settings.language_names, site_root, gettext)
    if key.startswith(POSTS_PREFIX):
        meta = state.pages[source][key].meta
        categories = category_names(meta.get("categories"), news_categories(state.settings), written_in, source)
        return post_header(title, meta["date"], written_in, state.translations(written_in).gettext, categories) + markdown
    return markdown


def content_language(state: BuildState, language: str, key: str) -> str:
    """The language a page's text is in: its own, or the source language on a fallback copy."""
    return language if key in state.pages[language] else state.settings.source_language


def with_pictures(state: BuildState, language: str, key: str, html: str) -> str:
    """The page's photos as <picture>s with alt text, caption and credit in the language the
    page is written in (page_images.py)."""
    written_in = content_language(state, language, key)
    return state.images.rewrite(html, written_in, state.translations(written_in).gettext)


def page_context(state: BuildState, language: str, key: str, listing: bool, home: str, toc) -> dict:
    """What the page's templates get (`portal_*`): its languages, sources, last update and, on
    an outdated translation, the notice's date, link and changed sections."""
    settings, source = state.settings, state.settings.source_language
    names = settings.language_names
    if listing:
        counterpart = key if key == DASHBOARD else NEWS_INDEX
        with_dashboard = {lang: {*keys, DASHBOARD} for lang, keys in state.available.items()}
        return {"portal_page": listing_page_languages(key, language, counterpart, with_dashboard, settings.languages, names)}
    info = page_languages(key, language, state.available, settings.languages, names)
    context: dict = {"portal_page": info}
    if source_page := state.pages[source].get(key):
        context["portal_sources"] = reader_sources(source_page.meta, language, home)
    changed = state.last_changed(info.content_language, key)
    if changed is not None:
        context["portal_updated"] = {"iso": changed.date().isoformat(), "text": format_reader_date(changed, language)}
    status = state.coverage.status_of(key, language) if not info.is_fallback else None
    if status is not None and status.status == "outdated":
        source_changed = state.last_changed(source, key)
        context["portal_outdated"] = {
            "date": format_reader_date(source_changed, language) if source_changed else None,
            "path": page_path(key, source, source),
            "sections": [anchor for anchor in status.changed_sections if anchor != INTRO],
        }
        context["portal_section_titles"] = toc_titles(toc)
    return context


def social_card(state: BuildState, title: str, key: str, written_in: str, site_name: str) -> tuple[str, Path]:
    """(site path, cached image) of the page's card when it is shared, in the language the
    page is written in (a fallback copy shows its source page's card)."""
    return card_path(key, written_in), card_file(title, site_name, written_in, state.card_fonts, state.settings.root / CARDS_CACHE, card_figures(state, key, written_in))


def card_figures(state: BuildState, key: str, written_in: str) -> tuple:
    """The key figures the page shows, for its card (none on a page that shows none)."""
    page = state.pages.get(written_in, {}).get(key)
    if page is None:
        return ()
    return social_card_figures(page.body, state.figures, written_in, state.settings.source_language, state.translations(written_in).gettext)


def finished_html(state: BuildState, language: str, key: str, url: str, html: str) -> str:
    """The page as served: the JSON-LD of the records it describes (on a page of its own
    language), fallback copies' titles marked in the source language, the security policy."""
    source = state.settings.source_language
    if key in state.pages[language]:
        scripts = "".join(f'<script type="application/ld+json">{page_jsonld(record, language)}</script>\n' for record in state.dataset.records_for_page(key))
        html = html.replace("</head>", scripts + "</head>", 1)
    if language != source:
        html = mark_source_titles(html, url, fallback_titles(state, language), source)
    return add_policy_meta(html)


def finished_404(state: BuildState, language: str, html: str) -> str:
    """The language's 404 page (a theme template: on_post_page never sees it): titles of
    fallback copies in its navigation marked in the source language, the security policy."""
    source = state.settings.source_language
    if language != source:
        html = mark_source_titles(html, "404.html", fallback_titles(state, language), source)
    return add_policy_meta(html)


def fallback_titles(state: BuildState, language: str) -> dict[str, str]:
    """Site-relative path -> source title of each fallback copy in the language's build."""
    if language not in state.fallback_titles:
        source, own = state.settings.source_language, state.pages[language]
        state.fallback_titles[language] = {page_path(key, language, source): " ".join(str(page.meta.get("title", "")).split()) for key, page in state.pages[source].items() if key not in own}
    return state.fallback_titles[language]


def toc_titles(toc) -> dict[str, str]:
    """{anchor: heading text} of a page's table of contents, at every level."""
    titles = {}
    for item in toc:
        titles[item.id] = item.title
        titles.update(toc_titles(item.children))
    return titles
