"""Our Khmer and Vietnamese UI partials cover every key of the installed Material's English one."""

from pathlib import Path

import material
import pytest

from conftest import PROJECT
from daklak_portal.coverage.ui import CONFIGURATION_KEYS, partial_strings
from daklak_portal.text_language import KHMER

# Reviewed: texts that may stay as in English (brand and format names).
SAME_AS_ENGLISH_ALLOWED = {"vi": set(), "km": set()}


ENGLISH = partial_strings(Path(material.__file__).parent / "templates/partials/languages/en.html")
OURS = {language: partial_strings(PROJECT / f"overrides/partials/languages/{language}.html") for language in ("vi", "km")}


def test_material_english_partial_was_read():
    assert len(ENGLISH) > 40 and "search.placeholder" in ENGLISH


@pytest.mark.parametrize("language", ["vi", "km"])
def test_no_key_is_missing(language):
    missing = sorted(set(ENGLISH) - set(OURS[language]))
    assert not missing, f"{language}.html lacks these keys of Material's en.html: {missing}"


@pytest.mark.parametrize("language", ["vi", "km"])
def test_no_text_is_left_in_english(language):
    texts = set(ENGLISH) - CONFIGURATION_KEYS - SAME_AS_ENGLISH_ALLOWED[language]
    left = sorted(key for key in texts if OURS[language].get(key) == ENGLISH[key])
    assert not left, f"{language}.html still holds the English text for: {left}"


def test_every_khmer_text_is_written_in_khmer():
    not_khmer = sorted(key for key, value in OURS["km"].items() if key not in CONFIGURATION_KEYS and not KHMER.search(value))
    assert not not_khmer, f"km.html texts without Khmer script: {not_khmer}"


def test_language_codes():
    assert OURS["km"]["language"] == "km" and OURS["vi"]["language"] == "vi"
    assert "\\u200b" in OURS["km"]["search.config.separator"]  # index-side word breaks split words
