"""Everything a build knows before it renders a page, prepared once per build.

`prepare` checks every input before anything is written to site/ (lint, images, data records)
and loads what every language's pages need: the pages of every language, git dates, the
coverage report, the dataset. The plugin calls it in the first language's build; `portal build
--jobs N` calls it once in the parent process, whose workers inherit the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from .. import reproducible
from ..config import Settings, load_settings
from ..content import SourceFile, load_pages
from ..coverage import Report, build_report, ui_coverage
from ..dataset import Dataset, collect_records
from ..errors import relative
from ..figures import Figures, load_figures
from ..git_history import GitHistory, read_history
from ..lint import lint
from ..messages import text
from ..page_images import PageImages
from ..place_map import located_places
from ..social_cards import Fonts
from ..translations import load_translations

log = get_plugin_logger(__name__)


class ContentRefused(Exception):
    """The content has problems: nothing was built. The message lists them, one per line."""


@dataclass
class BuildState:
    settings: Settings
    pages: dict[str, dict[str, SourceFile]]  # language -> page key -> the file
    history: GitHistory
    coverage: Report
    images: PageImages
    dataset: Dataset
    card_fonts: Fonts
    source_site_name: str  # the site's name in the source language (cards of untranslated pages)
    figures: Figures = field(default_factory=lambda: Figures({}, {}))  # the key figures the pages quote
    available: dict[str, set[str]] = field(default_factory=dict)  # the page keys that really exist per language
    catalogs: dict = field(default_factory=dict)  # language -> compiled gettext catalog
    fallback_titles: dict = field(default_factory=dict)  # language -> {site path: source title} (pages.fallback_titles)
    places: list = field(default_factory=list)  # the dataset's places with coordinates, as the maps number them

    def __post_init__(self):
        self.available = {language: set(files) for language, files in self.pages.items()}
        self.places = located_places(self.dataset)  # once per build, not once per page

    def translations(self, language: str):
        """The language's compiled gettext catalog, read once per build."""
        if language not in self.catalogs:
            self.catalogs[language] = load_translations(language)
        return self.catalogs[language]

    def last_changed(self, language: str, key: str) -> datetime | None:
        path = relative(self.settings.language_dir(language) / key, self.settings.root)
        return self.history.last_changed(path)


def prepare(root: Path, source_site_name: str) -> BuildState:
    """Checks the inputs and loads what the pages need; raises ContentRefused on problems."""
    settings = load_settings(root)
    reproducible.pin_build_date(settings.root)
    figures, findings = load_figures(settings)  # read once: lint, the dataset and the pages share them
    findings += lint(settings, cache=True, figures=figures)
    if findings:
        raise ContentRefused(text("build.refused-content", {"count": len(findings)}) + "\n" + "\n".join(map(str, findings)))
    pages, _ = load_pages(settings)
    history = read_history(settings.root)
    coverage = build_report(settings, pages, [], history)
    coverage.ui = ui_coverage(settings)
    images = PageImages(settings.docs_dir, settings.root)
    broken = images.process()
    if broken:
        raise ContentRefused(text("build.refused-images", {"count": len(broken)}) + "\n" + "\n".join(map(str, broken)))
    dataset, invalid = collect_records(settings, pages, images.published_names(), figures)
    if invalid:
        raise ContentRefused(text("build.refused-data", {"count": len(invalid)}) + "\n" + "\n".join(map(str, invalid)))
    if not history.available:
        log.info("No git history: pages show no 'last updated' date and the sitemap no lastmod.")
    elif history.shallow:
        log.info("Shallow git clone: dates older than the clone are unknown and left out (fetch the full history for them).")
    fonts = Fonts(settings.docs_dir / "assets" / "fonts")
    return BuildState(settings, pages, history, coverage, images, dataset, fonts, source_site_name, figures)
