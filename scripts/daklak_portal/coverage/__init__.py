"""Translation coverage: which pages each language has, how current they are, and reports."""

from .dashboard import DASHBOARD, dashboard_markdown
from .output import badge_svg, status_changes, to_json, to_markdown, to_table
from .report import (
    SCHEMA_VERSION,
    STATUSES,
    Report,
    build_report,
    field_coverage,
    gate_failures,
)
from .ui import ui_coverage

__all__ = [
    "DASHBOARD", "SCHEMA_VERSION", "STATUSES", "Report", "badge_svg", "build_report", "dashboard_markdown",
    "field_coverage", "gate_failures", "status_changes", "to_json", "to_markdown", "to_table", "ui_coverage",
]
