"""The locator map (`[[map:locator]]`): where the province is, drawn at build time, offline.

Country outlines from Natural Earth (public domain; figures/map/outlines.geojson, cut by
tools/map_outline.py), the places of figures/map.yml with their sources, country names from
CLDR in the page's language. An inline SVG whose labels are text, so that the browser shapes
Khmer with the page's fonts, hidden from screen readers beside a list of the same places.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel import Locale

from .config import Settings, language_info

MAP_FILE, OUTLINES_FILE = "figures/map.yml", "figures/map/outlines.geojson"
MAP_ID = "locator"
WIDTH = 360  # SVG user units; the height follows the box's proportions
COLOURS = {"sea": "#dfeaf2", "land": "#ecebe6", "highlight": "#f7f3df", "border": "#8c8c8c", "place": "#b3261e", "text": "#1f1f1f"}


@dataclass(frozen=True)
class Place:
    id: str
    names: dict
    roles: dict
    latitude: float
    longitude: float
    source: dict
    label_side: str = "right"  # where its name goes beside its dot: "left" or "right"


@dataclass(frozen=True)
class LocatorMap:
    titles: dict
    highlight: str
    places: tuple[Place, ...]
    labels: dict  # country code -> (longitude, latitude)
    outlines: dict  # GeoJSON FeatureCollection

    def text(self, values: dict, language: str, source_language: str) -> str:
        return str(values.get(language) or values.get(source_language) or "")


def load_map(settings: Settings) -> LocatorMap | None:
    """The map's data, or None when the project has none (its problems are reported by lint)."""
    path, outlines = settings.root / MAP_FILE, settings.root / OUTLINES_FILE
    if not path.is_file() or not outlines.is_file():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    places = tuple(
        Place(str(key), dict(entry["name"]), dict(entry.get("role") or {}), float(entry["latitude"]), float(entry["longitude"]), dict(entry["source"]), str(entry.get("label_side") or "right"))
        for key, entry in (data.get("places") or {}).items()
    )
    labels = {str(code): (float(lon), float(lat)) for code, (lon, lat) in (data.get("labels") or {}).items()}
    return LocatorMap(dict(data["title"]), str(data.get("highlight") or ""), places, labels, json.loads(Path(outlines).read_text(encoding="utf-8")))


class _Projection:
    """Equirectangular, its x scaled by the cosine of the box's middle latitude (little
    distortion over a box of a few degrees)."""

    def __init__(self, box: list[float]):
        self.west, self.south, self.east, self.north = box
        self.kx = WIDTH / (self.east - self.west)
        self.ky = self.kx / math.cos(math.radians((self.south + self.north) / 2))
        self.height = round((self.north - self.south) * self.ky)

    def __call__(self, longitude: float, latitude: float) -> tuple[float, float]:
        return round((longitude - self.west) * self.kx, 1), round((self.north - latitude) * self.ky, 1)


def _path(polygons, project: _Projection) -> str:
    """SVG path data, to the whole unit (a pixel at the map's size), repeated points dropped:
    the map stays a few kilobytes in the page."""
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points: list[tuple[int, int]] = []
            for lon, lat in ring:
                x, y = project(lon, lat)
                point = (round(x), round(y))
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) >= 3:
                parts.append("M" + "L".join(f"{x},{y}" for x, y in points) + "Z")
    return "".join(parts)


def _map_elements(data: LocatorMap, language: str, source_language: str) -> tuple[str, int]:
    """The map's drawing (sea, countries with the highlighted one lighter, their names, the
    places) as SVG elements, and its height: the same in a page and in the dataset's file."""
    project = _Projection(data.outlines["bbox"])
    territories = Locale.parse(language_info(language).babel_locale).territories
    shapes = []
    for feature in data.outlines["features"]:
        code = feature["properties"]["country"]
        fill = COLOURS["highlight"] if code == data.highlight else COLOURS["land"]
        shapes.append(f'<path d="{_path(feature["geometry"]["coordinates"], project)}" fill="{fill}" stroke="{COLOURS["border"]}" stroke-width="0.6"/>')
    names = []
    for code, (lon, lat) in data.labels.items():
        x, y = project(lon, lat)
        names.append(f'<text x="{x:g}" y="{y:g}" font-size="15" fill="#5f5f5f">{html.escape(territories.get(code, code))}</text>')
    marks = []
    for place in data.places:
        x, y = project(place.longitude, place.latitude)
        name = html.escape(data.text(place.names, language, source_language))
        marks.append(f'<circle cx="{x:g}" cy="{y:g}" r="5" fill="{COLOURS["place"]}" stroke="#ffffff" stroke-width="1.5"/>')
        anchor, dx = ("end", -8) if place.label_side == "left" else ("start", 8)
        marks.append(f'<text x="{x + dx:g}" y="{y + 5:g}" text-anchor="{anchor}" font-size="15" font-weight="700" fill="{COLOURS["text"]}">{name}</text>')
    sea = f'<rect width="{WIDTH}" height="{project.height}" fill="{COLOURS["sea"]}"/>'
    return sea + "".join(shapes) + "".join(names) + "".join(marks), project.height


def _credit(gettext) -> str:
    return html.escape(gettext("Map data: Natural Earth (public domain); places: GeoNames (CC BY 4.0)."))


def map_html(data: LocatorMap, language: str, source_language: str, gettext) -> str:
    """The map in a page: the SVG (hidden from screen readers), its title, and the places as a
    list (what the map shows, for every reader), with the data's credit."""
    title = html.escape(data.text(data.titles, language, source_language))
    colon = language_info(language).label_separator
    items = "".join(
        f"<li><strong>{html.escape(data.text(place.names, language, source_language))}</strong>{colon}{html.escape(data.text(place.roles, language, source_language))}</li>"
        for place in data.places
    )
    elements, height = _map_elements(data, language, source_language)
    svg = f'<svg class="portal-map__image" viewBox="0 0 {WIDTH} {height}" width="100%" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">{elements}</svg>'
    return (
        f'<figure class="portal-map">{svg}<figcaption>{title}</figcaption></figure>'
        f'<ul class="portal-map__places">{items}</ul><p class="portal-map__credit"><small>{_credit(gettext)}</small></p>'
    )


def map_svg_document(data: LocatorMap, language: str, source_language: str, gettext) -> str:
    """The map as an SVG file of the open dataset: with its title as text alternative and the credit."""
    title = html.escape(data.text(data.titles, language, source_language))
    elements, height = _map_elements(data, language, source_language)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height + 24}" width="{WIDTH * 2}" height="{(height + 24) * 2}" role="img" aria-labelledby="title" xml:lang="{language}">'
        f'<title id="title">{title}</title><g font-family="Noto Sans, Noto Sans Khmer, sans-serif">{elements}'
        f'<rect y="{height}" width="{WIDTH}" height="24" fill="#ffffff"/><text x="6" y="{height + 16}" font-size="10" fill="#4d4d4d">{_credit(gettext)}</text></g></svg>\n'
    )
