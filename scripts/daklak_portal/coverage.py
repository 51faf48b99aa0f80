"""The translation-coverage engine: a status for every page in every target language.

Statuses, worst first: orphan (the source page is gone), missing, outdated (the source changed
since the translation was made), partial (the translation is incomplete), translated.
The same engine feeds `portal coverage`, the site's outdated notices and its dashboard.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from .config import Settings
from .content import SourceFile, load_pages
from .errors import Finding, relative
from .git_history import GitHistory, commit_before, commit_exists, file_at, read_history
from .sections import INTRO, fingerprints, split_sections
from .stamps import Stamp, read_stamp
from .text_language import is_vietnamese_paragraph, paragraphs

STATUSES = ("orphan", "missing", "outdated", "partial", "translated")
SCHEMA_VERSION = 1

_LINK = re.compile(r"\]\(([^)\s#]+\.md)(?:#[^)]*)?\)")
_IMAGE_WITHOUT_ALT = re.compile(r"!\[\s*\]\(")
_KHMER = re.compile(r"[\u1780-\u17ff]")
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ỹ]{2,}")
_CODE = re.compile(r"`[^`]*`")
_MARKED = re.compile(r"<(\w+)[^>]*\blang=\"\w+\"[^>]*>.*?</\1>", re.S)
_URL = re.compile(r"\]\([^)]*\)|https?://\S+")


@dataclass
class PageStatus:
    key: str
    language: str
    status: str
    reasons: list[str] = field(default_factory=list)
    changed_sections: list[str] = field(default_factory=list)
    required: bool = False
    source_changed: datetime | None = None  # when the source last changed (outdated pages)

    @property
    def section(self) -> str:
        """The top section of the site ('tourism'), or 'home' for top-level pages."""
        parts = PurePosixPath(self.key).parts
        return parts[0] if len(parts) > 1 else "home"


@dataclass
class Report:
    languages: tuple[str, ...]
    source_language: str
    pages: list[PageStatus]
    problems: list[Finding]
    shallow: bool = False
    ui: dict = field(default_factory=dict)

    def for_language(self, language: str) -> list[PageStatus]:
        return [page for page in self.pages if page.language == language]

    def counts(self, language: str, section: str | None = None) -> dict[str, int]:
        counts = {status: 0 for status in STATUSES}
        for page in self.for_language(language):
            if section in (None, "*") or page.section == section:
                counts[page.status] += 1
        return counts

    def percent(self, language: str, section: str | None = None) -> float:
        """Share of the source's pages that are translated and current (orphans not counted)."""
        counts = self.counts(language, section)
        total = sum(counts.values()) - counts["orphan"]
        return 100.0 if total == 0 else round(100 * counts["translated"] / total, 1)

    def status_of(self, key: str, language: str) -> PageStatus | None:
        if not hasattr(self, "_index"):
            self._index = {(page.key, page.language): page for page in self.pages}
        return self._index.get((key, language))


def build_report(settings: Settings, pages=None, problems=None, history: GitHistory | None = None) -> Report:
    """The coverage of every target language. Pages and history may be passed in (the build has them)."""
    if pages is None:
        pages, problems = load_pages(settings)
    history = history if history is not None else read_history(settings.root)
    source_language = settings.source_language
    targets = settings.languages[1:]
    source_pages = pages[source_language]
    statuses: list[PageStatus] = []
    problems = list(problems or [])
    commits_seen: dict[str, bool] = {}

    for language in targets:
        translated = pages[language]
        for key in sorted(set(source_pages) | set(translated)):
            source, translation = source_pages.get(key), translated.get(key)
            required = bool(source and source.meta.get("required"))
            if source is None:
                statuses.append(PageStatus(key, language, "orphan", ["the Vietnamese source page no longer exists"]))
            elif translation is None:
                statuses.append(PageStatus(key, language, "missing", ["not translated yet"], required=required))
            else:
                status = _compare(settings, source, translation, pages[language], history, problems, commits_seen)
                status.required = required
                statuses.append(status)
    return Report(settings.languages[1:], source_language, statuses, problems, history.shallow)


def _compare(settings, source: SourceFile, translation: SourceFile, available, history, problems, commits_seen) -> PageStatus:
    status = PageStatus(translation.key, translation.language, "translated")
    stamp = read_stamp(translation.meta, translation.text)
    changed, reasons = _outdated_sections(settings, source, translation, stamp, history, problems, commits_seen)
    if changed:
        status.status = "outdated"
        status.changed_sections = changed
        status.source_changed = history.last_changed(relative(source.path, settings.root))
        status.reasons.append("the Vietnamese source changed in: " + ", ".join(f"§{anchor}" for anchor in changed))
    status.reasons.extend(reasons)
    partial = _partial_reasons(source, translation, stamp, available)
    if partial:
        if status.status == "translated":
            status.status = "partial"
        status.reasons.extend(partial)
    return status


def _outdated_sections(settings, source, translation, stamp: Stamp | None, history, problems, commits_seen) -> tuple[list[str], list[str]]:
    """(changed source sections, notes) since the translation was made."""
    current = fingerprints(source.body)
    if stamp is not None and stamp.sections:
        commit = stamp.source_commit
        if commit and commit not in commits_seen:
            commits_seen[commit] = commit_exists(settings.root, commit)
        if commit and not commits_seen[commit]:
            problems.append(Finding(relative(translation.path, settings.root), stamp.line, f"the stamp names commit {commit[:12]}, which does not exist in this repository: run `portal coverage stamp` after reviewing"))
        return _changed(stamp.sections, current), []
    # No stamp: compare with the source as it was when the translation last changed.
    if not history.available:
        return [], ["no stamp and no git history: cannot tell whether it is up to date"]
    source_path = relative(source.path, settings.root)
    translated_at = history.last_changed(relative(translation.path, settings.root))
    source_at = history.last_changed(source_path)
    if translated_at is None or source_at is None:
        if history.shallow:
            return [], ["no stamp, and this is a shallow git clone: cannot tell whether it is up to date (fetch the full history)"]
        return [], []  # not committed yet: new work
    if source_at <= translated_at:
        return [], []
    old_commit = commit_before(settings.root, source_path, translated_at)
    old_text = file_at(settings.root, old_commit, source_path) if old_commit else None
    if old_text is None:
        return sorted(current), []
    from .content import split_front_matter

    _meta, old_body, _line = split_front_matter(old_text)
    return _changed(fingerprints(old_body), current), []


def _changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Anchors whose text changed, appeared or disappeared (in source order, then removed ones)."""
    changed = [anchor for anchor, value in after.items() if before.get(anchor) != value]
    return changed + [anchor for anchor in before if anchor not in after]


def _partial_reasons(source: SourceFile, translation: SourceFile, stamp: Stamp | None, available: dict) -> list[str]:
    reasons = []
    if stamp is not None and stamp.in_progress:
        reasons.append("marked as in progress")
    missing = [anchor for anchor in split_sections(source.body) if anchor != INTRO and anchor not in split_sections(translation.body)]
    if missing:
        reasons.append("sections missing: " + ", ".join(f"§{anchor}" for anchor in missing))
    vietnamese, latin = [], []
    for line, text in paragraphs(translation.body):
        number = translation.body_line + line - 1
        if is_vietnamese_paragraph(text):
            vietnamese.append(number)
        elif translation.language == "km" and _is_latin_paragraph(text):
            latin.append(number)
    if vietnamese:
        reasons.append("Vietnamese text left in: line " + ", ".join(map(str, vietnamese)))
    if latin:
        reasons.append("Latin-script (untranslated) text in: line " + ", ".join(map(str, latin)))
    for number, line in enumerate(translation.body.splitlines(), start=translation.body_line):
        if _IMAGE_WITHOUT_ALT.search(line):
            reasons.append(f"image without alt text: line {number}")
        for target in _LINK.findall(line):
            if "://" in target:
                continue
            key = str(PurePosixPath(translation.key).parent / target)
            key = _normalise_key(key)
            if key not in available:
                reasons.append(f"links to {key}, which is not translated: line {number}")
    return reasons


def _is_latin_paragraph(text: str) -> bool:
    """A Khmer-page paragraph in Latin script: six or more Latin words and no Khmer at all."""
    plain = _URL.sub(" ", _CODE.sub(" ", _MARKED.sub(" ", text)))
    return not _KHMER.search(plain) and len(_LATIN_WORD.findall(plain)) >= 6


def _normalise_key(key: str) -> str:
    parts: list[str] = []
    for part in key.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def gate_failures(report: Report, options: dict) -> list[str]:
    """What breaks the thresholds set under `portal: coverage:` in mkdocs.yml.

        coverage:
          required: [en]            # pages marked `required: true` must be translated there
          minimum:                  # minimum % translated, per language and top section
            en: {"*": 80, about: 100}
    """
    failures = []
    for language in options.get("required") or []:
        for page in report.for_language(language):
            if page.required and page.status != "translated":
                failures.append(f"{language}/{page.key} is required but {page.status}: {'; '.join(page.reasons)}")
    for language, sections in (options.get("minimum") or {}).items():
        for section, minimum in (sections or {}).items():
            percent = report.percent(language, section)
            if percent < float(minimum):
                where = "the site" if section == "*" else f"section {section}"
                failures.append(f"{language}: {percent}% of {where} is translated, below the minimum of {minimum}%")
    return failures
