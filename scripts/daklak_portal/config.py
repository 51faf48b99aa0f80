"""The project's settings, read from mkdocs.yml so that the build, the CLI and the tests agree."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from babel.numbers import format_decimal

from .errors import PortalError


class TolerantLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Reads mkdocs.yml without executing its tags (`!ENV`, `!!python/name:`); with libyaml's
    parser when PyYAML has it (the preview reads mkdocs.yml on every rebuild)."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


TolerantLoader.add_multi_constructor("!", _ignore_tag)
TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


# The portal's source language, which text_language.py recognises in other languages' pages.
VIETNAMESE = "vi"
# English: the language of an English text of a legal document (legal database).
ENGLISH = "en"
# The language of the code's own texts: Material's partials (the others translate its en.html),
# the data in reports (coverage reasons), and what a language without its own text falls back to.
REFERENCE_LANGUAGE = "en"
LOCALES_DIR = Path(__file__).parent / "locales"


@dataclass(frozen=True)
class LanguageInfo:
    """What the code knows about a language besides its translated strings: read from
    locales/<code>/language.yml (the fields are explained in locales/vi/language.yml)."""

    code: str
    english_name: str
    og_locale: str
    eu_code: str | None
    script: str
    babel_locale: str
    date_pattern: str
    year_pattern: str
    digits: str
    card_line_height: float
    vietnamese_search: bool
    edition: str
    label_separator: str  # between a label and its value: ": ", or Khmer "៖ "
    joins_lines: bool  # a script without spaces between words: soft line breaks join (page_text.join_lines)
    preload_font: str | None  # the web font its pages need first (assets/fonts/), preloaded
    number_locale: str | None  # the Babel locale whose decimal and group marks its texts use (None: babel_locale's)
    ordinals: dict = field(default_factory=dict, compare=False)
    dataset: dict = field(default_factory=dict, compare=False)

    def number(self, value: int) -> str:
        """A whole number in the language's digits."""
        return str(value).translate(str.maketrans("0123456789", self.digits))

    def decimal(self, value: float, decimals: int = 0) -> str:
        """A number with its group and decimal marks, in the language's digits: '18.096,40'
        (vi), '18,096.40' (en), '១៨.០៩៦,៤០' (km)."""
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        text = format_decimal(value, pattern, locale=self.number_locale or self.babel_locale)
        return text.translate(str.maketrans("0123456789", self.digits))


@lru_cache(maxsize=None)
def language_info(code: str) -> LanguageInfo:
    """The language's facts; a language without a language.yml gets neutral ones (its code as
    its name, Latin digits, CLDR's own date format)."""
    path = LOCALES_DIR / code / "language.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    defaults = {
        "english_name": code, "og_locale": code, "eu_code": None, "script": "Latn", "babel_locale": code,
        "date_pattern": "long", "year_pattern": "y", "digits": "0123456789", "card_line_height": 1.3,
        "vietnamese_search": False, "edition": "{title} ({number})", "label_separator": ": ", "joins_lines": False,
        "preload_font": None, "number_locale": None,
    }
    return LanguageInfo(code=code, **(defaults | data))


@dataclass(frozen=True)
class Settings:
    root: Path  # the folder holding mkdocs.yml
    docs_dir: Path
    languages: tuple[str, ...]  # source language first
    source_language: str
    site_url: str = "/"
    nav_node: yaml.Node | None = field(default=None, compare=False)  # with line numbers
    plugins: tuple = field(default=(), compare=False)  # the `plugins:` list of mkdocs.yml
    language_names: dict[str, str] = field(default_factory=dict, compare=False)  # each language's name in itself
    site_names: dict[str, str] = field(default_factory=dict, compare=False)  # the site's name in each language
    built_languages: tuple[str, ...] = ()  # the languages with `build: true`, in build order (source first)

    def language_name(self, language: str) -> str:
        return self.language_names.get(language, language)

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    def language_dir(self, language: str) -> Path:
        return self.docs_dir / language


def load_settings(root: Path | str = ".") -> Settings:
    root = Path(root).resolve()
    mkdocs_yml = root / "mkdocs.yml"
    if not mkdocs_yml.is_file():
        raise PortalError("config.no-mkdocs-yml", path=mkdocs_yml)
    text = mkdocs_yml.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=TolerantLoader)
        data = yaml.load(text, Loader=TolerantLoader) or {}
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        where = f"mkdocs.yml:{line + 1}" if line is not None else "mkdocs.yml"
        raise PortalError("config.invalid-yaml", file=where, problem=getattr(error, "problem", error)) from None

    entries = _i18n_entries(data)
    languages, source = _i18n_languages(entries)
    builds = {entry["locale"]: entry.get("build", True) for entry in entries}
    nav_node = None
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "nav":
                nav_node = value
    return Settings(
        root=root,
        docs_dir=root / data.get("docs_dir", "docs"),
        languages=languages,
        source_language=source,
        site_url=resolve_env(data.get("site_url")) or "/",
        plugins=tuple(data.get("plugins") or ()),
        nav_node=nav_node,
        language_names={entry["locale"]: entry.get("name") or entry["locale"] for entry in entries},
        site_names={entry["locale"]: str(entry.get("site_name") or data.get("site_name") or "") for entry in entries},
        built_languages=tuple(language for language in languages if builds[language]),
    )


def resolve_env(value) -> str | None:
    """A value written `!ENV [NAME, …, default]`: the first variable that is set, else the default."""
    if isinstance(value, list):
        *names, default = value
        return next((os.environ[name] for name in names if os.environ.get(name)), default)
    return value


def _i18n_entries(data: dict) -> list[dict]:
    """The `languages:` entries of the i18n plugin: the one place the portal's languages are listed."""
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = (plugin["i18n"] or {}).get("languages") or []
            if not all(isinstance(entry, dict) and entry.get("locale") for entry in entries):
                raise PortalError("config.no-locale")
            return entries
    raise PortalError("config.no-i18n")


def _i18n_languages(entries: list[dict]) -> tuple[tuple[str, ...], str]:
    """The languages, the default (source) language first."""
    defaults = [entry["locale"] for entry in entries if entry.get("default")]
    if not defaults:
        raise PortalError("config.no-default-language")
    source = defaults[0]
    return (source, *[entry["locale"] for entry in entries if entry["locale"] != source]), source


def load_plugin_options(settings: Settings, name: str) -> dict:
    """The options given to a plugin in mkdocs.yml (`- name: {…}`), or {}."""
    for plugin in settings.plugins:
        if isinstance(plugin, dict) and name in plugin:
            return plugin[name] or {}
    return {}
