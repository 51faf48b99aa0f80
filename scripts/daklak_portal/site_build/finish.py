"""What a build does once every language is built: the parts of site/ that cover all languages.

The sitemap (every language's pages), the open dataset, the search index (one Pagefind run
over every language's documents) and the fonts cut down to the characters of every page. The plugin calls it at the end of the last language's build;
`portal build --jobs N` calls it in the parent once the workers' sites are merged.
"""

from __future__ import annotations

import threading
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from ..content import page_path
from ..dataset import DATASET_VERSION, source_date, write_dataset
from ..dataset.formats import LICENSE
from ..dataset.records import CHARTS_DIR
from ..feeds import ATOM, JSON_FEED, feed_posts, feeds
from ..figures import chart_figures, chart_file, chart_svg_document
from ..locator_map import MAP_ID
from ..messages import text
from ..news import news_categories
from ..place_map import map_svg_document
from ..search import SearchDocuments, build_search_index
from ..sitemap import gzip_bytes, sitemap_xml
from .fonts import subset_site_fonts
from .material_patches import patch_bundle
from .state import BuildState

log = get_plugin_logger(__name__)


def finish_site(state: BuildState, site: Path, site_url: str, search: SearchDocuments | None) -> None:
    """Writes sitemap.xml(.gz), data/ and (unless search is None) pagefind/ into site, cuts
    the fonts down to the characters of its pages (fonts) and adjusts Material's bundle
    (material_patches)."""
    patch_bundle(site)
    subset_site_fonts(site, state.settings.docs_dir / "assets", state.settings.root)
    xml = sitemap_xml(site_url, state.available, state.settings.languages, state.last_changed).encode("utf-8")
    (site / "sitemap.xml").write_bytes(xml)
    (site / "sitemap.xml.gz").write_bytes(gzip_bytes(xml))
    write_dataset(state.dataset, site / "data", version=DATASET_VERSION, site_url=site_url, created=source_date())
    write_charts(state, site)
    write_feeds(state, site, site_url)
    indexed = build_search_index(site, search, state.settings.root) if search is not None else {}
    # One line that sums the build up, in the editor's language (the rest of the log is MkDocs').
    written = ", ".join(f"{language} {len(state.pages.get(language, {}))}" for language in state.settings.languages)
    searchable = ", ".join(f"{language} {count}" for language, count in sorted(indexed.items())) or "-"
    log.info(text("build.summary", {"written": written, "indexed": searchable}))


def write_charts(state: BuildState, site: Path) -> None:
    """The charts of the key figures as SVG files of the open dataset, one per language
    (data/charts/; their records are among the dataset's images)."""
    settings, source = state.settings, state.settings.source_language
    folder = site / CHARTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for chart in state.figures.charts.values():
        members = chart_figures(chart, state.figures)
        sources = "; ".join(sorted({str(figure.source.get("title") or figure.source["url"]) for figure in members}))
        for language in settings.languages:
            credit = f"{settings.site_names.get(language) or settings.site_names.get(source, '')} · {LICENSE['title']} · {sources}"
            svg = chart_svg_document(chart, members, language, source, state.translations(language).gettext, credit)
            (folder / chart_file(chart.id, language)).write_text(svg, encoding="utf-8")
    if state.figures.locator is not None:
        for language in settings.languages:
            svg = map_svg_document(state.figures.locator, state.places, language, source, state.translations(language).gettext)
            (folder / chart_file(f"{MAP_ID}-map", language)).write_text(svg, encoding="utf-8")


def write_feeds(state: BuildState, site: Path, site_url: str) -> None:
    """feed.xml and feed.json at each built language's home (feeds.py)."""
    settings, source = state.settings, state.settings.source_language
    categories = news_categories(settings)
    for language in settings.built_languages:
        gettext = state.translations(language).gettext
        posts = feed_posts(state.pages.get(language, {}), state.pages.get(source, {}), state.available.get(language, set()))
        name = settings.site_names.get(language) or settings.site_names.get(source, "")
        atom, json_feed = feeds(language, source, site_url, f"{name}: {gettext('News and events')}", name, posts, state.last_changed, categories)
        home = site / (page_path("index.md", language, source) or ".")
        home.mkdir(parents=True, exist_ok=True)
        (home / ATOM).write_text(atom, encoding="utf-8")
        (home / JSON_FEED).write_text(json_feed, encoding="utf-8")


def finish_in_background(state: BuildState, site: Path, site_url: str, search: SearchDocuments | None, lock: threading.Lock) -> None:
    """While serving: the changed page is served at once, the sitemap, data and index follow
    in a thread (one at a time, the newest last)."""
    log.info("Search index and open data: refreshing in the background; until it is done, search shows the previous index.")

    def finish() -> None:
        with lock:
            try:
                finish_site(state, site, site_url, search)
            except Exception as error:  # noqa: BLE001 - a preview keeps serving; the log says why
                log.warning(f"Search index and open data not refreshed: {error}")

    threading.Thread(target=finish, daemon=True).start()
