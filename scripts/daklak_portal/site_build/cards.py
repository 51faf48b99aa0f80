"""Social cards drawn ahead, on every core, before the languages are built.

Drawing a card is most of a cold build's work per page, and one language builds in one
process: with three languages on two cores one core would draw alone at the end. The parent
of `portal build --jobs N` draws every card the pages' front matter announces with N
processes; the language builds then find them in the cache (social_cards.card_file). A card
this misses (a generated page, a title MkDocs reads otherwise) is drawn by its build as before.
"""

from __future__ import annotations

import multiprocessing

from ..social_cards import CARDS_CACHE, card_file
from .state import BuildState

_STATE: BuildState | None = None  # inherited by the forked drawing processes


def cards_ahead(state: BuildState, site_names: dict[str, str]) -> list[tuple[str, str, str]]:
    """(title, site name, language) of the card of each page written in each language; an
    untranslated copy shows its source page's card, which is in this list already."""
    return sorted({(str(page.meta["title"]), site_names[language], language) for language in site_names for page in state.pages.get(language, {}).values() if "title" in page.meta})


def draw_ahead(state: BuildState, site_names: dict[str, str], jobs: int) -> None:
    """Draws the cards not yet in the cache, with `jobs` processes."""
    global _STATE
    folder = state.settings.root / CARDS_CACHE
    _STATE = state
    try:
        with multiprocessing.get_context("fork").Pool(processes=jobs) as pool:
            for _ in pool.imap_unordered(_draw, [(card, folder) for card in cards_ahead(state, site_names)], chunksize=16):
                pass
    finally:
        _STATE = None


def _draw(job) -> None:
    (title, site_name, language), folder = job
    card_file(title, site_name, language, _STATE.card_fonts, folder)
