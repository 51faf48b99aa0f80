"""Every string of our own templates is in the vi, en and km gettext catalogs, translated."""

import re

from babel.messages.extract import extract_from_dir

from conftest import PROJECT
from daklak_portal.translations import load_catalog

LANGUAGES = ("vi", "en", "km")


def template_strings() -> set[str]:
    """Strings of our templates (overrides/) and of the text our code writes into pages."""
    jinja = extract_from_dir(str(PROJECT / "overrides"), [("**.html", "jinja2")], {"**.html": {"extensions": "jinja2.ext.i18n"}})
    python = extract_from_dir(str(PROJECT / "scripts"), [("**.py", "python")])
    return {message[2] for message in [*jinja, *python] if isinstance(message[2], str)}


def test_templates_and_code_use_gettext():
    strings = template_strings()
    assert "Page not found" in strings  # a template
    assert "Latest news" in strings  # the news listing written by scripts/daklak_portal/news.py


def test_every_template_string_is_translated_in_every_language():
    wanted = template_strings()
    for language in LANGUAGES:
        catalog = load_catalog(language)
        missing = sorted(s for s in wanted if s not in catalog or not catalog[s].string or catalog[s].fuzzy)
        assert not missing, f"{language}: untranslated or fuzzy: {missing}"


# A value with an international unit symbol is written alike in several languages ("%(value)s km²").
LANGUAGE_NEUTRAL = re.compile(r"(%\(\w+\)s|%%|km²|km|ha|\s)+")


def test_translations_are_not_copies_of_english():
    for language in ("vi", "km"):
        catalog = load_catalog(language)
        copies = sorted(m.id for m in catalog if m.id and m.string == m.id and not LANGUAGE_NEUTRAL.fullmatch(m.id))
        assert not copies, f"{language}: still English: {copies}"


def test_only_unit_symbols_count_as_language_neutral():
    assert LANGUAGE_NEUTRAL.fullmatch("%(value)s km²") and LANGUAGE_NEUTRAL.fullmatch("%(value)s%%")
    assert not LANGUAGE_NEUTRAL.fullmatch("%(value)s tonnes") and not LANGUAGE_NEUTRAL.fullmatch("Value")
