"""The search index: Pagefind, one index per language, built from the finished site.

- Pages kept out of search engines (untranslated copies, generated listings, 404s) are left
  out, so a reader only ever finds pages written in the language of the page they are on.
- Each page is given to Pagefind as a small HTML document made from its article: the title as
  <h1> and the section headings as <h2> (Pagefind ranks words there higher), then the text.
- Words are written as search_terms.py says, and the browser writes a query the same way:
  Latin text folded ("tay nguyen" finds "Tây Nguyên", "yok don" finds "Yok Đôn"), the
  Telex spelling of each Vietnamese syllable with marks beside it (a query with diacritics
  lists exact matches first), Khmer words as letters. Pagefind stems English words.
- Vietnamese words are mostly two syllables written apart ("hồ sơ" is a dossier, "Hồ Lắk" a
  lake): each pair of neighbouring syllables of a page's title and headings is also indexed as
  one token ("holak"). The browser also asks for the pairs of a query of several syllables
  (the phrase in a title or heading) and lists the phrase matches first: "ho lak" finds the
  lake, not every page with "hồ" and "Lắk" somewhere. Only titles and headings get pairs, so
  that the index a reader downloads stays small.
- Khmer writes no spaces between words: the Khmer text of each page (of any language) is cut
  into words with khmer-nltk; the words found are written to pagefind/km-words/ (a list per
  first letter) so that the browser cuts a query into the same words.
- Each word is indexed at most MAX_REPEATS times per page: the index stores every occurrence,
  so the posting lists of common words ("khu", "ខេត្ត") would make a reader download hundreds
  of kilobytes for one query; three occurrences keep enough of the word's weight for ranking.
- Results show the page's title and description (not an excerpt of the folded index text).
  The HTML readers see is not changed.
"""

from __future__ import annotations

import html
import json
import logging
import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from .errors import PortalError
from .search_terms import encode_khmer, fold, telex_words
from .text_language import KHMER

# Parts of a page that are not its content.
SKIPPED_CLASSES = ("portal-sources", "portal-notice", "portal-updated", "headerlink", "md-source-file")
UNUSED_BUNDLE_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


class _PageText(HTMLParser):
    """The language, robots flag, title, description and article text of a built page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang, self.noindex, self.title, self.description = "", False, "", ""
        self.parts: list[str] = []
        self.headings: list[str] = []
        self._article = 0  # depth inside <article>
        self._skip = 0  # depth inside a skipped element
        self._in_h1 = False
        self._in_heading = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "meta" and a.get("name") == "robots" and "noindex" in (a.get("content") or ""):
            self.noindex = True
        elif tag == "meta" and a.get("name") == "description":
            self.description = a.get("content") or ""
        if tag == "article":
            self._article += 1
        elif self._article:
            classes = (a.get("class") or "").split()
            if self._skip or any(name in classes for name in SKIPPED_CLASSES) or "data-pagefind-ignore" in a:
                self._skip += 1
            if tag == "h1" and not self.title:
                self._in_h1 = True
            elif tag in ("h2", "h3") and not self._skip:
                self._in_heading = True
                self.headings.append("")
            if tag in ("p", "li", "h1", "h2", "h3", "h4", "td", "th", "br", "div"):
                self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "article":
            self._article -= 1
        elif self._article and self._skip:
            self._skip -= 1
        if tag == "h1":
            self._in_h1 = False
        if tag in ("h2", "h3"):
            self._in_heading = False
        self._in_heading = False

    def handle_data(self, data):
        if self._article and not self._skip:
            self.parts.append(data)
            if self._in_h1:
                self.title += data
            elif self._in_heading:
                self.headings[-1] += data

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def read_page(path: Path) -> _PageText:
    parser = _PageText()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


# Khmer makes nouns with a prefix written onto the word: ការវិនិយោគ (investment) is ការ +
# វិនិយោគ (to invest), អ្នកសារព័ត៌មាន (journalist) is អ្នក + សារព័ត៌មាន. khmer-nltk keeps them as
# one word; the index also holds the word after the prefix, so that "វិនិយោគ" finds them.
KHMER_PREFIXES = ("ការ", "សេចក្ដី", "សេចក្តី", "ភាព", "អ្នក")
_KHMER_BASE = re.compile(r"[\u1780-\u17B3]")  # a consonant or independent vowel, not a sign
_COENG = "\u17D2"  # writes the next consonant as a subscript


def khmer_word_parts(token: str) -> list[str]:
    """The token, and the word after a noun-making prefix when there is one: the rest must
    begin with a consonant or independent vowel that is not the start of a subscript cluster
    (ការដ្ឋាន is not ការ + ដ្ឋាន) and hold at least two of them."""
    for prefix in KHMER_PREFIXES:
        rest = token[len(prefix):]
        if token.startswith(prefix) and _KHMER_BASE.match(rest) and rest[1:2] != _COENG and len(_KHMER_BASE.findall(rest)) >= 2:
            return [token, rest]
    return [token]


def segment_khmer(text: str) -> tuple[str, set[str]]:
    """Khmer runs cut into words, each written as the index writes it (search_terms), joined
    by spaces; the set of Khmer words found, as written."""
    from khmernltk import word_tokenize  # loads its model once, only when Khmer is indexed

    words: set[str] = set()

    def cut(match: re.Match) -> str:
        tokens = [part for token in word_tokenize(match.group(0)) if KHMER.fullmatch(token) for part in khmer_word_parts(token)]
        words.update(tokens)
        return " " + " ".join(encode_khmer(token) for token in tokens) + " "

    return " ".join(KHMER.sub(cut, text).split()), words


MAX_REPEATS = 3


def cap_repeats(text: str, limit: int = MAX_REPEATS) -> str:
    """The text with each word's occurrences after the `limit`-th left out."""
    seen: dict[str, int] = {}
    kept = []
    for word in text.split():
        key = word.lower()
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= limit:
            kept.append(word)
    return " ".join(kept)


def index_document(page: _PageText) -> tuple[str, set[str]]:
    """The HTML Pagefind indexes for a page (words written as search_terms says), and the
    page's Khmer words."""
    parts = [page.title.strip(), *(h.strip() for h in page.headings), page.text]
    extra = ""  # words only the index needs: syllable pairs and Telex spellings
    # Khmer text in any language's page (the glossary's Khmer column, say): the box writes a
    # Khmer query the same way on every page.
    cut = [segment_khmer(part) for part in parts]
    parts = [text for text, _ in cut]
    words = set().union(*(found for _, found in cut))
    if page.lang == "vi":
        pairs = " ".join(syllable_pairs(fold(part)) for part in parts[:-1])  # title and headings
        extra = pairs + " " + cap_repeats(" ".join(telex_words(" ".join(parts))))
    parts[-1] = cap_repeats(parts[-1])  # the body text
    title, *headings, text = [html.escape(fold(part)) for part in parts]
    shown_title = html.escape(page.title.strip(), quote=True)  # as readers see it, not folded
    description = html.escape(page.description, quote=True)
    document = (
        f'<!doctype html><html lang="{page.lang}"><head><meta charset="utf-8">'
        f'<meta data-pagefind-meta="title[content]" content="{shown_title}">'
        f'<meta data-pagefind-meta="description[content]" content="{description}"></head><body>'
        f"<h1>{title}</h1>" + "".join(f"<h2>{h}</h2>" for h in headings) + f"<p>{text}</p><p>{html.escape(extra)}</p></body></html>"
    )
    return document, words


_SYLLABLE = re.compile(r"[^\W\d_]+")


def syllable_pairs(text: str) -> str:
    """'Hồ Lắk rộng' -> 'hồlắk lắkrộng': neighbouring syllables joined, within a sentence."""
    pairs = []
    for sentence in re.split(r"[.,;:!?()\[\]\n–—\-\"'«»]+", text):
        syllables = [s.lower() for s in _SYLLABLE.findall(sentence)]
        pairs += [a + b for a, b in zip(syllables, syllables[1:])]
    return " ".join(pairs)


def write_documents(site: Path, stage: Path) -> tuple[dict[str, int], set[str]]:
    """The index document of each searchable page of the site, at the page's own path under
    `stage`; the number of pages per language and the Khmer words found."""
    counts: dict[str, int] = {}
    khmer_words: set[str] = set()
    for path in sorted(site.rglob("index.html")):
        relative = path.relative_to(site)
        if relative.parts[0] in ("pagefind", "assets", "data"):
            continue
        page = read_page(path)
        if page.noindex or not page.lang:
            continue
        document, words = index_document(page)
        khmer_words |= words
        (stage / relative).parent.mkdir(parents=True, exist_ok=True)
        (stage / relative).write_text(document, encoding="utf-8")
        counts[page.lang] = counts.get(page.lang, 0) + 1
    return counts, khmer_words


# The characters a Khmer word can begin with: consonants, independent vowels, digits.
KHMER_WORD_STARTS = [chr(code) for code in [*range(0x1780, 0x17B4), *range(0x17E0, 0x17EA)]]


def write_khmer_words(words: set[str], folder: Path) -> None:
    """The words the browser cuts a Khmer query into, one list per first character
    (km-words/1781.json holds the words beginning with ខ), so that a query fetches only the
    lists of the letters it holds, however large the vocabulary grows. Every character a
    word can begin with gets a list, empty or not: the browser never asks for a missing file."""
    folder.mkdir(parents=True, exist_ok=True)
    by_first: dict[str, list[str]] = {first: [] for first in KHMER_WORD_STARTS}
    for word in sorted(words):
        if word[0] in by_first:
            by_first[word[0]].append(word)
    for first, group in by_first.items():
        (folder / f"{ord(first):04x}.json").write_text(json.dumps(group, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def build_search_index(site: Path) -> dict[str, int]:
    """Writes site/pagefind/; returns the number of pages indexed per language."""
    logging.getLogger("khmer-nltk").setLevel(logging.WARNING)
    output = site / "pagefind"
    with tempfile.TemporaryDirectory(prefix="portal-search-") as tmp:
        counts, khmer_words = write_documents(site, Path(tmp))
        if not counts:  # nothing to search (Pagefind refuses an empty site): the box says so
            return counts
        # Pagefind's own program, run once over the documents. (Its Python API reads one
        # reply every 0.1 s: one page at a time, that took 5 minutes for 3,000 pages.)
        done = subprocess.run([sys.executable, "-m", "pagefind", "--site", tmp, "--output-path", str(output), "--silent"], capture_output=True, text=True)
    if done.returncode != 0:
        raise PortalError(f"{output}: Pagefind failed to build the search index:\n{done.stdout}{done.stderr}")
    write_khmer_words(khmer_words, output / "km-words")
    for name in UNUSED_BUNDLE_FILES:
        (output / name).unlink(missing_ok=True)
    # Pagefind lists the languages in hash-map order, which changes from run to run: sort
    # them, so that two builds stay byte-identical.
    entry = output / "pagefind-entry.json"
    entry.write_text(json.dumps(json.loads(entry.read_text(encoding="utf-8")), sort_keys=True, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return counts
