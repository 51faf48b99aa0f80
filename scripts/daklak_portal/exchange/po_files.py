"""gettext PO files of units (Poedit, Weblate, Lokalize, OmegaT read them).

One message per unit: `msgctxt` is the page and the unit (`tourism/lak-lake.md#overview/2`),
`msgid` the Vietnamese text and `msgstr` the translation, with placeholders written `<1>…</1>`
and `{2}` (inline.py). A unit that needs review is `#, fuzzy`; notes are extracted comments
(`#.`): the page's URL, glossary terms, the English translation; `#:` points at the line of
the Vietnamese page.
"""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from ..config import REFERENCE_LANGUAGE
from ..errors import PortalError
from .exchange_file import ImportedUnit, split_context, unit_context
from .inline import InlineError, from_po, number_like_source, to_po, tokenize
from .units import PageUnits


def po_bytes(pages: list[PageUnits], language: str, source_language: str, created: datetime) -> bytes:
    catalog = Catalog(
        locale=language,
        project="Đắk Lắk foreign-information portal",
        creation_date=created,
        revision_date=created,
        header_comment=f"# Translation of the Đắk Lắk foreign-information portal from {source_language} into {language}.\n# Keep <1>…</1> and {{2}} placeholders; see translating/README.md in the portal's repository.",
        fuzzy=False,
        last_translator="-",
        language_team="-",
    )
    for page in pages:
        source_path = f"docs/{source_language}/{page.key}"
        for unit in page.units:
            comments = [f"page: {page.url}", *unit.notes]
            if unit.reference:
                comments.append(f"{REFERENCE_LANGUAGE}: {to_po(number_like_source(tokenize(unit.reference), tokenize(unit.source))[0])}")
            message = catalog.add(
                to_po(tokenize(unit.source)),
                string=to_po(number_like_source(tokenize(unit.target), tokenize(unit.source))[0]) if unit.target else "",
                locations=[(source_path, unit.line)],
                flags=("fuzzy",) if unit.state == "needs-review" else (),
                auto_comments=comments,
                context=unit_context(page.key, unit.id),
            )
            message.flags.discard("python-format")  # Babel's guess from a "%" in the text: not a format string
    out = BytesIO()
    write_po(out, catalog, width=0, sort_output=False, include_previous=False)
    return out.getvalue()


def read_po_units(path: Path) -> list[ImportedUnit]:
    """The units of a PO file; PortalError when it cannot be read as PO."""
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as error:
        raise PortalError("exchange.unreadable", where=path, problem=str(error)) from None
    language = str(catalog.locale) if catalog.locale else ""
    units = []
    for message in catalog:
        if not message.id or not message.context:
            continue  # the header
        key, unit_id = split_context(message.context)
        source, target, problem = _segments(message.id), None, None
        try:
            target = from_po(message.string) if message.string else None
        except InlineError as error:
            problem = str(error)
        units.append(ImportedUnit(path, message.lineno, language, key, unit_id, source, target, bool(message.string) and not message.fuzzy, problem))
    return units


def _segments(text: str) -> list:
    try:
        return from_po(text)
    except InlineError:
        return [text]  # an edited source: reported as changed, since it no longer matches
