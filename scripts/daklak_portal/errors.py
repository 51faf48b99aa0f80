"""User-facing problems: each names the file and line and says how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one file. `line` is 1-based, or None when the problem has no line."""

    path: str  # relative to the project root, with forward slashes
    line: int | None
    message: str
    fixable: bool = False

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class PortalError(click.ClickException):
    """An error the user can act on; click prints it as one line and exits non-zero."""

    exit_code = 1


def relative(path: Path, root: Path) -> str:
    """The path as shown to users: relative to the project root, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()  # the common case: no file-system calls
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
