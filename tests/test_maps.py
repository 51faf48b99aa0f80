"""The maps, drawn at build time and offline from the dataset's places (each with cited
coordinates) and figures/map.yml: where the province is, its places numbered in the page's
digits with the same places as a list of links, a small locator on each place's page, and the
GeoJSON of the open dataset. A point outside the province, or a map file missing a field, is a
file:line message and nothing is built."""

from __future__ import annotations

import json
import re
import shutil

from hypothesis import given
from hypothesis import strategies as st

from conftest import BASIC_PAGES, PROJECT, build, make_site, portal
from daklak_portal.config import load_settings
from daklak_portal.content import load_pages
from daklak_portal.dataset import collect_records
from daklak_portal.figures import load_figures
from daklak_portal.locator_map import _relative_line
from daklak_portal.place_map import (
    MapPoint,
    direction,
    distance_km,
    spread,
    whereabouts,
)
from daklak_portal.translations import load_translations

SOURCES = "as_of: 2026-01-01\nsources:\n  - title: Nguồn thử\n    url: https://example.org/\n    read: 2026-01-01\n"


def place_page(title: str, latitude: float, longitude: float) -> str:
    return (
        f"---\ntitle: {title}\n{SOURCES}place:\n  category: lake\n  commune: Liên Sơn Lắk\n  commune_derived: false\n"
        f"  coordinates:\n    latitude: {latitude}\n    longitude: {longitude}\n"
        "    source:\n      title: Wikipedia tiếng Việt\n      url: https://vi.wikipedia.org/wiki/Hồ_Lắk\n"
        "---\n## Giới thiệu {#overview}\n\nHồ nước ngọt.\n\n## Đường đi {#getting-there}\n\nTheo quốc lộ 27.\n"
    )


PAGES = {
    **BASIC_PAGES,
    "vi/province/index.md": "---\ntitle: Tổng quan\n---\n[[map:locator]]\n",
    "km/province/index.md": "---\ntitle: ទិដ្ឋភាពទូទៅ\n---\n[[map:locator]]\n",
    "vi/tourism/lak-lake.md": place_page("Hồ Lắk", 12.42167, 108.18194),
    "km/tourism/lak-lake.md": "---\ntitle: បឹង Lắk\n---\n## សេចក្ដីផ្ដើម {#overview}\n\nបឹងទឹកសាប។\n\n## ការធ្វើដំណើរ {#getting-there}\n\nតាមផ្លូវជាតិលេខ ២៧។\n",
    # Two places a few hundred metres apart: their numbers must not hide each other.
    "vi/tourism/lak-shore.md": place_page("Bờ hồ Lắk", 12.42267, 108.18294),
}
NAV = ["index.md", {"Tổng quan tỉnh": ["province/index.md"]}, {"Du lịch": ["tourism/lak-lake.md", "tourism/lak-shore.md"]}, {"Thông tin cổng": ["about/contacts.md"]}]


def site_with_maps(tmp_path, pages=PAGES, map_text=None):
    root = make_site(tmp_path / "src", pages, NAV)
    shutil.copytree(PROJECT / "figures", root / "figures")
    if map_text is not None:
        (root / "figures/map.yml").write_text(map_text((root / "figures/map.yml").read_text(encoding="utf-8")), encoding="utf-8")
    return root


def test_the_maps_number_the_places_in_the_pages_digits_beside_a_list_of_links(tmp_path):
    root = site_with_maps(tmp_path)
    assert build(root).returncode == 0
    km = (root / "site/km/province/index.html").read_text(encoding="utf-8")
    overview, province = re.findall(r'<svg class="portal-map__image".*?</svg>', km, re.S)
    assert 'aria-hidden="true"' in province and ">កម្ពុជា</text>" in overview and ">វៀតណាម</text>" in overview  # text the browser shapes
    assert 'stroke-dasharray="3 2"' in overview  # the frame of the province's map on the map of Indochina
    assert re.findall(r'font-weight="700" fill="#ffffff">(.)</text>', province) == ["១", "២"]  # Khmer digits
    assert "Buôn Ma Thuột</text>" in province and "Tuy Hòa</text>" in province
    places = re.search(r'<ol class="portal-map__places portal-map__places--numbered">(.*?)</ol>', km, re.S)[1]
    assert '<a href="/km/tourism/lak-shore/"><span lang="vi">Bờ hồ Lắk</span></a>' in places  # untranslated: marked as Vietnamese
    assert '<a href="/km/tourism/lak-lake/">បឹង Lắk</a>' in places and places.index("lak-shore") < places.index("lak-lake")  # north first
    markers = [(float(x), float(y)) for x, y in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="8"', province)]
    assert len(markers) == 2 and distance_km(0, 0, 0, 0) == 0
    assert ((markers[0][0] - markers[1][0]) ** 2 + (markers[0][1] - markers[1][1]) ** 2) ** 0.5 >= 16  # moved apart
    assert "<line " in province  # with a line back to where each place is
    # The place's own page: a small map at its "getting there" section, its position in words.
    page = (root / "site/km/tourism/lak-lake/index.html").read_text(encoding="utf-8")
    section = page[page.index('id="getting-there"'):]
    assert section.index('class="portal-map portal-map--place"') < section.index("តាមផ្លូវជាតិ")
    caption = re.search(r'<figure class="portal-map portal-map--place">.*?<figcaption>(.*?)</figcaption>', page, re.S)[1]
    assert "ប្រមាណ ៣០ គីឡូម៉ែត្រ ពី Buôn Ma Thuột ទៅទិសអាគ្នេយ៍ (គិតតាមបន្ទាត់ត្រង់)។" in caption and "១២,៤២១៧°" in caption and "https://vi.wikipedia.org/wiki/Hồ_Lắk\">ប្រភព</a>" in caption
    vi = (root / "site/tourism/lak-lake/index.html").read_text(encoding="utf-8")
    assert "Cách Buôn Ma Thuột khoảng 30 km về phía đông nam theo đường chim bay." in vi
    # The open dataset: the points, their source, and the maps as images.
    geojson = json.loads((root / "site/data/places.geojson").read_text(encoding="utf-8"))
    (lake,) = [feature for feature in geojson["features"] if feature["id"] == "lak-lake"]
    assert lake["geometry"]["coordinates"] == [108.18194, 12.42167] and lake["properties"]["coordinates_source"].startswith("https://vi.wikipedia.org/")
    svg = (root / "site/data/charts/locator-map-km.svg").read_text(encoding="utf-8")
    assert "បឹង Lắk" in svg and 'xml:lang="km"' in svg and "Natural Earth" in svg
    assert "https://vi.wikipedia.org/wiki/Hồ_Lắk" in (root / "site/data/images.csv").read_text(encoding="utf-8")


def test_a_point_outside_the_province_is_refused_at_its_line(tmp_path):
    # Hà Nội's coordinates pasted by mistake: a valid point, far outside the province.
    swapped = {**PAGES, "vi/tourism/lak-lake.md": place_page("Hồ Lắk", 21.02451, 105.84117)}
    root = site_with_maps(tmp_path, swapped)
    result = build(root)
    assert result.returncode != 0 and not (root / "site/tourism/lak-lake/index.html").exists()
    line = swapped["vi/tourism/lak-lake.md"].splitlines().index("  coordinates:") + 1
    assert f"docs/vi/tourism/lak-lake.md:{line}: place.coordinates:" in result.output and "12.1625" in result.output
    linted = portal(root, "lint")
    assert linted.returncode != 0 and f"lak-lake.md:{line}" in linted.output


def broken_map_file(tmp_path, change):
    """A site whose figures/map.yml is changed, its one finding and the line it names."""
    root = site_with_maps(tmp_path, map_text=change)
    _, findings = load_figures(load_settings(root))
    (finding,) = findings
    named_line = (root / "figures/map.yml").read_text(encoding="utf-8").splitlines()[finding.line - 1].strip()
    assert finding.path == "figures/map.yml"
    return root, finding, named_line


def test_a_map_file_without_a_towns_source_names_its_line(tmp_path):
    root, finding, named_line = broken_map_file(tmp_path, lambda text: text.replace('    source: {title: "GeoNames: Tuy Hòa (1563281), CC BY 4.0", url: "https://www.geonames.org/1563281"}\n', ""))
    assert named_line == "tuy-hoa:" and finding.message_id == "figures.map-field"
    result = build(root)
    assert result.returncode != 0 and f"figures/map.yml:{finding.line}: places.tuy-hoa.source" in result.output


def test_a_country_label_that_is_not_a_pair_of_numbers_names_its_line(tmp_path):
    root, finding, named_line = broken_map_file(tmp_path, lambda text: text.replace("    KH: [107.33, 12.75, -90]", "    KH: [oops]"))
    assert named_line == "KH: [oops]"
    linted = portal(root, "lint")
    assert linted.returncode == 1 and "Traceback" not in linted.output and f"figures/map.yml:{finding.line}: province.labels.KH" in linted.output
    assert ".md:" not in linted.output, linted.output  # not again for each [[map:…]] of the pages


def test_crowded_markers_are_spread_apart_and_stay_inside_the_map():
    moved = spread([(100.0, 100.0), (100.0, 100.0), (103.0, 101.0), (2.0, 2.0)], 17, (360, 288))
    for i, a in enumerate(moved):
        assert 8.5 <= a[0] <= 351.5 and 8.5 <= a[1] <= 279.5
        for b in moved[i + 1 :]:
            assert ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 >= 16.9


def test_where_a_place_is_in_words_in_each_language():
    figures, _ = load_figures(load_settings(PROJECT))
    lake = MapPoint("lak-lake", "attraction", {"vi": "Hồ Lắk"}, "tourism/lak-lake.md", "", 12.42167, 108.18194, "")
    assert direction(12.66747, 108.03775, 12.42167, 108.18194) == "south-east"
    assert direction(12.0, 108.0, 13.0, 108.0) == "north" and direction(12.0, 108.0, 12.0, 107.0) == "west"
    assert round(distance_km(12.66747, 108.03775, 12.42167, 108.18194)) == 31
    assert whereabouts(figures.locator, lake, "en", "vi", load_translations("en").gettext) == "About 30 km south-east of Buôn Ma Thuột in a straight line."
    museum = MapPoint("museum", "attraction", {}, "tourism/museum.md", "", 12.68, 108.05, "")
    assert whereabouts(figures.locator, museum, "vi", "vi", load_translations("vi").gettext) == "Nằm trong hoặc sát Buôn Ma Thuột."


def test_every_place_of_the_real_dataset_lies_inside_the_province():
    settings = load_settings(PROJECT)
    figures, _ = load_figures(settings)
    dataset, findings = collect_records(settings, load_pages(settings)[0], figures=figures)
    assert findings == []
    bounds = figures.locator.bounds
    located = [record for record in dataset.records["places"] if record.values["latitude"] is not None]
    assert len(located) >= 7
    for record in located:
        assert bounds.contains(record.values["latitude"], record.values["longitude"]), record.id
        assert record.values["coordinates_source"].startswith("https://")
    # Still without a source for their coordinates (no Wikidata, OpenStreetMap, Wikipedia or
    # official value was found): listed here so that losing a point, or adding one, shows.
    unlocated = {record.id for record in dataset.records["places"] if record.values["latitude"] is None}
    assert unlocated == {"ban-don", "ako-dhong-village", "phu-xuan-industrial-park", "hoa-tam-industrial-park", "phu-yen-high-tech-industrial-park", "nam-phu-yen-economic-zone"}


def absolute_points(path: str) -> list[tuple[int, int]]:
    """Reads 'Mx,yl dx,dy …' back the way SVG does: a number ends at a comma, a space or the
    minus sign of the next one."""
    assert path.startswith("M") and path.count("M") == 1 and path.count("l") == 1, path
    numbers = [int(n) for n in re.findall(r"-?\d+", path)]
    points = [(numbers[0], numbers[1])]
    for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
        points.append((points[-1][0] + dx, points[-1][1] + dy))
    assert re.fullmatch(r"M-?\d+,-?\d+l(?:[ ,]?-?\d+)*", path), path
    return points


@given(st.lists(st.tuples(st.integers(-400, 800), st.integers(-400, 800)), min_size=2, max_size=40))
def test_outline_steps_draw_the_same_points(points):
    """The outlines are written as relative steps to keep the page small; read back, they are
    the same points in the same order."""
    assert absolute_points(_relative_line(points)) == points
