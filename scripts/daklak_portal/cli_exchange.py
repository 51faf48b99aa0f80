"""`portal export` and `portal import`: pages to and from CAT tools (click wiring of exchange/)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from .config import load_settings
from .errors import PortalError, relative
from .exchange.export import FORMATS, SELECTIONS, default_folder, export_pages
from .exchange.import_units import ImportRefused, import_files
from .messages import text

ROOT_OPTION = click.option("--root", type=click.Path(file_okay=False, exists=True, path_type=Path), default=".", show_default=True, help="The project folder (the one holding mkdocs.yml).")


@click.command("export")
@click.option("--lang", "language", required=True, help="The language to translate into, e.g. km.")
@click.option("--format", "file_format", type=click.Choice(sorted(FORMATS)), default="xliff", show_default=True, help="XLIFF 1.2 or gettext PO.")
@click.option("--only", type=click.Choice(SELECTIONS), default="all", show_default=True, help="Pages with units to review (outdated), not translated yet (missing), or every page.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), help="Folder for the files (default: exports/<date>-<lang>/).")
@click.argument("paths", nargs=-1)
@ROOT_OPTION
def export_command(language: str, file_format: str, only: str, out_dir: Path | None, paths: tuple[str, ...], root: Path) -> None:
    """Write pages as translation files (one per page) for a CAT tool: each heading, paragraph,
    list item, table cell and title as a unit, with its translation, state and notes."""
    settings = load_settings(root)
    folder = out_dir or default_folder(settings, language, date.today())
    written = export_pages(settings, language, file_format, only, folder, list(paths))
    click.echo(text("exchange.exported", {"count": len(written), "folder": relative(folder, settings.root)}))


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@ROOT_OPTION
def import_command(files: tuple[Path, ...], root: Path) -> None:
    """Write translated files (.po, .xlf) back into the pages, after checking all of them:
    nothing is written when one has a problem."""
    settings = load_settings(root)
    try:
        changed = import_files(settings, list(files))
    except ImportRefused as refused:
        for finding in refused.findings:
            click.echo(str(finding), err=True)
        raise PortalError("summary.nothing-written", count=len(refused.findings)) from None
    for path in changed:
        click.echo(relative(path, settings.root))
    click.echo(text("exchange.imported", {"count": len(changed)}))
