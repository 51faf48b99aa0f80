"""Images in pages: originals become light, credited, EXIF-free <picture> elements.

Editors link an original in Markdown (`![…](../assets/images/lak-lake.jpg)`). The build makes
its derivatives once (images.py, cached under .cache/portal/images), publishes only the derivatives
(never the original, which may carry the camera's GPS position), and replaces each <img> of an
original with a <picture>: the alt text comes from the sidecar in the page's language, the
first image of a page loads at once, the others lazily.
"""

from __future__ import annotations

import posixpath
import re
from html import escape
from pathlib import Path

from .build_cache import CACHE_FOLDER
from .config import language_info
from .images import (
    ImageError,
    ProcessedImage,
    find_originals,
    picture_html,
    process_images,
    prune_cache,
    read_sidecar,
)

IMAGES_FOLDER = "assets/images"
_IMG = re.compile(r"<img\b[^>]*?\bsrc=\"([^\"]+)\"[^>]*>")


def credit_html(sidecar: dict, language: str, gettext) -> str:
    """The line under a photo: its caption in the page's language (else the first one given,
    marked with its language), then "Photo: <credit>, <licence linked>" (phrasing content, so
    that it stays valid inside the paragraph Markdown puts the image in)."""
    captions = sidecar.get("caption") if isinstance(sidecar.get("caption"), dict) else {}
    caption_language = language if captions.get(language) else next(iter(captions), None)
    parts = []
    if caption_language:
        marked = "" if caption_language == language else f' lang="{escape(str(caption_language))}"'
        parts.append(f'<span class="portal-image-caption"{marked}>{escape(str(captions[caption_language]))}</span>')
    credit = sidecar.get("credit") or sidecar.get("creator")
    if credit:
        licence = escape(str(sidecar.get("license") or ""))
        url = sidecar.get("license_url")
        linked = f'<a href="{escape(str(url), quote=True)}" rel="license">{licence}</a>' if url and licence else licence
        photo = gettext("Photo")
        colon = language_info(language).label_separator
        parts.append(f'<span class="portal-image-credit">{photo}{colon}{escape(str(credit))}' + (f", {linked}" if linked else "") + "</span>")
    return f'<br><small class="portal-image-note">{" · ".join(parts)}</small>' if parts else ""


class PageImages:
    def __init__(self, docs_dir: Path, root: Path):
        self.docs_dir, self.root = docs_dir, root
        self.images_dir = docs_dir / IMAGES_FOLDER
        self.cache_dir = root / CACHE_FOLDER / "images"
        self.processed: dict[str, ProcessedImage] = {}  # original's name -> derivatives
        self.sidecars: dict[str, dict] = {}

    def process(self) -> list[ImageError]:
        """Makes (or takes from the cache) every original's derivatives; returns the errors."""
        originals = find_originals(self.images_dir) if self.images_dir.is_dir() else []
        jobs = []
        for original in originals:
            data, _findings = read_sidecar(original, self.root)  # findings (alt per language too): reported by lint
            self.sidecars[original.name] = data
            jobs.append((original, data))
        results = process_images(jobs, self.cache_dir / "out", self.cache_dir / "entries", root=self.root)
        errors = [result for result in results if isinstance(result, ImageError)]
        self.processed = {original.name: result for (original, _), result in zip(jobs, results, strict=True) if isinstance(result, ProcessedImage)}
        if not errors:  # the cache keeps only this build's images (it would only grow)
            prune_cache(self.cache_dir / "entries", [image.key for image in self.processed.values()])
            published = {d.path for image in self.processed.values() for d in image.derivatives}
            for path in (self.cache_dir / "out").iterdir() if (self.cache_dir / "out").is_dir() else []:
                if path.name not in published:
                    path.unlink()
        return errors

    def remove_originals(self, site: Path) -> None:
        """Deletes the copies of originals and sidecars MkDocs made in site/: only derivatives,
        which carry no EXIF, are published."""
        folder = site / IMAGES_FOLDER
        for path in folder.iterdir() if folder.is_dir() else []:
            if path.is_file() and (path.name in self.processed or path.name in self.sidecars or path.suffix == ".yml"):
                path.unlink()

    def published_names(self) -> dict[str, str]:
        """Original's name -> its largest JPEG derivative (what the open dataset links to)."""
        return {name: image.of_format("jpeg")[-1].path for name, image in self.processed.items() if image.of_format("jpeg")}

    def derivative_files(self) -> list[tuple[str, Path]]:
        """(site path, cached file) of every derivative to publish."""
        out = self.cache_dir / "out"
        return [(f"{IMAGES_FOLDER}/{d.path}", out / d.path) for image in self.processed.values() for d in image.derivatives]

    def rewrite(self, html: str, language: str, gettext=None) -> str:
        """Each <img> of an original becomes a <picture> with the alt text of `language`,
        followed by its caption and its credit and licence (linked): visible attribution is a
        condition of the licences the portal's photos come under (CC BY and the like)."""
        seen = 0

        def replace(match: re.Match) -> str:
            nonlocal seen
            prefix, name = posixpath.split(match.group(1))
            image = self.processed.get(name)
            if image is None or not prefix.endswith(IMAGES_FOLDER):
                return match.group(0)
            sidecar = self.sidecars.get(name, {})
            alt = (sidecar.get("alt") or {}).get(language, "")
            seen += 1
            picture = picture_html(image, alt, language, lazy=seen > 1, src_prefix=prefix + "/")
            return picture + credit_html(sidecar, language, gettext) if gettext else picture

        return _IMG.sub(replace, html)
