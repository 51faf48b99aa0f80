"""The dataset's model: its record types and columns, a Record, a Dataset."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

DATASET_VERSION = "1.0.0"  # of the dataset's structure (datapackage.json `version`)

RECORD_TYPES = ("places", "events", "organizations", "images", "legal-documents", "procedures")
SCHEMA_DIR = Path(__file__).parent.parent / "schemas" / "records"
IMAGES_DIR = "assets/images"  # inside docs/
CHARTS_DIR = "data/charts"  # inside the site: the charts the build draws from the key figures
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
        ("latitude", "number", "WGS 84 latitude, as read in the coordinates' source"),
        ("longitude", "number", "WGS 84 longitude, as read in the coordinates' source"),
        ("coordinates_source", "string", "URL of the source the coordinates were read in"),
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
        ("file", "string", "File name under /assets/images/ (a photo) or /data/charts/ (a chart the portal draws)"),
        ("url", "string", "Address of the image file"),
        ("alt@", "string", "Text alternative"),
        ("caption@", "string", "Caption"),
        ("creator", "string", "Author"),
        ("credit", "string", "Credit line"),
        ("license", "string", "Licence of the image"),
        ("license_url", "string", "Address of the licence"),
        ("source", "string", "Where the image was obtained"),
    ],
    "legal-documents": [
        ("id", "string", "The document's number as issued (31/2021/NĐ-CP)"),
        ("type", "string", "law, resolution, decree, decision, circular, plan or directive"),
        ("type_name@", "string", "Type of document"),
        ("issuer", "string", "Identifier of the issuing body"),
        ("issuer_name@", "string", "Issuing body"),
        ("signer", "string", "Person who signed it, as printed in the document"),
        ("signed", "date", "Date signed"),
        ("in_force", "date", "Date of entry into force"),
        ("ceased", "date", "Date it ceased (or ceases) to be in force"),
        ("status", "string", "in-force, partly-in-force, not-in-force or not-yet-in-force, on the dataset's date (end dates that have passed decide)"),
        ("status_name@", "string", "Status"),
        ("status_checked", "date", "Date the status was last checked against the official sources"),
        ("subjects", "string", "Subject areas, separated by spaces"),
        ("official_text", "string", "URL of the official Vietnamese text"),
        ("english_text", "string", "URL of an English text, when one exists (no legal force)"),
        ("english_text_by", "string", "Who made the English text"),
        ("amends", "string", "Numbers of the documents it amends, separated by spaces"),
        ("amended_by", "string", "Numbers of the documents amending it"),
        ("replaces", "string", "Numbers of the documents it replaces"),
        ("replaced_by", "string", "Numbers of the documents replacing it"),
        ("implements", "string", "Numbers of the documents it implements (details or guides)"),
        ("implemented_by", "string", "Numbers of the documents implementing it"),
        ("title@", "string", "Title (its official title in Vietnamese; a translation for reference elsewhere)"),
        ("description@", "string", "One-sentence summary written by the portal"),
        ("url@", "string", "Page of the portal summarising it"),
        ("sources", "string", "URLs of the public sources, separated by spaces"),
        ("as_of", "date", "Date the facts are true for"),
    ],
    "procedures": [
        ("id", "string", "Stable identifier: the page's file name"),
        ("code", "string", "Code in the national database of administrative procedures"),
        ("subject", "string", "Subject area"),
        ("authority", "string", "Identifier of the competent body"),
        ("authority_name@", "string", "Competent body"),
        ("submit_to", "string", "Identifier of the body where the file is submitted"),
        ("submit_to_name@", "string", "Where the file is submitted"),
        ("processing_days", "integer", "Time limit in working days"),
        ("fee_vnd", "integer", "Fee in Vietnamese đồng (0: free)"),
        ("legal_basis", "string", "Numbers of the legal documents it rests on, separated by spaces"),
        ("official_url", "string", "Official page of the procedure"),
        ("name@", "string", "Name of the procedure"),
        ("description@", "string", "One-sentence description"),
        ("url@", "string", "Page of the portal describing it"),
        ("sources", "string", "URLs of the public sources, separated by spaces"),
        ("as_of", "date", "Date the facts are true for"),
    ],
}
PRIMARY_KEYS = {kind: ["id"] for kind in RECORD_TYPES}
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
    legal: object = None  # the legal database (legal.model.LegalDatabase) the pages are drawn from

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


