"""`portal publish`: install a built site on the province's own web server, atomically.

    TARGET/releases/<time>-<hash>/   one folder per published build (the last few are kept)
    TARGET/current -> releases/…     the symlink the web server serves

A new build is copied into a temporary folder, checked, precompressed and renamed into
releases/; only then does one rename switch `current` to it. A failed or interrupted copy
never touches `current`: the old site stays served until the switch.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

from .errors import PortalError
from .messages import text
from .site_audit import external_resources, hreflang_problems

REQUIRED_FILES = ("index.html", "404.html", "sitemap.xml")
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".jsonld", ".xml", ".svg", ".txt", ".ics", ".csv", ".geojson"}


def check_site(site: Path, languages: tuple[str, ...], site_url: str) -> list[str]:
    """Why a built site must not be published (empty when it may)."""
    problems = [text("publish.missing-file", {"path": f"{site}/{name}"}) for name in REQUIRED_FILES if not (site / name).is_file()]
    problems += [text("publish.missing-file", {"path": f"{site}/{language}/index.html"}) for language in languages[1:] if not (site / language / "index.html").is_file()]
    if not problems:
        problems += [str(finding) for finding in hreflang_problems(site, site_url) + external_resources(site)]
    return problems


def precompress(folder: Path) -> int:
    """Writes file.gz beside each text file (for nginx gzip_static); fixed header, reproducible."""
    count = 0
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in COMPRESSIBLE:
            data = path.read_bytes()
            with open(path.with_name(path.name + ".gz"), "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out:
                out.write(data)
            count += 1
    return count


def site_digest(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:10]


def publish(site: Path, target: Path, languages: tuple[str, ...], site_url: str, keep: int = 5, copy=shutil.copytree) -> Path:
    """Installs `site` as a new release under `target` and switches `target/current` to it."""
    problems = check_site(site, languages, site_url)
    if problems:
        raise PortalError("publish.refused", site=site, count=len(problems), output="\n".join(problems))
    releases = target / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    for leftover in releases.glob(".incoming-*"):  # from an interrupted run
        shutil.rmtree(leftover, ignore_errors=True)
    name = f"{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}-{site_digest(site)}"
    incoming = releases / f".incoming-{name}"
    try:
        copy(site, incoming)
        precompress(incoming)
        os.replace(incoming, releases / name)
    except BaseException:
        shutil.rmtree(incoming, ignore_errors=True)
        raise
    switch = target / ".current-switch"
    switch.unlink(missing_ok=True)
    switch.symlink_to(Path("releases") / name)
    os.replace(switch, target / "current")  # one rename: readers see the old or the new site
    _prune(releases, keep, current=name)
    return releases / name


def _prune(releases: Path, keep: int, current: str) -> None:
    published = sorted(p for p in releases.iterdir() if p.is_dir() and not p.name.startswith("."))
    for old in published[:-keep] if keep > 0 else []:
        if old.name != current:
            shutil.rmtree(old)
