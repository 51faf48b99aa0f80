"""The Markdown inside one unit as text and numbered placeholders, as CAT tools show it.

A link's or an image's text, and bold or italic text, stay translatable inside a *paired*
placeholder; what a translator must not touch (the link's URL, inline code, HTML tags,
attribute lists) becomes a *standalone* one. In PO files they are written `<1>text</1>` and
`{2}` (the convention CONTRIBUTING describes); in XLIFF 1.2 `<g id="1">text</g>` and
`<x id="2"/>`. The markup itself never leaves the repository: on import it is taken back from
the current Vietnamese unit by number, so a translation can move placeholders but not change
them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Ph:
    """A standalone placeholder: markup the translation keeps as it is."""

    id: int
    markup: str = ""


@dataclass
class Pc:
    """A paired placeholder: markup around text that is translated."""

    id: int
    start: str = ""
    end: str = ""
    children: list = field(default_factory=list)


Segment = str | Ph | Pc

_TARGET = r"(?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?"
_INLINE = re.compile(
    r"(?P<code>(?P<ticks>`+).+?(?P=ticks))"
    rf"|(?P<image>!\[(?P<alt>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<src>{_TARGET})\)(?P<iattr>\{{[^}}\n]*\}})?)"
    rf"|(?P<link>\[(?P<label>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<href>{_TARGET})\)(?P<lattr>\{{[^}}\n]*\}})?)"
    r"|(?P<tag></?[A-Za-z][^<>\n]*>)"
    r"|(?P<attr>\{\s*[:#.][^}\n]*\})"
    r"|(?P<bold>\*\*(?P<strong>(?!\s).+?(?<!\s))\*\*)"
    r"|(?P<italic>(?<![\w*\\])\*(?P<em>(?![\s*]).+?(?<![\s\\]))\*(?![\w*]))"
)
_PO_TOKEN = re.compile(r"<(\d+)>|</(\d+)>|\{(\d+)\}")


class InlineError(ValueError):
    """A translation whose placeholders do not match its source's."""


def tokenize(text: str) -> list[Segment]:
    """The segments of a unit's Markdown text, placeholders numbered from 1 in reading order."""
    counter = [0]

    def next_id() -> int:
        counter[0] += 1
        return counter[0]

    def scan(text: str) -> list[Segment]:
        segments: list[Segment] = []
        position = 0
        for match in _INLINE.finditer(text):
            if match.start() > position:
                segments.append(text[position : match.start()])
            kind = next(name for name in ("code", "image", "link", "tag", "attr", "bold", "italic") if match.group(name) is not None)
            whole = match.group(0)
            if kind in ("code", "tag", "attr"):
                segments.append(Ph(next_id(), whole))
            elif kind == "image":
                pc = Pc(next_id(), "![", whole[2 + len(match["alt"]) :])
                pc.children = scan(match["alt"])
                segments.append(pc)
            elif kind == "link":
                pc = Pc(next_id(), "[", whole[1 + len(match["label"]) :])
                pc.children = scan(match["label"])
                segments.append(pc)
            else:
                marker = "**" if kind == "bold" else "*"
                pc = Pc(next_id(), marker, marker)
                pc.children = scan(match["strong"] if kind == "bold" else match["em"])
                segments.append(pc)
            position = match.end()
        if position < len(text):
            segments.append(text[position:])
        return segments

    return scan(text)


def markdown(segments: list[Segment], source: list[Segment] | None = None) -> str:
    """The Markdown of segments; with `source`, each placeholder's markup comes from the source
    placeholder of the same number (a translation read from a file carries numbers only)."""
    markup = {item.id: item for item in walk(source)} if source is not None else None
    parts = []
    for segment in segments:
        if isinstance(segment, str):
            parts.append(segment)
            continue
        original = markup[segment.id] if markup is not None else segment
        if isinstance(segment, Ph):
            parts.append(original.markup)
        else:
            parts.append(original.start + markdown(segment.children, source) + original.end)
    return "".join(parts)


def walk(segments: list[Segment] | None):
    """Every placeholder, in reading order."""
    for segment in segments or []:
        if not isinstance(segment, str):
            yield segment
            if isinstance(segment, Pc):
                yield from walk(segment.children)


def plain_text(segments: list[Segment]) -> str:
    """What a reader reads: the text without the markup."""
    return "".join(segment if isinstance(segment, str) else plain_text(segment.children) if isinstance(segment, Pc) else " " for segment in segments)


def number_like_source(target: list[Segment], source: list[Segment]) -> tuple[list[Segment], list[Segment]]:
    """A translation's segments numbered like the source's: a placeholder with the same markup
    as one of the source's takes its number; markup the translation added (a `<span lang>`
    around a Vietnamese name) gets a number after the source's. Returns (segments, the added
    placeholders)."""
    unused = list(walk(source))
    added: list[Segment] = []
    counter = [max((item.id for item in unused), default=0)]

    def same(a: Ph | Pc, b: Ph | Pc) -> bool:
        return type(a) is type(b) and (a.markup == b.markup if isinstance(a, Ph) else (a.start, a.end) == (b.start, b.end))

    def renumber(segments: list[Segment]) -> list[Segment]:
        out: list[Segment] = []
        for segment in segments:
            if isinstance(segment, str):
                out.append(segment)
                continue
            match = next((item for item in unused if same(item, segment)), None)
            if match is not None:
                unused.remove(match)
                number = match.id
            else:
                counter[0] += 1
                number = counter[0]
            if isinstance(segment, Ph):
                copy: Ph | Pc = Ph(number, segment.markup)
            else:
                copy = Pc(number, segment.start, segment.end, renumber(segment.children))
            if match is None:
                added.append(copy)
            out.append(copy)
        return out

    return renumber(target), added


def check_placeholders(target: list[Segment], source: list[Segment], added: list[Segment] = ()) -> None:
    """Raises InlineError unless the target has each of the source's placeholders once, of the
    same kind (paired or standalone), and no other than those the current translation added."""
    expected = {item.id: type(item) for item in walk(source)}
    allowed = expected | {item.id: type(item) for item in added}
    found: dict[int, type] = {}
    for item in walk(target):
        if item.id in found:
            raise InlineError(f"placeholder {item.id} twice")
        found[item.id] = type(item)
    missing, extra = sorted(expected.keys() - found.keys()), sorted(found.keys() - allowed.keys())
    if missing or extra:
        raise InlineError(", ".join([*(f"{number} missing" for number in missing), *(f"{number} unknown" for number in extra)]))
    for number, kind in found.items():
        if kind is not allowed[number]:
            raise InlineError(f"placeholder {number} {'must enclose text' if allowed[number] is Pc else 'must not enclose text'}")


def to_po(segments: list[Segment]) -> str:
    return "".join(segment if isinstance(segment, str) else f"{{{segment.id}}}" if isinstance(segment, Ph) else f"<{segment.id}>{to_po(segment.children)}</{segment.id}>" for segment in segments)


def from_po(text: str) -> list[Segment]:
    """Segments of a PO string written with `<1>…</1>` and `{2}`; InlineError when a pair is
    not closed or closed out of order."""
    root: list[Segment] = []
    stack: list[tuple[int, list[Segment]]] = [(0, root)]
    position = 0
    for match in _PO_TOKEN.finditer(text):
        if match.start() > position:
            stack[-1][1].append(text[position : match.start()])
        opening, closing, standalone = match.groups()
        if standalone:
            stack[-1][1].append(Ph(int(standalone)))
        elif opening:
            pc = Pc(int(opening))
            stack[-1][1].append(pc)
            stack.append((pc.id, pc.children))
        elif len(stack) == 1 or stack[-1][0] != int(closing):
            raise InlineError(f"</{closing}> does not close the last opened placeholder")
        else:
            stack.pop()
        position = match.end()
    if position < len(text):
        stack[-1][1].append(text[position:])
    if len(stack) > 1:
        raise InlineError(f"<{stack[-1][0]}> is not closed")
    return root
