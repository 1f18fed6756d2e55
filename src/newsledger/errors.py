"""Errors a user can act on: one bad input item, named, with a one-line reason.

The CLI prints these as `newsledger: error: <item>: <reason>` and goes on with the batch,
so the reason must fit on one line and never carry a traceback.
"""

from __future__ import annotations


class InputError(Exception):
    """One input item (a file, `file:line` of a JSONL file, or `-`) that cannot be analysed."""

    def __init__(self, item: str, reason: str) -> None:
        self.item = item
        # One line, always: a reason that spans lines would break the one-error-per-line promise.
        self.reason = " ".join(str(reason).split()) or "unknown error"
        super().__init__(f"{item}: {self.reason}")

    def __str__(self) -> str:
        return f"{self.item}: {self.reason}"

    def __repr__(self) -> str:
        return f"InputError({self.item!r}, {self.reason!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, InputError) and (self.item, self.reason) == (other.item, other.reason)

    def __hash__(self) -> int:
        return hash((self.item, self.reason))
