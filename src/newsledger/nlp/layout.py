"""Paragraphs and headings, found from the raw text before anything else reads it.

Headings matter because the parser would otherwise glue "Istanbul Talks Falter" onto the sentence after it,
and because a quoted heading ("'Chance of Making It Worse'") is nobody's statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARAGRAPH = re.compile(r"[^\n]+")
_CLOSING_QUOTES = "\"'’”»›)]"
_SENTENCE_END = ".!?…:;,"
_MAX_HEADING_WORDS = 14
_MAX_HEADING_CHARS = 110


@dataclass(slots=True)
class Paragraph:
    """A run of text between line breaks, with surrounding spaces trimmed."""

    index: int
    start: int
    end: int
    heading: bool = False

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass(slots=True)
class Layout:
    """The paragraphs of an article in order, and a fast offset -> paragraph lookup."""

    paragraphs: list[Paragraph]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph containing a character offset (binary search; paragraphs are sorted)."""
        lo, hi = 0, len(self.paragraphs) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            para = self.paragraphs[mid]
            if offset < para.start:
                hi = mid - 1
            elif offset >= para.end:
                lo = mid + 1
            else:
                return para
        return None

    def index_at(self, offset: int) -> int:
        """Index of the paragraph containing or preceding an offset (-1 before the first)."""
        lo, hi = 0, len(self.paragraphs)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.paragraphs[mid].start <= offset:
                lo = mid + 1
            else:
                hi = mid
        return lo - 1


def is_heading(line: str, has_next: bool) -> bool:
    """A short line that does not end like a sentence and is followed by more text."""
    if not has_next:
        return False
    words = line.split()
    if not words or len(words) > _MAX_HEADING_WORDS or len(line) > _MAX_HEADING_CHARS:
        return False
    core = line.rstrip(_CLOSING_QUOTES + " ")
    if not core or core[-1] in _SENTENCE_END:
        return False
    # a heading starts with a capital (or a quotation mark before one)
    first = line.lstrip("\"'‘“«").strip()
    return bool(first) and (first[0].isupper() or first[0].isdigit())


def find_layout(text: str) -> Layout:
    """Split text into paragraphs at line breaks and mark the headings among them."""
    spans: list[tuple[int, int]] = []
    for m in _PARAGRAPH.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    paragraphs = []
    for i, (start, end) in enumerate(spans):
        heading = is_heading(text[start:end], has_next=i + 1 < len(spans))
        paragraphs.append(Paragraph(i, start, end, heading))
    return Layout(paragraphs)
