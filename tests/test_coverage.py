"""`portal coverage` on a fixture repository with a real git history (made here)."""

import json
import re
import subprocess

import jsonschema
import pytest

from conftest import PROJECT, commit_all, git, make_site, portal

SCHEMA = json.loads((PROJECT / "scripts/daklak_portal/schemas/coverage-report.schema.json").read_text(encoding="utf-8"))

SOURCE_A = "---\ntitle: A\n---\nMở đầu.\n\n## Một {#one}\n\nNội dung một.\n\n## Hai {#two}\n\nNội dung hai.\n"
SOURCE_H = "---\ntitle: H\n---\n## Lịch trình {#schedule}\n\nNgày 9/3 khai mạc.\n"
FILES = {
    "vi/a.md": SOURCE_A,
    "en/a.md": "---\ntitle: A\n---\nIntro.\n\n## One {#one}\n\nContent one.\n\n## Two {#two}\n\nContent two.\n",
    "km/a.md": "---\ntitle: ក\n---\nសេចក្ដីផ្ដើម។\n\n## មួយ {#one}\n\nThis paragraph was left in English by the translator here.\n\n## ពីរ {#two}\n\n![](x.png) [គ](c.md)\n",
    "vi/b.md": "---\ntitle: B\n---\n## Vị trí {#location}\n\nPhía Bắc giáp tỉnh Gia Lai, phía Nam giáp tỉnh Lâm Đồng.\n",
    "en/b.md": "---\ntitle: B\n---\n## Location {#location}\n\nGia Lai to the north, Lâm Đồng to the south.\n",
    "vi/c.md": "---\ntitle: C\nrequired: true\n---\nLiên hệ.\n",
    "en/d.md": "---\ntitle: D\n---\nA page whose source was removed.\n",
    "vi/e.md": "---\ntitle: E\n---\nNội dung.\n",
    "en/e.md": "---\ntitle: E\n---\nTỉnh Đắk Lắk và tỉnh Phú Yên hợp nhất thành tỉnh Đắk Lắk theo Nghị quyết của Quốc hội.\n",
    "vi/f.md": "---\ntitle: F\n---\n## Một {#one}\n\nA.\n\n## Hai {#two}\n\nB.\n",
    "en/f.md": "---\ntitle: F\n---\n## One {#one}\n\nA.\n",
    "vi/g.md": "---\ntitle: G\n---\n## Một {#one}\n\nA.\n\n## Hai {#two}\n\nB.\n",
    "en/g.md": "---\ntitle: G\n---\n## One {#one}\n\nA.\n\n## Two {#two}\n\nB.\n",
    "vi/h.md": SOURCE_H,
    "en/h.md": "---\ntitle: H\n---\n## Schedule {#schedule}\n\nOpening on 9 March.\n",
}


def coverage(root, *args):
    return portal(root, "coverage", "--root", str(root), *args)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("coverage") / "repo", FILES, nav=["a.md"])
    git(root, "init", "-q")
    commit_all(root, "pages", "2024-01-10T09:00:00+00:00")
    stamped = coverage(root, "stamp", "a.md", "b.md", "g.md", "--lang", "en")
    assert stamped.returncode == 0, stamped.output
    commit_all(root, "en: stamp a and b", "2024-01-11T09:00:00+00:00")
    edits = {
        "vi/a.md": SOURCE_A.replace("Nội dung hai.", "Nội dung hai, đã bổ sung số liệu mới."),  # real change in §two
        # cosmetic only: case, punctuation, line wrapping
        "vi/b.md": "---\ntitle: B\n---\n## Vị trí {#location}\n\nPhía bắc giáp tỉnh Gia Lai;\nphía nam giáp tỉnh Lâm Đồng\n",
        "vi/h.md": SOURCE_H.replace("9/3", "10/3"),  # unstamped: found through git history
        "vi/g.md": "---\ntitle: G\n---\n## Một {#one}\n\nA.\n",  # §two removed from the source
    }
    for name, text in edits.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    commit_all(root, "vi: edits", "2024-02-01T09:00:00+00:00")
    return root


def report(root, *args):
    result = coverage(root, "--format", "json", *args)
    return result, json.loads(result.stdout)


def status(data, language, path):
    return next(p for p in data["pages"] if p["language"] == language and p["path"] == path)


def test_every_status_with_its_reasons(repo):
    _, data = report(repo)
    assert status(data, "en", "a.md")["status"] == "outdated"
    assert status(data, "en", "a.md")["changed_sections"] == ["two"]
    assert status(data, "en", "b.md")["status"] == "translated"  # cosmetic source edit
    assert status(data, "en", "c.md")["status"] == "missing" and status(data, "en", "c.md")["required"] is True
    assert status(data, "en", "d.md")["status"] == "orphan"
    e = status(data, "en", "e.md")
    assert e["status"] == "partial" and e["reasons"] == ["Vietnamese text left in: line 4"]
    assert status(data, "en", "f.md")["reasons"] == ["sections missing: §two (Hai)"]  # named by its heading too
    km = status(data, "km", "a.md")
    assert km["status"] == "outdated"  # unstamped, and its source changed after it: outdated beats partial
    assert km["changed_sections"] == ["two"]
    assert "Latin-script (untranslated) text in: line 8" in km["reasons"]
    assert "image without alt text: line 12" in km["reasons"]
    assert "links to c.md, which is not translated: line 12" in km["reasons"]


def test_a_section_removed_from_the_source_makes_the_translation_outdated(repo):
    # The English page still has §two, which the source no longer says: readers would get it.
    _, data = report(repo)
    assert status(data, "en", "g.md")["status"] == "outdated"
    assert status(data, "en", "g.md")["changed_sections"] == ["two"]


def test_unstamped_translation_is_checked_against_git_history(repo):
    _, data = report(repo)
    h = status(data, "en", "h.md")
    assert h["status"] == "outdated" and h["changed_sections"] == ["schedule"]


def test_json_is_valid_against_its_schema_and_summarises(repo):
    _, data = report(repo)
    jsonschema.validate(data, SCHEMA)
    assert data["schema_version"] == 1 and data["languages"] == ["en", "km"]
    assert data["summary"]["en"]["counts"] == {"orphan": 1, "missing": 1, "outdated": 3, "partial": 2, "translated": 1}
    assert data["summary"]["en"]["percent"] == round(100 * 1 / 7, 1)  # the orphan is not counted
    assert data["ui"]["km"]["material"]["translated"] == data["ui"]["km"]["material"]["total"]


def test_section_diff_prints_the_source_change(repo):
    result = coverage(repo, "diff", "a.md", "--lang", "en")
    assert result.returncode == 0, result.output
    assert "-Nội dung hai." in result.output and "+Nội dung hai, đã bổ sung số liệu mới." in result.output


def test_table_and_markdown_outputs(repo):
    table = coverage(repo).output
    assert re.search(r"^en\s+1\s+2\s+3\s+1\s+1\s+14\.3%$", table, re.M)
    assert "outdated  a.md: the Vietnamese source changed in: §two" in table
    markdown = coverage(repo, "--format", "markdown").output
    assert "| en | 1 | 2 | 3 | 1 | 1 | 14.3 |" in markdown
    assert "- **missing** `c.md`: not translated yet" in markdown


def test_gate_fails_on_a_required_page_with_exit_1(repo):
    result = coverage(repo)
    assert result.returncode == 1  # mkdocs.yml: required pages must be translated in en
    assert "threshold: en/c.md is required but missing" in result.output
    assert "threshold: en: 14.3% of the site is translated, below the minimum of 80%" in result.output


def test_stamp_brings_a_page_up_to_date(repo, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True)
    assert coverage(clone, "stamp", "a.md", "--lang", "en").returncode == 0
    text = (clone / "docs/en/a.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: A\ntranslation:\n  source_commit: ") and "Content two." in text
    _, data = report(clone)
    assert status(data, "en", "a.md")["status"] == "translated"


def test_changed_since_reports_what_a_change_does(repo):
    result, data = report(repo, "--changed-since", "HEAD~1")
    changes = {(c["language"], c["path"]): c for c in data["changes"]}
    assert changes[("en", "a.md")] == {"path": "a.md", "language": "en", "before": "translated", "after": "outdated", "direction": "worse", "changed_sections": ["two"]}
    assert ("en", "b.md") not in changes  # the cosmetic edit changes nothing
    table = coverage(repo, "--changed-since", "HEAD~1").output
    assert "worse  en/a.md: translated -> outdated §two" in table
    assert "worse  en/h.md: translated -> outdated §schedule" in table


def test_shallow_clone_says_so_instead_of_guessing(repo, tmp_path):
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    _, data = report(clone)
    assert data["shallow_clone"] is True
    h = status(data, "en", "h.md")
    assert h["status"] == "translated" and "shallow git clone" in h["reasons"][0]
    assert status(data, "en", "a.md")["status"] == "outdated"  # stamps need no history


def test_bad_input_is_reported_with_file_and_line_and_exit_3(repo, tmp_path):
    clone = tmp_path / "bad"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True)
    (clone / "docs/en/g.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    (clone / "docs/fr").mkdir()
    (clone / "docs/fr/a.md").write_text("---\ntitle: A\n---\n", encoding="utf-8")
    stamped = (clone / "docs/en/b.md").read_text(encoding="utf-8")
    (clone / "docs/en/b.md").write_text(re.sub(r"source_commit: \w+", "source_commit: " + "deadbeef" * 5, stamped), encoding="utf-8")
    result, data = report(clone)
    assert result.returncode == 3
    problems = {(p["path"], p["line"]): p["message"] for p in data["problems"]}
    assert problems[("docs/en/g.md", 3)].startswith("the front matter is not valid YAML")
    assert problems[("docs/fr/a.md", None)] .startswith("this page is outside the language folders (docs/vi/, docs/en/, docs/km/)")
    assert problems[("docs/en/b.md", 3)].startswith("the stamp names commit deadbeefdead, which does not exist")
    assert status(data, "en", "a.md")["status"] == "outdated"  # the report is still produced


def test_usage_error_exits_2(repo):
    assert coverage(repo, "--format", "yaml").returncode == 2
    assert coverage(repo, "stamp", "a.md", "--lang", "fr").returncode == 2


def test_dataset_fields_missing_or_copied_count_as_untranslated():
    from daklak_portal.coverage import field_coverage

    records = [
        {"id": "lak-lake", "name@vi": "Hồ Lắk", "name@en": "Lắk Lake", "name@km": "បឹងឡាក់", "description@vi": "Hồ", "description@en": "Lake"},
        {"id": "nhan-tower", "name@vi": "Tháp Nhạn", "name@en": "Tháp Nhạn", "description@vi": "Tháp"},
    ]
    result = field_coverage(records, ("name", "description"), ("vi", "en", "km"))
    assert result["en"] == {"total": 4, "translated": 2, "missing": {"name": ["nhan-tower"], "description": ["nhan-tower"]}}
    assert result["km"]["missing"] == {"name": ["nhan-tower"], "description": ["lak-lake", "nhan-tower"]}


def test_stamp_keeps_a_front_matter_closed_by_dots(tmp_path):
    """YAML's `...` also closes front matter (MkDocs accepts it): the stamp goes inside the
    block, the body stays as it was, and the page still reads as stamped."""
    from daklak_portal.content import split_front_matter
    from daklak_portal.stamps import read_stamp, stamp_block, write_stamp

    page = tmp_path / "a.md"
    page.write_text("---\ntitle: A\n...\nIntro.\n\n---\n\nA rule, not front matter.\n", encoding="utf-8")
    write_stamp(page, stamp_block("abc123", {"_intro": "0123456789ab"}))
    text = page.read_text(encoding="utf-8")
    meta, body, _ = split_front_matter(text)
    assert meta["title"] == "A" and read_stamp(meta, text).source_commit == "abc123"
    assert body == "Intro.\n\n---\n\nA rule, not front matter.\n"
    assert text.startswith("---\ntitle: A\ntranslation:\n") and "\n...\nIntro." in text


def test_a_new_translation_is_better_and_a_new_page_is_new():
    from types import SimpleNamespace

    from daklak_portal.coverage import status_changes

    def page(key, status, sections=()):
        return SimpleNamespace(language="en", key=key, status=status, changed_sections=list(sections))

    before = SimpleNamespace(pages=[page("kept.md", "translated"), page("intro.md", "translated")])
    after = SimpleNamespace(pages=[page("kept.md", "translated"), page("intro.md", "outdated", ["_intro"]), page("new-translation.md", "translated"), page("new-source.md", "missing")])
    changes = {c["path"]: c for c in status_changes(before, after)}
    assert changes["new-translation.md"]["direction"] == "better"  # absent -> translated
    assert changes["new-source.md"]["direction"] == "new"  # a new Vietnamese page, to translate
    assert changes["intro.md"]["direction"] == "worse" and "kept.md" not in changes


def test_reports_name_the_text_before_the_first_heading_the_introduction():
    from daklak_portal.coverage.report import section_name

    assert section_name("_intro") == "the introduction" and section_name("two", {"two": "Hai"}) == "§two (Hai)"


def test_reports_speak_the_editors_language_and_the_json_stays_english(repo):
    from conftest import BIN, run

    table = run([str(BIN / "portal"), "coverage", "--root", str(repo)], cwd=repo, env={"PORTAL_LANG": "vi"}).output
    assert "f.md: thiếu các mục: §two (Hai)" in table
    assert "threshold: en/c.md là trang bắt buộc nhưng đang ở trạng thái missing: chưa được dịch" in table
    _, data = report(repo)  # the JSON's reasons are data: English whatever the editor reads
    assert status(data, "en", "f.md")["reasons"] == ["sections missing: §two (Hai)"]
