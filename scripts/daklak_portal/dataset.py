"""The open promotional dataset: records joined across languages from the pages' front matter.

Language-neutral facts come from the Vietnamese (source) page's front matter, text from each
language's own page: `title` -> `name@<lang>`, `description` -> `description@<lang>`. A text
column is EMPTY when the page is not translated, and also when the "translation" is the very
same text as the Vietnamese (a proper name kept in Latin script, e.g. "Bản Đôn"): the dataset
never repeats the Vietnamese text under another language; readers fall back to `name@vi`.

Record types (one CSV, one JSON-LD file each):

- places: tourism attractions (pages with `place:`) and investment zones (`zones:` entries),
- events: the editions of recurring events (pages with `event:`), e.g. the Coffee Festival,
- organizations: the contacts page's `organizations:`,
- images: one per sidecar `docs/assets/images/*.yml` (none yet: zero records is fine).

Each front-matter block is checked against `schemas/records/<type>.schema.json`; an invalid
block is left out of the dataset and reported as a Finding naming the file, the line of the
offending key and the field (`docs/vi/tourism/lak-lake.md:6: place.category: 'lakes' is not
one of [...]`).

API (the build, the CLI and the tests call these):

    from daklak_portal.config import load_settings
    from daklak_portal.content import load_pages
    from daklak_portal.dataset import collect_records, page_jsonld
    from daklak_portal.dataset_formats import write_dataset

    settings = load_settings(".")
    pages, _ = load_pages(settings)                        # typed front matter (not plain=True)
    dataset, findings = collect_records(settings, pages)   # findings: list[Finding], sorted
    paths = write_dataset(dataset, Path("site/data"), version="2026.11.26",
                          site_url=settings.site_url, created=date(2026, 11, 26))
    script_body = page_jsonld(record, "en")  # for <script type="application/ld+json">

`created` (and the iCalendar DTSTAMP) come from the caller, never from the clock: pass the build
date (`source_date()` reads SOURCE_DATE_EPOCH, which `reproducible.pin_build_date` sets), so two
builds of one commit give byte-identical files. `Dataset.records_for_page(key)` gives the records
a page describes (for its per-page JSON-LD).
"""

from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path, PurePosixPath

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from .config import Settings
from .contacts import CONTACTS_PAGE, organizations
from .content import SourceFile, page_path
from .dates import format_reader_number
from .errors import Finding, relative
from .images import find_originals, sidecar_path
from .page_text import heading_texts, line_of_path

DATASET_VERSION = "1.0.0"  # of the dataset's structure (datapackage.json `version`)

RECORD_TYPES = ("places", "events", "organizations", "images")
SCHEMA_DIR = Path(__file__).parent / "schemas" / "records"
IMAGES_DIR = "assets/images"  # inside docs/
PROVINCE = "Đắk Lắk"
COUNTRY = "VN"

# Columns per record type: (name, Table Schema type, description). A name ending in "@" is a
# translated text column, expanded to one column per language ("name@vi", "name@en", ...).
COLUMNS: dict[str, list[tuple[str, str, str]]] = {
    "places": [
        ("id", "string", "Stable identifier: the page's file name for an attraction, the zone id for a zone"),
        ("kind", "string", "attraction (a tourism page) or zone (an industrial park or economic zone)"),
        ("category", "string", "Attraction category or zone type"),
        ("commune", "string", "Commune or ward (after the 2025 reorganisation)"),
        ("commune_derived", "boolean", "true when the commune was worked out from an older address, not read in a source"),
        ("area_ha", "number", "Area in hectares, as given by the sources"),
        ("phase", "integer", "Development phase the area refers to"),
        ("latitude", "number", "WGS 84 latitude, only when given in the page's front matter"),
        ("longitude", "number", "WGS 84 longitude, only when given in the page's front matter"),
        ("name@", "string", "Name"),
        ("description@", "string", "One-sentence description"),
        ("url@", "string", "Page of the portal describing it"),
        ("sources", "string", "URLs of the public sources, separated by spaces"),
        ("as_of", "date", "Date the facts are true for"),
    ],
    "events": [
        ("id", "string", "Stable identifier: event and edition number"),
        ("event", "string", "Identifier of the recurring event (the page's file name)"),
        ("number", "integer", "Edition number"),
        ("start", "date", "First day"),
        ("end", "date", "Last day (inclusive)"),
        ("place", "string", "id of a record of places.csv, when the event is held there"),
        ("commune", "string", "Commune or ward where it is held, when known"),
        ("name@", "string", "Name of the edition"),
        ("description@", "string", "One-sentence description of the event"),
        ("url@", "string", "Page of the portal describing it"),
        ("sources", "string", "URLs of the public sources, separated by spaces"),
        ("as_of", "date", "Date the facts are true for"),
    ],
    "organizations": [
        ("id", "string", "Stable identifier"),
        ("name@", "string", "Name"),
        ("address@", "string", "Postal address"),
        ("phone", "string", "Telephone number"),
        ("email", "string", "E-mail address"),
        ("website", "string", "Official website"),
        ("url@", "string", "Entry on the portal's contacts page"),
        ("source", "string", "URL where the contact details were read"),
        ("as_of", "date", "Date the facts are true for"),
    ],
    "images": [
        ("id", "string", "Stable identifier: the image file name without extension"),
        ("file", "string", "File name under /assets/images/"),
        ("url", "string", "Address of the image file"),
        ("alt@", "string", "Text alternative"),
        ("caption@", "string", "Caption"),
        ("creator", "string", "Author"),
        ("credit", "string", "Credit line"),
        ("license", "string", "Licence of the image"),
        ("license_url", "string", "Address of the licence"),
        ("source", "string", "Where the image was obtained"),
    ],
}
PRIMARY_KEYS = {"places": ["id"], "events": ["id"], "organizations": ["id"], "images": ["id"]}
FOREIGN_KEYS = {"events": [("place", "places", "id")]}  # (field, resource, field)



# -- the data model -------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    type: str  # one of RECORD_TYPES
    id: str
    values: dict  # column -> value (str, int, float, bool, date) or None; every column present
    page: str | None = None  # key of the source page ("tourism/lak-lake.md"), None for images
    iri: str = ""  # the record's identifier in the JSON-LD files
    links: dict = field(default_factory=dict, compare=False)  # e.g. an event's location: {"iri", "name": {lang: text}}

    def text(self, name: str, language: str) -> str:
        return self.values.get(f"{name}@{language}") or ""

    def texts(self, name: str, languages: tuple[str, ...]) -> dict[str, str]:
        """{language: text} of a translated field, only the languages that have it."""
        return {lang: self.text(name, lang) for lang in languages if self.text(name, lang)}


@dataclass
class Dataset:
    languages: tuple[str, ...]  # source language first
    site_url: str  # ends with "/"
    records: dict[str, list[Record]] = field(default_factory=dict)  # type -> records sorted by id
    sources: list[dict] = field(default_factory=list)  # {"title", "path"} of every page source, by path

    def records_for_page(self, key: str) -> list[Record]:
        return [record for kind in RECORD_TYPES for record in self.records.get(kind, []) if record.page == key]

    def columns(self, record_type: str) -> list[tuple[str, str, str]]:
        return columns(record_type, self.languages)

    def count(self) -> dict[str, int]:
        return {kind: len(self.records.get(kind, [])) for kind in RECORD_TYPES}


def columns(record_type: str, languages: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """The CSV columns of a record type, translated columns expanded per language."""
    result = []
    for name, kind, description in COLUMNS[record_type]:
        if name.endswith("@"):
            result += [(f"{name}{lang}", kind, f"{description} ({lang})") for lang in languages]
        else:
            result.append((name, kind, description))
    return result


def source_date(default: int = 0) -> datetime:
    """The build date, from SOURCE_DATE_EPOCH (UTC), for `created` and DTSTAMP."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return datetime.fromtimestamp(int(value) if value.isdigit() else default, tz=timezone.utc)


# -- front-matter validation ----------------------------------------------------------------


@lru_cache(maxsize=None)
def _validators() -> dict[str, Draft202012Validator]:
    schemas = {kind: json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8")) for kind in RECORD_TYPES}
    registry = Registry().with_resources((schema["$id"], DRAFT202012.create_resource(schema)) for schema in schemas.values())
    return {
        kind: Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)
        for kind, schema in schemas.items()
    }


def _jsonable(value):
    """YAML values as JSON Schema sees them: dates become ISO text."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    return value


def validate_block(data: dict, record_type: str, text: str, shown: str) -> list[Finding]:
    """Findings for a front matter (or sidecar) mapping checked against a record schema.

    `text` is the whole file (front matter between `---` lines, or a bare YAML sidecar), used
    to find the line of the offending key; `shown` is the path printed in the finding.
    """
    findings = []
    for error in _validators()[record_type].iter_errors(_jsonable(data)):
        path = list(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = set(error.schema.get("properties", {}))
            extra = sorted(key for key in error.instance if key not in allowed)
            if extra:
                path.append(extra[0])
                findings.append(Finding(shown, line_of_path(text, path), f"{_dotted(path)}: unknown field (allowed: {', '.join(sorted(allowed))})"))
                continue
        where = _dotted(path)
        findings.append(Finding(shown, line_of_path(text, path), f"{where}: {error.message}" if where else error.message))
    return sorted(set(findings))


def _dotted(path: list) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# -- collecting the records -----------------------------------------------------------------


def _same_text(a: str, b: str) -> bool:
    return unicodedata.normalize("NFC", a).strip().casefold() == unicodedata.normalize("NFC", b).strip().casefold()


class _Collector:
    def __init__(self, settings: Settings, pages: dict[str, dict[str, SourceFile]], image_urls: dict[str, str] | None = None):
        self.settings = settings
        self.pages = pages
        self.image_urls = image_urls or {}  # original's name -> published derivative's name
        self.languages = settings.languages
        self.source = settings.source_language
        self.site_url = settings.site_url.rstrip("/") + "/"
        self.findings: list[Finding] = []
        self.records: dict[str, list[Record]] = {kind: [] for kind in RECORD_TYPES}
        self.sources: dict[str, str] = {}

    # helpers ---------------------------------------------------------------------------------

    def shown(self, page: SourceFile) -> str:
        return relative(page.path, self.settings.root)

    def absolute(self, url: str) -> str:
        return self.site_url + url.lstrip("/") if url.startswith("/") else url

    def page_url(self, key: str, language: str, anchor: str = "") -> str:
        """The page's URL in a language, or "" when the page is not translated into it."""
        page = self.pages.get(language, {}).get(key)
        if page is None:
            return ""
        if anchor and anchor not in heading_texts(page.body):
            anchor = ""
        return self.site_url + page_path(key, language, self.source) + (f"#{anchor}" if anchor else "")

    def translated(self, values: dict[str, str]) -> dict[str, str]:
        """{language: text}, emptied where a translation only repeats the source text."""
        source_text = values.get(self.source, "")
        return {
            lang: ("" if lang != self.source and source_text and _same_text(values.get(lang, ""), source_text) else values.get(lang, ""))
            for lang in self.languages
        }

    def meta_texts(self, key: str, name: str) -> dict[str, str]:
        values = {}
        for lang in self.languages:
            page = self.pages.get(lang, {}).get(key)
            values[lang] = str(page.meta.get(name) or "").strip() if page is not None else ""
        return self.translated(values)

    def page_sources(self, page: SourceFile) -> str:
        urls = []
        for source in page.meta.get("sources") or []:
            if isinstance(source, dict) and source.get("url"):
                url = self.absolute(str(source["url"]))
                urls.append(url)
                self.sources.setdefault(url, str(source.get("title") or url))
        return " ".join(urls)

    def valid(self, page: SourceFile, record_type: str) -> bool:
        found = validate_block(page.meta, record_type, page.text, self.shown(page))
        self.findings += found
        return not found

    def add(self, record_type: str, record_id: str, values: dict, page: str | None, iri: str, links: dict | None = None) -> None:
        row = {name: None for name, _, _ in columns(record_type, self.languages)}
        for name, value in values.items():
            if isinstance(value, dict):  # a translated field: {language: text}
                for lang, text in value.items():
                    row[f"{name}@{lang}"] = text or None
            else:
                row[name] = value if value != "" else None
        self.records[record_type].append(Record(record_type, record_id, row, page, iri, links or {}))

    # record types ----------------------------------------------------------------------------

    def collect(self) -> Dataset:
        for key, page in sorted(self.pages.get(self.source, {}).items()):
            if "place" in page.meta or "zones" in page.meta:
                if self.valid(page, "places"):
                    self.places(key, page)
            if "event" in page.meta:
                if self.valid(page, "events"):
                    self.events(key, page)
        contacts = self.pages.get(self.source, {}).get(CONTACTS_PAGE)
        if contacts is not None and "organizations" in contacts.meta and self.valid(contacts, "organizations"):
            self.organizations(contacts)
        self.images()
        self.check_references()
        self.locate_events()
        for kind in RECORD_TYPES:
            self.records[kind].sort(key=lambda record: record.id)
        sources = [{"title": title, "path": url} for url, title in sorted(self.sources.items())]
        return Dataset(self.languages, self.site_url, self.records, sources)

    def places(self, key: str, page: SourceFile) -> None:
        meta = page.meta
        sources = self.page_sources(page)
        place = meta.get("place")
        if place:
            coordinates = place.get("coordinates") or {}
            slug = PurePosixPath(key).stem
            self.add("places", slug, {
                "id": slug,
                "kind": "attraction",
                "category": place["category"],
                "commune": place["commune"],
                "commune_derived": place["commune_derived"],
                "latitude": coordinates.get("latitude"),
                "longitude": coordinates.get("longitude"),
                "name": self.meta_texts(key, "title"),
                "description": self.meta_texts(key, "description"),
                "url": {lang: self.page_url(key, lang) for lang in self.languages},
                "sources": sources,
                "as_of": _as_date(meta["as_of"]),
            }, key, self.page_url(key, self.source) + "#place")
        for zone in meta.get("zones") or []:
            coordinates = zone.get("coordinates") or {}
            names = {}
            for lang in self.languages:
                translation = self.pages.get(lang, {}).get(key)
                names[lang] = heading_texts(translation.body).get(zone["id"], "") if translation is not None else ""
            self.add("places", zone["id"], {
                "id": zone["id"],
                "kind": "zone",
                "category": zone["type"],
                "commune": zone.get("commune"),
                "area_ha": zone.get("area_ha"),
                "phase": zone.get("phase"),
                "latitude": coordinates.get("latitude"),
                "longitude": coordinates.get("longitude"),
                "name": self.translated(names),
                "url": {lang: self.page_url(key, lang, zone["id"]) for lang in self.languages},
                "sources": sources,
                "as_of": _as_date(meta["as_of"]),
            }, key, self.page_url(key, self.source) + f"#{zone['id']}")

    def events(self, key: str, page: SourceFile) -> None:
        meta = page.meta
        event = meta["event"]
        series = PurePosixPath(key).stem
        sources = self.page_sources(page)
        titles = self.meta_texts(key, "title")
        for edition in event["editions"]:
            number = edition["number"]
            start, end = _as_date(edition["start"]), _as_date(edition["end"])
            if end < start:
                index = event["editions"].index(edition)
                path = ["event", "editions", index, "end"]
                self.findings.append(Finding(self.shown(page), line_of_path(page.text, path), f"{_dotted(path)}: {end} is before the start, {start}"))
                continue
            self.add("events", f"{series}-{number}", {
                "id": f"{series}-{number}",
                "event": series,
                "number": number,
                "start": start,
                "end": end,
                "place": edition.get("place") or event.get("place"),
                "commune": edition.get("commune") or event.get("commune"),
                "name": self.translated({lang: edition_name(titles[lang], number, lang) if titles[lang] else "" for lang in self.languages}),
                "description": self.meta_texts(key, "description"),
                "url": {lang: self.page_url(key, lang) for lang in self.languages},
                "sources": sources,
                "as_of": _as_date(meta["as_of"]),
            }, key, self.page_url(key, self.source) + f"#edition-{number}")

    def organizations(self, page: SourceFile) -> None:
        self.page_sources(page)
        by_language = {lang: organizations(self.pages, self.source, lang) for lang in self.languages}
        for org in page.meta["organizations"]:
            texts = {}
            for name in ("name", "address"):
                values = {}
                for lang in self.languages:
                    merged = by_language[lang].get(org["id"], {})
                    values[lang] = str(merged.get(name) or "").strip() if merged.get("languages", {}).get(name) == lang else ""
                texts[name] = self.translated(values)
            self.add("organizations", org["id"], {
                "id": org["id"],
                **texts,
                "phone": org.get("phone"),
                "email": org.get("email"),
                "website": org.get("website"),
                "url": {lang: self.page_url(CONTACTS_PAGE, lang, org["id"]) for lang in self.languages},
                "source": self.absolute(str(org["source"])),
                "as_of": _as_date(page.meta["as_of"]),
            }, CONTACTS_PAGE, self.page_url(CONTACTS_PAGE, self.source) + f"#{org['id']}")

    def images(self) -> None:
        """One record per original image with a sidecar; `file` is the original's name and
        `url` the published derivative (the originals themselves are never published)."""
        folder = self.settings.docs_dir / IMAGES_DIR
        for original in find_originals(folder) if folder.is_dir() else []:
            sidecar = sidecar_path(original)
            shown = relative(sidecar, self.settings.root)
            try:
                text = sidecar.read_text(encoding="utf-8")
                data = yaml.safe_load(text)
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                continue  # reported by `portal lint` (images.check_sidecar)
            found = validate_block(data, "images", text, shown) if isinstance(data, dict) else [Finding(shown, 1, "the sidecar must be `key: value` lines")]
            self.findings += found
            if found:
                continue
            published = self.image_urls.get(original.name)
            url = f"{self.site_url}{IMAGES_DIR}/{published}" if published else ""
            self.add("images", original.stem, {
                "id": original.stem,
                "file": original.name,
                "url": url,
                "alt": self.translated({lang: (data.get("alt") or {}).get(lang, "") for lang in self.languages}),
                "caption": self.translated({lang: (data.get("caption") or {}).get(lang, "") for lang in self.languages}),
                "creator": data.get("creator"),
                "credit": data.get("credit"),
                "license": data.get("license"),
                "license_url": data.get("license_url"),
                "source": self.absolute(str(data["source"])) if str(data["source"]).startswith(("http", "/")) else str(data["source"]),
            }, None, url)

    def check_references(self) -> None:
        for kind in RECORD_TYPES:
            seen: dict[str, Record] = {}
            for record in self.records[kind]:
                if record.id in seen:
                    self.findings.append(Finding(self._shown_key(record.page), None, f"{kind}: the id {record.id!r} is used twice (also in {self._shown_key(seen[record.id].page)})"))
                seen[record.id] = record
        places = {record.id: record for record in self.records["places"]}
        for event in self.records["events"]:
            place = event.values.get("place")
            if place and place not in places:
                self.findings.append(Finding(self._shown_key(event.page), None, f"event {event.id}: place {place!r} is not the id of any place record"))

    def locate_events(self) -> None:
        """An event held at a place record takes that place's commune and name as its location."""
        places = {record.id: record for record in self.records["places"]}
        for event in self.records["events"]:
            place = places.get(event.values.get("place") or "")
            if place is None:
                continue
            if not event.values.get("commune"):
                event.values["commune"] = place.values.get("commune")
            event.links["location"] = {"iri": place.iri, "name": place.texts("name", self.languages)}

    def _shown_key(self, key: str | None) -> str:
        page = self.pages.get(self.source, {}).get(key or "")
        return self.shown(page) if page is not None else str(key)


def _as_date(value) -> date:
    """A front-matter date (YAML gives a date; a quoted one is ISO text, checked by the schema)."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def edition_name(title: str, number: int, language: str) -> str:
    """The name of an event's edition in a language: "… lần thứ 9", "…, 9th edition", "… លើកទី៩"."""
    if language == "vi":
        return f"{title} lần thứ {number}"
    if language == "en":
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{title}, {number}{suffix} edition"
    if language == "km":
        return f"{title} លើកទី{format_reader_number(number, 'km')}"
    return f"{title} ({number})"


def collect_records(settings: Settings, pages: dict[str, dict[str, SourceFile]], image_urls: dict[str, str] | None = None) -> tuple[Dataset, list[Finding]]:
    """The dataset from the loaded pages (content.load_pages), and the problems found, sorted.

    `image_urls` maps an original image's file name to its published derivative (the build
    knows them; without it image records have no URL). A block that fails its schema is left
    out; everything else is still collected.
    """
    collector = _Collector(settings, pages, image_urls)
    dataset = collector.collect()
    return dataset, sorted(set(collector.findings), key=lambda f: (f.path, f.line or 0, f.message))


# -- per-page JSON-LD -----------------------------------------------------------------------


def page_jsonld(record: Record, language: str) -> str:
    """The body of a page's <script type="application/ld+json"> for a record, in a language.

    Text in the page's language; on a page not translated into it (the site then shows the
    Vietnamese page), the Vietnamese text. Safe inside <script>: `<`, `>` and `&` are escaped.
    """
    from .dataset_formats import (  # the writers own the mapping
        jsonld_node,
        script_safe_json,
    )

    return script_safe_json(jsonld_node(record, language=language))
