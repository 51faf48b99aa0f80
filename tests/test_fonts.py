"""Web fonts cut down to the characters the built site shows (site_build/fonts.py): lighter
first loads, nothing a page shows left without its glyph, Khmer still shaped."""

import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops, ImageDraw, ImageFont

from conftest import PROJECT
from daklak_portal.site_build.fonts import (
    assign,
    faces,
    format_ranges,
    parse_ranges,
    subset_font,
    used_code_points,
)

SOURCE_CSS = (PROJECT / "docs/assets/css/fonts.css").read_text(encoding="utf-8")
SOURCE_FONTS = PROJECT / "docs/assets/fonts"
KHMER_FULL = SOURCE_FONTS / "noto-sans-khmer-khmer-400-normal.woff2"


def test_unicode_ranges_read_and_write_back():
    text = "U+0000-00FF,U+0131,U+1EA0-1EF9"
    assert format_ranges(set(parse_ranges(text))) == text
    assert format_ranges({0x41, 0x42, 0x43, 0x45}) == "U+0041-0043,U+0045"


def test_a_vietnamese_letter_is_drawn_from_the_vietnamese_face_only():
    chosen = assign(faces(SOURCE_CSS), {ord(char) for char in "Đắk Lắk"})
    for weight in (400, 700):
        assert ord("Đ") in chosen[f"noto-sans-vietnamese-{weight}-normal.woff2"]
        assert ord("L") in chosen[f"noto-sans-latin-{weight}-normal.woff2"]
        # Đ is in the Latin Extended range too: a page with it must not download that face.
        assert f"noto-sans-latin-ext-{weight}-normal.woff2" not in chosen
        assert f"noto-sans-khmer-khmer-{weight}-normal.woff2" not in chosen


def ink(font_path: Path | str, text: str) -> Image.Image:
    """The text drawn with the font (Raqm: HarfBuzz shaping), black and white."""
    font = ImageFont.truetype(str(font_path), 40, layout_engine=ImageFont.Layout.RAQM)
    image = Image.new("L", (900, 80), 0)
    ImageDraw.Draw(image).text((5, 5), text, font=font, fill=255)
    return image.point(lambda value: 255 if value > 127 else 0)


def count(image: Image.Image) -> int:
    return sum(1 for value in image.get_flattened_data() if value) if hasattr(image, "get_flattened_data") else sum(1 for value in image.getdata() if value)


@pytest.mark.parametrize("text", ["ព្រះរាជាណាចក្រកម្ពុជា", "ខេត្តដាក់ឡាក់ ស្រ្តី ក្សត្រ"])
def test_khmer_subset_shapes_exactly_like_the_full_font(tmp_path, text):
    subset = tmp_path / "subset.woff2"
    subset.write_bytes(subset_font(KHMER_FULL.read_bytes(), {ord(char) for char in text} | {0x200C, 0x200D, 0x25CC}))
    assert subset.stat().st_size < KHMER_FULL.stat().st_size
    # The same shapes: the subscript consonants and vowel signs (GSUB/GPOS) survived. Hinting
    # moves a few edge pixels (29 of about 2,500 here); a font without its layout tables
    # differs by about 2,300.
    full, cut = ink(KHMER_FULL, text), ink(subset, text)
    assert count(ImageChops.difference(full, cut)) < 0.05 * count(full)


def glyphs(font: Path) -> set[int]:
    return set(TTFont(font).getBestCmap())


def built_faces(site: Path):
    return faces((site / "assets/css/fonts.css").read_text(encoding="utf-8"))


def test_every_character_a_page_shows_has_its_glyph_in_the_served_font(built_real_site):
    used = used_code_points(built_real_site)
    served = built_faces(built_real_site)
    assert {face.file for face in served} >= {"noto-sans-latin-400-normal.woff2", "noto-sans-vietnamese-400-normal.woff2", "noto-sans-khmer-khmer-400-normal.woff2"}
    for group in {face.group for face in faces(SOURCE_CSS)}:
        # What the full fonts can draw of the declared ranges (a line break has no glyph).
        declared = set().union(*(face.unicode_range & glyphs(SOURCE_FONTS / face.file) for face in faces(SOURCE_CSS) if face.group == group))
        covered = set().union(*(face.unicode_range for face in served if face.group == group))
        assert used & declared <= covered, (group, sorted(map(chr, used & declared - covered)))
    for face in served:
        missing = face.unicode_range - glyphs(built_real_site / "assets/fonts" / face.file)
        assert not missing, (face.file, sorted(map(chr, missing)))


def test_first_load_fonts_are_a_fraction_of_the_full_ones(built_real_site):
    full = sum(path.stat().st_size for path in SOURCE_FONTS.glob("*.woff2"))
    served = sum((built_real_site / "assets/fonts" / face.file).stat().st_size for face in built_faces(built_real_site))
    assert served < full * 0.4, (served, full)  # 198 KB declared; about 54 KB served (2026-12-06)
    unused = {path.name for path in (built_real_site / "assets/fonts").glob("*.woff2")} - {face.file for face in built_faces(built_real_site)}
    assert not unused, f"published but never declared: {unused}"


def test_each_page_preloads_its_languages_font_and_the_file_exists(built_real_site):
    expected = {"": "noto-sans-latin-400-normal.woff2", "en/": "noto-sans-latin-400-normal.woff2", "km/": "noto-sans-khmer-khmer-400-normal.woff2"}
    for prefix, font in expected.items():
        for page in ("", "tourism/", "404.html"):
            path = built_real_site / prefix / (page if page.endswith(".html") else f"{page}index.html")
            links = re.findall(r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin>', path.read_text(encoding="utf-8"))
            assert links == [f"/assets/fonts/{font}"], path
            assert (built_real_site / links[0].lstrip("/")).is_file()
