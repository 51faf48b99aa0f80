"""Self-hosted fonts, and nothing loaded from a third-party host."""

import re

import yaml

from conftest import PROJECT, TolerantLoader
from daklak_portal.site_audit import external_resources
from daklak_portal.site_build.fonts import faces

FONTS_CSS = (PROJECT / "docs/assets/css/fonts.css").read_text(encoding="utf-8")


def test_material_does_not_fetch_google_fonts():
    config = yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=TolerantLoader)
    assert config["theme"]["font"] is False


def test_every_font_face_points_at_a_committed_file_and_swaps():
    faces = re.findall(r"@font-face\s*{(.*?)}", FONTS_CSS, re.S)
    assert len(faces) >= 4
    for face in faces:
        assert "font-display: swap" in face
        for url in re.findall(r'url\("([^"]+)"\)', face):
            assert (PROJECT / "docs/assets/css" / url).resolve().is_file(), url


def test_fonts_cover_khmer_and_vietnamese():
    assert re.search(r'font-family: "Noto Sans Khmer";[^}]*unicode-range: U\+1780-17FF', FONTS_CSS)
    assert re.search(r'font-family: "Noto Sans";[^}]*unicode-range: [^;]*U\+1EA0-1EF9', FONTS_CSS)  # ạ…ỹ
    assert re.search(r'html:lang\(km\) body\s*{\s*--md-text-font-family: "Noto Sans Khmer"', FONTS_CSS)
    assert re.search(r'\[lang="km"\]\s*{\s*font-family: "Noto Sans Khmer"', FONTS_CSS)
    assert (PROJECT / "docs/assets/fonts/OFL-NotoSansKhmer.txt").is_file()


def test_the_khmer_name_face_holds_every_letter_of_the_switchers_khmer_name():
    """Vietnamese and English pages draw "ខ្មែរ" in their language switcher with a face cut to
    its letters; a renamed language with a letter outside that range would pull in the whole
    Khmer face again (the fallback), so the range follows the name in mkdocs.yml."""
    config = yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=TolerantLoader)
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    khmer_name = next(language["name"] for language in i18n["languages"] if language["locale"] == "km")
    names_face = next(face for face in faces(FONTS_CSS) if face.group[0] == '"Noto Sans Khmer Names"')
    assert {ord(letter) for letter in khmer_name} <= names_face.unicode_range, khmer_name
    assert (PROJECT / "docs/assets/fonts" / names_face.file).resolve() == (PROJECT / "docs/assets/fonts/noto-sans-khmer-khmer-400-normal.woff2").resolve()
    assert re.search(r'html:not\(:lang\(km\)\) \.md-select__link\[lang="km"\] \{\s*font-family: "Noto Sans Khmer Names"', FONTS_CSS)


def test_external_resources_are_detected(tmp_path):
    (tmp_path / "page.html").write_text(
        '<html><head><link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">\n'
        '<link rel="alternate" href="https://example.org/en/"></head><body>\n'
        '<img src="//cdn.example.com/a.png"><img srcset="/local.png 1x, https://x.example/b.png 2x">\n'
        '<a href="https://daklak.gov.vn/">portal</a><div style="background:url(https://t.example/p.gif)"></div>'
        "<script src='https://www.googletagmanager.com/gtag/js'></script></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "x.css").write_text('@import "https://fonts.googleapis.com/x.css";\nb{background:url(/ok.png)}', encoding="utf-8")
    found = sorted((f.path, f.line, f.message) for f in external_resources(tmp_path))
    assert found == [
        ("page.html", 1, "loads https://fonts.googleapis.com/css?family=Roboto from another host"),
        ("page.html", 3, "loads //cdn.example.com/a.png from another host"),
        ("page.html", 3, "loads https://x.example/b.png from another host"),
        ("page.html", 4, "loads https://t.example/p.gif from another host"),
        ("page.html", 4, "loads https://www.googletagmanager.com/gtag/js from another host"),
        ("x.css", 1, "loads https://fonts.googleapis.com/x.css from another host"),
    ]


def test_built_site_loads_nothing_from_other_hosts(built_basic_site):
    assert external_resources(built_basic_site) == []
