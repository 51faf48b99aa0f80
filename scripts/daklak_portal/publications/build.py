"""`portal publications`: every publication in every language whose pages are all translated,
as PDF and EPUB under site/publications/<language>/; the languages a publication cannot have
yet, with the pages that keep it out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..config import REFERENCE_LANGUAGE, Settings, language_info
from ..content import read_source_file
from ..dataset import source_date
from ..dates import format_reader_date
from ..files import write_atomically
from ..reproducible import pin_build_date
from ..translations import load_translations
from . import render
from .book import blockers, chapters, load_publications
from .bulletin import BILINGUAL_CSS, edition_html, edition_names
from .catalog import add_to_catalogue, listing_pages
from .render import cached_outputs


@dataclass
class PublicationsReport:
    site: Path  # the built site the pages were taken from
    written: list[tuple[Path, str, int]] = field(default_factory=list)  # (file, language, bytes)
    titles: dict[Path, str] = field(default_factory=dict)  # each file's title, for the listing

    def publish(self, path: Path, data: bytes, language: str, title: str) -> None:
        """Writes a file (unless it already holds these bytes) and records it."""
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_bytes() != data:
            write_atomically(path, data)
        self.written.append((path, language, len(data)))
        self.titles[path] = title
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
                report.publish(out / language / f"{publication.id}.{extension}", data, language, publication.titles.get(language) or publication.id)
    write_editions(settings, out / "bulletin", created, report)
    files = [(path, language, size, report.titles[path]) for path, language, size in report.written]
    listing_pages(settings, out, files, created)
    if out.resolve().is_relative_to(site.resolve()):  # the catalogue describes what the site serves
        add_to_catalogue(settings, site, out, files, created)
    return report


WEB_STYLE = '<link rel="icon" href="../../assets/images/favicon.svg"><link rel="stylesheet" href="../../assets/css/fonts.css"><link rel="stylesheet" href="edition.css">'
WEB_FONTS = 'body { font-family: "Noto Sans", "Noto Sans Khmer", "Noto Sans Lao", system-ui, sans-serif; }'


def write_editions(settings: Settings, folder: Path, created, report: PublicationsReport) -> None:
    """The bulletin's bilingual editions, as a web page and a PDF each (publications/bulletin.py)."""
    print_css = render.site_print_fonts(settings, language_info(settings.source_language).script)
    stylesheet = folder / "edition.css"
    stylesheet.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(stylesheet, WEB_FONTS + BILINGUAL_CSS)
    for key, second, name in edition_names(settings):
        title, web = edition_html(settings, key, second, WEB_STYLE)
        printed = render.print_ready(edition_html(settings, key, second, f"<style>{print_css}{BILINGUAL_CSS}</style>")[1], second)
        pdf = render.cached(settings, printed, created, "pdf", lambda: render.render_pdf(printed, created))  # noqa: B023 - called at once
        languages = f"{settings.source_language}+{second}"
        report.publish(folder / f"{name}.html", web.encode("utf-8"), languages, title)
        report.publish(folder / f"{name}.pdf", pdf, languages, title)
