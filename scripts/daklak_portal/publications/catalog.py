"""Where the publications are announced once written: a page per language under /publications/
listing each file with its language, format, size and date, and the open-data catalogue
(data/catalog.jsonld as DCAT distributions, data/datapackage.json as resources).

The listing pages are written after the site's sitemap, so they are `noindex, follow`: search
engines reach the files through them and through the bulletin's pages."""

from __future__ import annotations

import json
from datetime import datetime
from html import escape
from pathlib import Path

from ..config import Settings, language_info
from ..dates import format_reader_date
from ..files import write_atomically
from ..translations import load_translations

MEDIA_TYPES = {".pdf": "application/pdf", ".epub": "application/epub+zip", ".html": "text/html"}
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"


def _languages_of(language: str) -> list[str]:
    """"vi+en" (a bilingual edition) -> ["vi", "en"]."""
    return language.split("+")


def listing_pages(settings: Settings, out: Path, files: list[tuple[Path, str, int, str]], created: datetime) -> list[Path]:
    """out/index.html (the source language) and out/<lang>/index.html: every file, in a table.
    `files` holds (path, language, bytes, title)."""
    written = []
    source = settings.source_language
    for language in settings.built_languages:
        gettext = load_translations(language).gettext
        folder = out if language == source else out / language
        prefix = "" if language == source else "../"
        rows = []
        for path, file_language, size, title in files:
            if path.suffix == ".html":
                continue
            languages = _languages_of(file_language)
            names = " – ".join(f'<span lang="{code}">{escape(settings.language_name(code))}</span>' for code in languages)
            link = prefix + path.relative_to(out).as_posix()
            # A bilingual edition's title is in both its languages ("Bản tin … / ព្រឹត្តិបត្រ …").
            parts = title.split(" / ") if len(languages) > 1 else [title]
            marked = " / ".join(f'<span lang="{code}">{escape(part)}</span>' for code, part in zip(languages, parts, strict=False))
            rows.append(
                f'<tr><td><a href="{escape(link)}" hreflang="{languages[-1]}">{marked}</a></td>'
                f"<td>{names}</td><td>{path.suffix.removeprefix('.').upper()}</td><td>{language_info(language).number(round(size / 1024))} KB</td></tr>"
            )
        # Plain calls (not inside the f-string) so that `make catalogs` extracts them.
        heading, title_label, language_label = gettext("Publications"), gettext("Title"), gettext("Language")
        format_label, size_label, as_of = gettext("Format"), gettext("Size"), gettext("Information as of %(date)s.")
        page = f"""<!doctype html>
<html lang="{language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex, follow">
<title>{escape(heading)}</title>
<link rel="icon" href="{prefix}../assets/images/favicon.svg"><link rel="stylesheet" href="{prefix}../assets/css/fonts.css"><link rel="stylesheet" href="{prefix}bulletin/edition.css"></head>
<body><main>
<h1>{escape(heading)}</h1>
<p>{escape(as_of % {"date": format_reader_date(created, language)})}</p>
<div class="table"><table>
<thead><tr><th scope="col">{escape(title_label)}</th><th scope="col">{escape(language_label)}</th><th scope="col">{escape(format_label)}</th><th scope="col">{escape(size_label)}</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table></div>
</main></body></html>
"""
        target = folder / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, page)
        written.append(target)
    return written


def add_to_catalogue(settings: Settings, site: Path, out: Path, files: list[tuple[Path, str, int, str]], created: datetime) -> None:
    """The PDF and EPUB files as distributions of the open-data catalogue and resources of the
    Data Package (replacing those of an earlier run)."""
    base = settings.site_url.rstrip("/") + "/"
    prefix = base + out.relative_to(site).as_posix() + "/"
    published = [(path, language, size, title) for path, language, size, title in files if path.suffix in (".pdf", ".epub")]
    catalog_path, package_path = site / "data" / "catalog.jsonld", site / "data" / "datapackage.json"
    if catalog_path.is_file():
        catalog = json.loads(catalog_path.read_text(encoding="utf-8"))
        dataset = catalog["dcat:dataset"]
        kept = [item for item in dataset.get("dcat:distribution", []) if not str(item.get("@id", "")).startswith(prefix)]
        dataset["dcat:distribution"] = kept + [
            {
                "@id": prefix + path.relative_to(out).as_posix(),
                "@type": "dcat:Distribution",
                "dct:title": title,
                "dcat:downloadURL": prefix + path.relative_to(out).as_posix(),
                "dcat:mediaType": "https://www.iana.org/assignments/media-types/" + MEDIA_TYPES[path.suffix],
                "dcat:byteSize": size,
                "dct:issued": created.date().isoformat(),
                "dct:language": [{"@id": EU_LANGUAGE + (language_info(code).eu_code or code.upper())} for code in _languages_of(language)],
            }
            for path, language, size, title in published
        ]
        write_atomically(catalog_path, json.dumps(catalog, ensure_ascii=False, indent=1) + "\n")
    if package_path.is_file():
        package = json.loads(package_path.read_text(encoding="utf-8"))
        kept = [resource for resource in package["resources"] if not str(resource.get("path", "")).startswith(prefix)]
        package["resources"] = kept + [
            {
                "name": path.relative_to(out).as_posix().replace("/", "-").replace(".", "-").replace("+", "-").lower(),
                "path": prefix + path.relative_to(out).as_posix(),
                "title": title,
                "format": path.suffix.removeprefix("."),
                "mediatype": MEDIA_TYPES[path.suffix],
                "bytes": size,
            }
            for path, language, size, title in published
        ]
        write_atomically(package_path, json.dumps(package, ensure_ascii=False, indent=1) + "\n")
