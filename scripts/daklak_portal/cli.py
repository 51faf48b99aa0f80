"""The `portal` command: click wiring only; the work is done in the modules it calls.

Exit codes: 0 = no problems, 1 = problems found (listed one per line), 2 = wrong usage.
"""

from __future__ import annotations

from pathlib import Path

import click

from .config import load_settings
from .cli_coverage import coverage_command
from .lint import lint
from .site_audit import external_resources, hreflang_problems

ROOT_OPTION = click.option(
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=".",
    show_default=True,
    help="The project folder (the one holding mkdocs.yml).",
)


@click.group()
def main() -> None:
    """Tools for the Đắk Lắk foreign-information portal."""


@main.command("lint")
@click.option("--fix", is_flag=True, help="Repair what can be repaired safely (Unicode normalisation, byte-order marks).")
@ROOT_OPTION
def lint_command(fix: bool, root: Path) -> None:
    """Check every page: encoding, Unicode NFC, front matter, page names, navigation."""
    findings = lint(load_settings(root), fix=fix)
    for finding in findings:
        click.echo(str(finding), err=True)
    if findings:
        fixable = sum(1 for f in findings if f.fixable)
        hint = f" ({fixable} can be repaired with `portal lint --fix`)" if fixable else ""
        raise click.ClickException(f"{len(findings)} problem(s) found{hint}.")
    click.echo("No problems found.")


@main.command("audit")
@click.argument("site_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default="site")
@ROOT_OPTION
def audit_command(site_dir: Path, root: Path) -> None:
    """Check a built site: hreflang reciprocity, self-reference, x-default, untranslated pages
    kept out of hreflang and the sitemap, and nothing loaded from other hosts."""
    settings = load_settings(root)
    findings = hreflang_problems(site_dir, settings.site_url) + external_resources(site_dir)
    for finding in findings:
        click.echo(str(finding))
    if findings:
        raise click.ClickException(f"{len(findings)} problem(s) found in {site_dir}.")
    click.echo(f"No problems found in {site_dir}.")


main.add_command(coverage_command)


if __name__ == "__main__":
    main()
