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
  keyboard ("Đắk" -> "ddawks", "nghiệp" -> "nghieepj"); a query with diacritics asks for
  these to rank exact matches first. No folded syllable looks like a Telex one: none ends in
  s, f, r, x or j, or holds "dd" or "w".
- Khmer words (already segmented) written with letters: "x" and two letters a-p per
  character, from its place in the Khmer block ("ខេត្ត" -> "xabebapfcap"). Each word keeps
  its own key, and the prefix of a word is the prefix of its letters.
"""

from __future__ import annotations

import re
import unicodedata

_ACCENTS = re.compile(r"[\u0300-\u036f]")  # Latin combining marks only: Khmer signs are not in this block
_TONES = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
_SHAPES = {"\u0302": None, "\u0306": "w", "\u031b": "w"}  # circumflex doubles its vowel: â -> aa
_LATIN_WORD = re.compile(r"[^\W\d_]+")
KHMER_MARKER = "x"


def fold(text: str) -> str:
    """Latin letters without accents, Đ/đ as D/d (Đ has no decomposition in Unicode)."""
    text = _ACCENTS.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFC", text.replace("Đ", "D").replace("đ", "d"))


def telex(syllable: str) -> str | None:
    """The Telex spelling of a syllable with marks ("thuột" -> "thuootj"); None without marks."""
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
    return "".join(letters) + tone


def telex_words(text: str) -> list[str]:
    """The Telex spellings of the marked syllables of a text, in order."""
    return [spelled for word in _LATIN_WORD.findall(text) if (spelled := telex(word))]


def encode_khmer(word: str) -> str:
    """A Khmer word as letters: 'x' and two letters a-p per character."""
    codes = []
    for char in word:
        offset = ord(char) - 0x1780 if ord(char) < 0x19E0 else ord(char) - 0x19E0 + 0x80
        codes.append(chr(97 + (offset >> 4)) + chr(97 + (offset & 15)))
    return KHMER_MARKER + "".join(codes)
