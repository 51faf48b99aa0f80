"""Gettext catalogs (Babel) for the strings of the project's own templates in overrides/.

Catalogs live in scripts/daklak_portal/locales/<lang>/LC_MESSAGES/messages.po and are compiled
in memory at build time, so no compiled .mo file needs to be committed or kept in sync.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALES_DIR = Path(__file__).parent / "locales"
DOMAIN = "messages"


def catalog_path(language: str) -> Path:
    return LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_catalog(language: str):
    with catalog_path(language).open("rb") as po:
        return read_po(po, locale=language, domain=DOMAIN)


def load_translations(language: str) -> NullTranslations:
    """The compiled catalog for a language; fuzzy entries are not used (they need review)."""
    path = catalog_path(language)
    if not path.is_file():
        return NullTranslations()
    mo = BytesIO()
    write_mo(mo, load_catalog(language), use_fuzzy=False)
    mo.seek(0)
    return Translations(mo, domain=DOMAIN)
