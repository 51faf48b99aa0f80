"""The bulletin's bilingual editions: Vietnamese with English, Vietnamese with Khmer.

Each issue (bulletin.py) and each article it collects are paired unit by unit (the units of
the translation exchange, exchange/units.py): a Vietnamese paragraph beside its translation on
wide screens, one after the other on phones, each marked with its language. An article not yet
translated into the edition's second language is shown in Vietnamese with the same notice as
the site's untranslated pages. Written as a web page and a PDF per edition under
site/publications/bulletin/.
"""

from __future__ import annotations

import posixpath
import re
from html import escape

import markdown as python_markdown

from ..bulletin import BULLETIN_PREFIX, edition_name, read_issue
from ..config import Settings
from ..content import page_path, read_source_file
from ..exchange.units import META, page_units
from ..translations import load_translations
from .book import is_translated

BILINGUAL_CSS = """
body { margin: 0 auto; max-width: 70rem; padding: 1rem; color: #111; line-height: 1.75; }
a { color: #1b5e3b; text-decoration: underline; }
h1 { color: #0f3d26; font-size: 1.6rem; }
h2 { color: #0f3d26; font-size: 1.25rem; margin-top: 2.5rem; border-top: 1px solid #ccc; padding-top: 1rem; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 0 2rem; }
.pair > div > :first-child { margin-top: 0.6rem; }
.notice { background: #fff4d6; border-left: 4px solid #8a6100; padding: 0.5rem 0.8rem; }
.table { overflow-x: auto; } table { border-collapse: collapse; } th, td { border-bottom: 1px solid #ccc; padding: 0.4rem 0.6rem; text-align: left; }
@media screen and (max-width: 44rem) { .pair { grid-template-columns: 1fr; } .pair > div + div { border-left: 3px solid #1b5e3b; padding-left: 0.7rem; } }
@media print { body { font-size: 9.5pt; max-width: none; padding: 0; } .pair { display: table; width: 100%; table-layout: fixed; } .pair > div { display: table-cell; width: 50%; vertical-align: top; padding-right: 5mm; } }
@page { size: A4; margin: 18mm 15mm 20mm; @bottom-center { content: counter(page); font-size: 8pt; } }
"""
_MD_LINK = re.compile(r'href="(?![a-z]+:|#|/)([^"#]+\.md)(#[^"]*)?"')


def _html(text: str, kind: str, key: str, language: str, settings: Settings) -> str:
    """A unit's Markdown as HTML, its links to other pages made absolute (the edition stands alone)."""
    html = python_markdown.markdown(text, extensions=["attr_list"])
    if kind == "heading":
        html = f"<h3>{html.removeprefix('<p>').removesuffix('</p>')}</h3>"
    base = settings.site_url.rstrip("/") + "/"
    return _MD_LINK.sub(lambda match: f'href="{base}{page_path(posixpath.normpath(posixpath.join(posixpath.dirname(key), match[1])), language, settings.source_language)}{match[2] or ""}"', html)


def edition_html(settings: Settings, issue_key: str, second: str, style: str) -> tuple[str, str]:
    """(title, whole HTML document) of an issue's bilingual edition with `second`; `style` is the
    document's <link> to its stylesheet (the web page: the site's policy allows no inline style)
    or a <style> element (the PDF)."""
    source = settings.source_language
    issue = read_issue(read_source_file(settings.language_dir(source) / issue_key, settings, language=source, key=issue_key))
    notice = load_translations(second).gettext("This page has not been translated yet. It is shown in the original Vietnamese.")
    sections, titles = [], {}
    for key in (issue_key, *issue.articles):
        units = page_units(settings, key, second, [], with_reference=False).units
        translated = is_translated(settings, key, second)
        title = {unit.id: unit for unit in units}.get(f"{META}/title")
        heading = f'<span lang="{source}">{escape(title.source)}</span>' + (f' / <span lang="{second}">{escape(title.target)}</span>' if translated and title.target else "")
        if key == issue_key:
            titles = {"source": title.source, "second": title.target if translated and title.target else ""}
        rows = [] if translated else [f'<div class="pair"><div></div><div lang="{second}"><p class="notice">{escape(notice)}</p></div></div>']
        for unit in units:
            if unit.section == META:
                continue
            left = f'<div lang="{source}">{_html(unit.source, unit.kind, key, source, settings)}</div>'
            right = f'<div lang="{second}">{_html(unit.target, unit.kind, key, second, settings)}</div>' if translated and unit.target else "<div></div>"
            rows.append(f'<div class="pair">{left}{right}</div>')
        sections.append(f"<section><h2>{heading}</h2>{''.join(rows)}</section>")
    document_title = titles["source"] + (f" / {titles['second']}" if titles["second"] else "")
    page = f"""<!doctype html>
<html lang="{source}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(document_title)}</title>
{style}</head>
<body><main>
<h1><span lang="{source}">{escape(titles["source"])}</span>{f' / <span lang="{second}">{escape(titles["second"])}</span>' if titles["second"] else ""}</h1>
{"".join(sections)}
</main></body></html>
"""
    return document_title, page


def bulletin_issues(settings: Settings) -> list[str]:
    """The keys of the issues (source pages with a `bulletin:` block), newest number first."""
    folder = settings.language_dir(settings.source_language) / BULLETIN_PREFIX
    issues = []
    for path in sorted(folder.glob("*.md")):
        key = BULLETIN_PREFIX + path.name
        issue = read_issue(read_source_file(path, settings, language=settings.source_language, key=key))
        if issue is not None:
            issues.append((issue.number, key))
    return [key for _, key in sorted(issues, reverse=True)]


def edition_names(settings: Settings) -> list[tuple[str, str, str]]:
    """(issue key, second language, file name without extension) of every bilingual edition."""
    return [(key, second, edition_name(key, second, settings.source_language)) for key in bulletin_issues(settings) for second in settings.built_languages if second != settings.source_language]
