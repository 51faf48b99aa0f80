"""Recognising text left in the wrong language: Vietnamese paragraphs in en/km pages.

Vietnamese names with diacritics (Đắk Lắk, Buôn Ma Thuột) are normal in English and Khmer
pages, so letters alone prove nothing. Running Vietnamese text is recognised by its grammar
words (và, của, các, được…), which names almost never contain.
"""

from __future__ import annotations

import re

from .config import REFERENCE_LANGUAGE, VIETNAMESE

VIETNAMESE_FUNCTION_WORDS = frozenset(
    "và của các là được trong những với cho này có tại theo người đã không một để từ về khi đến "
    "cũng như nhưng hoặc thì sẽ đang rằng nhằm bởi vì nên đó nơi gồm ngày tháng năm hơn nhiều thành đây sau trước trên dưới".split()
)
ENGLISH_FUNCTION_WORDS = frozenset("the and of in to a an is are for on with by from at as was were it this that or its be has have".split())
_BLOCK_START = re.compile(r"\s*(?:[-*+]|\d+\.|#+|\|)\s")  # a list item, heading or table row
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Khmer letters and Khmer symbols: one definition for every module that tells Khmer apart.
KHMER = re.compile(r"[\u1780-\u17FF\u19E0-\u19FF]+")
# Lao letters (a fourth language: README, "Adding a language").
LAO = re.compile(r"[\u0E80-\u0EFF]+")
# The letters of each non-Latin script a portal language is written in (ISO 15924 code).
SCRIPT_LETTERS = {"Khmr": KHMER, "Laoo": LAO}
# Passages marked as Vietnamese are where Vietnamese belongs: they are not counted.
_MARKED_VIETNAMESE = re.compile(rf"<(\w+)[^>]*\blang=\"{VIETNAMESE}\"[^>]*>.*?</\1>", re.S)


def is_vietnamese_paragraph(text: str) -> bool:
    """True for running Vietnamese text.

    Either its grammar words (at least 3, and 10% of the words), or: at least 6 Latin words,
    half of them with Vietnamese letters, and almost no English grammar words (so that a
    list of Vietnamese names inside English or Khmer prose is not mistaken for it).
    """
    if text.isascii():
        return False  # every rule below needs a word with a Vietnamese letter
    unmarked = _MARKED_VIETNAMESE.sub(" ", text)
    written = _WORD.findall(KHMER.sub(" ", unmarked))
    words = [word.lower() for word in written]
    if not words:
        return False
    # A grammar word counts where it is written in lower case: capitalised, it is part of a
    # name (sông Đà Rằng: "rằng" is also "that").
    grammar = sum(1 for word in written if word.islower() and word in VIETNAMESE_FUNCTION_WORDS)
    if grammar >= 3 and grammar >= 0.1 * len(words):
        return True
    accented = sum(1 for word in words if not word.isascii())
    english = sum(1 for word in words if word in ENGLISH_FUNCTION_WORDS)
    return len(words) >= 6 and accented >= 0.5 * len(words) and english <= 0.05 * len(words) and grammar >= 1


def is_vietnamese_title(text: str) -> bool:
    """True for a short Vietnamese text, such as the title of a source ("Đắk Lắk khởi công dự
    án"): half of its words or more have Vietnamese letters and none is an English grammar word."""
    if text.isascii():
        return False
    words = [word.lower() for word in _WORD.findall(KHMER.sub(" ", text))]
    accented = sum(1 for word in words if not word.isascii())
    # "an" is also a Vietnamese syllable ("Công an", the police; "an ninh"), not only English's article.
    return bool(words) and accented >= 0.5 * len(words) and not any(word in ENGLISH_FUNCTION_WORDS and word != "an" for word in words)


def is_english_passage(text: str) -> bool:
    """True for running English: six Latin words or more, nearly all without Vietnamese letters,
    a tenth of them (and at least two) English grammar words."""
    words = [word.lower() for word in _WORD.findall(KHMER.sub(" ", text))]
    plain = sum(1 for word in words if word.isascii())
    grammar = sum(1 for word in words if word in ENGLISH_FUNCTION_WORDS)
    return len(words) >= 6 and plain >= 0.9 * len(words) and grammar >= 2 and grammar >= 0.1 * len(words)


def title_language(title: str) -> str | None:
    """The language of a short title in Latin script (a source's): Vietnamese, English, or
    None when it cannot be told (a bare name such as "Dak Lak")."""
    if is_vietnamese_title(title):
        return VIETNAMESE
    words = [word.lower() for word in _WORD.findall(KHMER.sub(" ", title))]
    plain = sum(1 for word in words if word.isascii())
    english = any(word in ENGLISH_FUNCTION_WORDS for word in words)
    vietnamese = any(word in VIETNAMESE_FUNCTION_WORDS for word in words)
    # English around Vietnamese names ("9th Buôn Ma Thuột Coffee Festival to feature …").
    if len(words) >= 3 and plain >= 0.7 * len(words) and english and not vietnamese:
        return REFERENCE_LANGUAGE
    return None


def paragraphs(markdown: str) -> list[tuple[int, str]]:
    """(line, text) of each paragraph or list item of a Markdown body, code blocks skipped."""
    found, block, start, fenced = [], [], 0, False
    for number, line in enumerate(markdown.splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced:
            continue
        item = _BLOCK_START.match(line)
        if not line.strip() or item:
            if block:
                found.append((start, " ".join(block)))
            block, start = ([line], number) if line.strip() else ([], 0)
            continue
        if not block:
            start = number
        block.append(line)
    if block:
        found.append((start, " ".join(block)))
    return found
