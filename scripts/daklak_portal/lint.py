"""`portal lint`: the checks every Markdown file must pass before the site is built.

Each check returns Findings worded for an editor: what is wrong, where, and how to fix it.
The MkDocs plugin runs the same checks before anything is written to site/.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from datetime import date
from pathlib import Path

import yaml

from .build_cache import JsonCache, code_version, input_key
from .bulletin import BULLETIN_PREFIX, parse_period
from .config import Settings
from .content import (
    DATE_FIELDS,
    SOURCE_DATE_FIELDS,
    language_of,
    load_pages,
    markdown_files,
    split_front_matter,
)
from .content_policy import front_matter_problems, policy_problems
from .dataset import collect_records
from .errors import Finding, not_utf8, relative
from .figures import Figures, load_figures, placeholder_problems
from .files import write_atomically
from .glossary import GLOSSARY_PAGE, Term, avoided_spellings, load_terms
from .images import check_sidecar, find_originals
from .news import POSTS_PREFIX, news_categories
from .page_images import IMAGES_FOLDER
from .page_text import FrontMatterError, line_of_key, line_of_path

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BOM = "\ufeff"


def lint(settings: Settings, fix: bool = False, cache: bool = False, data: bool = False, figures: Figures | None = None) -> list[Finding]:
    """All findings for the project, sorted by file and line. With fix, repairs what it can first.

    With data, also the open dataset's records (schema, ids, places), which the build checks
    after lint: `portal lint` reports everything the build would refuse.

    With cache (the build uses it), a file whose bytes, path, glossary and languages are those
    of an earlier run, checked by the same code, gets that run's findings without being read
    as Markdown again (build_cache).

    With figures (the build has loaded them), the key figures' file is not read again and its
    own problems are the caller's to report (figures.load_figures)."""
    terms = glossary_terms(settings)
    findings: list[Finding] = []
    if figures is None:
        figures, findings = load_figures(settings)
    results = JsonCache(settings.root, "lint", _code_of_lint()) if cache else None
    context = repr((settings.languages, settings.source_language, terms, news_categories(settings), figures.ids()))
    for path in markdown_files(settings):
        if fix:
            fix_file(path)
        if results is None:
            findings.extend(check_file(path, settings, terms, figures))
            continue
        key = input_key(context, relative(path, settings.root), path.read_bytes())
        cached = results.get(key)
        if isinstance(cached, list):
            try:
                findings.extend([Finding.from_json(entry) for entry in cached])  # all or none
                continue
            except (TypeError, ValueError):
                pass  # an entry of another shape: check the file again
        found = check_file(path, settings, terms, figures)
        results.put(key, [f.to_json() for f in found])
        findings.extend(found)
    if results is not None:
        results.save()
    findings.extend(check_nav(settings))
    images_dir = settings.docs_dir / IMAGES_FOLDER
    for original in find_originals(images_dir) if images_dir.is_dir() else []:
        findings.extend(check_sidecar(original, settings.root, settings.languages))
    if data:  # (the build collects the records itself, after lint)
        pages, _unreadable = load_pages(settings)  # (unreadable pages: reported above)
        seen = set(findings)
        findings.extend(finding for finding in collect_records(settings, pages, figures=figures)[1] if finding not in seen)
    return sorted(findings, key=lambda f: (f.path, f.line or 0, f.message_id, f.values))


def _code_of_lint() -> str:
    from . import content, content_policy, errors, figures, glossary, news

    return code_version((sys.modules[__name__], content, content_policy, errors, figures, glossary, news), ("pyyaml",))


def glossary_terms(settings: Settings) -> list[Term]:
    """The glossary's terms, or none while the glossary page is missing or unreadable."""
    path = settings.language_dir(settings.source_language) / GLOSSARY_PAGE
    try:
        meta, _body, _line = split_front_matter(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, FrontMatterError):
        return []  # a broken glossary page is reported by check_file
    return load_terms(meta)


def check_file(path: Path, settings: Settings, terms: list[Term] = (), figures: Figures | None = None) -> list[Finding]:
    shown = relative(path, settings.root)
    language = language_of(path, settings)
    if language is None:
        folders = ", ".join(f"docs/{lang}/" for lang in settings.languages)
        return [Finding.of(shown, None, "file.outside-languages", folders=folders)]

    findings = check_slug(shown, path, settings.language_dir(language))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        findings.append(not_utf8(shown, raw, error))
        return findings

    if text.startswith(BOM):
        findings.append(Finding.of(shown, 1, "file.bom", fixable=True))
        text = text[1:]
    findings.extend(check_nfc(shown, text))
    try:
        meta, body, body_line = split_front_matter(text)
    except FrontMatterError as error:
        findings.append(error.finding(shown))
        return findings
    if not str(meta.get("title") or "").strip():
        findings.append(Finding.of(shown, 1, "front-matter.no-title", field="title"))
    for line, message_id, values in policy_problems(body):
        findings.append(Finding.of(shown, body_line + line - 1, message_id, **values))
    for line, message_id, values in placeholder_problems(body, figures or Figures({}, {})):
        findings.append(Finding.of(shown, body_line + line - 1, message_id, **values))
    for line, message_id, values in front_matter_problems(meta, text):
        findings.append(Finding.of(shown, line, message_id, field=values["key"], **values))
    key = path.relative_to(settings.language_dir(language)).as_posix()
    if key != GLOSSARY_PAGE:  # the glossary itself names the spellings to avoid
        for line, found, accepted in avoided_spellings(body, terms, language):
            findings.append(Finding.of(shown, body_line + line - 1, "glossary.avoided", found=found, accepted=accepted, source=settings.source_language, glossary=GLOSSARY_PAGE))
    findings.extend(check_text_fields(shown, text, meta))
    findings.extend(check_sources(shown, text, meta))
    findings.extend(check_dates(shown, text, meta))
    if language == settings.source_language and key.startswith(POSTS_PREFIX):
        findings.extend(check_post_front_matter(shown, text, meta, path.stem))
        findings.extend(check_categories(shown, text, meta, news_categories(settings)))
    if language == settings.source_language and key.startswith(BULLETIN_PREFIX) and "bulletin" in meta:
        findings.extend(check_bulletin(shown, text, meta["bulletin"], settings))
    return findings


def check_text_fields(shown: str, text: str, meta: dict) -> list[Finding]:
    """`title` and `description` are text: YAML reads `title: 2025` as a number, `[a, b]` as a list."""
    return [
        Finding.of(shown, line_of_key(text, name), "front-matter.not-text", field=name, value=meta[name])
        for name in ("title", "description")
        if meta.get(name) is not None and not isinstance(meta[name], str)
    ]


def check_sources(shown: str, text: str, meta: dict) -> list[Finding]:
    """`sources:` is a list of entries, each with a `title` and a `url` (the pages cite them)."""
    sources = meta.get("sources")
    if sources is None:
        return []
    if not isinstance(sources, list) or not all(isinstance(source, dict) for source in sources):
        return [Finding.of(shown, line_of_key(text, "sources"), "front-matter.sources-shape", field="sources")]
    return [
        Finding.of(shown, line_of_path(text, ["sources", index, name]), "front-matter.not-text", field=f"sources.{index}.{name}", value=source[name])
        for index, source in enumerate(sources)
        for name in ("title", "url")
        if source.get(name) is not None and not isinstance(source[name], str)
    ]


def check_dates(shown: str, text: str, meta: dict) -> list[Finding]:
    """`date`, `as_of` and each source's `published` and `read`, when given, are dates (quoted
    or not): `as_of: 15/03/2027` would otherwise vanish from the page without a word."""
    found = [([name], meta[name]) for name in DATE_FIELDS if meta.get(name) is not None]
    sources = meta.get("sources") if isinstance(meta.get("sources"), list) else []
    found += [(["sources", index, name], source[name]) for index, source in enumerate(sources) if isinstance(source, dict) for name in SOURCE_DATE_FIELDS if source.get(name) is not None]
    return [
        Finding.of(shown, line_of_path(text, path), "front-matter.bad-date", field=".".join(map(str, path)), value=value)
        for path, value in found
        if not isinstance(value, date)
    ]


def check_post_front_matter(shown: str, text: str, meta: dict, stem: str) -> list[Finding]:
    """A news post's date and slug are language-neutral: the source post must give both."""
    problems = []
    if meta.get("date") is None:
        problems.append(Finding.of(shown, line_of_key(text, "date"), "post.no-date", field="date"))
    if meta.get("slug") != stem:
        problems.append(Finding.of(shown, line_of_key(text, "slug"), "post.slug", field="slug", stem=stem))
    return problems


def check_bulletin(shown: str, text: str, issue, settings: Settings) -> list[Finding]:
    """A bulletin issue's `bulletin:` block: a whole number, a period `start/end` of two dates,
    and the news posts it collects (bulletin.py)."""
    if not isinstance(issue, dict):
        return [Finding.of(shown, line_of_key(text, "bulletin"), "bulletin.shape", field="bulletin")]
    problems = []
    number = issue.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        problems.append(Finding.of(shown, line_of_path(text, ["bulletin", "number"]), "bulletin.number", field="bulletin.number", value=number))
    if parse_period(issue.get("period")) is None:
        problems.append(Finding.of(shown, line_of_path(text, ["bulletin", "period"]), "bulletin.period", field="bulletin.period", value=issue.get("period")))
    articles = issue.get("articles")
    if not isinstance(articles, list):
        return [*problems, Finding.of(shown, line_of_path(text, ["bulletin", "articles"]), "bulletin.articles", field="bulletin.articles")]
    posts = settings.language_dir(settings.source_language)
    for index, article in enumerate(articles):
        if not isinstance(article, str) or not article.startswith(POSTS_PREFIX) or not (posts / article).is_file():
            problems.append(Finding.of(shown, line_of_path(text, ["bulletin", "articles", index]), "bulletin.article", field="bulletin.articles", value=article, prefix=POSTS_PREFIX))
    return problems


def check_categories(shown: str, text: str, meta: dict, categories: dict) -> list[Finding]:
    """A post's `categories:` are a list of the ids declared in mkdocs.yml."""
    listed = meta.get("categories")
    if listed is None:
        return []
    allowed = ", ".join(categories)
    if not isinstance(listed, list):
        return [Finding.of(shown, line_of_key(text, "categories"), "post.categories-not-list", field="categories", allowed=allowed)]
    return [
        Finding.of(shown, line_of_path(text, ["categories", index]), "post.unknown-category", field="categories", value=value, allowed=allowed)
        for index, value in enumerate(listed)
        if str(value) not in categories
    ]


def check_slug(shown: str, path: Path, language_dir: Path) -> list[Finding]:
    """File and folder names are lowercase ASCII words joined by hyphens."""
    parts = path.relative_to(language_dir).with_suffix("").parts
    bad = [part for part in parts if not SLUG.match(part)]
    return [Finding.of(shown, None, "file.bad-name", name=bad[0])] if bad else []


def check_nfc(shown: str, text: str) -> list[Finding]:
    """Vietnamese typed on some systems arrives decomposed (NFD): it breaks search and fonts."""
    findings = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not unicodedata.is_normalized("NFC", line):
            word = next((w for w in line.split() if not unicodedata.is_normalized("NFC", w)), line.strip())
            fixed = unicodedata.normalize("NFC", word)
            findings.append(Finding.of(shown, number, "file.decomposed", fixable=True, word=fixed))
    return findings


def check_nav(settings: Settings) -> list[Finding]:
    """Every page named in mkdocs.yml's nav exists in the source language."""
    findings = []
    source_dir = settings.language_dir(settings.source_language)
    for node in _nav_targets(settings.nav_node):
        target = node.value
        if "://" in target or target.startswith(("/", "#", "mailto:")):
            continue
        if not (source_dir / target).is_file():
            shown = relative(source_dir / target, settings.root)
            findings.append(Finding.of("mkdocs.yml", node.start_mark.line + 1, "nav.missing-page", target=target, path=shown))
    return findings


def _nav_targets(node: yaml.Node | None):
    """The scalar nav values that name a file, with their positions in mkdocs.yml."""
    if isinstance(node, yaml.ScalarNode):
        if node.value.endswith(".md") or "/" in node.value:
            yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nav_targets(item)
    elif isinstance(node, yaml.MappingNode):
        for _key, value in node.value:
            yield from _nav_targets(value)


def fix_file(path: Path) -> bool:
    """Normalises a UTF-8 file to NFC without a BOM; returns True when it changed the file."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False  # cannot be repaired safely: reported by check_file
    fixed = unicodedata.normalize("NFC", text.removeprefix(BOM))
    if fixed == text:
        return False
    write_atomically(path, fixed)
    return True
