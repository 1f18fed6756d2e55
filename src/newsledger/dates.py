"""Reading the date part of ISO 8601 strings, shared by the events stage and the corpus (stdlib only)."""

from __future__ import annotations

import datetime as dt
import re


def iso_day(value: str | None) -> dt.date | None:
    """ "2025-05-20T10:00:00Z" -> date(2025, 5, 20); None when absent or unreadable."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


_EXTENDED_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?")


def is_iso_date(value: str) -> bool:
    """An ISO 8601 date or date-time in the extended form ("2025-05-20", "2025-05-20T10:00:00+02:00"). The compact
    and week forms Python also reads ("20250520", "2025-W21-2") are refused: DuckDB's date cast does not take them,
    and nobody writes a publication date that way."""
    if not _EXTENDED_ISO.fullmatch(value):
        return False
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            parse(value)
            return True
        except ValueError:
            continue
    return False
