"""Finding the pages under docs/, pairing them across languages, and reading front matter."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from .config import Settings
from .errors import Finding, not_utf8, relative
from .page_text import FRONT_MATTER_END, FrontMatterError, front_matter_bounds


# libyaml's parser when PyYAML has it (the wheels do). The "plain" loader keeps every value a
# string (no dates, numbers or booleans): enough for translation coverage, and 2.5 times faster.
class _TypedLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML's types, except that a date that does not exist (`2025-13-45`) stays text for lint
    to report with its line, instead of an error with no line."""


def _timestamp_or_text(loader, node):
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_TypedLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)
_TYPED_LOADER = _TypedLoader
_PLAIN_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

@dataclass
class SourceFile:
    """One Markdown file of one language."""

    path: Path  # absolute
    language: str
    key: str  # path inside the language folder ("tourism/lak-lake.md"): the page's identity
    meta: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # line number of the first body line in the file
    text: str = ""  # the whole file, for messages that point at a front-matter line


def split_front_matter(text: str, plain: bool = False) -> tuple[dict, str, int]:
    """Returns (front matter, body, line of the body's first line); raises FrontMatterError.

    With plain, every front-matter value is left as text (see _PLAIN_LOADER).
    """
    bounds = front_matter_bounds(text)
    if bounds is None:
        return {}, text, 1
    block = text[bounds[0] : bounds[1]]
    end = FRONT_MATTER_END.match(text, bounds[1])
    try:
        data = _load_plain(block) if plain else yaml.load(block, Loader=_TYPED_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for 1-based, +1 for the `---` line
        problem = getattr(error, "problem", None) or str(error)
        raise FrontMatterError(line, "front-matter.invalid-yaml", problem=problem) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(2, "front-matter.not-mapping")
    if not plain:
        _read_dates(data)
    body_start = end.end() + 1 if end.end() < len(text) else end.end()
    body_line = text.count("\n", 0, body_start) + 1
    return data, text[body_start:], body_line


# Dates in front matter: YAML reads `2026-03-15` as a date, and `"2026-03-15"` (quoted, as the
# guides advise for values with a colon) as text; both mean the same date.
DATE_FIELDS = ("date", "as_of")
SOURCE_DATE_FIELDS = ("published", "read")  # in each item of `sources:`


def _read_dates(meta: dict) -> None:
    """Turns ISO dates written as text into dates (anything else is left for lint to report)."""
    def parsed(value):
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                return value
        return value

    for name in DATE_FIELDS:
        if name in meta:
            meta[name] = parsed(meta[name])
    for source in meta.get("sources") or [] if isinstance(meta.get("sources"), list) else []:
        if isinstance(source, dict):
            for name in SOURCE_DATE_FIELDS:
                if name in source:
                    source[name] = parsed(source[name])


def _load_plain(block: str):
    """YAML with every scalar kept as text: libyaml composes the nodes, and a small walk turns
    them into dicts and lists (a third faster than PyYAML's constructor, for 30,000 pages)."""
    loader = _PLAIN_LOADER(block)
    try:
        return _plain(loader.get_single_node())
    finally:
        loader.dispose()


def _plain(node):
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return {_plain(key): _plain(value) for key, value in node.value}
    return [_plain(item) for item in node.value]


def markdown_files(settings: Settings) -> list[Path]:
    """Every Markdown file under docs/, sorted for stable output."""
    return sorted(settings.docs_dir.rglob("*.md"))


def language_of(path: Path, settings: Settings) -> str | None:
    """The language folder a file is in, or None when it is outside docs/<language>/."""
    try:
        first = path.relative_to(settings.docs_dir).parts[0]
    except (ValueError, IndexError):
        return None
    return first if first in settings.languages else None


def read_source_file(path: Path, settings: Settings, plain: bool = False, language: str | None = None, key: str | None = None) -> SourceFile:
    """Reads and parses one page; raises UnicodeDecodeError or FrontMatterError.

    Callers that already know the page's language and key pass them (saves path arithmetic).
    """
    if language is None or key is None:
        language = language_of(path, settings)
        key = path.relative_to(settings.language_dir(language)).as_posix()
    with open(path, "rb") as handle:
        text = handle.read().decode("utf-8")
    meta, body, body_line = split_front_matter(text, plain)
    return SourceFile(path=path, language=language, key=key, meta=meta, body=body, body_line=body_line, text=text)


def page_paths(settings: Settings) -> tuple[dict[str, dict[str, Path]], list[Finding]]:
    """Every Markdown file as {language: {key: path}} (one directory walk, no parsing), and a
    finding for each file outside the language folders."""
    paths: dict[str, dict[str, Path]] = {language: {} for language in settings.languages}
    findings: list[Finding] = []
    docs = str(settings.docs_dir)
    for folder, directories, names in os.walk(docs):
        directories.sort()
        inside = os.path.relpath(folder, docs).replace(os.sep, "/")
        language, _, rest = inside.partition("/")
        for name in sorted(names):
            if not name.endswith(".md"):
                continue
            path = Path(folder, name)
            if language not in paths:
                folders = ", ".join(f"docs/{lang}/" for lang in settings.languages)
                findings.append(Finding.of(relative(path, settings.root), None, "file.outside-languages", folders=folders))
                continue
            paths[language][f"{rest}/{name}" if rest else name] = path
    return paths, findings


def load_pages(settings: Settings, plain: bool = False) -> tuple[dict[str, dict[str, SourceFile]], list[Finding]]:
    """All readable pages as {language: {key: file}}, and a finding for each unreadable one."""
    paths, findings = page_paths(settings)
    pages: dict[str, dict[str, SourceFile]] = {language: {} for language in settings.languages}
    for language, by_key in paths.items():
        for key, path in by_key.items():
            shown = relative(path, settings.root)
            try:
                pages[language][key] = read_source_file(path, settings, plain, language, key)
            except UnicodeDecodeError as error:
                findings.append(not_utf8(shown, path.read_bytes(), error))
            except FrontMatterError as error:
                findings.append(error.finding(shown))
    return pages, findings


def page_key(src_uri: str, languages: tuple[str, ...]) -> str:
    """'en/tourism/lak-lake.md' -> 'tourism/lak-lake.md' (the page's identity in every language)."""
    first, _, rest = src_uri.partition("/")
    return rest if first in languages and rest else src_uri


def page_path(key: str, language: str, source_language: str) -> str:
    """Site-relative URL path of a page in a language, for directory URLs: 'en/tourism/lak-lake/'."""
    path = key.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        path = path.removesuffix("index")
    else:
        path += "/"
    prefix = "" if language == source_language else f"{language}/"
    return prefix + path
