"""Honest multilingual reading, on a fixture site with a real git history.

province/index.md   vi, en         (km: untranslated, fallback copy)
tourism/lak-lake.md vi, en, km     (vi changed after en and km were made: outdated)
news/posts/a.md     vi, en         news/posts/b.md  vi only
"""

import re
import subprocess

import pytest

from conftest import BASIC_PAGES, build, commit_all, git, make_site, portal

SITE = "https://daklak-portal.example.org/"
NAV = [
    "index.md",
    {"Tổng quan tỉnh": ["province/index.md"]},
    {"Du lịch": ["tourism/lak-lake.md"]},
    {"Tin tức – Sự kiện": ["news/index.md"]},
    {"Thông tin cổng": ["about/contacts.md"]},
]
PAGES = {
    **BASIC_PAGES,
    "vi/tourism/lak-lake.md": "---\ntitle: Hồ Lắk\n---\n## Tổng quan {#overview}\n\nHồ nước ngọt.\n",
    "en/tourism/lak-lake.md": "---\ntitle: Lắk Lake\n---\n## Overview {#overview}\n\nA freshwater lake.\n",
    "km/tourism/lak-lake.md": "---\ntitle: បឹងឡាក់\n---\n## ទិដ្ឋភាពទូទៅ {#overview}\n\nបឹងទឹកសាប។\n",
    "vi/news/index.md": "---\ntitle: Tin tức\n---\nTin tức của tỉnh.\n",
    "en/news/index.md": "---\ntitle: News\n---\nNews of the province.\n",
    "km/news/index.md": "---\ntitle: ព័ត៌មាន\n---\nព័ត៌មានរបស់ខេត្ត។\n",
    "vi/news/posts/a.md": "---\ntitle: Lễ hội cà phê\ndate: 2025-03-09\nslug: a\n---\nLễ hội khai mạc.\n",
    "en/news/posts/a.md": "---\ntitle: Coffee festival\n---\nThe festival opened.\n",
    "vi/news/posts/b.md": "---\ntitle: Ký kết hợp tác\ndate: 2025-06-06\nslug: b\n---\nHai tỉnh ký kết.\n",
    # Eleven older Vietnamese posts: Vietnamese news needs a second listing page.
    **{f"vi/news/posts/old-{n:02d}.md": f"---\ntitle: Tin cũ số {n}\ndate: 2023-05-{n:02d}\nslug: old-{n:02d}\n---\nNội dung.\n" for n in range(1, 12)},
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("languages") / "src", PAGES, nav=NAV)
    git(root, "init", "-q")
    commit_all(root, "first translations", "2024-01-10T09:00:00+00:00")
    path = root / "docs/vi/tourism/lak-lake.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nRộng khoảng 6,2 km².\n", encoding="utf-8")
    commit_all(root, "vi: lake area", "2024-03-05T09:00:00+00:00")
    result = build(root)
    assert result.returncode == 0, result.output
    return root


def page(site, path):
    return (site / "site" / path).read_text(encoding="utf-8")


def switcher(html):
    listing = re.search(r'<ul class="md-select__list">(.*?)</ul>', html, re.S).group(1)
    return [re.sub(r"\s+", " ", item).strip() for item in re.findall(r"<li[^>]*>(.*?)</li>", listing, re.S)]


def head_links(html):
    return {
        "canonical": re.findall(r'<link rel="canonical" href="([^"]+)">', html),
        "alternates": re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', html),
        "robots": re.findall(r'<meta name="robots" content="([^"]+)">', html),
        "og": re.findall(r'<meta property="(og:locale(?::alternate)?)" content="([^"]+)">', html),
    }


def test_switcher_on_a_translated_page_marks_the_missing_language(site):
    entries = switcher(page(site, "en/province/index.html"))
    assert entries == [
        '<a href="../../province/" hreflang="vi" lang="vi" class="md-select__link"> Tiếng Việt </a>',
        '<a href="./" hreflang="en" lang="en" class="md-select__link" aria-current="page"> English </a>',
        '<a href="../../km/" hreflang="km" class="md-select__link portal-untranslated" data-portal-untranslated> <span lang="km">ខ្មែរ</span> (not translated) </a>',
    ]
    vi = switcher(page(site, "province/index.html"))
    assert "(chưa dịch)" in vi[2] and 'href="../km/"' in vi[2]


def test_fallback_page_tells_the_truth(site):
    html = page(site, "km/province/index.html")
    assert '<html lang="km"' in html
    assert "ទំព័រនេះមិនទាន់បានបកប្រែជាភាសាខ្មែរនៅឡើយទេ" in html  # notice in Khmer
    assert re.search(r'<div lang="vi">\s*<h1[^>]*>Tổng quan</h1>', html)  # the Vietnamese text, marked vi
    links = head_links(html)
    assert links["canonical"] == [SITE + "province/"]
    assert links["robots"] == ["noindex, follow"]
    assert links["alternates"] == []
    assert "(មិនទាន់បានបកប្រែ)" in switcher(html)[2]


def titles(html):
    """(language, text) of each title Material writes in the page's chrome (class md-ellipsis)."""
    return [(lang, " ".join(text.split())) for lang, text in re.findall(r'class="md-ellipsis"(?: lang="(\w+)")?>([^<]*)<', html)]


def test_titles_of_untranslated_pages_are_marked_vietnamese(site):
    lake = titles(page(site, "km/tourism/lak-lake/index.html"))
    assert ("vi", "Liên hệ") in lake  # a link to a fallback copy: its title is the Vietnamese one
    assert ("", "បឹងឡាក់") in lake  # a real translation: the page's own language
    assert ("", "ទិដ្ឋភាពទូទៅនៃខេត្ត") in lake  # a fallback copy shown under its section's Khmer name
    copy = titles(page(site, "km/about/contacts/index.html"))  # a fallback copy itself
    assert copy.count(("vi", "Liên hệ")) >= 2  # header and navigation
    assert ("", "Liên hệ") not in copy
    assert all(lang == "" for lang, _ in titles(page(site, "en/tourism/lak-lake/index.html")))  # all translated


def test_real_translation_lists_itself_every_translation_and_x_default(site):
    links = head_links(page(site, "km/tourism/lak-lake/index.html"))
    assert links["canonical"] == [SITE + "km/tourism/lak-lake/"]
    assert links["robots"] == []
    assert links["alternates"] == [
        (SITE + "tourism/lak-lake/", "vi"),
        (SITE + "en/tourism/lak-lake/", "en"),
        (SITE + "km/tourism/lak-lake/", "km"),
        (SITE + "tourism/lak-lake/", "x-default"),
    ]
    assert links["og"] == [("og:locale", "km_KH"), ("og:locale:alternate", "vi_VN"), ("og:locale:alternate", "en_US")]


def test_untranslated_language_is_left_out_of_hreflang(site):
    links = head_links(page(site, "province/index.html"))
    assert [lang for _, lang in links["alternates"]] == ["vi", "en", "x-default"]
    assert links["og"] == [("og:locale", "vi_VN"), ("og:locale:alternate", "en_US")]


def test_sitemap_has_the_same_sets_and_git_lastmod(site):
    xml = page(site, "sitemap.xml")
    locs = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert SITE in locs and SITE + "km/" in locs  # home pages, no "./"
    assert SITE + "km/province/" not in locs  # fallback copies are not listed
    assert "changefreq" not in xml
    entry = re.search(r"<url>\s*<loc>" + re.escape(SITE + "en/tourism/lak-lake/") + r"</loc>(.*?)</url>", xml, re.S).group(1)
    assert "<lastmod>2024-01-10</lastmod>" in entry
    assert entry.count("<xhtml:link") == 4 and 'hreflang="x-default" href="' + SITE + 'tourism/lak-lake/"' in entry
    source = re.search(r"<url>\s*<loc>" + re.escape(SITE + "tourism/lak-lake/") + r"</loc>(.*?)</url>", xml, re.S).group(1)
    assert "<lastmod>2024-03-05</lastmod>" in source


def test_last_updated_dates_are_localized(site):
    assert '<time datetime="2024-03-05">05/03/2024</time>' in page(site, "tourism/lak-lake/index.html")
    assert '<time datetime="2024-01-10">10 January 2024</time>' in page(site, "en/tourism/lak-lake/index.html")
    assert '<time datetime="2024-01-10">ថ្ងៃទី១០ ខែមករា ឆ្នាំ២០២៤</time>' in page(site, "km/tourism/lak-lake/index.html")


def test_outdated_translation_shows_a_notice_with_the_date_and_a_link(site):
    en = page(site, "en/tourism/lak-lake/index.html")
    assert "The Vietnamese original was changed on 5 March 2024, after this translation was made." in en
    assert '<a href="../../../tourism/lak-lake/" hreflang="vi">Read the Vietnamese original</a>' in en
    assert re.search(r'Sections that changed:\s*<a href="#overview">Overview</a>', en)  # from the coverage engine
    km = page(site, "km/tourism/lak-lake/index.html")
    assert "ថ្ងៃទី៥ ខែមីនា ឆ្នាំ២០២៤" in km and "portal-notice" in km
    assert "portal-notice" not in page(site, "en/province/index.html")  # up to date: no notice


def test_news_listing_per_language(site):
    vi = page(site, "news/index.html")
    assert "Ký kết hợp tác" in vi and "Lễ hội cà phê" in vi
    assert vi.index("Ký kết hợp tác") < vi.index("Lễ hội cà phê") < vi.index("Tin cũ số 11")  # newest first
    en = page(site, "en/news/index.html")
    assert '<a href="posts/a/">Coffee festival</a>' in en
    assert "Ký kết hợp tác" not in en and "posts/b/" not in en  # never lists a post not in English
    assert 'id="archive"' in en and '>2025</a> (1)' in en
    km = page(site, "km/news/index.html")
    assert "posts/a/" not in km and "posts/b/" not in km


def test_news_pages_and_yearly_archive_per_language(site):
    vi = page(site, "news/index.html")
    assert vi.count('<li>\n<p><strong>') == 10  # the ten newest on the first page
    assert '<a href="page/2/">Tin cũ hơn</a>' in vi
    second = page(site, "news/page/2/index.html")
    assert "Trang 2/2" in second and "Tin cũ số 1<" in second and "Ký kết hợp tác" not in second
    assert '<a href="../../">Tin mới hơn</a>' in second
    assert '<meta name="robots" content="noindex, follow">' in second  # listings: crawled, not indexed
    assert '<a href="archive/2023/">2023</a> (11)' in vi and '<a href="archive/2025/">2025</a> (2)' in vi
    assert "Tin cũ số 11" in page(site, "news/archive/2023/index.html")
    # English has one post: one page, one archive year, and no page of Vietnamese-only posts.
    en = page(site, "en/news/index.html")
    assert "page/2/" not in en and '<a href="archive/2025/">2025</a> (1)' in en
    assert not (site / "site/en/news/page/2").exists() and not (site / "site/en/news/archive/2023").exists()
    km_archive = page(site, "km/news/index.html")
    assert "archive/" not in km_archive
    assert "មិនទាន់មានព័ត៌មានចុះផ្សាយជាភាសាខ្មែរនៅឡើយទេ" in km_archive
    # The switcher of a generated page leads to the news page of the other languages.
    assert switcher(second)[1].startswith('<a href="../../../en/news/" hreflang="en" lang="en"')


def test_post_shows_its_localized_publication_date(site):
    assert '<time datetime="2025-03-09">9 March 2025</time>' in page(site, "en/news/posts/a/index.html")
    fallback = page(site, "km/news/posts/a/index.html")  # not in Khmer: the Vietnamese post
    assert '<time datetime="2025-03-09">09/03/2025</time>' in fallback


def test_audit_finds_no_problem_in_the_built_site(site):
    result = portal(site, "audit", "site")
    assert result.returncode == 0, result.output


def test_shallow_clone_builds_and_leaves_unknown_dates_out(site, tmp_path):
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{site}", str(clone)], check=True)
    result = build(clone)
    assert result.returncode == 0, result.output
    assert "Shallow git clone" in result.output
    en = (clone / "site/en/tourism/lak-lake/index.html").read_text(encoding="utf-8")
    assert "portal-updated" not in en and "portal-notice" not in en  # unknown, so not claimed


def test_coverage_dashboard_in_every_language(site):
    for path, title in (("coverage/index.html", "Tình hình biên dịch"), ("en/coverage/index.html", "Translation coverage"), ("km/coverage/index.html", "ស្ថានភាពនៃការបកប្រែ")):
        html = page(site, path)
        assert f">{title}</h1>" in html
        assert 'src="badge-km.svg"' in html and '<meta name="robots" content="noindex, follow">' in html
    assert page(site, "km/coverage/badge-km.svg").startswith("<svg")
    # province/index.md is not in Khmer: the Khmer to-do list says so, in Khmer.
    assert re.search(r"<strong>មិនទាន់បានបកប្រែ</strong> <code>province/index.md</code>", page(site, "km/coverage/index.html"))
