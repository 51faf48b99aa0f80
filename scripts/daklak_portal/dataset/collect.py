"""Collecting the records from the pages' front matter, each block checked against its schema."""

from __future__ import annotations

import json
import unicodedata
from datetime import date, datetime
from functools import lru_cache
from pathlib import PurePosixPath

import yaml
from babel import Locale
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from ..config import Settings, language_info
from ..contacts import CONTACTS_PAGE, organizations
from ..content import SourceFile, page_path
from ..errors import Finding, relative
from ..figures import (
    Figures,
    chart_alt,
    chart_figures,
    chart_file,
    chart_title,
    load_figures,
)
from ..images import find_originals, sidecar_path
from ..locator_map import MAP_ID
from ..page_text import heading_texts, line_of_path
from ..translations import load_translations
from .formats import LICENSE
from .legal_records import collect_legal
from .records import (
    CHARTS_DIR,
    IMAGES_DIR,
    RECORD_TYPES,
    SCHEMA_DIR,
    Dataset,
    Record,
    columns,
)

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
                findings.append(Finding.of(shown, line_of_path(text, path), "dataset.unknown-field", field=_dotted(path), allowed=", ".join(sorted(allowed))))
                continue
        findings.append(_schema_finding(shown, line_of_path(text, path), _dotted(path), error))
    return sorted(set(findings))


_SCHEMA_MESSAGES = {"required": "dataset.required", "enum": "dataset.enum", "type": "dataset.type", "format": "dataset.format"}


def _schema_finding(shown: str, line: int, where: str, error) -> Finding:
    """A schema error as a message of the catalogue: jsonschema's own English text is the
    English message; the Vietnamese one is made from the parts of the error."""
    values = {"where": f"{where}: " if where else "", "detail": error.message, "value": repr(error.instance)}
    if error.validator == "required":
        values["name"] = next((name for name in error.validator_value if name not in (error.instance or {})), "")
    elif error.validator == "enum":
        values["allowed"] = ", ".join(map(str, error.validator_value))
    elif error.validator in ("type", "format"):
        values["expected"] = error.validator_value
    return Finding.of(shown, line, _SCHEMA_MESSAGES.get(error.validator, "dataset.invalid"), field=where or None, **values)


def _dotted(path: list) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# -- collecting the records -----------------------------------------------------------------


def _same_text(a: str, b: str) -> bool:
    return unicodedata.normalize("NFC", a).strip().casefold() == unicodedata.normalize("NFC", b).strip().casefold()


class _Collector:
    def __init__(self, settings: Settings, pages: dict[str, dict[str, SourceFile]], image_urls: dict[str, str] | None = None, figures: Figures | None = None):
        self.settings = settings
        self.pages = pages
        self.image_urls = image_urls or {}  # original's name -> published derivative's name
        self.figures = figures if figures is not None else load_figures(settings)[0]  # (its problems: `portal lint`'s)
        self.catalogs: dict = {}
        self.languages = settings.languages
        self.source = settings.source_language
        self.site_url = settings.site_url.rstrip("/") + "/"
        self.findings: list[Finding] = []
        self.records: dict[str, list[Record]] = {kind: [] for kind in RECORD_TYPES}
        self.sources: dict[str, str] = {}

    # helpers ---------------------------------------------------------------------------------

    def gettext(self, language: str):
        """The language's labels (its catalog compiled once per collection)."""
        if language not in self.catalogs:
            self.catalogs[language] = load_translations(language)
        return self.catalogs[language].gettext

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
        self.chart_images()
        legal = collect_legal(self)
        self.check_references()
        self.locate_events()
        for kind in RECORD_TYPES:
            self.records[kind].sort(key=lambda record: record.id)
        sources = [{"title": title, "path": url} for url, title in sorted(self.sources.items())]
        return Dataset(self.languages, self.site_url, self.records, sources, legal)

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
                **self.located(page, ["place", "coordinates"], coordinates),
                "name": self.meta_texts(key, "title"),
                "description": self.meta_texts(key, "description"),
                "url": {lang: self.page_url(key, lang) for lang in self.languages},
                "sources": sources,
                "as_of": _as_date(meta["as_of"]),
            }, key, self.page_url(key, self.source) + "#place")
        for index, zone in enumerate(meta.get("zones") or []):
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
                **self.located(page, ["zones", index, "coordinates"], coordinates),
                "name": self.translated(names),
                "url": {lang: self.page_url(key, lang, zone["id"]) for lang in self.languages},
                "sources": sources,
                "as_of": _as_date(meta["as_of"]),
            }, key, self.page_url(key, self.source) + f"#{zone['id']}")

    def located(self, page: SourceFile, path: list, coordinates: dict) -> dict:
        """The place's coordinates and their source, refused (file:line) when the point lies
        outside the province's bounds: a swapped or mistyped number, or another place."""
        if not coordinates:
            return {}
        latitude, longitude = coordinates["latitude"], coordinates["longitude"]
        bounds = self.figures.locator.bounds if self.figures.locator is not None else None
        if bounds is not None and not bounds.contains(latitude, longitude):
            self.findings.append(Finding.of(self.shown(page), line_of_path(page.text, path), "dataset.outside-province", field=".".join(map(str, path)), latitude=latitude, longitude=longitude, south=bounds.south, north=bounds.north, west=bounds.west, east=bounds.east))
            return {}
        return {"latitude": latitude, "longitude": longitude, "coordinates_source": coordinates["source"]["url"]}

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
                self.findings.append(Finding.of(self.shown(page), line_of_path(page.text, path), "dataset.end-before-start", field=_dotted(path), end=end, start=start))
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
            found = validate_block(data, "images", text, shown) if isinstance(data, dict) else [Finding.of(shown, 1, "dataset.sidecar-not-mapping")]
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

    def chart_images(self) -> None:
        """One image record per chart and language: the SVG the build draws from the key figures
        (figures.py) into data/charts/, the portal's own work under the dataset's licence."""
        figures = self.figures
        creator = self.settings.site_names.get(self.source, "")
        for chart in figures.charts.values():
            members = chart_figures(chart, figures)
            sources = sorted({figure.source["url"] for figure in members})
            for lang in self.languages:
                gettext = self.gettext(lang)
                name = chart_file(chart.id, lang)
                self.add("images", f"chart-{name.removesuffix('.svg')}", {
                    "id": f"chart-{name.removesuffix('.svg')}",
                    "file": name,
                    "url": f"{self.site_url}{CHARTS_DIR}/{name}",
                    "alt": {lang: chart_alt(chart, members, lang, self.source, gettext)},
                    "caption": {lang: chart_title(chart, lang, self.source)},
                    "creator": creator,
                    "credit": creator,
                    "license": LICENSE["name"],
                    "license_url": LICENSE["path"],
                    "source": " ".join(sources),
                }, None, f"{self.site_url}{CHARTS_DIR}/{name}")
        if figures.locator is not None:
            self.map_images(figures.locator, creator)

    def map_images(self, locator, creator: str) -> None:
        """The locator map, one image per language, with its data's licences in the credit."""
        for lang in self.languages:
            name = chart_file(f"{MAP_ID}-map", lang)
            self.add("images", f"map-{MAP_ID}-{lang}", {
                "id": f"map-{MAP_ID}-{lang}",
                "file": name,
                "url": f"{self.site_url}{CHARTS_DIR}/{name}",
                "alt": {lang: locator.text(locator.titles, lang, self.source)},
                "caption": {lang: locator.text(locator.titles, lang, self.source)},
                "creator": creator,
                "credit": f"{creator}; Natural Earth (public domain); GeoNames (CC BY 4.0); coordinates of the places: their cited sources",
                "license": LICENSE["name"],
                "license_url": LICENSE["path"],
                "source": " ".join(["https://www.naturalearthdata.com/", *(town.source["url"] for town in locator.towns), *sorted({record.values["coordinates_source"] for record in self.records["places"] if record.values.get("coordinates_source")})]),
            }, None, f"{self.site_url}{CHARTS_DIR}/{name}")

    def check_references(self) -> None:
        for kind in RECORD_TYPES:
            seen: dict[str, Record] = {}
            for record in self.records[kind]:
                if record.id in seen:
                    self.findings.append(Finding.of(self._shown_key(record.page), None, "dataset.duplicate-id", kind=kind, id=record.id, other=self._shown_key(seen[record.id].page)))
                seen[record.id] = record
        places = {record.id: record for record in self.records["places"]}
        for event in self.records["events"]:
            place = event.values.get("place")
            if place and place not in places:
                self.findings.append(Finding.of(self._shown_key(event.page), None, "dataset.unknown-place", event=event.id, place=place))

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
    """The name of an event's edition in a language, from its language.yml: "… lần thứ 9",
    "…, 9th edition", "… លើកទី៩"."""
    info = language_info(language)
    ordinal = info.ordinals.get(Locale.parse(info.babel_locale).ordinal_form(number), "") if info.ordinals else ""
    return info.edition.format(title=title, number=info.number(number), ordinal=ordinal)


def collect_records(settings: Settings, pages: dict[str, dict[str, SourceFile]], image_urls: dict[str, str] | None = None, figures: Figures | None = None) -> tuple[Dataset, list[Finding]]:
    """The dataset from the loaded pages (content.load_pages), and the problems found, sorted.

    `image_urls` maps an original image's file name to its published derivative (the build
    knows them; without it image records have no URL). `figures` are the key figures the build
    has loaded (read here otherwise), for the charts' image records. A block that fails its
    schema is left out; everything else is still collected.
    """
    collector = _Collector(settings, pages, image_urls, figures)
    dataset = collector.collect()
    return dataset, sorted(set(collector.findings), key=lambda f: (f.path, f.line or 0, f.message_id, f.values))


