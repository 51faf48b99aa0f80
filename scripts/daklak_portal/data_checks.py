"""Checks shared by the data files under figures/ (figures.yml, map.yml): what counts as a
number and as a cited source there."""

from __future__ import annotations


def is_number(value) -> bool:
    """An int or a float as YAML reads it; `true` is not one (YAML's bool is an int in Python)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_web_source(source) -> bool:
    """A source entry with a web address (`{title: …, url: https://…}`)."""
    return isinstance(source, dict) and str(source.get("url") or "").startswith("http")
