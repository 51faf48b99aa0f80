"""What a translation file holds once read, whatever its format (po_files.py, xliff_files.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .inline import Segment


@dataclass
class ImportedUnit:
    file: Path  # the exchange file
    line: int
    language: str  # the file's target language
    key: str  # the page ("tourism/lak-lake.md")
    unit_id: str  # "getting-there/2"
    source: list[Segment]
    target: list[Segment] | None  # None: not translated
    final: bool  # translated and not marked for review
    problem: str | None = None  # the translation's placeholders could not be read


def unit_context(key: str, unit_id: str) -> str:
    """The PO msgctxt and XLIFF resname of a unit: the page and the unit."""
    return f"{key}#{unit_id}"


def split_context(context: str) -> tuple[str, str]:
    key, _, unit_id = context.partition("#")
    return key, unit_id
