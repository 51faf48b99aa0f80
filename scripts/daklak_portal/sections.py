"""Pages cut into sections by their headings' explicit anchors, and a fingerprint per section.

Headings carry the same `{#anchor}` in every language (CONTENT.md), so a section of a
translation is paired with the source section of the same anchor. The fingerprint ignores
cosmetic edits: whitespace, line wrapping, punctuation and letter case ("phía Bắc" -> "phía bắc").
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

INTRO = "_intro"  # the text before the first heading
_HEADING = re.compile(r"^#{2,6}\s+.*?\{#([A-Za-z0-9_-]+)\}\s*$")
_PUNCTUATION_OR_SPACE = re.compile(r"[\W_]+", re.UNICODE)


def split_sections(body: str) -> dict[str, str]:
    """{anchor: text} in page order; the text before the first heading is under INTRO."""
    sections: dict[str, list[str]] = {INTRO: []}
    current = INTRO
    fenced = False
    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        match = None if fenced or not line.startswith("#") else _HEADING.match(line)
        if match:
            current = match.group(1)
            sections.setdefault(current, [])
        sections[current].append(line)
    return {anchor: "\n".join(lines) for anchor, lines in sections.items() if anchor != INTRO or any(line.strip() for line in lines)}


def normalise(text: str) -> str:
    """What a section says, without cosmetic differences."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(_PUNCTUATION_OR_SPACE.sub(" ", text).split())


def fingerprint(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:12]


def fingerprints(body: str) -> dict[str, str]:
    return {anchor: fingerprint(text) for anchor, text in split_sections(body).items()}
