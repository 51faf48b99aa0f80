"""The maps of the province's places, drawn at build time from the dataset's places that have
coordinates (each cited in its page's front matter) and from figures/map.yml (locator_map.py).

- `[[map:locator]]`: where the province is (Indochina, with a frame) beside the province's map,
  its places numbered, with the same places as a numbered list of links under it;
- `[[map:attractions]]`, `[[map:zones]]`: the province's map with only those places;
- on a place's own page, a small locator: the province with that place, its coordinates, their
  source, and how far and in which direction it lies from the nearest reference town.

The drawings are hidden from screen readers; the lists and captions say what they show.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from .config import language_info
from .content import page_path
from .locator_map import (
    COLOURS,
    WIDTH,
    LocatorMap,
    Projection,
    ground,
    overview_elements,
    town_marks,
)

KINDS = ("attraction", "zone")  # the list's order: places to visit, then industrial zones
MAP_KINDS = {"locator": KINDS, "attractions": ("attraction",), "zones": ("zone",)}  # [[map:<id>]]
GETTING_THERE = "{#getting-there}"  # a place page's section the small locator opens


def N_(text: str) -> str:
    return text


GROUP_TITLES = {"attraction": N_("Places to visit"), "zone": N_("Industrial parks and economic zones")}
# The eight directions, clockwise from north (the bearing from the town to the place).
DIRECTIONS = (N_("north"), N_("north-east"), N_("east"), N_("south-east"), N_("south"), N_("south-west"), N_("west"), N_("north-west"))


@dataclass(frozen=True)
class MapPoint:
    """A place of the dataset with coordinates: its names and its page in each language."""

    id: str
    kind: str
    names: dict  # language -> name
    page: str  # key of the page that describes it ("tourism/lak-lake.md")
    anchor: str  # where on that page ("" for the whole page, a zone's id)
    latitude: float
    longitude: float
    source: str  # URL of the coordinates' source

    def href(self, site_root: str, language: str, source_language: str) -> str:
        """Its page in the reader's language (a fallback copy there when not translated)."""
        return site_root + page_path(self.page, language, source_language) + (f"#{self.anchor}" if self.anchor else "")


def located_places(dataset) -> list[MapPoint]:
    """The dataset's places that have coordinates: places to visit, then zones, each from north
    to south (the numbers on the map follow this order)."""
    points = []
    for record in dataset.records.get("places", []):
        values = record.values
        if values.get("latitude") is None or values.get("longitude") is None:
            continue
        anchor = record.text("url", dataset.languages[0]).partition("#")[2]
        points.append(MapPoint(record.id, values["kind"], record.texts("name", dataset.languages), record.page, anchor, values["latitude"], values["longitude"], values.get("coordinates_source") or ""))
    return sorted(points, key=lambda point: (KINDS.index(point.kind) if point.kind in KINDS else len(KINDS), -point.latitude, point.id))


def _name(point: MapPoint, language: str, source_language: str) -> str:
    name = point.names.get(language)
    if name:
        return html.escape(name)
    return f'<span lang="{source_language}">{html.escape(point.names.get(source_language, point.id))}</span>'


def spread(positions: list[tuple[float, float]], gap: float, size: tuple[float, float]) -> list[tuple[float, float]]:
    """Marker centres moved apart until none is closer than `gap` to another (places a few
    kilometres apart would hide each other's numbers), kept inside the map; deterministic."""
    moved = [list(position) for position in positions]
    for _ in range(80):
        clash = False
        for i in range(len(moved)):
            for j in range(i + 1, len(moved)):
                dx, dy = moved[j][0] - moved[i][0], moved[j][1] - moved[i][1]
                distance = math.hypot(dx, dy)
                if distance >= gap:
                    continue
                clash = True
                if distance < 1e-6:
                    dx, dy, distance = 0.6, 0.8, 1.0  # the same spot: part them along a fixed line
                push = (gap - distance) / 2 + 0.1
                for index, sign in ((i, -1), (j, 1)):
                    moved[index][0] += sign * push * dx / distance
                    moved[index][1] += sign * push * dy / distance
        for point in moved:
            point[0] = min(max(point[0], gap / 2), size[0] - gap / 2)
            point[1] = min(max(point[1], gap / 2), size[1] - gap / 2)
        if not clash:
            break
    return [(round(x, 1), round(y, 1)) for x, y in moved]


def province_elements(data: LocatorMap, points: list[MapPoint], language: str, source_language: str, focus: MapPoint | None = None) -> tuple[str, int]:
    """The province's map: the places numbered in the page's digits (moved apart where they
    crowd, a line back to where they are), or one place marked large (its own page)."""
    project = Projection(data.province_outlines["bbox"])
    parts = [ground(data.province_outlines, data.province_labels, data.highlight, language, project)]
    if focus is not None:
        x, y = project(focus.longitude, focus.latitude)
        parts.append(town_marks(data, language, source_language, project, size=12, avoid=((x, y, 16),)))
        parts.append(f'<circle cx="{x:g}" cy="{y:g}" r="14" fill="none" stroke="{COLOURS["place"]}" stroke-width="2.5"/><circle cx="{x:g}" cy="{y:g}" r="6" fill="{COLOURS["place"]}" stroke="#ffffff" stroke-width="1.5"/>')
        return "".join(parts), project.height
    true_positions = [project(point.longitude, point.latitude) for point in points]
    markers = spread(true_positions, 17, (WIDTH, project.height))
    parts.append(town_marks(data, language, source_language, project, size=12, avoid=tuple((mx, my, 9) for mx, my in markers)))
    digits = language_info(language)
    for number, ((x, y), (mx, my)) in enumerate(zip(true_positions, markers, strict=True), 1):
        if math.hypot(mx - x, my - y) > 2:
            parts.append(f'<line x1="{x:g}" y1="{y:g}" x2="{mx:g}" y2="{my:g}" stroke="{COLOURS["place"]}" stroke-width="1.2"/><circle cx="{x:g}" cy="{y:g}" r="2" fill="{COLOURS["place"]}"/>')
        parts.append(
            f'<circle cx="{mx:g}" cy="{my:g}" r="8" fill="{COLOURS["place"]}" stroke="#ffffff" stroke-width="1.5"/>'
            f'<text x="{mx:g}" y="{my + 3.5:g}" text-anchor="middle" font-size="10" font-weight="700" fill="#ffffff">{digits.decimal(number)}</text>'
        )
    return "".join(parts), project.height


def _svg(elements: str, height: int) -> str:
    return f'<svg class="portal-map__image" viewBox="0 0 {WIDTH} {height}" width="100%" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">{elements}</svg>'


def _credit(gettext) -> str:
    return html.escape(gettext("Map data: Natural Earth (public domain). Coordinates: GeoNames (CC BY 4.0) and the sources cited on each place's page."))


def places_list(points: list[MapPoint], language: str, source_language: str, site_root: str, gettext) -> str:
    """The numbered places as lists of links, one per kind, numbered as on the map."""
    digits = language_info(language)
    lists, number = [], 1
    for kind in KINDS:
        members = [point for point in points if point.kind == kind]
        if not members:
            continue
        items = []
        for point in members:
            href = html.escape(point.href(site_root, language, source_language))
            items.append(f'<li><span class="portal-map__number" aria-hidden="true">{digits.decimal(number)}</span><a href="{href}">{_name(point, language, source_language)}</a></li>')
            number += 1
        lists.append(f'<p class="portal-map__group">{html.escape(gettext(GROUP_TITLES[kind]))}</p><ol class="portal-map__places portal-map__places--numbered">{"".join(items)}</ol>')
    return "".join(lists)


def maps_html(data: LocatorMap, map_id: str, points: list[MapPoint], language: str, source_language: str, site_root: str, gettext) -> str:
    """`[[map:<id>]]`: the maps with their titles, the towns and places as lists, the credit."""
    shown = [point for point in points if point.kind in MAP_KINDS[map_id]]
    elements, height = province_elements(data, shown, language, source_language)
    figures = [f'<figure class="portal-map">{_svg(elements, height)}<figcaption>{html.escape(data.text(data.province_titles, language, source_language))}</figcaption></figure>']
    towns = ""
    if map_id == "locator":
        overview, overview_height = overview_elements(data, language, source_language)
        figures.insert(0, f'<figure class="portal-map">{_svg(overview, overview_height)}<figcaption>{html.escape(data.text(data.titles, language, source_language))}</figcaption></figure>')
        colon = language_info(language).label_separator
        towns = "".join(f"<li><strong>{html.escape(data.text(town.names, language, source_language))}</strong>{colon}{html.escape(data.text(town.roles, language, source_language))}</li>" for town in data.towns)
        towns = f'<ul class="portal-map__towns">{towns}</ul>'
    return (
        f'<div class="portal-maps">{"".join(figures)}</div>{towns}{places_list(shown, language, source_language, site_root, gettext)}'
        f'<p class="portal-map__credit"><small>{_credit(gettext)}</small></p>'
    )


# -- a place's own page -------------------------------------------------------------------------


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def direction(lat1: float, lon1: float, lat2: float, lon2: float) -> str:
    """One of the eight directions from the first point to the second (initial bearing)."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    bearing = math.degrees(math.atan2(math.sin(dl) * math.cos(p2), math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)))
    return DIRECTIONS[round((bearing % 360) / 45) % 8]


def whereabouts(data: LocatorMap, point: MapPoint, language: str, source_language: str, gettext) -> str:
    """'About 20 km south-west of Buôn Ma Thuột in a straight line.', from the nearest town;
    'In or next to Buôn Ma Thuột.' within 5 km of it. Rounded to 5 km: a reader's distance, not a surveyor's."""
    town = min(data.towns, key=lambda town: distance_km(town.latitude, town.longitude, point.latitude, point.longitude))
    km = distance_km(town.latitude, town.longitude, point.latitude, point.longitude)
    name = data.text(town.names, language, source_language)
    if km < 5:
        return gettext("In or next to %(town)s.") % {"town": name}
    rounded = language_info(language).decimal(max(5, 5 * round(km / 5)))
    way = gettext(direction(town.latitude, town.longitude, point.latitude, point.longitude))
    return gettext("About %(distance)s km %(direction)s of %(town)s in a straight line.") % {"distance": rounded, "direction": way, "town": name}


def place_locator_html(data: LocatorMap, point: MapPoint, language: str, source_language: str, gettext) -> str:
    """The small map on a place's page, its caption saying where the place is in words, and its
    coordinates with their source."""
    elements, height = province_elements(data, [], language, source_language, focus=point)
    info = language_info(language)
    coordinates = gettext("%(latitude)s° N, %(longitude)s° E") % {"latitude": info.decimal(point.latitude, 4), "longitude": info.decimal(point.longitude, 4)}
    label = gettext("source")
    source = f' (<a href="{html.escape(point.source)}">{html.escape(label)}</a>)' if point.source else ""
    return (
        f'<figure class="portal-map portal-map--place">{_svg(elements, height)}'
        f"<figcaption>{html.escape(whereabouts(data, point, language, source_language, gettext))} "
        f'<span class="portal-map__coordinates">{html.escape(coordinates)}</span>{source}</figcaption></figure>'
    )


def with_place_locator(markdown: str, html_block: str) -> str:
    """The page with the small map at the top of its 'getting there' section, or at its end."""
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("#") and line.rstrip().endswith(GETTING_THERE):
            return "\n".join(lines[: index + 1] + ["", html_block, ""] + lines[index + 1 :])
    return markdown.rstrip("\n") + "\n\n" + html_block + "\n"


def map_svg_document(data: LocatorMap, points: list[MapPoint], language: str, source_language: str, gettext) -> str:
    """`[[map:locator]]` as an SVG file of the open dataset: the two maps side by side, the
    numbered places' names under them, the title as text alternative and the credit."""
    overview, overview_height = overview_elements(data, language, source_language)
    province, province_height = province_elements(data, points, language, source_language)
    top = max(overview_height, province_height)
    digits = language_info(language)
    names = [f'<text x="{6 + 240 * (index % 3)}" y="{top + 18 + 16 * (index // 3)}" font-size="11" fill="{COLOURS["text"]}">{digits.decimal(index + 1)}. {html.escape(point.names.get(language) or point.names.get(source_language, point.id))}</text>' for index, point in enumerate(points)]
    height = top + 18 + 16 * math.ceil(len(points) / 3) + 20
    title = html.escape(f"{data.text(data.titles, language, source_language)} · {data.text(data.province_titles, language, source_language)}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {2 * WIDTH} {height}" width="{4 * WIDTH}" height="{2 * height}" role="img" aria-labelledby="title" xml:lang="{language}">'
        f'<title id="title">{title}</title><g font-family="Noto Sans, Noto Sans Khmer, sans-serif"><rect width="{2 * WIDTH}" height="{height}" fill="#ffffff"/>'
        f'{overview}<g transform="translate({WIDTH} 0)">{province}</g>{"".join(names)}'
        f'<text x="6" y="{height - 8}" font-size="10" fill="#4d4d4d">{_credit(gettext)}</text></g></svg>\n'
    )
