"""The glossary: one accepted form per language for each term, and spellings to avoid.

The data is the `terms:` list in the front matter of docs/<source>/about/glossary.md. The site
shows it as a table on the glossary page of every language, and `portal lint` reports any page
that uses a spelling listed under `avoid` for its language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from .text_language import KHMER

GLOSSARY_PAGE = "about/glossary.md"
# Where a spelling may legitimately appear: link targets and bare URLs are not prose.
_NOT_PROSE = re.compile(r"\]\([^)]*\)|<[^>]+>|https?://\S+")


@dataclass(frozen=True)
class Term:
    id: str
    forms: dict[str, str]  # language -> accepted form
    avoid: dict[str, tuple[str, ...]] = field(default_factory=dict)


def load_terms(source_meta: dict) -> list[Term]:
    terms = []
    for entry in source_meta.get("terms") or []:
        if not isinstance(entry, dict) or "id" not in entry:
            continue
        forms = {lang: str(value) for lang, value in entry.items() if lang not in ("id", "avoid") and isinstance(value, str)}
        avoid = {lang: tuple(map(str, values or ())) for lang, values in (entry.get("avoid") or {}).items()}
        terms.append(Term(str(entry["id"]), forms, avoid))
    return terms


def avoided_spellings(text: str, terms: list[Term], language: str) -> list[tuple[int, str, str]]:
    """(line, spelling found, accepted form) for each avoided spelling in a page body."""
    spellings = tuple((spelling, term.forms.get(language, "")) for term in terms for spelling in term.avoid.get(language, ()))
    if not spellings:
        return []
    any_spelling, patterns = _compiled(tuple(spelling for spelling, _ in spellings))
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        prose = _NOT_PROSE.sub(" ", line)
        if not any_spelling.search(prose):  # most lines: one search, not one per spelling
            continue
        for (spelling, form), pattern in zip(spellings, patterns, strict=True):
            if pattern.search(prose):
                found.append((number, spelling, form))
    return found


@lru_cache(maxsize=16)
def _compiled(spellings: tuple[str, ...]) -> tuple[re.Pattern, list[re.Pattern]]:
    """One pattern matching any of the spellings (regex alternation backtracks, so it matches
    wherever one of them does), and each spelling's own pattern; compiled once per build."""
    patterns = [_spelling_pattern(spelling) for spelling in spellings]
    return re.compile("|".join(f"(?:{pattern.pattern})" for pattern in patterns)), patterns


def _spelling_pattern(spelling: str) -> re.Pattern:
    """Whole words for Latin script; Khmer writes no spaces between words, so any occurrence."""
    if KHMER.search(spelling):
        return re.compile(re.escape(spelling))
    return re.compile(rf"(?<!\w){re.escape(spelling)}(?!\w)")


def glossary_table(terms: list[Term], languages: tuple[str, ...], names: dict[str, str], gettext: Callable[[str], str]) -> str:
    """A Markdown table of the terms, each cell marked with its language."""
    header = "| " + " | ".join(f'<span lang="{lang}">{names.get(lang, lang)}</span>' for lang in languages) + " |"
    rule = "|" + "---|" * len(languages)
    rows = [
        "| " + " | ".join(f'<span lang="{lang}">{term.forms.get(lang, "")}</span>' for lang in languages) + " |"
        for term in terms
    ]
    heading = gettext("Terms")
    return "\n".join(["", "", f"## {heading} {{#terms}}", "", header, rule, *rows]) + "\n"
