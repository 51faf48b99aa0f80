"""Organisations and their contacts, read from the contacts page's front matter.

Language-neutral fields (phone, e-mail, website, source) come from the source-language page;
a translation only supplies text (name, address) under the same `id`.
"""

from __future__ import annotations

from .content import SourceFile

CONTACTS_PAGE = "about/contacts.md"
TEXT_FIELDS = ("name", "address")


def organizations(pages: dict[str, dict[str, SourceFile]], source_language: str, language: str) -> dict[str, dict]:
    """{id: organisation} for a language: source fields, with the translation's text over them."""
    source_page = pages.get(source_language, {}).get(CONTACTS_PAGE)
    if source_page is None:
        return {}
    translated_page = pages.get(language, {}).get(CONTACTS_PAGE)
    translated = {}
    if translated_page is not None and language != source_language:
        translated = {org.get("id"): org for org in translated_page.meta.get("organizations") or [] if isinstance(org, dict)}

    result = {}
    for org in source_page.meta.get("organizations") or []:
        if not isinstance(org, dict) or "id" not in org:
            continue
        merged = dict(org)
        # The language each text field is actually in, so templates can mark it with `lang`.
        merged["languages"] = {field: source_language for field in TEXT_FIELDS}
        for field in TEXT_FIELDS:
            value = translated.get(org["id"], {}).get(field)
            if value:
                merged[field] = value
                merged["languages"][field] = language
        result[org["id"]] = merged
    return result
