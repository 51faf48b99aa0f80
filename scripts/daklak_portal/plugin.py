"""The MkDocs plugin: MkDocs events -> the project's modules, nothing else.

Registered as the `portal` plugin (pyproject.toml entry point). mkdocs-static-i18n runs one
build per language, so every event here runs once per language; `self.language` says which.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import Config, config_options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File

from . import reproducible
from .config import Settings, load_settings
from .contacts import organizations
from .content import load_pages, page_key, page_path
from .coverage import build_report
from .coverage_dashboard import DASHBOARD, dashboard_markdown
from .coverage_output import badge_svg
from .coverage_ui import ui_coverage
from .dataset import DATASET_VERSION, collect_records, page_jsonld, source_date
from .dataset_formats import write_dataset
from .dates import format_reader_date
from .errors import relative
from .git_history import GitHistory, read_history
from .glossary import GLOSSARY_PAGE, glossary_table, load_terms
from .lint import lint
from .news import NEWS_INDEX, POSTS_PREFIX, generated_pages, index_markdown, post_header, posts_in
from .page_images import PageImages
from .page_languages import listing_page_languages, mark_source_titles, page_languages
from .page_sources import reader_sources
from .search import build_search_index
from .sections import INTRO
from .security import add_policy_meta
from .sitemap import gzip_bytes, sitemap_xml
from .social_cards import Fonts, card_file, card_path
from .translations import load_translations

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
        self.settings: Settings | None = None
        self.language: str | None = None
        self.pages = None
        self.history: GitHistory | None = None
        self.available: dict[str, set[str]] = {}  # the page keys that really exist per language
        self.fallback_titles: dict[str, dict[str, str]] = {}  # per language: path -> source title
        self.source_404: bytes | None = None
        self.home = "/"  # absolute path of the current language's home page
        self.generated: set[str] = set()  # keys of this language's generated listing pages
        self.cards: dict[str, Path] = {}  # site path -> cached PNG of each page's social card
        self.catalogs: dict = {}  # language -> compiled gettext catalog

    # -- configuration: runs first in every language's build ---------------------------------

    def on_config(self, config: MkDocsConfig):
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise PluginError("mkdocs.yml: the `portal` plugin needs the `i18n` plugin (mkdocs-static-i18n) before it.")
        self.language = i18n.current_language or i18n.default_language
        # One value on every page (not the page's depth) keeps Material's inline script identical
        # everywhere, so that the Content-Security-Policy can allow it by a single hash.
        config.extra["scope"] = urlsplit(config.site_url or "/").path or "/"
        if self.settings is not None:
            return config  # the checks below ran in the first (source-language) build

        # First build of this run: check every input before anything is written to site/.
        self.settings = load_settings(Path(config.config_file_path).parent)
        reproducible.pin_build_date(self.settings.root)
        findings = lint(self.settings)
        if findings:
            listing = "\n".join(str(finding) for finding in findings)
            raise PluginError(f"{len(findings)} problem(s) in the content; nothing was built:\n{listing}")
        self.pages, _ = load_pages(self.settings)
        self.available = {language: set(files) for language, files in self.pages.items()}
        self.fallback_titles = {}
        self.history = read_history(self.settings.root)
        self.coverage = build_report(self.settings, self.pages, [], self.history)
        self.coverage.ui = ui_coverage(self.settings)
        self.card_fonts = Fonts(self.settings.docs_dir / "assets" / "fonts")
        self.source_site_name = config.site_name  # the first build is the source language's
        self.images = PageImages(self.settings.docs_dir, self.settings.root)
        broken = self.images.process()
        if broken:
            raise PluginError(f"{len(broken)} image(s) cannot be used; nothing was built:\n" + "\n".join(str(error) for error in broken))
        self.dataset, invalid = collect_records(self.settings, self.pages, self.images.published_names())
        if invalid:
            listing = "\n".join(str(finding) for finding in invalid)
            raise PluginError(f"{len(invalid)} invalid data record(s) in front matter; nothing was built:\n{listing}")
        if not self.history.available:
            log.info("No git history: pages show no 'last updated' date and the sitemap no lastmod.")
        elif self.history.shallow:
            log.info("Shallow git clone: dates older than the clone are unknown and left out (fetch the full history for them).")
        return config

    def on_env(self, env, config: MkDocsConfig, files):
        # Our templates' strings go through the language's gettext catalog.
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_translations(self._translations(self.language), newstyle=True)
        orgs = organizations(self.pages, self.settings.source_language, self.language)
        env.globals["portal_footer_organization"] = orgs.get(config.extra.get("footer_organization"))
        # Absolute paths (from site_url) so that they also work on the 404 page, at any depth.
        base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
        self.home = base if self.language == self.settings.source_language else f"{base}{self.language}/"
        env.globals["portal_links"] = {"home": self.home, "contacts": f"{self.home}about/contacts/", "site_root": base}
        env.globals["portal_languages"] = self._language_homes(config, base)
        env.globals["portal_site_url"] = (config.site_url or "/").rstrip("/") + "/"
        return env

    # -- pages --------------------------------------------------------------------------------

    @event_priority(-110)  # after the i18n plugin has chosen this language's files
    def on_files(self, files, config: MkDocsConfig):
        # Older-news pages and yearly archives, for this language's own posts only.
        gettext = self._translations(self.language).gettext
        posts = posts_in(self.language, self.pages, self.settings.source_language)
        pages = generated_pages(posts, self.language, gettext)
        pages[DASHBOARD] = dashboard_markdown(self.coverage, self.language, self._language_names(config), gettext)
        self.generated = set(pages)
        prefix = "" if self.language == self.settings.source_language else f"{self.language}/"
        for key, markdown in pages.items():
            generated = File.generated(config, f"{self.language}/{key}", content=markdown)
            generated.dest_uri = page_path(key, self.language, self.settings.source_language) + "index.html"
            files.append(generated)
        # Images: the derivatives are published; the originals stay in `files` only so that
        # links to them resolve, and on_post_build deletes their copies from site/.
        if self.language == self.settings.source_language:
            for site_path, cached in self.images.derivative_files():
                derivative = File.generated(config, site_path, abs_src_path=str(cached))
                files.append(derivative)
        for target in self.coverage.languages:  # the dashboard's badges, one per language
            badge = File.generated(config, f"{self.language}/coverage/badge-{target}.svg", content=badge_svg(f"coverage {target}", self.coverage.percent(target)))
            badge.dest_uri = f"{prefix}coverage/badge-{target}.svg"
            files.append(badge)
        return files

    def on_page_markdown(self, markdown, page, config: MkDocsConfig, files):
        key = page_key(page.file.src_uri, self.settings.languages)
        if key == NEWS_INDEX and key in self.available[self.language]:
            # The listing of this language's own posts; a fallback copy gets none.
            posts = posts_in(self.language, self.pages, self.settings.source_language)
            markdown += index_markdown(posts, self.language, self._translations(self.language).gettext)
        elif key == GLOSSARY_PAGE and key in self.available[self.language]:
            terms = load_terms(self.pages[self.settings.source_language][key].meta)
            names = self._language_names(config)
            markdown += glossary_table(terms, self.settings.languages, names, self._translations(self.language).gettext)
        elif key.startswith(POSTS_PREFIX):
            # Title, then the date of publication, in the language the post is written in.
            language = self.language if key in self.available[self.language] else self.settings.source_language
            published = self.pages[self.settings.source_language][key].meta["date"]
            markdown = post_header(page.title, published, language, self._translations(language).gettext) + markdown
        return markdown

    def on_page_content(self, html: str, page, config: MkDocsConfig, files) -> str:
        key = page_key(page.file.src_uri, self.settings.languages)
        language = self.language if key in self.available[self.language] else self.settings.source_language
        return self.images.rewrite(html, language)

    def on_page_context(self, context, page, config: MkDocsConfig, nav):
        languages = self.settings.languages
        key = page_key(page.file.src_uri, languages)
        names = self._language_names(config)
        if key in self.generated:
            counterpart = key if key == DASHBOARD else NEWS_INDEX
            available = {language: {*keys, DASHBOARD} for language, keys in self.available.items()}
            context["portal_page"] = listing_page_languages(key, self.language, counterpart, available, languages, names)
            return context
        info = page_languages(key, self.language, self.available, languages, names)
        context["portal_page"] = info

        if source_page := self.pages[self.settings.source_language].get(key):
            context["portal_sources"] = reader_sources(source_page.meta, self.language, self.home)
        if self.config.social_cards:
            # The preview image when the page is shared, in the language the page is written in.
            card = card_path(key, info.content_language)
            site_name = config.site_name if info.content_language == self.language else self.source_site_name
            self.cards[card] = card_file(page.title, site_name, info.content_language, self.card_fonts, self.settings.root / ".cache" / "cards")
            context["portal_card"] = card

        changed = self._last_changed(info.content_language, key)
        if changed is not None:
            context["portal_updated"] = {"iso": changed.date().isoformat(), "text": format_reader_date(changed, self.language)}
        status = self.coverage.status_of(key, self.language) if not info.is_fallback else None
        if status is not None and status.status == "outdated":
            original = page_path(key, self.settings.source_language, self.settings.source_language)
            source_changed = self._last_changed(self.settings.source_language, key)
            context["portal_outdated"] = {
                "date": format_reader_date(source_changed, self.language) if source_changed else None,
                "path": original,
                "sections": [anchor for anchor in status.changed_sections if anchor != INTRO],
            }
            context["portal_section_titles"] = _toc_titles(page.toc)
        return context

    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        key = page_key(page.file.src_uri, self.settings.languages)
        if key in self.available[self.language]:  # a real page in this language: its records
            scripts = "".join(f'<script type="application/ld+json">{page_jsonld(record, self.language)}</script>\n' for record in self.dataset.records_for_page(key))
            output = output.replace("</head>", scripts + "</head>", 1)
        if self.language != self.settings.source_language:
            output = mark_source_titles(output, page.url, self._fallback_titles(), self.settings.source_language)
        return add_policy_meta(output)

    def _fallback_titles(self) -> dict[str, str]:
        """Site-relative path -> source title of each fallback copy in this language's build."""
        if self.language not in self.fallback_titles:
            source = self.settings.source_language
            self.fallback_titles[self.language] = {page_path(key, self.language, source): " ".join(str(page.meta.get("title", "")).split()) for key, page in self.pages[source].items() if key not in self.available[self.language]}
        return self.fallback_titles[self.language]

    # -- after each language's build ------------------------------------------------------------

    def on_post_build(self, config: MkDocsConfig):
        site = Path(config.site_dir)
        self._keep_language_404(site)
        for site_path, cached in self.cards.items():
            (site / site_path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, site / site_path)
        self.images.remove_originals(site)
        if self.language == self._build_languages(config)[-1]:
            # The last language's build: every page of every language is known.
            xml = sitemap_xml(config.site_url, self.available, self.settings.languages, self._last_changed).encode("utf-8")
            (site / "sitemap.xml").write_bytes(xml)
            (site / "sitemap.xml.gz").write_bytes(gzip_bytes(xml))
            write_dataset(self.dataset, site / "data", version=DATASET_VERSION, site_url=config.site_url, created=source_date())
            if self.config.search_index:
                indexed = build_search_index(site)
                log.info("Search index: " + (", ".join(f"{count} {language} pages" for language, count in sorted(indexed.items())) or "no page to index"))

    def _keep_language_404(self, site: Path) -> None:
        # MkDocs writes one 404.html per build at the site root, so each language's build
        # overwrites the previous one: keep each as <lang>/404.html and restore the source's.
        root_404 = site / "404.html"
        if not root_404.is_file():
            return
        # A theme template, not a page: on_post_page never saw it.
        root_404.write_text(add_policy_meta(root_404.read_text(encoding="utf-8")), encoding="utf-8")
        if self.language == self.settings.source_language:
            self.source_404 = root_404.read_bytes()
            return
        language_404 = site / self.language / "404.html"
        language_404.parent.mkdir(parents=True, exist_ok=True)
        language_404.write_bytes(root_404.read_bytes())
        if self.source_404 is not None:
            root_404.write_bytes(self.source_404)

    # -- helpers --------------------------------------------------------------------------------

    def _last_changed(self, language: str, key: str):
        path = relative(self.settings.language_dir(language) / key, self.settings.root)
        return self.history.last_changed(path)

    def _translations(self, language: str):
        """The language's compiled gettext catalog, read once per build."""
        if language not in self.catalogs:
            self.catalogs[language] = load_translations(language)
        return self.catalogs[language]

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
