"""The coverage dashboard page built into the site (/coverage/, /en/coverage/, /km/coverage/)."""

from __future__ import annotations

from typing import Callable

from ..config import REFERENCE_LANGUAGE, language_info
from ..dates import format_reader_number, format_reader_percent, reader_language_name
from .report import STATUSES, Report

DASHBOARD = "coverage/index.md"


def status_names(gettext: Callable[[str], str]) -> dict[str, str]:
    # Plain calls so that `make catalogs` extracts each name.
    return {
        "translated": gettext("translated"),
        "partial": gettext("partly translated"),
        "outdated": gettext("out of date"),
        "missing": gettext("missing"),
        "orphan": gettext("orphan (source removed)"),
    }


def dashboard_markdown(report: Report, language: str, names: dict[str, str], gettext: Callable[[str], str]) -> str:
    """The dashboard in the reader's language; reasons are data, shown in the reference language (config.REFERENCE_LANGUAGE)."""
    title, intro = gettext("Translation coverage"), gettext("How much of the Vietnamese content is available in each language, and what is left to do.")
    statuses = status_names(gettext)
    by_section, to_do, interface = gettext("By section"), gettext("pages to do"), gettext("Interface strings")
    number = lambda value: format_reader_number(value, language)  # noqa: E731
    # In headings and column titles, each language is named in the reader's language (a
    # heading's text reaches the table of contents without its markup, so no lang="…" there).
    named = {target: reader_language_name(target, language) for target in report.languages}
    colon = language_info(language).label_separator  # Khmer "៖ "
    lines = [f"# {title}", "", intro, ""]
    lines += ["| " + " | ".join([gettext("Language"), "%", *(statuses[s] for s in reversed(STATUSES))]) + " |", "|---|---:|" + "---:|" * len(STATUSES)]
    for target in report.languages:
        counts = report.counts(target)
        share = format_reader_percent(report.percent(target), language)
        badge = f"![{names.get(target, target)}: {share}%](badge-{target}.svg)"
        lines.append(f'| <span lang="{target}">{names.get(target, target)}</span> {badge} | {share} | ' + " | ".join(number(counts[s]) for s in reversed(STATUSES)) + " |")
    sections = sorted({page.section for page in report.pages})
    lines += ["", f"## {by_section} {{#sections}}", ""]
    lines += ["| " + " | ".join([gettext("Section"), *(named[t] for t in report.languages)]) + " |", "|---|" + "---:|" * len(report.languages)]
    for section in sections:
        lines.append(f"| `{section}` | " + " | ".join(f"{format_reader_percent(report.percent(t, section), language)}%" for t in report.languages) + " |")
    for target in report.languages:
        pending = [page for page in report.for_language(target) if page.status != "translated"]
        lines += ["", f"## {named[target]}{colon}{to_do} ({number(len(pending))}) {{#todo-{target}}}", ""]
        for page in pending:
            reasons = "; ".join(page.reasons)
            lines.append(f'- **{statuses[page.status]}** `{page.key}`: <span lang="{REFERENCE_LANGUAGE}">{reasons}</span>')
    lines += ["", f"## {interface} {{#interface}}", ""]
    lines += ["| " + " | ".join([gettext("Language"), gettext("Theme"), gettext("Navigation"), gettext("Our templates")]) + " |", "|---|---:|---:|---:|"]
    for code, ui in report.ui.items():
        cells = [f"{number(ui[k]['translated'])}/{number(ui[k]['total'])}" for k in ("material", "navigation", "catalog")]
        lines.append(f'| <span lang="{code}">{names.get(code, code)}</span> | ' + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
