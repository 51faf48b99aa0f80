"""Writers of the open dataset: Data Package (CSV), JSON-LD, GeoJSON, DCAT catalog, iCalendar.

`write_dataset(dataset, out_dir, version=…, site_url=…, created=…)` writes, into out_dir:

| file | what it holds |
|---|---|
| datapackage.json | Frictionless Data Package v2: metadata and a Table Schema per CSV |
| places.csv, events.csv, organizations.csv, images.csv, legal-documents.csv, procedures.csv | one row per record, `name@vi`, `name@en`, `name@km`… columns |
| places.jsonld, … procedures.jsonld (one per record type) | schema.org in JSON-LD, names as language-tagged values |
| places.geojson | a FeatureCollection of the places that have coordinates (may be empty) |
| catalog.jsonld | a DCAT catalog of the dataset and every file above |
| events-vi.ics, events-en.ics, events-km.ics | the events as iCalendar feeds, one per language |

Every JSON-LD file carries its `@context` inline (nothing is fetched to read it). Output is a
function of the dataset and the arguments only (no clock, sorted input, fixed key order), so two
builds give byte-identical files. The files are written whole (temporary file, then rename).
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

from ..config import REFERENCE_LANGUAGE, language_info
from ..files import write_atomically
from .jsonld import dump_json, jsonld_document
from .records import FOREIGN_KEYS, PRIMARY_KEYS, PROVINCE, RECORD_TYPES, Dataset

PACKAGE_NAME = "daklak-open-promotional-data"
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
RESOURCE_TITLE = {
    "places": "Places: tourist attractions, industrial parks and economic zones",
    "events": "Events: editions of recurring events",
    "organizations": "Organizations: provincial agencies and contacts",
    "images": "Images: files, text alternatives, captions, credits and licences",
    "legal-documents": "Legal documents: laws, decrees, decisions and plans that matter to foreign investors and visitors, with status and relations",
    "procedures": "Administrative procedures for foreign investors and residents: competent body, time limit, fee, legal basis",
}
KEYWORDS = ["Đắk Lắk", "Vietnam", "tourism", "investment", "open data"]
# EU Publications Office language authority (DCAT-AP) for dct:language.
MEDIA_TYPES = {
    ".json": "application/json",
    ".csv": "text/csv",
    ".jsonld": "application/ld+json",
    ".geojson": "application/geo+json",
    ".ics": "text/calendar",
}
DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct:issued": {"@type": "xsd:date"},
    "dct:modified": {"@type": "xsd:date"},
    "dcat:downloadURL": {"@type": "@id"},
    "dcat:accessURL": {"@type": "@id"},
    "dcat:mediaType": {"@type": "@id"},
    "dcat:landingPage": {"@type": "@id"},
    "dct:license": {"@type": "@id"},
    "dct:language": {"@type": "@id"},
    "foaf:homepage": {"@type": "@id"},
}


# -- helpers --------------------------------------------------------------------------------


def _described(name: str, languages: tuple[str, ...]) -> dict[str, str]:
    """{language: text} of one of the dataset's own descriptions (title, description, publisher,
    country, calendar), from each language's language.yml."""
    return {lang: language_info(lang).dataset[name] for lang in languages if language_info(lang).dataset.get(name)}


def _described_in(name: str, language: str) -> str:
    """One description in a language, or in the reference language when it has none."""
    return language_info(language).dataset.get(name) or language_info(REFERENCE_LANGUAGE).dataset[name]


def _eu_language(lang: str) -> str:
    return f"http://publications.europa.eu/resource/authority/language/{language_info(lang).eu_code or lang.upper()}"


def _timestamp(created: date | datetime) -> datetime:
    if isinstance(created, datetime):
        return created.astimezone(timezone.utc) if created.tzinfo else created.replace(tzinfo=timezone.utc)
    return datetime(created.year, created.month, created.day, tzinfo=timezone.utc)


# -- CSV and Data Package -------------------------------------------------------------------


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def csv_document(dataset: Dataset, record_type: str) -> str:
    """RFC 4180 CSV (CRLF line ends, UTF-8 without BOM), one header row."""
    names = [name for name, _, _ in dataset.columns(record_type)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    for record in dataset.records.get(record_type, []):
        writer.writerow([_cell(record.values.get(name)) for name in names])
    return buffer.getvalue()


def table_schema(dataset: Dataset, record_type: str) -> dict:
    fields = []
    for name, kind, description in dataset.columns(record_type):
        field = {"name": name, "type": kind, "description": description}
        if name in PRIMARY_KEYS[record_type]:
            field["constraints"] = {"required": True, "unique": True}
        fields.append(field)
    schema = {"fields": fields, "missingValues": [""], "primaryKey": PRIMARY_KEYS[record_type]}
    foreign = [{"fields": [column], "reference": {"resource": resource, "fields": [target]}} for column, resource, target in FOREIGN_KEYS.get(record_type, [])]
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def datapackage_document(dataset: Dataset, version: str, site_url: str, created: date | datetime) -> str:
    package = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": PACKAGE_NAME,
        "id": f"{site_url}data/datapackage.json",
        "title": f"{_described_in('title', dataset.languages[0])} / {_described_in('title', REFERENCE_LANGUAGE)}",
        "description": _described_in("description", REFERENCE_LANGUAGE),
        "version": version,
        "created": _timestamp(created).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "homepage": f"{site_url}about/open-data/",
        "languages": list(dataset.languages),
        "keywords": KEYWORDS,
        "licenses": [LICENSE],
        "contributors": [{"title": _described_in("publisher", dataset.languages[0]), "path": site_url, "roles": ["publisher"]}],
        "sources": dataset.sources,
        "resources": [
            {
                "name": record_type,
                "type": "table",
                "path": f"{record_type}.csv",
                "scheme": "file",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": RESOURCE_TITLE[record_type],
                "schema": table_schema(dataset, record_type),
            }
            for record_type in RECORD_TYPES
        ],
    }
    return dump_json(package)


# -- GeoJSON --------------------------------------------------------------------------------


def geojson_document(dataset: Dataset) -> str:
    features = []
    for record in dataset.records.get("places", []):
        latitude, longitude = record.values.get("latitude"), record.values.get("longitude")
        if latitude is None or longitude is None:
            continue
        properties = {name: _cell(value) if isinstance(value, (date, datetime)) else value for name, value in record.values.items() if name not in ("latitude", "longitude") and value is not None}
        features.append({"type": "Feature", "id": record.id, "geometry": {"type": "Point", "coordinates": [longitude, latitude]}, "properties": properties})
    return dump_json({"type": "FeatureCollection", "features": features})


# -- iCalendar (RFC 5545) -------------------------------------------------------------------


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Content lines longer than 75 octets folded with CRLF + space, never inside a UTF-8 character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        limit = 75 if not out else 74  # continuation lines start with a space
        if len(current) + len(encoded) > limit:
            out.append(current)
            current = b""
        current += encoded
    out.append(current)
    return "\r\n ".join(part.decode("utf-8") for part in out)


def _property(name: str, value: str, language: str | None = None) -> str:
    return _fold(f"{name};LANGUAGE={language}:{value}" if language else f"{name}:{value}")


def ics_document(dataset: Dataset, language: str, created: date | datetime) -> str:
    source = dataset.languages[0]
    host = urlsplit(dataset.site_url).hostname or PACKAGE_NAME
    stamp = _timestamp(created).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{host}//{PACKAGE_NAME}//{language.upper()}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        _property("NAME", _ics_text(_described_in("calendar", language)), language),
        _property("X-WR-CALNAME", _ics_text(_described_in("calendar", language))),
    ]
    for record in sorted(dataset.records.get("events", []), key=lambda r: (r.values["start"], r.id)):
        summary_language = language if record.text("name", language) else source
        lines += [
            "BEGIN:VEVENT",
            f"UID:{record.id}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{record.values['start'].strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(record.values['end'] + timedelta(days=1)).strftime('%Y%m%d')}",  # exclusive
            _property("SUMMARY", _ics_text(record.text("name", summary_language)), summary_language),
        ]
        description_language = language if record.text("description", language) else source
        if record.text("description", description_language):
            lines.append(_property("DESCRIPTION", _ics_text(record.text("description", description_language)), description_language))
        location = record.links.get("location", {}).get("name", {})
        place = location.get(language) or location.get(source) or record.values.get("commune") or PROVINCE
        country = _described_in("country", language)
        lines.append(_property("LOCATION", _ics_text(", ".join(dict.fromkeys([place, PROVINCE, country])))))
        url = record.text("url", language) or record.text("url", source)
        if url:
            lines.append(_property("URL;VALUE=URI", url))
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


# -- DCAT catalog ---------------------------------------------------------------------------


def _lang_values(texts: dict[str, str], languages: tuple[str, ...]) -> list[dict]:
    return [{"@value": texts[lang], "@language": lang} for lang in languages if texts.get(lang)]


def catalog_document(dataset: Dataset, files: list[str], version: str, site_url: str, created: date | datetime) -> str:
    data_url = f"{site_url}data/"
    day = _timestamp(created).date().isoformat()
    languages = [{"@id": _eu_language(lang)} for lang in dataset.languages]
    publisher = {"@id": site_url, "@type": ["foaf:Agent", "foaf:Organization"], "foaf:name": _lang_values(_described("publisher", dataset.languages), dataset.languages), "foaf:homepage": site_url}
    distributions = []
    for name in files:
        suffix = Path(name).suffix
        distribution = {
            "@id": f"{data_url}{name}",
            "@type": "dcat:Distribution",
            "dct:title": name,
            "dcat:downloadURL": f"{data_url}{name}",
            "dcat:accessURL": f"{data_url}{name}",
            "dcat:mediaType": f"https://www.iana.org/assignments/media-types/{MEDIA_TYPES[suffix]}",
            "dct:license": LICENSE["path"],
        }
        if suffix == ".ics":
            lang = Path(name).stem.rpartition("-")[2]
            distribution["dct:language"] = _eu_language(lang)
        distributions.append(distribution)
    catalog = {
        "@context": DCAT_CONTEXT,
        "@id": f"{data_url}catalog.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": _lang_values(_described("title", dataset.languages), dataset.languages),
        "dct:description": _lang_values(_described("description", dataset.languages), dataset.languages),
        "dct:publisher": publisher,
        "dct:language": languages,
        "dct:license": LICENSE["path"],
        "foaf:homepage": site_url,
        "dct:modified": day,
        "dcat:dataset": {
            "@id": f"{data_url}#dataset",
            "@type": "dcat:Dataset",
            "dct:identifier": PACKAGE_NAME,
            "dct:title": _lang_values(_described("title", dataset.languages), dataset.languages),
            "dct:description": _lang_values(_described("description", dataset.languages), dataset.languages),
            "dct:publisher": {"@id": site_url},
            "dct:language": languages,
            "dct:license": LICENSE["path"],
            "dct:issued": day,
            "dct:modified": day,
            "dcat:version": version,
            "dcat:keyword": KEYWORDS,
            "dcat:landingPage": f"{site_url}about/open-data/",
            "dct:source": [{"@id": source["path"]} for source in dataset.sources],
            "dcat:distribution": distributions,
        },
    }
    return dump_json(catalog)


# -- writing --------------------------------------------------------------------------------


def dataset_files(dataset: Dataset, version: str, site_url: str, created: date | datetime) -> dict[str, str]:
    """{file name: content} of every file of the dataset, catalog.jsonld last."""
    site_url = site_url.rstrip("/") + "/"
    files: dict[str, str] = {"datapackage.json": datapackage_document(dataset, version, site_url, created)}
    for record_type in RECORD_TYPES:
        files[f"{record_type}.csv"] = csv_document(dataset, record_type)
        files[f"{record_type}.jsonld"] = jsonld_document(dataset, record_type)
    files["places.geojson"] = geojson_document(dataset)
    for language in dataset.languages:
        files[f"events-{language}.ics"] = ics_document(dataset, language, created)
    files["catalog.jsonld"] = catalog_document(dataset, sorted(files), version, site_url, created)
    return files


def write_dataset(dataset: Dataset, out_dir: Path | str, version: str, site_url: str, created: date | datetime) -> list[Path]:
    """Writes every file of the dataset into out_dir (created if needed); returns their paths, sorted.

    `site_url` is the site's address (the files are published under `<site_url>data/`);
    `created` is the build date (never the clock), used for `created`, DCAT dates and DTSTAMP.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in sorted(dataset_files(dataset, version, site_url, created).items()):
        path = out / name
        write_atomically(path, text)
        written.append(path)
    return written
