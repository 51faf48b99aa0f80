"""The image pipeline (scripts/daklak_portal/images.py): each test makes its own images."""

from __future__ import annotations

import io
import re
import struct
import warnings
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageFile

from daklak_portal import images
from daklak_portal.errors import PortalError
from daklak_portal.images import ImageError, picture_html, process_image, read_sidecar

WIDTHS = (100, 150)
LANGUAGES = ("vi", "en", "km")
META = {
    "alt": {"vi": "Hồ Lắk", "en": "Lắk Lake", "km": "បឹងឡាក់"},
    "caption": {"vi": "Hồ Lắk lúc bình minh", "en": "Lắk Lake at dawn"},
    "creator": "Nguyễn Văn Ảnh",
    "credit": "Ảnh: Nguyễn Văn Ảnh / Sở VHTTDL",
    "license": "CC BY-SA 4.0",
    "license_url": "https://creativecommons.org/licenses/by-sa/4.0/",
    "source": "https://example.org/photo/1",
}
SIDECAR = """\
alt:
  vi: Hồ Lắk lúc bình minh
  en: Lắk Lake at sunrise
  km: បឹងឡាក់ពេលថ្ងៃរះ
caption:
  vi: Hồ Lắk
creator: Nguyễn Văn Ảnh
credit: "Ảnh: Nguyễn Văn Ảnh"
license: CC BY-SA 4.0
license_url: https://creativecommons.org/licenses/by-sa/4.0/
source: https://example.org/photo/1
"""


def photo(size=(300, 200), seed=1) -> Image.Image:
    """A photo-like image: a gradient with noise, a red stripe along the top rows."""
    noise = Image.effect_noise(size, 40 + seed).convert("RGB")
    gradient = Image.linear_gradient("L").resize(size).convert("RGB")
    image = Image.blend(noise, gradient, 0.5)
    image.paste((255, 0, 0), (0, 0, size[0], max(1, size[1] // 10)))
    return image


def gps_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "SecretCamMaker"  # Make
    gps = exif.get_ifd(0x8825)  # GPSInfo
    gps[1] = "N"
    gps[2] = (12.0, 40.0, 5.5)
    gps[3] = "E"
    gps[4] = (108.0, 3.0, 0.0)
    gps[18] = "WGS-84"
    return exif


def save_jpeg(path: Path, orientation: int = 1, size=(300, 200), seed=1) -> Path:
    photo(size, seed).save(path, "JPEG", quality=90, exif=gps_exif(orientation))
    return path


def run(tmp_path: Path, source: Path, meta=META, out="out", widths=WIDTHS, **kw):
    return process_image(source, tmp_path / out, tmp_path / "cache", meta, widths, root=tmp_path, **kw)


def test_no_exif_or_gps_in_any_derivative(tmp_path):
    source = save_jpeg(tmp_path / "lak-lake.jpg")
    with Image.open(source) as original:  # the fixture really carries GPS
        assert original.getexif().get_ifd(0x8825)[18] == "WGS-84"
    result = run(tmp_path, source)
    assert result.did_work
    assert {d.format for d in result.derivatives} >= {"webp", "jpeg"}
    for d in result.derivatives:
        data = (tmp_path / "out" / d.path).read_bytes()
        with Image.open(io.BytesIO(data)) as output:
            assert len(output.getexif()) == 0, d.path
            assert "exif" not in output.info, d.path
        assert b"GPS" not in data and b"Exif" not in data, d.path
        assert b"WGS-84" not in data and b"SecretCamMaker" not in data, d.path


def test_xmp_carries_creator_licence_and_caption(tmp_path):
    result = run(tmp_path, save_jpeg(tmp_path / "lak-lake.jpg"))
    for d in result.derivatives:
        with Image.open(tmp_path / "out" / d.path) as output:
            xmp = output.info.get("xmp")
        assert xmp, f"{d.path}: no XMP"
        text = xmp.decode("utf-8") if isinstance(xmp, bytes) else xmp
        assert "Nguyễn Văn Ảnh" in text
        assert "CC BY-SA 4.0" in text and "https://creativecommons.org/licenses/by-sa/4.0/" in text
        # Every caption, each marked with its language; the source language's is also the default.
        assert '<rdf:li xml:lang="x-default">Hồ Lắk lúc bình minh</rdf:li><rdf:li xml:lang="vi">Hồ Lắk lúc bình minh</rdf:li>' in text
        assert '<rdf:li xml:lang="en">Lắk Lake at dawn</rdf:li>' in text
        assert "Ảnh: Nguyễn Văn Ảnh / Sở VHTTDL" in text


def test_orientation_applied_before_resizing(tmp_path):
    # Stored 300 × 200 with the red stripe on top; orientation 6 displays it rotated 90° clockwise:
    # 200 × 300, the stripe along the right edge.
    result = run(tmp_path, save_jpeg(tmp_path / "turned.jpg", orientation=6))
    assert (result.width, result.height) == (150, 225)
    for d in result.derivatives:
        with Image.open(tmp_path / "out" / d.path) as output:
            rgb = output.convert("RGB")
            w, h = rgb.size
            assert h > w, f"{d.path} is {w}×{h}, not portrait"
            right = rgb.getpixel((w - 2, h // 2))
            left = rgb.getpixel((1, h // 2))
            assert right[0] > 180 and right[1] < 90, f"{d.path}: stripe not on the right ({right})"
            assert not (left[0] > 180 and left[1] < 90)


def test_widths_never_upscale(tmp_path):
    source = tmp_path / "small.png"
    photo((120, 80)).save(source)
    result = run(tmp_path, source, widths=(100, 480, 960))
    assert sorted({d.width for d in result.derivatives}) == [100]
    assert all(d.width <= 120 for d in result.derivatives)
    tiny = tmp_path / "tiny.png"
    photo((60, 40)).save(tiny)
    result = run(tmp_path, tiny, widths=(100, 480))
    assert {(d.width, d.height) for d in result.derivatives} == {(60, 40)}
    for d in result.derivatives:
        with Image.open(tmp_path / "out" / d.path) as output:
            assert output.size == (d.width, d.height)


def test_names_carry_a_content_hash(tmp_path):
    result = run(tmp_path, save_jpeg(tmp_path / "lak-lake.jpg"))
    for d in result.derivatives:
        assert re.fullmatch(r"lak-lake\.[0-9a-f]{8}-(100|150)\.(avif|webp|jpg)", d.path), d.path
        assert d.path.split(".")[1].split("-")[0] == result.key[:8]


def test_corrupt_file_raises_image_error(tmp_path):
    for name, data in [("notes.jpg", b"this is not an image at all"), ("broken.jpg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)]:
        source = tmp_path / name
        source.write_bytes(data)
        with pytest.raises(ImageError) as caught:
            run(tmp_path, source)
        assert name in str(caught.value)
        assert isinstance(caught.value, PortalError)


def test_truncated_jpeg_raises_image_error(tmp_path):
    assert not ImageFile.LOAD_TRUNCATED_IMAGES
    whole = save_jpeg(tmp_path / "whole.jpg", size=(400, 300)).read_bytes()
    source = tmp_path / "cut.jpg"
    source.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ImageError) as caught:
        run(tmp_path, source, page="docs/vi/places/lak-lake.md")
    message = str(caught.value)
    assert "cut.jpg" in message and "docs/vi/places/lak-lake.md" in message
    assert "truncated" in message
    assert not list((tmp_path / "out").glob("*"))  # nothing published for a failed original


def _png_declaring(path: Path, width: int, height: int) -> Path:
    """A few hundred bytes of PNG whose header declares width × height (a pixel bomb)."""
    raw = zlib.compress(b"\x00" * 1000)
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", raw) + chunk(b"IEND", b""))
    return path


# Pillow's error (> 179 Mpx), Pillow's warning (> 89 Mpx), the project's limit (> 50 Mpx)
@pytest.mark.parametrize("width,height", [(20000, 20000), (10000, 10000), (8000, 7000)])
def test_pixel_bomb_refused_before_decoding(tmp_path, monkeypatch, width, height):
    source = _png_declaring(tmp_path / "bomb.png", width, height)
    assert source.stat().st_size < 1000

    def no_decoding(self, *args, **kwargs):
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    with warnings.catch_warnings(record=True) as warned, pytest.raises(ImageError) as caught:
        warnings.simplefilter("always")
        run(tmp_path, source)
    assert "bomb.png" in str(caught.value) and "too large" in str(caught.value)
    assert not [w for w in warned if issubclass(w.category, Image.DecompressionBombWarning)]  # an error, not a warning


def test_missing_file_raises_image_error(tmp_path):
    with pytest.raises(ImageError) as caught:
        run(tmp_path, tmp_path / "gone.jpg")
    assert "gone.jpg" in str(caught.value) and "does not exist" in str(caught.value)


def test_unsupported_format_raises_image_error(tmp_path):
    source = tmp_path / "anim.gif"
    photo((20, 20)).save(source)
    with pytest.raises(ImageError, match="anim.gif.*unsupported"):
        run(tmp_path, source)
    disguised = tmp_path / "disguised.jpg"  # a GIF named .jpg
    photo((20, 20)).save(disguised, "GIF")
    with pytest.raises(ImageError, match="disguised.jpg"):
        run(tmp_path, disguised)


def test_second_run_does_no_image_work(tmp_path, monkeypatch):
    source = save_jpeg(tmp_path / "lak-lake.jpg")
    first = run(tmp_path, source)
    assert first.did_work

    def forbidden(*args, **kwargs):
        raise AssertionError("the warm run decoded or encoded an image")

    monkeypatch.setattr(Image, "open", forbidden)
    monkeypatch.setattr(Image.Image, "save", forbidden)
    monkeypatch.setattr(Image.Image, "resize", forbidden)
    second = run(tmp_path, source, out="out-again")
    assert not second.did_work
    assert second.derivatives == first.derivatives
    assert (second.width, second.height) == (first.width, first.height)
    for d in first.derivatives:
        assert (tmp_path / "out-again" / d.path).read_bytes() == (tmp_path / "out" / d.path).read_bytes()
    third = run(tmp_path, source)  # into the same out_dir: still nothing to do
    assert not third.did_work


def test_changed_metadata_or_bytes_redo_the_work(tmp_path):
    source = save_jpeg(tmp_path / "lak-lake.jpg")
    first = run(tmp_path, source)
    changed_meta = run(tmp_path, source, meta={**META, "creator": "Trần Thị B"})
    assert changed_meta.did_work and changed_meta.key != first.key
    assert {d.path for d in changed_meta.derivatives}.isdisjoint(d.path for d in first.derivatives)
    with Image.open(tmp_path / "out" / changed_meta.of_format("jpeg")[0].path) as output:
        assert "Trần Thị B" in output.info["xmp"].decode("utf-8")
    save_jpeg(source, seed=7)
    changed_bytes = run(tmp_path, source)
    assert changed_bytes.did_work and changed_bytes.key not in (first.key, changed_meta.key)
    # Alt text is not in the files: changing it re-uses the cache.
    new_alt = run(tmp_path, source, meta={**META, "alt": {"vi": "khác", "en": "other", "km": "ផ្សេង"}})
    assert not new_alt.did_work


def test_interrupted_run_leaves_no_partial_files(tmp_path, monkeypatch):
    source = save_jpeg(tmp_path / "lak-lake.jpg")
    real_save = Image.Image.save
    calls = []

    def failing_save(self, fp, *args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real_save(self, fp, *args, **kwargs)

    monkeypatch.setattr(Image.Image, "save", failing_save)
    with pytest.raises(KeyboardInterrupt):
        run(tmp_path, source)
    assert not list((tmp_path / "out").glob("*"))
    assert not list((tmp_path / "cache").rglob("manifest.json"))
    assert not list((tmp_path / "cache").rglob("*.tmp"))
    monkeypatch.setattr(Image.Image, "save", real_save)
    assert run(tmp_path, source).did_work  # the next run starts over and completes


def test_without_avif_the_result_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "avif_supported", lambda: False)
    result = run(tmp_path, save_jpeg(tmp_path / "lak-lake.jpg"))
    assert {d.format for d in result.derivatives} == {"webp", "jpeg"}
    assert any("AVIF" in note for note in result.notes)
    assert "image/avif" not in picture_html(result, "Hồ Lắk", "vi")


def test_sidecar_missing_km_alt_is_a_finding(tmp_path):
    image = tmp_path / "lak-lake.jpg"
    save_jpeg(image)
    (tmp_path / "lak-lake.yml").write_text(SIDECAR.replace("  km: បឹងឡាក់ពេលថ្ងៃរះ\n", ""), encoding="utf-8")
    data, findings = read_sidecar(image, root=tmp_path, languages=LANGUAGES)
    assert data["creator"] == "Nguyễn Văn Ảnh"
    assert len(findings) == 1, findings
    finding = findings[0]
    assert finding.path == "lak-lake.yml" and finding.line == 1
    assert "alt text in Khmer (km)" in finding.message


def test_complete_sidecar_has_no_findings(tmp_path):
    image = tmp_path / "lak-lake.jpg"
    (tmp_path / "lak-lake.yml").write_text(SIDECAR, encoding="utf-8")
    assert read_sidecar(image, root=tmp_path, languages=LANGUAGES)[1] == []
    assert images.check_sidecar(image, root=tmp_path, languages=LANGUAGES) == []


def test_sidecar_problems_are_findings(tmp_path):
    image = tmp_path / "hill.png"
    _, findings = read_sidecar(image, root=tmp_path, languages=LANGUAGES)
    assert [f.path for f in findings] == ["hill.png"] and "hill.yml" in findings[0].message

    (tmp_path / "hill.yml").write_text("alt:\n  vi: Đồi\n  en: [unclosed\n", encoding="utf-8")
    _, findings = read_sidecar(image, root=tmp_path, languages=LANGUAGES)
    assert len(findings) == 1 and "not valid YAML" in findings[0].message and findings[0].line is not None

    text = SIDECAR.replace("license_url: https://creativecommons.org/licenses/by-sa/4.0/\n", "").replace("creator:", "photographer:")
    (tmp_path / "hill.yml").write_text(text, encoding="utf-8")
    messages = {f.message.split(":")[0]: f for f in read_sidecar(image, root=tmp_path, languages=LANGUAGES)[1]}
    assert any("`creator` is missing" in m for m in messages)
    assert any("`license_url` is missing" in m for m in messages)
    assert any("unknown key `photographer`" in m for m in messages)


def test_picture_html(tmp_path):
    result = run(tmp_path, save_jpeg(tmp_path / "lak-lake.jpg"), widths=(100, 150, 200, 1000))
    markup = picture_html(result, 'Hồ "Lắk" <sáng>', "vi", src_prefix="/assets/images/")
    assert markup.startswith("<picture>") and markup.endswith("</picture>")
    if "avif" in result.formats:
        assert '<source type="image/avif" srcset="/assets/images/lak-lake.' in markup
    assert '<source type="image/webp" srcset="' in markup
    assert markup.count('sizes="(max-width: 76em) 100vw, 960px"') == len(result.formats)
    jpeg_middle = result.of_format("jpeg")[1].path  # 100, 150, 200: the middle one
    assert f'src="/assets/images/{jpeg_middle}"' in markup and jpeg_middle.endswith("-150.jpg")
    assert 'width="200" height="133"' in markup
    assert 'alt="Hồ &quot;Lắk&quot; &lt;sáng&gt;"' in markup
    assert 'lang="vi"' in markup and 'loading="lazy"' in markup and 'decoding="async"' in markup
    assert "300w" not in markup and "1000w" not in markup
    eager = picture_html(result, "x", "en", lazy=False)
    assert "loading=" not in eager and 'decoding="async"' in eager


def test_prune_cache_keeps_only_the_given_keys(tmp_path):
    first = run(tmp_path, save_jpeg(tmp_path / "a.jpg"))
    second = run(tmp_path, save_jpeg(tmp_path / "b.jpg", seed=3))
    assert images.prune_cache(tmp_path / "cache", {second.key}) == 1
    assert not (tmp_path / "cache" / first.key).exists()
    assert not run(tmp_path, tmp_path / "b.jpg").did_work
    assert run(tmp_path, tmp_path / "a.jpg").did_work


def test_process_images_reports_every_bad_original(tmp_path):
    good = save_jpeg(tmp_path / "good.jpg")
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"\xff\xd8\xff garbage")
    results = images.process_images([(good, META), (bad, META), (tmp_path / "gone.png", META)], tmp_path / "out", tmp_path / "cache", WIDTHS, root=tmp_path)
    assert isinstance(results[0], images.ProcessedImage) and results[0].did_work
    assert isinstance(results[1], ImageError) and "bad.jpg" in str(results[1])
    assert isinstance(results[2], ImageError) and "gone.png" in str(results[2])


def test_cold_runs_are_byte_identical(tmp_path):
    # The README promises byte-identical builds: two empty caches give the same files.
    source = save_jpeg(tmp_path / "lak-lake.jpg")
    one = process_image(source, tmp_path / "out1", tmp_path / "cache1", META, WIDTHS)
    two = process_image(source, tmp_path / "out2", tmp_path / "cache2", META, WIDTHS)
    assert one.did_work and two.did_work and one.derivatives == two.derivatives
    for d in one.derivatives:
        assert (tmp_path / "out1" / d.path).read_bytes() == (tmp_path / "out2" / d.path).read_bytes(), d.path
