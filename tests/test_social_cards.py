"""Social cards: drawn offline from the committed fonts, Khmer wrapped between words, cached."""


import pytest
from khmernltk import word_tokenize
from PIL import Image

from conftest import PROJECT
from daklak_portal import social_cards
from daklak_portal.social_cards import Fonts, card_file, wrap

FONTS = Fonts(PROJECT / "docs/assets/fonts")
KHMER_TITLE = "សមាគមមិត្តភាពខេត្តដាក់ឡាក់ និងខេត្តមណ្ឌលគិរី បន្តសុពលភាពអនុស្សរណៈនៃការយោគយល់គ្នាស្ដីពីកិច្ចសហប្រតិបត្តិការ"


def test_khmer_title_wraps_only_between_words():
    lines = wrap(KHMER_TITLE, FONTS, True, 72, 1072)
    assert len(lines) >= 3
    assert "".join(lines).replace(" ", "") == KHMER_TITLE.replace(" ", "")  # nothing lost or added
    boundaries, at = set(), 0
    for token in word_tokenize(KHMER_TITLE.replace(" ", "")):
        at += len(token)
        boundaries.add(at)
    done = 0
    for line in lines[:-1]:
        done += len(line.replace(" ", ""))
        assert done in boundaries, f"a line breaks inside a word after {line!r}"


def test_vietnamese_title_wraps_at_spaces_and_keeps_diacritics():
    title = "Không gian văn hóa Cồng chiêng Tây Nguyên – Di sản văn hóa phi vật thể của nhân loại"
    lines = wrap(title, FONTS, True, 72, 1072)
    assert " ".join(lines) == title


def test_card_is_a_1200x630_jpeg_and_is_cached(tmp_path, monkeypatch):
    path = card_file("Hồ Lắk", "Cổng thông tin đối ngoại tỉnh Đắk Lắk", "vi", FONTS, tmp_path)
    with Image.open(path) as card:
        assert card.size == (1200, 630) and card.format == "JPEG"
        # the title is drawn: white pixels in the middle band
        assert any(min(color) >= 245 for _, color in card.crop((64, 200, 600, 450)).getcolors(maxcolors=1 << 20))
    monkeypatch.setattr(social_cards, "render_card", lambda *args: pytest.fail("re-rendered an unchanged card"))
    assert card_file("Hồ Lắk", "Cổng thông tin đối ngoại tỉnh Đắk Lắk", "vi", FONTS, tmp_path) == path


def test_every_real_page_has_its_card(built_real_site):
    page = (built_real_site / "km/tourism/ganh-da-dia/index.html").read_text(encoding="utf-8")
    assert '<meta property="og:image" content="https://daklak-portal.example.org/assets/cards/km/tourism/ganh-da-dia.jpg">' in page
    with Image.open(built_real_site / "assets/cards/km/tourism/ganh-da-dia.jpg") as card:
        assert card.size == (1200, 630)
    history = (built_real_site / "km/province/history/index.html").read_text(encoding="utf-8")
    assert "assets/cards/km/province/history.jpg" in history  # translated: its own Khmer card


def test_an_untranslated_page_shows_the_vietnamese_pages_card(built_basic_site):
    untranslated = (built_basic_site / "km/province/index.html").read_text(encoding="utf-8")  # no Khmer page in the fixture
    assert "assets/cards/vi/province/index.jpg" in untranslated


def test_a_title_with_control_characters_still_gets_a_card(tmp_path):
    # Found by tests/test_no_traceback.py: the text layout engine failed on a backspace.
    fonts = Fonts(PROJECT / "docs/assets/fonts")
    path = card_file("\x08\x850 Hồ Lắk\ue000", "Cổng thông tin", "vi", fonts, tmp_path)
    with Image.open(path) as card:
        assert card.size == (1200, 630)


def test_a_page_showing_key_figures_shares_them_on_its_card(tmp_path):
    from daklak_portal.config import load_settings
    from daklak_portal.figures import load_figures, social_card_figures
    from daklak_portal.translations import load_translations

    figures, _ = load_figures(load_settings(PROJECT))
    body = "Giới thiệu.\n\n[[figures:area,population]]\n\n[[figures:coastline]]\n"
    shown = social_card_figures(body, figures, "km", "vi", load_translations("km").gettext)
    assert shown == (("១៨.០៩៦,៤០ គីឡូម៉ែត្រការ៉េ", "ផ្ទៃដី"), ("៣.៣៤៦.៨៥៣ នាក់", "ចំនួនប្រជាជន"))  # the first row, in the page's language
    assert social_card_figures("Không có số liệu.", figures, "km", "vi", load_translations("km").gettext) == ()
    plain = card_file("Đắk Lắk", "Cổng thông tin", "km", FONTS, tmp_path)
    with_figures = card_file("Đắk Lắk", "Cổng thông tin", "km", FONTS, tmp_path, shown)
    corrected = card_file("Đắk Lắk", "Cổng thông tin", "km", FONTS, tmp_path, (("១៨.១០០,៥០ គីឡូម៉ែត្រការ៉េ", "ផ្ទៃដី"), shown[1]))
    assert len({plain, with_figures, corrected}) == 3  # a corrected figure is a new card, not the cached one
    with Image.open(plain) as card:  # nothing drawn where the figures go
        assert all(max(abs(a - b) for a, b in zip(color, social_cards.BACKGROUND, strict=True)) < 12 for _, color in card.crop((84, 420, 1100, 540)).getcolors(maxcolors=1 << 20))
    with Image.open(with_figures) as card:  # the numbers in white, the labels muted, under the title
        assert any(min(color) >= 245 for _, color in card.crop((84, 400, 600, 470)).getcolors(maxcolors=1 << 20))
