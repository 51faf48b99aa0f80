"""`portal coverage`: translation coverage, diffs since a translation, stamps (click wiring).

Exit codes: 0 thresholds met; 1 thresholds not met (listed); 2 wrong usage; 3 some files could
not be read or a stamp is invalid (the report is still produced, problems listed).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import click

from .config import load_plugin_options, load_settings
from .contacts import CONTACTS_PAGE
from .content import read_source_file
from .coverage import (
    build_report,
    field_coverage,
    gate_failures,
    status_changes,
    to_json,
    to_markdown,
    to_table,
    ui_coverage,
)
from .coverage.report import section_name
from .errors import PortalError, relative
from .git_history import diff_since, last_commit_of, read_history
from .messages import text
from .page_text import FrontMatterError
from .publications.book import publication_coverage
from .sections import fingerprints
from .stamps import read_stamp, stamp_block, write_stamp

FORMATS = {"table": to_table, "json": to_json, "markdown": to_markdown}


def full_report(root: Path):
    settings = load_settings(root)
    report = build_report(settings)
    report.ui = ui_coverage(settings)
    report.fields = {
        "organizations": field_coverage(organization_records(settings), ("name",), settings.languages),
        "publications": publication_coverage(settings),  # a publication missing for its pages
    }
    return settings, report


def organization_records(settings) -> list[dict]:
    """The contacts page's organisations as records with `name@<language>` fields."""
    records: dict[str, dict] = {}
    for language in settings.languages:
        path = settings.language_dir(language) / CONTACTS_PAGE
        try:
            meta = read_source_file(path, settings, plain=True).meta if path.is_file() else {}
        except (FrontMatterError, UnicodeDecodeError):
            continue  # reported with the pages
        for org in meta.get("organizations") or []:
            if isinstance(org, dict) and org.get("id"):
                records.setdefault(org["id"], {"id": org["id"]})[f"name@{language}"] = org.get("name")
    return list(records.values())


def report_at(root: Path, ref: str):
    """The report of the tree at `ref`, from a temporary git worktree."""
    workdir = Path(tempfile.mkdtemp(prefix="portal-coverage-"))
    try:
        subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(workdir / "tree"), ref], cwd=root, check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as error:
        shutil.rmtree(workdir, ignore_errors=True)
        raise PortalError("coverage.bad-ref", ref=ref, detail=error.stderr.strip()) from None
    try:
        prefix = subprocess.run(["git", "rev-parse", "--show-prefix"], cwd=root, capture_output=True, text=True).stdout.strip()
        return build_report(load_settings(workdir / "tree" / prefix))
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(workdir / "tree")], cwd=root, capture_output=True)
        shutil.rmtree(workdir, ignore_errors=True)


@click.group("coverage", invoke_without_command=True)
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATS)), default="table", show_default=True)
@click.option("--changed-since", metavar="REF", help="Report only the pages whose status this change (since REF) makes worse or better.")
@click.option("--root", type=click.Path(file_okay=False, exists=True, path_type=Path), default=".", show_default=True)
@click.pass_context
def coverage_command(context: click.Context, output_format: str, changed_since: str | None, root: Path) -> None:
    """Which pages are missing, outdated or partly translated in en and km."""
    if context.invoked_subcommand:
        return
    settings, report = full_report(root)
    changes = status_changes(report_at(root, changed_since), report) if changed_since else None
    if output_format == "table":
        text = to_table(report)
        if changes is not None:
            text = "\n".join(f"{c['direction']:<6} {c['language']}/{c['path']}: {c['before']} -> {c['after']}" + "".join(f" {section_name(a)}" for a in c["changed_sections"]) for c in changes) + "\n" if changes else "No translation status changes.\n"
    else:
        text = FORMATS[output_format](report, changes)
    click.echo(text, nl=False)
    failures = gate_failures(report, load_plugin_options(settings, "portal").get("coverage") or {})
    for failure in failures:
        click.echo(f"threshold: {failure}", err=True)
    if report.problems:
        context.exit(3)
    if failures:
        context.exit(1)


def _translation(settings, path: str, language: str):
    """The source and translation files for PATH (a page path such as tourism/lak-lake.md)."""
    key = path.removeprefix("docs/").removeprefix(f"{settings.source_language}/").removeprefix(f"{language}/").strip("/")
    key = key if key.endswith(".md") else f"{key}.md"  # `.md` is optional, as for `portal new`
    source = settings.language_dir(settings.source_language) / key
    translation = settings.language_dir(language) / key
    if not source.is_file():
        raise PortalError("coverage.no-source", path=relative(source, settings.root))
    return key, source, translation


@coverage_command.command("diff")
@click.argument("path")
@click.option("--lang", "language", required=True, help="The translation's language (en, km).")
@click.option("--root", type=click.Path(file_okay=False, exists=True, path_type=Path), default=".")
def diff_command(path: str, language: str, root: Path) -> None:
    """Print the source's changes since the translation was made."""
    settings = load_settings(root)
    key, source, translation = _translation(settings, path, language)
    if not translation.is_file():
        raise PortalError("coverage.nothing-to-compare", path=relative(translation, settings.root))
    page = read_source_file(translation, settings)
    stamp = read_stamp(page.meta, page.text)
    source_path = relative(source, settings.root)
    if stamp and stamp.source_commit:
        since = stamp.source_commit
    else:
        history = read_history(settings.root)
        if history.shallow:
            raise PortalError("coverage.shallow")
        translated_at = history.last_changed(relative(translation, settings.root))
        from .git_history import commit_before

        since = commit_before(settings.root, source_path, translated_at) if translated_at else None
        if since is None:
            raise PortalError("coverage.no-stamp", path=relative(translation, settings.root))
    click.echo(diff_since(settings.root, since, source_path) or f"{source_path}: no change since {since[:12]}.\n", nl=False)


@coverage_command.command("stamp")
@click.argument("paths", nargs=-1)
@click.option("--lang", "language", required=True, help="The translation's language (en, km).")
@click.option("--all", "stamp_all", is_flag=True, help="Stamp every existing translation in that language.")
@click.option("--root", type=click.Path(file_okay=False, exists=True, path_type=Path), default=".")
def stamp_command(paths: tuple[str, ...], language: str, stamp_all: bool, root: Path) -> None:
    """Record that translations were brought up to date with the current source."""
    settings = load_settings(root)
    if language not in settings.languages[1:]:
        raise click.UsageError(text("editor.bad-language", {"languages": ", ".join(settings.languages[1:])}))
    if stamp_all:
        paths = tuple(p.relative_to(settings.language_dir(language)).as_posix() for p in sorted(settings.language_dir(language).rglob("*.md")))
    if not paths:
        raise click.UsageError("name at least one page, or use --all")
    for path in paths:
        key, source, translation = _translation(settings, path, language)
        if not translation.is_file():
            raise PortalError("coverage.nothing-to-stamp", path=relative(translation, settings.root))
        try:
            source_page = read_source_file(source, settings)
            read_source_file(translation, settings)
        except FrontMatterError as error:
            raise PortalError(error.message_id, where=f"{key}:{error.line}", **error.values) from None
        commit = last_commit_of(settings.root, relative(source, settings.root))
        write_stamp(translation, stamp_block(commit, fingerprints(source_page.body)))
        click.echo(f"stamped {relative(translation, settings.root)} (source {commit[:12] if commit else 'not committed'})")
