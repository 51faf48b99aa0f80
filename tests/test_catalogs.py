"""Every string of our own templates is in the vi, en and km gettext catalogs, translated."""

from babel.messages.extract import extract_from_dir

from conftest import PROJECT
from daklak_portal.translations import load_catalog

LANGUAGES = ("vi", "en", "km")


def template_strings() -> set[str]:
    method_map = [("**.html", "jinja2")]
    options = {"**.html": {"extensions": "jinja2.ext.i18n"}}
    return {message[2] for message in extract_from_dir(str(PROJECT / "overrides"), method_map, options)}


def test_templates_use_gettext():
    assert "Page not found" in template_strings()


def test_every_template_string_is_translated_in_every_language():
    wanted = template_strings()
    for language in LANGUAGES:
        catalog = load_catalog(language)
        missing = sorted(s for s in wanted if s not in catalog or not catalog[s].string or catalog[s].fuzzy)
        assert not missing, f"{language}: untranslated or fuzzy: {missing}"


def test_translations_are_not_copies_of_english():
    for language in ("vi", "km"):
        catalog = load_catalog(language)
        copies = sorted(m.id for m in catalog if m.id and m.string == m.id)
        assert not copies, f"{language}: still English: {copies}"
