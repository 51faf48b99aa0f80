"""The open promotional dataset: records from the real content, every output format checked by an
independent reader (frictionless, rdflib, geojson, icalendar), bad front matter reported with
file, line and field, and byte-identical output."""

from __future__ import annotations

import csv
import json
import socket
from datetime import date, timedelta
from pathlib import Path

import frictionless
import geojson
import icalendar
import pytest
import rdflib
from jsonschema import Draft202012Validator

from conftest import BASIC_PAGES, PROJECT, make_site
from daklak_portal.config import load_settings
from daklak_portal.content import load_pages
from daklak_portal.dataset import (
    RECORD_TYPES,
    SCHEMA_DIR,
    collect_records,
    page_jsonld,
    write_dataset,
)

SETTINGS = load_settings(PROJECT)
PAGES, _ = load_pages(SETTINGS)
DATASET, FINDINGS = collect_records(SETTINGS, PAGES)
CREATED = date(2026, 11, 26)
VERSION = "2026.11.26"
SCHEMA = rdflib.Namespace("https://schema.org/")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
TEXT_FIELDS = ("name", "description", "address", "alt", "caption")


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Everything here works offline: a reader that tried to fetch a context or profile fails."""

    def refuse(*args, **kwargs):
        raise OSError("network access attempted during a dataset test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("data")
    write_dataset(DATASET, folder, version=VERSION, site_url=SETTINGS.site_url, created=CREATED)
    return folder


def fixture_dataset(tmp_path, pages: dict[str, str], extra_files: dict[str, bytes | str] | None = None):
    base = {name: text for name, text in BASIC_PAGES.items() if "contacts" not in name}  # its organisations cite no source
    root = make_site(tmp_path / "src", {**base, **pages})
    for name, content in (extra_files or {}).items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
    settings = load_settings(root)
    pages_loaded, problems = load_pages(settings)
    assert problems == []
    return settings, collect_records(settings, pages_loaded)


def ids(record_type: str) -> set[str]:
    return {record.id for record in DATASET.records[record_type]}


# -- the records from the real content --------------------------------------------------------


def test_real_content_gives_records_without_findings():
    assert FINDINGS == [], "\n".join(map(str, FINDINGS))
    source = PAGES["vi"]
    attractions = {Path(key).stem for key, page in source.items() if "place" in page.meta}
    zones = {zone["id"] for page in source.values() for zone in page.meta.get("zones") or []}
    assert attractions and zones
    assert ids("places") == attractions | zones
    editions = {f"{Path(key).stem}-{e['number']}" for key, page in source.items() if "event" in page.meta for e in page.meta["event"]["editions"]}
    assert ids("events") == editions and "coffee-festival-9" in editions
    assert ids("organizations") == {org["id"] for org in source["about/contacts.md"].meta["organizations"]}
    images = {Path(path).stem for path in (SETTINGS.docs_dir / "assets/images").glob("*.yml")}
    charts = {f"chart-{chart}-{lang}" for chart in ("commune-level-units", "ethnic-groups") for lang in ("vi", "en", "km")}
    maps = {f"map-locator-{lang}" for lang in ("vi", "en", "km")}
    assert ids("images") == images | charts | maps  # a record per photo's sidecar and per chart or map the build draws


def test_facts_come_from_the_vietnamese_front_matter_and_text_from_each_language():
    lake = next(r for r in DATASET.records["places"] if r.id == "lak-lake")
    assert lake.values["category"] == "lake" and lake.values["commune"] == "Liên Sơn Lắk" and lake.values["commune_derived"] is True
    assert lake.values["name@vi"] == "Hồ Lắk" and lake.values["name@en"] == "Lắk Lake"
    assert lake.values["name@km"] == "បឹង Lắk" and lake.values["url@km"] == SETTINGS.site_url + "km/tourism/lak-lake/"
    falls = next(r for r in DATASET.records["places"] if r.id == "dray-nur-falls")
    assert falls.values["name@km"] == "ទឹកធ្លាក់ Dray Nur" and falls.values["url@km"] == SETTINGS.site_url + "km/tourism/dray-nur-falls/"
    assert lake.values["url@en"] == SETTINGS.site_url + "en/tourism/lak-lake/"
    assert lake.values["latitude"] == 12.42167 and lake.values["coordinates_source"] == "https://vi.wikipedia.org/wiki/Hồ_Lắk" and lake.values["as_of"] == date(2025, 7, 1)
    assert "https://moitruongdulich.vn/index.php/item/22266" in lake.values["sources"].split()
    park = next(r for r in DATASET.records["places"] if r.id == "yok-don-national-park")
    assert park.values["name@km"] == "ឧទ្យានជាតិ Yok Đôn"
    zone = next(r for r in DATASET.records["places"] if r.id == "phu-xuan-industrial-park")
    assert zone.values["kind"] == "zone" and zone.values["area_ha"] == 313
    assert zone.values["name@vi"] == "Khu công nghiệp Phú Xuân" and zone.values["name@en"] == "Phú Xuân Industrial Park"
    office = next(r for r in DATASET.records["organizations"] if r.id == "provincial-peoples-committee-office")
    assert office.values["name@km"] == "ការិយាល័យគណៈកម្មាធិការប្រជាជនខេត្តដាក់ឡាក់" and office.values["website"] == "https://daklak.gov.vn"


def test_no_translated_column_repeats_the_vietnamese_text():
    repeated = []
    for record_type, records in DATASET.records.items():
        for record in records:
            for name in TEXT_FIELDS:
                vi = record.values.get(f"{name}@vi")
                for lang in ("en", "km"):
                    value = record.values.get(f"{name}@{lang}")
                    if value and value == vi:
                        repeated.append(f"{record_type}/{record.id}: {name}@{lang} = {value!r}")
    assert not repeated, "\n".join(repeated)


def test_a_translation_identical_to_the_source_is_left_empty(tmp_path):
    pages = {
        "vi/tourism/ban-don.md": "---\ntitle: Bản Đôn\ndescription: Vùng đất bên sông.\nas_of: 2025-07-01\nplace:\n  category: village\n  commune: Buôn Đôn\n  commune_derived: true\nsources:\n  - title: T\n    url: https://example.org/a\n---\nX.\n",
        "en/tourism/ban-don.md": "---\ntitle: Bản Đôn\ndescription: A riverside area.\n---\nX.\n",
    }
    _, (dataset, findings) = fixture_dataset(tmp_path, pages)
    assert findings == []
    (record,) = dataset.records["places"]
    assert record.values["name@vi"] == "Bản Đôn" and record.values["name@en"] is None
    assert record.values["description@en"] == "A riverside area." and record.values["url@en"].endswith("/en/tourism/ban-don/")
    assert record.values["name@km"] is None and record.values["url@km"] is None  # not translated into Khmer


# -- Data Package -----------------------------------------------------------------------------


def test_datapackage_is_valid_for_frictionless(out):
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.stats["errors"] == 0


def test_datapackage_metadata_and_table_schemas(out):
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert package["languages"] == ["vi", "en", "km"]
    assert package["version"] == VERSION and package["created"] == "2026-11-26T00:00:00Z"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["sources"] and all(source["path"].startswith("http") for source in package["sources"])
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert sorted(resources) == sorted(RECORD_TYPES)
    for name, resource in resources.items():
        fields = {field["name"]: field for field in resource["schema"]["fields"]}
        assert resource["path"] == f"{name}.csv" and resource["schema"]["primaryKey"] == ["id"]
        translated = [field for field in fields if "@" in field]
        assert translated and all(fields[field]["type"] == "string" for field in translated)
        assert {f"{base}@{lang}" for base in {f.partition('@')[0] for f in translated} for lang in ("vi", "en", "km")} == set(translated)
        header = (out / resource["path"]).read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header == list(fields)
    assert {"name@vi", "name@en", "name@km"} <= {field["name"] for field in resources["places"]["schema"]["fields"]}
    assert resources["events"]["schema"]["foreignKeys"] == [{"fields": ["place"], "reference": {"resource": "places", "fields": ["id"]}}]


def test_frictionless_catches_a_broken_foreign_key(out, tmp_path):
    """The validation above can fail: an event pointing at no place is an error."""
    broken = tmp_path / "broken"
    broken.mkdir()
    for path in out.iterdir():
        (broken / path.name).write_bytes(path.read_bytes())
    with (broken / "events.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index("place")] = "no-such-place"
    with (broken / "events.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    report = frictionless.validate(str(broken / "datapackage.json"))
    assert not report.valid and "foreign-key" in {row[0] for row in report.flatten(["type"])}


# -- JSON-LD ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name, expected", [
    ("places.jsonld", {SCHEMA.TouristAttraction, SCHEMA.Place}),
    ("events.jsonld", {SCHEMA.Festival}),
    ("organizations.jsonld", {SCHEMA.GovernmentOrganization}),
    ("images.jsonld", set()),
    ("catalog.jsonld", {DCAT.Catalog, DCAT.Dataset, DCAT.Distribution}),
])
def test_jsonld_files_parse_as_rdf_offline(out, name, expected):
    document = json.loads((out / name).read_text(encoding="utf-8"))
    assert isinstance(document["@context"], dict), "the context must be inline"
    graph = rdflib.Graph().parse(out / name, format="json-ld")
    assert expected <= set(graph.objects(None, rdflib.RDF.type))
    if name != "images.jsonld":
        assert len(graph) > 0


def test_jsonld_names_are_language_tagged(out):
    graph = rdflib.Graph().parse(out / "places.jsonld", format="json-ld")
    lake = rdflib.URIRef(SETTINGS.site_url + "tourism/lak-lake/#place")
    names = {(str(o), o.language) for o in graph.objects(lake, SCHEMA.name)}
    assert names == {("Hồ Lắk", "vi"), ("Lắk Lake", "en"), ("បឹង Lắk", "km")}


def test_events_have_what_google_requires(out):
    graph = rdflib.Graph().parse(out / "events.jsonld", format="json-ld")
    festivals = list(graph.subjects(rdflib.RDF.type, SCHEMA.Festival))
    assert len(festivals) == len(DATASET.records["events"]) >= 2
    for festival in festivals:
        assert graph.value(festival, SCHEMA.name) is not None
        start = graph.value(festival, SCHEMA.startDate)
        assert start is not None and start.datatype == rdflib.XSD.date
        location = graph.value(festival, SCHEMA.location)
        assert graph.value(location, SCHEMA.name) is not None and graph.value(location, SCHEMA.address) is not None


def test_catalog_has_a_distribution_per_file(out):
    graph = rdflib.Graph().parse(out / "catalog.jsonld", format="json-ld")
    files = sorted(path.name for path in out.iterdir() if path.name != "catalog.jsonld")
    downloads = {}
    for distribution in graph.subjects(rdflib.RDF.type, DCAT.Distribution):
        url = str(graph.value(distribution, DCAT.downloadURL))
        assert graph.value(distribution, DCAT.mediaType) is not None
        assert str(graph.value(distribution, rdflib.DCTERMS.license)) == "https://creativecommons.org/licenses/by/4.0/"
        downloads[url.rsplit("/", 1)[1]] = str(graph.value(distribution, DCAT.mediaType))
    assert sorted(downloads) == files
    assert downloads["places.csv"].endswith("text/csv") and downloads["events-km.ics"].endswith("text/calendar")
    (dataset,) = graph.subjects(rdflib.RDF.type, DCAT.Dataset)
    assert len(list(graph.objects(dataset, rdflib.DCTERMS.language))) == 3
    assert graph.value(dataset, rdflib.DCTERMS.publisher) is not None


def test_page_jsonld_is_in_the_pages_language_and_safe_in_a_script():
    festival = next(r for r in DATASET.records["events"] if r.id == "coffee-festival-9")
    english = json.loads(page_jsonld(festival, "en"))
    assert english["@type"] == "Festival" and english["name"] == "Buôn Ma Thuột Coffee Festival, 9th edition"
    assert english["startDate"] == "2025-03-09" and english["endDate"] == "2025-03-13"
    assert english["location"]["name"] and english["location"]["address"]["addressCountry"] == "VN"
    assert english["url"].endswith("/en/tourism/coffee-festival/")
    khmer = json.loads(page_jsonld(festival, "km"))
    assert khmer["name"] == "មហោស្រពកាហ្វេ Buôn Ma Thuột លើកទី៩"
    untranslated = type(festival)(festival.type, festival.id, {**festival.values, "name@km": None}, festival.page, festival.iri, festival.links)
    assert json.loads(page_jsonld(untranslated, "km"))["name"] == "Lễ hội Cà phê Buôn Ma Thuột lần thứ 9"  # the page shows the Vietnamese
    graph = rdflib.Graph().parse(data=page_jsonld(festival, "en"), format="json-ld")
    assert (None, rdflib.RDF.type, SCHEMA.Festival) in graph
    hostile = type(festival)("places", "x", {"id": "x", "kind": "attraction", "name@vi": "</script><b>", "name@en": None}, None, "https://e.org/#x")
    assert "</script>" not in page_jsonld(hostile, "vi") and json.loads(page_jsonld(hostile, "vi"))["name"] == "</script><b>"


# -- GeoJSON and iCalendar ----------------------------------------------------------------------


def test_geojson_is_valid_even_when_empty(tmp_path):
    # A place without coordinates: in the CSV and JSON-LD, not on the map.
    page = ("---\ntitle: Hồ Lắk\ndescription: Hồ.\nas_of: 2025-07-01\nplace:\n  category: lake\n  commune: Liên Sơn Lắk\n"
            "  commune_derived: true\nsources:\n  - title: T\n    url: https://example.org/a\n---\nX.\n")
    settings, (dataset, findings) = fixture_dataset(tmp_path, {"vi/tourism/lak-lake.md": page})
    assert findings == [] and [record.id for record in dataset.records["places"]] == ["lak-lake"]
    write_dataset(dataset, tmp_path / "data", version="1", site_url=settings.site_url, created=CREATED)
    collection = geojson.loads((tmp_path / "data" / "places.geojson").read_text(encoding="utf-8"))
    assert collection.is_valid and collection["type"] == "FeatureCollection" and collection["features"] == []


def test_geojson_of_the_real_content_has_every_place_with_coordinates(out):
    collection = geojson.loads((out / "places.geojson").read_text(encoding="utf-8"))
    assert collection.is_valid
    with_coordinates = {r.id for r in DATASET.records["places"] if r.values["latitude"] is not None}
    assert {feature["properties"]["id"] for feature in collection["features"]} == with_coordinates


def test_geojson_has_places_with_coordinates(tmp_path):
    page = ("---\ntitle: Hồ Lắk\ndescription: Hồ.\nas_of: 2025-07-01\nplace:\n  category: lake\n  commune: Liên Sơn Lắk\n"
            "  commune_derived: true\n  coordinates:\n    latitude: 12.4\n    longitude: 108.18\n    source: {title: OpenStreetMap, url: https://www.openstreetmap.org/}\nsources:\n  - title: T\n    url: https://example.org/a\n---\nX.\n")
    settings, (dataset, findings) = fixture_dataset(tmp_path, {"vi/tourism/lak-lake.md": page})
    assert findings == []
    write_dataset(dataset, tmp_path / "data", version="1", site_url=settings.site_url, created=CREATED)
    collection = geojson.loads((tmp_path / "data" / "places.geojson").read_text(encoding="utf-8"))
    assert collection.is_valid
    (feature,) = collection["features"]
    assert feature["geometry"]["coordinates"] == [108.18, 12.4] and feature["properties"]["name@vi"] == "Hồ Lắk"
    graph = rdflib.Graph().parse(tmp_path / "data" / "places.jsonld", format="json-ld")
    assert (None, SCHEMA.latitude, rdflib.Literal(12.4)) in graph


@pytest.mark.parametrize("language", ["vi", "en", "km"])
def test_ics_feeds_have_every_edition(out, language):
    raw = (out / f"events-{language}.ics").read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines must be folded at 75 octets"
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    festival = PAGES["vi"]["tourism/coffee-festival.md"].meta["event"]
    expected = {f"coffee-festival-{e['number']}": (e["start"], e["end"]) for e in festival["editions"]}
    events = {}
    for event in calendar.walk("VEVENT"):
        uid = str(event["UID"]).split("@")[0]
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        assert type(start) is date and type(end) is date, "all-day events"
        events[uid] = (start, end - timedelta(days=1))  # DTEND is exclusive
        assert event["DTSTAMP"].dt.date() == CREATED
        summary_language = event["SUMMARY"].params["LANGUAGE"]
        record = next(r for r in DATASET.records["events"] if r.id == uid)
        assert str(event["SUMMARY"]) == record.values[f"name@{summary_language}"]
        assert summary_language == (language if record.values[f"name@{language}"] else "vi")
    assert events == expected


def test_ics_folds_long_lines_without_breaking_characters(out):
    text = (out / "events-vi.ics").read_bytes().decode("utf-8")  # a split character would not decode
    unfolded = text.replace("\r\n ", "")
    assert "DESCRIPTION;LANGUAGE=vi:Lễ hội tôn vinh cà phê Buôn Ma Thuột\\, tổ chức lần đầu năm 2005" in unfolded


# -- bad front matter -------------------------------------------------------------------------


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)


BROKEN_LAKE = """---
title: Hồ Lắk
description: Hồ nước ngọt.
as_of: 2025-07-01
place:
  commune: "Liên Sơn Lắk"
  commune_derived: true
  category: lakes
sources:
  - title: T
    url: https://example.org/a
---
Hồ.
"""
BROKEN_ZONES = """---
title: Khu công nghiệp
as_of: 2026-01-20
zones:
  - id: hoa-phu-industrial-park
    type: industrial-park
  - id: phu-xuan-industrial-park
    type: industrial-park
    area_ha: lots
    colour: blue
sources:
  - title: T
    url: https://example.org/a
---
## Khu công nghiệp Hòa Phú {#hoa-phu-industrial-park}
"""
BROKEN_FESTIVAL = """---
title: Lễ hội
as_of: 2025-03-14
event:
  editions:
    - number: 9
      start: 2025-03-09
      end: 2025-03-01
    - number: 10
      start: 2027-03-09
      end: 2027-03-12
      place: no-such-place
sources:
  - title: T
    url: https://example.org/a
---
Lễ hội.
"""


def test_invalid_front_matter_gives_a_finding_with_file_line_and_field(tmp_path):
    _, (dataset, findings) = fixture_dataset(tmp_path, {
        "vi/tourism/lak-lake.md": BROKEN_LAKE,
        "vi/investment/industrial-parks.md": BROKEN_ZONES,
        "vi/tourism/coffee-festival.md": BROKEN_FESTIVAL,
    })
    shown = [str(finding) for finding in findings]
    lake = f"docs/vi/tourism/lak-lake.md:{line_of(BROKEN_LAKE, 'category: lakes')}: place.category: 'lakes' is not one of ["
    assert any(line.startswith(lake) for line in shown), shown
    zones = "docs/vi/investment/industrial-parks.md"
    assert f"{zones}:{line_of(BROKEN_ZONES, 'area_ha: lots')}: zones[1].area_ha: 'lots' is not of type 'number'" in shown
    assert any(line.startswith(f"{zones}:{line_of(BROKEN_ZONES, 'colour: blue')}: zones[1].colour: unknown field") for line in shown), shown
    festival = "docs/vi/tourism/coffee-festival.md"
    assert f"{festival}:{line_of(BROKEN_FESTIVAL, 'end: 2025-03-01')}: event.editions[0].end: 2025-03-01 is before the start, 2025-03-09" in shown
    assert f"{festival}: event coffee-festival-10: place 'no-such-place' is not the id of any place record" in shown
    # An invalid block is left out; the rest is still collected.
    assert {r.id for r in dataset.records["places"]} == set()
    assert {r.id for r in dataset.records["events"]} == {"coffee-festival-10"}


def test_a_missing_required_field_points_at_its_parent_key(tmp_path):
    contacts = "---\ntitle: Liên hệ\nas_of: 2025-12-24\norganizations:\n  - id: office\n    name: Văn phòng\n    email: not-an-address\nsources:\n  - title: T\n    url: https://example.org/a\n---\nX.\n"
    _, (dataset, findings) = fixture_dataset(tmp_path, {"vi/about/contacts.md": contacts})
    shown = [str(finding) for finding in findings]
    assert "docs/vi/about/contacts.md:5: organizations[0]: 'source' is a required property" in shown
    assert any(line.startswith("docs/vi/about/contacts.md:7: organizations[0].email: 'not-an-address' does not match") for line in shown), shown
    assert dataset.records["organizations"] == []


def test_image_sidecars_become_records(tmp_path):
    sidecar = (
        "alt:\n  vi: Hồ Lắk lúc hoàng hôn\n  en: Lắk Lake at sunset\ncreator: Nguyễn Văn A\n"
        "credit: Báo Đắk Lắk\nlicense: CC BY 4.0\nlicense_url: https://creativecommons.org/licenses/by/4.0/\nsource: https://example.org/photo\n"
    )
    broken = "alt:\n  fr: Lac\ncreator: X\nlicense: CC BY 4.0\nsource: https://example.org/p\n"
    settings, (dataset, findings) = fixture_dataset(tmp_path, {}, {
        "assets/images/lak-lake.yml": sidecar, "assets/images/lak-lake.jpg": b"\xff\xd8\xff",
        "assets/images/broken.yml": broken, "assets/images/broken.jpg": b"\xff\xd8\xff",
    })
    assert [str(f) for f in findings] == [
        "docs/assets/images/broken.yml:1: alt: 'vi' is a required property",
        "docs/assets/images/broken.yml:2: alt.fr: unknown field (allowed: en, km, vi)",
    ]
    (image,) = dataset.records["images"]
    assert image.values["alt@en"] == "Lắk Lake at sunset" and image.values["alt@km"] is None
    write_dataset(dataset, tmp_path / "data", version="1", site_url=settings.site_url, created=CREATED)
    assert frictionless.validate(str(tmp_path / "data" / "datapackage.json")).valid
    graph = rdflib.Graph().parse(tmp_path / "data" / "images.jsonld", format="json-ld")
    assert (None, rdflib.RDF.type, SCHEMA.ImageObject) in graph


@pytest.mark.parametrize("record_type", RECORD_TYPES)
def test_record_schemas_are_valid_json_schemas(record_type):
    Draft202012Validator.check_schema(json.loads((SCHEMA_DIR / f"{record_type}.schema.json").read_text(encoding="utf-8")))


# -- reproducibility --------------------------------------------------------------------------


def test_two_writes_are_byte_identical(out, tmp_path):
    pages, _ = load_pages(SETTINGS)  # a fresh read: nothing may depend on object identity or order
    dataset, _ = collect_records(SETTINGS, pages)
    paths = write_dataset(dataset, tmp_path / "again", version=VERSION, site_url=SETTINGS.site_url, created=CREATED)
    assert sorted(p.name for p in paths) == sorted(p.name for p in out.iterdir())
    for path in paths:
        assert path.read_bytes() == (out / path.name).read_bytes(), path.name
    assert {p.name for p in paths} >= {
        "datapackage.json", "catalog.jsonld", "places.geojson", "events-vi.ics", "events-en.ics", "events-km.ics",
        *(f"{t}.csv" for t in RECORD_TYPES), *(f"{t}.jsonld" for t in RECORD_TYPES),
    }
