"""Build caches: work done on unchanged inputs is read back instead of done again.

All caches live under `.cache/portal/` next to mkdocs.yml (ignored by git, safe to delete).
Each cache is one JSON file named after what it holds and a *code version*: a hash of the
source of the modules that produce its entries (and of the versions of the libraries they
call). Changing that code changes the file name, so an old cache is never read: nothing has to
remember to bump a number. Entries are keyed by a hash of their inputs.

A cache file that cannot be read (deleted, truncated, not JSON, of another shape) counts as
empty: the work is done again, never a traceback or a stale result. Writes are atomic, and a
cache is saved with only the entries this build used, so it does not grow with old content.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path
from types import ModuleType

from jinja2 import FileSystemBytecodeCache

from .files import write_atomically

CACHE_FOLDER = Path(".cache") / "portal"


def code_version(modules: tuple[ModuleType, ...], libraries: tuple[str, ...] = ()) -> str:
    """A short hash of the modules' source and of the libraries' installed versions."""
    digest = hashlib.sha256()
    for module in modules:
        digest.update(Path(module.__file__).read_bytes())
    for library in libraries:
        try:
            digest.update(f"{library}={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=absent".encode())
    return digest.hexdigest()[:16]


def input_key(*parts: str | bytes) -> str:
    """A hash of the inputs of one entry (each part length-prefixed, so parts cannot run together)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class JsonCache:
    """{key: JSON value}, loaded once, saved once with the entries used by this build."""

    def __init__(self, root: Path, name: str, version: str):
        self.path = root / CACHE_FOLDER / f"{name}-{version}.json"
        self.folder_glob = f"{name}-*.json"
        self.intact = False  # the file was there and readable
        self.entries: dict = self._read()
        self.used: dict = {}
        self.hits = self.misses = 0

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        self.intact = isinstance(data, dict)
        return data if self.intact else {}

    def get(self, key: str):
        """The cached value, or None."""
        if key in self.used:
            self.hits += 1
            return self.used[key]
        value = self.entries.get(key)
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        self.used[key] = value
        return value

    def put(self, key: str, value) -> None:
        self.used[key] = value

    def save(self) -> None:
        """Writes the entries used in this build (atomically) and removes other versions' files."""
        if self.used == self.entries and self.intact:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, json.dumps(self.used, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
        for old in self.path.parent.glob(self.folder_glob):
            if old != self.path:
                old.unlink(missing_ok=True)


def template_cache(root: Path) -> FileSystemBytecodeCache:
    """Jinja's compiled templates, kept between builds: Jinja keys each on the template's
    source and its own version, and writes them atomically (safe for parallel workers)."""
    folder = root / CACHE_FOLDER / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))
