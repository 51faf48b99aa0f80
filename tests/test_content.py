"""The real content: sources and dates, glossary spellings, no Vietnamese left in translations."""

from datetime import date

import pytest

from conftest import PROJECT
from daklak_portal.config import load_settings
from daklak_portal.content import load_pages
from daklak_portal.glossary import GLOSSARY_PAGE, avoided_spellings, load_terms
from daklak_portal.text_language import is_vietnamese_paragraph, paragraphs

SETTINGS = load_settings(PROJECT)
PAGES, PROBLEMS = load_pages(SETTINGS)
SOURCE = PAGES["vi"]
TERMS = load_terms(SOURCE[GLOSSARY_PAGE].meta)


def test_content_is_readable():
    assert PROBLEMS == []


def test_volume():
    ordinary = [key for key in SOURCE if not key.startswith("news/posts/")]
    assert len(ordinary) >= 30
    assert len([key for key in SOURCE if key.startswith("news/posts/")]) >= 10
    assert set(SOURCE) - set(PAGES["en"]) == set(), "English must be complete"
    required_km = {"index.md", "province/index.md", "tourism/index.md", "investment/index.md", "press/index.md", "about/contacts.md"}
    assert required_km <= set(PAGES["km"])


@pytest.mark.parametrize("key", sorted(SOURCE))
def test_every_source_page_cites_sources_with_an_as_of_date(key):
    meta = SOURCE[key].meta
    assert isinstance(meta.get("as_of"), date), f"{key}: `as_of: YYYY-MM-DD` is missing"
    sources = meta.get("sources")
    assert isinstance(sources, list) and sources, f"{key}: no sources"
    for source in sources:
        # "/about/": pages that describe the portal itself cite the portal's own About page.
        assert str(source.get("url", "")).startswith(("http://", "https://", "/")), f"{key}: source without URL: {source}"
        assert source.get("title") and isinstance(source.get("read"), date), f"{key}: source needs title and read date: {source}"


def test_translations_carry_only_text():
    allowed = {"title", "description", "organizations", "translation"}  # translation: the stamp
    for language in ("en", "km"):
        for key, page in PAGES[language].items():
            extra = set(page.meta) - allowed
            assert not extra, f"docs/{language}/{key}: language-neutral fields belong in the Vietnamese page: {sorted(extra)}"


def test_glossary_has_one_spelling_per_language():
    assert len(TERMS) >= 20
    problems = []
    for language, pages in PAGES.items():
        for key, page in pages.items():
            if key == GLOSSARY_PAGE:
                continue  # the glossary names the spellings to avoid
            text = "\n".join([str(page.meta.get("title", "")), str(page.meta.get("description", "")), page.body])
            problems += [f"docs/{language}/{key}: {found!r} (use {accepted!r})" for _, found, accepted in avoided_spellings(text, TERMS, language)]
    assert not problems, "\n".join(problems)


def test_no_vietnamese_paragraphs_in_translations():
    found = []
    for language in ("en", "km"):
        for key, page in PAGES[language].items():
            for line, text in paragraphs(page.body):
                if is_vietnamese_paragraph(text):
                    found.append(f"docs/{language}/{key}:{page.body_line + line - 1}: {text[:80]}")
    assert not found, "\n".join(found)


def test_vietnamese_paragraph_detector_catches_a_pasted_paragraph():
    pasted = "Tỉnh Đắk Lắk và tỉnh Phú Yên hợp nhất thành tỉnh Đắk Lắk theo Nghị quyết của Quốc hội."
    assert is_vietnamese_paragraph(pasted)
    assert not is_vietnamese_paragraph("Đắk Lắk and Phú Yên provinces were merged into a single province named Đắk Lắk.")
    assert not is_vietnamese_paragraph('The <span lang="vi">Sở Văn hóa, Thể thao và Du lịch của tỉnh và các xã</span> runs it.')
    assert [line for line, _ in paragraphs("Intro.\n\n- one\n- two\n\n```\nvà của các\n```\nEnd.\n")] == [1, 3, 4, 9]
