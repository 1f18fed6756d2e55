"""Reading the date part of ISO 8601 strings, shared by the events stage and the corpus (stdlib only)."""

from __future__ import annotations

import datetime as dt


def iso_day(value: str | None) -> dt.date | None:
    """ "2025-05-20T10:00:00Z" -> date(2025, 5, 20); None when absent or unreadable."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def is_iso_date(value: str) -> bool:
    """An ISO 8601 date or date-time ("2025-05-20", "2025-05-20T10:00:00")."""
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            parse(value)
            return True
        except ValueError:
            continue
    return False
