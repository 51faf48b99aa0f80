"""One 404 page per language.

MkDocs writes one 404.html per build at the site root, so each language's build overwrites the
previous one: each is kept as <lang>/404.html, and the root keeps the source language's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable


def keep_language_404(site: Path, language: str, source_language: str, source_404: bytes | None, finish: Callable[[str], str]) -> bytes | None:
    """Moves this language's root 404.html into place, finished by `finish` (pages.finished_404);
    returns the source language's 404 page (as far as it is known) for the next language's build."""
    root_404 = site / "404.html"
    if not root_404.is_file():
        return source_404
    # A theme template, not a page: on_post_page never saw it.
    root_404.write_text(finish(root_404.read_text(encoding="utf-8")), encoding="utf-8")
    if language == source_language:
        return root_404.read_bytes()
    language_404 = site / language / "404.html"
    language_404.parent.mkdir(parents=True, exist_ok=True)
    language_404.write_bytes(root_404.read_bytes())
    if source_404 is not None:
        root_404.write_bytes(source_404)
    return source_404
