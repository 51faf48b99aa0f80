"""Git history: when each file last changed (one `git log` per build), and single look-ups."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path


@dataclass
class GitHistory:
    """Last-change time of every file, by path relative to the repository root."""

    changed: dict[str, datetime] = field(default_factory=dict)
    shallow: bool = False
    available: bool = True
    # In a shallow clone, files last touched at the cut-off commit have an unknown real date.
    unknown: set[str] = field(default_factory=set)

    def last_changed(self, repo_path: str) -> datetime | None:
        if repo_path in self.unknown:
            return None
        return self.changed.get(repo_path)


def _git(root: Path, *args: str) -> str | None:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def read_history(root: Path) -> GitHistory:
    """One `git log` over the whole history; the newest commit that names a file wins."""
    top = _git(root, "rev-parse", "--show-toplevel")
    log = _git(root, "log", "--format=@%ct", "--name-only", "--no-renames", "-z", "--", ".")
    if top is None or log is None:
        return GitHistory(available=False)
    prefix = Path(top.strip()).resolve()
    history = GitHistory(shallow=is_shallow(root))
    timestamp = None
    oldest_files: set[str] = set()
    for token in log.replace("\n", "\0").split("\0"):
        if not token:
            continue
        if token.startswith("@") and token[1:].isdigit():
            timestamp = datetime.fromtimestamp(int(token[1:]), tz=timezone.utc)
            oldest_files = set()
            continue
        path = (prefix / token).resolve().relative_to(root.resolve()).as_posix() if root.resolve() != prefix else token
        oldest_files.add(path)
        history.changed.setdefault(path, timestamp)
    if history.shallow:
        # The last commit listed is the cut-off: its files may have changed long before.
        history.unknown = {path for path in oldest_files if history.changed.get(path) == timestamp}
    return history


def is_shallow(root: Path) -> bool:
    return (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"


def commit_exists(root: Path, rev: str) -> bool:
    return _git(root, "cat-file", "-e", f"{rev}^{{commit}}") is not None


def last_commit_of(root: Path, path: str) -> str | None:
    """The hash of the last commit that changed a file (path relative to root)."""
    out = _git(root, "log", "-1", "--format=%H", "--", path)
    return out.strip() or None if out else None


def commit_before(root: Path, path: str, moment: datetime) -> str | None:
    """The last commit that changed `path` at or before `moment`."""
    out = _git(root, "log", "-1", "--format=%H", f"--before={int(moment.timestamp())}", "--", path)
    return out.strip() or None if out else None


def file_at(root: Path, rev: str, path: str) -> str | None:
    """A file's text at a commit, or None when it did not exist there."""
    top = _git(root, "rev-parse", "--show-prefix")
    prefix = (top or "").strip()
    return _git(root, "show", f"{rev}:{prefix}{path}")


def diff_since(root: Path, rev: str, path: str) -> str:
    """`git diff` of a file from a commit to the working tree."""
    return _git(root, "diff", "--no-color", rev, "--", path) or ""
