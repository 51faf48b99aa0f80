"""The editors' preview: `make serve` runs `mkdocs serve --dirty`.

A dirty rebuild renders only the pages whose Markdown file is newer than their HTML, so saving
one page rebuilds that page (and its untranslated copies in the other languages), not the site.
What is prepared for all pages (state.prepare) is done again on each rebuild, mostly from the
caches. The listings (news pages, archives, the coverage dashboard) are rebuilt every time; the
navigation of the other pages shows a changed title after the next full build; the search index
is refreshed in the background after the page is served.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.commands import build as build_module

from ..content import page_path
from ..news import NEWS_INDEX


class HideDirtyNotice(logging.Filter):
    """MkDocs warns on every dirty build that navigation may be inaccurate, and in strict mode
    (mkdocs.yml) that warning aborts the build: the preview keeps strict for everything else."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def hide_dirty_notice() -> None:
    logger = build_module.log  # (by module, not by name: under ProperDocs it is properdocs.commands.build)
    if not any(isinstance(f, HideDirtyNotice) for f in logger.filters):
        logger.addFilter(HideDirtyNotice())


_THEME_FILES: dict[tuple, list[str]] = {}  # what the theme folders list, for this session


def list_theme_once(theme) -> None:
    """MkDocs lists and filters every file of the theme folders in each language's build
    (Material's thousands of icons included: about a third of a one-page rebuild). `mkdocs
    serve` does not watch the theme, so the preview lists it once per session."""
    get_env = type(theme).get_env

    def get_env_listing_once():
        env = get_env(theme)
        list_templates = env.list_templates

        def listed_once(extensions=None, filter_func=None):
            key = (tuple(theme.dirs), tuple(extensions or ()), getattr(filter_func, "__qualname__", None), tuple(sorted(theme.static_templates)))
            if key not in _THEME_FILES:
                _THEME_FILES[key] = list_templates(extensions, filter_func)
            return list(_THEME_FILES[key])

        env.list_templates = listed_once
        return env

    theme.get_env = get_env_listing_once


def forget_news_index(site_dir: Path, language: str, source_language: str) -> None:
    """MkDocs rebuilds a page in a dirty build only when its HTML is older than its Markdown:
    the listing of the newest posts, whose Markdown did not change, is rebuilt when its HTML is
    gone."""
    (site_dir / page_path(NEWS_INDEX, language, source_language) / "index.html").unlink(missing_ok=True)


def restore_titles(nav, source_file) -> None:
    """A dirty rebuild does not read the pages it does not render, so the navigation would show
    their file names: each gets its title from the front matter prepared for the build."""
    for page in nav.pages:
        if page.markdown is None and (source := source_file(page)) is not None:
            page.meta["title"] = source.meta.get("title")
            page.markdown = ""  # MkDocs shows no title for a page it has not read; a changed page is read after this
