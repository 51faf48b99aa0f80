"""The `portal` command: click wiring only; the work is done in the modules it calls.

Exit codes: 0 = no problems, 1 = problems found (listed one per line), 2 = wrong usage.
"""

from __future__ import annotations

from pathlib import Path

import click

from .config import load_settings
from .lint import lint

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


if __name__ == "__main__":
    main()
