"""The open promotional dataset: records joined across languages from the pages' front matter.

Language-neutral facts come from the Vietnamese (source) page's front matter, text from each
language's own page: `title` -> `name@<lang>`, `description` -> `description@<lang>`. A text
column is EMPTY when the page is not translated, and also when the "translation" is the very
same text as the Vietnamese (a proper name kept in Latin script, e.g. "Bản Đôn"): the dataset
never repeats the Vietnamese text under another language; readers fall back to `name@vi`.

Record types (one CSV, one JSON-LD file each):

- places: tourism attractions (pages with `place:`) and investment zones (`zones:` entries),
- events: the editions of recurring events (pages with `event:`), e.g. the Coffee Festival,
- organizations: the contacts page's `organizations:`,
- images: one per sidecar `docs/assets/images/*.yml` (none yet: zero records is fine).

Each front-matter block is checked against `schemas/records/<type>.schema.json`; an invalid
block is left out of the dataset and reported as a Finding naming the file, the line of the
offending key and the field (`docs/vi/tourism/lak-lake.md:6: place.category: 'lakes' is not
one of [...]`).

API (the build, the CLI and the tests call these):

    from daklak_portal.config import load_settings
    from daklak_portal.content import load_pages
    from daklak_portal.dataset import collect_records, page_jsonld, write_dataset

    settings = load_settings(".")
    pages, _ = load_pages(settings)                        # typed front matter (not plain=True)
    dataset, findings = collect_records(settings, pages)   # findings: list[Finding], sorted
    paths = write_dataset(dataset, Path("site/data"), version="2026.11.26",
                          site_url=settings.site_url, created=date(2026, 11, 26))
    script_body = page_jsonld(record, language)  # for <script type="application/ld+json">

`created` (and the iCalendar DTSTAMP) come from the caller, never from the clock: pass the build
date (`source_date()` reads SOURCE_DATE_EPOCH, which `reproducible.pin_build_date` sets), so two
builds of one commit give byte-identical files. `Dataset.records_for_page(key)` gives the records
a page describes (for its per-page JSON-LD).
"""

from .collect import collect_records, edition_name, validate_block
from .formats import write_dataset
from .jsonld import page_jsonld
from .records import (
    COLUMNS,
    DATASET_VERSION,
    RECORD_TYPES,
    SCHEMA_DIR,
    Dataset,
    Record,
    columns,
    source_date,
)

__all__ = [
    "COLUMNS", "DATASET_VERSION", "RECORD_TYPES", "SCHEMA_DIR", "Dataset", "Record",
    "collect_records", "columns", "edition_name", "page_jsonld", "source_date", "validate_block", "write_dataset",
]
