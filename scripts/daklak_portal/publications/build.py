"""`portal publications`: every publication in every language whose pages are all translated,
as PDF and EPUB under site/publications/<language>/; the languages a publication cannot have
yet, with the pages that keep it out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..config import REFERENCE_LANGUAGE, Settings
from ..content import read_source_file
from ..dataset import source_date
from ..dates import format_reader_date
from ..files import write_atomically
from ..reproducible import pin_build_date
from ..translations import load_translations
from .book import blockers, chapters, load_publications
from .render import cached_outputs


@dataclass
class PublicationsReport:
    site: Path  # the built site the pages were taken from
    written: list[tuple[Path, str, int]] = field(default_factory=list)  # (file, language, bytes)
    blocked: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (publication, language) -> pages


def build_publications(settings: Settings, site: Path, out: Path) -> PublicationsReport:
    pin_build_date(settings.root)
    created = source_date()
    report = PublicationsReport(site)
    for publication in load_publications(settings):
        as_of = max(
            (meta["as_of"] for key in publication.pages if isinstance((meta := read_source_file(settings.language_dir(settings.source_language) / key, settings).meta).get("as_of"), date)),
            default=None,
        )
        for language in settings.built_languages:
            missing = blockers(publication, settings, language)
            if missing:
                report.blocked[(publication.id, language)] = missing
                continue
            gettext = load_translations(language).gettext
            labels = {
                "publisher": settings.site_names.get(language) or settings.site_names.get(settings.source_language, ""),
                "contents": gettext("Contents"),
                "sources": gettext("Sources"),
                "as_of": gettext("Information as of %(date)s.") % {"date": format_reader_date(as_of, language)} if as_of else "",
                "licence": publication.licences.get(language) or publication.licences.get(REFERENCE_LANGUAGE, ""),
            }
            outputs = cached_outputs(settings, publication, language, chapters(publication, settings, site, language), labels, created)
            for extension, data in outputs.items():
                path = out / language / f"{publication.id}.{extension}"
                path.parent.mkdir(parents=True, exist_ok=True)
                if not path.is_file() or path.read_bytes() != data:
                    write_atomically(path, data)
                report.written.append((path, language, len(data)))
    return report
