"""`portal lint`: each rule, its message (file and line), --fix, and the exit codes."""

import unicodedata

from conftest import BASIC_NAV, BASIC_PAGES, make_site, portal

NFD_TITLE = unicodedata.normalize("NFD", "Tây Nguyên")


def lint_site(tmp_path, extra_pages, nav=None):
    """Lints a site with a problem in it: the command fails (exit 1), with messages, no traceback."""
    root = make_site(tmp_path / "src", {**BASIC_PAGES, **extra_pages}, nav=nav)
    result = portal(root, "lint")
    assert result.returncode == 1 and "Traceback" not in result.output, result.output
    return root, result


def test_clean_site_passes(basic_site):
    result = portal(basic_site, "lint")
    assert result.returncode == 0, result.output
    assert "No problems found." in result.output


def test_decomposed_unicode_is_reported_with_line_and_fixed(tmp_path):
    page = f"---\ntitle: Trang\n---\nMột dòng.\n{NFD_TITLE} rộng lớn.\n"
    root, result = lint_site(tmp_path, {"vi/province/nfd.md": page})
    assert result.returncode == 1
    assert "docs/vi/province/nfd.md:5: decomposed Unicode letters in 'Tây'" in result.output
    assert "portal lint --fix" in result.output

    fixed = portal(root, "lint", "--fix")
    assert fixed.returncode == 0, fixed.output
    text = (root / "docs/vi/province/nfd.md").read_text(encoding="utf-8")
    assert "Tây Nguyên rộng lớn." in text and unicodedata.is_normalized("NFC", text)


def test_decomposed_unicode_in_the_front_matter_is_reported(tmp_path):
    # A title typed on a Mac arrives decomposed: it is what search results and the tab show.
    page = f"---\ntitle: {NFD_TITLE}\ndescription: Một trang.\n---\nNội dung.\n"
    _, result = lint_site(tmp_path, {"vi/province/nfd-title.md": page})
    assert "docs/vi/province/nfd-title.md:2: decomposed Unicode letters in 'Tây'" in result.output


def test_byte_order_mark_is_reported_and_removed(tmp_path):
    root, result = lint_site(tmp_path, {"vi/province/bom.md": "\ufeff---\ntitle: Trang\n---\nNội dung.\n"})
    assert "docs/vi/province/bom.md:1: the file starts with an invisible byte-order mark" in result.output
    assert portal(root, "lint", "--fix").returncode == 0
    assert (root / "docs/vi/province/bom.md").read_bytes().startswith(b"---")


def test_non_utf8_file_names_the_line(tmp_path):
    latin1 = "---\ntitle: Trang\n---\nDòng một.\nĐắk\n".encode("utf-8").replace("Đắk".encode("utf-8"), b"\xd0\xe9k")
    root, result = lint_site(tmp_path, {"vi/province/latin1.md": latin1})
    assert result.returncode == 1
    assert "docs/vi/province/latin1.md:5: the file is not UTF-8 text (byte 0xd0)" in result.output
    # --fix must not touch a file it cannot read safely
    portal(root, "lint", "--fix")
    assert (root / "docs/vi/province/latin1.md").read_bytes() == latin1


def test_malformed_front_matter_names_the_line(tmp_path):
    page = "---\ntitle: Trang\ndescription: [không đóng\nas_of: 2026-01-01\n---\nNội dung.\n"
    _, result = lint_site(tmp_path, {"vi/province/yaml.md": page})
    assert result.returncode == 1
    assert "docs/vi/province/yaml.md:4: the front matter is not valid YAML" in result.output


def test_unclosed_front_matter(tmp_path):
    _, result = lint_site(tmp_path, {"vi/province/open.md": "---\ntitle: Trang\nNội dung.\n"})
    assert "docs/vi/province/open.md:1: the front matter opened by `---` on line 1 is never closed" in result.output


def test_front_matter_that_is_not_a_mapping(tmp_path):
    _, result = lint_site(tmp_path, {"vi/province/list.md": "---\n- a\n- b\n---\nNội dung.\n"})
    assert "docs/vi/province/list.md:2: the front matter must be `key: value` lines" in result.output


def test_missing_title(tmp_path):
    _, result = lint_site(tmp_path, {"vi/province/untitled.md": "Nội dung.\n"})
    assert "docs/vi/province/untitled.md:1: the page has no `title:`" in result.output


def test_markdown_outside_language_folders(tmp_path):
    _, result = lint_site(tmp_path, {"notes.md": "---\ntitle: X\n---\n", "fr/index.md": "---\ntitle: Accueil\n---\n"})
    assert result.returncode == 1
    assert "docs/notes.md: this page is outside the language folders (docs/vi/, docs/en/, docs/km/)" in result.output
    assert "docs/fr/index.md: this page is outside the language folders" in result.output


def test_page_name_must_be_ascii_kebab_case(tmp_path):
    _, result = lint_site(tmp_path, {"vi/du-lịch/Hồ_Lắk.md": "---\ntitle: Hồ Lắk\n---\n"})
    assert "docs/vi/du-lịch/Hồ_Lắk.md: the name 'du-lịch' is not a valid page name" in result.output


def test_nav_entry_pointing_at_no_file_names_the_mkdocs_line(tmp_path):
    root, result = lint_site(tmp_path, {}, nav=[*BASIC_NAV, {"Du lịch": ["tourism/missing.md"]}])
    assert result.returncode == 1
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    expected_line = next(i for i, line in enumerate(lines, start=1) if "tourism/missing.md" in line)
    assert f"mkdocs.yml:{expected_line}: the navigation names 'tourism/missing.md' but docs/vi/tourism/missing.md does not exist" in result.output


def test_untranslated_nav_entry_is_not_an_error(basic_site):
    # province/index.md exists in vi and en but not km: km shows the fallback, lint is clean.
    assert portal(basic_site, "lint").returncode == 0


def test_errors_have_no_traceback(tmp_path):
    _, result = lint_site(tmp_path, {"vi/province/yaml.md": "---\ntitle: [\n---\n"})
    assert "Traceback" not in result.output
    assert result.output.strip().endswith("problem(s) found.")


GLOSSARY = (
    "---\ntitle: Bảng thuật ngữ\nterms:\n  - id: province\n    vi: tỉnh Đắk Lắk\n    en: Đắk Lắk province\n"
    "    avoid:\n      en: [\"Dak Lak\"]\n      vi: [\"Đắc Lắc\"]\n---\nKhông viết Đắc Lắc.\n"
)


def test_glossary_spellings_are_enforced_per_language(tmp_path):
    pages = {
        "vi/about/glossary.md": GLOSSARY,
        "en/province/index.md": "---\ntitle: Overview\n---\nIntro.\n\nWelcome to Dak Lak, see [site](https://dak-lak.example/Dak Lak).\n",
    }
    _, result = lint_site(tmp_path, pages)
    assert result.returncode == 1
    assert "docs/en/province/index.md:6: 'Dak Lak' is not the glossary's spelling: write 'Đắk Lắk province'" in result.output
    assert result.output.count("is not the glossary's spelling") == 1  # not in the link target, not in the glossary itself


def test_news_categories_come_from_the_declared_list(tmp_path):
    post = "---\ntitle: Tin\ndate: 2026-03-10\nslug: tin\ncategories:\n  - investment\n  - thăm và làm việc\n---\nNội dung.\n"
    _, result = lint_site(tmp_path, {"vi/news/posts/tin.md": post})
    assert "docs/vi/news/posts/tin.md:7: 'thăm và làm việc' is not a news category" in result.output
    assert "events, visits, cooperation, investment, tourism, administration" in result.output  # the allowed ones
    assert "investment'" not in result.output


def test_front_matter_values_of_the_wrong_kind(tmp_path):
    # YAML reads `title: 2025` as a number and `sources: nope` as text: both stopped the build
    # with a traceback or passed lint; now lint names the line and the fix.
    page = "---\ntitle: 2025\ndescription: Mô tả.\nsources: nope\n---\nNội dung.\n"
    _, result = lint_site(tmp_path, {"vi/province/kinds.md": page})
    assert 'docs/vi/province/kinds.md:2: `title: 2025` must be text: put the value in quotes, e.g. `title: "2025"`' in result.output
    assert "docs/vi/province/kinds.md:4: `sources:` must be a list of sources" in result.output


def test_lint_reports_what_the_build_would_refuse_in_the_data_records(tmp_path):
    # A place record with an unknown category: the build refuses it after lint; lint says it first.
    page = ("---\ntitle: Hồ Lắk\ndescription: Hồ.\nas_of: 2025-07-01\nplace:\n  category: lakes\n  commune: Liên Sơn Lắk\n"
            "  commune_derived: true\nsources:\n  - title: T\n    url: https://example.org/a\n---\nX.\n")
    _, result = lint_site(tmp_path, {"vi/tourism/lak-lake.md": page})
    assert "docs/vi/tourism/lak-lake.md:6: place.category: 'lakes' is not one of" in result.output


def test_a_bulletin_issues_block_is_checked_field_by_field(tmp_path):
    post = "---\ntitle: Tin\ndate: 2025-07-01\nslug: real-post\n---\nTin.\n"
    issue = (
        "---\ntitle: Bản tin số 1\nbulletin:\n  number: one\n  period: 2025-06-30/2025-01-01\n"
        "  articles:\n    - news/posts/real-post.md\n    - news/posts/no-such-post.md\n    - 12\n---\nLời giới thiệu.\n"
    )
    _, result = lint_site(tmp_path, {"vi/news/posts/real-post.md": post, "vi/bulletin/2025-h1.md": issue})
    assert "docs/vi/bulletin/2025-h1.md:4: the issue number `number: one` must be a whole number from 1" in result.output
    assert "docs/vi/bulletin/2025-h1.md:5: the period `period: 2025-06-30/2025-01-01` must be two dates" in result.output
    assert "docs/vi/bulletin/2025-h1.md:8: there is no news post `news/posts/no-such-post.md`" in result.output
    assert "docs/vi/bulletin/2025-h1.md:9: there is no news post `12`" in result.output
    assert "real-post.md`" not in result.output
    _, shape = lint_site(tmp_path / "shape", {"vi/bulletin/2025-h2.md": "---\ntitle: Bản tin\nbulletin: 5\n---\nX.\n"})
    assert "docs/vi/bulletin/2025-h2.md:3: `bulletin:` must hold number, period and articles" in shape.output
