"""A page body cut into the blocks a translator translates, and a block written back.

Blocks are headings, paragraphs, list items, table rows (one text per cell) and admonition
titles; fenced code, horizontal rules and lines of markup only are skipped. Each block knows
its line range, the Markdown around its text (`## `, `- `, the `{#anchor}`, the indentation)
and the section (heading anchor) it belongs to. A block's soft line breaks are joined into one
text: with a space, or without one between two letters of a script written without spaces
(Khmer), as the rendered page reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..page_text import anchored_headings
from ..sections import INTRO
from .inline import plain_text, tokenize

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6}\s+)(.*?)(\s*\{#[^}]*\}\s*)?$")
_ITEM = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+)(.*)$")
_ADMONITION = re.compile(r'^(\s*(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+[\w-]+)*\s+")(.*)("\s*)$')
_ADMONITION_PLAIN = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+[\w-]+")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_ROW = re.compile(r"^\s*\|")
_SEPARATOR_ROW = re.compile(r"^\s*\|?(\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


@dataclass
class Block:
    kind: str  # heading, paragraph, item, row, admonition
    start: int  # first line (0-based, in the body)
    end: int  # the line after the last
    section: str
    prefix: str = ""
    suffix: str = ""
    texts: tuple[str, ...] = ()  # the text (a row: each cell's)

    def translatable(self) -> list[int]:
        """Indexes of the texts that hold words (not markup, numbers or punctuation only)."""
        return [index for index, text in enumerate(self.texts) if any(char.isalpha() for char in plain_text(tokenize(text)))]


def join_lines(lines: list[str], letters: re.Pattern | None) -> str:
    text = ""
    for line in (line.strip() for line in lines):
        if not text:
            text = line
        elif letters is not None and letters.match(text[-1:]) and letters.match(line[:1]):
            text += line
        else:
            text += " " + line
    return text


def row_cells(line: str) -> list[str]:
    cells = _CELL_SPLIT.split(line.strip())
    if cells and cells[0] == "":
        cells = cells[1:]
    if cells and cells[-1] == "":
        cells = cells[:-1]
    return [cell.strip() for cell in cells]


def _starts_block(line: str) -> bool:
    return bool(_HEADING.match(line) or _ITEM.match(line) or _ROW.match(line) or _FENCE.match(line) or _ADMONITION_PLAIN.match(line) or _RULE.match(line))


def blocks(body: str, letters: re.Pattern | None = None) -> list[Block]:
    """The body's blocks in order (letters: the script whose soft breaks join without a space)."""
    lines = body.split("\n")
    anchors = {heading.index: heading.anchor for heading in anchored_headings(body)}
    found: list[Block] = []
    section, index, fenced = INTRO, 0, False
    while index < len(lines):
        line = lines[index]
        if _FENCE.match(line):
            fenced = not fenced
            index += 1
            continue
        if fenced or not line.strip() or _RULE.match(line):
            index += 1
            continue
        section = anchors.get(index, section)
        if heading := _HEADING.match(line):
            found.append(Block("heading", index, index + 1, section, heading[1], heading[3] or "", (heading[2],)))
            index += 1
        elif _ROW.match(line):
            if not _SEPARATOR_ROW.match(line):
                found.append(Block("row", index, index + 1, section, texts=tuple(row_cells(line))))
            index += 1
        elif admonition := _ADMONITION.match(line):
            found.append(Block("admonition", index, index + 1, section, admonition[1], admonition[3], (admonition[2],)))
            index += 1
        elif _ADMONITION_PLAIN.match(line):
            index += 1  # an admonition without a title
        else:
            item = _ITEM.match(line)
            prefix = item[1] if item else line[: len(line) - len(line.lstrip())]
            end = index + 1
            while end < len(lines) and lines[end].strip() and not _starts_block(lines[end]):
                end += 1
            first = item[2] if item else line.strip()
            text = join_lines([first, *lines[index + 1 : end]], letters)
            found.append(Block("item" if item else "paragraph", index, end, section, prefix, "", (text,)))
            index = end
    return found


def block_lines(block: Block, texts: tuple[str, ...], original: list[str]) -> list[str]:
    """The lines that replace `block` once its texts are `texts`."""
    if block.kind == "row":
        indent = original[block.start][: len(original[block.start]) - len(original[block.start].lstrip())]
        return [indent + "| " + " | ".join(texts) + " |"]
    return [block.prefix + texts[0] + block.suffix]
