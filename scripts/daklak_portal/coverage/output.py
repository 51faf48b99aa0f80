"""The coverage report as a terminal table, JSON (schema in schemas/), Markdown and SVG badges."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

from .report import SCHEMA_VERSION, STATUSES, Report, section_name, shown_reasons

NOT_DONE = ("orphan", "missing", "outdated", "partial")


def to_data(report: Report, changes: list[dict] | None = None) -> dict:
    """The JSON document (see schemas/coverage-report.schema.json)."""
    sections = sorted({page.section for page in report.pages})
    data = {
        "schema_version": SCHEMA_VERSION,
        "source_language": report.source_language,
        "languages": list(report.languages),
        "shallow_clone": report.shallow,
        "summary": {
            language: {
                "percent": report.percent(language),
                "counts": report.counts(language),
                "sections": {section: {"percent": report.percent(language, section), "counts": report.counts(language, section)} for section in sections},
            }
            for language in report.languages
        },
        "pages": [
            {
                "path": page.key,
                "language": page.language,
                "status": page.status,
                "required": page.required,
                "reasons": page.reasons,
                "changed_sections": page.changed_sections,
            }
            for page in report.pages
        ],
        "ui": report.ui,
        "fields": report.fields,
        "problems": [{"path": f.path, "line": f.line, "message": f.message, "id": f.message_id} for f in report.problems],
    }
    if changes is not None:
        data["changes"] = changes
    return data


def to_json(report: Report, changes: list[dict] | None = None) -> str:
    """One page per line: compact enough for 30,000 pages, still readable in a diff."""
    data = to_data(report, changes)
    pages = data.pop("pages")
    head = json.dumps(data, ensure_ascii=False, indent=1)
    lines = ",\n".join(json.dumps(page, ensure_ascii=False, separators=(",", ":")) for page in pages)
    return head[:-2] + ',\n "pages": [\n' + lines + "\n ]\n}\n"


def to_table(report: Report) -> str:
    lines = []
    header = f"{'language':<9}{'translated':>11}{'partial':>9}{'outdated':>10}{'missing':>9}{'orphan':>8}{'percent':>9}"
    lines += [header, "-" * len(header)]
    for language in report.languages:
        c = report.counts(language)
        lines.append(f"{language:<9}{c['translated']:>11}{c['partial']:>9}{c['outdated']:>10}{c['missing']:>9}{c['orphan']:>8}{report.percent(language):>8.1f}%")
    for language in report.languages:
        pending = [page for page in report.for_language(language) if page.status != "translated"]
        if pending:
            lines += ["", f"{language}: {len(pending)} page(s) to do"]
            lines += [f"  {page.status:<9} {page.key}{' (required)' if page.required else ''}: {shown_reasons(page.reasons)}" for page in pending]
    if report.ui:
        lines += ["", "interface strings (translated/total): Material keys, navigation titles, our catalogs"]
        for language, ui in report.ui.items():
            parts = [f"{name} {ui[name]['translated']}/{ui[name]['total']}" for name in ("material", "navigation", "catalog")]
            fuzzy = ui["catalog"].get("fuzzy", 0)
            lines.append(f"  {language}: " + ", ".join(parts) + (f" ({fuzzy} fuzzy)" if fuzzy else ""))
    for record_type, by_language in report.fields.items():
        # organisations: translated fields and the records missing one; publications: those a
        # language can have and, for the others, the pages that keep them out.
        lines += ["", f"{record_type} (translated/total):"]
        lines += [f"  {language}: {data['translated']}/{data['total']}" + "".join(f"; {name} missing for {', '.join(ids)}" for name, ids in data["missing"].items()) for language, data in by_language.items()]
    if report.shallow:
        lines += ["", "note: shallow git clone: translations without a stamp cannot be checked against history"]
    lines += [""] + [f"problem: {finding}" for finding in report.problems]
    return "\n".join(lines).rstrip() + "\n"


def to_markdown(report: Report, changes: list[dict] | None = None) -> str:
    """For a pull-request comment or a CI job summary."""
    lines = ["## Translation coverage", "", "| Language | Translated | Partial | Outdated | Missing | Orphan | % |", "|---|---:|---:|---:|---:|---:|---:|"]
    for language in report.languages:
        c = report.counts(language)
        lines.append(f"| {language} | {c['translated']} | {c['partial']} | {c['outdated']} | {c['missing']} | {c['orphan']} | {report.percent(language)} |")
    if changes is not None:
        lines += ["", "### What this change does to the translations", ""]
        if not changes:
            lines.append("No translation status changes.")
        for change in changes:
            sections = "".join(f" {section_name(anchor)}" for anchor in change["changed_sections"])
            lines.append(f"- `{change['language']}/{change['path']}`{sections}: {change['before']} → **{change['after']}**")
    else:
        for language in report.languages:
            pending = [page for page in report.for_language(language) if page.status in NOT_DONE]
            if pending:
                lines += ["", f"<details><summary>{language}: {len(pending)} page(s) to do</summary>", ""]
                lines += [f"- **{page.status}** `{page.key}`: {shown_reasons(page.reasons)}" for page in pending]
                lines += ["", "</details>"]
    if report.problems:
        lines += ["", "### Problems", ""] + [f"- `{finding}`" for finding in report.problems]
    return "\n".join(lines) + "\n"


def badge_svg(label: str, percent: float) -> str:
    """A flat badge ('coverage km | 42%'); colour from red to green by percentage."""
    colour = "#2e7d32" if percent >= 90 else "#9a6700" if percent >= 50 else "#b3261e"
    value = f"{percent:g}%"
    left, right = 8 + 7 * len(label), 8 + 8 * len(value)
    width = left + right
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" aria-label="{escape(label)}: {value}">'
        f"<title>{escape(label)}: {value}</title>"
        f'<rect width="{left}" height="20" fill="#444"/><rect x="{left}" width="{right}" height="20" fill="{colour}"/>'
        f'<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">'
        f'<text x="{left / 2}" y="14" text-anchor="middle">{escape(label)}</text>'
        f'<text x="{left + right / 2}" y="14" text-anchor="middle">{value}</text></g></svg>\n'
    )


def _direction(before: str, after: str) -> str:
    """better (closer to translated), worse, or new (a page that was not there and is still to do).
    A page that did not exist counts as missing: a new translation is better."""
    rank = {status: index for index, status in enumerate(STATUSES)} | {"absent": STATUSES.index("missing")}
    if rank[after] == rank[before]:
        return "new" if before == "absent" else "worse"  # (same status, more sections changed)
    return "better" if rank[after] > rank[before] else "worse"


def status_changes(before: Report, after: Report) -> list[dict]:
    """Pages whose status, or set of outdated sections, differs between two reports."""
    old = {(page.language, page.key): page for page in before.pages}
    changes = []
    for page in after.pages:
        previous = old.get((page.language, page.key))
        before_status = previous.status if previous else "absent"
        before_sections = previous.changed_sections if previous else []
        if before_status != page.status or before_sections != page.changed_sections:
            direction = _direction(before_status, page.status)
            changes.append({
                "path": page.key,
                "language": page.language,
                "before": before_status,
                "after": page.status,
                "direction": direction,
                "changed_sections": [a for a in page.changed_sections if a not in before_sections],
            })
    return changes
