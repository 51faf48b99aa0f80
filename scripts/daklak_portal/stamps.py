"""Translation stamps: which version of the source a translation was made from.

A translation's front matter records it after a reviewer brings it up to date
(`portal coverage stamp`):

    translation:
      source_commit: 3f2a…          # last commit of the source file at that moment
      sections:                     # fingerprint of each source section (sections.py)
        _intro: 1a2b3c4d5e6f
        getting-there: 0f9e8d7c6b5a
      status: in-progress           # optional: started, not finished (portal translate)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .content import split_front_matter
from .files import write_atomically
from .page_text import front_matter_bounds, line_of_key


@dataclass(frozen=True)
class Stamp:
    source_commit: str | None
    sections: dict[str, str] = field(default_factory=dict)
    in_progress: bool = False
    line: int = 1  # where `translation:` stands in the file, for messages


def read_stamp(meta: dict, text: str) -> Stamp | None:
    data = meta.get("translation")
    if not isinstance(data, dict):
        return None
    sections = data.get("sections") if isinstance(data.get("sections"), dict) else {}
    commit = data.get("source_commit")
    return Stamp(
        # YAML reads an unquoted all-digit hash as a number: keep its text so it is reported.
        source_commit=str(commit) if commit not in (None, "") else None,
        sections={str(k): str(v) for k, v in sections.items()},
        in_progress=in_progress(meta),
        line=line_of_key(text, "translation"),
    )


def in_progress(meta: dict) -> bool:
    """Whether a translation's front matter marks it started, not finished (`status: in-progress`)."""
    data = meta.get("translation")
    return isinstance(data, dict) and data.get("status") == "in-progress"


def stamp_block(source_commit: str | None, sections: dict[str, str], in_progress: bool = False) -> str:
    data: dict = {"source_commit": source_commit or ""}
    data["sections"] = dict(sections)
    if in_progress:
        data["status"] = "in-progress"
    return yaml.safe_dump({"translation": data}, sort_keys=False, allow_unicode=True)


def write_stamp(path: Path, block: str) -> None:
    """Replaces (or adds) the `translation:` block of a file's front matter, keeping the rest."""
    text = path.read_text(encoding="utf-8")
    split_front_matter(text)  # raises FrontMatterError on a broken block: never rewrite one
    bounds = front_matter_bounds(text)
    if bounds is None:
        new = f"---\n{block}---\n{text}"
    else:
        start, end = bounds  # text[end:] is the closing `---` or `...` line and the body
        front = re.sub(r"^translation:.*?(?=^\S|\Z)", "", text[start:end], flags=re.M | re.S)
        new = text[:start] + front + block + text[end:]
    write_atomically(path, new)
