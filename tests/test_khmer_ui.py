"""The Khmer UI partial covers every key of the installed Material's English partial, in Khmer."""

import re
from pathlib import Path

import material

from conftest import PROJECT

KEY_VALUE = re.compile(r'^\s*"([^"]+)":\s*"((?:[^"\\]|\\.)*)"', re.M)
KHMER = re.compile(r"[\u1780-\u17ff]")
# Keys that configure rather than show text: they must exist but are not prose.
CONFIGURATION_KEYS = {"language", "direction", "search.config.lang", "search.config.pipeline", "search.config.separator"}
# Reviewed: texts that stay as they are in Khmer (brand and format names).
SAME_AS_ENGLISH_ALLOWED: set[str] = set()


def strings(path: Path) -> dict[str, str]:
    return dict(KEY_VALUE.findall(path.read_text(encoding="utf-8")))


ENGLISH = strings(Path(material.__file__).parent / "templates/partials/languages/en.html")
KHMER_UI = strings(PROJECT / "overrides/partials/languages/km.html")


def test_material_english_partial_was_read():
    assert len(ENGLISH) > 40 and "search.placeholder" in ENGLISH


def test_no_key_is_missing():
    missing = sorted(set(ENGLISH) - set(KHMER_UI))
    assert not missing, f"km.html lacks these keys of Material's en.html: {missing}"


def test_no_text_is_left_in_english():
    left = sorted(key for key in set(ENGLISH) - CONFIGURATION_KEYS - SAME_AS_ENGLISH_ALLOWED if KHMER_UI.get(key) == ENGLISH[key])
    assert not left, f"km.html still holds the English text for: {left}"


def test_every_text_is_written_in_khmer():
    not_khmer = sorted(key for key, value in KHMER_UI.items() if key not in CONFIGURATION_KEYS and not KHMER.search(value))
    assert not not_khmer, f"km.html texts without Khmer script: {not_khmer}"


def test_language_code():
    assert KHMER_UI["language"] == "km"
    assert "\\u200b" in KHMER_UI["search.config.separator"]  # index-side word breaks split words
