"""The image pipeline: sidecar metadata, cached responsive derivatives and `<picture>` markup.

An original lives in `docs/assets/images/<name>.<jpg|jpeg|png|webp>` with a sidecar
`<name>.yml` beside it::

    alt:                      # required in every language: what the image shows
      vi: Hồ Lắk lúc bình minh, thuyền độc mộc trên mặt nước
      en: Lắk Lake at sunrise, a dugout canoe on the water
      km: បឹងឡាក់ពេលថ្ងៃរះ
    caption:                  # optional, per language; every caption goes into the XMP
      vi: Hồ Lắk, huyện Lắk
    creator: Nguyễn Văn A      # required
    credit: Ảnh Nguyễn Văn A / Sở VHTTDL Đắk Lắk   # the credit line (optional; creator if absent)
    license: CC BY-SA 4.0      # required
    license_url: https://creativecommons.org/licenses/by-sa/4.0/   # required
    source: https://example.org/photo/123   # where it came from (URL or a description)

API (everything else in this module is private)::

    find_originals(images_dir: Path) -> list[Path]
        The originals (jpg, jpeg, png, webp) in a folder tree, sorted.

    read_sidecar(image: Path, root: Path | None = None,
                 languages=settings.languages) -> tuple[dict, list[Finding]]
        Reads `<name>.yml` beside the original. Returns its data ({} if unreadable) and the
        findings (missing sidecar, YAML error, missing alt per language, missing creator /
        license / license_url, unknown keys). Findings name the file relative to `root`
        (default: the current folder) and the line where there is one.

    check_sidecar(image: Path, root: Path | None = None, languages=...) -> list[Finding]
        The findings of read_sidecar alone (for `portal lint`).

    check_sidecar_data(data: dict, shown: str, lines=None, languages=...) -> list[Finding]
        The same checks on data already loaded (`lines` maps "key" / "alt.km" to line numbers).

    process_image(source: Path, out_dir: Path, cache_dir: Path, metadata: dict,
                  widths=(480, 960, 1600), *, root=None, page=None) -> ProcessedImage
        Makes AVIF, WebP and JPEG derivatives of `source` at each width not larger than the
        original (the original's width alone when it is narrower than the smallest), into
        `out_dir` (flat; names like `lak-lake.3f2a9c0e-960.webp`, cacheable forever). EXIF
        orientation is applied, then every EXIF field (GPS above all) is dropped; an XMP packet
        carries the captions, creator, credit line and licence. `metadata` is the sidecar's
        data. Raises ImageError (a PortalError: one line, no traceback) for a missing,
        damaged, truncated, oversized or unsupported original; `page` (e.g.
        "docs/vi/places/lak-lake.md") is named in the message when given.

    process_images(jobs: Sequence[tuple[Path, dict]], out_dir, cache_dir,
                   widths=..., *, root=None, workers=2) -> list[ProcessedImage | ImageError]
        process_image over many originals in a thread pool (Pillow releases the GIL while it
        decodes, resizes and encodes), results in the order of `jobs`; an ImageError is
        returned in place of its result so that one build can report every bad image.

    picture_html(processed: ProcessedImage, alt: str, lang: str,
                 sizes="(max-width: 76em) 100vw, 960px", lazy=True, src_prefix="") -> str
        `<picture>` with AVIF and WebP `<source>`s and a JPEG `<img>` (middle width as `src`)
        with width, height, alt, lang, loading="lazy" (unless lazy=False, for images above
        the fold) and decoding="async". `src_prefix` is prepended to each file name (e.g.
        "../assets/images/" or "/assets/images/").

    prune_cache(cache_dir: Path, keep: Iterable[str]) -> int
        Removes the cache entries whose key is not in `keep` (e.g. the keys of this build's
        ProcessedImages); returns how many were removed.

    ProcessedImage: source, key, derivatives (tuple of Derivative), width, height (of the
        largest derivative, as displayed), did_work, formats, notes (e.g. AVIF skipped).
    Derivative: path (relative to out_dir), format ("avif" | "webp" | "jpeg"), width, height,
        size (bytes); .mime_type.
    ImageError(PortalError): .path (the original as shown), .page.

Cache: the key is a SHA-256 of the original's name and bytes, the metadata that goes into the XMP, the
widths, the output formats, the encoder settings, the Pillow version and PIPELINE_VERSION. The
manifest is one small JSON file per key, `cache_dir/<key>/manifest.json`, listing the
derivatives stored beside it (one file per key, so parallel workers never rewrite each other's
entries). A warm run reads and hashes the original but decodes and encodes nothing: it hard-links
(or copies) the cached files into out_dir and reports did_work=False. Every file is written to a
temporary name and renamed, and the manifest is written last, so an interrupted run leaves no
half-written derivative and no entry pointing at one.
"""

from __future__ import annotations

import difflib
import hashlib
import html
import io
import json
import os
import re
import shutil
import struct
import threading
import warnings
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence
from urllib.parse import quote
from xml.sax.saxutils import escape as xml_escape

import PIL
import yaml
from PIL import Image, ImageFile, ImageOps, features

from .config import language_info
from .errors import Finding, PortalError, not_utf8, relative
from .files import write_atomically

# Bump when the pipeline's output changes for the same input (resampling, naming, XMP layout…).
PIPELINE_VERSION = 1
DEFAULT_WIDTHS = (480, 960, 1600)
ORIGINAL_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
# The project's limit, checked from the header before any pixel is decoded: 50 megapixels is a
# 8660 × 5773 photo, far more than a web page needs; a larger file is a mistake or an attack.
MAX_PIXELS = 50_000_000
HASH_LENGTH = 8  # hex digits of the key in file names

# Photos for slow phone connections: visually clean at roughly 1/10 of a camera JPEG's bytes.
ENCODER_SETTINGS: dict[str, dict] = {
    "avif": {"quality": 55, "speed": 8, "subsampling": "4:2:0"},
    "webp": {"quality": 75, "method": 4},
    "jpeg": {"quality": 78, "optimize": True, "progressive": True, "subsampling": "4:2:0"},
}
_EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}
_PIL_FORMATS = {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG"}
_MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}

SIDECAR_KEYS = ("alt", "caption", "creator", "credit", "license", "license_url", "source")
_REQUIRED = {"creator": "sidecar.no-creator", "license": "sidecar.no-license", "license_url": "sidecar.no-license-url"}  # key -> message

# Errors Pillow raises for damaged or truncated files (it is not consistent about which).
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error, zlib.error)
_open_lock = threading.Lock()  # warnings.catch_warnings is process-wide: one opener at a time


class ImageError(PortalError):
    """An original that cannot be processed; the message names the file (and page) and the fix."""

    def __init__(self, path: str, message_id: str, page: str | None = None, **values):
        self.path = path
        self.page = page
        super().__init__(message_id, where=f"{page}: image {path}" if page else path, **values)


@dataclass(frozen=True)
class Derivative:
    path: str  # relative to out_dir, forward slashes
    format: str  # "avif", "webp" or "jpeg"
    width: int
    height: int
    size: int = 0  # bytes

    @property
    def mime_type(self) -> str:
        return _MIME[self.format]


@dataclass(frozen=True)
class ProcessedImage:
    source: Path
    key: str
    derivatives: tuple[Derivative, ...]
    width: int  # of the largest derivative: the image as displayed, orientation applied
    height: int
    did_work: bool
    formats: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def of_format(self, fmt: str) -> list[Derivative]:
        return sorted((d for d in self.derivatives if d.format == fmt), key=lambda d: d.width)


# --------------------------------------------------------------------------- sidecars


def find_originals(images_dir: Path) -> list[Path]:
    """The original images under images_dir (by extension), sorted."""
    if not images_dir.is_dir():
        return []
    return sorted(p for p in images_dir.rglob("*") if p.is_file() and p.suffix.lower() in ORIGINAL_SUFFIXES)


def sidecar_path(image: Path) -> Path:
    return image.with_suffix(".yml")


def read_sidecar(image: Path, root: Path | None = None, languages: Sequence[str] = ()) -> tuple[dict, list[Finding]]:
    """The sidecar's data ({} when missing or unreadable) and its findings, worded for an editor."""
    root = Path.cwd() if root is None else root
    sidecar = sidecar_path(image)
    shown = relative(sidecar, root)
    if not sidecar.is_file():
        return {}, [Finding.of(relative(image, root), None, "sidecar.missing", name=sidecar.name, languages=", ".join(languages))]
    raw = sidecar.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return {}, [not_utf8(shown, raw, error)]
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        return {}, [Finding.of(shown, mark.line + 1 if mark else None, "sidecar.invalid-yaml", problem=problem)]
    if data is None:
        data, node = {}, None
    if not isinstance(data, dict):
        return {}, [Finding.of(shown, 1, "sidecar.not-mapping")]
    lines = _key_lines(node)
    return data, check_sidecar_data(data, shown, lines, languages)


def check_sidecar(image: Path, root: Path | None = None, languages: Sequence[str] = ()) -> list[Finding]:
    return read_sidecar(image, root, languages)[1]


def check_sidecar_data(data: dict, shown: str, lines: dict[str, int] | None = None, languages: Sequence[str] = ()) -> list[Finding]:
    """Findings for sidecar data; `lines` maps "key" and "key.sub" to 1-based lines."""
    lines = lines or {}
    findings = []
    for key in data:
        if key not in SIDECAR_KEYS:
            close = difflib.get_close_matches(str(key), SIDECAR_KEYS, n=1)
            if close:
                findings.append(Finding.of(shown, lines.get(str(key)), "sidecar.unknown-key-close", field=str(key), key=key, close=close[0]))
            else:
                findings.append(Finding.of(shown, lines.get(str(key)), "sidecar.unknown-key", field=str(key), key=key, known=", ".join(SIDECAR_KEYS)))
    alt = data.get("alt")
    if alt is not None and not isinstance(alt, dict):
        findings.append(Finding.of(shown, lines.get("alt"), "sidecar.per-language", field="alt", key="alt", keys=_keys(languages)))
    for language in languages if alt is None or isinstance(alt, dict) else ():
        text = (alt or {}).get(language)
        if not isinstance(text, str) or not text.strip():
            name = language_info(language).english_name
            findings.append(Finding.of(shown, lines.get(f"alt.{language}", lines.get("alt")), "sidecar.no-alt", field=f"alt.{language}", name=name, language=language))
    caption = data.get("caption")
    if caption is not None and not isinstance(caption, dict):
        findings.append(Finding.of(shown, lines.get("caption"), "sidecar.per-language", field="caption", key="caption", keys=_keys(languages)))
    for key, message_id in _REQUIRED.items():
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            findings.append(Finding.of(shown, lines.get(key), message_id, field=key))
    url = data.get("license_url")
    if isinstance(url, str) and url.strip() and not re.match(r"^https?://", url.strip()):
        findings.append(Finding.of(shown, lines.get("license_url"), "sidecar.license-url", field="license_url"))
    return findings


def _keys(languages: Sequence[str]) -> str:
    return ", ".join(f"{language}:" for language in languages)


def _key_lines(node) -> dict[str, int]:
    lines: dict[str, int] = {}
    if not isinstance(node, yaml.MappingNode):
        return lines
    for key, value in node.value:
        name = str(key.value)
        lines[name] = key.start_mark.line + 1
        if isinstance(value, yaml.MappingNode):
            for sub, _ in value.value:
                lines[f"{name}.{sub.value}"] = sub.start_mark.line + 1
    return lines


# --------------------------------------------------------------------------- XMP and cache key


def xmp_fields(metadata: dict) -> dict[str, str]:
    """The metadata that goes into the XMP packet (and so into the cache key)."""
    captions = metadata.get("caption") if isinstance(metadata.get("caption"), dict) else {}
    fields = {
        **{f"caption@{language}": text for language, text in captions.items()},  # the sidecar's order: the source first
        "creator": metadata.get("creator"),
        "credit": metadata.get("credit") or metadata.get("creator"),
        "license": metadata.get("license"),
        "license_url": metadata.get("license_url"),
    }
    return {k: _xml_text(str(v)) for k, v in fields.items() if v is not None and str(v).strip()}


def _xml_text(text: str) -> str:
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text).strip()


def xmp_packet(fields: dict[str, str]) -> bytes:
    """An XMP packet (Dublin Core, Photoshop, XMP Rights, Creative Commons) for the fields."""
    def alt(text: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{xml_escape(text)}</rdf:li></rdf:Alt>'

    parts = []
    captions = {key.removeprefix("caption@"): xml_escape(text) for key, text in fields.items() if key.startswith("caption@")}
    if captions:  # the first listed (the source language's) is also the default
        items = "".join(f'<rdf:li xml:lang="{xml_escape(language, {chr(34): "&quot;"})}">{text}</rdf:li>' for language, text in captions.items())
        parts.append(f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{next(iter(captions.values()))}</rdf:li>{items}</rdf:Alt></dc:description>')
    if "creator" in fields:
        parts.append(f"<dc:creator><rdf:Seq><rdf:li>{xml_escape(fields['creator'])}</rdf:li></rdf:Seq></dc:creator>")
    if "credit" in fields:
        parts.append(f"<photoshop:Credit>{xml_escape(fields['credit'])}</photoshop:Credit>")
        parts.append(f"<dc:rights>{alt(fields['credit'])}</dc:rights>")
    terms = " ".join(fields[k] for k in ("license", "license_url") if k in fields)
    if terms:
        parts.append(f"<xmpRights:UsageTerms>{alt(terms)}</xmpRights:UsageTerms>")
    if "license_url" in fields:
        url = xml_escape(fields["license_url"], {'"': "&quot;"})
        parts.append(f"<xmpRights:WebStatement>{xml_escape(fields['license_url'])}</xmpRights:WebStatement>")
        parts.append(f'<cc:license rdf:resource="{url}"/>')
    body = "\n    ".join(parts)
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"\n'
        '    xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"\n'
        '    xmlns:cc="http://creativecommons.org/ns#">\n'
        f"    {body}\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="r"?>'
    )
    return packet.encode("utf-8")


@lru_cache(maxsize=1)
def avif_supported() -> bool:
    return bool(features.check("avif"))


def output_formats() -> tuple[str, ...]:
    return ("avif", "webp", "jpeg") if avif_supported() else ("webp", "jpeg")


def cache_key(name: str, original: bytes, metadata: dict, widths: Sequence[int], formats: Sequence[str]) -> str:
    """The key of one original's derivatives; `name` is its stem, which the file names carry."""
    recipe = {
        "name": name,
        "pipeline": PIPELINE_VERSION,
        "pillow": PIL.__version__,
        "original": hashlib.sha256(original).hexdigest(),
        "xmp": xmp_fields(metadata),
        "widths": sorted(set(int(w) for w in widths)),
        "formats": list(formats),
        "encoders": {f: ENCODER_SETTINGS[f] for f in formats},
        "max_pixels": MAX_PIXELS,
    }
    return hashlib.sha256(json.dumps(recipe, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- processing


def process_image(
    source: Path,
    out_dir: Path,
    cache_dir: Path,
    metadata: dict,
    widths: Sequence[int] = DEFAULT_WIDTHS,
    *,
    root: Path | None = None,
    page: str | None = None,
) -> ProcessedImage:
    source = Path(source)
    shown = relative(source, Path.cwd() if root is None else root)

    def fail(message_id: str, **values) -> ImageError:
        return ImageError(shown, message_id, page, **values)

    if source.suffix.lower() not in ORIGINAL_SUFFIXES:
        raise fail("image.format", suffix=source.suffix or "(no extension)")
    try:
        original = source.read_bytes()
    except FileNotFoundError:
        raise fail("image.missing") from None
    except IsADirectoryError:
        raise fail("image.folder") from None
    except OSError as error:
        raise fail("image.unreadable", detail=error.strerror or error) from None
    if _sniff(original) is None:
        raise fail("image.not-image")

    formats = output_formats()
    notes = () if "avif" in formats else ("AVIF skipped: this Pillow has no AVIF support",)
    key = cache_key(source.stem, original, metadata, widths, formats)
    out_dir.mkdir(parents=True, exist_ok=True)

    cached = _load_entry(cache_dir, key)
    if cached is not None:
        derivatives, width, height = cached
        _publish(cache_dir / key, out_dir, derivatives)
        return ProcessedImage(source, key, derivatives, width, height, False, formats, notes)

    image = _open_checked(original, fail)
    try:
        derivatives, width, height = _encode_all(image, source.stem, key, widths, formats, xmp_packet(xmp_fields(metadata)), cache_dir / key)
    finally:
        image.close()
    _publish(cache_dir / key, out_dir, derivatives)
    return ProcessedImage(source, key, derivatives, width, height, True, formats, notes)


def process_images(
    jobs: Sequence[tuple[Path, dict]],
    out_dir: Path,
    cache_dir: Path,
    widths: Sequence[int] = DEFAULT_WIDTHS,
    *,
    root: Path | None = None,
    workers: int = 2,
) -> list[ProcessedImage | ImageError]:
    def one(job: tuple[Path, dict]) -> ProcessedImage | ImageError:
        try:
            return process_image(job[0], out_dir, cache_dir, job[1], widths, root=root)
        except ImageError as error:
            return error

    if workers <= 1:
        return [one(job) for job in jobs]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, jobs))


def _sniff(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def _open_checked(original: bytes, fail) -> Image.Image:
    """Opens and fully decodes the original, refusing bombs before decoding any pixel."""
    try:
        with _open_lock, warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(original), formats=("JPEG", "PNG", "WEBP"))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise fail("image.too-large", limit=MAX_PIXELS // 1_000_000) from None
    except Image.UnidentifiedImageError:
        raise fail("image.damaged") from None
    except _DECODE_ERRORS as error:
        raise fail("image.damaged-detail", detail=error) from None
    width, height = image.size
    if width * height > MAX_PIXELS:
        image.close()
        raise fail("image.too-large-size", width=width, height=height, megapixels=f"{width * height / 1e6:.0f}", limit=MAX_PIXELS // 1_000_000)
    if width < 1 or height < 1:
        image.close()
        raise fail("image.empty")
    try:
        if ImageFile.LOAD_TRUNCATED_IMAGES:  # never decode half a file into a grey rectangle
            raise fail("image.truncated-setting")
        image.load()
    except ImageError:
        image.close()
        raise
    except _DECODE_ERRORS as error:
        image.close()
        raise fail("image.truncated" if "truncated" in str(error) else "image.undecodable", detail=error) from None
    return image


def _prepare(image: Image.Image) -> tuple[Image.Image, bool]:
    """Orientation applied, colours in sRGB, no metadata left in .info. Returns (image, has alpha)."""
    try:
        oriented = ImageOps.exif_transpose(image) or image
    except _DECODE_ERRORS:  # a broken EXIF block: keep the pixels as stored
        oriented = image
    icc = image.info.get("icc_profile")
    has_alpha = oriented.mode in ("RGBA", "LA", "PA") or (oriented.mode == "P" and "transparency" in oriented.info)
    mode = "RGBA" if has_alpha else "RGB"
    converted = None
    if icc:
        try:
            from PIL import ImageCms

            source_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            srgb = ImageCms.createProfile("sRGB")
            working = oriented if oriented.mode in ("RGB", "RGBA", "CMYK", "L") else oriented.convert(mode)
            converted = ImageCms.profileToProfile(working, source_profile, srgb, outputMode=mode)
        except Exception:  # an unusable profile: fall back to the stored values
            converted = None
    if converted is None:
        if oriented.mode.startswith("I"):  # 16-bit greyscale PNG
            oriented = oriented.convert("I").point(lambda v: v * (1 / 256)).convert("L")
        converted = oriented.convert(mode) if oriented.mode != mode else oriented.copy()
    converted.info = {}  # EXIF, XMP, ICC, comments: nothing of the original's metadata is kept
    return converted, has_alpha


def target_widths(original_width: int, widths: Sequence[int]) -> list[int]:
    wanted = sorted(set(int(w) for w in widths if int(w) > 0))
    fitting = [w for w in wanted if w <= original_width]
    return fitting or [original_width]


def _encode_all(image, stem, key, widths, formats, xmp, entry_dir: Path):
    prepared, has_alpha = _prepare(image)
    full_w, full_h = prepared.size
    flat = None
    if has_alpha:  # JPEG has no transparency: flatten onto white
        flat = Image.new("RGB", prepared.size, (255, 255, 255))
        flat.paste(prepared, mask=prepared.getchannel("A"))
    entry_dir.mkdir(parents=True, exist_ok=True)
    derivatives = []
    for width in target_widths(full_w, widths):
        height = max(1, round(full_h * width / full_w))
        resized = {}
        for fmt in formats:
            base = flat if (fmt == "jpeg" and flat is not None) else prepared
            if id(base) not in resized:
                resized[id(base)] = base if width == full_w else base.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
            out = resized[id(base)]
            out.info = {}
            buffer = io.BytesIO()
            out.save(buffer, _PIL_FORMATS[fmt], xmp=xmp, exif=b"", **ENCODER_SETTINGS[fmt])
            data = buffer.getvalue()
            name = f"{stem}.{key[:HASH_LENGTH]}-{width}.{_EXTENSIONS[fmt]}"
            write_atomically(entry_dir / name, data)
            derivatives.append(Derivative(name, fmt, width, height, len(data)))
    largest = max(derivatives, key=lambda d: d.width)
    manifest = {
        "key": key,
        "pipeline": PIPELINE_VERSION,
        "width": largest.width,
        "height": largest.height,
        "derivatives": [d.__dict__ for d in derivatives],
    }
    # Written last: an entry exists only when all its files do.
    write_atomically(entry_dir / "manifest.json", json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8"))
    return tuple(derivatives), largest.width, largest.height


def _load_entry(cache_dir: Path, key: str):
    entry_dir = cache_dir / key
    try:
        manifest = json.loads((entry_dir / "manifest.json").read_text(encoding="utf-8"))
        derivatives = tuple(Derivative(**d) for d in manifest["derivatives"])
        for d in derivatives:
            if (entry_dir / d.path).stat().st_size != d.size:
                return None
        return derivatives, int(manifest["width"]), int(manifest["height"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def prune_cache(cache_dir: Path, keep: Iterable[str]) -> int:
    keep = set(keep)
    removed = 0
    if not cache_dir.is_dir():
        return 0
    for entry in cache_dir.iterdir():
        if entry.is_dir() and re.fullmatch(r"[0-9a-f]{64}", entry.name) and entry.name not in keep:
            shutil.rmtree(entry, ignore_errors=True)
            removed += 1
    return removed


def _publish(entry_dir: Path, out_dir: Path, derivatives: Sequence[Derivative]) -> None:
    """Hard-links (or copies) the cached files into out_dir, each atomically."""
    for d in derivatives:
        target = out_dir / d.path
        cached = entry_dir / d.path
        try:
            if target.stat().st_size == d.size:  # names carry the content hash
                continue
        except FileNotFoundError:
            pass
        temporary = out_dir / f".{d.path}.{os.getpid()}.{threading.get_ident()}.tmp"
        temporary.unlink(missing_ok=True)
        try:
            try:
                os.link(cached, temporary)
            except OSError:
                shutil.copyfile(cached, temporary)
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise


# --------------------------------------------------------------------------- markup


def picture_html(
    processed: ProcessedImage,
    alt: str,
    lang: str,
    sizes: str = "(max-width: 76em) 100vw, 960px",
    lazy: bool = True,
    src_prefix: str = "",
) -> str:
    def attr(value) -> str:
        return html.escape(str(value), quote=True)

    def srcset(items: list[Derivative]) -> str:
        return ", ".join(f"{src_prefix}{quote(d.path)} {d.width}w" for d in items)

    lines = ["<picture>"]
    for fmt in ("avif", "webp"):
        items = processed.of_format(fmt)
        if items:
            lines.append(f'  <source type="{_MIME[fmt]}" srcset="{attr(srcset(items))}" sizes="{attr(sizes)}">')
    jpegs = processed.of_format("jpeg")
    if not jpegs:
        raise ValueError(f"{processed.source}: no JPEG derivative to use as the fallback <img>")
    middle = jpegs[len(jpegs) // 2]
    img = [
        f'src="{attr(src_prefix + quote(middle.path))}"',
        f'srcset="{attr(srcset(jpegs))}"',
        f'sizes="{attr(sizes)}"',
        f'width="{processed.width}"',
        f'height="{processed.height}"',
        f'alt="{attr(alt)}"',
        f'lang="{attr(lang)}"',
    ]
    if lazy:
        img.append('loading="lazy"')
    img.append('decoding="async"')
    lines.append(f"  <img {' '.join(img)}>")
    lines.append("</picture>")
    return "\n".join(lines)
