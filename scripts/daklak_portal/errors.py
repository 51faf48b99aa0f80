"""The problem model: what a check finds (Finding) and an error a command stops on (PortalError).

Both carry a message id of the catalogue (messages.yml) and the values they found; the text is
made when it is shown, in the reader's language (messages.py). Library code raises PortalError,
a plain exception: the CLI turns it into a click error (one line, exit 1), the MkDocs plugin
into a PluginError (no traceback).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import messages


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one file. `line` is 1-based, or None when the problem has no line."""

    path: str  # relative to the project root, with forward slashes
    line: int | None
    message_id: str
    values: tuple[tuple[str, str], ...] = ()  # what the check found, for the message's {names}
    fixable: bool = False  # `portal lint --fix` repairs it
    field: str | None = field(default=None, compare=False)  # the front-matter field, when there is one

    @classmethod
    def of(cls, path: str, line: int | None, message_id: str, /, fixable: bool = False, field: str | None = None, **values) -> Finding:
        """A finding with the values its message names; `field` is one of them too."""
        if field is not None:
            values["field"] = field
        return cls(path, line, message_id, tuple((name, str(value)) for name, value in values.items()), fixable, field)

    @property
    def message(self) -> str:
        return messages.text(self.message_id, dict(self.values))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"

    def to_json(self) -> list:
        return [self.path, self.line, self.message_id, [list(pair) for pair in self.values], self.fixable, self.field]

    @classmethod
    def from_json(cls, entry: list) -> Finding:
        path, line, message_id, values, fixable, field_name = entry
        if message_id not in messages.catalogue():
            raise ValueError(f"unknown message id {message_id!r}")
        return cls(path, line, message_id, tuple((str(name), str(value)) for name, value in values), bool(fixable), field_name)


def not_utf8(shown: str, raw: bytes, error: UnicodeDecodeError) -> Finding:
    """The one finding for a file that is not UTF-8: the line and the first bad byte."""
    return Finding.of(shown, raw[: error.start].count(b"\n") + 1, "file.not-utf8", byte=f"{raw[error.start]:02x}")


class PortalError(Exception):
    """An error the user can act on. `where` (a file, a file:line) goes before the message."""

    def __init__(self, message_id: str, where: str | None = None, **values):
        self.message_id = message_id
        self.where = where
        self.values = {name: str(value) for name, value in values.items()}
        super().__init__(message_id)

    def __str__(self) -> str:
        text = messages.text(self.message_id, self.values)
        text = f"{self.where}: {text}" if self.where else text
        return f"{text}\n{self.values['output']}" if self.values.get("output") else text


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
