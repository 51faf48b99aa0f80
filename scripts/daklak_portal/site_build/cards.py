"""Social cards drawn by the processes of `portal build --jobs N` between language builds.

Drawing a card is most of a cold build's work per page, and a language builds in one process:
with three languages on two cores, one core would work alone at the end. So the cards of the
pages written in the languages built later are drawn as small tasks in the same process pool,
while the first language builds (drawing its own cards as it goes); the later builds then find
them in the cache (social_cards.card_file). A card this misses (a generated page, a title that
MkDocs reads otherwise) is drawn by its build as before.
"""

from __future__ import annotations

from ..social_cards import CARDS_CACHE, card_file
from .pages import card_figures
from .state import BuildState

Card = tuple[str, str, str, tuple]  # (title, site name, language, key figures)


def cards_of(state: BuildState, language: str, site_name: str) -> list[Card]:
    """The card of each page written in `language` (an untranslated copy shows its source
    page's card, which the source language's list holds)."""
    pages = state.pages.get(language, {})
    return sorted({(str(page.meta["title"]), site_name, language, card_figures(state, key, language)) for key, page in pages.items() if "title" in page.meta})


def draw(state: BuildState, cards: list[Card]) -> None:
    """Draws the cards not yet in the cache."""
    for title, site_name, language, figures in cards:
        card_file(title, site_name, language, state.card_fonts, state.settings.root / CARDS_CACHE, figures)
