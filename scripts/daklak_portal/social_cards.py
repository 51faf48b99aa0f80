"""Social cards: the preview image shown when a page is shared, drawn in the page's language.

Pillow (with libraqm, so Khmer is shaped correctly) draws the title with the portal's own
self-hosted fonts (docs/assets/fonts: no network). The fonts are split by Unicode range like
the web fonts they are, so each character is drawn with the face that covers it. Lines wrap
at word boundaries: spaces for Latin text, khmer-nltk's words for Khmer (which has no spaces
between words). Cards are cached by their content, so an unchanged page costs nothing.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .build_cache import CACHE_FOLDER
from .config import language_info
from .text_language import KHMER

WIDTH, HEIGHT = 1200, 630
CARDS_CACHE = CACHE_FOLDER / "cards"  # under the project's root
CARD_VERSION = 3  # 2: JPEG (PNG encoding took 50 ms a card, most of a cold build); 3: key figures under the title
BACKGROUND, BAND, TEXT, MUTED = (15, 61, 38), (27, 94, 59), (255, 255, 255), (214, 232, 220)
# (first, last code point, font file stem) in the order the web fonts declare them.
_FACES = (
    (0x1780, 0x17FF, "noto-sans-khmer-khmer"),
    (0x19E0, 0x19FF, "noto-sans-khmer-khmer"),
    (0x0E80, 0x0EFF, "noto-sans-lao-lao"),
    (0x0102, 0x0103, "noto-sans-vietnamese"), (0x0110, 0x0111, "noto-sans-vietnamese"),
    (0x0128, 0x0129, "noto-sans-vietnamese"), (0x0168, 0x0169, "noto-sans-vietnamese"),
    (0x01A0, 0x01A1, "noto-sans-vietnamese"), (0x01AF, 0x01B0, "noto-sans-vietnamese"),
    (0x0300, 0x0323, "noto-sans-vietnamese"), (0x1EA0, 0x1EF9, "noto-sans-vietnamese"),
    (0x0100, 0x02BA, "noto-sans-latin-ext"), (0x1E00, 0x1EFF, "noto-sans-latin-ext"),
)


@lru_cache(maxsize=None)  # a font file is read once per process (Fonts objects travel to workers, the cache does not)
def _face(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.RAQM)


class Fonts:
    def __init__(self, fonts_dir: Path):
        self.fonts_dir = fonts_dir

    def face(self, stem: str, bold: bool, size: int) -> ImageFont.FreeTypeFont:
        return _face(self.fonts_dir / f"{stem}-{700 if bold else 400}-normal.woff2", size)

    def for_char(self, char: str, bold: bool, size: int) -> ImageFont.FreeTypeFont:
        point = ord(char)
        stem = next((name for first, last, name in _FACES if first <= point <= last), "noto-sans-latin")
        return self.face(stem, bold, size)


def runs(text: str, fonts: Fonts, bold: bool, size: int) -> list[tuple[str, ImageFont.FreeTypeFont]]:
    """The text cut where the font changes (Khmer clusters stay whole)."""
    out: list[tuple[str, ImageFont.FreeTypeFont]] = []
    for char in text:
        font = fonts.for_char(char, bold, size) if not (out and "\u0300" <= char <= "\u036f") else out[-1][1]
        if out and out[-1][1] is font:
            out[-1] = (out[-1][0] + char, font)
        else:
            out.append((char, font))
    return out


def words(text: str) -> list[str]:
    """Where a line may break: after each Latin word (with its space) and each Khmer word."""
    from khmernltk import word_tokenize

    pieces: list[str] = []
    for chunk in re.findall(r"\S+\s*", text):
        if KHMER.search(chunk):
            tokens = [token for token in word_tokenize(chunk.rstrip()) if token]
            tokens[-1] += chunk[len(chunk.rstrip()):]  # keep the space that followed the chunk
            pieces += tokens
        else:
            pieces.append(chunk)
    return pieces


def wrap(text: str, fonts: Fonts, bold: bool, size: int, width: int) -> list[str]:
    lines, line = [], ""
    for piece in words(text):
        candidate = line + piece
        if line and measure(candidate.rstrip(), fonts, bold, size) > width:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line = candidate
    if line.strip():
        lines.append(line.rstrip())
    return lines


def measure(text: str, fonts: Fonts, bold: bool, size: int) -> float:
    return sum(font.getlength(part) for part, font in runs(text, fonts, bold, size))


def draw_text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, fonts: Fonts, bold: bool, size: int, fill, language: str) -> None:
    x, y = xy
    for part, font in runs(text, fonts, bold, size):
        draw.text((x, y), part, font=font, fill=fill, language=language)
        x += font.getlength(part)


def drawable(text: str) -> str:
    """The text without characters no font draws (controls, unassigned code points, private
    use, lone surrogates): the text layout engine fails on some of them."""
    return "".join(char for char in str(text) if unicodedata.category(char) not in ("Cc", "Cs", "Co", "Cn"))


def render_card(title: str, site_name: str, language: str, fonts: Fonts, figures: tuple = ()) -> Image.Image:
    """The card: the site's name in a band, the title, and under it the page's key figures
    ((number, label) pairs, from figures.social_card_figures) when it shows any."""
    title, site_name = drawable(title), drawable(site_name)
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 96), fill=BAND)
    draw_text(draw, (64, 24), site_name, fonts, True, 36, MUTED, language)
    bottom = HEIGHT - 60 - (FIGURES_HEIGHT if figures else 0)
    most_lines = 4 if not figures else 2
    for size in (72, 64, 56, 48):  # the largest size at which the title fits
        lines = wrap(title, fonts, True, size, WIDTH - 128)
        if len(lines) <= most_lines:
            break
    line_height = int(size * language_info(language).card_line_height)  # (Khmer: room for subscripts)
    top = 96 + (bottom - 96 - line_height * len(lines[:most_lines])) // 2
    for number, line in enumerate(lines[:most_lines]):
        draw_text(draw, (64, top + number * line_height), line, fonts, True, size, TEXT, language)
    if figures:
        _draw_figures(draw, figures, fonts, language, bottom)
    draw.rectangle((64, HEIGHT - 44, 184, HEIGHT - 36), fill=(242, 193, 78))
    return image


FIGURES_HEIGHT = 170  # the row of key figures: the number, then its label on up to two lines


def _draw_figures(draw: ImageDraw.ImageDraw, figures: tuple, fonts: Fonts, language: str, top: int) -> None:
    """Side by side: the number as large as fits its column (on two lines, smaller, when even
    that does not fit: a Khmer unit is a long word), then the label."""
    column = (WIDTH - 128) // len(figures)
    line_factor = language_info(language).card_line_height
    for index, (number, label) in enumerate(figures):
        x, room = 64 + index * column, column - 40
        draw.line((x, top + 8, x, top + FIGURES_HEIGHT - 24), fill=(242, 193, 78), width=4)
        number, label = drawable(number), drawable(label)
        size = next((size for size in (44, 38, 32) if measure(number, fonts, True, size) <= room), 0)
        rows = [number] if size else wrap(number, fonts, True, 28, room)[:2]
        size = size or 28
        for row, line in enumerate(rows):
            draw_text(draw, (x + 20, top + 4 + row * int(size * line_factor)), line, fonts, True, size, TEXT, language)
        label_top = top + 4 + int(size * line_factor) * len(rows) + 8
        for row, line in enumerate(wrap(label, fonts, False, 24, room)[: 3 - len(rows)]):
            draw_text(draw, (x + 20, label_top + row * int(24 * line_factor)), line, fonts, False, 24, MUTED, language)


def card_file(title: str, site_name: str, language: str, fonts: Fonts, cache_dir: Path, figures: tuple = ()) -> Path:
    """The card's JPEG in the cache (drawn only when its content changed). JPEG at quality 90
    without chroma subsampling keeps the text's edges clean and encodes in 3 ms, where an
    optimised PNG took 50 ms: on a site of thousands of pages that was most of a cold build."""
    content = f"{CARD_VERSION}\0{language}\0{site_name}\0{title}" + "".join(f"\0{number}\0{label}" for number, label in figures)
    key = hashlib.sha256(content.encode()).hexdigest()[:16]
    path = cache_dir / f"{key}.jpg"
    if not _whole_jpeg(path):
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")  # parallel builds may draw the same card
        render_card(title, site_name, language, fonts, figures).save(temporary, "JPEG", quality=90, subsampling=0)
        temporary.replace(path)
    return path


def _whole_jpeg(path: Path) -> bool:
    """A cached card is used only when it is a whole JPEG (start and end markers in place):
    a truncated or overwritten cache file is drawn again, never published."""
    try:
        with path.open("rb") as card:
            start = card.read(3)
            card.seek(-2, 2)
            return start == b"\xff\xd8\xff" and card.read(2) == b"\xff\xd9"
    except OSError:
        return False


def card_path(key: str, language: str) -> str:
    """Site path of a page's card: assets/cards/en/tourism/lak-lake.jpg."""
    return f"assets/cards/{language}/{key.removesuffix('.md')}.jpg"
