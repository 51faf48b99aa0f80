"""The maps' data and their common drawing, at build time, offline.

figures/map.yml holds the reference towns (with their sources), where the countries' names go,
and the province's frame: its title and its sourced bounds (every place of the dataset must lie
inside them). The country outlines come from Natural Earth (public domain), cut by
tools/map_outline.py: figures/map/outlines.geojson (Indochina, where the province is) and
figures/map/province-outlines.geojson (the province's frame, where its places are). Labels are
SVG text in the page's language, so that the browser shapes Khmer with the page's fonts.
The maps themselves are drawn by place_map.py.
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
from .data_checks import is_number, is_web_source
from .errors import Finding
from .page_text import line_of_path

MAP_FILE = "figures/map.yml"
OUTLINES_FILE, PROVINCE_OUTLINES_FILE = "figures/map/outlines.geojson", "figures/map/province-outlines.geojson"
MAP_ID = "locator"
WIDTH = 360  # SVG user units; the height follows the box's proportions
COLOURS = {"sea": "#dfeaf2", "land": "#ecebe6", "highlight": "#f7f3df", "border": "#8c8c8c", "place": "#b3261e", "town": "#1f1f1f", "text": "#1f1f1f", "country": "#5f5f5f"}


@dataclass(frozen=True)
class Town:
    """A reference town drawn on every map (Buôn Ma Thuột, Tuy Hòa), with its source."""

    id: str
    names: dict
    roles: dict
    latitude: float
    longitude: float
    source: dict
    label_side: str = "right"  # where its name goes beside its mark: "left" or "right"


@dataclass(frozen=True)
class Bounds:
    """The province's extent (west, south, east, north in degrees), from the sources listed."""

    west: float
    south: float
    east: float
    north: float
    sources: tuple

    def contains(self, latitude: float, longitude: float) -> bool:
        return self.south <= latitude <= self.north and self.west <= longitude <= self.east


@dataclass(frozen=True)
class LocatorMap:
    titles: dict  # of the map of Indochina
    province_titles: dict  # of the map of the province's places
    highlight: str  # the country drawn lighter
    towns: tuple[Town, ...]
    labels: dict  # country code -> (longitude, latitude, angle) on the map of Indochina
    province_labels: dict  # the same on the province's map
    outlines: dict  # GeoJSON FeatureCollection with a bbox
    province_outlines: dict
    bounds: Bounds

    def text(self, values: dict, language: str, source_language: str) -> str:
        return str(values.get(language) or values.get(source_language) or "")


def load_map(settings: Settings) -> tuple[LocatorMap | None, list[Finding]]:
    """The maps' data, or None with what is wrong in figures/map.yml (file:line); None without
    a finding when the project has no map."""
    path = settings.root / MAP_FILE
    outline_paths = [settings.root / OUTLINES_FILE, settings.root / PROVINCE_OUTLINES_FILE]
    if not path.is_file():
        return None, []
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) or {}
        outlines = [json.loads(Path(outline).read_text(encoding="utf-8")) for outline in outline_paths]
    except (OSError, ValueError, yaml.YAMLError) as error:
        mark = getattr(error, "problem_mark", None)
        return None, [Finding.of(MAP_FILE, mark.line + 1 if mark else None, "figures.map", detail=str(getattr(error, "problem", None) or error))]
    findings = _problems(data, text, settings.source_language)
    if findings:
        return None, findings
    towns = tuple(
        Town(str(key), dict(entry["name"]), dict(entry.get("role") or {}), float(entry["latitude"]), float(entry["longitude"]), dict(entry["source"]), str(entry.get("label_side") or "right"))
        for key, entry in data["places"].items()
    )
    province = data["province"]
    box = province["bounds"]
    bounds = Bounds(float(box["west"]), float(box["south"]), float(box["east"]), float(box["north"]), tuple(province["sources"]))
    return LocatorMap(dict(data["title"]), dict(province["title"]), str(data.get("highlight") or ""), towns, _labels(data.get("labels")), _labels(province.get("labels")), outlines[0], outlines[1], bounds), []


def _labels(values) -> dict:
    """country code -> (longitude, latitude, angle in degrees: 0 unless given)."""
    return {str(code): (float(place[0]), float(place[1]), float(place[2]) if len(place) > 2 else 0.0) for code, place in (values or {}).items()}


def _problems(data: dict, text: str, source_language: str) -> list[Finding]:
    """What figures/map.yml lacks, each at its line: a title, towns with a name, coordinates and a
    source, and the province's title, bounds and sources."""
    found = []

    def missing(path: list, what: str) -> None:
        found.append(Finding.of(MAP_FILE, line_of_path(text, path), "figures.map-field", field=".".join(map(str, path)), what=what))

    if not isinstance(data.get("title"), dict) or not data["title"].get(source_language):
        missing(["title"], "title")
    for key, entry in (data.get("places") or {}).items():
        entry = entry if isinstance(entry, dict) else {}
        if not isinstance(entry.get("name"), dict) or not entry["name"].get(source_language):
            missing(["places", key, "name"], "name")
        for axis in ("latitude", "longitude"):
            if not is_number(entry.get(axis)):
                missing(["places", key, axis], axis)
        if not is_web_source(entry.get("source")):
            missing(["places", key, "source"], "source")
    province = data.get("province") if isinstance(data.get("province"), dict) else {}
    if not isinstance(province.get("title"), dict) or not province["title"].get(source_language):
        missing(["province", "title"], "title")
    bounds = province.get("bounds") if isinstance(province.get("bounds"), dict) else {}
    for side in ("west", "south", "east", "north"):
        if not is_number(bounds.get(side)):
            missing(["province", "bounds", side] if bounds else ["province", "bounds"], side)
    sources = province.get("sources")
    if not isinstance(sources, list) or not sources or not all(map(is_web_source, sources)):
        missing(["province", "sources"], "sources")
    for path, labels in ((["labels"], data.get("labels")), (["province", "labels"], province.get("labels"))):
        for code, place in (labels if isinstance(labels, dict) else {}).items():
            if not isinstance(place, list) or len(place) not in (2, 3) or not all(map(is_number, place)):
                missing([*path, code], "[longitude, latitude] or [longitude, latitude, angle]")
        if labels is not None and not isinstance(labels, dict):
            missing(path, "labels")
    return found


# -- drawing ----------------------------------------------------------------------------------


class Projection:
    """Equirectangular, its x scaled by the cosine of the box's middle latitude (little
    distortion over a box of a few degrees)."""

    def __init__(self, box: list[float]):
        self.west, self.south, self.east, self.north = box
        self.kx = WIDTH / (self.east - self.west)
        self.ky = self.kx / math.cos(math.radians((self.south + self.north) / 2))
        self.height = round((self.north - self.south) * self.ky)

    def __call__(self, longitude: float, latitude: float) -> tuple[float, float]:
        return round((longitude - self.west) * self.kx, 1), round((self.north - latitude) * self.ky, 1)


def _relative_line(points: list[tuple[int, int]]) -> str:
    """'M' to the first point, then one relative 'l' through the others: steps of a few pixels
    are shorter to write and compress better than absolute positions. A minus sign separates
    numbers by itself, so no comma or space is written before one."""
    text = [f"M{points[0][0]},{points[0][1]}l"]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        dx, dy = x1 - x0, y1 - y0
        step = f"{dx}{'' if dy < 0 else ','}{dy}"
        text.append(step if dx < 0 or len(text) == 1 else " " + step)
    return "".join(text)


def _path(polygons, project: Projection) -> str:
    """SVG path data, to the whole unit (a pixel at the map's size), repeated points dropped,
    written in relative steps: the map stays a few kilobytes in the page."""
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
                parts.append(_relative_line(points) + "Z")
    return "".join(parts)


def ground(outlines: dict, labels: dict, highlight: str, language: str, project: Projection) -> str:
    """The sea, the countries (the highlighted one lighter) and their names from CLDR in the
    page's language. A label given a third value is turned by that many degrees."""
    territories = Locale.parse(language_info(language).babel_locale).territories
    shapes = [f'<rect width="{WIDTH}" height="{project.height}" fill="{COLOURS["sea"]}"/>']
    for feature in outlines["features"]:
        code = feature["properties"]["country"]
        fill = COLOURS["highlight"] if code == highlight else COLOURS["land"]
        shapes.append(f'<path d="{_path(feature["geometry"]["coordinates"], project)}" fill="{fill}" stroke="{COLOURS["border"]}" stroke-width="0.6"/>')
    for code, (lon, lat, angle) in labels.items():
        x, y = project(lon, lat)
        turn = f' transform="rotate({angle:g} {x:g} {y:g})"' if angle else ""
        shapes.append(f'<text x="{x:g}" y="{y:g}" font-size="15" fill="{COLOURS["country"]}"{turn}>{html.escape(territories.get(code, code))}</text>')
    return "".join(shapes)


def _box_hits_disc(box: tuple[float, float, float, float], disc: tuple[float, float, float]) -> bool:
    left, top, right, bottom = box
    x, y, radius = disc
    nearest_x, nearest_y = min(max(x, left), right), min(max(y, top), bottom)
    return (nearest_x - x) ** 2 + (nearest_y - y) ** 2 < radius**2


def town_marks(data: LocatorMap, language: str, source_language: str, project: Projection, size: int = 15, avoid: tuple = ()) -> str:
    """Each reference town and its name on a white halo, readable over the land. On the map of
    Indochina a dot with the name beside it; on the province's map (smaller type), where the
    places are the dots, a square with the name above it, or below, left or right of it when a
    place's marker (`avoid`: discs x, y, radius) would cover it, always inside the map."""
    marks = []
    small = size < 15
    for town in data.towns:
        x, y = project(town.longitude, town.latitude)
        name = data.text(town.names, language, source_language)
        if small:
            width = len(name) * size * 0.6  # about the name's width
            marks.append(f'<rect x="{x - 4:g}" y="{y - 4:g}" width="8" height="8" fill="{COLOURS["town"]}" stroke="#ffffff" stroke-width="1.5"/>')
            candidates = []  # (text x, baseline y, anchor, box left, top, right, bottom), nearest first
            for gap in (0, 12):
                candidates += [
                    (x, y - 9 - gap, "middle", x - width / 2, y - 9 - gap - size, x + width / 2, y - 6 - gap),
                    (x, y + 9 + gap + size * 0.8, "middle", x - width / 2, y + 7 + gap, x + width / 2, y + 10 + gap + size * 0.8),
                    (x - 8 - gap, y + size / 3, "end", x - 8 - gap - width, y - size * 0.7, x - 8 - gap, y + size / 3 + 3),
                    (x + 8 + gap, y + size / 3, "start", x + 8 + gap, y - size * 0.7, x + 8 + gap + width, y + size / 3 + 3),
                ]
            inside = [c for c in candidates if c[3] >= 2 and c[5] <= WIDTH - 2 and c[4] >= 2 and c[6] <= project.height - 2] or candidates[:1]
            tx, ty, anchor, *_ = next((c for c in inside if not any(_box_hits_disc(tuple(c[3:]), disc) for disc in avoid)), inside[0])
            if anchor == "middle":  # (only the fallback, when no place fits, can reach an edge)
                tx = min(max(tx, width / 2 + 2), WIDTH - width / 2 - 2)
        else:
            marks.append(f'<circle cx="{x:g}" cy="{y:g}" r="5" fill="{COLOURS["place"]}" stroke="#ffffff" stroke-width="1.5"/>')
            (anchor, dx), ty = (("end", -8) if town.label_side == "left" else ("start", 8)), y + size / 3
            tx = x + dx
        text = f'<text x="{tx:g}" y="{ty:g}" text-anchor="{anchor}" font-size="{size}" font-weight="700"'
        # The halo is a white copy under the name (not paint-order, which print renderers ignore).
        marks.append(f'{text} fill="#ffffff" stroke="#ffffff" stroke-width="3" stroke-linejoin="round">{html.escape(name)}</text>{text} fill="{COLOURS["text"]}">{html.escape(name)}</text>')
    return "".join(marks)


def overview_elements(data: LocatorMap, language: str, source_language: str) -> tuple[str, int]:
    """The map of Indochina (where the province is) with a frame around the province's map."""
    project = Projection(data.outlines["bbox"])
    west, south, east, north = data.province_outlines["bbox"]
    (x0, y0), (x1, y1) = project(west, north), project(east, south)
    frame = f'<rect x="{x0:g}" y="{y0:g}" width="{x1 - x0:g}" height="{y1 - y0:g}" fill="none" stroke="{COLOURS["text"]}" stroke-width="1.2" stroke-dasharray="3 2"/>'
    elements = ground(data.outlines, data.labels, data.highlight, language, project) + frame + town_marks(data, language, source_language, project)
    return elements, project.height
