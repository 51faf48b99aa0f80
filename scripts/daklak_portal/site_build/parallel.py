"""`portal build --jobs N`: the languages built in parallel processes, the same site as `mkdocs build`.

mkdocs-static-i18n builds the languages one after another in one process. Here the parent
prepares what all languages share (state.prepare: the checks, pages, dates, coverage, dataset),
then forks one worker per language (at most N at a time), which inherit that state and build
their language into a folder of their own beside site/. The parent merges the folders in the
order the sequential build writes them (the source language first, then the others as listed
in mkdocs.yml: a file written by several languages keeps the last one's bytes, as it would),
keeps each language's 404 page, writes what covers every language (finish.finish_site) and
only then puts the new site in place of the old one: a failed build leaves site/ untouched.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.utils import CountHandler

from ..search import SearchDocuments, language_index
from .cards import cards_of, draw
from .finish import finish_site
from .state import BuildState, prepare

# MkDocs' top logger, found through the engine's module (under ProperDocs it is "properdocs").
ENGINE_LOG = logging.getLogger(mkdocs_build.__module__.split(".")[0])
# Set in the parent before the workers fork: the plugin uses it instead of preparing again.
PREPARED: BuildState | None = None
# Set in a worker process: the language it builds (its plugin leaves finish_site to the parent).
WORKER_LANGUAGE: str | None = None


class BuildFailed(Exception):
    """A language's build failed; its messages were already logged."""


def build_site(config_file: Path, jobs: int) -> Path:
    """Builds the site of config_file with `jobs` processes; returns the site folder."""
    global PREPARED
    warnings = CountHandler()  # the parent's own steps count for --strict too
    warnings.setLevel(logging.WARNING)
    ENGINE_LOG.addHandler(warnings)
    try:
        config = load_config(str(config_file))
        started = time.perf_counter()
        PREPARED = prepare(config_file.parent, config.site_name)
        ENGINE_LOG.info(f"Checked and prepared the content in {time.perf_counter() - started:.1f} s")
        languages = list(PREPARED.settings.built_languages)  # in the i18n plugin's order: the source first
        if jobs <= 1 or len(languages) == 1:
            mkdocs_build(config)  # the plugin's sequential path, with the state prepared above
            return Path(config.site_dir)
        return _build_in_parallel(config, config_file, languages, jobs, warnings)
    finally:
        PREPARED = None
        ENGINE_LOG.removeHandler(warnings)


def _build_in_parallel(config, config_file: Path, languages: list[str], jobs: int, warnings: CountHandler) -> Path:
    site = Path(config.site_dir)
    site.parent.mkdir(parents=True, exist_ok=True)
    parts = {language: Path(tempfile.mkdtemp(dir=site.parent, prefix=f".{site.name}-{language}-")) for language in languages}
    try:
        started = time.perf_counter()
        results = _run_tasks(_tasks(config, config_file, languages, parts), min(jobs, len(languages)))
        ENGINE_LOG.info(f"Built {', '.join(languages)} in {time.perf_counter() - started:.1f} s with {min(jobs, len(languages))} processes")
        started = time.perf_counter()
        failed = [language for language in languages if results[language] is None]
        if failed:
            raise BuildFailed(f"the build of {', '.join(failed)} failed (see the messages above); site/ was left as it was")
        merged = parts[languages[0]]
        for language in languages[1:]:
            _merge(parts[language], merged, keep={"404.html"})  # the root 404 page is the source language's
        search = None
        if config.plugins["portal"].config.search_index:
            search = SearchDocuments()
            for language in languages:
                documents, words = results[language]
                search.documents.update(documents)
                search.khmer_words |= words
        finish_site(PREPARED, merged, config.site_url, search)
        if config.strict and warnings.get_counts():
            raise BuildFailed(f"{sum(count for _, count in warnings.get_counts())} warning(s) in strict mode; site/ was left as it was")
        _replace(site, merged)
        ENGINE_LOG.info(f"Merged the languages, wrote the sitemap, data and search index in {time.perf_counter() - started:.1f} s")
        return site
    finally:
        for folder in parts.values():
            shutil.rmtree(folder, ignore_errors=True)


CARDS_PER_TASK = 32


def _tasks(config, config_file: Path, languages: list[str], parts: dict[str, Path]) -> list[tuple]:
    """What the processes do, in the order they take it: the cards of the first language (all
    processes draw them), its build, the cards of the other languages in small batches (which
    keep the other processes busy meanwhile), then the other languages' builds. On two cores
    and three languages of equal size this ends within a few seconds of an even split."""
    builds = [("language", str(config_file), language, str(parts[language])) for language in languages]
    cards: dict[str, list[tuple]] = {language: [] for language in languages}
    if config.plugins["portal"].config.social_cards:
        names = {entry.locale: entry.get("site_name") or config.site_name for entry in config.plugins["i18n"].config.languages}
        for language in languages:
            wanted = cards_of(PREPARED, language, names[language])
            cards[language] = [("cards", wanted[i : i + CARDS_PER_TASK]) for i in range(0, len(wanted), CARDS_PER_TASK)]
    return [*cards[languages[0]], builds[0], *(task for language in languages[1:] for task in cards[language]), *builds[1:]]


def _run_tasks(tasks: list[tuple], processes: int) -> dict:
    """Runs the tasks in forked processes, each taking the next task when it is free; returns
    {language: result of its build}."""
    with multiprocessing.get_context("fork").Pool(processes=processes) as pool:
        return dict(result for result in pool.imap_unordered(_run_task, tasks, chunksize=1) if result is not None)


def _run_task(task: tuple):
    if task[0] == "cards":
        draw(PREPARED, task[1])
        return None
    _, config_file, language, site_dir = task
    return language, _build_language((config_file, language, site_dir))


def _build_language(job: tuple[str, str, str]):
    """In a worker: builds one language into its own folder; returns its search documents
    (pages and Khmer words), or None when the build failed (MkDocs has logged why)."""
    global WORKER_LANGUAGE
    config_file, language, site_dir = job
    WORKER_LANGUAGE = language
    try:
        config = load_config(config_file, site_dir=site_dir)
        i18n = config.plugins["i18n"]
        i18n.current_language = language
        i18n.building = True  # this process builds only its own language
        mkdocs_build(config)
        documents = config.plugins["portal"].search.get(language)
        if documents is None:
            return {}, set()
        if documents.documents:  # this language's search index, while the other processes build theirs
            with tempfile.TemporaryDirectory(prefix="portal-search-") as scratch:
                language_index(documents, language, PREPARED.settings.root, Path(scratch))
        return documents.documents, documents.khmer_words
    except Exception as error:  # noqa: BLE001 - reported in the parent as a failed language
        ENGINE_LOG.error(f"{language}: {error}")
        return None


def _merge(source: Path, target: Path, keep: set[str] = frozenset()) -> None:
    """Moves source's files into target (a file present in both takes source's bytes), except
    the top-level names in keep, which stay as they are in target."""
    for entry in os.scandir(source):
        destination = target / entry.name
        if entry.name in keep:
            continue
        if entry.is_dir(follow_symlinks=False):
            if destination.is_dir():
                _merge(Path(entry.path), destination)
            else:
                os.replace(entry.path, destination)
        else:
            os.replace(entry.path, destination)


def _replace(site: Path, new: Path) -> None:
    """Puts the new site in place of the old one: two renames, then the old one is deleted."""
    old = None
    if site.exists():
        old = Path(tempfile.mkdtemp(dir=site.parent, prefix=f".{site.name}-old-"))
        os.replace(site, old / site.name)
    os.replace(new, site)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
