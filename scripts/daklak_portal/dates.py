"""Dates (and small numbers) shown to readers, formatted by Babel (CLDR) in the page's language.

Khmer dates use Khmer digits and the full "ថ្ងៃទី … ខែ … ឆ្នាំ …" form, as Cambodian government
sites and official documents write them; Babel supplies the Khmer month names. The
machine-readable ISO date always goes in <time datetime="…">.
"""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date

# The CLDR locale whose long date a reader of each language expects.
_LOCALES = {"vi": "vi", "en": "en_GB", "km": "km"}
_PATTERNS = {"km": "'ថ្ងៃទី'd 'ខែ'MMMM 'ឆ្នាំ'y"}
_YEAR_PATTERNS = {"km": "'ឆ្នាំ'y"}
_KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")


def format_reader_date(value: date | datetime, language: str, year_only: bool = False) -> str:
    """'19 tháng 12, 2018' (vi), '19 December 2018' (en), 'ថ្ងៃទី១៩ ខែធ្នូ ឆ្នាំ២០១៨' (km).

    With year_only: '2018' (vi, en), 'ឆ្នាំ២០១៨' (km).
    """
    if isinstance(value, datetime):
        value = value.date()
    locale = _LOCALES.get(language, language)
    pattern = _YEAR_PATTERNS.get(language, "y") if year_only else _PATTERNS.get(language, "long")
    text = format_date(value, pattern, locale=locale)
    return text.translate(_KHMER_DIGITS) if language == "km" else text


def format_reader_number(value: int, language: str) -> str:
    """A small whole number as readers of the language write it: Khmer digits in Khmer."""
    return str(value).translate(_KHMER_DIGITS) if language == "km" else str(value)
