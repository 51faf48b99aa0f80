"""Coverage of the interface strings: Material's keys, navigation titles and our gettext catalogs."""

from __future__ import annotations

import re
from pathlib import Path

import material

from ..config import REFERENCE_LANGUAGE, Settings, load_plugin_options
from ..translations import catalog_path, load_catalog

_KEY_VALUE = re.compile(r'^\s*"([^"]+)":\s*"((?:[^"\\]|\\.)*)"', re.M)
CONFIGURATION_KEYS = {"language", "direction", "search.config.lang", "search.config.pipeline", "search.config.separator"}


def partial_strings(path: Path) -> dict[str, str]:
    return dict(_KEY_VALUE.findall(path.read_text(encoding="utf-8"))) if path.is_file() else {}


def material_keys(settings: Settings, language: str) -> dict[str, int]:
    """Material's interface keys: the project's override of the partial wins over Material's."""
    installed = Path(material.__file__).parent / "templates/partials/languages"
    english = partial_strings(installed / f"{REFERENCE_LANGUAGE}.html")  # the partial the others translate
    override = settings.root / "overrides/partials/languages" / f"{language}.html"
    strings = partial_strings(override if override.is_file() else installed / f"{language}.html")
    texts = [key for key in english if key not in CONFIGURATION_KEYS]
    if language == REFERENCE_LANGUAGE:
        translated = sum(1 for key in texts if strings.get(key))
    else:
        translated = sum(1 for key in texts if strings.get(key) and strings[key] != english[key])
    return {"total": len(texts), "translated": translated}


def navigation_titles(settings: Settings, language: str) -> dict[str, int]:
    """Section titles of the nav that have a translation for the language."""
    sections = _nav_sections(settings.nav_node)
    if language == settings.source_language:
        return {"total": len(sections), "translated": len(sections)}
    translations = load_plugin_options(settings, "i18n").get("languages") or []
    names = next((entry.get("nav_translations") or {} for entry in translations if entry.get("locale") == language), {})
    return {"total": len(sections), "translated": sum(1 for title in sections if names.get(title))}


def _nav_sections(node) -> list[str]:
    titles = []
    for item in getattr(node, "value", []) or []:
        if item.__class__.__name__ == "MappingNode":
            for key, value in item.value:
                if value.__class__.__name__ == "SequenceNode":
                    titles.append(key.value)
                    titles.extend(_nav_sections(value))
    return titles


def catalog_counts(language: str) -> dict[str, int]:
    """Our own templates' strings (gettext, read with Babel)."""
    if not catalog_path(language).is_file():
        return {"total": 0, "translated": 0, "fuzzy": 0, "untranslated": 0}
    messages = [message for message in load_catalog(language) if message.id]
    fuzzy = sum(1 for message in messages if message.fuzzy)
    translated = sum(1 for message in messages if message.string and not message.fuzzy)
    return {"total": len(messages), "translated": translated, "fuzzy": fuzzy, "untranslated": len(messages) - translated - fuzzy}


def ui_coverage(settings: Settings) -> dict[str, dict]:
    return {
        language: {
            "material": material_keys(settings, language),
            "navigation": navigation_titles(settings, language),
            "catalog": catalog_counts(language),
        }
        for language in settings.languages
    }
