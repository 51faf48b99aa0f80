"""A strict build of a small trilingual site: languages, Khmer UI, footer, 404s, bad input."""

import hashlib
import re

from conftest import BASIC_NAV, BASIC_PAGES, build, make_site

HTML_LANG = re.compile(r"<html lang=\"([^\"]+)\"")


def html(site, path):
    return (site / path).read_text(encoding="utf-8")


def test_every_page_declares_its_language(built_basic_site):
    for path in built_basic_site.rglob("*.html"):
        relative = path.relative_to(built_basic_site).as_posix()
        expected = relative.split("/")[0] if relative.split("/")[0] in ("en", "km") else "vi"
        assert HTML_LANG.search(html(built_basic_site, relative)).group(1) == expected, relative


def test_khmer_pages_show_the_khmer_interface(built_basic_site):
    page = html(built_basic_site, "km/index.html")
    assert 'placeholder="ស្វែងរក"' in page  # search box
    assert 'aria-label="ជ្រើសរើសភាសា"' in page  # language selector
    assert "ព័ត៌មានទំនាក់ទំនងទាំងអស់" in page  # footer link, from the km gettext catalog
    section = html(built_basic_site, "km/province/index.html")  # a page with headings: skip link
    assert 'class="md-skip">\n          រំលងទៅខ្លឹមសារ' in section


def test_site_name_and_description_per_language(built_basic_site):
    assert "<title>Trang chủ - Cổng thông tin đối ngoại tỉnh Đắk Lắk</title>" in html(built_basic_site, "index.html")
    assert "<title>Home - Đắk Lắk Foreign Information Portal</title>" in html(built_basic_site, "en/index.html")
    km = html(built_basic_site, "km/index.html")
    assert "វិបផតថលព័ត៌មានការបរទេសខេត្តដាក់ឡាក់" in km
    assert 'name="description" content="ព័ត៌មានផ្លូវការអំពីខេត្តដាក់ឡាក់' in km


def test_navigation_titles_are_translated(built_basic_site):
    assert "The province" in html(built_basic_site, "en/index.html")
    assert "ទិដ្ឋភាពទូទៅនៃខេត្ត" in html(built_basic_site, "km/index.html")
    assert "Tổng quan tỉnh" in html(built_basic_site, "index.html")


def test_footer_shows_the_agency_from_the_contacts_page(built_basic_site):
    vi = html(built_basic_site, "index.html")
    assert '<strong lang="vi">Văn phòng thử nghiệm</strong>' in vi
    assert 'href="tel:0262000000">0262 000 000</a>' in vi and "mailto:test@example.org" in vi
    en = html(built_basic_site, "en/index.html")
    assert "Published by" in en and '<strong lang="en">Test Office</strong>' in en
    assert 'Address: <span lang="vi">Số 1 đường Thử</span>' in en  # untranslated text keeps lang="vi"
    km = html(built_basic_site, "km/index.html")
    # Khmer labels end with "៖", not an ASCII colon
    assert 'បោះពុម្ពផ្សាយដោយ៖ <strong lang="vi">Văn phòng thử nghiệm</strong>' in km
    assert 'Published by: <strong lang="en">Test Office</strong>' in en


def test_a_404_page_per_language(built_basic_site):
    for path, lang, title, home in [
        ("404.html", "vi", "Không tìm thấy trang", 'href="/"'),
        ("en/404.html", "en", "Page not found", 'href="/en/"'),
        ("km/404.html", "km", "រកមិនឃើញទំព័រ", 'href="/km/"'),
    ]:
        page = html(built_basic_site, path)
        assert f'<html lang="{lang}"' in page
        assert f"<h1>{title}</h1>" in page
        assert f'<a {home}>' in page  # back to this language's home
        # The switcher offers each language's home page, not stale links of another page.
        for other, link in (("vi", "/"), ("en", "/en/"), ("km", "/km/")):
            assert f'<a href="{link}" hreflang="{other}" lang="{other}"' in page


def test_two_builds_are_byte_identical(tmp_path):
    first, second = (make_site(tmp_path / name, BASIC_PAGES) for name in ("one", "two"))
    for root in (first, second):
        assert build(root).returncode == 0
    digests = [
        {p.relative_to(root / "site").as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((root / "site").rglob("*")) if p.is_file()}
        for root in (first, second)
    ]
    assert digests[0] == digests[1]
    assert "sitemap.xml.gz" in digests[0]


def assert_fails_cleanly(tmp_path, extra_pages, expected):
    """The build stops with one line naming file and line, exit 1, and the old site untouched."""
    root = make_site(tmp_path / "src", {**BASIC_PAGES, **extra_pages})
    old = root / "site" / "index.html"
    old.parent.mkdir(parents=True)
    old.write_text("previous good build", encoding="utf-8")
    result = build(root)
    assert result.returncode == 1
    assert expected in result.output
    assert "Traceback" not in result.output
    assert old.read_text(encoding="utf-8") == "previous good build"
    assert sorted(p.name for p in (root / "site").iterdir()) == ["index.html"]


def test_malformed_front_matter_stops_the_build(tmp_path):
    assert_fails_cleanly(tmp_path, {"vi/province/index.md": "---\ntitle: [\n---\n"}, "docs/vi/province/index.md:3: the front matter is not valid YAML")


def test_non_utf8_file_stops_the_build(tmp_path):
    assert_fails_cleanly(tmp_path, {"en/province/index.md": b"---\ntitle: Overview\n---\nD\xe9k\n"}, "docs/en/province/index.md:4: the file is not UTF-8 text")


def test_markdown_outside_language_folders_stops_the_build(tmp_path):
    assert_fails_cleanly(tmp_path, {"stray.md": "---\ntitle: Stray\n---\n"}, "docs/stray.md: this page is outside the language folders")


def test_missing_nav_target_stops_the_build(tmp_path):
    root = make_site(tmp_path / "src", BASIC_PAGES, nav=["index.md", "tourism/lak-lake.md"])
    result = build(root)
    assert result.returncode == 1
    assert "the navigation names 'tourism/lak-lake.md' but docs/vi/tourism/lak-lake.md does not exist" in result.output
    assert "Traceback" not in result.output and not (root / "site").exists()


def test_the_build_log_shows_only_what_needs_action(tmp_path):
    # News posts and generated listings are reached from the news page, not the menu: MkDocs
    # does not list them as "not included in the nav" on every build.
    post = "---\ntitle: Tin thử\ndescription: Một tin.\ndate: 2026-03-10\nslug: tin-thu\n---\nNội dung.\n"
    pages = {**BASIC_PAGES, "vi/news/index.md": "---\ntitle: Tin tức\n---\n", "vi/news/posts/tin-thu.md": post}
    root = make_site(tmp_path / "src", pages, nav=[*BASIC_NAV, {"Tin tức": ["news/index.md"]}])
    result = build(root)
    assert result.returncode == 0, result.output
    assert "not included in the" not in result.output
    assert "WARNING" not in result.output
    # and ends with one line that sums it up (its pages per language), in the editor's language
    assert "Site built. Pages written in each language: vi 5, en 3, km 1; pages in the search index: en 3, km 1, vi 5." in result.output


def test_a_link_to_a_missing_heading_stops_the_strict_build(tmp_path):
    pages = {**BASIC_PAGES, "vi/index.md": "---\ntitle: Trang chủ\n---\nXem [vị trí](province/index.md#no-such-heading).\n"}
    result = build(make_site(tmp_path / "src", pages))
    assert result.returncode == 1
    assert "province/index.md#no-such-heading" in result.output and "no-such-heading" in result.output


def test_vietnamese_source_titles_are_marked_on_other_languages_pages(built_basic_site):
    # The contacts page cites "Nguồn thử": on the English page a screen reader reads it in Vietnamese.
    en = html(built_basic_site, "en/about/contacts/index.html")
    vi = html(built_basic_site, "about/contacts/index.html")
    assert 'rel="external noopener" lang="vi">Nguồn thử</a>' in en
    assert 'rel="external noopener">Nguồn thử</a>' in vi  # the page's own language: nothing to mark
