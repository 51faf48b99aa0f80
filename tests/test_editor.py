"""`portal new` and `portal translate`: what an editor and a translator start from."""

import json
from datetime import date

from conftest import BASIC_PAGES, commit_all, git, make_site, portal
from daklak_portal.content import split_front_matter


def test_new_page_has_the_front_matter_lint_expects(tmp_path):
    root = make_site(tmp_path / "src", BASIC_PAGES)
    result = portal(root, "new", "tourism/lak-lake", "--title", "Hồ Lắk", "--root", str(root))
    assert result.returncode == 0, result.output
    assert "add `tourism/lak-lake.md` to `nav:`" in result.output
    text = (root / "docs/vi/tourism/lak-lake.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Hồ Lắk\n") and "sources:" in text and "## Giới thiệu {#overview}" in text
    # Plain YAML an editor can read: no anchors tying dates together, no `null`, one date per field.
    assert "&id" not in text and "*id" not in text and "null" not in text
    assert f"as_of: {date.today().isoformat()}\n" in text
    assert portal(root, "lint").returncode == 0  # the new page passes the checks as it is
    again = portal(root, "new", "tourism/lak-lake", "--root", str(root))
    assert again.returncode == 1 and "already exists" in again.output


def test_new_news_post_gets_date_and_slug(tmp_path):
    root = make_site(tmp_path / "src", BASIC_PAGES)
    assert portal(root, "new", "news/posts/coffee-festival-2027", "--title", "Lễ hội Cà phê", "--root", str(root)).returncode == 0
    text = (root / "docs/vi/news/posts/coffee-festival-2027.md").read_text(encoding="utf-8")
    assert "\nslug: coffee-festival-2027\n" in text and "\ndate: " in text
    assert portal(root, "lint").returncode == 0
    # A post needs no nav entry (the news page lists it): the tool does not ask for one.
    result = portal(root, "new", "news/posts/coffee-festival-2028", "--root", str(root))
    assert "nav:" not in result.output


def test_a_title_yaml_would_misread_is_quoted(tmp_path):
    root = make_site(tmp_path / "src", BASIC_PAGES)
    assert portal(root, "new", "tourism/festival.md", "--title", "Lễ hội: cà phê #1", "--root", str(root)).returncode == 0
    meta, _, _ = split_front_matter((root / "docs/vi/tourism/festival.md").read_text(encoding="utf-8"))
    assert meta["title"] == "Lễ hội: cà phê #1"


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
