"""The units of one page in one language: what a CAT tool shows a translator.

A unit is a front-matter field meant for readers (title, description, an organisation's name)
or one text of a body block (blocks.py). Body units are numbered within their section (the
heading anchor): `getting-there/2` is the second text of that section, the same number in the
source and in the translation when the translation follows the source's blocks. A section
whose translation has other blocks (merged paragraphs, a missing list item) is not paired: its
units are offered as new, and importing them rewrites the section in the source's shape.

States: `translated` (the section's stamp matches the current source), `needs-review` (the
source section changed since the stamp, or there is no stamp), `new` (no translation, or the
Vietnamese text copied by `portal translate`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..config import REFERENCE_LANGUAGE, Settings, language_info
from ..content import SourceFile, page_path, read_source_file
from ..glossary import Term
from ..sections import fingerprints
from ..stamps import read_stamp
from ..text_language import SCRIPT_LETTERS
from .blocks import Block, blocks
from .inline import plain_text, tokenize

META = "_meta"  # the section of front-matter units
STATES = ("translated", "needs-review", "new")


@dataclass
class Unit:
    id: str  # "getting-there/2", "_meta/title", "_meta/organizations/<id>/name"
    section: str
    source: str  # Markdown
    target: str | None
    state: str
    line: int  # in the source file
    notes: list[str] = field(default_factory=list)
    reference: str | None = None  # the English translation, for translators who read English better
    block: Block | None = None  # where the text is in the translation's body (paired units)
    cell: int = 0
    kind: str = "field"  # the source block's kind: heading, paragraph, item, row, admonition


@dataclass
class PageUnits:
    key: str  # "tourism/lak-lake.md"
    language: str
    source: SourceFile
    target: SourceFile | None
    units: list[Unit]
    url: str
    unpaired: set[str] = field(default_factory=set)  # sections whose translation has other blocks


def letters_of(language: str):
    """The letters of the language's script when it joins lines without spaces, else None."""
    info = language_info(language)
    return SCRIPT_LETTERS.get(info.script) if info.joins_lines else None


def section_texts(body_blocks: list[Block]) -> dict[str, list[tuple[Block, int]]]:
    """{section: [(block, text index)]} of the translatable texts."""
    found: dict[str, list[tuple[Block, int]]] = {}
    for block in body_blocks:
        for index in block.translatable():
            found.setdefault(block.section, []).append((block, index))
    return found


def _shape(texts: list[tuple[Block, int]]) -> list[str]:
    return [block.kind for block, _ in texts]


def glossary_notes(text: str, terms: list[Term], source_language: str, language: str) -> list[str]:
    plain = plain_text(tokenize(text)).casefold()
    return [f"glossary: {term.forms[source_language]} → {term.forms[language]}" for term in terms if term.forms.get(source_language) and term.forms.get(language) and term.forms[source_language].casefold() in plain]


def _meta_fields(meta: dict) -> dict[str, str]:
    """{unit id: value} of the front-matter fields readers see."""
    fields = {f"{META}/{name}": str(meta[name]) for name in ("title", "description") if isinstance(meta.get(name), str) and meta[name].strip()}
    for organization in meta.get("organizations") or []:
        if isinstance(organization, dict) and isinstance(organization.get("name"), str) and organization.get("id"):
            fields[f"{META}/organizations/{organization['id']}/name"] = organization["name"]
    return fields


def page_units(settings: Settings, key: str, language: str, terms: list[Term], with_reference: bool = True) -> PageUnits:
    """The units of page `key` for `language` (raises FrontMatterError, UnicodeDecodeError)."""
    source_language = settings.source_language
    source = read_source_file(settings.language_dir(source_language) / key, settings, language=source_language, key=key)
    target_path: Path = settings.language_dir(language) / key
    target = read_source_file(target_path, settings, language=language, key=key) if target_path.is_file() else None
    stamp = read_stamp(target.meta, target.text) if target else None
    current = fingerprints(source.body)
    url = settings.site_url.rstrip("/") + "/" + page_path(key, language, source_language)
    units: list[Unit] = []

    target_meta = _meta_fields(target.meta) if target else {}
    for unit_id, value in _meta_fields(source.meta).items():
        translation = target_meta.get(unit_id)
        state = "translated" if translation and translation != value else "new"
        line = 1 + source.text[: source.text.find(value)].count("\n") if value in source.text else 1
        units.append(Unit(unit_id, META, value, translation if state != "new" else None, state, line))

    source_texts = section_texts(blocks(source.body))
    target_texts = section_texts(blocks(target.body, letters_of(language))) if target else {}
    unpaired = set()
    for section, texts in source_texts.items():
        theirs = target_texts.get(section)
        paired = theirs is not None and _shape(theirs) == _shape(texts) and all(
            len(block.texts) == len(their_block.texts) for (block, _), (their_block, _) in zip(texts, theirs, strict=True)
        )
        if theirs is not None and not paired:
            unpaired.add(section)
        section_current = bool(stamp) and stamp.sections.get(section) == current.get(section)
        for number, (block, index) in enumerate(texts, start=1):
            text = block.texts[index]
            their_block, their_index = theirs[number - 1] if paired else (None, 0)
            translation = their_block.texts[their_index] if their_block else None
            if translation is None or translation == text:
                state, translation = "new", None
            else:
                state = "translated" if section_current else "needs-review"
            units.append(Unit(f"{section}/{number}", section, text, translation, state, source.body_line + block.start, block=their_block, cell=their_index, kind=block.kind))

    for unit in units:
        unit.notes = glossary_notes(unit.source, terms, source_language, language)
    if with_reference and language != REFERENCE_LANGUAGE and REFERENCE_LANGUAGE in settings.languages and (settings.language_dir(REFERENCE_LANGUAGE) / key).is_file():
        reference = {unit.id: unit for unit in page_units(settings, key, REFERENCE_LANGUAGE, terms, with_reference=False).units}
        for unit in units:
            english = reference.get(unit.id)
            if english is not None and english.state == "translated" and english.source == unit.source:
                unit.reference = english.target
    return PageUnits(key, language, source, target, units, url, unpaired)
