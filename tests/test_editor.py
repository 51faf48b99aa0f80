"""`portal new` and `portal translate`: what an editor and a translator start from."""

import json

from conftest import BASIC_PAGES, commit_all, git, make_site, portal


def test_new_page_has_the_front_matter_lint_expects(tmp_path):
    root = make_site(tmp_path / "src", BASIC_PAGES)
    result = portal(root, "new", "tourism/lak-lake", "--title", "Hồ Lắk", "--root", str(root))
    assert result.returncode == 0, result.output
    assert "add `tourism/lak-lake.md` to `nav:`" in result.output
    text = (root / "docs/vi/tourism/lak-lake.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Hồ Lắk\ndescription: ''\nas_of: ") and "sources:" in text and "{#overview}" in text
    again = portal(root, "new", "tourism/lak-lake", "--root", str(root))
    assert again.returncode == 1 and "already exists" in again.output


def test_new_news_post_gets_date_and_slug(tmp_path):
    root = make_site(tmp_path / "src", BASIC_PAGES)
    assert portal(root, "new", "news/posts/coffee-festival-2027", "--root", str(root)).returncode == 0
    text = (root / "docs/vi/news/posts/coffee-festival-2027.md").read_text(encoding="utf-8")
    assert "\nslug: coffee-festival-2027\n" in text and "\ndate: " in text


def test_bad_page_names_are_refused(tmp_path):
    root = make_site(tmp_path / "src", BASIC_PAGES)
    result = portal(root, "new", "du-lịch/Hồ Lắk", "--root", str(root))
    assert result.returncode == 1 and "lowercase English words without accents" in result.output


def test_translation_starts_in_progress_and_coverage_calls_it_partial(tmp_path):
    root = make_site(tmp_path / "src", BASIC_PAGES)
    git(root, "init", "-q")
    commit_all(root, "pages", "2024-01-10T09:00:00+00:00")
    result = portal(root, "translate", "province/index.md", "--lang", "km", "--root", str(root))
    assert result.returncode == 0, result.output
    text = (root / "docs/km/province/index.md").read_text(encoding="utf-8")
    assert "status: in-progress" in text and "## Vị trí {#location}" in text
    report = json.loads(portal(root, "coverage", "--format", "json", "--root", str(root)).stdout)
    page = next(p for p in report["pages"] if p["language"] == "km" and p["path"] == "province/index.md")
    assert page["status"] == "partial" and "marked as in progress" in page["reasons"]
    again = portal(root, "translate", "province/index.md", "--lang", "km", "--root", str(root))
    assert again.returncode == 1 and "already exists" in again.output
