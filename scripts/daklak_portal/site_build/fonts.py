"""Web fonts cut down to the characters the built site shows.

docs/assets/css/fonts.css declares the self-hosted faces, each a file of @fontsource split by
`unicode-range`. Once every language is built, each face is subset (fontTools) to the
characters of site/**/*.html inside its range and written over its copy in site/assets/fonts/;
site/assets/css/fonts.css is rewritten with those characters as each face's `unicode-range`,
and a face that no page needs is left out. A code point goes to one face only, the last
declared that covers it (the one a browser tries first), so that a page downloads a face only
for characters it shows: a Vietnamese page no longer fetches the 55 KB Latin Extended face for
two letters.

All OpenType layout features are kept (Khmer is shaped with them) and so are the name
records (copyright and the OFL notice). Subsets are cached under .cache/portal/fonts/, keyed
on the font file, the characters and this code's version; the subset of unchanged inputs is
byte-identical (the font's own timestamps are kept).
"""

from __future__ import annotations

import html
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ..build_cache import CACHE_FOLDER, code_version, input_key
from ..errors import PortalError
from ..files import write_atomically

FACE = re.compile(r"\n*@font-face\s*\{(?P<body>[^}]*)\}")
SOURCE = re.compile(r'url\("\.\./fonts/(?P<file>[^"]+\.woff2)"\)')
RANGE = re.compile(r"unicode-range:\s*(?P<ranges>[^;]+);")
DESCRIPTOR = re.compile(r"font-(?:family|style|weight):\s*(?P<value>[^;]+);")
# Shaping may insert these without them being in the text (Khmer: joiners, the dotted circle).
SHAPING_EXTRAS = frozenset({0x200C, 0x200D, 0x25CC})


@dataclass(frozen=True)
class Face:
    file: str  # under assets/fonts/
    group: tuple[str, ...]  # family, style, weight: the faces that split one font by range
    unicode_range: frozenset[int]
    css: str  # the @font-face block as declared


def parse_ranges(text: str) -> frozenset[int]:
    """`U+0000-00FF,U+0131` as the set of code points."""
    points: set[int] = set()
    for part in text.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return frozenset(points)


def format_ranges(points: set[int]) -> str:
    """The shortest `unicode-range` value for a set of code points."""
    parts, ordered = [], sorted(points)
    start = previous = ordered[0]
    for point in [*ordered[1:], None]:
        if point is not None and point == previous + 1:
            previous = point
            continue
        parts.append(f"U+{start:04X}" if start == previous else f"U+{start:04X}-{previous:04X}")
        if point is not None:
            start = previous = point
    return ",".join(parts)


def faces(css: str) -> list[Face]:
    found = []
    for match in FACE.finditer(css):
        source, ranges = SOURCE.search(match["body"]), RANGE.search(match["body"])
        if source and ranges:
            group = tuple(descriptor["value"].strip() for descriptor in DESCRIPTOR.finditer(match["body"]))
            found.append(Face(source["file"], group, parse_ranges(ranges["ranges"]), match[0]))
    return found


def used_code_points(site: Path) -> set[int]:
    points: set[int] = set()
    for page in site.rglob("*.html"):
        # Unescaped: a character written as an entity (&rsquo;) is drawn all the same.
        points.update(map(ord, set(html.unescape(page.read_text(encoding="utf-8", errors="replace")))))
    return points


def assign(declared: list[Face], used: set[int]) -> dict[str, set[int]]:
    """Each used code point to the last declared face of each font (family, style, weight)
    that covers it; {file: code points}."""
    chosen: dict[str, set[int]] = {face.file: set() for face in declared}
    for point in used | SHAPING_EXTRAS:
        for group in {face.group for face in declared}:
            for face in reversed([face for face in declared if face.group == group]):
                if point in face.unicode_range:
                    chosen[face.file].add(point)
                    break
    # A face holding only shaping extras is never needed on its own.
    return {file: points for file, points in chosen.items() if points - SHAPING_EXTRAS}


def subset_font(source: bytes, points: set[int]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(source), recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.flavor = "woff2"
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=points)
    subsetter.subset(font)
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def glyph_code_points(font: bytes) -> set[int]:
    from fontTools.ttLib import TTFont

    return set(TTFont(io.BytesIO(font)).getBestCmap())


def cached_subset(cache: Path, version: str, source_path: Path, points: set[int]) -> tuple[Path, bytes, set[int]]:
    """(cache entry, subset, the code points it draws), from the cache when the same font and
    characters were subset by this code before."""
    try:
        source = source_path.read_bytes()
    except OSError as error:
        raise PortalError("build.font-unreadable", where=source_path, error=error.strerror) from None
    cached = cache / f"{input_key(version, source, format_ranges(points))}.woff2"
    try:
        data = cached.read_bytes()
        return cached, data, glyph_code_points(data)
    except Exception:  # noqa: BLE001 - a cache entry that cannot be read counts as missing
        pass
    try:
        data = subset_font(source, points)
    except Exception as error:  # noqa: BLE001 - fontTools raises many kinds on a broken file
        raise PortalError("build.font-unreadable", where=source_path, error=str(error) or type(error).__name__) from None
    write_atomically(cached, data)
    return cached, data, glyph_code_points(data)


def subset_site_fonts(site: Path, assets: Path, root: Path) -> dict[str, int]:
    """Subsets the fonts of `assets` (docs/assets) into site/assets; {file: bytes written}."""
    css_source = assets / "css" / "fonts.css"
    if not css_source.is_file():
        return {}
    css = css_source.read_text(encoding="utf-8")
    declared = faces(css)
    chosen = assign(declared, used_code_points(site))
    cache = root / CACHE_FOLDER / "fonts"
    version = code_version((sys.modules[__name__],), ("fonttools", "brotli"))
    cache.mkdir(parents=True, exist_ok=True)
    written, kept = {}, set()
    for face in declared:
        if face.file not in chosen:  # no page shows its characters: not declared, not published
            css = css.replace(face.css, "")
            (site / "assets" / "fonts" / face.file).unlink(missing_ok=True)
            continue
        points = chosen[face.file]
        entry, data, drawn = cached_subset(cache, version, assets / "fonts" / face.file, points)
        kept.add(entry.name)
        write_atomically(site / "assets" / "fonts" / face.file, data)
        written[face.file] = len(data)
        drawn &= points  # not a character the face lacks (a joiner in Latin)
        css = css.replace(face.css, RANGE.sub(f"unicode-range: {format_ranges(drawn)};", face.css))
    write_atomically(site / "assets" / "css" / "fonts.css", css.encode("utf-8"))
    for old in cache.glob("*.woff2"):
        if old.name not in kept:
            old.unlink(missing_ok=True)
    return written
