"""sitemap.xml with hreflang alternates and real last-change dates, replacing the i18n plugin's.

Only real pages are listed (no untranslated fallback copies); each carries exactly the
alternates its own HTML head declares, and lastmod is the last commit that changed that
language's file (left out when git cannot tell, e.g. in a shallow clone).
"""

from __future__ import annotations

import gzip
import io
from datetime import datetime
from xml.sax.saxutils import escape, quoteattr

from .content import page_path
from .page_languages import alternates_for, translated_languages


def sitemap_xml(site_url: str, available: dict[str, set[str]], languages: tuple[str, ...], last_changed) -> str:
    """`last_changed(language, key)` returns a datetime or None."""
    base = site_url.rstrip("/") + "/"
    source = languages[0]
    keys = sorted(set().union(*available.values()))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for key in keys:
        translated = translated_languages(key, available, languages)
        alternates = alternates_for(key, translated, source)
        for language in translated:
            lines.append("  <url>")
            lines.append(f"    <loc>{escape(base + page_path(key, language, source))}</loc>")
            changed: datetime | None = last_changed(language, key)
            if changed is not None:
                lines.append(f"    <lastmod>{changed.date().isoformat()}</lastmod>")
            for hreflang, path in alternates:
                lines.append(f'    <xhtml:link rel="alternate" hreflang={quoteattr(hreflang)} href={quoteattr(base + path)}/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def gzip_bytes(data: bytes) -> bytes:
    """Gzip with a fixed header (no file name, mtime 0) so that builds stay byte-identical."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", filename="", mtime=0) as archive:
        archive.write(data)
    return out.getvalue()
