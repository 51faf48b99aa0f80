"""Images in a built page: <picture> with the page language's alt text, no original published,
and a broken image stops the build naming the file."""

from PIL import Image

from conftest import BASIC_PAGES, build, make_site

SIDECAR = """alt:
  vi: Mặt hồ lúc bình minh
  en: The lake at dawn
  km: បឹងពេលព្រឹកព្រលឹម
caption:
  vi: Hồ Lắk lúc bình minh
  en: Lắk Lake at dawn
creator: Portal test
license: CC BY 4.0
license_url: https://creativecommons.org/licenses/by/4.0/
source: made by the test
"""


def site_with_image(tmp_path, image_bytes=None):
    pages = {
        **BASIC_PAGES,
        "vi/province/index.md": "---\ntitle: Tổng quan\n---\n## Vị trí {#location}\n\n![Ảnh](../assets/images/lake.jpg)\n\n![Ảnh 2](../assets/images/lake.jpg)\n",
        "en/province/index.md": "---\ntitle: Overview\n---\n## Location {#location}\n\n![Photo](../assets/images/lake.jpg)\n",
    }
    root = make_site(tmp_path / "src", pages)
    images = root / "docs/assets/images"
    images.mkdir(parents=True, exist_ok=True)
    if image_bytes is None:
        picture = Image.new("RGB", (1200, 800), (30, 90, 60))
        exif = Image.Exif()
        exif.get_ifd(0x8825)[2] = (12.0, 40.0, 1.0)  # a GPS latitude
        picture.save(images / "lake.jpg", exif=exif)
    else:
        (images / "lake.jpg").write_bytes(image_bytes)
    (images / "lake.yml").write_text(SIDECAR, encoding="utf-8")
    return root


def test_picture_with_alt_caption_and_credit_in_the_page_language_and_no_original(tmp_path):
    root = site_with_image(tmp_path)
    result = build(root)
    assert result.returncode == 0, result.output
    vi = (root / "site/province/index.html").read_text(encoding="utf-8")
    en = (root / "site/en/province/index.html").read_text(encoding="utf-8")
    assert vi.count("<picture>") == 2 and 'type="image/webp"' in vi
    assert 'alt="Mặt hồ lúc bình minh" lang="vi"' in vi and 'alt="The lake at dawn" lang="en"' in en
    assert vi.count('loading="lazy"') == 1  # the first image loads at once, the next lazily
    # Under each photo its caption and credit and licence, linked, in the page's language:
    # visible attribution is a condition of CC BY.
    km = (root / "site/km/province/index.html").read_text(encoding="utf-8")  # a fallback copy of the Vietnamese page
    licence = '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>'
    assert f'<span class="portal-image-caption">Hồ Lắk lúc bình minh</span> · <span class="portal-image-credit">Ảnh: Portal test, {licence}</span>' in vi
    assert f'<span class="portal-image-caption">Lắk Lake at dawn</span> · <span class="portal-image-credit">Photo: Portal test, {licence}</span>' in en
    assert vi.count('class="portal-image-credit"') == 2 and "Ảnh: Portal test" in km
    published = sorted(p.name for p in (root / "site/assets/images").iterdir())
    assert "lake.jpg" not in published and "lake.yml" not in published
    # A 1200-pixel original: derivatives 480 and 960 wide (none wider than the original), each
    # named in the page's srcset and published.
    widths = sorted(int(name.rsplit("-", 1)[1].split(".")[0]) for name in published if name.endswith(".jpg"))
    assert widths == [480, 960], published
    for name in (name for name in published if name.startswith("lake.")):
        assert f"assets/images/{name}" in vi, name
    for name in published:
        if name.endswith(".jpg"):
            with Image.open(root / "site/assets/images" / name) as derivative:
                assert not derivative.getexif()  # no GPS, no camera data


def test_corrupt_image_stops_the_build_naming_the_file(tmp_path):
    root = site_with_image(tmp_path, image_bytes=b"\xff\xd8\xff\xe0 not really a jpeg")
    result = build(root)
    assert result.returncode == 1 and "Traceback" not in result.output
    assert "lake.jpg" in result.output and "image(s) cannot be used" in result.output


def test_missing_alt_text_is_a_lint_error(tmp_path):
    root = site_with_image(tmp_path)
    (root / "docs/assets/images/lake.yml").write_text(SIDECAR.replace("  km: បឹងពេលព្រឹកព្រលឹម\n", ""), encoding="utf-8")
    result = build(root)
    assert result.returncode == 1 and "docs/assets/images/lake.yml" in result.output and "Khmer" in result.output


def test_the_image_cache_keeps_only_the_images_in_use(tmp_path):
    """Replacing a photo leaves no derivatives of the old one in .cache/ (it would only grow)."""
    from daklak_portal.page_images import PageImages

    root = site_with_image(tmp_path)
    images = PageImages(root / "docs", root)
    assert images.process() == []
    first = {p.name for p in images.cache_dir.rglob("*") if p.is_file()}
    Image.new("RGB", (1200, 800), (200, 40, 40)).save(root / "docs/assets/images/lake.jpg")
    again = PageImages(root / "docs", root)
    assert again.process() == []
    cached = {p.name for p in again.cache_dir.rglob("*") if p.is_file()}
    published = {d.path for d in again.processed["lake.jpg"].derivatives}
    assert published <= cached and not (published & first)
    assert not {name for name in first - {"manifest.json"} if name in cached}  # the old photo's files are gone
