"""Writes the country outlines the maps draw, cut from Natural Earth's Admin 0 boundaries (public
domain) as redistributed by the npm package world-atlas (tools/world-atlas, locked):
figures/map/outlines.geojson (1:50m, Indochina: where the province is) and
figures/map/province-outlines.geojson (1:10m, the province's frame: where its places are).
Run it again after upgrading that package:

    npm ci --prefix tools/world-atlas && .venv/bin/python tools/map_outline.py

The build reads only the small GeoJSON file this writes, so building the site needs no Node.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ATLAS = ROOT / "tools/world-atlas/node_modules/world-atlas"
# ISO 3166 numeric codes (world-atlas ids) -> ISO alpha-2 (Babel names them in every language).
COUNTRIES = {"704": "VN", "116": "KH", "418": "LA", "764": "TH", "156": "CN", "104": "MM"}
# (topology, output, box as west, south, east, north, decimals of a degree kept, tolerance of
# the simplification in degrees: about half a pixel of the map drawn 360 units wide)
MAPS = [
    ("countries-50m.json", "figures/map/outlines.geojson", (100.0, 8.0, 112.0, 24.0), 2, 0.015),
    ("countries-10m.json", "figures/map/province-outlines.geojson", (107.2, 11.95, 109.7, 13.9), 3, 0.003),
]


def simplified(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker: the points that a line within `tolerance` of the ring cannot drop (the
    page's SVG stays small; the eye sees no difference below half a pixel)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            x0, y0 = points[i]
            if length:
                distance = abs((x2 - x1) * (y1 - y0) - (x1 - x0) * (y2 - y1)) / length
            else:
                distance = ((x0 - x1) ** 2 + (y0 - y1) ** 2) ** 0.5
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantized, delta-encoded arcs as lists of (longitude, latitude)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 3), round(y * sy + ty, 3)))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def clipped(points: list[tuple[float, float]], box, digits: int) -> list[tuple[float, float]]:
    """A ring cut to the box (Sutherland–Hodgman), its points rounded to `digits` decimals and
    repeated points dropped: the map needs nothing outside the box nor finer than a pixel."""
    west, south, east, north = box
    edges = [
        (lambda p: p[0] >= west, lambda a, b: (west, a[1] + (b[1] - a[1]) * (west - a[0]) / (b[0] - a[0]))),
        (lambda p: p[0] <= east, lambda a, b: (east, a[1] + (b[1] - a[1]) * (east - a[0]) / (b[0] - a[0]))),
        (lambda p: p[1] >= south, lambda a, b: (a[0] + (b[0] - a[0]) * (south - a[1]) / (b[1] - a[1]), south)),
        (lambda p: p[1] <= north, lambda a, b: (a[0] + (b[0] - a[0]) * (north - a[1]) / (b[1] - a[1]), north)),
    ]
    for inside, crossing in edges:
        if not points:
            break
        result = []
        for index, current in enumerate(points):
            previous = points[index - 1]
            if inside(current):
                if not inside(previous):
                    result.append(crossing(previous, current))
                result.append(current)
            elif inside(previous):
                result.append(crossing(previous, current))
        points = result
    rounded: list[tuple[float, float]] = []
    for x, y in points:
        point = (round(x, digits), round(y, digits))
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    return rounded if len(rounded) >= 4 else []


def write_outlines(topology_name: str, output_name: str, box, digits: int, tolerance: float) -> None:
    topology = json.loads((ATLAS / topology_name).read_text(encoding="utf-8"))
    arcs = decoded_arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = COUNTRIES.get(str(geometry.get("id")))
        if code is None:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        kept = []
        for polygon in polygons:
            rings = [clipped(simplified(ring(r, arcs), tolerance), box, digits) for r in polygon]
            if rings and rings[0]:
                kept.append([r for r in rings if r])
        if kept:
            features.append({"type": "Feature", "properties": {"country": code}, "geometry": {"type": "MultiPolygon", "coordinates": kept}})
    document = {
        "type": "FeatureCollection",
        "source": f"Natural Earth 1:{topology_name.split('-')[1].split('.')[0]} Admin 0 countries (public domain), via world-atlas 2.0.2",
        "bbox": list(box),
        "features": sorted(features, key=lambda feature: feature["properties"]["country"]),
    }
    output = ROOT / output_name
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(document, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {output_name}: {len(features)} countries, {output.stat().st_size} bytes")


def main() -> None:
    for topology_name, output_name, box, digits, tolerance in MAPS:
        write_outlines(topology_name, output_name, box, digits, tolerance)


if __name__ == "__main__":
    main()
