"""`portal audit` finds passages whose `lang` does not fit their language (lang_audit), and the
real site has none: what a screen reader would read with the wrong voice."""

import pytest

from conftest import make_site, portal
from daklak_portal.lang_audit import lang_problems, wrong_language
from daklak_portal.page_sources import reader_sources
from daklak_portal.text_language import title_language


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("ខេត្តដាក់ឡាក់", "vi", "audit.lang-script"),
        ("ខេត្តដាក់ឡាក់", "km", None),
        ("ខេត្តដាក់ឡាក់", "km-KH", None),
        # Running Vietnamese on an English page; a Vietnamese title standing alone on a Khmer page.
        ("Tỉnh Đắk Lắk là nơi có nhiều thác nước đẹp và các buôn làng của đồng bào", "en", "audit.lang-vietnamese"),
        ("Không gian văn hóa Cồng chiêng Tây Nguyên", "km", "audit.lang-vietnamese"),
        ("Không gian văn hóa Cồng chiêng Tây Nguyên", "vi", None),
        # English on a Vietnamese page (an article title left unmarked).
        ("Many new features at the 2025 Buon Ma Thuot Coffee Festival", "vi", "audit.lang-english"),
        ("Many new features at the 2025 Buon Ma Thuot Coffee Festival", "en", None),
        # Names inside a sentence of the page's language are not passages of another language.
        ("Đắk Ruê – Chi Miết border gate", "en", None),
        ("The coffee of Buôn Ma Thuột is grown on basalt soil in the highlands", "en", None),
        ("ផ្លូវល្បឿនលឿន Khánh Hòa – Buôn Ma Thuột កំពុងសាងសង់", "km", None),
    ],
)
def test_each_passage_is_judged_by_its_own_language(text, lang, expected):
    assert wrong_language(text, lang) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Đắk Lắk khởi công dự án cao tốc", "vi"),
        ("Cấp thẻ tạm trú cho người nước ngoài tại Việt Nam tại Công an cấp tỉnh", "vi"),  # "an" is Vietnamese too
        ("9th Buôn Ma Thuột Coffee Festival to feature wide range of fun activities", "en"),
        ("Many new features at 2025 Buon Ma Thuot Coffee Festival", "en"),
        ("Dak Lak", None),
        ("Cerrar el plan de la provincia de Dak Lak tiene 68 unidades administrativas comunales", None),
    ],
)
def test_a_source_titles_language_is_recognised(title, expected):
    assert title_language(title) == expected


def test_source_titles_carry_their_language_unless_it_is_the_pages():
    sources = {"sources": [
        {"title": "Đắk Lắk khởi công dự án cao tốc", "url": "https://baodaklak.vn/a"},
        {"title": "Many new features at the 2025 Buon Ma Thuot Coffee Festival", "url": "https://en.nhandan.vn/b"},
        {"title": "Cerrar el plan de la provincia de Dak Lak tiene 68 unidades", "url": "https://es.example/c", "lang": "es"},
    ]}
    assert [item["lang"] for item in reader_sources(sources, "en", "/en/")["items"]] == ["vi", None, "es"]
    assert [item["lang"] for item in reader_sources(sources, "vi", "/")["items"]] == [None, "en", "es"]


def page(lang: str, body: str) -> str:
    return f'<!doctype html>\n<html lang="{lang}">\n<head><title>x</title></head>\n<body>\n{body}\n</body>\n</html>\n'


def test_runs_follow_the_nearest_lang_and_report_their_line(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "index.html").write_text(
        page(
            "en",
            '<p>Source: <a href="#" lang="vi">Đắk Lắk khởi công dự án cao tốc Khánh Hòa – Buôn Ma Thuột</a>, read in 2026.</p>\n'
            "<table><tr><th>Khmer</th><td>ខេត្តដាក់ឡាក់</td></tr></table>\n"
            "<pre><code>ខេត្ត</code></pre><script>var x = 'ខេត្ត';</script>",
        ),
        encoding="utf-8",
    )
    found = lang_problems(tmp_path)
    assert [(problem.path, problem.line, problem.message_id) for problem in found] == [("en/index.html", 6, "audit.lang-script")]
    assert dict(found[0].values) == {"lang": "en", "text": "ខេត្តដាក់ឡាក់"}


def test_portal_audit_refuses_a_site_with_a_wrongly_marked_passage(tmp_path):
    root = make_site(tmp_path / "src", {"vi/index.md": "---\ntitle: T\n---\n"}, nav=["index.md"])
    built = root / "built"
    built.mkdir()
    (built / "index.html").write_text(page("vi", "<p>Visitors can take the bus from the airport to the city centre in twenty minutes.</p>"), encoding="utf-8")
    (built / "sitemap.xml").write_text('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>', encoding="utf-8")
    result = portal(root, "audit", "built")
    assert result.returncode == 1
    assert 'index.html:5: English text in a passage marked lang="vi": "Visitors can take the bus' in result.output


def test_the_real_site_marks_every_passage_in_another_language(built_real_site):
    problems = lang_problems(built_real_site)
    assert not problems, "\n".join(map(str, problems))
