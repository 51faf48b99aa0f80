"""The province's key figures (figures/figures.yml): one sourced value each, quoted by the pages.

A page writes `[[figure:area]]` where the number belongs in a sentence, `[[figures:area,population]]`
on a line of its own for a row of "key figure" cards, and `[[chart:ethnic-groups]]` for a bar
chart. The build replaces them in the language the page is written in: the number with its
language's marks and digits (Khmer digits on Khmer pages), its unit, the label, and for a chart
an SVG drawn here (text, not paths, so the browser shapes Khmer) with a table of the same
numbers for screen readers. A figure corrected in the data file is corrected everywhere.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

import yaml

from .config import Settings, language_info
from .data_checks import is_number, is_web_source
from .errors import Finding
from .locator_map import LocatorMap, load_map
from .page_text import line_of_path
from .place_map import MAP_KINDS, MapPoint, maps_html

FIGURES_FILE = "figures/figures.yml"
PLACEHOLDER = re.compile(r"\[\[(figure|figures|chart|map):([^\]]*)\]\]")


def N_(text: str) -> str:
    return text


# Unit id -> how a value is written with it (translated in the catalogs).
UNITS = {
    "square-km": N_("%(value)s km²"),
    "kilometres": N_("%(value)s km"),
    "hectares": N_("%(value)s ha"),
    "people": N_("%(value)s people"),
    "tonnes": N_("%(value)s tonnes"),
    "million-usd": N_("US$%(value)s million"),
    "percent": N_("%(value)s%%"),
    "units": "%(value)s",  # a bare count: nothing to translate
}
APPROXIMATE, AT_LEAST = N_("about %(value)s"), N_("over %(value)s")


@dataclass(frozen=True)
class Figure:
    id: str
    value: float
    decimals: int
    unit: str
    labels: dict
    as_of: date
    source: dict
    approximate: bool = False
    at_least: bool = False

    def text(self, language: str, gettext) -> str:
        """'18.096,40 km²' (vi), 'about 189 km' (en), '៣.៣៤៦.៨៥៣ នាក់' (km)."""
        number = language_info(language).decimal(self.value, self.decimals)
        shown = (gettext(UNITS[self.unit]) if self.unit != "units" else UNITS[self.unit]) % {"value": number}
        if self.approximate:
            return gettext(APPROXIMATE) % {"value": shown}
        return gettext(AT_LEAST) % {"value": shown} if self.at_least else shown

    def label(self, language: str, source_language: str) -> str:
        return str(self.labels.get(language) or self.labels.get(source_language) or self.id)


@dataclass(frozen=True)
class Chart:
    id: str
    titles: dict
    figures: tuple[str, ...]


@dataclass
class Figures:
    figures: dict[str, Figure]
    charts: dict[str, Chart]
    locator: LocatorMap | None = None  # the maps' data (locator_map.py), when the project has one
    # Placeholder kinds whose data file is there but could not be read, and ids whose entry was
    # refused: the data file's own file:line message stops the build, so the placeholders
    # naming them are not reported again, once per page.
    unreadable: frozenset[str] = frozenset()
    refused: frozenset[str] = frozenset()

    def maps(self) -> dict:
        return dict.fromkeys(MAP_KINDS, self.locator) if self.locator is not None else {}

    def ids(self) -> tuple:
        return (tuple(sorted(self.figures)), tuple(sorted(self.charts)), tuple(self.maps()))


def load_figures(settings: Settings) -> tuple[Figures, list[Finding]]:
    """The figures and charts of the data file, and what is wrong with it (file:line)."""
    path = settings.root / FIGURES_FILE
    if not path.is_file():
        return Figures({}, {}), []
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        finding = Finding.of(FIGURES_FILE, mark.line + 1 if mark else None, "figures.yaml", detail=str(getattr(error, "problem", error)))
        locator, map_problems = load_map(settings)
        unreadable = {"figure", "figures", "chart"} | ({"map"} if map_problems else set())
        return Figures({}, {}, locator, frozenset(unreadable)), [finding, *map_problems]
    found: list[Finding] = []
    refused: set[str] = set()
    figures: dict[str, Figure] = {}
    for figure_id, entry in (data.get("figures") or {}).items():
        problem = _figure_problem(entry, settings.languages)
        if problem:
            field, message_id = problem
            found.append(Finding.of(FIGURES_FILE, line_of_path(text, ["figures", figure_id, field]), message_id, field=f"figures.{figure_id}.{field}", id=figure_id))
            refused.add(str(figure_id))
            continue
        figures[str(figure_id)] = Figure(
            str(figure_id), float(entry["value"]), int(entry.get("decimals", 0)), entry["unit"], dict(entry["label"]),
            entry["as_of"], dict(entry["source"]), bool(entry.get("approximate")), bool(entry.get("at_least")),
        )
    charts: dict[str, Chart] = {}
    for chart_id, entry in (data.get("charts") or {}).items():
        members = entry.get("figures") if isinstance(entry, dict) else None
        if not isinstance(members, list) or not members or not isinstance(entry.get("title"), dict):
            found.append(Finding.of(FIGURES_FILE, line_of_path(text, ["charts", chart_id]), "figures.chart-shape", field=f"charts.{chart_id}", id=chart_id))
            refused.add(str(chart_id))
            continue
        for index, member in enumerate(members):
            if member not in figures and member not in refused:  # a refused one is reported already
                found.append(Finding.of(FIGURES_FILE, line_of_path(text, ["charts", chart_id, "figures", index]), "figures.unknown", field=f"charts.{chart_id}.figures", id=member))
        charts[str(chart_id)] = Chart(str(chart_id), dict(entry["title"]), tuple(m for m in members if m in figures))
    locator, map_problems = load_map(settings)
    found += map_problems
    return Figures(figures, charts, locator, frozenset({"map"}) if map_problems else frozenset(), frozenset(refused)), found


def _figure_problem(entry, languages: tuple[str, ...]) -> tuple[str, str] | None:
    """(field, message id) of the first thing wrong with a figure's entry, or None."""
    if not isinstance(entry, dict):
        return "value", "figures.shape"
    if not is_number(entry.get("value")):
        return "value", "figures.value"
    if entry.get("unit") not in UNITS:
        return "unit", "figures.unit"
    labels = entry.get("label")  # every language's label; the source language's at least
    if not isinstance(labels, dict) or not str(labels.get(languages[0]) or "").strip():
        return "label", "figures.label"
    if not isinstance(entry.get("as_of"), date):
        return "as_of", "figures.as-of"
    if not is_web_source(entry.get("source")):
        return "source", "figures.source"
    return None


# -- what the pages get ---------------------------------------------------------------------------


def placeholder_problems(body: str, figures: Figures) -> list[tuple[int, str, dict]]:
    """(line in the body, message id, values) of each placeholder naming no figure or chart."""
    problems = []
    for number, line in enumerate(body.splitlines(), 1):
        for match in PLACEHOLDER.finditer(line):
            kind, names = match.group(1), [name.strip() for name in match.group(2).split(",")]
            known = {"chart": figures.charts, "map": figures.maps()}.get(kind, figures.figures)
            if kind in figures.unreadable:
                continue
            for name in names:
                if name not in known and name not in figures.refused:
                    problems.append((number, "figures.placeholder", {"placeholder": match.group(0), "id": name}))
    return problems


def expand(markdown: str, figures: Figures, language: str, source_language: str, gettext, places: list[MapPoint] = (), site_root: str = "/") -> str:
    """The Markdown with its placeholders replaced (an unknown id is left as written: lint
    refuses it before any build); a map shows `places` (place_map.located_places)."""
    if "[[" not in markdown:
        return markdown

    def replace(match: re.Match) -> str:
        kind, names = match.group(1), [name.strip() for name in match.group(2).split(",")]
        if kind == "figure" and names[0] in figures.figures and len(names) == 1:
            return html.escape(figures.figures[names[0]].text(language, gettext))
        if kind == "figures" and all(name in figures.figures for name in names):
            return cards_html([figures.figures[name] for name in names], language, source_language, gettext)
        if kind == "map" and names[0] in figures.maps():
            return maps_html(figures.locator, names[0], list(places), language, source_language, site_root, gettext)
        if kind == "chart" and names[0] in figures.charts:
            chart = figures.charts[names[0]]
            return chart_html(chart, chart_figures(chart, figures), language, source_language, gettext)
        return match.group(0)

    return PLACEHOLDER.sub(replace, markdown)


CARDS_ON_SOCIAL_CARD = 4  # at most, side by side under the title


def social_card_figures(body: str, figures: Figures, language: str, source_language: str, gettext) -> tuple[tuple[str, str], ...]:
    """(number, label) of the key figures a page shows first (`[[figures:…]]`), for its social
    card: a figure corrected in the data file is corrected on the card too."""
    match = next((found for found in PLACEHOLDER.finditer(body) if found.group(1) == "figures"), None)
    if match is None:
        return ()
    names = [name.strip() for name in match.group(2).split(",") if name.strip() in figures.figures]
    return tuple((figures.figures[name].text(language, gettext), figures.figures[name].label(language, source_language)) for name in names[:CARDS_ON_SOCIAL_CARD])


def cards_html(figures: list[Figure], language: str, source_language: str, gettext) -> str:
    """A row of key-figure cards: the number large, its label under it."""
    cards = "".join(
        f'<li class="portal-figure"><span class="portal-figure__value">{html.escape(figure.text(language, gettext))}</span>'
        f'<span class="portal-figure__label">{html.escape(figure.label(language, source_language))}</span></li>'
        for figure in figures
    )
    return f'<ul class="portal-figures">{cards}</ul>'


# Bar chart geometry (SVG user units): labels on the left, bars from LABEL_WIDTH, value at the end.
WIDTH, LABEL_WIDTH, BAR_AREA, ROW = 440, 120, 220, 40


def chart_rows(figures: list[Figure], language: str, source_language: str, gettext, top: int = 5) -> tuple[str, int]:
    """The bars of a chart as SVG elements, and the height they take."""
    largest = max((figure.value for figure in figures), default=0) or 1
    rows = []
    for index, figure in enumerate(figures):
        y = top + index * ROW
        label, value = html.escape(figure.label(language, source_language)), html.escape(figure.text(language, gettext))
        length = max(2, round(BAR_AREA * figure.value / largest))
        rows.append(
            f'<text x="{LABEL_WIDTH - 10}" y="{y + 24}" text-anchor="end" font-size="16" fill="#1f1f1f">{label}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 6}" width="{length}" height="26" rx="2" fill="#1b5e3b"/>'
            f'<text x="{LABEL_WIDTH + length + 8}" y="{y + 24}" font-size="16" fill="#1f1f1f">{value}</text>'
        )
    return "".join(rows), ROW * len(figures) + top


def chart_alt(chart: Chart, figures: list[Figure], language: str, source_language: str, gettext) -> str:
    """A chart in one sentence, for an image's text alternative: 'Title: A 12.93%; B 2.75%.'"""
    colon = language_info(language).label_separator
    values = "; ".join(f"{figure.label(language, source_language)} {figure.text(language, gettext)}" for figure in figures)
    return f"{chart_title(chart, language, source_language)}{colon}{values}"


def chart_title(chart: Chart, language: str, source_language: str) -> str:
    return str(chart.titles.get(language) or chart.titles.get(source_language) or chart.id)


def chart_svg_document(chart: Chart, figures: list[Figure], language: str, source_language: str, gettext, credit: str) -> str:
    """The chart as an SVG file of the open dataset: its title, the bars and the credit line, in
    one language (the text stays text: readers' fonts shape it)."""
    title = html.escape(chart_title(chart, language, source_language))
    rows, height = chart_rows(figures, language, source_language, gettext, top=40)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height + 40}" width="{WIDTH * 2}" height="{(height + 40) * 2}" role="img" aria-labelledby="title" xml:lang="{language}">'
        f'<title id="title">{html.escape(chart_alt(chart, figures, language, source_language, gettext))}</title>'
        f'<rect width="100%" height="100%" fill="#ffffff"/>'
        f'<g font-family="Noto Sans, Noto Sans Khmer, sans-serif"><text x="10" y="26" font-size="17" font-weight="700" fill="#1f1f1f">{title}</text>{rows}'
        f'<text x="10" y="{height + 28}" font-size="11" fill="#4d4d4d">{html.escape(credit)}</text></g></svg>\n'
    )




def chart_html(chart: Chart, figures: list[Figure], language: str, source_language: str, gettext) -> str:
    """A horizontal bar chart as inline SVG (presentation attributes only: the security policy
    forbids inline styles) and the same numbers as a table for screen readers."""
    title = html.escape(chart_title(chart, language, source_language))
    rows, height = chart_rows(figures, language, source_language, gettext)
    height += 5
    table = [
        f'<tr><th scope="row">{html.escape(figure.label(language, source_language))}</th><td>{html.escape(figure.text(language, gettext))}</td></tr>'
        for figure in figures
    ]
    value_header = html.escape(gettext("Value"))
    svg = f'<svg class="portal-chart__image" viewBox="0 0 {WIDTH} {height}" width="100%" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">{rows}</svg>'
    caption = f'<table class="portal-visually-hidden"><caption>{title}</caption><thead><tr><td></td><th scope="col">{value_header}</th></tr></thead><tbody>{"".join(table)}</tbody></table>'
    return f'<figure class="portal-chart">{svg}<figcaption>{title}</figcaption>{caption}</figure>'


def chart_figures(chart: Chart, figures: Figures) -> list[Figure]:
    return [figures.figures[name] for name in chart.figures]


def chart_file(chart_id: str, language: str) -> str:
    """The file name of a chart in the open dataset (data/charts/)."""
    return f"{chart_id}-{language}.svg"
