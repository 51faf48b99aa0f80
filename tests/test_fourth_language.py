"""A fourth language in one step (`portal language add`): a fixture site with vi, en, km and lo
built, with the switcher, hreflang, sitemap, search index and coverage of all four; the real
site keeps its three languages until Lao content exists."""

import json
import re

import yaml

from conftest import (
    BASIC_PAGES,
    BIN,
    PROJECT,
    TolerantLoader,
    build,
    make_site,
    offline_env,
    run,
)

LAO_HOME = "---\ntitle: ໜ້າຫຼັກ\n---\n\nຍິນດີຕ້ອນຮັບສູ່ແຂວງດັກລັກ.\n"


def languages_of(mkdocs_yml) -> list[tuple[str, bool]]:
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=TolerantLoader)
    i18n = next(entry["i18n"] for entry in config["plugins"] if isinstance(entry, dict) and "i18n" in entry)
    return [(entry["locale"], entry.get("build", True)) for entry in i18n["languages"]]


def test_the_real_site_keeps_three_languages():
    assert [code for code, _ in languages_of(PROJECT / "mkdocs.yml")] == ["vi", "en", "km"]


def test_lao_is_added_in_one_step_and_built_once_its_home_page_exists(tmp_path):
    root = make_site(tmp_path / "src", BASIC_PAGES)
    added = run([str(BIN / "portal"), "language", "add", "lo", "--name", "ພາສາລາວ", "--root", str(root)], cwd=root, env={**offline_env(), "PORTAL_LANG": "en"})
    assert added.returncode == 0, added.output
    assert "Language lo added (not built yet)" in added.output
    assert languages_of(root / "mkdocs.yml") == [("vi", True), ("en", True), ("km", True), ("lo", False)]
    theme = (root / "overrides/partials/languages/lo.html").read_text(encoding="utf-8")
    assert '"language": "lo"' in theme and '"search.result.placeholder"' in theme
    again = run([str(BIN / "portal"), "language", "add", "lo", "--name", "ພາສາລາວ", "--root", str(root)], cwd=root, env={**offline_env(), "PORTAL_LANG": "en"})
    assert again.returncode == 1 and "the language lo is already in mkdocs.yml" in again.output

    # Not built for readers while it has no home page and `build: false`.
    result = build(root)
    assert result.returncode == 0, result.output
    assert not (root / "site/lo").exists()

    (root / "docs/lo").mkdir()
    (root / "docs/lo/index.md").write_text(LAO_HOME, encoding="utf-8")
    mkdocs = root / "mkdocs.yml"
    mkdocs.write_text(re.sub(r"(- locale: lo\n\s+name: ພາສາລາວ\n\s+build:) false.*", r"\1 true", mkdocs.read_text(encoding="utf-8")), encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.output
    site = root / "site"
    home = (site / "lo/index.html").read_text(encoding="utf-8")
    assert '<html lang="lo"' in home and "ຍິນດີຕ້ອນຮັບສູ່ແຂວງດັກລັກ" in home
    # Its font, self-hosted and preloaded; switcher and hreflang in every language.
    assert '<link rel="preload" href="/assets/fonts/noto-sans-lao-lao-400-normal.woff2"' in home
    assert (site / "assets/fonts/noto-sans-lao-lao-400-normal.woff2").is_file()
    assert '"Noto Sans Lao"' in (site / "assets/css/fonts.css").read_text(encoding="utf-8")
    for page in ("index.html", "en/index.html", "km/index.html", "lo/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert re.search(r'<link rel="alternate" href="[^"]*/lo/" hreflang="lo">', html), page
        assert re.search(r'<a href="[^"]*" hreflang="lo" lang="lo" class="md-select__link"[^>]*>\s*ພາສາລາວ', html), page
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert re.search(r"<loc>[^<]*/lo/</loc>", sitemap) and 'hreflang="lo"' in sitemap
    assert list((site / "pagefind").glob("pagefind.lo_*.pf_meta")), "a search index of its own"
    assert "name@lo" in (site / "data/places.csv").read_text(encoding="utf-8").split("\n", 1)[0]
    assert (site / "data/events-lo.ics").is_file()
    coverage = run([str(BIN / "portal"), "coverage", "--format", "json", "--root", str(root)], cwd=root, env=offline_env())
    report = json.loads(coverage.stdout)
    assert report["languages"] == ["en", "km", "lo"]
    assert {page["path"]: page["status"] for page in report["pages"] if page["language"] == "lo"}["index.md"] == "translated"
