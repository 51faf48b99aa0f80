"""The MkDocs plugin: MkDocs events -> the project's modules, nothing else.

Registered as `portal` (pyproject.toml). mkdocs-static-i18n builds the languages in turn, so each
event runs once per language (`self.language`): what they share is prepared once
(site_build.state), what covers them all is written after the last (site_build.finish), and
under `portal build --jobs N` each worker process builds one language (site_build.parallel).
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import Config, config_options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from .content import page_key
from .errors import PortalError
from .messages import text
from .search import SearchDocuments
from .site_build import pages, parallel, preview
from .site_build.finish import finish_in_background, finish_site
from .site_build.language_404 import keep_language_404
from .site_build.state import BuildState, ContentRefused, prepare
from .site_build.templates import prepare_templates


class PortalConfig(Config):
    coverage = config_options.Type(dict, default={})  # thresholds of `portal coverage` (coverage.gate_failures)
    search_index = config_options.Type(bool, default=True)  # off only to measure another engine (benchmarks/)
    social_cards = config_options.Type(bool, default=True)  # off only in benchmarks of other parts
    categories = config_options.Type(dict, default={})  # news categories: id -> {language: name} (news.py)


class PortalPlugin(BasePlugin[PortalConfig]):
    def __init__(self):
        self.state: BuildState | None = None
        self.language: str | None = None
        self.serving = self.dirty = False  # `mkdocs serve` (one instance for every rebuild), `--dirty`
        self.home = "/"  # absolute path of the current language's home page
        self.listings: set[str] = set()  # keys of this language's generated listing pages
        self.cards: dict[str, Path] = {}  # site path -> cached image of each page's social card
        self.source_404: bytes | None = None
        self.search: dict[str, SearchDocuments] = {}  # per language: the index documents of its pages
        self.finish_lock = threading.Lock()  # while serving: one background finish_site at a time

    def on_startup(self, command: str, dirty: bool):
        self.serving, self.dirty = command == "serve", dirty
        if dirty:
            preview.hide_dirty_notice()

    def on_config(self, config: MkDocsConfig):
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise PluginError(text("config.i18n-before-portal"))
        first_language = i18n.current_language is None  # the i18n plugin picks its language after us
        self.language = i18n.current_language or i18n.default_language
        # One value on every page (not the page's depth) keeps Material's inline script identical
        # everywhere, so that the Content-Security-Policy can allow it by a single hash.
        config.extra["scope"] = urlsplit(config.site_url or "/").path or "/"
        config.theme.static_templates.discard("sitemap.xml")  # finish_site writes every language's
        if self.serving:
            preview.list_theme_once(config.theme)
        if first_language or self.state is None:  # (a parallel worker starts at its own language)
            try:
                self.state = parallel.PREPARED or prepare(Path(config.config_file_path).parent, config.site_name)
            except (ContentRefused, PortalError) as refused:  # a message for the editor, no traceback
                raise PluginError(str(refused)) from None
            self.cards = {}
            if not self.serving:  # while serving, documents of pages not rebuilt stay valid
                self.search = {}
        if self.config.search_index and self.language not in self.search:
            self.search[self.language] = SearchDocuments(self.state.settings.root, self.language)
        return config

    def on_env(self, env, config: MkDocsConfig, files):
        prepare_templates(env, self.state, self.language, config.site_url, config.extra.get("footer_organization"))
        self.home = env.globals["portal_links"]["home"]
        return env

    @event_priority(-110)  # after the i18n plugin has chosen this language's files
    def on_files(self, files, config: MkDocsConfig):
        self.listings, generated = pages.generated_files(self.state, self.language)
        if self.dirty:  # the preview: the listing of the newest posts shows a saved post at once
            preview.forget_news_index(Path(config.site_dir), self.language, self.state.settings.source_language)
        for made in generated:
            file = File.generated(config, made.name, content=made.content, abs_src_path=str(made.source) if made.source else None)
            file.dest_uri = made.dest_uri
            files.append(file)
        return files

    def on_nav(self, nav, config: MkDocsConfig, files):
        if self.dirty:
            preview.restore_titles(nav, self._source_file)
        return nav

    def on_page_markdown(self, markdown, page, config: MkDocsConfig, files):
        return pages.page_markdown(self.state, self.language, self._key(page), page.title, markdown)

    def on_page_content(self, html: str, page, config: MkDocsConfig, files) -> str:
        return pages.with_pictures(self.state, self.language, self._key(page), html)

    def on_page_context(self, context, page, config: MkDocsConfig, nav):
        key = self._key(page)
        context.update(pages.page_context(self.state, self.language, key, key in self.listings, self.home, page.toc))
        if self.config.social_cards and key not in self.listings:
            written_in = context["portal_page"].content_language
            site_name = config.site_name if written_in == self.language else self.state.source_site_name
            site_path, cached = pages.social_card(self.state, page.title, key, written_in, site_name)
            self.cards[site_path] = cached
            context["portal_card"] = site_path
        return context

    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        output = pages.finished_html(self.state, self.language, self._key(page), page.url, output)
        if self.language in self.search:  # indexed as readers get it, without reading site/ back
            self.search[self.language].add(page.file.dest_uri, output)
        return output

    def on_post_build(self, config: MkDocsConfig):
        site = Path(config.site_dir)
        self.source_404 = keep_language_404(site, self.language, self.state.settings.source_language, self.source_404, lambda html: pages.finished_404(self.state, self.language, html))
        for site_path, cached in self.cards.items():
            (site / site_path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, site / site_path)
        self.state.images.remove_originals(site)
        if self.language in self.search:
            self.search[self.language].save()
        if parallel.WORKER_LANGUAGE or self.language != self.state.settings.built_languages[-1]:
            return  # (after the last language's build, every page of every language is known)
        search = SearchDocuments.merged(self.search.values()) if self.config.search_index else None
        if self.serving:
            return finish_in_background(self.state, site, config.site_url, search, self.finish_lock)  # the page is served meanwhile
        try:
            finish_site(self.state, site, config.site_url, search)
        except PortalError as error:
            raise PluginError(str(error)) from None

    def _key(self, page) -> str:
        return page_key(page.file.src_uri, self.state.settings.languages)

    def _source_file(self, page):
        key, pages_of = self._key(page), self.state.pages
        return pages_of[self.language].get(key) or pages_of[self.state.settings.source_language].get(key)
