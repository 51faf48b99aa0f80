"""No input ends in a traceback: generated front matter and Markdown, of every wrong shape an
editor could type (wrong types, impossible dates, odd Unicode, NUL bytes, deep nesting, CRLF, a
byte-order mark), for pages and news posts. `portal lint` either finds nothing or reports
`file:line` findings; when it finds nothing, preparing the build and every page's part of it
(the Markdown the build adds, the page's context) runs without an exception.

Runs 2 × 1,000 examples in-process on one small site whose page is rewritten for each example (a full MkDocs
build per example would take seconds; test_build.py builds the real thing)."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import BASIC_PAGES, make_site
from daklak_portal.config import load_settings
from daklak_portal.errors import Finding
from daklak_portal.lint import lint
from daklak_portal.site_build import pages
from daklak_portal.site_build.state import ContentRefused, prepare

# Values an editor might put anywhere: text of every kind, numbers, dates that do not exist,
# lists and mappings, nothing.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
SCALARS = st.one_of(
    TEXT,
    st.integers(-10**12, 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.sampled_from(["2025-13-45", "2025-02-30", "15/03/2027", "yesterday", "0000-00-00", "2026-03-15", "\x00", "\ufeff", "Tây\u0300"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)), max_leaves=8)
KEYS = st.sampled_from(["title", "description", "date", "slug", "as_of", "sources", "categories", "place", "event", "zones", "organizations", "translation", "status", "required"])
VALID = {"title": "Trang thử", "description": "Mô tả.", "as_of": "2026-03-15", "sources": [{"title": "Nguồn", "url": "https://example.org/", "read": "2026-03-15"}]}
# Anything at all, and (to reach the build's own steps) a valid page with one or two fields wrong.
FRONT_MATTER = st.one_of(st.dictionaries(KEYS, VALUES, max_size=6), st.dictionaries(KEYS, VALUES, min_size=1, max_size=2).map(lambda wrong: {**VALID, **wrong}))
BODY = st.lists(st.one_of(TEXT, st.sampled_from(["## Đề mục {#muc}", "```", "<script>x</script>", "![a](../x.png)", "[l]: javascript:x", "\r\n", "..."])), max_size=6).map("\n".join)


def page_text(meta: dict, body: str, closer: str, bom: bool, crlf: bool) -> str:
    try:
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        front = "title: x\n"
    text = f"---\n{front}{closer}\n{body}\n"
    text = text.replace("\n", "\r\n") if crlf else text
    return ("\ufeff" if bom else "") + text


class Site:
    def __init__(self, root):
        self.root = root

    def write(self, key: str, text: str) -> None:
        for earlier in (self.root / "docs").rglob("fuzz.md"):  # one generated page at a time
            earlier.unlink()
        path = self.root / "docs" / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", errors="surrogatepass")


_SITE: Site | None = None


def site(tmp_path_factory) -> Site:
    global _SITE
    if _SITE is None:
        _SITE = Site(make_site(tmp_path_factory.mktemp("fuzz") / "src", BASIC_PAGES))
    return _SITE


def check(target: Site, key: str) -> None:
    findings = lint(load_settings(target.root))
    assert all(isinstance(finding, Finding) and str(finding) for finding in findings)
    if findings:
        event("lint found problems")
        return
    event("lint passed: the build's steps ran")
    try:
        state = prepare(target.root, "Cổng thông tin")
    except ContentRefused as refused:
        assert str(refused).strip()  # the build refuses with messages: as lint should have
        return
    page_key = key.split("/", 1)[1]
    title = state.pages["vi"][page_key].meta.get("title")  # as MkDocs hands it to the events
    for language in ("vi", "en", "km"):
        pages.page_markdown(state, language, page_key, title, "Nội dung.\n")
        context = pages.page_context(state, language, page_key, listing=False, home="/", toc=[])
        pages.social_card(state, title, page_key, context["portal_page"].content_language, "Cổng thông tin")
        pages.finished_html(state, language, page_key, f"{language}/x/", '<head><meta charset="utf-8"></head><body></body>')
        pages.generated_files(state, language)


FUZZ = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(meta=FRONT_MATTER, body=BODY, closer=st.sampled_from(["---", "..."]), bom=st.booleans(), crlf=st.booleans())
def test_any_page_ends_in_findings_or_a_build_never_a_traceback(tmp_path_factory, meta, body, closer, bom, crlf):
    target = site(tmp_path_factory)
    target.write("vi/province/fuzz.md", page_text(meta, body, closer, bom, crlf))
    check(target, "vi/province/fuzz.md")


POST_FRONT_MATTER = st.one_of(FRONT_MATTER, st.dictionaries(KEYS, VALUES, min_size=1, max_size=2).map(lambda wrong: {**VALID, "date": "2026-03-10", "slug": "fuzz", "categories": ["events"], **wrong}))


@FUZZ
@given(meta=POST_FRONT_MATTER, body=BODY)
def test_any_news_post_ends_in_findings_or_a_build_never_a_traceback(tmp_path_factory, meta, body):
    target = site(tmp_path_factory)
    target.write("vi/news/posts/fuzz.md", page_text(meta, body, "---", False, False))
    check(target, "vi/news/posts/fuzz.md")
