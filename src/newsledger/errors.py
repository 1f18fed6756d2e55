"""Errors a user can act on: one bad input item, named, with a one-line reason.

The CLI prints these as `newsledger: error: <item>: <reason>` and goes on with the batch,
so the reason must fit on one line and never carry a traceback.
"""

from __future__ import annotations

import os
import traceback

MAX_REASON = 300  # an unexpected exception's message can be huge (a whole text); one line stays readable


class InputError(Exception):
    """One input item (a file, `file:line` of a JSONL file, or `-`) that cannot be analysed."""

    def __init__(self, item: str, reason: str) -> None:
        self.item = item
        # One line, always: a reason that spans lines would break the one-error-per-line promise.
        self.reason = " ".join(str(reason).split()) or "unknown error"
        super().__init__(f"{item}: {self.reason}")

    def __str__(self) -> str:
        return f"{self.item}: {self.reason}"

    def __reduce__(self) -> tuple:
        # pickled as (item, reason), so an error crosses process boundaries (worker pools, Spark executors) intact
        return (InputError, (self.item, self.reason))

    def __repr__(self) -> str:
        return f"InputError({self.item!r}, {self.reason!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, InputError) and (self.item, self.reason) == (other.item, other.reason)

    def __hash__(self) -> int:
        return hash((self.item, self.reason))


def internal_error(item: str, exc: BaseException) -> InputError:
    """An unexpected exception while analysing or rendering `item`, as that item's one-line error (the traceback
    goes to stderr only with NEWSLEDGER_DEBUG set)."""
    if os.environ.get("NEWSLEDGER_DEBUG"):
        traceback.print_exception(exc)
    detail = " ".join(str(exc).split())
    if len(detail) > MAX_REASON:
        detail = detail[:MAX_REASON] + "…"
    return InputError(item, f"internal error ({type(exc).__name__}: {detail})" if detail else type(exc).__name__)
