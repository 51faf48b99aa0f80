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

import hashlib
import html
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from functools import lru_cache
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

from .. import text_language
from ..build_cache import CACHE_FOLDER, JsonCache, code_version, input_key
from ..config import language_info
from ..errors import PortalError
from ..text_language import KHMER
from . import terms as search_terms
from .terms import encode_khmer, fold, telex_words

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


_HEAD_END = re.compile(r"</head\s*>", re.I)
_ARTICLE = re.compile(r"<article\b.*</article\s*>", re.S | re.I)


def indexed_parts(html_text: str) -> str:
    """The parts of a page the index reads: its <head> (language, robots, description) and its
    <article>. The navigation around the article (most of a page's bytes) is never parsed."""
    head = _HEAD_END.search(html_text)
    article = _ARTICLE.search(html_text, head.end() if head else 0)
    return (html_text[: head.end()] if head else "") + (article.group(0) if article else "")


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


class KhmerSegmenter:
    """The words of each Khmer run (khmer-nltk, then the prefix rule), each distinct run cut
    once: the same sentence is in the navigation, titles, headings and text of many pages.
    With a cache, runs cut in an earlier build are read back."""

    def __init__(self, cache: JsonCache | None = None):
        self.cache = cache
        self.memo: dict[str, list[str]] = {}

    def words(self, run: str) -> list[str]:
        if run in self.memo:
            return self.memo[run]
        key = input_key(run)
        tokens = self.cache.get(key) if self.cache is not None else None
        if not isinstance(tokens, list):
            from khmernltk import (
                word_tokenize,  # loads its model once, only when Khmer is indexed
            )

            tokens = [part for token in word_tokenize(run) if KHMER.fullmatch(token) for part in khmer_word_parts(token)]
        if self.cache is not None:
            self.cache.put(key, tokens)
        self.memo[run] = tokens
        return tokens


_SEGMENTER = KhmerSegmenter()  # without a disk cache: for callers that give none


def segment_khmer(text: str, segmenter: KhmerSegmenter | None = None) -> tuple[str, set[str]]:
    """Khmer runs cut into words, each written as the index writes it (search_terms), joined
    by spaces; the set of Khmer words found, as written."""
    segmenter = segmenter or _SEGMENTER
    words: set[str] = set()

    def cut(match: re.Match) -> str:
        tokens = segmenter.words(match.group(0))
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


def index_document(page: _PageText, segmenter: KhmerSegmenter | None = None) -> tuple[str, set[str]]:
    """The HTML Pagefind indexes for a page (words written as search_terms says), and the
    page's Khmer words."""
    parts = [page.title.strip(), *(h.strip() for h in page.headings), page.text]
    extra = ""  # words only the index needs: syllable pairs and Telex spellings
    # Khmer text in any language's page (the glossary's Khmer column, say): the box writes a
    # Khmer query the same way on every page.
    cut = [segment_khmer(part, segmenter) for part in parts]
    parts = [text for text, _ in cut]
    words = set().union(*(found for _, found in cut))
    if page.lang and language_info(page.lang).vietnamese_search:
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
        pairs += [a + b for a, b in pairwise(syllables)]
    return " ".join(pairs)


@lru_cache(maxsize=1)  # the code a process runs does not change while it runs
def code_of_search() -> str:
    """The version of the code that makes index documents (see build_cache)."""
    return code_version((sys.modules[__name__], search_terms, text_language), ("khmer-nltk", "pagefind", "pagefind-bin-extended"))


class SearchDocuments:
    """The index documents of the pages of one language's build, made from each page's HTML as
    it is rendered (not read back from site/). A document depends only on the page's head and
    article, so it is cached under a hash of those: a page whose text did not change is not
    parsed or segmented again, even when the navigation around it changed."""

    def __init__(self, root: Path | None = None, name: str = "all"):
        version = code_of_search()
        self.cache = JsonCache(root, f"search-documents-{name}", version) if root else None
        self.segmenter = KhmerSegmenter(JsonCache(root, f"khmer-words-{name}", version) if root else None)
        self.documents: dict[str, tuple[str, str]] = {}  # site path of the page -> (language, document)
        self.khmer_words: set[str] = set()

    def add(self, site_path: str, html_text: str) -> None:
        """Indexes a page (site_path like "en/tourism/index.html"), unless it is kept out of search."""
        parts = indexed_parts(html_text)
        key = input_key(parts)
        cached = self.cache.get(key) if self.cache is not None else None
        if not (isinstance(cached, list) and len(cached) == 3):
            page = _PageText()
            page.feed(parts)
            page.close()
            if page.noindex or not page.lang:
                cached = ["", "", []]
            else:
                document, words = index_document(page, self.segmenter)
                cached = [page.lang, document, sorted(words)]
            if self.cache is not None:
                self.cache.put(key, cached)
        language, document, words = cached
        if language:
            self.documents[site_path] = (language, document)
            self.khmer_words.update(words)

    @classmethod
    def merged(cls, parts) -> "SearchDocuments":
        """One set of documents from each language's (for the index of every language)."""
        merged = cls()
        for part in parts:
            merged.documents.update(part.documents)
            merged.khmer_words |= part.khmer_words
        return merged

    def save(self) -> None:
        if self.cache is not None:
            self.cache.save()
            self.segmenter.cache.save()

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for language, _ in self.documents.values():
            counts[language] = counts.get(language, 0) + 1
        return counts


def documents_from_site(site: Path) -> SearchDocuments:
    """The index documents of the pages of an already built site (no cache)."""
    documents = SearchDocuments()
    for path in sorted(site.rglob("index.html")):
        relative = path.relative_to(site)
        if relative.parts[0] not in ("pagefind", "assets", "data"):
            documents.add(relative.as_posix(), path.read_text(encoding="utf-8"))
    return documents


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


MANIFEST = "portal-manifest.json"  # in a cached index: the hash of each of its files


def _digests(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.rglob("*")) if path.is_file() and path.name != MANIFEST}


def _intact(folder: Path) -> bool:
    """A cached index is used only when every file is there with the bytes it was saved with."""
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8")) == _digests(folder)
    except (OSError, ValueError):
        return False


def build_search_index(site: Path, documents: SearchDocuments | None = None, root: Path | None = None) -> dict[str, int]:
    """Writes site/pagefind/; returns the number of pages indexed per language.

    Pagefind indexes each language on its own (language_index), which gives the very files
    one run over every language gives, apart from pagefind-entry.json, which lists the
    languages: it is written here from theirs, in a fixed order (Pagefind's own order changes
    from run to run), so that two builds stay byte-identical."""
    logging.getLogger("khmer-nltk").setLevel(logging.WARNING)
    documents = documents if documents is not None else documents_from_site(site)
    counts = documents.counts()
    if not counts:  # nothing to search (Pagefind refuses an empty site): the box says so
        return counts
    output = site / "pagefind"
    shutil.rmtree(output, ignore_errors=True)
    entry: dict = {"languages": {}}
    with tempfile.TemporaryDirectory(prefix="portal-search-") as scratch:
        for language in sorted(counts):
            index = language_index(documents, language, root, Path(scratch))
            own = json.loads((index / ENTRY).read_text(encoding="utf-8"))
            entry = {**own, "languages": {**entry["languages"], **own["languages"]}}
            shutil.copytree(index, output, dirs_exist_ok=True, ignore=shutil.ignore_patterns(MANIFEST, ENTRY, *UNUSED_BUNDLE_FILES))
    (output / ENTRY).write_text(json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    write_khmer_words(documents.khmer_words, output / "km-words")
    return counts


ENTRY = "pagefind-entry.json"


def language_index(documents: SearchDocuments, language: str, root: Path | None, scratch: Path) -> Path:
    """The folder of Pagefind's output for one language's documents. With `root`, it is cached
    under the hash of those documents (.cache/portal/pagefind/<language>-<hash>/): a build in
    which no text of that language changed does not run Pagefind for it."""
    pages = {path: document for path, (page_language, document) in documents.documents.items() if page_language == language}
    key = input_key(code_of_search(), language, *(part for path in sorted(pages) for part in (path, pages[path])))[:32]
    cached = root / CACHE_FOLDER / "pagefind" / f"{language}-{key}" if root else None
    if cached is not None and _intact(cached):
        return cached
    stage, output = scratch / f"{language}-documents", scratch / f"{language}-index"
    for path, document in pages.items():
        (stage / path).parent.mkdir(parents=True, exist_ok=True)
        (stage / path).write_text(document, encoding="utf-8")
    # Pagefind's own program, run once over the documents. (Its Python API reads one reply
    # every 0.1 s: one page at a time, that took 5 minutes for 3,000 pages.)
    done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(stage), "--output-path", str(output), "--silent"], capture_output=True, text=True)
    if done.returncode != 0:
        raise PortalError("search.pagefind-failed", where=language, output=f"{done.stdout}{done.stderr}")
    if cached is None:
        return output
    # Keep this index for the next build, and only this one (of this language).
    for old in cached.parent.glob(f"{language}-*"):
        shutil.rmtree(old, ignore_errors=True)
    partial = cached.parent / f".{cached.name}.{os.getpid()}.partial"
    shutil.copytree(output, partial)
    (partial / MANIFEST).write_text(json.dumps(_digests(partial), sort_keys=True), encoding="utf-8")
    shutil.rmtree(cached, ignore_errors=True)
    partial.rename(cached)
    return cached
