"""`portal import`: translation files checked against the current pages, then written back.

Every file is checked before anything is written; one problem anywhere refuses the whole
import with `file:line` findings: a page or unit that no longer exists, a Vietnamese text that
changed since the export (with the old and new text: export again and carry the translation
over), broken placeholders, a glossary term translated otherwise, text in the wrong language,
a file for a language the portal does not translate into.

Writing back touches only what changed: a unit whose text is the current translation leaves
its lines as they are (an import of an unchanged export leaves every file byte for byte the
same). A changed unit rewrites its block (one line, the Markdown around it kept); a section
whose translation does not follow the source's blocks, or a page not translated yet, is
written in the source's shape. A section whose units are all final is stamped with the current
source; one with units still to review keeps its old stamp (coverage: outdated), and a page
that still holds Vietnamese text is marked in progress (coverage: partial).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings
from ..editor import yaml_text
from ..errors import Finding, PortalError, relative
from ..files import write_atomically
from ..git_history import last_commit_of
from ..glossary import Term
from ..lang_audit import wrong_language
from ..page_text import anchored_headings, line_of_path
from ..sections import INTRO, fingerprints
from ..stamps import read_stamp, stamp_block, write_stamp
from .blocks import Block, block_lines, blocks
from .exchange_file import ImportedUnit
from .export import glossary_terms
from .inline import (
    InlineError,
    check_placeholders,
    markdown,
    number_like_source,
    plain_text,
    to_po,
    tokenize,
)
from .po_files import read_po_units
from .units import META, PageUnits, Unit, page_units, section_texts
from .xliff_files import read_xliff_units

READERS = {".po": read_po_units, ".xlf": read_xliff_units, ".xliff": read_xliff_units}


class ImportRefused(Exception):
    def __init__(self, findings: list[Finding]):
        super().__init__(f"{len(findings)} problems")
        self.findings = findings


@dataclass
class PagePlan:
    page: PageUnits
    texts: dict[str, str] = field(default_factory=dict)  # unit id -> Markdown to write
    final: dict[str, bool] = field(default_factory=dict)  # unit id -> final after the import


def read_files(paths: list[Path]) -> list[ImportedUnit]:
    units = []
    for path in paths:
        reader = READERS.get(path.suffix.lower())
        if reader is None:
            raise PortalError("exchange.unknown-format", where=str(path), formats=", ".join(READERS))
        units.extend(reader(path))
    return units


def _glossary_problem(source: str, text: str, terms: list[Term], source_language: str, language: str) -> tuple[str, str] | None:
    source_plain, target_plain = plain_text(tokenize(source)).casefold(), plain_text(tokenize(text)).casefold()
    for term in terms:
        wanted, required = term.forms.get(source_language), term.forms.get(language)
        # A one-syllable term is not enforced: Vietnamese compounds contain it with another
        # meaning ("xã" commune, "xã hội" society). It stays a note for the translator.
        if not wanted or not required or " " not in wanted.strip():
            continue
        if re.search(rf"(?<!\w){re.escape(wanted.casefold())}(?!\w)", source_plain) and required.casefold() not in target_plain:
            return wanted, required
    return None


def check(settings: Settings, imported: list[ImportedUnit]) -> list[PagePlan]:
    """The pages to write; raises ImportRefused with every problem found."""
    findings: list[Finding] = []
    terms = glossary_terms(settings)
    source_language = settings.source_language
    pages: dict[tuple[str, str], list[ImportedUnit]] = {}
    for unit in imported:
        pages.setdefault((unit.language, unit.key), []).append(unit)
    plans = []
    for (language, key), units in pages.items():
        where = lambda unit: relative(unit.file, settings.root)  # noqa: E731
        if language not in settings.languages[1:]:
            findings.append(Finding.of(where(units[0]), units[0].line, "exchange.wrong-language", language=language or "-", languages=", ".join(settings.languages[1:])))
            continue
        if not (settings.language_dir(source_language) / key).is_file():
            findings.append(Finding.of(where(units[0]), units[0].line, "exchange.no-page", page=f"docs/{source_language}/{key}"))
            continue
        page = page_units(settings, key, language, terms, with_reference=False)
        current = {unit.id: unit for unit in page.units}
        plan = PagePlan(page)
        for unit in units:
            found = current.get(unit.unit_id)
            if found is None:
                findings.append(Finding.of(where(unit), unit.line, "exchange.no-unit", unit=unit.unit_id, page=f"docs/{source_language}/{key}"))
                continue
            source = tokenize(found.source)
            if to_po(unit.source) != to_po(source):
                findings.append(Finding.of(where(unit), unit.line, "exchange.source-changed", unit=unit.unit_id, was=to_po(unit.source), now=to_po(source)))
                continue
            if unit.problem:
                findings.append(Finding.of(where(unit), unit.line, "exchange.placeholders", problem=unit.problem))
                continue
            if unit.target is None:
                continue
            added = number_like_source(tokenize(found.target), source)[1] if found.target else []
            try:
                check_placeholders(unit.target, source, added)
            except InlineError as error:
                if to_po(unit.target) != to_po(number_like_source(tokenize(found.target or ""), source)[0]):
                    findings.append(Finding.of(where(unit), unit.line, "exchange.placeholders", problem=str(error)))
                    continue  # (an unchanged translation may lack a source placeholder: left as it is)
            text = markdown(unit.target, source + added)
            if text != found.target:
                if wrong_language(plain_text(unit.target), language):
                    findings.append(Finding.of(where(unit), unit.line, "exchange.text-language", language=language, text=plain_text(unit.target)[:60]))
                    continue
                if problem := _glossary_problem(found.source, text, terms, source_language, language):
                    findings.append(Finding.of(where(unit), unit.line, "exchange.glossary", term=problem[0], required=problem[1]))
                    continue
            plan.texts[unit.unit_id] = text
            plan.final[unit.unit_id] = unit.final
        plans.append(plan)
    if findings:
        raise ImportRefused(findings)
    return plans


def _section_ranges(body_lines: list[str]) -> dict[str, tuple[int, int]]:
    starts = [(INTRO, 0)] + [(heading.anchor, heading.index) for heading in anchored_headings("\n".join(body_lines))]
    ends = [start for _, start in starts[1:]] + [len(body_lines)]
    return {anchor: (start, end) for (anchor, start), end in zip(starts, ends, strict=True)}


def _replace_blocks(lines: list[str], changes: dict[int, tuple[Block, tuple[str, ...]]], offset: int = 0) -> list[str]:
    """lines with each changed block (keyed by its start) rewritten; blocks are at line - offset."""
    out = list(lines)
    for start in sorted(changes, reverse=True):
        block, texts = changes[start]
        out[block.start - offset : block.end - offset] = block_lines(block, texts, lines if offset == 0 else [""] * offset + lines)
    return out


def _source_shaped(plan: PagePlan, section: str, source_lines: list[str], ranges: dict[str, tuple[int, int]]) -> list[str]:
    """The section written in the source's blocks, with the imported texts (the rest stays as
    in the source)."""
    start, end = ranges[section]
    changes: dict[int, tuple[Block, tuple[str, ...]]] = {}
    for number, (block, index) in enumerate(section_texts(blocks(plan.page.source.body)).get(section, []), start=1):
        text = plan.texts.get(f"{section}/{number}")
        if text is not None:
            texts = list(changes.get(block.start, (block, block.texts))[1])
            texts[index] = text
            changes[block.start] = (block, tuple(texts))
    return _replace_blocks(source_lines[start:end], changes, offset=start)


def _is_done(unit: Unit, plan: PagePlan, language: str) -> bool:
    """Whether the unit's text in the page after the import needs no more work."""
    if unit.id in plan.final:
        return plan.final[unit.id]
    if unit.state == "translated":
        return True
    # Untranslated: fine only where the source's text is right as it is (a name, a number).
    return unit.state == "new" and unit.block is None and wrong_language(plain_text(tokenize(unit.source)), language) is None


def _new_body(plan: PagePlan, language: str) -> str | None:
    page = plan.page
    source_lines = page.source.body.split("\n")
    target_lines = page.target.body.split("\n") if page.target else []
    source_ranges, target_ranges = _section_ranges(source_lines), _section_ranges(target_lines) if page.target else {}
    by_section: dict[str, list[Unit]] = {}
    for unit in page.units:
        by_section.setdefault(unit.section, []).append(unit)
    reshaped = {
        section for section, units in by_section.items()
        if section != META and any(unit.id in plan.texts for unit in units) and (section in page.unpaired or section not in target_ranges)
    }
    paired: dict[int, tuple[Block, tuple[str, ...]]] = {}
    for unit in page.units:
        text = plan.texts.get(unit.id)
        if unit.block is not None and text is not None and text != unit.target:
            texts = list(paired.get(unit.block.start, (unit.block, unit.block.texts))[1])
            texts[unit.cell] = text
            paired[unit.block.start] = (unit.block, tuple(texts))
    if not reshaped and not paired:
        return None
    if not reshaped:
        return "\n".join(_replace_blocks(target_lines, paired))
    lines: list[str] = []
    for section in source_ranges:
        if section in reshaped or section not in target_ranges:
            if section in reshaped or section in by_section:
                lines += _source_shaped(plan, section, source_lines, source_ranges)
            continue
        start, end = target_ranges[section]
        lines += _replace_blocks(target_lines[start:end], {key: value for key, value in paired.items() if start <= key < end}, offset=start)
    for section, (start, end) in target_ranges.items():  # sections the source no longer has: kept
        if section not in source_ranges:
            lines += target_lines[start:end]
    return "\n".join(lines)


def _set_field(front: str, unit_id: str, value: str, meta: dict) -> str:
    """The front matter with the field of a meta unit set to value (one line of YAML)."""
    dumped = yaml_text(value)
    parts = unit_id.split("/")[1:]
    if len(parts) == 1:
        pattern = re.compile(rf"^{parts[0]}:.*(?:\n[ \t]+.*)*", re.M)
        line = f"{parts[0]}: {dumped}"
        return pattern.sub(lambda _: line, front, count=1) if pattern.search(front) else front.replace("---\n", f"---\n{line}\n", 1)
    organizations = meta.get("organizations") or []
    index = next((number for number, entry in enumerate(organizations) if isinstance(entry, dict) and entry.get("id") == parts[1]), None)
    if index is None:
        return front
    lines = front.split("\n")
    number = line_of_path(front, ["organizations", index, "name"]) - 1
    indent = lines[number][: len(lines[number]) - len(lines[number].lstrip())]
    lines[number] = f"{indent}{'- ' if lines[number].lstrip().startswith('- ') else ''}name: {dumped}"
    return "\n".join(lines)


def write(settings: Settings, plans: list[PagePlan]) -> list[Path]:
    """Writes the translations back; returns the files changed."""
    changed = []
    for plan in plans:
        page, language = plan.page, plan.page.language
        touched = {unit.id for unit in page.units if unit.id in plan.texts and (plan.texts[unit.id] != unit.target or (plan.final[unit.id] and unit.state != "translated"))}
        if not touched:
            continue
        path = settings.language_dir(language) / page.key
        body = _new_body(plan, language)
        if page.target is None:
            front, meta, body_text = "---\n---\n", {}, body if body is not None else page.source.body
            for name in ("description", "title"):  # a new page needs both: Vietnamese until translated
                if isinstance(page.source.meta.get(name), str):
                    front = front.replace("---\n", f"---\n{name}: {yaml_text(page.source.meta[name])}\n", 1)
        else:
            front = page.target.text[: len(page.target.text) - len(page.target.body)]
            meta, body_text = page.target.meta, body if body is not None else page.target.body
        for unit_id in sorted(touched):
            if unit_id.startswith(META + "/"):
                front = _set_field(front, unit_id, plan.texts[unit_id], meta)
        new_text = front + body_text
        path.parent.mkdir(parents=True, exist_ok=True)
        if page.target is None or new_text != page.target.text:
            write_atomically(path, new_text)
        # Stamps: a section whose units are all done is current; the page is in progress while
        # it still holds text to translate.
        stamp = read_stamp(page.target.meta, page.target.text) if page.target else None
        sections = dict(stamp.sections) if stamp else {}
        current = fingerprints(page.source.body)
        touched_sections = {unit.section for unit in page.units if unit.id in touched}
        for section in current:
            units = [unit for unit in page.units if unit.section == section]
            if section in touched_sections and all(_is_done(unit, plan, language) for unit in units):
                sections[section] = current[section]
        in_progress = not all(_is_done(unit, plan, language) for unit in page.units)
        if stamp is None or sections != stamp.sections or in_progress != stamp.in_progress:
            write_stamp(path, stamp_block(last_commit_of(settings.root, relative(page.source.path, settings.root)), sections, in_progress))
        changed.append(path)
    return changed


def import_files(settings: Settings, paths: list[Path]) -> list[Path]:
    return write(settings, check(settings, read_files(paths)))
