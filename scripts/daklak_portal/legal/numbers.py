"""Document numbers as issued: their parts, the page path they give, the ways readers type them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..search.terms import fold
from .vocabulary import DOCUMENT_TYPES, issuer_matches

# 31/2021/NĐ-CP, 1708/QĐ-TTg, 202/2025/QH15, 0976/QĐ-UBND, 1660/NQ-UBTVQH15
NUMBER = re.compile(r"(?P<serial>[0-9]+)(?:/(?P<year>[0-9]{4}))?/(?:(?P<kind>[A-ZĐ]+)-)?(?P<issuer>[A-Za-zĐ]+[0-9]*)")


@dataclass(frozen=True)
class DocumentNumber:
    serial: str
    year: int | None
    kind: str
    issuer: str


def parse_number(text: str) -> DocumentNumber | None:
    match = NUMBER.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        return None
    year = match["year"]
    return DocumentNumber(match["serial"], int(year) if year else None, match["kind"] or "", match["issuer"])


def number_problem(text: str, type_id: str, issuer_id: str, signed_year: int | None) -> tuple[str, dict] | None:
    """What is wrong with a number for its document's type, issuer and year (a message id and
    its values), or None."""
    number = parse_number(text)
    if number is None:
        return "legal.number-shape", {"value": text}
    kinds = DOCUMENT_TYPES[type_id].kinds if type_id in DOCUMENT_TYPES else ()
    if kinds and number.kind not in kinds:
        shown = " | ".join(kind or "—" for kind in kinds)
        return "legal.number-kind", {"value": text, "kind": number.kind or "—", "type": type_id, "allowed": shown}
    if not issuer_matches(issuer_id, number.issuer):
        return "legal.number-issuer", {"value": text, "code": number.issuer, "issuer": issuer_id}
    if number.year is not None and signed_year is not None and number.year != signed_year:
        return "legal.number-year", {"value": text, "year": number.year, "signed": signed_year}
    return None


def number_slug(text: str) -> str:
    """The number without its year, folded to ASCII: `31/2021/NĐ-CP` -> `31-nd-cp`."""
    number = parse_number(text)
    if number is None:
        return ""
    parts = [number.serial, number.kind, number.issuer]
    return "-".join(fold(part).lower() for part in parts if part)


def document_key(text: str, type_id: str, signed_year: int) -> str:
    """The page of a document inside each language folder: legal/<type>/<year>/<slug>.md,
    hence the ELI-style address /legal/<type>/<year>/<slug>/."""
    return f"legal/{type_id}/{signed_year}/{number_slug(text)}.md"


def search_variants(text: str) -> list[str]:
    """The ways a reader types a number, for the search index: as issued, without Vietnamese
    letters, with spaces (`1708 QD TTg`), and number/year."""
    number = parse_number(text)
    if number is None:
        return [text]
    spaced = " ".join(part for part in (number.serial, str(number.year or ""), number.kind, number.issuer) if part)
    variants = [text, fold(text), spaced, fold(spaced)]
    if number.year:
        variants.append(f"{number.serial}/{number.year}")
    return list(dict.fromkeys(variants))
