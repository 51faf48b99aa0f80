"""Byte-identical builds: the build date comes from git, not from the clock."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)


def last_commit_timestamp(root: Path) -> int | None:
    """Unix time of the last commit, or None without git history."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    value = result.stdout.strip()
    return int(value) if value.isdigit() else None


def pin_build_date(root: Path) -> None:
    """Sets SOURCE_DATE_EPOCH (honoured by MkDocs for dates and gzip headers) unless given."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return
    timestamp = last_commit_timestamp(root)
    if timestamp is None:
        log.info("No git history found: the build date is fixed at 1970-01-01 so that builds stay reproducible.")
        timestamp = 0
    os.environ["SOURCE_DATE_EPOCH"] = str(timestamp)
