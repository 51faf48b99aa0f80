"""Every message an editor, translator or operator reads, from one catalogue (messages.yml):
a message id, the problem in Vietnamese and English, and how to fix it.

Code names a message by its id and the values it found (`text("lint.no-title")`,
`Finding.of(path, line, "post.slug", stem=stem)`); the text is chosen when it is shown, in
the language PORTAL_LANG names: `vi`, `en`, or `vi+en` (both, as CI shows them). Without
PORTAL_LANG, a Vietnamese locale (LANG, LC_ALL, LC_MESSAGES) gives Vietnamese, anything else
English; the Makefile sets `vi` for the targets editors run. A message is "problem: fix".
"""

from __future__ import annotations

import os
import string
from functools import lru_cache
from pathlib import Path

import yaml

CATALOGUE = Path(__file__).parent / "messages.yml"


@lru_cache(maxsize=1)
def _read() -> dict:
    return yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)  # (every message shown looks its entry up here)
def catalogue() -> dict[str, dict]:
    """{message id: {language: problem, "fix": {language: fix}}}."""
    return {key: entry for key, entry in _read().items() if not key.startswith("_")}


def languages() -> tuple[str, ...]:
    """The catalogue's languages (every entry has each of them)."""
    settings = _read()["_settings"]
    return tuple(settings["languages"])


def _fallback() -> str:
    return _read()["_settings"]["fallback"]


def message_languages() -> tuple[str, ...]:
    """The languages messages are shown in now (read on every call: tests and CI switch it)."""
    wanted = os.environ.get("PORTAL_LANG", "").strip().lower()
    if wanted:
        chosen = tuple(language for language in wanted.replace(",", "+").split("+") if language in languages())
        return chosen or (_fallback(),)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := os.environ.get(name):  # e.g. vi_VN.UTF-8
            return (next((language for language in languages() if value.lower().startswith(language)), _fallback()),)
    return (_fallback(),)


def render(message_id: str, values: dict | None = None, language: str | None = None) -> str:
    """The message in one language: its problem, then ": " and its fix when it has one."""
    entry, language = catalogue()[message_id], language or _fallback()
    values = values or {}
    problem = entry[language].format_map(values)
    fix = (entry.get("fix") or {}).get(language)
    return f"{problem}: {fix.format_map(values)}" if fix else problem


def text(message_id: str, values: dict | None = None) -> str:
    """The message in the current language(s); two languages go on two lines, the second
    indented and marked with its code."""
    first, *others = message_languages()
    shown = render(message_id, values, first)
    return shown + "".join(f"\n    [{language}] {render(message_id, values, language)}" for language in others)


GUIDE_START, GUIDE_END = "<!-- messages: start (made by `portal messages --guide`) -->", "<!-- messages: end -->"


def guide_table(language: str) -> str:
    """Every message as a Markdown table for the contributor guide in `language`, between the
    markers a test looks for; {name} stands for the value the check found."""
    def cell(text: str) -> str:  # as the editor reads it: {{ and }} are str.format's escapes
        return text.replace("{{", "{").replace("}}", "}").replace("|", "\\|").replace("\n", " ")

    header = _read()["_settings"]["guide_headers"][language]
    rows = [f"| {header[0]} | {header[1]} | {header[2]} |", "|---|---|---|"]
    for message_id, entry in catalogue().items():
        fix = (entry.get("fix") or {}).get(language, "")
        rows.append(f"| `{message_id}` | {cell(entry[language])} | {cell(fix)} |")
    return "\n".join([GUIDE_START, "", *rows, "", GUIDE_END])


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
