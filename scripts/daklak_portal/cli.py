"""The `portal` command: click wiring only; the work is done in the modules it calls.

Exit codes: 0 = no problems, 1 = problems found (listed one per line), 2 = wrong usage.
"""

from __future__ import annotations

import logging
import os
import time
from datetime import date
from pathlib import Path

import click

from . import messages
from .cli_coverage import coverage_command
from .cli_exchange import export_command, import_command
from .config import load_settings
from .content import load_pages
from .dataset import DATASET_VERSION, collect_records, source_date, write_dataset
from .editor import new_page, start_translation
from .errors import PortalError
from .files import write_atomically
from .lang_audit import lang_problems
from .language_setup import add_language
from .links import check_links, external_links, report
from .lint import lint
from .messages import text
from .news import POSTS_PREFIX
from .publications.build import build_publications
from .publish import publish
from .security import content_security_policy, inline_script_hashes
from .site_audit import external_resources, hreflang_problems

ROOT_OPTION = click.option(
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=".",
    show_default=True,
    help="The project folder (the one holding mkdocs.yml).",
)


class Refused(click.ClickException):
    """Exit 1 with the message alone: it is already worded for the reader, in their language
    (click would put an English "Error: " before it)."""

    def show(self, file=None) -> None:
        click.echo(self.format_message(), err=True)


class PortalGroup(click.Group):
    """Library errors (PortalError, plain exceptions) become click errors: one line, exit 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except PortalError as error:
            raise Refused(str(error)) from None


@click.group(cls=PortalGroup)
def main() -> None:
    """Tools for the Đắk Lắk foreign-information portal."""


@main.command("lint")
@click.option("--fix", is_flag=True, help="Repair what can be repaired safely (Unicode normalisation, byte-order marks).")
@ROOT_OPTION
def lint_command(fix: bool, root: Path) -> None:
    """Check every page: encoding, Unicode NFC, front matter, page names, navigation."""
    findings = lint(load_settings(root), fix=fix, data=True)
    for finding in findings:
        click.echo(str(finding), err=True)
    if findings:
        fixable = sum(1 for f in findings if f.fixable)
        if fixable:
            raise Refused(text("summary.problems-fixable", {"count": len(findings), "fixable": fixable}))
        raise Refused(text("summary.problems", {"count": len(findings)}))
    click.echo(text("summary.no-problems"))


@main.command("build")
@click.option("--jobs", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="the number of cores", help="Languages built at the same time, each in its own process.")
@ROOT_OPTION
def build_command(jobs: int, root: Path) -> None:
    """Build the site into site/ (strict), the languages in parallel processes.

    The same site as `mkdocs build`, byte for byte. Each process holds one language's pages:
    memory grows with --jobs (see the README)."""
    from mkdocs.exceptions import MkDocsException

    from .site_build.parallel import BuildFailed, build_site
    from .site_build.state import ContentRefused

    _log_like_mkdocs()
    started = time.perf_counter()
    try:
        site = build_site(load_settings(root).mkdocs_yml, jobs)
    except (ContentRefused, BuildFailed, MkDocsException) as error:
        raise Refused(str(error)) from None
    click.echo(f"Built {site} in {time.perf_counter() - started:.1f} s ({jobs} process{'es' if jobs > 1 else ''}).")


def _log_like_mkdocs() -> None:
    """MkDocs' messages (and the plugin's), as `mkdocs build` shows them."""
    from mkdocs.__main__ import ColorFormatter

    from .site_build.parallel import ENGINE_LOG as logger

    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler = logging.StreamHandler()
    handler.setFormatter(ColorFormatter())
    logger.addHandler(handler)


@main.command("audit")
@click.argument("site_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default="site")
@ROOT_OPTION
def audit_command(site_dir: Path, root: Path) -> None:
    """Check a built site: hreflang reciprocity, self-reference, x-default, untranslated pages
    kept out of hreflang and the sitemap, nothing loaded from other hosts, and passages whose
    lang attribute does not fit their language."""
    settings = load_settings(root)
    findings = hreflang_problems(site_dir, settings.site_url) + external_resources(site_dir) + lang_problems(site_dir)
    for finding in findings:
        click.echo(str(finding))
    if findings:
        raise Refused(text("summary.site-problems", {"count": len(findings), "site": site_dir}))
    click.echo(text("summary.site-ok", {"site": site_dir}))


@main.command("publish")
@click.argument("site_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--to", "target", type=click.Path(file_okay=False, path_type=Path), required=True, help="The folder the web server serves from (it serves TARGET/current).")
@click.option("--keep", default=5, show_default=True, help="How many releases to keep.")
@ROOT_OPTION
def publish_command(site_dir: Path, target: Path, keep: int, root: Path) -> None:
    """Install a built site atomically: the old site stays served until the switch."""
    settings = load_settings(root)
    release = publish(site_dir, target, settings.languages, settings.site_url, keep)
    click.echo(f"Published {site_dir} as {release}; {target / 'current'} now points to it.")


@main.command("csp")
@click.argument("site_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default="site")
def csp_command(site_dir: Path) -> None:
    """Print the Content-Security-Policy header for a built site (for the web server's config)."""
    hashes = sorted({h for page in site_dir.rglob("*.html") for h in inline_script_hashes(page.read_text(encoding="utf-8"))})
    click.echo(content_security_policy(hashes, header=True))


@main.command("links")
@click.argument("site_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default="site")
@click.option("--timeout", default=10.0, show_default=True, help="Seconds to wait for each host.")
@ROOT_OPTION
def links_command(site_dir: Path, timeout: float, root: Path) -> None:
    """Check the built site's links to other hosts; prints a Markdown report (exit 1 if any is broken)."""
    settings = load_settings(root)
    links = external_links(site_dir, settings.site_url)
    text, broken = report(links, check_links(sorted(links), timeout))
    click.echo(text, nl=False)
    if broken:
        raise SystemExit(1)


@main.command("new")
@click.argument("path")
@click.option("--title", default="", help="The page title, in Vietnamese.")
@ROOT_OPTION
def new_command(path: str, title: str, root: Path) -> None:
    """Start a new Vietnamese page, e.g. `portal new tourism/lak-lake --title "Hồ Lắk"`."""
    settings = load_settings(root)
    created = new_page(settings, path, title, date.today())
    key = created.relative_to(settings.language_dir(settings.source_language)).as_posix()
    nav = "" if key.startswith(POSTS_PREFIX) else text("editor.add-to-nav", {"key": key})  # posts are listed by the news page
    click.echo(text("editor.created-page", {"path": created.relative_to(settings.root), "nav": nav}))


@main.command("translate")
@click.argument("path")
@click.option("--lang", "language", required=True, help="en or km")
@ROOT_OPTION
def translate_command(path: str, language: str, root: Path) -> None:
    """Start a translation: the Vietnamese page's structure, stamped and marked in progress."""
    settings = load_settings(root)
    created = start_translation(settings, path, language)
    click.echo(text("editor.created-translation", {"path": created.relative_to(settings.root)}))


@main.command("dataset")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder to write the dataset files into.")
@ROOT_OPTION
def dataset_command(out_dir: Path, root: Path) -> None:
    """Write the open dataset (Data Package, CSV, JSON-LD, GeoJSON, DCAT, iCalendar)."""
    settings = load_settings(root)
    pages, unreadable = load_pages(settings)
    dataset, findings = collect_records(settings, pages)
    for finding in unreadable + findings:
        click.echo(str(finding), err=True)
    if unreadable or findings:
        raise Refused(text("summary.nothing-written", {"count": len(unreadable) + len(findings)}))
    for path in write_dataset(dataset, out_dir, version=DATASET_VERSION, site_url=settings.site_url, created=source_date()):
        click.echo(path)


@main.command("messages")
@click.option("--guide", "language", type=click.Choice(messages.languages()), required=True, help="The language of the guide the table is for.")
@click.option("--write", "guide", type=click.Path(dir_okay=False, exists=True, path_type=Path), help="Put the table into this guide, between its markers.")
def messages_command(language: str, guide: Path | None) -> None:
    """Print every message of the tools as the table of the contributor guide (CONTRIBUTING*.md)."""
    if guide is None:
        click.echo(messages.guide_table(language))
        return
    text_before = guide.read_text(encoding="utf-8")
    start, end = text_before.find(messages.GUIDE_START), text_before.find(messages.GUIDE_END)
    if start < 0 or end < start:
        raise Refused(f"{guide}: no {messages.GUIDE_START} … {messages.GUIDE_END} block to replace")
    write_atomically(guide, text_before[:start] + messages.guide_table(language) + text_before[end + len(messages.GUIDE_END):])


@main.command("publications")
@click.argument("site_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default="site")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), help="Folder for the files (default: SITE_DIR/publications).")
@ROOT_OPTION
def publications_command(site_dir: Path, out_dir: Path | None, root: Path) -> None:
    """Build the e-publications (publications/*.yml) as PDF and EPUB from a built site, in each
    language whose pages are all translated; list the pages that keep the others out."""
    settings = load_settings(root)
    report = build_publications(settings, site_dir, out_dir or site_dir / "publications")
    for path, language, size in report.written:
        click.echo(text("publication.written", {"path": path, "language": language, "size": f"{size / 1024:.0f}"}))
    for (publication, language), pages in report.blocked.items():
        click.echo(text("publication.blocked", {"publication": publication, "language": language, "pages": ", ".join(pages)}))


@main.group("language")
def language_group() -> None:
    """The portal's languages."""


@language_group.command("add")
@click.argument("code")
@click.option("--name", required=True, help="The language's name in itself, e.g. ພາສາລາວ.")
@ROOT_OPTION
def language_add_command(code: str, name: str, root: Path) -> None:
    """Add a language (e.g. lo): its mkdocs.yml entry (not built yet), the theme's strings to
    translate, what the code knows about it (CLDR) and its template catalog."""
    for path in add_language(root, code, name):
        click.echo(path)
    click.echo(text("language.added", {"code": code}))


main.add_command(coverage_command)
main.add_command(export_command)
main.add_command(import_command)


if __name__ == "__main__":
    main()
