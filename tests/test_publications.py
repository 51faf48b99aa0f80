"""E-publications (portal publications): PDF and EPUB 3 from the built pages, only in languages
whose pages are all translated, Khmer shaped and broken between words, fonts embedded, text
that can be found, reproducible bytes, a valid EPUB package."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from conftest import PROJECT
from daklak_portal.config import load_settings
from daklak_portal.publications.build import build_publications

BLOCKED = "id: blocked-sample\ntitle: {vi: Lịch trình, en: Itineraries, km: ដំណើរ}\npages: [tourism/index.md, tourism/itineraries.md]\n"
UNTRANSLATED = ("tourism/itineraries.md", "news/posts/phu-xuan-industrial-park-groundbreaking.md")
SAMPLE = "id: khmer-sample\ntitle: {vi: Du lịch, en: Visiting, km: ទេសចរណ៍}\npages: [tourism/index.md, tourism/yok-don-national-park.md, tourism/ganh-da-dia.md]\n"


@pytest.fixture(scope="module")
def built(built_real_site, tmp_path_factory):
    """The real publications, and one of three pages that exist in Khmer, from the real site."""
    root = tmp_path_factory.mktemp("publications") / "project"
    root.mkdir()
    shutil.copytree(PROJECT / "docs", root / "docs")
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(PROJECT / "publications", root / "publications")
    (root / "publications/khmer-sample.yml").write_text(SAMPLE, encoding="utf-8")
    (root / "publications/blocked-sample.yml").write_text(BLOCKED, encoding="utf-8")
    # Every page is in Khmer now: in this copy, itineraries and one news post are not (yet).
    for key in UNTRANSLATED:
        (root / "docs/km" / key).unlink()
    settings = load_settings(root)
    report = build_publications(settings, built_real_site, root / "out")
    return root, settings, report


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_published_where_every_page_is_translated_and_blocked_elsewhere(built):
    root, _, report = built
    written = {(path.parent.name, path.name) for path, _, _ in report.written}
    for language in ("vi", "en"):
        for publication in ("investing-in-dak-lak", "visiting-dak-lak"):
            assert {(language, f"{publication}.pdf"), (language, f"{publication}.epub")} <= written
    assert ("km", "khmer-sample.pdf") in written and ("km", "investing-in-dak-lak.pdf") in written
    assert report.blocked[("blocked-sample", "km")] == ["tourism/itineraries.md"]
    assert ("km", "blocked-sample.pdf") not in written and ("en", "blocked-sample.pdf") in written


def test_pdf_text_can_be_found_in_vietnamese_and_khmer_with_fonts_embedded(built):
    root = built[0]
    vi = pdf_text(root / "out/vi/investing-in-dak-lak.pdf")
    assert "Đắk Lắk" in vi and "Thông tin cập nhật đến ngày" in vi
    km = pdf_text(root / "out/km/khmer-sample.pdf")
    assert "ខេត្តដាក់ឡាក់" in km
    reader = PdfReader(root / "out/km/khmer-sample.pdf")
    fonts = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = (font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object().get("/FontDescriptor")).get_object()
            fonts[str(font["/BaseFont"])] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert any("khmer" in name.lower() for name in fonts), fonts
    assert all(fonts.values()), f"fonts not embedded: {fonts}"


def test_pdf_has_contents_with_page_numbers_bookmarks_and_the_licence(built):
    root = built[0]
    reader = PdfReader(root / "out/en/investing-in-dak-lak.pdf")
    contents = reader.pages[1].extract_text()
    # Each chapter with the page it starts on (WeasyPrint's target-counter).
    assert re.search(r"Invest in Đắk Lắk \.+ 3\b", contents) and re.search(r"Investment environment and infrastructure \.+ \d+", contents), contents
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[1:3] == ["Invest in Đắk Lắk", "Investment environment and infrastructure"] and titles[-1] == "Sources"
    assert "CC BY 4.0" in reader.pages[0].extract_text()
    assert any("/Annots" in page for page in reader.pages), "links kept"


def test_two_builds_give_the_same_bytes(built, tmp_path):
    root, settings, report = built
    shutil.rmtree(root / ".cache")
    again = build_publications(settings, report.site, tmp_path / "again")
    assert len(again.written) == len(report.written)
    for path, _, _ in again.written:
        assert path.read_bytes() == (root / "out" / path.relative_to(tmp_path / "again")).read_bytes(), path.name


def test_epub_package_is_valid(built):
    root = built[0]
    for name in ("vi/visiting-dak-lak.epub", "km/khmer-sample.epub"):
        data = (root / "out" / name).read_bytes()
        archive = zipfile.ZipFile(io.BytesIO(data))
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED and archive.read("mimetype") == b"application/epub+zip"
        assert data[30:38] == b"mimetype"
        container = etree.fromstring(archive.read("META-INF/container.xml"))
        opf_path = container.find(".//{*}rootfile").get("full-path")
        opf = etree.fromstring(archive.read(opf_path))
        language = name.split("/")[0]
        assert opf.findtext(".//{http://purl.org/dc/elements/1.1/}language") == language
        assert opf.find(".//{*}item[@properties='nav']") is not None
        for item in opf.iter("{*}item"):
            document = etree.fromstring(archive.read("OEBPS/" + item.get("href")))
            assert document.get("{http://www.w3.org/XML/1998/namespace}lang") == language


def test_khmer_words_get_a_line_break_opportunity_and_tags_stay_whole():
    from daklak_portal.publications.render import khmer_word_breaks

    html = khmer_word_breaks('<p title="ខេត្តដាក់ឡាក់">ខេត្តដាក់ឡាក់ជាខេត្តមួយ (Đắk Lắk)</p>')
    assert html.startswith('<p title="ខេត្តដាក់ឡាក់">')  # attributes untouched
    text = html.split(">", 1)[1]
    assert "\u200b" in text and text.replace("\u200b", "") == "ខេត្តដាក់ឡាក់ជាខេត្តមួយ (Đắk Lắk)</p>"


def test_a_second_run_with_nothing_changed_renders_no_pdf(built, monkeypatch):
    from daklak_portal.publications import render

    root, settings, report = built
    rendered = []
    monkeypatch.setattr(render, "render_pdf", lambda *args: rendered.append(args) or b"")
    monkeypatch.setattr(render, "render_epub", lambda *args: rendered.append(args) or b"")
    again = build_publications(settings, report.site, root / "out")
    assert rendered == [] and len(again.written) == len(report.written)


def test_coverage_names_the_pages_that_keep_a_publication_out(built):
    from daklak_portal.publications.book import publication_coverage

    coverage = publication_coverage(built[1])
    assert coverage["en"]["missing"] == {} and coverage["en"]["translated"] == 4
    assert coverage["km"]["missing"] == {"blocked-sample": ["tourism/itineraries.md"]}


def test_each_bulletin_issue_has_bilingual_editions_on_the_web_and_in_pdf(built):
    root, _, report = built
    written = {path.name for path, _, _ in report.written}
    for issue in ("2025-h1", "2025-h2"):
        for second in ("en", "km"):
            assert {f"{issue}-vi-{second}.html", f"{issue}-vi-{second}.pdf"} <= written
    page = (root / "out/bulletin/2025-h1-vi-km.html").read_text(encoding="utf-8")
    # Paragraph beside paragraph, each marked with its language.
    assert page.count('<div class="pair"><div lang="vi">') > 10 and '<div lang="km"><p>' in page
    # Phú Xuân's news is not in Khmer: said so in Khmer, not shown silently in Vietnamese.
    section = page.split('<h2><span lang="vi">Động thổ Khu công nghiệp Phú Xuân', 1)[1].split("</section>", 1)[0]
    assert '<div lang="km"><p class="notice">ទំព័រនេះមិនទាន់បានបកប្រែ' in section and '<div lang="km"><p>' not in section
    assert '<link rel="stylesheet" href="edition.css">' in page and "<style>" not in page  # the site's policy: no inline style
    text = pdf_text(root / "out/bulletin/2025-h1-vi-km.pdf")
    assert "Buôn Ma Thuột" in text and "ខេត្តដាក់ឡាក់" in text


def test_a_listing_page_per_language_names_every_file(built):
    root, _, report = built
    files = [path for path, _, _ in report.written if path.suffix in (".pdf", ".epub")]
    for language, page in (("vi", "index.html"), ("en", "en/index.html"), ("km", "km/index.html")):
        html = (root / "out" / page).read_text(encoding="utf-8")
        assert f'<html lang="{language}">' in html and '<meta name="robots" content="noindex, follow">' in html
        for path in files:
            assert path.relative_to(root / "out").as_posix() + '"' in html, (page, path)
    km = (root / "out/km/index.html").read_text(encoding="utf-8")
    assert "<th scope=\"col\">ទំហំ</th>" in km
    assert '<span lang="vi">Bản tin Đối ngoại Đắk Lắk số 1/2025</span> / <span lang="km">ព្រឹត្តិបត្រ' in km


def test_the_files_join_the_open_data_catalogue_once(built, built_real_site, tmp_path):
    from daklak_portal.dataset import source_date
    from daklak_portal.publications.catalog import add_to_catalogue

    root, settings, report = built
    site = tmp_path / "site"
    shutil.copytree(built_real_site / "data", site / "data")
    out = site / "publications"
    files = [(out / path.relative_to(root / "out"), language, size, report.titles[path]) for path, language, size in report.written]
    for _ in range(2):  # a second run replaces, it does not add
        add_to_catalogue(settings, site, out, files, source_date())
    catalog = json.loads((site / "data/catalog.jsonld").read_text(encoding="utf-8"))
    distributions = [item for item in catalog["dcat:dataset"]["dcat:distribution"] if "/publications/" in item["@id"]]
    assert len(distributions) == sum(1 for path, *_ in files if path.suffix in (".pdf", ".epub"))
    epub = next(item for item in distributions if item["@id"].endswith("en/visiting-dak-lak.epub"))
    assert epub["dcat:mediaType"].endswith("application/epub+zip") and epub["dcat:byteSize"] > 0
    assert epub["dct:language"] == [{"@id": "http://publications.europa.eu/resource/authority/language/ENG"}]
    package = json.loads((site / "data/datapackage.json").read_text(encoding="utf-8"))
    names = [resource["name"] for resource in package["resources"]]
    assert len(names) == len(set(names)) and "en-visiting-dak-lak-epub" in names


def test_drawings_print_without_the_labels_weasyprint_cannot_shape():
    from daklak_portal.publications.render import without_unshaped_svg_text

    html = '<p>កម្ពុជា</p><svg><text x="1">កម្ពុជា</text><text x="2">Buôn Ma Thuột</text><text x="3">១២</text></svg>'
    # Khmer words go (the list beside the map says them in shaped text); Latin names and digits stay.
    assert without_unshaped_svg_text(html) == '<p>កម្ពុជា</p><svg><text x="2">Buôn Ma Thuột</text><text x="3">១២</text></svg>'
