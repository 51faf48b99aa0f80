"""A build's cost follows the change: unchanged inputs come from caches keyed by content and by
the code that produced them, and no state of the cache (deleted, corrupt, from other code)
ever gives a different site."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from conftest import BASIC_PAGES, BIN, build, make_site, offline_env, run
from daklak_portal import build_cache
from daklak_portal import lint as lint_module
from daklak_portal.build_cache import CACHE_FOLDER, JsonCache, input_key
from daklak_portal.config import load_settings
from daklak_portal.search import KhmerSegmenter, SearchDocuments
from daklak_portal.search import index as search_module

PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<meta name="description" content="Mô tả"></head><body><nav>{nav}</nav>
<article class="md-content__inner"><h1>{title}</h1><h2 id="a">Vị trí</h2><p>{text}</p></article></body></html>"""


def site_digests(site) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*")) if p.is_file()}


# -- the cache files ------------------------------------------------------------------------------


def test_a_cache_file_that_cannot_be_read_counts_as_empty(tmp_path):
    cache = JsonCache(tmp_path, "things", "v1")
    cache.put("k", [1, 2])
    cache.save()
    assert JsonCache(tmp_path, "things", "v1").get("k") == [1, 2]
    for garbage in (b"{not json", b"[1, 2]", b"\xff\xfe", b""):
        cache.path.write_bytes(garbage)
        assert JsonCache(tmp_path, "things", "v1").get("k") is None


def test_other_code_never_reads_a_cache_and_old_versions_are_removed(tmp_path):
    old = JsonCache(tmp_path, "things", "v1")
    old.put("k", "made by v1")
    old.save()
    new = JsonCache(tmp_path, "things", "v2")
    assert new.get("k") is None
    new.put("k", "made by v2")
    new.save()
    assert sorted(p.name for p in (tmp_path / CACHE_FOLDER).iterdir()) == ["things-v2.json"]


def test_a_saved_cache_holds_only_what_the_build_used(tmp_path):
    first = JsonCache(tmp_path, "things", "v1")
    first.put("old page", 1)
    first.put("kept page", 2)
    first.save()
    second = JsonCache(tmp_path, "things", "v1")
    assert second.get("kept page") == 2
    second.save()
    assert json.loads(second.path.read_text(encoding="utf-8")) == {"kept page": 2}


def test_code_version_follows_the_source_of_the_modules(tmp_path, monkeypatch):
    module = tmp_path / "producer.py"
    module.write_text("VALUE = 1\n", encoding="utf-8")

    class Fake:
        __file__ = str(module)

    before = build_cache.code_version((Fake,))
    module.write_text("VALUE = 2\n", encoding="utf-8")
    assert build_cache.code_version((Fake,)) != before
    assert input_key("ab", "c") != input_key("a", "bc")  # parts cannot run together


# -- lint -----------------------------------------------------------------------------------------


def test_lint_reads_unchanged_files_from_its_cache(basic_site, monkeypatch):
    settings = load_settings(basic_site)
    bad = basic_site / "docs/en/province/index.md"
    bad.write_text("---\ntitle: Overview\n---\n<script>alert(1)</script>\n", encoding="utf-8")
    first = lint_module.lint(settings, cache=True)
    assert [f.path for f in first] == ["docs/en/province/index.md"]

    checked = []
    real_check = lint_module.check_file
    monkeypatch.setattr(lint_module, "check_file", lambda path, *args: checked.append(path.name) or real_check(path, *args))
    assert lint_module.lint(settings, cache=True) == first  # the same findings, from the cache
    assert checked == []

    bad.write_text("---\ntitle: Overview\n---\nFixed.\n", encoding="utf-8")
    assert lint_module.lint(settings, cache=True) == []
    assert checked == ["index.md"]  # only the changed file was read again


def test_lint_checks_everything_again_when_its_code_changes(basic_site, monkeypatch):
    settings = load_settings(basic_site)
    lint_module.lint(settings, cache=True)
    checked = []
    real_check = lint_module.check_file
    monkeypatch.setattr(lint_module, "check_file", lambda path, *args: checked.append(path.name) or real_check(path, *args))
    monkeypatch.setattr(lint_module, "_code_of_lint", lambda: "another-version")
    lint_module.lint(settings, cache=True)
    assert len(checked) == len(BASIC_PAGES)


# -- search documents and Khmer words ---------------------------------------------------------------


def test_a_page_whose_article_did_not_change_is_not_parsed_again(tmp_path, monkeypatch):
    page = PAGE.format(lang="vi", nav="Menu", title="Hồ Lắk", text="Hồ nước ngọt.")
    first = SearchDocuments(tmp_path, "vi")
    first.add("tourism/lak-lake/index.html", page)
    first.save()
    monkeypatch.setattr(search_module, "index_document", lambda *a: pytest.fail("parsed an unchanged page again"))
    second = SearchDocuments(tmp_path, "vi")
    second.add("tourism/lak-lake/index.html", page.replace("Menu", "Menu with a new page"))  # only the navigation changed
    assert second.documents == first.documents
    assert "holak" in second.documents["tourism/lak-lake/index.html"][1]


def test_a_changed_article_is_indexed_anew(tmp_path):
    first = SearchDocuments(tmp_path, "vi")
    first.add("p/index.html", PAGE.format(lang="vi", nav="", title="Hồ Lắk", text="Cũ."))
    first.save()
    second = SearchDocuments(tmp_path, "vi")
    second.add("p/index.html", PAGE.format(lang="vi", nav="", title="Hồ Lắk", text="Thác Dray Nur."))
    assert "dray" in second.documents["p/index.html"][1].lower()


def test_pages_kept_out_of_search_are_not_indexed(tmp_path):
    documents = SearchDocuments(tmp_path, "vi")
    documents.add("x/index.html", PAGE.format(lang="vi", nav="", title="T", text="x").replace("<head>", '<head><meta name="robots" content="noindex">'))
    assert documents.documents == {}


def test_each_distinct_khmer_run_is_cut_once_and_remembered(tmp_path, monkeypatch):
    import khmernltk

    calls = []
    real = khmernltk.word_tokenize
    monkeypatch.setattr(khmernltk, "word_tokenize", lambda text: calls.append(text) or real(text))
    segmenter = KhmerSegmenter(JsonCache(tmp_path, "khmer-words-km", "v"))
    words = [segmenter.words("ខេត្តដាក់ឡាក់") for _ in range(3)]  # a title in the navigation, the heading, the text
    assert words[0] == words[1] == words[2] and "ខេត្ត" in words[0]
    assert calls == ["ខេត្តដាក់ឡាក់"]
    segmenter.cache.save()
    again = KhmerSegmenter(JsonCache(tmp_path, "khmer-words-km", "v"))
    again.words("ខេត្តដាក់ឡាក់")
    assert calls == ["ខេត្តដាក់ឡាក់"]  # the next build reads it back


# -- whole builds ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference_build(tmp_path_factory):
    """The basic site built once without any cache: what every cache state must reproduce."""
    root = make_site(tmp_path_factory.mktemp("cache") / "src", BASIC_PAGES)
    result = build(root)
    assert result.returncode == 0, result.output
    return root, site_digests(root / "site")


def test_a_warm_build_gives_the_same_site(reference_build):
    root, expected = reference_build
    assert (root / CACHE_FOLDER).is_dir()
    result = build(root)
    assert result.returncode == 0, result.output
    assert site_digests(root / "site") == expected


def test_a_deleted_or_corrupt_cache_gives_the_same_site(reference_build):
    root, expected = reference_build
    shutil.rmtree(root / CACHE_FOLDER)
    assert build(root).returncode == 0
    assert site_digests(root / "site") == expected
    corrupted = [path for path in (root / CACHE_FOLDER).rglob("*") if path.is_file()]
    assert any(path.name.startswith("search-documents-") for path in corrupted)
    for path in corrupted:
        path.write_bytes(b"\x00garbage{")
    result = build(root)
    assert result.returncode == 0, result.output
    assert "Traceback" not in result.output
    assert site_digests(root / "site") == expected


def test_entries_made_by_other_code_are_never_read(reference_build):
    """A cache left by an older version of the code holds other answers for the same keys:
    renamed to another code version and poisoned, it must not reach the site."""
    root, expected = reference_build
    assert build(root).returncode == 0
    for path in (root / CACHE_FOLDER).glob("*.json"):
        entries = json.loads(path.read_text(encoding="utf-8"))
        poisoned = {key: ["vi", "<p>poison</p>", []] if path.name.startswith("search") else [] for key in entries}
        path.unlink()
        name, _version = path.stem.rsplit("-", 1)
        (path.parent / f"{name}-0123456789abcdef.json").write_text(json.dumps(poisoned), encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.output
    assert site_digests(root / "site") == expected


def test_parallel_build_gives_the_same_site_as_mkdocs_build(reference_build, tmp_path):
    root, expected = reference_build
    result = run([str(BIN / "portal"), "build", "--jobs", "2"], cwd=root, env=offline_env())
    assert result.returncode == 0, result.output
    assert "(2 processes)" in result.output
    assert site_digests(root / "site") == expected


def parallel_build_fails(tmp_path, pages: dict) -> str:
    """`portal build --jobs 2` exits 1 without a traceback and leaves the previous site/ as it
    was, with no half-built folder beside it; returns the output."""
    root = make_site(tmp_path / "src", {**BASIC_PAGES, **pages})
    old = root / "site" / "index.html"
    old.parent.mkdir(parents=True)
    old.write_text("previous good build", encoding="utf-8")
    result = run([str(BIN / "portal"), "build", "--jobs", "2"], cwd=root, env=offline_env())
    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in (root / "site").iterdir()) == ["index.html"]
    assert old.read_text(encoding="utf-8") == "previous good build"
    assert not [p for p in root.iterdir() if p.name.startswith(".site-")]
    return result.output


def test_parallel_build_refuses_bad_content_and_keeps_the_old_site(tmp_path):
    output = parallel_build_fails(tmp_path, {"vi/province/index.md": "---\ntitle: [\n---\n"})
    assert "docs/vi/province/index.md:3: the front matter is not valid YAML" in output


def test_a_warning_in_one_language_fails_the_parallel_build_and_keeps_the_old_site(tmp_path):
    """Strict mode: an English page linking to a page that does not exist stops the build."""
    output = parallel_build_fails(tmp_path, {"en/province/index.md": "---\ntitle: Overview\n---\nSee [the lake](lak-lake.md).\n"})
    assert "lak-lake.md" in output and "the build of en failed" in output
