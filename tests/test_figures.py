"""Key figures: one sourced data file (figures/figures.yml) whose numbers the pages, their cards
and their charts quote, formatted in each page's language; bad entries and unknown ids are
file:line messages and nothing is built."""

from __future__ import annotations

import re
import shutil

from conftest import BASIC_NAV, BASIC_PAGES, PROJECT, build, make_site, portal
from daklak_portal.config import load_settings
from daklak_portal.figures import load_figures
from daklak_portal.translations import load_translations

PAGES = {
    **BASIC_PAGES,
    "vi/province/index.md": "---\ntitle: Tổng quan\n---\nTỉnh có diện tích [[figure:area]].\n\n[[figures:area,population]]\n\n[[chart:ethnic-groups]]\n",
    "en/province/index.md": "---\ntitle: Overview\n---\nThe province covers [[figure:area]].\n\n[[figures:area,population]]\n\n[[chart:ethnic-groups]]\n",
    "km/province/index.md": "---\ntitle: ទិដ្ឋភាពទូទៅ\n---\nខេត្តមានផ្ទៃដី [[figure:area]]។\n\n[[figures:area,population]]\n\n[[chart:ethnic-groups]]\n",
}


def site_with_figures(tmp_path, change=None, pages=PAGES):
    root = make_site(tmp_path / "src", pages, BASIC_NAV)
    (root / "figures").mkdir()
    text = (PROJECT / "figures/figures.yml").read_text(encoding="utf-8")
    (root / "figures/figures.yml").write_text(change(text) if change else text, encoding="utf-8")
    return root


def test_a_figure_is_written_in_each_language():
    figures, findings = load_figures(load_settings(PROJECT))
    assert findings == []
    area, people = figures.figures["area"], figures.figures["population"]
    assert area.text("vi", load_translations("vi").gettext) == "18.096,40 km²"
    assert area.text("en", load_translations("en").gettext) == "18,096.40 km²"
    assert people.text("km", load_translations("km").gettext) == "៣.៣៤៦.៨៥៣ នាក់"
    assert figures.figures["coastline"].text("en", load_translations("en").gettext) == "about 189 km"


def test_the_page_the_card_and_the_chart_follow_the_data_file(tmp_path):
    root = site_with_figures(tmp_path)
    assert build(root).returncode == 0
    first = {lang: (root / "site" / prefix / "province/index.html").read_text(encoding="utf-8") for lang, prefix in (("vi", ""), ("en", "en"), ("km", "km"))}
    assert "Tỉnh có diện tích 18.096,40 km²." in first["vi"] and "The province covers 18,096.40 km²." in first["en"]
    assert "ផ្ទៃដី ១៨.០៩៦,៤០ គីឡូម៉ែត្រការ៉េ" in first["km"]
    card = re.search(r'<ul class="portal-figures">(.*?)</ul>', first["en"], re.S)[1]
    assert "18,096.40 km²" in card and "Population" in card and "3,346,853 people" in card
    chart = re.search(r'<figure class="portal-chart">(.*?)</figure>', first["km"], re.S)[1]
    assert '<svg class="portal-chart__image"' in chart and 'aria-hidden="true"' in chart and "១២,៩៣%" in chart
    assert '<table class="portal-visually-hidden"><caption>' in chart and '<th scope="row">Ê Đê</th><td>១២,៩៣%</td>' in chart
    # One number changed in the data file: the sentence, the card and the chart change with it.
    shutil.rmtree(root.parent)
    root = site_with_figures(tmp_path, lambda text: text.replace("value: 18096.40", "value: 18100.5").replace("value: 12.93", "value: 13.5"))
    assert build(root).returncode == 0
    en = (root / "site/en/province/index.html").read_text(encoding="utf-8")
    assert "The province covers 18,100.50 km²." in en and "18,096.40" not in en
    km = (root / "site/km/province/index.html").read_text(encoding="utf-8")
    assert "១៣,៥០%" in km and "១២,៩៣%" not in km


def test_an_unknown_id_or_a_bad_entry_is_a_file_and_line_message_and_nothing_is_built(tmp_path):
    pages = {**PAGES, "vi/province/index.md": PAGES["vi/province/index.md"].replace("[[figure:area]]", "[[figure:areas]]")}
    root = site_with_figures(tmp_path, pages=pages)
    result = build(root)
    assert result.returncode != 0 and "docs/vi/province/index.md:4:" in result.output and "[[figure:areas]]" in result.output
    assert "Traceback" not in result.output and not (root / "site/index.html").exists()
    shutil.rmtree(root.parent)
    root = site_with_figures(tmp_path, lambda text: text.replace("value: 3346853", "value: 3.346.853"))
    linted = portal(root, "lint", "--root", str(root))
    line = (root / "figures/figures.yml").read_text(encoding="utf-8").splitlines().index("    value: 3.346.853") + 1
    assert linted.returncode == 1 and f"figures/figures.yml:{line}:" in linted.output and "Traceback" not in linted.output
    # One cause, one message: the pages quoting the refused figure are not listed again.
    assert ".md:" not in linted.output, linted.output
    result = build(root)
    assert result.returncode != 0 and f"figures/figures.yml:{line}:" in result.output and not (root / "site/index.html").exists()


def test_a_refused_figure_in_a_chart_is_one_message(tmp_path):
    root = site_with_figures(tmp_path, lambda text: text.replace("    value: 12.93\n", "    value: 12,93\n", 1))
    linted = portal(root, "lint", "--root", str(root))
    assert linted.returncode == 1 and linted.output.count("figures/figures.yml:") == 1, linted.output
    assert ".md:" not in linted.output, linted.output  # nor the page's [[chart:ethnic-groups]]


def test_a_figures_file_that_is_not_yaml_is_one_message_not_one_per_placeholder(tmp_path):
    root = site_with_figures(tmp_path, lambda text: text.replace("figures:\n", "figures: [\n", 1))
    linted = portal(root, "lint", "--root", str(root))
    assert linted.returncode == 1 and "figures/figures.yml:" in linted.output and "Traceback" not in linted.output
    assert ".md:" not in linted.output, linted.output
    result = build(root)
    assert result.returncode != 0 and "figures/figures.yml:" in result.output and not (root / "site/index.html").exists()


def test_a_placeholder_is_not_untranslated_text_on_a_khmer_page():
    from daklak_portal.coverage.report import _is_latin_paragraph

    assert not _is_latin_paragraph("[[figures:area,population,commune-level-units,coastline]]", "Khmr")
    assert _is_latin_paragraph("The province covers a large area of the Central Highlands", "Khmr")


def test_the_charts_are_images_of_the_open_dataset(tmp_path):
    root = site_with_figures(tmp_path)
    assert build(root).returncode == 0
    svg = (root / "site/data/charts/ethnic-groups-km.svg").read_text(encoding="utf-8")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and 'xml:lang="km"' in svg and "១២,៩៣%" in svg
    assert "CC BY 4.0" in svg or "Creative Commons" in svg  # the licence on the image itself
    rows = (root / "site/data/images.csv").read_text(encoding="utf-8")
    (line,) = [row for row in rows.splitlines() if row.startswith("chart-ethnic-groups-en,")]
    assert "/data/charts/ethnic-groups-en.svg" in line and "CC-BY-4.0" in line and "Ê Đê 12.93%" in line
