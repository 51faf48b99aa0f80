"""`portal export`: pages of one language as translation files, one per page."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from ..config import Settings
from ..content import page_paths, read_source_file
from ..errors import PortalError
from ..files import write_atomically
from ..glossary import GLOSSARY_PAGE, load_terms
from .po_files import po_bytes
from .units import PageUnits, page_units
from .xliff_files import xliff_bytes

FORMATS = {"po": ".po", "xliff": ".xlf"}
SELECTIONS = ("all", "outdated", "missing")


def glossary_terms(settings: Settings) -> list:
    path = settings.language_dir(settings.source_language) / GLOSSARY_PAGE
    return load_terms(read_source_file(path, settings).meta) if path.is_file() else []


def selected(page: PageUnits, only: str) -> bool:
    states = {unit.state for unit in page.units}
    if only == "missing":
        return "new" in states
    if only == "outdated":
        return "needs-review" in states
    return True


def default_folder(settings: Settings, language: str, today: date) -> Path:
    return settings.root / "exports" / f"{today.isoformat()}-{language}"


def export_pages(settings: Settings, language: str, file_format: str, only: str, out: Path, keys: list[str]) -> list[Path]:
    """Writes one file per selected page under out/<key>.po|.xlf; returns the files written."""
    if language not in settings.languages[1:]:
        raise PortalError("editor.bad-language", languages=", ".join(settings.languages[1:]))
    sources = page_paths(settings)[0][settings.source_language]
    wanted = [key.removeprefix(f"docs/{settings.source_language}/") for key in keys] or sorted(sources)
    for key in wanted:
        if key not in sources:
            raise PortalError("editor.no-source", path=f"docs/{settings.source_language}/{key}")
    terms = glossary_terms(settings)
    created = datetime(2000, 1, 1, tzinfo=timezone.utc)  # fixed: two exports of one commit are the same bytes
    written = []
    for key in wanted:
        page = page_units(settings, key, language, terms)
        if not page.units or not selected(page, only):
            continue
        data = po_bytes([page], language, settings.source_language, created) if file_format == "po" else xliff_bytes([page], language, settings.source_language)
        path = out / (key.removesuffix(".md") + FORMATS[file_format])
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
        written.append(path)
    return written
