"""Dates (and small numbers and language names) shown to readers, formatted by Babel (CLDR) in the page's language.

Khmer dates use Khmer digits and the full "ថ្ងៃទី … ខែ … ឆ្នាំ …" form, as Cambodian government
sites and official documents write them; Babel supplies the Khmer month names. The
machine-readable ISO date always goes in <time datetime="…">.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from .config import language_info


def format_reader_date(value: date | datetime, language: str, year_only: bool = False) -> str:
    """'19/12/2018' (vi), '19 December 2018' (en), 'ថ្ងៃទី១៩ ខែធ្នូ ឆ្នាំ២០១៨' (km).

    With year_only: '2018' (vi, en), 'ឆ្នាំ២០១៨' (km). The locale, patterns and digits come from
    the language's language.yml.
    """
    if isinstance(value, datetime):
        value = value.date()
    info = language_info(language)
    text = format_date(value, info.year_pattern if year_only else info.date_pattern, locale=info.babel_locale)
    return text.translate(str.maketrans("0123456789", info.digits))


def format_reader_number(value: int, language: str) -> str:
    """A small whole number as readers of the language write it: Khmer digits in Khmer."""
    return language_info(language).number(value)


def format_reader_percent(value: float, language: str) -> str:
    """A share with one decimal as readers write it: '14,3' (vi), '14.3' (en), '១៤,៣' (km)."""
    info = language_info(language)
    return format_decimal(value, "0.0", locale=info.number_locale or info.babel_locale).translate(str.maketrans("0123456789", info.digits))


def reader_language_name(code: str, language: str) -> str:
    """A language's name in the reader's language, for running text: 'Tiếng Khmer' (vi),
    'Khmer' (en), 'ខ្មែរ' (km). (The switcher names each language in itself.)"""
    return Locale.parse(language_info(language).babel_locale).languages.get(code, code)


def build_day() -> date:
    """The day a build is for: its build date (SOURCE_DATE_EPOCH, which the build pins to the
    last commit's date and the weekly scheduled build to its own day), else today. Legal
    documents' status and the home page's coming events are worked out for this day."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return datetime.fromtimestamp(int(value), tz=timezone.utc).date() if value.isdigit() else date.today()
