"""schema.org JSON-LD of the records: the dataset's files and each page's <script> element."""

from __future__ import annotations

import json

from ..config import ENGLISH
from .records import COUNTRY, PROVINCE, Dataset, Record

SCHEMA_TYPES = {"places": None, "events": "Festival", "organizations": "GovernmentOrganization", "images": "ImageObject", "legal-documents": "Legislation", "procedures": "GovernmentService"}

# One inline JSON-LD context for every file: schema.org terms, dates typed, links as IRIs.
SCHEMA_CONTEXT = {
    "@vocab": "https://schema.org/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "startDate": {"@type": "xsd:date"},
    "endDate": {"@type": "xsd:date"},
    "url": {"@type": "@id"},
    "contentUrl": {"@type": "@id"},
    "license": {"@type": "@id"},
    "subjectOf": {"@type": "@id"},
    "isBasedOn": {"@type": "@id"},
    "eventStatus": {"@type": "@id"},
    "eventAttendanceMode": {"@type": "@id"},
    "legislationDate": {"@type": "xsd:date"},
    "legislationDateOfApplicability": {"@type": "xsd:date"},
    "expires": {"@type": "xsd:date"},
    "legislationLegalForce": {"@type": "@id"},
    "sameAs": {"@type": "@id"},
}

def _languages(record: Record) -> tuple[str, ...]:
    """The record's languages in column order (source language first)."""
    seen: list[str] = []
    for column in record.values:
        _, at, lang = column.partition("@")
        if at and lang not in seen:
            seen.append(lang)
    return tuple(seen)


def dump_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def script_safe_json(data) -> str:
    """JSON for inside <script>: no `</script>` or HTML-significant characters can appear."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _text_value(texts: dict[str, str], language: str | None, source: str):
    """Language-tagged values (dataset files), or one plain string in a page's language."""
    if language is None:
        values = [{"@value": text, "@language": lang} for lang, text in texts.items()]
        return values[0] if len(values) == 1 else values or None
    return texts.get(language) or texts.get(source) or None


def _urls(record: Record, languages: tuple[str, ...], language: str | None):
    urls = record.texts("url", languages)
    if language is not None:
        return urls.get(language) or urls.get(languages[0])
    return list(urls.values()) or None


def _clean(node: dict) -> dict:
    return {key: value for key, value in node.items() if value not in (None, [], {}, "")}


def _address(commune: str | None) -> dict:
    return _clean({"@type": "PostalAddress", "addressLocality": commune, "addressRegion": PROVINCE, "addressCountry": COUNTRY})


def _sources(record: Record) -> list[dict] | None:
    urls = (record.values.get("sources") or record.values.get("source") or "").split()
    return [{"@id": url} for url in urls] or None


# -- JSON-LD --------------------------------------------------------------------------------


def jsonld_node(record: Record, language: str | None = None, with_context: bool = True) -> dict:
    """The schema.org node of a record: language-tagged texts, or (with a language) the text of
    that page's language, falling back to the source language for an untranslated page."""
    languages = _languages(record)
    source = languages[0] if languages else None
    texts = lambda name: _text_value(record.texts(name, languages), language, source)  # noqa: E731
    values = record.values
    if record.type == "places":
        node = {
            "@id": record.iri,
            "@type": "TouristAttraction" if values["kind"] == "attraction" else "Place",
            "identifier": record.id,
            "name": texts("name") or record.id,
            "description": texts("description"),
            "address": _address(values.get("commune")),
            "url": _urls(record, languages, language),
            "subjectOf": _sources(record),
        }
        if values.get("latitude") is not None and values.get("longitude") is not None:
            node["geo"] = {"@type": "GeoCoordinates", "latitude": values["latitude"], "longitude": values["longitude"]}
        if values.get("area_ha") is not None:
            node["additionalProperty"] = {"@type": "PropertyValue", "name": "area", "value": values["area_ha"], "unitCode": "HAR", "unitText": "ha"}
    elif record.type == "events":
        location = record.links.get("location") or {}
        location_name = _text_value(location.get("name") or {}, language, source) if location.get("name") else None
        node = {
            "@id": record.iri,
            "@type": "Festival",
            "identifier": record.id,
            "name": texts("name"),
            "description": texts("description"),
            "startDate": values["start"].isoformat(),
            "endDate": values["end"].isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": _clean({
                "@id": location.get("iri"),
                "@type": "Place",
                "name": location_name or values.get("commune") or PROVINCE,
                "address": _address(values.get("commune")),
            }),
            "url": _urls(record, languages, language),
            "subjectOf": _sources(record),
        }
    elif record.type == "organizations":
        node = {
            "@id": record.iri,
            "@type": "GovernmentOrganization",
            "identifier": record.id,
            "name": texts("name"),
            "address": texts("address"),
            "telephone": values.get("phone"),
            "email": values.get("email"),
            "url": values.get("website"),
            "subjectOf": [{"@id": url} for url in ([*record.texts("url", languages).values(), values.get("source")]) if url] or None,
        }
    elif record.type == "legal-documents":
        node = legislation_node(record, languages, language, texts)
    elif record.type == "procedures":
        node = {
            "@id": record.iri,
            "@type": "GovernmentService",
            "identifier": values.get("code") or record.id,
            "name": texts("name"),
            "description": texts("description"),
            "provider": _clean({"@type": "GovernmentOrganization", "identifier": values["authority"], "name": texts("authority_name")}),
            "areaServed": _clean({"@type": "AdministrativeArea", "name": PROVINCE, "address": _address(None)}),
            "availableChannel": _clean({"@type": "ServiceChannel", "serviceUrl": values.get("official_url"), "serviceLocation": {"@type": "GovernmentOffice", "name": texts("submit_to_name")}}),
            "isBasedOn": [{"@id": iri} for iri in record.links.get("legal_basis", [])] or None,
            "url": _urls(record, languages, language),
            "subjectOf": _sources(record),
        }
    else:  # images
        node = {
            "@id": record.iri,
            "@type": "ImageObject",
            "identifier": record.id,
            "contentUrl": values.get("url"),
            "description": texts("alt"),
            "caption": texts("caption"),
            "creator": values.get("creator"),
            "creditText": values.get("credit"),
            "copyrightNotice": values.get("credit"),
            "license": values.get("license_url"),
            "isBasedOn": values.get("source"),
        }
    node = _clean(node)
    if language is not None:
        node = {"@context": SCHEMA_CONTEXT, **node} if with_context else node
    return node


def legislation_node(record: Record, languages: tuple[str, ...], language: str | None, texts) -> dict:
    """schema.org Legislation: the act itself (its official Vietnamese title, inLanguage vi),
    its status on the dataset's date, the documents it changes or rests on, and its
    translations for reference (the portal's pages, an English text) as workExamples."""
    values, source = record.values, languages[0]
    relations = record.links.get("relations", {})
    ids = lambda *names: [{"@id": iri} for name in names for iri in relations.get(name, [])] or None  # noqa: E731
    translations = [
        _clean({"@type": "CreativeWork", "@id": url, "url": url, "inLanguage": lang, "name": record.text("title", lang), "abstract": record.text("description", lang), "translationOfWork": {"@id": record.iri}})
        for lang, url in record.texts("url", languages).items() if lang != source and record.text("title", lang)
    ]
    if values.get("english_text"):
        translations.append(_clean({"@type": "CreativeWork", "url": values["english_text"], "inLanguage": ENGLISH, "creator": values.get("english_text_by"), "translationOfWork": {"@id": record.iri}}))
    return {
        "@id": record.iri,
        "@type": "Legislation",
        "legislationIdentifier": record.id,
        "name": record.text("title", source),
        "alternateName": texts("title") if language not in (None, source) else None,
        "description": texts("description"),
        "inLanguage": source,
        "legislationType": record.links.get("legislation_type"),
        "legislationDate": values["signed"].isoformat(),
        "legislationDateOfApplicability": values["in_force"].isoformat() if values.get("in_force") else None,
        "expires": values["ceased"].isoformat() if values.get("ceased") else None,
        "legislationLegalForce": f"https://schema.org/{record.links.get('legal_force')}",
        "legislationPassedBy": _clean({"@type": "GovernmentOrganization", "identifier": values["issuer"], "name": texts("issuer_name")}),
        "legislationJurisdiction": COUNTRY,
        "sameAs": values.get("official_text"),
        "legislationChanges": ids("amends", "replaces"),
        "isBasedOn": ids("implements"),
        "workExample": translations or None,
        "keywords": values.get("subjects"),
        "url": _urls(record, languages, language),
        "subjectOf": _sources(record),
    }


def jsonld_document(dataset: Dataset, record_type: str) -> str:
    graph = [jsonld_node(record) for record in dataset.records.get(record_type, [])]
    return dump_json({"@context": SCHEMA_CONTEXT, "@graph": graph})



# -- per-page JSON-LD -----------------------------------------------------------------------


def page_jsonld(record: Record, language: str) -> str:
    """The body of a page's <script type="application/ld+json"> for a record, in a language.

    Text in the page's language; on a page not translated into it (the site then shows the
    Vietnamese page), the Vietnamese text. Safe inside <script>: `<`, `>` and `&` are escaped.
    """
    return script_safe_json(jsonld_node(record, language=language))
