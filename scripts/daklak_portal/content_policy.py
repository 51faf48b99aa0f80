"""What raw HTML and links a page may contain: a government portal must not carry scripts,
tracking pixels, embedded frames or phishing forms, whoever wrote the pull request.

Allowed raw HTML: the tags and attributes in ALLOWED_TAGS (marking a passage's language,
abbreviations, line breaks, small print, times). Everything else is reported with file and
line. Links and images written in Markdown are checked too: no `javascript:`, `data:` or
`vbscript:` URLs, and no image or media loaded from another host.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from .page_text import line_of_key

# (line, message id of messages.yml, the values it names): lint makes them Findings.
Problem = tuple[int, str, dict]

ALLOWED_TAGS: dict[str, set[str]] = {
    "span": {"lang", "class", "title", "dir"},
    "abbr": {"title", "lang"},
    "br": set(),
    "sup": set(),
    "sub": set(),
    "small": {"lang"},
    "time": {"datetime"},
    "div": {"class", "lang", "markdown"},  # md_in_html blocks
}
DANGEROUS_SCHEMES = ("javascript", "vbscript", "data", "file")
# ![alt](url), [text](url) and reference definitions [id]: url
_MARKDOWN_LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^[ \t]{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
# Reference-style images: ![alt][label], ![alt][] and ![label] (their URL is in a definition)
_IMAGE_REFERENCE = re.compile(r"!\[([^\]]*)\](?:\[([^\]]*)\])?(?![(\[])")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]*:[^>\s]*)>")
_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+\1")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def scheme_of(url: str) -> str:
    """The URL's scheme after undoing entities and the whitespace tricks browsers forgive."""
    cleaned = _CONTROL.sub("", html.unescape(url)).lower()
    return urlsplit(cleaned).scheme if ":" in cleaned else ""


def is_other_host(url: str) -> bool:
    cleaned = _CONTROL.sub("", html.unescape(url)).lower()
    return cleaned.startswith("//") or scheme_of(url) in ("http", "https", "ftp")


def prose_only(markdown: str) -> str:
    """The Markdown with code blocks and inline code blanked (line numbers kept): examples of
    HTML in code are text, not markup."""
    lines, fenced = [], False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            lines.append("")
        elif fenced:
            lines.append("")
        else:
            lines.append(_INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line))
    return "\n".join(lines)


class _HtmlChecker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[Problem] = []

    def _report(self, message_id: str, **values) -> None:
        self.problems.append((self.getpos()[0], message_id, values))

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self._report("policy.tag", tag=tag, allowed=", ".join(sorted(ALLOWED_TAGS)))
            return
        for name, value in attrs:
            if name.startswith("on"):
                self._report("policy.script-attribute", name=name)
            elif name not in ALLOWED_TAGS[tag]:
                self._report("policy.attribute", name=name, tag=tag)
            elif value and scheme_of(value) in DANGEROUS_SCHEMES:
                self._report("policy.attribute-scheme", name=name, scheme=scheme_of(value))


def policy_problems(markdown: str) -> list[Problem]:
    """(line, message id, values) for every breach of the content policy in a page body."""
    text = prose_only(markdown)
    checker = _HtmlChecker()
    checker.feed(text)
    checker.close()
    problems = list(checker.problems)
    for match in _MARKDOWN_LINK.finditer(text):
        image, url = match.group(1) == "!", match.group(2)
        line = text.count("\n", 0, match.start()) + 1
        problems += _url_problems(url, line, image)
    image_labels = {_label(match.group(2) or match.group(1)) for match in _IMAGE_REFERENCE.finditer(text)}
    for match in _REFERENCE.finditer(text):
        image = _label(match.group(1)) in image_labels  # a definition an image uses loads an image
        problems += _url_problems(match.group(2), text.count("\n", 0, match.start()) + 1, image=image)
    for match in _AUTOLINK.finditer(text):
        if scheme_of(match.group(1)) in DANGEROUS_SCHEMES:
            problems.append((text.count("\n", 0, match.start()) + 1, "policy.link-scheme", {"scheme": scheme_of(match.group(1))}))
    unique = {(line, message_id, tuple(sorted(values.items()))): values for line, message_id, values in problems}
    return [(line, message_id, values) for (line, message_id, _), values in sorted(unique.items(), key=lambda item: item[0])]


def _label(text: str) -> str:
    """Reference labels match without regard to case or runs of whitespace (CommonMark)."""
    return " ".join(text.split()).casefold()


def _url_problems(url: str, line: int, image: bool) -> list[Problem]:
    scheme = scheme_of(url)
    if scheme in DANGEROUS_SCHEMES:
        return [(line, "policy.link-scheme", {"scheme": scheme})]
    if image and is_other_host(url):
        return [(line, "policy.remote-image", {"url": url})]
    return []


_TAG_START = re.compile(r"<\s*/?\s*[a-zA-Z!?]|&#?\w+;")


def front_matter_problems(meta: dict, text: str) -> list[Problem]:
    """Title and description are put into the page (and its <head>) as they are: no markup."""
    problems = []
    for key in ("title", "description"):
        value = meta.get(key)
        if isinstance(value, str) and _TAG_START.search(value):
            problems.append((line_of_key(text, key), "front-matter.markup", {"key": key}))
    return problems
