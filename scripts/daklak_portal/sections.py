"""Pages cut into sections by their headings' explicit anchors, and a fingerprint per section.

Headings carry the same `{#anchor}` in every language (CONTENT.md), so a section of a
translation is paired with the source section of the same anchor. The fingerprint ignores
cosmetic edits: whitespace, line wrapping, punctuation and letter case ("phía Bắc" -> "phía bắc").
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from .page_text import anchored_headings

INTRO = "_intro"  # the text before the first heading
_PUNCTUATION_OR_SPACE = re.compile(r"[\W_]+", re.UNICODE)


def split_sections(body: str) -> dict[str, str]:
    """{anchor: text} in page order; the text before the first heading is under INTRO."""
    lines = body.splitlines()
    starts = [(INTRO, 0)] + [(heading.anchor, heading.index) for heading in anchored_headings(body)]
    sections: dict[str, list[str]] = {}
    for (anchor, start), (_next, end) in zip(starts, starts[1:] + [(None, len(lines))], strict=True):
        sections.setdefault(anchor, []).extend(lines[start:end])
    return {anchor: "\n".join(lines) for anchor, lines in sections.items() if anchor != INTRO or any(line.strip() for line in lines)}


def normalise(text: str) -> str:
    """What a section says, without cosmetic differences."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(_PUNCTUATION_OR_SPACE.sub(" ", text).split())


def fingerprint(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:12]


def fingerprints(body: str) -> dict[str, str]:
    return {anchor: fingerprint(text) for anchor, text in split_sections(body).items()}
