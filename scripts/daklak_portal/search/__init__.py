"""Site search: Pagefind index documents made from each rendered page (index.py), with words
written as terms.py says (its JavaScript twin writes the queries the same way)."""

from .index import KhmerSegmenter, SearchDocuments, build_search_index, language_index

__all__ = ["KhmerSegmenter", "SearchDocuments", "build_search_index", "language_index"]
