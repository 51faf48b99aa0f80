"""What the build writes into the legal database's pages, in the reader's language: a
document's notice, facts and relations; a procedure's facts; the listing with its filters.

The facts come from the Vietnamese page's front matter (model.py), the labels from the Babel
catalogs, the dates from Babel in the page's locale. Links between pages are site paths in the
reader's language (a page not translated yet is shown there in Vietnamese, as every page is).
"""

from __future__ import annotations

import html
from datetime import date
from urllib.parse import urlsplit

from babel.numbers import format_decimal

from ..config import language_info
from ..content import SourceFile, page_path
from ..dates import format_reader_date
from ..text_language import title_language
from .model import LEGAL_INDEX, LegalDatabase, LegalDocument, Procedure
from .numbers import search_variants
from .vocabulary import BODIES, DOCUMENT_TYPES, RELATIONS, STATUSES, SUBJECTS

FILTER_SCRIPT = "assets/javascripts/portal-legal-filter.js"


class _Page:
    """One page's languages, labels and links. `language` is the one the page is written in
    (labels, titles, dates); `reader` the language of the build it is in (the links): they
    differ on a copy of the Vietnamese page in a language it is not translated into."""

    def __init__(self, reader: str, language: str, source: str, pages: dict[str, dict[str, SourceFile]], site_root: str, gettext):
        self.reader, self.language, self.source, self.pages, self.root, self.gettext = reader, language, source, pages, site_root, gettext

    def url(self, key: str) -> str:
        return self.root + page_path(key, self.reader, self.source)

    def title(self, key: str) -> str:
        """The page's title as a link label: in the reader's language, or the Vietnamese title
        marked as such."""
        own = self.pages.get(self.language, {}).get(key)
        if own is not None:
            return html.escape(str(own.meta.get("title", "")))
        title = html.escape(str(self.pages[self.source][key].meta.get("title", "")))
        return f'<span lang="{self.source}">{title}</span>'

    def day(self, value: date) -> str:
        return f'<time datetime="{value.isoformat()}">{format_reader_date(value, self.language)}</time>'

    def rows(self, rows: list[tuple[str, str]], css: str) -> str:
        items = "".join(f"<dt>{html.escape(label)}</dt><dd>{value}</dd>" for label, value in rows if value)
        return f'<dl class="{css}">{items}</dl>'

    def document_link(self, document: LegalDocument) -> str:
        """A link to a document's page, its number after the title when the title lacks it."""
        title = self.title(document.key)
        number = "" if document.number in html.unescape(title) else f" ({html.escape(document.number)})"
        return self.link(self.url(document.key), title) + number

    def marked(self, text: str) -> str:
        """A name or title as written in its source, marked with its language when that is
        recognised and is not the page's (read with the right voice)."""
        lang = title_language(text)
        shown = html.escape(text)
        return f'<span lang="{lang}">{shown}</span>' if lang and lang != self.language else shown

    def link(self, url: str, label: str) -> str:
        return f'<a href="{html.escape(url)}">{label}</a>'


def _notice(page: _Page, url: str, procedure: bool = False) -> str:
    """The notice above a document's or procedure's facts: a summary for reference; on a
    translated page, a translation with no legal force; a link to the official Vietnamese text
    (or, for a procedure, its official page)."""
    _ = page.gettext
    if procedure:
        if page.language == page.source:
            text = _("This summary of the procedure was written by the portal for reference. The official description:")
        else:
            text = _("This page is a summary and translation for reference only and has no legal force. The official description, in Vietnamese:")
        label = _("the public service portal")
    else:
        if page.language == page.source:
            text = _("This summary was written by the portal for reference. It does not replace the document:")
        else:
            text = _("This page is a summary and translation for reference only and has no legal force. Only the Vietnamese text is authoritative:")
        label = _("the official Vietnamese text")
    return f'<p class="portal-legal-notice" role="note">{html.escape(text)} {page.link(url, html.escape(label))}</p>\n\n'


def document_markdown(database: LegalDatabase, document: LegalDocument, page: _Page, day: date, markdown: str) -> str:
    """A document page: the notice and the facts before the summary, the relations after it."""
    _ = page.gettext
    status = document.status_on(day)
    as_of, in_vietnamese = _("as of"), _("in Vietnamese")
    status_text = f'<strong class="portal-legal-status portal-legal-status--{status}">{html.escape(_(STATUSES[status][0]))}</strong> ({html.escape(as_of)} {page.day(day)})'
    english = document.english_text or {}
    rows = [
        (_("Number"), html.escape(document.number)),
        (_("Type"), html.escape(_(DOCUMENT_TYPES[document.type].label))),
        (_("Issued by"), html.escape(_(BODIES[document.issuer].label))),
        (_("Signed by"), f'<span lang="{page.source}">{html.escape(document.signer)}</span>' if document.signer else ""),
        (_("Date signed"), page.day(document.signed)),
        (_("In force from"), page.day(document.in_force) if document.in_force else ""),
        (_("No longer in force from"), page.day(document.ceased) if document.ceased else ""),
        (_("Status"), status_text),
        (_("Status last checked"), page.day(document.status_checked)),
        (_("Subject areas"), ", ".join(html.escape(_(SUBJECTS[s])) for s in document.subjects)),
        (_("Official source"), page.link(document.official_text, html.escape(urlsplit(document.official_text).hostname or "")) + f" ({html.escape(in_vietnamese)})"),
        (_("English translation (no legal force)"), page.link(english["url"], page.marked(english["by"])) if english else ""),
    ]
    numbers = " ".join(search_variants(document.number))
    head = _notice(page, document.official_text) + page.rows(rows, "portal-legal-facts") + f'\n<p class="portal-legal-numbers" hidden>{html.escape(numbers)}</p>\n\n'
    return head + markdown + relations_markdown(database, document, page)


def relations_markdown(database: LegalDatabase, document: LegalDocument, page: _Page) -> str:
    _ = page.gettext
    parts = []
    for name, numbers in database.relations_of(document.number).items():
        items = "".join(f"<li>{page.document_link(database.documents[n])}</li>" for n in numbers)
        parts.append(f"<h3>{html.escape(_(RELATIONS[name][1]))}</h3><ul>{items}</ul>")
    procedures = database.procedures_citing(document.number)
    if procedures:
        items = "".join(f"<li>{page.link(page.url(p.key), page.title(p.key))}</li>" for p in procedures)
        label = _("Procedures based on it")
        parts.append(f"<h3>{html.escape(label)}</h3><ul>{items}</ul>")
    if not parts:
        return ""
    heading = _("Related documents")
    return f"\n\n## {heading} {{#related}}\n\n" + "\n".join(parts) + "\n"


def procedure_markdown(database: LegalDatabase, procedure: Procedure, page: _Page, markdown: str) -> str:
    _ = page.gettext
    info = language_info(page.language)
    digits = str.maketrans("0123456789", info.digits)
    days = _("%(days)s working days") % {"days": info.number(procedure.processing_days)} if procedure.processing_days is not None else ""
    if procedure.fee_vnd is None:
        fee = ""
    elif procedure.fee_vnd == 0:
        fee = html.escape(_("Free of charge"))
    else:
        fee = html.escape(_("%(amount)s VND") % {"amount": format_decimal(procedure.fee_vnd, locale=info.babel_locale).translate(digits)})
    basis = "".join(f"<li>{page.document_link(database.documents[n])}</li>" for n in procedure.legal_basis if n in database.documents)
    rows = [
        (_("Competent body"), html.escape(_(BODIES[procedure.authority].label))),
        (_("Where to submit"), html.escape(_(BODIES[procedure.submit_to].label))),
        (_("Time limit"), html.escape(days)),
        (_("Fee"), fee),
        (_("Procedure code"), html.escape(procedure.code)),
        (_("Legal basis"), f"<ul>{basis}</ul>"),
        (_("Official procedure page"), page.link(procedure.official_url, html.escape(_("National or provincial public service portal")))),
    ]
    return _notice(page, procedure.official_url, procedure=True) + page.rows(rows, "portal-legal-facts") + "\n\n" + markdown


def listing_markdown(database: LegalDatabase, page: _Page, day: date) -> str:
    """The listing: filters (shown by the script; without it the list is complete and grouped
    by subject), the documents grouped by their main subject, newest first, then the procedures."""
    _ = page.gettext
    documents = sorted(database.documents.values(), key=lambda d: (d.signed, d.number), reverse=True)
    options = {
        "type": [(t, _(DOCUMENT_TYPES[t].label)) for t in DOCUMENT_TYPES if any(d.type == t for d in documents)],
        "year": [(str(y), language_info(page.language).number(y)) for y in sorted({d.signed.year for d in documents}, reverse=True)],
        "status": [(s, _(STATUSES[s][0])) for s in STATUSES if any(d.status_on(day) == s for d in documents)],
        "subject": [(s, _(SUBJECTS[s])) for s in SUBJECTS if any(s in d.subjects for d in documents)],
        "issuer": [(b, _(BODIES[b].label)) for b in BODIES if any(d.issuer == b for d in documents)],
    }
    names = {"type": _("Type"), "year": _("Year signed"), "status": _("Status"), "subject": _("Subject area"), "issuer": _("Issued by")}
    everything, show_all, filter_label, counted = _("All"), _("Show all"), _("Filter the documents"), _("%(shown)s of %(total)s documents shown")
    selects = "".join(
        f'<p><label for="legal-{field}">{html.escape(names[field])}</label> <select id="legal-{field}" name="{field}"><option value="">{html.escape(everything)}</option>'
        + "".join(f'<option value="{value}">{html.escape(label)}</option>' for value, label in values) + "</select></p>"
        for field, values in options.items()
    )
    filters = (
        f'<form class="portal-legal-filters" hidden aria-label="{html.escape(filter_label)}">{selects}'
        f'<p><button type="reset">{html.escape(show_all)}</button></p></form>\n'
        f'<p class="portal-legal-count" aria-live="polite" hidden data-template="{html.escape(counted)}" data-digits="{language_info(page.language).digits}"></p>\n'
    )
    lines = ["", "", filters, f'<script src="{page.root}{FILTER_SCRIPT}" defer></script>', ""]
    for subject in SUBJECTS:
        group = [d for d in documents if d.subjects[0] == subject]
        if not group:
            continue
        heading = _(SUBJECTS[subject])
        lines += [f"## {heading} {{#subject-{subject}}}", "", '<ul class="portal-legal-list">']
        lines += [_entry(d, page, day) for d in group]
        lines += ["</ul>", ""]
    procedures = sorted(database.procedures.values(), key=lambda p: p.key)
    if procedures:
        heading = _("Administrative procedures")
        lines += [f"## {heading} {{#procedures}}", "", '<ul class="portal-legal-procedures">']
        lines += [f"<li>{page.link(page.url(p.key), page.title(p.key))} <small>({html.escape(_(BODIES[p.authority].label))})</small></li>" for p in procedures]
        lines += ["</ul>", ""]
    return "\n".join(lines) + "\n"


def _entry(document: LegalDocument, page: _Page, day: date) -> str:
    _ = page.gettext
    status = document.status_on(day)
    data = f'data-type="{document.type}" data-year="{document.signed.year}" data-status="{status}" data-subject="{" ".join(document.subjects)}" data-issuer="{document.issuer}"'
    facts = f"{html.escape(document.number)} · {html.escape(_(BODIES[document.issuer].label))} · {page.day(document.signed)}"
    badge = f'<span class="portal-legal-status portal-legal-status--{status}">{html.escape(_(STATUSES[status][0]))}</span>'
    return f"<li {data}>{page.link(page.url(document.key), page.title(document.key))}<br><small>{facts}</small> {badge}</li>"


def legal_markdown(database: LegalDatabase | None, key: str, reader: str, written_in: str, source: str, pages, site_root: str, gettext, day: date, markdown: str) -> str | None:
    """The page's Markdown with the legal database's parts, or None when it is not one of its
    pages. `gettext` is the catalog of `written_in`, the language the page's text is in."""
    if database is None:
        return None
    page = _Page(reader, written_in, source, pages, site_root, gettext)
    if key == LEGAL_INDEX:
        return markdown + listing_markdown(database, page, day) if reader == written_in else None
    if (document := database.by_key.get(key)) is not None:
        return document_markdown(database, document, page, day, markdown)
    if (procedure := database.procedures.get(key)) is not None:
        return procedure_markdown(database, procedure, page, markdown)
    return None
