"""The translation-coverage engine: a status for every page in every target language.

Statuses, worst first: orphan (the source page is gone), missing, outdated (the source changed
since the translation was made), partial (the translation is incomplete), translated.
The same engine feeds `portal coverage`, the site's outdated notices and its dashboard.
"""

from __future__ import annotations

import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .. import messages
from ..config import Settings, language_info
from ..content import (
    FrontMatterError,
    SourceFile,
    page_paths,
    read_source_file,
    split_front_matter,
)
from ..errors import Finding, not_utf8, relative
from ..git_history import (
    GitHistory,
    commit_before,
    commit_exists,
    file_at,
    is_shallow,
    read_history,
)
from ..page_text import heading_texts
from ..sections import INTRO, fingerprint, fingerprints, split_sections
from ..stamps import Stamp, read_stamp
from ..text_language import SCRIPT_LETTERS, is_vietnamese_paragraph, paragraphs

STATUSES = ("orphan", "missing", "outdated", "partial", "translated")


def section_name(anchor: str, titles: dict[str, str] | None = None, language: str | None = None) -> str:
    """A section as reports name it: §anchor with its heading ("§schedule (Lịch trình)"), or
    the introduction (the text before the first heading), in `language` (default English)."""
    if anchor == INTRO:
        return messages.render("coverage.introduction", language=language)
    title = (titles or {}).get(anchor)
    return f"§{anchor} ({title})" if title else f"§{anchor}"


class Reason(str):
    """Why a page is not translated: the English text (what the JSON report and the public
    dashboard show), which also knows its message id, for the tools to show it in the editor's
    language. Section names are made in each language (`anchors`, with their headings)."""

    def __new__(cls, message_id: str, anchors: tuple[str, ...] = (), titles: dict | None = None, **values):
        values = {name: str(value) for name, value in values.items()}
        english = messages.render(message_id, cls._with_sections(values, anchors, titles, None))
        reason = super().__new__(cls, english)
        reason.message_id, reason.values, reason.anchors, reason.titles = message_id, values, anchors, titles or {}
        return reason

    def __getnewargs_ex__(self):  # (reports are made in worker processes on big sites)
        return (self.message_id, self.anchors, self.titles), self.values

    @staticmethod
    def _with_sections(values: dict, anchors: tuple[str, ...], titles: dict | None, language: str | None) -> dict:
        return {**values, "sections": ", ".join(section_name(anchor, titles, language) for anchor in anchors)} if anchors else values

    def shown(self) -> str:
        """The reason in the language(s) messages are shown in (messages.message_languages)."""
        return " / ".join(messages.render(self.message_id, self._with_sections(self.values, self.anchors, self.titles, language), language) for language in messages.message_languages())


def shown_reasons(reasons: list) -> str:
    return "; ".join(reason.shown() if isinstance(reason, Reason) else str(reason) for reason in reasons)
SCHEMA_VERSION = 1

_LINK = re.compile(r"\]\(([^)\s#]+\.md)(?:#[^)]*)?\)")
_IMAGE_WITHOUT_ALT = re.compile(r"!\[\s*\]\(")
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ỹ]{2,}")
_CODE = re.compile(r"`[^`]*`")
_MARKED = re.compile(r"<(\w+)[^>]*\blang=\"\w+\"[^>]*>.*?</\1>", re.S)
_HASH = re.compile(r"[0-9a-f]{7,40}")
PLACEHOLDERS = re.compile(r"\[\[[a-z-]+(?::[^\]]*)?\]\]")  # [[figures:area]], [[latest-news]]: the build writes them in the page's language
_URL = re.compile(r"\]\([^)]*\)|https?://\S+")


@dataclass
class PageStatus:
    key: str
    language: str
    status: str
    reasons: list[str] = field(default_factory=list)
    changed_sections: list[str] = field(default_factory=list)
    required: bool = False

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
    fields: dict = field(default_factory=dict)  # {record type: field_coverage(...)}

    def for_language(self, language: str) -> list[PageStatus]:
        return [page for page in self.pages if page.language == language]

    def counts(self, language: str, section: str | None = None) -> dict[str, int]:
        if not hasattr(self, "_counts"):  # one pass over the pages for every language and section
            self._counts: dict[tuple[str, str], dict[str, int]] = {}
            for page in self.pages:
                for where in ("*", page.section):
                    bucket = self._counts.setdefault((page.language, where), {status: 0 for status in STATUSES})
                    bucket[page.status] += 1
        return dict(self._counts.get((language, section or "*"), {status: 0 for status in STATUSES}))

    def percent(self, language: str, section: str | None = None) -> float:
        """Share of the source's pages that are translated and current (orphans not counted)."""
        counts = self.counts(language, section)
        total = sum(counts.values()) - counts["orphan"]
        return 100.0 if total == 0 else round(100 * counts["translated"] / total, 1)

    def status_of(self, key: str, language: str) -> PageStatus | None:
        if not hasattr(self, "_index"):
            self._index = {(page.key, page.language): page for page in self.pages}
        return self._index.get((key, language))


def build_report(settings: Settings, pages=None, problems=None, history: GitHistory | None = None, workers: int = 2) -> Report:
    """The coverage of every target language.

    The build passes the pages (and history) it has already read. Otherwise the files are read
    here, split over `workers` processes by page, since reading 30,000 pages is the slow part.
    """
    if pages is not None:
        available = {language: set(files) for language, files in pages.items()}
        analysis = _Analysis(settings, available, history)
        keys = sorted(set().union(*available.values()))
        statuses = [status for key in keys for status in analysis.statuses(key, {lang: files.get(key) for lang, files in pages.items()})]
        problems = list(problems or []) + analysis.problems
        shallow = analysis.history.shallow if history is not None else is_shallow(settings.root)
    else:
        statuses, problems = _read_and_analyse(settings, workers)
        shallow = is_shallow(settings.root)
    return Report(settings.languages[1:], settings.source_language, statuses, problems, shallow)


def _read_and_analyse(settings: Settings, workers: int) -> tuple[list[PageStatus], list[Finding]]:
    paths, problems = page_paths(settings)
    available = {language: set(files) for language, files in paths.items()}
    keys = sorted(set().union(*available.values()))
    chunks = [keys[i::workers] for i in range(workers)] if workers > 1 and len(keys) > 500 else [keys]
    global _WORK
    _WORK = (settings, paths, available)
    if len(chunks) == 1:
        results = [_analyse_chunk(keys)]
    else:
        # fork: the children inherit _WORK instead of receiving 30,000 paths through pipes
        with ProcessPoolExecutor(len(chunks), mp_context=multiprocessing.get_context("fork")) as pool:
            results = list(pool.map(_analyse_chunk, chunks))
    _WORK = None
    statuses = sorted((s for chunk, _ in results for s in chunk), key=lambda s: (s.language, s.key))
    return statuses, problems + [finding for _, found in results for finding in found]


_WORK = None  # (settings, paths, available) shared with forked workers


def _analyse_chunk(keys: list[str]) -> tuple[list[PageStatus], list[Finding]]:
    settings, paths, available = _WORK
    analysis = _Analysis(settings, available)
    statuses = []
    for key in keys:
        files = {}
        for language, by_key in paths.items():
            path = by_key.get(key)
            files[language] = analysis.read(path, language, key) if path else None
        statuses.extend(analysis.statuses(key, files))
    return statuses, analysis.problems


class _Analysis:
    """Compares each page with its source; reads git history only if a page needs it."""

    def __init__(self, settings: Settings, available: dict[str, set[str]], history: GitHistory | None = None):
        self.settings = settings
        self.available = available
        self._history = history
        self.problems: list[Finding] = []
        self.commits_seen: dict[str, bool] = {}

    @property
    def history(self) -> GitHistory:
        if self._history is None:
            self._history = read_history(self.settings.root)
        return self._history

    def read(self, path: Path, language: str, key: str) -> SourceFile | None:
        try:
            return read_source_file(path, self.settings, True, language, key)
        except UnicodeDecodeError as error:
            self.problems.append(not_utf8(relative(path, self.settings.root), path.read_bytes(), error))
        except FrontMatterError as error:
            self.problems.append(error.finding(relative(path, self.settings.root)))
        return None

    def statuses(self, key: str, files: dict[str, SourceFile | None]) -> list[PageStatus]:
        source = files.get(self.settings.source_language)
        required = source is not None and str(source.meta.get("required")).lower() in ("true", "yes")
        source_sections = split_sections(source.body) if source is not None else {}
        source_prints = {anchor: fingerprint(text) for anchor, text in source_sections.items()}
        statuses = []
        for language in self.settings.languages[1:]:
            translation = files.get(language)
            exists = key in self.available.get(language, ())
            if key not in self.available.get(self.settings.source_language, ()):
                if exists:
                    statuses.append(PageStatus(key, language, "orphan", [Reason("coverage.reason.orphan")]))
            elif not exists:
                statuses.append(PageStatus(key, language, "missing", [Reason("coverage.reason.missing")], required=required))
            elif source is not None and translation is not None:
                status = self.compare(source, source_sections, source_prints, translation)
                status.required = required
                statuses.append(status)
        return statuses

    def compare(self, source: SourceFile, source_sections: dict, source_prints: dict, translation: SourceFile) -> PageStatus:
        status = PageStatus(translation.key, translation.language, "translated")
        stamp = read_stamp(translation.meta, translation.text)
        changed, notes = self.outdated_sections(source, source_prints, translation, stamp)
        if changed:
            status.status = "outdated"
            status.changed_sections = changed
            status.reasons.append(Reason("coverage.reason.changed", tuple(changed), heading_texts(source.body)))
        status.reasons.extend(notes)
        partial = _partial_reasons(source, source_sections, translation, stamp, self.available.get(translation.language, set()))
        if partial:
            if status.status == "translated":
                status.status = "partial"
            status.reasons.extend(partial)
        return status

    def outdated_sections(self, source, current: dict[str, str], translation, stamp: Stamp | None) -> tuple[list[str], list[str]]:
        """(changed source sections, notes) since the translation was made."""
        root = self.settings.root
        if stamp is not None and stamp.sections:
            commit = stamp.source_commit
            if commit and commit not in self.commits_seen:
                self.commits_seen[commit] = bool(_HASH.fullmatch(commit)) and commit_exists(root, commit)
            if commit and not self.commits_seen[commit]:
                self.problems.append(Finding.of(relative(translation.path, root), stamp.line, "coverage.unknown-commit", commit=commit[:12]))
            return _changed(stamp.sections, current), []
        # No stamp: compare with the source as it was when the translation last changed.
        history = self.history
        if not history.available:
            return [], [Reason("coverage.reason.no-history")]
        source_path = relative(source.path, root)
        translated_at = history.last_changed(relative(translation.path, root))
        source_at = history.last_changed(source_path)
        if translated_at is None or source_at is None:
            if history.shallow:
                return [], [Reason("coverage.reason.shallow")]
            return [], []  # not committed yet: new work
        if source_at <= translated_at:
            return [], []
        old_commit = commit_before(root, source_path, translated_at)
        old_text = file_at(root, old_commit, source_path) if old_commit else None
        if old_text is None:
            return list(current), []
        _meta, old_body, _line = split_front_matter(old_text, plain=True)
        return _changed(fingerprints(old_body), current), []


def _changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Anchors whose text changed, appeared or disappeared (in source order, then removed ones)."""
    changed = [anchor for anchor, value in after.items() if before.get(anchor) != value]
    return changed + [anchor for anchor in before if anchor not in after]


def _partial_reasons(source: SourceFile, source_sections: dict[str, str], translation: SourceFile, stamp: Stamp | None, available: set[str]) -> list[str]:
    reasons = []
    if stamp is not None and stamp.in_progress:
        reasons.append(Reason("coverage.reason.in-progress"))
    translated_sections = split_sections(translation.body)
    missing = [anchor for anchor in source_sections if anchor != INTRO and anchor not in translated_sections]
    if missing:
        reasons.append(Reason("coverage.reason.sections-missing", tuple(missing), heading_texts(source.body)))
    vietnamese, latin = [], []
    for line, text in paragraphs(translation.body):
        number = translation.body_line + line - 1
        if is_vietnamese_paragraph(text):
            vietnamese.append(number)
        elif _is_latin_paragraph(text, language_info(translation.language).script):
            latin.append(number)
    if vietnamese:
        reasons.append(Reason("coverage.reason.vietnamese-left", lines=", ".join(map(str, vietnamese))))
    if latin:
        reasons.append(Reason("coverage.reason.latin-left", lines=", ".join(map(str, latin))))
    body = translation.body
    line_of = lambda offset: translation.body_line + body.count("\n", 0, offset)  # noqa: E731
    for match in _IMAGE_WITHOUT_ALT.finditer(body):
        reasons.append(Reason("coverage.reason.image-without-alt", line=line_of(match.start())))
    for match in _LINK.finditer(body):
        target = match.group(1)
        if "://" in target:
            continue
        key = _normalise_key(str(PurePosixPath(translation.key).parent / target))
        if key not in available:
            reasons.append(Reason("coverage.reason.untranslated-link", key=key, line=line_of(match.start())))
    return reasons


def _is_latin_paragraph(text: str, script: str) -> bool:
    """A paragraph in Latin script on a page of a language written in another script (Khmer):
    six or more Latin words and no letter of the language's own script at all."""
    letters = SCRIPT_LETTERS.get(script)
    if letters is None:  # a Latin-script language, or a script we cannot recognise
        return False
    plain = _URL.sub(" ", _CODE.sub(" ", _MARKED.sub(" ", PLACEHOLDERS.sub(" ", text))))
    return not letters.search(plain) and len(_LATIN_WORD.findall(plain)) >= 6


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
                failures.append(messages.text("coverage.gate.required", {"page": f"{language}/{page.key}", "status": page.status, "reasons": shown_reasons(page.reasons)}))
    for language, sections in (options.get("minimum") or {}).items():
        for section, minimum in (sections or {}).items():
            percent = report.percent(language, section)
            if percent < float(minimum):
                message_id = "coverage.gate.minimum-site" if section == "*" else "coverage.gate.minimum-section"
                failures.append(messages.text(message_id, {"language": language, "percent": percent, "section": section, "minimum": minimum}))
    return failures


def field_coverage(records: list[dict], fields: tuple[str, ...], languages: tuple[str, ...]) -> dict[str, dict]:
    """Translatable fields of data records (`name@en`, `description@km`, …).

    Returns, per language, how many records have each field and which record ids lack it.
    A value equal to the source language's counts as missing: it is a copy, not a translation.
    """
    source, targets = languages[0], languages[1:]
    result = {}
    for language in targets:
        missing: dict[str, list[str]] = {f: [] for f in fields}
        for record in records:
            for name in fields:
                value, original = record.get(f"{name}@{language}"), record.get(f"{name}@{source}")
                if original and (not value or value == original):
                    missing[name].append(str(record.get("id")))
        total = sum(1 for record in records for name in fields if record.get(f"{name}@{source}"))
        lacking = sum(len(ids) for ids in missing.values())
        result[language] = {"total": total, "translated": total - lacking, "missing": {f: ids for f, ids in missing.items() if ids}}
    return result
