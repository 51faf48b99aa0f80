"""Whether a translation is behind its source.

A stand-in rule, to be replaced by the translation-coverage engine: a translation is outdated
when its source file's last commit is newer than the translation file's last commit.
"""

from __future__ import annotations

from datetime import datetime


def outdated_since(source_changed: datetime | None, translation_changed: datetime | None) -> datetime | None:
    """The date the source changed after the translation was last touched, else None.

    Unknown dates (no git history, shallow clone) never make a page outdated: the notice
    claims something, so it is shown only when the history proves it.
    """
    if source_changed is None or translation_changed is None:
        return None
    return source_changed if source_changed > translation_changed else None
