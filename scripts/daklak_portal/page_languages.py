"""What a reader and a search engine are told about a page's languages.

A page is *translated* into a language when docs/<language>/<key> exists. Otherwise the i18n
plugin builds a fallback copy of the source page in that language's site: it is shown with a
notice, marked lang="vi", points its canonical URL at the original, is kept out of search
engines (noindex) and out of the hreflang alternates and the sitemap.
"""

from __future__ import annotations

from dataclasses import dataclass

from .content import page_path

# Open Graph locales (language_TERRITORY) of the portal's languages.
OG_LOCALES = {"vi": "vi_VN", "en": "en_US", "km": "km_KH"}


@dataclass(frozen=True)
class LanguageVersion:
    lang: str
    name: str  # the language's name in itself: Tiếng Việt, English, ខ្មែរ
    path: str  # site-relative URL path of the page (or of that language's home when untranslated)
    translated: bool
    current: bool


@dataclass(frozen=True)
class PageLanguages:
    key: str
    language: str  # the language of the site section the page is built in
    content_language: str  # the language the text is actually in
    versions: tuple[LanguageVersion, ...]
    canonical_path: str
    alternates: tuple[tuple[str, str], ...]  # (hreflang, path), x-default last; empty for fallbacks
    generated: bool = False  # a listing page made by the build, kept out of search engines

    @property
    def is_fallback(self) -> bool:
        return self.language != self.content_language

    @property
    def noindex(self) -> bool:
        return self.is_fallback or self.generated

    @property
    def og_locale(self) -> str:
        return OG_LOCALES.get(self.language, self.language)

    @property
    def og_alternates(self) -> list[str]:
        return [OG_LOCALES.get(lang, lang) for lang, _ in self.alternates if lang not in ("x-default", self.language)]


def translated_languages(key: str, available: dict[str, set[str]], languages: tuple[str, ...]) -> list[str]:
    return [lang for lang in languages if key in available.get(lang, set())]


def alternates_for(key: str, translated: list[str], source_language: str) -> tuple[tuple[str, str], ...]:
    """hreflang set shared by every real translation of a page: each translation and x-default."""
    pairs = [(lang, page_path(key, lang, source_language)) for lang in translated]
    if source_language in translated:
        pairs.append(("x-default", page_path(key, source_language, source_language)))
    return tuple(pairs)


def page_languages(key: str, language: str, available: dict[str, set[str]], languages: tuple[str, ...], names: dict[str, str]) -> PageLanguages:
    source = languages[0]
    translated = translated_languages(key, available, languages)
    content_language = language if language in translated else source
    versions = tuple(
        LanguageVersion(
            lang=lang,
            name=names.get(lang, lang),
            path=page_path(key if lang in translated else "index.md", lang, source),
            translated=lang in translated,
            current=lang == language,
        )
        for lang in languages
    )
    if content_language == language:
        canonical = page_path(key, language, source)
        alternates = alternates_for(key, translated, source)
    else:
        canonical = page_path(key, content_language, source)
        alternates = ()
    return PageLanguages(key, language, content_language, versions, canonical, alternates)


def listing_page_languages(key: str, language: str, listing_key: str, available: dict[str, set[str]], languages: tuple[str, ...], names: dict[str, str]) -> PageLanguages:
    """A generated listing page (older news, a year's archive) exists in one language only:
    the switcher leads to the listing itself in the other languages, and the page has no
    hreflang alternates (it is kept out of search engines; the posts it lists are not)."""
    source = languages[0]
    versions = tuple(
        LanguageVersion(
            lang=lang,
            name=names.get(lang, lang),
            path=page_path(key if lang == language else listing_key, lang, source),
            translated=lang == language or listing_key in available.get(lang, set()),
            current=lang == language,
        )
        for lang in languages
    )
    return PageLanguages(key, language, language, versions, page_path(key, language, source), (), generated=True)
