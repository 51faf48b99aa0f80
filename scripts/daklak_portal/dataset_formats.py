"""Writers of the open dataset: Data Package (CSV), JSON-LD, GeoJSON, DCAT catalog, iCalendar.

`write_dataset(dataset, out_dir, version=…, site_url=…, created=…)` writes, into out_dir:

| file | what it holds |
|---|---|
| datapackage.json | Frictionless Data Package v2: metadata and a Table Schema per CSV |
| places.csv, events.csv, organizations.csv, images.csv | one row per record, `name@vi`, `name@en`, `name@km`… columns |
| places.jsonld, events.jsonld, organizations.jsonld, images.jsonld | schema.org in JSON-LD, names as language-tagged values |
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
import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

from .dataset import (
    COUNTRY,
    FOREIGN_KEYS,
    PRIMARY_KEYS,
    PROVINCE,
    RECORD_TYPES,
    Dataset,
    Record,
)
from .files import write_atomically

PACKAGE_NAME = "daklak-open-promotional-data"
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
TITLE = {
    "vi": "Dữ liệu mở quảng bá tỉnh Đắk Lắk",
    "en": "Đắk Lắk open promotional data",
    "km": "ទិន្នន័យបើកចំហសម្រាប់ផ្សព្វផ្សាយខេត្តដាក់ឡាក់",
}
DESCRIPTION = {
    "vi": "Địa điểm du lịch, khu công nghiệp, khu kinh tế, sự kiện, cơ quan và hình ảnh của tỉnh Đắk Lắk, bằng tiếng Việt, tiếng Anh và tiếng Khmer, có nguồn và ngày có giá trị của thông tin.",
    "en": "Tourist attractions, industrial parks, economic zones, events, agencies and images of Đắk Lắk province, in Vietnamese, English and Khmer, each with its sources and the date it is true for.",
    "km": "ទីតាំងទេសចរណ៍ តំបន់ឧស្សាហកម្ម តំបន់សេដ្ឋកិច្ច ព្រឹត្តិការណ៍ ស្ថាប័ន និងរូបភាពនៃខេត្តដាក់ឡាក់ ជាភាសាវៀតណាម អង់គ្លេស និងខ្មែរ ដោយមានប្រភព និងកាលបរិច្ឆេទដែលព័ត៌មាននោះមានសុពលភាព។",
}
PUBLISHER = {
    "vi": "Cổng thông tin đối ngoại tỉnh Đắk Lắk",
    "en": "Đắk Lắk Foreign Information Portal",
    "km": "វិបផតថលព័ត៌មានការបរទេសនៃខេត្តដាក់ឡាក់",
}
COUNTRY_NAME = {"vi": "Việt Nam", "en": "Vietnam", "km": "វៀតណាម"}
CALENDAR_NAME = {
    "vi": "Sự kiện tỉnh Đắk Lắk",
    "en": "Events in Đắk Lắk province",
    "km": "ព្រឹត្តិការណ៍នៅខេត្តដាក់ឡាក់",
}
RESOURCE_TITLE = {
    "places": "Places: tourist attractions, industrial parks and economic zones",
    "events": "Events: editions of recurring events",
    "organizations": "Organizations: provincial agencies and contacts",
    "images": "Images: files, text alternatives, captions, credits and licences",
}
KEYWORDS = ["Đắk Lắk", "Vietnam", "tourism", "investment", "open data"]
# EU Publications Office language authority (DCAT-AP) for dct:language.
EU_LANGUAGES = {"vi": "VIE", "en": "ENG", "km": "KHM"}
MEDIA_TYPES = {
    ".json": "application/json",
    ".csv": "text/csv",
    ".jsonld": "application/ld+json",
    ".geojson": "application/geo+json",
    ".ics": "text/calendar",
}
SCHEMA_TYPES = {"places": None, "events": "Festival", "organizations": "GovernmentOrganization", "images": "ImageObject"}

# One inline JSON-LD context for every file: schema.org terms, dates typed, links as IRIs.
SCHEMA_CONTEXT = {
    "@vocab": "https://schema.org/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "startDate": {"@type": "xsd:date"},
    "endDate": {"@type": "xsd:date"},
    "url": {"@type": "@id"},
    "contentUrl": {"@type": "@id"},
    "license": {"@type": "@id"},
    "subjectOf": {"@type": "@id"},
    "isBasedOn": {"@type": "@id"},
    "eventStatus": {"@type": "@id"},
    "eventAttendanceMode": {"@type": "@id"},
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


def _languages(record: Record) -> tuple[str, ...]:
    """The record's languages in column order (source language first)."""
    seen: list[str] = []
    for column in record.values:
        _, at, lang = column.partition("@")
        if at and lang not in seen:
            seen.append(lang)
    return tuple(seen)


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def script_safe_json(data) -> str:
    """JSON for inside <script>: no `</script>` or HTML-significant characters can appear."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _timestamp(created: date | datetime) -> datetime:
    if isinstance(created, datetime):
        return created.astimezone(timezone.utc) if created.tzinfo else created.replace(tzinfo=timezone.utc)
    return datetime(created.year, created.month, created.day, tzinfo=timezone.utc)


def _text_value(texts: dict[str, str], language: str | None, source: str):
    """Language-tagged values (dataset files), or one plain string in a page's language."""
    if language is None:
        values = [{"@value": text, "@language": lang} for lang, text in texts.items()]
        return values[0] if len(values) == 1 else values or None
    return texts.get(language) or texts.get(source) or None


def _urls(record: Record, languages: tuple[str, ...], language: str | None):
    urls = record.texts("url", languages)
    if language is not None:
        return urls.get(language) or urls.get(languages[0])
    return list(urls.values()) or None


def _clean(node: dict) -> dict:
    return {key: value for key, value in node.items() if value not in (None, [], {}, "")}


def _address(commune: str | None) -> dict:
    return _clean({"@type": "PostalAddress", "addressLocality": commune, "addressRegion": PROVINCE, "addressCountry": COUNTRY})


def _sources(record: Record) -> list[dict] | None:
    urls = (record.values.get("sources") or record.values.get("source") or "").split()
    return [{"@id": url} for url in urls] or None


# -- JSON-LD --------------------------------------------------------------------------------


def jsonld_node(record: Record, language: str | None = None, with_context: bool = True) -> dict:
    """The schema.org node of a record: language-tagged texts, or (with a language) the text of
    that page's language, falling back to the source language for an untranslated page."""
    languages = _languages(record)
    source = languages[0] if languages else "vi"
    texts = lambda name: _text_value(record.texts(name, languages), language, source)  # noqa: E731
    values = record.values
    if record.type == "places":
        node = {
            "@id": record.iri,
            "@type": "TouristAttraction" if values["kind"] == "attraction" else "Place",
            "identifier": record.id,
            "name": texts("name") or record.id,
            "description": texts("description"),
            "address": _address(values.get("commune")),
            "url": _urls(record, languages, language),
            "subjectOf": _sources(record),
        }
        if values.get("latitude") is not None and values.get("longitude") is not None:
            node["geo"] = {"@type": "GeoCoordinates", "latitude": values["latitude"], "longitude": values["longitude"]}
        if values.get("area_ha") is not None:
            node["additionalProperty"] = {"@type": "PropertyValue", "name": "area", "value": values["area_ha"], "unitCode": "HAR", "unitText": "ha"}
    elif record.type == "events":
        location = record.links.get("location") or {}
        location_name = _text_value(location.get("name") or {}, language, source) if location.get("name") else None
        node = {
            "@id": record.iri,
            "@type": "Festival",
            "identifier": record.id,
            "name": texts("name"),
            "description": texts("description"),
            "startDate": values["start"].isoformat(),
            "endDate": values["end"].isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": _clean({
                "@id": location.get("iri"),
                "@type": "Place",
                "name": location_name or values.get("commune") or PROVINCE,
                "address": _address(values.get("commune")),
            }),
            "url": _urls(record, languages, language),
            "subjectOf": _sources(record),
        }
    elif record.type == "organizations":
        node = {
            "@id": record.iri,
            "@type": "GovernmentOrganization",
            "identifier": record.id,
            "name": texts("name"),
            "address": texts("address"),
            "telephone": values.get("phone"),
            "email": values.get("email"),
            "url": values.get("website"),
            "subjectOf": [{"@id": url} for url in ([*record.texts("url", languages).values(), values.get("source")]) if url] or None,
        }
    else:  # images
        node = {
            "@id": record.iri,
            "@type": "ImageObject",
            "identifier": record.id,
            "contentUrl": values.get("url"),
            "description": texts("alt"),
            "caption": texts("caption"),
            "creator": values.get("creator"),
            "creditText": values.get("credit"),
            "copyrightNotice": values.get("credit"),
            "license": values.get("license_url"),
            "isBasedOn": values.get("source"),
        }
    node = _clean(node)
    if language is not None:
        node = {"@context": SCHEMA_CONTEXT, **node} if with_context else node
    return node


def jsonld_document(dataset: Dataset, record_type: str) -> str:
    graph = [jsonld_node(record) for record in dataset.records.get(record_type, [])]
    return _dump({"@context": SCHEMA_CONTEXT, "@graph": graph})


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
        "title": f"{TITLE['vi']} / {TITLE['en']}",
        "description": DESCRIPTION["en"],
        "version": version,
        "created": _timestamp(created).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "homepage": f"{site_url}about/open-data/",
        "languages": list(dataset.languages),
        "keywords": KEYWORDS,
        "licenses": [LICENSE],
        "contributors": [{"title": PUBLISHER["vi"], "path": site_url, "roles": ["publisher"]}],
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
    return _dump(package)


# -- GeoJSON --------------------------------------------------------------------------------


def geojson_document(dataset: Dataset) -> str:
    features = []
    for record in dataset.records.get("places", []):
        latitude, longitude = record.values.get("latitude"), record.values.get("longitude")
        if latitude is None or longitude is None:
            continue
        properties = {name: _cell(value) if isinstance(value, (date, datetime)) else value for name, value in record.values.items() if name not in ("latitude", "longitude") and value is not None}
        features.append({"type": "Feature", "id": record.id, "geometry": {"type": "Point", "coordinates": [longitude, latitude]}, "properties": properties})
    return _dump({"type": "FeatureCollection", "features": features})


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
        _property("NAME", _ics_text(CALENDAR_NAME.get(language, CALENDAR_NAME["en"])), language),
        _property("X-WR-CALNAME", _ics_text(CALENDAR_NAME.get(language, CALENDAR_NAME["en"]))),
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
        country = COUNTRY_NAME.get(language, COUNTRY_NAME["en"])
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
    languages = [{"@id": f"http://publications.europa.eu/resource/authority/language/{EU_LANGUAGES.get(lang, lang.upper())}"} for lang in dataset.languages]
    publisher = {"@id": site_url, "@type": ["foaf:Agent", "foaf:Organization"], "foaf:name": _lang_values(PUBLISHER, dataset.languages), "foaf:homepage": site_url}
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
            distribution["dct:language"] = f"http://publications.europa.eu/resource/authority/language/{EU_LANGUAGES.get(lang, lang.upper())}"
        distributions.append(distribution)
    catalog = {
        "@context": DCAT_CONTEXT,
        "@id": f"{data_url}catalog.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": _lang_values(TITLE, dataset.languages),
        "dct:description": _lang_values(DESCRIPTION, dataset.languages),
        "dct:publisher": publisher,
        "dct:language": languages,
        "dct:license": LICENSE["path"],
        "foaf:homepage": site_url,
        "dct:modified": day,
        "dcat:dataset": {
            "@id": f"{data_url}#dataset",
            "@type": "dcat:Dataset",
            "dct:identifier": PACKAGE_NAME,
            "dct:title": _lang_values(TITLE, dataset.languages),
            "dct:description": _lang_values(DESCRIPTION, dataset.languages),
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
    return _dump(catalog)


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
