"""Passages of a built page whose `lang` is wrong: what a screen reader would read with the
voice of another language.

Each page is cut into runs of text: the text of one block (a paragraph, a list item, a table
cell, a heading…) under one `lang` (the nearest ancestor's). Code, scripts, styles and SVG are
left out. A run is wrong when
- it holds letters of a script that its language is not written in (Khmer in a passage
  marked Vietnamese or English);
- mostly in Latin letters, it is running Vietnamese (text_language.is_vietnamese_paragraph) or
  a Vietnamese title of five words or more, in a passage not marked Vietnamese;
- mostly in Latin letters, it is running English (text_language.is_english_passage) in a
  passage not marked English.
Names (Đắk Lắk, Buôn Ma Thuột) inside a sentence of the page's language are not passages:
WCAG 3.1.2 leaves proper names out.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from .config import REFERENCE_LANGUAGE, VIETNAMESE, language_info
from .errors import Finding
from .text_language import (
    ENGLISH_FUNCTION_WORDS,
    SCRIPT_LETTERS,
    is_english_passage,
    is_vietnamese_paragraph,
)

SKIPPED = frozenset({"script", "style", "code", "pre", "kbd", "samp", "svg", "template", "head"})
BLOCKS = frozenset(
    {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "figcaption", "caption", "blockquote", "div", "nav",
     "header", "footer", "section", "article", "aside", "main", "label", "button", "summary", "option", "form", "table", "ul", "ol"}
)
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_WORD = re.compile(r"[^\W\d_]+")


def is_vietnamese_name_or_title(text: str) -> bool:
    """Five Latin words or more, seven in ten with Vietnamese letters, no English grammar word:
    a Vietnamese title standing alone ("Không gian văn hóa Cồng chiêng Tây Nguyên"), not an
    English phrase around a name ("Đắk Ruê – Chi Miết border gate")."""
    words = [word.lower() for word in _WORD.findall(text)]
    accented = sum(1 for word in words if not word.isascii())
    return len(words) >= 5 and accented >= 0.7 * len(words) and not any(word in ENGLISH_FUNCTION_WORDS for word in words)


def mostly_latin(text: str) -> bool:
    """Latin letters make up most of the text's letters (not a Khmer sentence with names)."""
    letters = [char for char in text if char.isalpha()]
    other = sum(len(match) for pattern in SCRIPT_LETTERS.values() for match in pattern.findall(text))
    return bool(letters) and other <= 0.2 * len(letters)


def base_language(lang: str) -> str:
    return lang.split("-")[0].lower()


def wrong_language(text: str, lang: str) -> str | None:
    """The message id for a run of text marked `lang`, or None when the marking fits."""
    language = base_language(lang)
    for script, letters in SCRIPT_LETTERS.items():
        if letters.search(text) and language_info(language).script != script:
            return "audit.lang-script"
    if not mostly_latin(text):
        return None
    if language != VIETNAMESE and (is_vietnamese_paragraph(text) or is_vietnamese_name_or_title(text)):
        return "audit.lang-vietnamese"
    if language != REFERENCE_LANGUAGE and is_english_passage(text):
        return "audit.lang-english"
    return None


class _RunParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = [("", "", False)]  # (tag, lang, skipped)
        self.runs: list[tuple[int, str, str]] = []  # (line, lang, text)
        self.parts: list[str] = []
        self.start = 0

    def flush(self) -> None:
        text = " ".join("".join(self.parts).split())
        if text:
            self.runs.append((self.start, self.stack[-1][1], text))
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attributes = dict(attrs)
        _, lang, skipped = self.stack[-1]
        if tag in BLOCKS or attributes.get("lang") is not None:
            self.flush()
        self.stack.append((tag, attributes.get("lang") or lang, skipped or tag in SKIPPED))

    def handle_endtag(self, tag):
        if not any(entry[0] == tag for entry in self.stack[1:]):
            return  # a stray end tag
        while len(self.stack) > 1:
            entry = self.stack[-1]
            if tag in BLOCKS or entry[1] != self.stack[-2][1]:
                self.flush()
            self.stack.pop()
            if entry[0] == tag:
                break

    def handle_data(self, data):
        if self.stack[-1][2] or not data.strip():
            return
        if not self.parts:
            self.start = self.getpos()[0]
        self.parts.append(data)


def lang_problems(site_dir: Path) -> list[Finding]:
    """Every run of text in site_dir's pages whose language does not fit its `lang`."""
    problems = []
    for path in sorted(site_dir.rglob("*.html")):
        parser = _RunParser()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        parser.close()
        parser.flush()
        for line, lang, text in parser.runs:
            message_id = wrong_language(text, lang or "")
            if message_id:
                excerpt = text if len(text) <= 60 else text[:57] + "…"
                problems.append(Finding.of(path.relative_to(site_dir).as_posix(), line, message_id, lang=lang or "-", text=excerpt))
    return problems
