"""What a language's build adds to its pages (site_build.pages), tested without a build: the
state is prepared from a small site, and each function is called as the plugin calls it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from conftest import BASIC_PAGES, make_site
from daklak_portal.site_build import pages
from daklak_portal.site_build.state import prepare
from daklak_portal.site_build.templates import template_globals

POST = "---\ntitle: Lễ hội thử\ndescription: Một bài thử.\ndate: 2026-03-10\nslug: le-hoi-thu\ncategories: [events, tourism]\n---\nNội dung bài.\n"
EN_POST = "---\ntitle: A test festival\ndescription: A test post.\n---\nThe post's text.\n"


@pytest.fixture(scope="module")
def state(tmp_path_factory):
    site = {**BASIC_PAGES, "vi/news/index.md": "---\ntitle: Tin tức\n---\n", "vi/news/posts/le-hoi-thu.md": POST, "en/news/posts/le-hoi-thu.md": EN_POST}
    root = make_site(tmp_path_factory.mktemp("pages") / "src", site)
    return prepare(root, "Cổng thông tin đối ngoại tỉnh Đắk Lắk")


def test_generated_files_of_each_language(state):
    vi_listings, vi_files = pages.generated_files(state, "vi")
    km_listings, km_files = pages.generated_files(state, "km")
    assert "coverage/index.md" in vi_listings and "coverage/index.md" in km_listings
    by_name = {file.name: file for file in km_files}
    # A badge per translated language, written under the language's own folder.
    assert by_name["km/coverage/badge-en.svg"].dest_uri == "km/coverage/badge-en.svg"
    assert {file.dest_uri for file in vi_files if file.name.endswith(".svg")} == {"coverage/badge-en.svg", "coverage/badge-km.svg"}
    assert by_name["km/coverage/index.md"].dest_uri == "km/coverage/index.html"


def test_post_header_in_the_language_the_post_is_written_in(state):
    en = pages.page_markdown(state, "en", "news/posts/le-hoi-thu.md", "A test festival", "The post's text.\n")
    km = pages.page_markdown(state, "km", "news/posts/le-hoi-thu.md", "Lễ hội thử", "Nội dung bài.\n")
    assert en.startswith("# A test festival {#post-title}") and '<time datetime="2026-03-10">' in en and "March" in en
    # No Khmer translation: the fallback copy shows the Vietnamese date, as the text is Vietnamese.
    assert km.startswith("# Lễ hội thử {#post-title}") and '<time datetime="2026-03-10">10/03/2026</time>' in km
    # The categories declared in mkdocs.yml, named in the language the post is written in.
    assert '<p class="portal-categories">Categories: Events, Tourism</p>' in en
    assert '<p class="portal-categories">Chuyên mục: Sự kiện, Du lịch</p>' in km


def test_news_listing_only_on_a_page_of_the_language(state):
    vi = pages.page_markdown(state, "vi", "news/index.md", "Tin tức", "")
    km = pages.page_markdown(state, "km", "news/index.md", "Tin tức", "")
    assert "Lễ hội thử" in vi and "{#latest}" in vi
    assert km == ""  # a fallback copy of the listing gets none (it would list Vietnamese posts as Khmer)


def test_fallback_copy_context_and_marked_titles(state):
    context = pages.page_context(state, "km", "province/index.md", listing=False, home="/km/", toc=[])
    info = context["portal_page"]
    assert info.is_fallback and info.content_language == "vi"
    assert pages.content_language(state, "km", "province/index.md") == "vi"
    html = (
        '<head><meta charset="utf-8"></head><a href="#location" class="md-nav__link"><span class="md-ellipsis">Vị trí</span></a>'
        '<a href="../" class="md-nav__link"><span class="md-ellipsis">ទំព័រដើម</span></a>'
    )
    served = pages.finished_html(state, "km", "province/index.md", "km/province/", html)
    # The fallback copy's table of contents is Vietnamese text: marked so; the Khmer home link is not.
    assert '<span class="md-ellipsis" lang="vi">Vị trí</span>' in served
    assert '<span class="md-ellipsis">ទំព័រដើម</span>' in served
    assert 'http-equiv="Content-Security-Policy"' in served


def test_translated_page_is_not_marked(state):
    html = '<head></head><a href="#location" class="md-nav__link"><span class="md-ellipsis">Location</span></a>'
    served = pages.finished_html(state, "en", "province/index.md", "en/province/", html)
    assert 'lang="vi"' not in served


def test_outdated_notice_context_names_changed_sections(state, monkeypatch):
    status = SimpleNamespace(status="outdated", changed_sections=["_intro", "location"])
    monkeypatch.setattr(state.coverage, "status_of", lambda key, language: status)
    toc = [SimpleNamespace(id="location", title="Location", children=[SimpleNamespace(id="roads", title="Roads", children=[])])]
    context = pages.page_context(state, "en", "province/index.md", listing=False, home="/en/", toc=toc)
    assert context["portal_outdated"]["sections"] == ["location"]  # not the text before the first heading
    assert context["portal_outdated"]["path"] == "province/"
    assert context["portal_section_titles"] == {"location": "Location", "roads": "Roads"}


def test_template_globals_list_every_built_language_from_mkdocs_yml(state):
    found = template_globals(state, "km", "https://example.org/portal/", "provincial-peoples-committee-office")
    assert found["portal_links"] == {"home": "/portal/km/", "contacts": "/portal/km/about/contacts/", "site_root": "/portal/"}
    assert [(entry["lang"], entry["name"], entry["link"]) for entry in found["portal_languages"]] == [
        ("vi", "Tiếng Việt", "/portal/"),
        ("en", "English", "/portal/en/"),
        ("km", "ខ្មែរ", "/portal/km/"),
    ]
    assert found["portal_footer_organization"] is not None


def test_khmer_lines_of_a_paragraph_join_without_a_space():
    from daklak_portal.page_text import join_soft_breaks
    from daklak_portal.text_language import KHMER

    markdown = (
        "ប្រសិនបើលោកអ្នករកឃើញព័ត៌មាន សូមជូនដំណឹង\nនៅទំព័រនេះ។\n\n"  # Khmer | Khmer: joined
        "- **ទូរស័ព្ទ៖** មិនទាន់\n  បានផ្ទៀងផ្ទាត់\n"  # a list item's indented next line: joined
        "ខេត្តដាក់ឡាក់\nDak Lak province\n"  # Khmer | Latin: Markdown's space stays
        "## ចំណងជើង {#title}\nអត្ថបទ\n"  # a heading is its own line
        "```\nកូដ\nកូដ\n```\n"  # code is left alone
    )
    joined = join_soft_breaks(markdown, KHMER)
    assert "សូមជូនដំណឹងនៅទំព័រនេះ។" in joined and "មិនទាន់បានផ្ទៀងផ្ទាត់" in joined
    assert "ខេត្តដាក់ឡាក់\nDak Lak" in joined and "{#title}\nអត្ថបទ" in joined and "កូដ\nកូដ" in joined


def test_khmer_pages_are_joined_and_vietnamese_ones_are_not(state):
    km = pages.page_markdown(state, "km", "index.md", "ទំព័រដើម", "សូមស្វាគមន៍\nមកកាន់ខេត្ត\n")
    vi = pages.page_markdown(state, "vi", "index.md", "Trang chủ", "Chào mừng\nđến tỉnh\n")
    assert km == "សូមស្វាគមន៍មកកាន់ខេត្ត\n" and vi == "Chào mừng\nđến tỉnh\n"
