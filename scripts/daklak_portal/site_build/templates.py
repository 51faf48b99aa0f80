"""What our templates (overrides/) get besides the page: the language's gettext catalog and
the `portal_*` globals (footer organisation, links, the language switcher of the 404 page)."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..build_cache import template_cache
from ..config import language_info
from ..contacts import organizations
from ..feeds import ATOM
from .state import BuildState


def prepare_templates(env, state: BuildState, language: str, site_url: str | None, footer_organization: str | None) -> None:
    env.add_extension("jinja2.ext.i18n")
    env.bytecode_cache = template_cache(state.settings.root)  # compiled templates, keyed by their source
    env.install_gettext_translations(state.translations(language), newstyle=True)
    env.globals.update(template_globals(state, language, site_url, footer_organization))


def template_globals(state: BuildState, language: str, site_url: str | None, footer_organization: str | None) -> dict:
    settings = state.settings
    orgs = organizations(state.pages, settings.source_language, language)
    # Absolute paths (from site_url) so that they also work on the 404 page, at any depth.
    base = urlsplit(site_url or "/").path.rstrip("/") + "/"
    return {
        "portal_footer_organization": orgs.get(footer_organization),
        "portal_links": {"home": home_path(base, language, settings.source_language), "contacts": f"{home_path(base, language, settings.source_language)}about/contacts/", "site_root": base},
        "portal_languages": [
            {
                "lang": lang,
                "name": settings.language_name(lang),
                "link": home_path(base, lang, settings.source_language),
                "feed": (site_url or "/").rstrip("/") + home_path("/", lang, settings.source_language) + ATOM,  # absolute, as hreflang links are
            }
            for lang in settings.built_languages
        ],
        "portal_site_url": (site_url or "/").rstrip("/") + "/",
        "portal_colon": language_info(language).label_separator,  # after a label: ": ", Khmer "៖ "
        "portal_preload_font": language_info(language).preload_font,
    }


def home_path(base: str, language: str, source_language: str) -> str:
    """The absolute path of a language's home page: the source language's at the site root."""
    return base if language == source_language else f"{base}{language}/"
