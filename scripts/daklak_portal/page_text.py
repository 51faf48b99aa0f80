"""The structure of a page's Markdown text, found in one place: its front matter block (where it
starts and ends, the line of any key, nested ones too) and its anchored headings.

Everything that reads a page's structure (content loading, lint, coverage, stamps, the dataset,
the editor tools, the content policy) asks this module, so that they all agree on it, e.g. that
MkDocs also closes front matter with `...`, and that a `## line` inside a code fence is not a
heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .errors import Finding

# The same rule as MkDocs: front matter is a YAML block between `---` lines at the very top,
# closed by `---` or `...`.
FRONT_MATTER_START = re.compile(r"\A---[ \t]*\r?\n")
FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
# `## Heading text {#anchor}`: headings carry an explicit anchor, the same in every language.
_HEADING = re.compile(r"^(#{2,6})\s+(.*?)\s*\{#([A-Za-z0-9_-]+)\}\s*$")
_FENCE = ("```", "~~~")


class FrontMatterError(ValueError):
    """A front matter that cannot be read: its line and a message id of messages.yml."""

    def __init__(self, line: int | None, message_id: str, **values):
        super().__init__(message_id)
        self.line = line
        self.message_id = message_id
        self.values = values

    def finding(self, shown: str) -> Finding:
        return Finding.of(shown, self.line, self.message_id, **self.values)


def front_matter_bounds(text: str) -> tuple[int, int] | None:
    """(start, end) of the YAML between the opening `---` line and its closer (`---` or
    `...`, as MkDocs accepts), or None when the page has no front matter. `text[end:]` starts
    with the closing line. Raises FrontMatterError when the block is never closed."""
    start = FRONT_MATTER_START.match(text)
    if not start:
        return None
    end = FRONT_MATTER_END.search(text, start.end())
    if not end:
        raise FrontMatterError(1, "front-matter.unclosed")
    return start.end(), end.start()


def line_of_key(text: str, key: str) -> int:
    """1-based line of a top-level front-matter key in a page's text (1 when it is not there;
    a line of the body that looks like the key does not count). Unlike line_of_path, it also
    answers when the YAML is broken (to point at the key an error is about)."""
    try:
        bounds = front_matter_bounds(text)
    except FrontMatterError:
        return 1
    match = re.search(rf"^{re.escape(key)}:", text[: bounds[1]], re.M) if bounds else None
    return text.count("\n", 0, match.start()) + 1 if match else 1


def line_of_path(text: str, path: list) -> int:
    """1-based line of the key (or list item) a path of keys and indexes points at, e.g.
    ["event", "editions", 2, "date"]; the deepest one found, 1 when none is. `text` is a page
    (the path is inside its front matter) or a whole YAML file (a sidecar)."""
    node, offset = _yaml_node(text)
    line = None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            match = next(((key, value) for key, value in node.value if key.value == str(part)), None)
            if match is None:
                break
            line, node = match[0].start_mark.line, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line
        else:
            break
    return line + offset + 1 if line is not None else 1


def _yaml_node(text: str) -> tuple[yaml.Node | None, int]:
    """The YAML node of a page's front matter (or of a whole YAML file) and its first line - 1."""
    try:
        bounds = front_matter_bounds(text)
    except FrontMatterError:
        return None, 0
    block, offset = (text[bounds[0] : bounds[1]], text.count("\n", 0, bounds[0])) if bounds else (text, 0)
    try:
        return yaml.compose(block, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), offset
    except yaml.YAMLError:
        return None, offset


@dataclass(frozen=True)
class Heading:
    index: int  # 0-based line index in the body
    level: int  # 2 for `##`
    text: str
    anchor: str


def anchored_headings(body: str) -> list[Heading]:
    """The body's `## … {#anchor}` headings in order, outside code fences."""
    found, fenced = [], False
    for index, line in enumerate(body.splitlines()):
        if line.lstrip().startswith(_FENCE):
            fenced = not fenced
        elif not fenced and line.startswith("#") and (match := _HEADING.match(line)):
            found.append(Heading(index, len(match.group(1)), match.group(2).strip(), match.group(3)))
    return found


def heading_texts(body: str) -> dict[str, str]:
    """{anchor: heading text} of a body's anchored headings."""
    return {heading.anchor: heading.text for heading in anchored_headings(body)}


def join_soft_breaks(markdown: str, letters: re.Pattern) -> str:
    """Joins the lines of a paragraph where a line ends and the next begins with `letters` (a
    script written without spaces between words, Khmer): Markdown turns such a line break into
    a space, which a Khmer reader sees as a break in the sentence. Code, headings, tables and
    hard breaks (two trailing spaces) are left as they are."""
    out: list[str] = []
    fenced = False
    for line in markdown.split("\n"):
        if line.lstrip().startswith(_FENCE):
            fenced = not fenced
        previous, text = (out[-1] if out else ""), line.lstrip()  # (a list item's next line is indented)
        if (
            not fenced
            and previous.strip()
            and text[:1] and letters.match(text[0])
            and letters.match(previous[-1])
            and not previous.lstrip().startswith(("#", "|", "```", "~~~"))
        ):
            out[-1] = previous + text
        else:
            out.append(line)
    return "\n".join(out)
