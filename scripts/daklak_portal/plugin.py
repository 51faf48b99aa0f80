"""The MkDocs plugin: MkDocs events -> the project's modules, nothing else.

Registered as the `portal` plugin (pyproject.toml entry point). mkdocs-static-i18n runs one
build per language, so every event here runs once per language; `self.language` says which.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from . import reproducible
from .config import Settings, load_settings
from .contacts import organizations
from .content import load_pages
from .lint import lint
from .translations import load_translations

log = get_plugin_logger(__name__)


class PortalPlugin(BasePlugin):
    def __init__(self):
        self.settings: Settings | None = None
        self.language: str | None = None
        self.pages = None
        self.source_404: bytes | None = None

    def on_config(self, config: MkDocsConfig):
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise PluginError("mkdocs.yml: the `portal` plugin needs the `i18n` plugin (mkdocs-static-i18n) before it.")
        self.language = i18n.current_language or i18n.default_language
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
        return config

    def on_env(self, env, config: MkDocsConfig, files):
        # Our templates' strings go through the language's gettext catalog.
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_translations(load_translations(self.language), newstyle=True)
        orgs = organizations(self.pages, self.settings.source_language, self.language)
        env.globals["portal_footer_organization"] = orgs.get(config.extra.get("footer_organization"))
        # Absolute paths (from site_url) so that they also work on the 404 page, at any depth.
        base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
        home = base if self.language == self.settings.source_language else f"{base}{self.language}/"
        env.globals["portal_links"] = {"home": home, "contacts": f"{home}about/contacts/"}
        env.globals["portal_languages"] = self._language_homes(config, base)
        return env

    def on_post_build(self, config: MkDocsConfig):
        # MkDocs writes one 404.html per build at the site root, so each language's build
        # overwrites the previous one: keep each as <lang>/404.html and restore the source's.
        root_404 = Path(config.site_dir) / "404.html"
        if not root_404.is_file():
            return
        if self.language == self.settings.source_language:
            self.source_404 = root_404.read_bytes()
            return
        language_404 = Path(config.site_dir) / self.language / "404.html"
        language_404.parent.mkdir(parents=True, exist_ok=True)
        language_404.write_bytes(root_404.read_bytes())
        if self.source_404 is not None:
            root_404.write_bytes(self.source_404)

    def _language_homes(self, config: MkDocsConfig, base: str) -> list[dict]:
        """Each built language with its name and home page (for the 404 page's switcher)."""
        i18n = config.plugins["i18n"]
        return [
            {"lang": entry.locale, "name": entry.name, "link": base if entry.default else f"{base}{entry.locale}/"}
            for entry in i18n.config.languages
            if entry.build
        ]
