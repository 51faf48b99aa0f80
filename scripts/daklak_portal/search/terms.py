"""How words are written in the search index. The browser writes a query the same way:
docs/assets/javascripts/portal-search-terms.js is the twin of this module, and a test
checks that both write the same words.

Pagefind (1.5) folds diacritics itself, but in a way that costs a reader hundreds of
kilobytes: it files every accented form under its folded word, and does not count those
forms when it cuts the index into chunks, so the chunks holding common Vietnamese syllables
grew to 90-150 KB, and Khmer, whose vowel signs and subscripts it strips as if they were
accents, collapsed into one 411 KB chunk in which different words share a key. So the index
holds only words Pagefind leaves alone:

- Latin text folded: "Đắk Lắk" is written "Dak Lak" (in every language, since names of
  places appear in all three).
- Vietnamese syllables with marks also written in Telex, the way Vietnamese type on a Latin
  keyboard, with the tone always last and "z" for the level tone ("Đắk" -> "ddawks", "Đôn" ->
  "ddoonz", "nghiệp" -> "nghieepj"); a query with diacritics asks for these to rank exact
  matches first. Pagefind matches the start of words, and a tone letter never stands inside a
  syllable, so no Telex word is the start of another ("ddoonz" does not find "ddoongz", Đông);
  nor does a folded syllable look like a Telex one.
- Khmer words (already segmented) written with "0" and two letters a-p per character, from
  its place in the Khmer block ("ខេត្ត" -> "0abebapfcap"): each word keeps its own key, the
  start of a word is the start of its letters, and no Latin word begins with "0".
"""

from __future__ import annotations

import re
import unicodedata
from itertools import groupby

_ACCENTS = re.compile(r"[\u0300-\u036f]")  # Latin combining marks only: Khmer signs are not in this block
_TONES = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
_SHAPES = {"\u0302": None, "\u0306": "w", "\u031b": "w"}  # circumflex doubles its vowel: â -> aa
KHMER_MARKER = "0"


def fold(text: str) -> str:
    """Latin letters without accents, Đ/đ as D/d (Đ has no decomposition in Unicode)."""
    text = _ACCENTS.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFC", text.replace("Đ", "D").replace("đ", "d"))


def telex(syllable: str) -> str | None:
    """The Telex spelling of a syllable with marks, tone last, "z" for the level tone ("thuột"
    -> "thuootj", "Đôn" -> "ddoonz"); None without marks."""
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    if decomposed == fold(syllable).lower():
        return None
    letters, tone = [], ""
    for char in decomposed:
        if char in _TONES:
            tone = _TONES[char]
        elif char in _SHAPES and letters:
            letters.append(_SHAPES[char] or letters[-1])
        elif char == "đ":
            letters.append("dd")
        else:
            letters.append(char)
    return "".join(letters) + (tone or "z")


def telex_words(text: str) -> list[str]:
    """The Telex spellings of the marked syllables of a text, in order."""
    return [spelled for word in letter_runs(unicodedata.normalize("NFC", text)) if (spelled := telex(word))]


def letter_runs(text: str) -> list[str]:
    """The runs of letters of a text (Unicode category L, as \\p{L} in JavaScript; Python's
    \\w would also take numbers such as ² or Ⅻ)."""
    return ["".join(run) for is_letter, run in groupby(text, str.isalpha) if is_letter]


def encode_khmer(word: str) -> str:
    """A Khmer word as letters: '0' and two letters a-p per character."""
    codes = []
    for char in word:
        offset = ord(char) - 0x1780 if ord(char) < 0x19E0 else ord(char) - 0x19E0 + 0x80
        codes.append(chr(97 + (offset >> 4)) + chr(97 + (offset & 15)))
    return KHMER_MARKER + "".join(codes)
