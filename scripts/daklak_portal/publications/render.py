"""A publication as print-ready HTML, PDF and EPUB 3, built only when its inputs changed.

PDF engine: WeasyPrint (PyPI, on Debian's Pango), chosen over Chromium's print because it does
what a print-ready A4 guide needs and Chromium does not: a table of contents with page numbers
(`target-counter`), running headers from the chapter titles (`string-set` in page margin
boxes) and PDF bookmarks; both embed the self-hosted fonts and keep links. Khmer has no spaces
between words, and Pango breaks lines only at spaces: a zero-width space is put between the
words khmer-nltk finds (the same segmenter as search), so that lines break between words.

Reproducible bytes: the PDF's dates are SOURCE_DATE_EPOCH (the last commit's date, as for the
site) and its identifier is derived from the content; the EPUB is a zip with fixed timestamps,
`mimetype` first and stored. Outputs are cached under .cache/portal/publications/, keyed on the
book's HTML, the fonts and this code's version.
"""

from __future__ import annotations

import hashlib
import io
import re
import sys
import zipfile
from datetime import datetime
from html import escape
from pathlib import Path

from ..build_cache import CACHE_FOLDER, code_version, input_key
from ..config import Settings, language_info
from ..files import write_atomically
from ..site_build.fonts import faces
from ..text_language import KHMER, SCRIPT_LETTERS
from .book import Chapter, Publication

_TEXT = re.compile(r">([^<]+)<")


def khmer_word_breaks(html: str) -> str:
    """A zero-width space between the Khmer words of every text node (not inside tags)."""
    from khmernltk import word_tokenize

    def words(run: re.Match) -> str:
        return "\u200b".join(word for word in word_tokenize(run.group(0)) if word)

    return _TEXT.sub(lambda node: ">" + KHMER.sub(words, node.group(1)) + "<", html)


def book_html(publication: Publication, language: str, chapters: list[Chapter], labels: dict[str, str], fonts_css: str) -> str:
    """The whole publication as one HTML document: cover, contents, chapters, sources, licence."""
    title = publication.titles.get(language) or publication.id
    toc = "".join(f'<li><a href="#chapter-{number}">{escape(chapter.title)}</a></li>' for number, chapter in enumerate(chapters, start=1))
    body = "".join(
        f'<section class="chapter"><h1 id="chapter-{number}">{escape(chapter.title)}</h1>{chapter.html}</section>' for number, chapter in enumerate(chapters, start=1)
    )
    sources = "".join(f"<section class=\"chapter-sources\"><h3>{escape(chapter.title)}</h3>{chapter.sources.replace('<h2', '<h4').replace('</h2>', '</h4>')}</section>" for chapter in chapters if chapter.sources)
    return f"""<!doctype html>
<html lang="{language}">
<head><meta charset="utf-8"><title>{escape(title)}</title>
<meta name="author" content="{escape(labels['publisher'])}">
<style>{PRINT_CSS}{fonts_css}</style></head>
<body>
<section class="cover"><p class="publisher">{escape(labels['publisher'])}</p><h1 class="title">{escape(title)}</h1>
<p class="as-of">{escape(labels['as_of'])}</p><p class="licence">{escape(labels['licence'])}</p></section>
<nav class="toc"><h2>{escape(labels['contents'])}</h2><ol>{toc}</ol></nav>
{body}
<section class="sources"><h1 id="sources">{escape(labels['sources'])}</h1>{sources}<p class="licence">{escape(labels['licence'])}</p></section>
</body></html>
"""


PRINT_CSS = """
@page { size: A4; margin: 22mm 20mm 24mm;
  @top-center { content: string(chapter); font-size: 8.5pt; color: #555; }
  @bottom-center { content: counter(page); font-size: 8.5pt; color: #555; } }
@page :first { @top-center { content: none; } @bottom-center { content: none; } }
body { font-size: 10.5pt; line-height: 1.5; color: #111; }
a { color: #1b5e3b; text-decoration: underline; }
.cover { page-break-after: always; padding-top: 70mm; }
.cover .title { font-size: 28pt; color: #0f3d26; margin: 8mm 0; bookmark-level: none; }
.cover .publisher { font-size: 12pt; color: #1b5e3b; }
.toc { page-break-after: always; }
.toc ol { list-style: none; padding: 0; }
.toc li a { color: #111; text-decoration: none; }
.toc li a::after { content: leader('.') target-counter(attr(href), page); }
.chapter { page-break-before: always; }
.chapter > h1 { string-set: chapter content(); font-size: 18pt; color: #0f3d26; bookmark-level: 1; }
h2 { font-size: 13pt; color: #0f3d26; bookmark-level: 2; }
h3 { font-size: 11pt; bookmark-level: none; }
.sources { page-break-before: always; font-size: 9pt; }
.sources h1 { string-set: chapter content(); font-size: 16pt; bookmark-level: 1; }
.sources h3 { font-size: 10pt; margin-top: 6mm; }
.sources h4 { display: none; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
th, td { border: 0.5pt solid #999; padding: 2pt 4pt; vertical-align: top; }
.admonition { border-left: 2pt solid #1b5e3b; padding-left: 4mm; }
.portal-map { margin: 4mm 0; max-width: 120mm; page-break-inside: avoid; }
.portal-map figcaption { font-weight: 700; }
.portal-map--place figcaption { font-weight: 400; }
ol.portal-map__places--numbered { list-style: none; padding-left: 0; }
.portal-map__number { display: inline-block; min-width: 1.4em; margin-right: 0.4em; border-radius: 1em; background: #b3261e; color: #fff; font-weight: 700; text-align: center; }
"""


def print_fonts(assets: Path, folder: Path, script: str) -> str:
    """The site's @font-face rules (docs/assets/css/fonts.css, each face with its unicode-range)
    pointing at TrueType copies of the font files, each renamed after its file: the faces of one
    family are split by range, and a PDF embeds fonts by name, so same-named faces would mix
    their glyphs ("đ" drawn with another face's glyph)."""
    from fontTools.ttLib import TTFont

    folder.mkdir(parents=True, exist_ok=True)
    rules, families, latin_families = [], [], set()
    for face in faces((assets / "css" / "fonts.css").read_text(encoding="utf-8")):
        stem = face.file.removesuffix(".woff2")
        target = folder / f"{stem}.ttf"
        if not target.is_file():
            font = TTFont(assets / "fonts" / face.file, recalcTimestamp=False)
            font.flavor = None
            font["name"].setName(f"Portal-{stem}", 6, 3, 1, 0x409)  # PostScript name: unique per face
            out = io.BytesIO()
            font.save(out)
            write_atomically(target, out.getvalue())
        family = "P-" + re.sub(r"-\d{3}-normal$", "", stem)
        rule = face.css.strip().replace(f'url("../fonts/{face.file}") format("woff2")', f'url("{target.resolve().as_uri()}")')
        rules.append(re.sub(r'font-family: "[^"]+";', f'font-family: "{family}";', rule))
        if family not in families:
            families.append(family)
        if 0x41 in face.unicode_range or 0x0110 in face.unicode_range:  # "A" or "Đ": a Latin face
            latin_families.add(family)
    # One family per face (Pango would treat same-named faces as one font); the last declared
    # first, as a browser tries them; a book in another script than Latin puts its script's
    # faces first (its digits and punctuation) and gets taller lines for stacked marks.
    latin = [family for family in reversed(families) if family in latin_families]
    others = [family for family in families if family not in latin]
    ordered = latin + others if script == "Latn" else others + latin
    stack = ", ".join(f'"{family}"' for family in ordered)
    rules.append(f"body {{ font-family: {stack}, sans-serif; line-height: {1.5 if script == 'Latn' else 1.8}; }}")
    rules.append(f"@page {{ @top-center {{ font-family: {stack}; }} @bottom-center {{ font-family: {stack}; }} }}")
    return "\n".join(rules)


def render_pdf(html: str, created: datetime) -> bytes:
    from weasyprint import HTML

    stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    dated = html.replace("<head>", f'<head><meta name="dcterms.created" content="{stamp}"><meta name="dcterms.modified" content="{stamp}">', 1)
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode()
    return HTML(string=dated).write_pdf(pdf_identifier=identifier, uncompressed_pdf=False)


def _zip_entry(archive: zipfile.ZipFile, name: str, data: str | bytes, stored: bool = False) -> None:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def _xhtml(html: str) -> str:
    """HTML fragments as XHTML: void elements closed, named entities the XML parser knows."""
    html = re.sub(r"<(br|hr|wbr|col)(\s[^>]*)?>", lambda match: f"<{match[1]}{match[2] or ''}/>", html)
    return html.replace("&nbsp;", "&#160;")


def render_epub(publication: Publication, language: str, chapters: list[Chapter], labels: dict[str, str], modified: datetime) -> bytes:
    title = escape(publication.titles.get(language) or publication.id)
    identifier = f"urn:daklak-portal:{publication.id}:{language}"
    pages = [(f"chapter-{number}.xhtml", chapter.title, f"<h1>{escape(chapter.title)}</h1>{_xhtml(chapter.html)}") for number, chapter in enumerate(chapters, start=1)]
    sources = "".join(f"<h2>{escape(chapter.title)}</h2>{_xhtml(chapter.sources)}" for chapter in chapters if chapter.sources)
    pages.append(("sources.xhtml", labels["sources"], f"<h1>{escape(labels['sources'])}</h1>{sources}<p>{escape(labels['licence'])}</p>"))
    pages.insert(0, ("cover.xhtml", labels["publisher"], f"<h1>{title}</h1><p>{escape(labels['publisher'])}</p><p>{escape(labels['as_of'])}</p><p>{escape(labels['licence'])}</p>"))

    def document(heading: str, body: str) -> str:
        return f'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="{language}" lang="{language}"><head><meta charset="utf-8"/><title>{escape(heading)}</title></head><body>{body}</body></html>\n'

    nav = "".join(f'<li><a href="{name}">{escape(heading)}</a></li>' for name, heading, _ in pages)
    manifest = "".join(f'<item id="p{number}" href="{name}" media-type="application/xhtml+xml"/>' for number, (name, _, _) in enumerate(pages))
    spine = "".join(f'<itemref idref="p{number}"/>' for number in range(len(pages)))
    opf = f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id" xml:lang="{language}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">{identifier}</dc:identifier><dc:title>{title}</dc:title><dc:language>{language}</dc:language><dc:publisher>{escape(labels['publisher'])}</dc:publisher><dc:rights>{escape(labels['licence'])}</dc:rights><meta property="dcterms:modified">{modified.strftime('%Y-%m-%dT%H:%M:%SZ')}</meta></metadata>
<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>{manifest}</manifest>
<spine>{spine}</spine>
</package>
"""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        _zip_entry(archive, "mimetype", "application/epub+zip", stored=True)
        _zip_entry(archive, "META-INF/container.xml", '<?xml version="1.0"?>\n<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>\n')
        _zip_entry(archive, "OEBPS/content.opf", opf)
        _zip_entry(archive, "OEBPS/nav.xhtml", document(labels["contents"], f'<nav epub:type="toc"><h1>{escape(labels["contents"])}</h1><ol>{nav}</ol></nav>'))
        for name, heading, body in pages:
            _zip_entry(archive, f"OEBPS/{name}", document(heading, body))
    return out.getvalue()


def cache_folder(settings: Settings) -> Path:
    return settings.root / CACHE_FOLDER / "publications"


def site_print_fonts(settings: Settings, script: str) -> str:
    """print_fonts for the site's fonts, their TrueType copies kept in the cache."""
    folder = cache_folder(settings) / f"fonts-{code_version((sys.modules[__name__],), ('fonttools',))}"
    return print_fonts(settings.docs_dir / "assets", folder, script)


def print_ready(html: str, language: str) -> str:
    """The document as WeasyPrint gets it: in a script without spaces between words, a line
    break opportunity between words (Pango breaks lines only at spaces); drawings without the
    labels it cannot shape."""
    html = without_unshaped_svg_text(html)
    return khmer_word_breaks(html) if language_info(language).joins_lines else html


_SVG = re.compile(r"<svg\b.*?</svg>", re.S)
_SVG_TEXT = re.compile(r"<text\b[^>]*>([^<]*)</text>")
_DIGITS = re.compile("[\u17e0-\u17e9\u0ed0-\u0ed9]")  # Khmer and Lao digits


def without_unshaped_svg_text(html: str) -> str:
    """Maps and charts without their Khmer and Lao labels: WeasyPrint draws SVG text glyph by
    glyph, without shaping, so those scripts would print broken (the list or table beside each
    drawing says the same in shaped text). Latin labels and digits stay."""

    def label(text: re.Match) -> str:
        letters = _DIGITS.sub("", text.group(1))  # digits are single glyphs: they print well
        return "" if any(script.search(letters) for script in SCRIPT_LETTERS.values()) else text.group(0)

    def drawing(svg: re.Match) -> str:
        return _SVG_TEXT.sub(label, svg.group(0))

    return _SVG.sub(drawing, html)


def cached(settings: Settings, html: str, created: datetime, extension: str, render, *inputs: str) -> bytes:
    """A file made from a print-ready document (and any other inputs), from the cache when the
    document (without its font paths), the fonts, the date, the inputs and this code are the same."""
    fonts = b"".join(path.read_bytes() for path in sorted((settings.docs_dir / "assets" / "fonts").glob("*.woff2")))
    version = code_version((sys.modules[__name__],), ("weasyprint", "pydyf", "fonttools"))
    path = cache_folder(settings) / f"{input_key(version, html.split('</style>', 1)[1], fonts, created.isoformat(), *inputs)}.{extension}"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, render())
    return path.read_bytes()


def cached_outputs(settings: Settings, publication: Publication, language: str, chapters: list[Chapter], labels: dict[str, str], created: datetime) -> dict[str, bytes]:
    """{extension: bytes} of the PDF and EPUB, from the cache when their inputs are unchanged."""
    html = print_ready(book_html(publication, language, chapters, labels, site_print_fonts(settings, language_info(language).script)), language)
    labelled = repr(sorted(labels.items()))
    # (render_pdf and render_epub looked up when called: the tests count the calls)
    return {
        "pdf": cached(settings, html, created, "pdf", lambda: render_pdf(html, created), labelled),
        "epub": cached(settings, html, created, "epub", lambda: render_epub(publication, language, chapters, labels, created), labelled),
    }
