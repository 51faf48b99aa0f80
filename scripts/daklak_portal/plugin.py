"""The MkDocs plugin: MkDocs events -> the project's modules, nothing else.

Registered as the `portal` plugin (pyproject.toml entry point). mkdocs-static-i18n runs one
build per language, so every event here runs once per language; `self.language` says which.
What all languages share is prepared once (site_build.state); what covers all languages is
written after the last one (site_build.finish). Under `portal build --jobs N` each worker
process builds one language and the parent does both (site_build.parallel).
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import Config, config_options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File

from .build_cache import template_cache
from .contacts import organizations
from .content import page_key, page_path
from .coverage_dashboard import DASHBOARD, dashboard_markdown
from .coverage_output import badge_svg
from .dataset import page_jsonld
from .dates import format_reader_date
from .glossary import GLOSSARY_PAGE, glossary_table, load_terms
from .news import (
    NEWS_INDEX,
    POSTS_PREFIX,
    generated_pages,
    index_markdown,
    post_header,
    posts_in,
)
from .page_languages import listing_page_languages, mark_source_titles, page_languages
from .page_sources import reader_sources
from .search import SearchDocuments
from .sections import INTRO
from .security import add_policy_meta
from .site_build import parallel, preview
from .site_build.finish import finish_site
from .site_build.language_404 import keep_language_404
from .site_build.state import BuildState, ContentRefused, prepare
from .social_cards import CARDS_CACHE, card_file, card_path

log = get_plugin_logger(__name__)


class PortalConfig(Config):
    # Translation-coverage thresholds for `portal coverage` (see coverage.gate_failures).
    coverage = config_options.Type(dict, default={})
    # Build the Pagefind search index (search.py). Off only to measure another engine
    # (benchmarks/search_benchmark.py).
    search_index = config_options.Type(bool, default=True)
    # Draw a social card per page (social_cards.py). Off only in benchmarks of other parts.
    social_cards = config_options.Type(bool, default=True)


class PortalPlugin(BasePlugin[PortalConfig]):
    def __init__(self):
        self.state: BuildState | None = None
        self.language: str | None = None
        self.serving = False  # `mkdocs serve`: this instance lives from one rebuild to the next
        self.dirty = False  # `--dirty`: a rebuild renders only the pages whose file changed
        self.home = "/"  # absolute path of the current language's home page
        self.generated: set[str] = set()  # keys of this language's generated listing pages
        self.cards: dict[str, Path] = {}  # site path -> cached image of each page's social card
        self.fallback_titles: dict[str, dict[str, str]] = {}  # per language: path -> source title
        self.source_404: bytes | None = None
        self.search: dict[str, SearchDocuments] = {}  # per language: the index documents of its pages
        self.finish_lock = threading.Lock()  # while serving: one background finish_site at a time

    def on_startup(self, command: str, dirty: bool):
        self.serving, self.dirty = command == "serve", dirty
        if dirty:
            preview.hide_dirty_notice()

    # -- configuration: runs first in every language's build ---------------------------------

    def on_config(self, config: MkDocsConfig):
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise PluginError("mkdocs.yml: the `portal` plugin needs the `i18n` plugin (mkdocs-static-i18n) before it.")
        first_language = i18n.current_language is None  # the i18n plugin picks its language after us
        self.language = i18n.current_language or i18n.default_language
        # One value on every page (not the page's depth) keeps Material's inline script identical
        # everywhere, so that the Content-Security-Policy can allow it by a single hash.
        config.extra["scope"] = urlsplit(config.site_url or "/").path or "/"
        # finish_site writes the sitemap of every language: MkDocs' own would be rendered in
        # each language's build (over every page) and then overwritten.
        config.theme.static_templates.discard("sitemap.xml")
        if self.serving:
            preview.list_theme_once(config.theme)
        if first_language or self.state is None:  # (a parallel worker starts at its own language)
            try:
                self.state = parallel.PREPARED or prepare(Path(config.config_file_path).parent, config.site_name)
            except ContentRefused as refused:
                raise PluginError(str(refused)) from None
            self.fallback_titles, self.cards = {}, {}
            if not self.serving:  # while serving, documents of pages not rebuilt stay valid
                self.search = {}
        if self.config.search_index and self.language not in self.search:
            self.search[self.language] = SearchDocuments(self.state.settings.root, self.language)
        return config

    def on_env(self, env, config: MkDocsConfig, files):
        # Our templates' strings go through the language's gettext catalog.
        env.add_extension("jinja2.ext.i18n")
        # Compiled templates are kept between builds (keyed by each template's source).
        env.bytecode_cache = template_cache(self.state.settings.root)
        env.install_gettext_translations(self.state.translations(self.language), newstyle=True)
        orgs = organizations(self.state.pages, self.state.settings.source_language, self.language)
        env.globals["portal_footer_organization"] = orgs.get(config.extra.get("footer_organization"))
        # Absolute paths (from site_url) so that they also work on the 404 page, at any depth.
        base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
        self.home = base if self.language == self.state.settings.source_language else f"{base}{self.language}/"
        env.globals["portal_links"] = {"home": self.home, "contacts": f"{self.home}about/contacts/", "site_root": base}
        env.globals["portal_languages"] = self._language_homes(config, base)
        env.globals["portal_site_url"] = (config.site_url or "/").rstrip("/") + "/"
        return env

    # -- pages --------------------------------------------------------------------------------

    @event_priority(-110)  # after the i18n plugin has chosen this language's files
    def on_files(self, files, config: MkDocsConfig):
        # Older-news pages and yearly archives, for this language's own posts only.
        state, source = self.state, self.state.settings.source_language
        gettext = state.translations(self.language).gettext
        posts = posts_in(self.language, state.pages, source)
        pages = generated_pages(posts, self.language, gettext)
        pages[DASHBOARD] = dashboard_markdown(state.coverage, self.language, self._language_names(config), gettext)
        self.generated = set(pages)
        prefix = "" if self.language == source else f"{self.language}/"
        if self.dirty:  # the preview: the listing of the newest posts shows a saved post at once
            preview.forget_built_page(Path(config.site_dir), page_path(NEWS_INDEX, self.language, source) + "index.html")
        for key, markdown in pages.items():
            generated = File.generated(config, f"{self.language}/{key}", content=markdown)
            generated.dest_uri = page_path(key, self.language, source) + "index.html"
            files.append(generated)
        # Images: the derivatives are published; the originals stay in `files` only so that
        # links to them resolve, and on_post_build deletes their copies from site/.
        if self.language == source:
            for site_path, cached in state.images.derivative_files():
                files.append(File.generated(config, site_path, abs_src_path=str(cached)))
        for target in state.coverage.languages:  # the dashboard's badges, one per language
            badge = File.generated(config, f"{self.language}/coverage/badge-{target}.svg", content=badge_svg(f"coverage {target}", state.coverage.percent(target)))
            badge.dest_uri = f"{prefix}coverage/badge-{target}.svg"
            files.append(badge)
        return files

    def on_nav(self, nav, config: MkDocsConfig, files):
        if self.dirty:
            preview.restore_titles(nav, self._source_file)
        return nav

    def on_page_markdown(self, markdown, page, config: MkDocsConfig, files):
        state, source = self.state, self.state.settings.source_language
        key = page_key(page.file.src_uri, state.settings.languages)
        available = key in state.pages[self.language]
        gettext = state.translations(self.language).gettext
        if key == NEWS_INDEX and available:
            # The listing of this language's own posts; a fallback copy gets none.
            markdown += index_markdown(posts_in(self.language, state.pages, source), self.language, gettext)
        elif key == GLOSSARY_PAGE and available:
            terms = load_terms(state.pages[source][key].meta)
            markdown += glossary_table(terms, state.settings.languages, self._language_names(config), gettext)
        elif key.startswith(POSTS_PREFIX):
            # Title, then the date of publication, in the language the post is written in.
            language = self.language if available else source
            published = state.pages[source][key].meta["date"]
            markdown = post_header(page.title, published, language, state.translations(language).gettext) + markdown
        return markdown

    def on_page_content(self, html: str, page, config: MkDocsConfig, files) -> str:
        key = page_key(page.file.src_uri, self.state.settings.languages)
        language = self.language if key in self.state.pages[self.language] else self.state.settings.source_language
        return self.state.images.rewrite(html, language)

    def on_page_context(self, context, page, config: MkDocsConfig, nav):
        state, source = self.state, self.state.settings.source_language
        languages = state.settings.languages
        key = page_key(page.file.src_uri, languages)
        names = self._language_names(config)
        available = state.available
        if key in self.generated:
            counterpart = key if key == DASHBOARD else NEWS_INDEX
            with_dashboard = {language: {*keys, DASHBOARD} for language, keys in available.items()}
            context["portal_page"] = listing_page_languages(key, self.language, counterpart, with_dashboard, languages, names)
            return context
        info = page_languages(key, self.language, available, languages, names)
        context["portal_page"] = info

        if source_page := state.pages[source].get(key):
            context["portal_sources"] = reader_sources(source_page.meta, self.language, self.home)
        if self.config.social_cards:
            # The preview image when the page is shared, in the language the page is written in.
            card = card_path(key, info.content_language)
            site_name = config.site_name if info.content_language == self.language else state.source_site_name
            self.cards[card] = card_file(page.title, site_name, info.content_language, state.card_fonts, state.settings.root / CARDS_CACHE)
            context["portal_card"] = card

        changed = state.last_changed(info.content_language, key)
        if changed is not None:
            context["portal_updated"] = {"iso": changed.date().isoformat(), "text": format_reader_date(changed, self.language)}
        status = state.coverage.status_of(key, self.language) if not info.is_fallback else None
        if status is not None and status.status == "outdated":
            source_changed = state.last_changed(source, key)
            context["portal_outdated"] = {
                "date": format_reader_date(source_changed, self.language) if source_changed else None,
                "path": page_path(key, source, source),
                "sections": [anchor for anchor in status.changed_sections if anchor != INTRO],
            }
            context["portal_section_titles"] = _toc_titles(page.toc)
        return context

    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        state, source = self.state, self.state.settings.source_language
        key = page_key(page.file.src_uri, state.settings.languages)
        if key in state.pages[self.language]:  # a real page in this language: its records
            scripts = "".join(f'<script type="application/ld+json">{page_jsonld(record, self.language)}</script>\n' for record in state.dataset.records_for_page(key))
            output = output.replace("</head>", scripts + "</head>", 1)
        if self.language != source:
            output = mark_source_titles(output, page.url, self._fallback_titles(), source)
        output = add_policy_meta(output)
        if self.language in self.search:  # indexed as readers get it, without reading site/ back
            self.search[self.language].add(page.file.dest_uri, output)
        return output

    def _fallback_titles(self) -> dict[str, str]:
        """Site-relative path -> source title of each fallback copy in this language's build."""
        if self.language not in self.fallback_titles:
            source = self.state.settings.source_language
            own = self.state.pages[self.language]
            self.fallback_titles[self.language] = {page_path(key, self.language, source): " ".join(str(page.meta.get("title", "")).split()) for key, page in self.state.pages[source].items() if key not in own}
        return self.fallback_titles[self.language]

    # -- after each language's build ------------------------------------------------------------

    def on_post_build(self, config: MkDocsConfig):
        site = Path(config.site_dir)
        self.source_404 = keep_language_404(site, self.language, self.state.settings.source_language, self.source_404)
        for site_path, cached in self.cards.items():
            (site / site_path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, site / site_path)
        self.state.images.remove_originals(site)
        if self.language in self.search:
            self.search[self.language].save()
        if parallel.is_worker(config) or self.language != self._build_languages(config)[-1]:
            return
        # The last language's build: every page of every language is known.
        search = SearchDocuments() if self.config.search_index else None
        for documents in self.search.values() if search is not None else ():
            search.update(documents)
        if not self.serving:
            finish_site(self.state, site, config.site_url, search)
            return
        # While serving, the changed page is shown at once; the sitemap, data and index follow.
        log.info("Search index and open data: refreshing in the background; until it is done, search shows the previous index.")
        threading.Thread(target=self._finish_in_background, args=(self.state, site, config.site_url, search), daemon=True).start()

    def _finish_in_background(self, state: BuildState, site: Path, site_url: str, search: SearchDocuments | None) -> None:
        with self.finish_lock:  # one at a time, the newest last
            try:
                finish_site(state, site, site_url, search)
            except Exception as error:  # noqa: BLE001 - a preview keeps serving; the log says why
                log.warning(f"Search index and open data not refreshed: {error}")

    # -- helpers --------------------------------------------------------------------------------

    def _source_file(self, page):
        key = page_key(page.file.src_uri, self.state.settings.languages)
        return self.state.pages[self.language].get(key) or self.state.pages[self.state.settings.source_language].get(key)

    def _build_languages(self, config: MkDocsConfig) -> list[str]:
        return [entry.locale for entry in config.plugins["i18n"].config.languages if entry.build]

    def _language_names(self, config: MkDocsConfig) -> dict[str, str]:
        return {entry.locale: entry.name for entry in config.plugins["i18n"].config.languages}

    def _language_homes(self, config: MkDocsConfig, base: str) -> list[dict]:
        """Each built language with its name and home page (for the 404 page's switcher)."""
        return [
            {"lang": entry.locale, "name": entry.name, "link": base if entry.default else f"{base}{entry.locale}/"}
            for entry in config.plugins["i18n"].config.languages
            if entry.build
        ]


def _toc_titles(toc) -> dict[str, str]:
    """{anchor: heading text} of a page's table of contents, at every level."""
    titles = {}
    for item in toc:
        titles[item.id] = item.title
        titles.update(_toc_titles(item.children))
    return titles
