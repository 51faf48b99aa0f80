"""The legal database's records: `legal-documents` and `procedures` (legal/model.py reads the
blocks; this turns them into rows with their labels in every language, and links them)."""

from __future__ import annotations

from ..dates import build_day
from ..errors import Finding
from ..legal.model import (
    DOCUMENT_BLOCK,
    PROCEDURE_BLOCK,
    LegalDatabase,
    as_date,
    database_problems,
    document_problems,
    read_document,
    read_procedure,
)
from ..legal.vocabulary import BODIES, DOCUMENT_TYPES, RELATIONS, STATUSES
from ..page_text import line_of_path


def collect_legal(collector) -> LegalDatabase:
    """Reads, checks and adds the documents and procedures of the source pages (collect.py's
    _Collector); problems go to collector.findings."""
    source_pages = collector.pages.get(collector.source, {})
    database = LegalDatabase({}, {})
    for key, page in sorted(source_pages.items()):
        if DOCUMENT_BLOCK in page.meta and collector.valid(page, "legal-documents"):
            problems = document_problems(page, collector.shown(page))
            collector.findings += problems
            # (a document with wrong dates stays known to the others: one problem, one message)
            if not any(problem.field == f"{DOCUMENT_BLOCK}.number" for problem in problems):
                document = read_document(page)
                if document.number in database.documents:
                    other = source_pages[database.documents[document.number].key]
                    collector.findings.append(_duplicate(collector, page, document.number, other))
                    continue
                database.documents[document.number] = document
        if PROCEDURE_BLOCK in page.meta and collector.valid(page, "procedures"):
            database.procedures[key] = read_procedure(page)
    collector.findings += database_problems(database, source_pages, collector.shown)
    named = lambda label: {lang: collector.gettext(lang)(label) for lang in collector.languages}  # noqa: E731
    day = build_day()
    iris = {number: collector.page_url(document.key, collector.source) + "#document" for number, document in database.documents.items()}
    for number, document in database.documents.items():
        page = source_pages[document.key]
        relations = database.relations_of(number)
        status = document.status_on(day)
        english = document.english_text or {}
        collector.add("legal-documents", number, {
            "id": number,
            "type": document.type,
            "type_name": named(DOCUMENT_TYPES[document.type].label),
            "issuer": document.issuer,
            "issuer_name": named(BODIES[document.issuer].label),
            "signer": document.signer,
            "signed": document.signed,
            "in_force": document.in_force,
            "ceased": document.ceased,
            "status": status,
            "status_name": named(STATUSES[status][0]),
            "status_checked": document.status_checked,
            "subjects": " ".join(document.subjects),
            "official_text": document.official_text,
            "english_text": english.get("url"),
            "english_text_by": english.get("by"),
            **{name: " ".join(relations.get(name, [])) for name in RELATIONS},
            "title": collector.meta_texts(document.key, "title"),
            **_page_columns(collector, page),
        }, document.key, iris[number], {"relations": {name: [iris[n] for n in numbers if n in iris] for name, numbers in relations.items()}, "legislation_type": DOCUMENT_TYPES[document.type].schema_type, "legal_force": STATUSES[status][1]})
    for key, procedure in database.procedures.items():
        page = source_pages[key]
        slug = key.rsplit("/", 1)[-1].removesuffix(".md")
        collector.add("procedures", slug, {
            "id": slug,
            "code": procedure.code,
            "subject": procedure.subject,
            "authority": procedure.authority,
            "authority_name": named(BODIES[procedure.authority].label),
            "submit_to": procedure.submit_to,
            "submit_to_name": named(BODIES[procedure.submit_to].label),
            "processing_days": procedure.processing_days,
            "fee_vnd": procedure.fee_vnd,
            "legal_basis": " ".join(procedure.legal_basis),
            "official_url": procedure.official_url,
            "name": collector.meta_texts(key, "title"),
            **_page_columns(collector, page),
        }, key, collector.page_url(key, collector.source) + "#procedure", {"legal_basis": [iris[n] for n in procedure.legal_basis if n in iris]})
    return database


def _page_columns(collector, page) -> dict:
    """The columns every record of a page has: its description and URL in each language, its
    sources and the date its facts are true for."""
    return {
        "description": collector.meta_texts(page.key, "description"),
        "url": {lang: collector.page_url(page.key, lang) for lang in collector.languages},
        "sources": collector.page_sources(page),
        "as_of": as_date(page.meta["as_of"]),
    }


def _duplicate(collector, page, number: str, other) -> Finding:
    line = line_of_path(page.text, [DOCUMENT_BLOCK, "number"])
    return Finding.of(collector.shown(page), line, "legal.duplicate-number", field=f"{DOCUMENT_BLOCK}.number", number=number, other=collector.shown(other))
