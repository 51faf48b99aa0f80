"""Editor tooling: start a new Vietnamese page, or a translation of an existing one.

`portal new tourism/lak-lake` writes docs/vi/tourism/lak-lake.md with the front matter every
page needs; `portal translate tourism/lak-lake.md --lang en` copies the Vietnamese page's
structure into docs/en/, stamped with the source version and marked in progress, so coverage
reports it as partial until the Vietnamese text is replaced.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import yaml

from .config import Settings
from .content import read_source_file
from .errors import PortalError, relative
from .files import write_atomically
from .git_history import last_commit_of
from .lint import SLUG
from .news import POSTS_PREFIX
from .sections import fingerprints
from .stamps import stamp_block

TEMPLATES = Path(__file__).parent / "page_templates"  # a new page and a new news post


def new_page(settings: Settings, path: str, title: str, today: date) -> Path:
    """Creates the Vietnamese page `path` (e.g. tourism/lak-lake) from page_templates/: plain
    front matter with a short note on each field, today's date written once per field that
    needs one, no YAML anchors, no `null`."""
    key = path.removeprefix("docs/").removeprefix(f"{settings.source_language}/").removesuffix(".md").strip("/")
    bad = [part for part in key.split("/") if not SLUG.match(part)]
    if not key or bad:
        raise PortalError("editor.bad-name", path=path)
    target = settings.language_dir(settings.source_language) / f"{key}.md"
    if target.exists():
        raise PortalError("editor.exists", path=relative(target, settings.root))
    template = "news-post.md" if f"{key}.md".startswith(POSTS_PREFIX) else "page.md"
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    page = text.format_map({"title": yaml_text(title), "today": today.isoformat(), "slug": key.rsplit("/", 1)[-1]})
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, page)
    return target


def yaml_text(value: str) -> str:
    """The value as YAML reads it back unchanged: plain when it can be, else double-quoted."""
    try:
        if value and yaml.safe_load(f"key: {value}") == {"key": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def start_translation(settings: Settings, path: str, language: str) -> Path:
    """Copies the source page's structure into `language`, stamped and marked in progress."""
    if language not in settings.languages[1:]:
        raise PortalError("editor.bad-language", languages=", ".join(settings.languages[1:]))
    key = path.removeprefix("docs/").removeprefix(f"{settings.source_language}/").strip("/")
    key = key if key.endswith(".md") else f"{key}.md"  # `.md` is optional, as for `portal new`
    source = settings.language_dir(settings.source_language) / key
    target = settings.language_dir(language) / key
    if not source.is_file():
        raise PortalError("editor.no-source", path=relative(source, settings.root))
    if target.exists():
        raise PortalError("editor.translation-exists", path=relative(target, settings.root), key=key, language=language)
    page = read_source_file(source, settings)
    commit = last_commit_of(settings.root, relative(source, settings.root))
    front = yaml.safe_dump({"title": page.meta.get("title", ""), "description": page.meta.get("description", "")}, sort_keys=False, allow_unicode=True)
    stamp = stamp_block(commit, fingerprints(page.body), in_progress=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, f"---\n{front}{stamp}---\n{page.body}")
    return target
