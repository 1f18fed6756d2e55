"""Quotation marks paired into quotations, tolerant of everything real news text does to them.

Handles straight and curly, double and single marks; single quotes nested in double ones; apostrophes that
are not marks (doesn’t, Putin’s, the ’90s, Jones’); a quotation that runs over several paragraphs (an
opening mark with no closing one, the next paragraph opening again); and odd numbers of marks. It never
raises: an unpaired mark ends its quotation at the end of the paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsledger.nlp.layout import Layout

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
QUOTE_CHARS = frozenset(DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'")


@dataclass(slots=True)
class Quotation:
    """Words between quotation marks. `spans` are the inner parts, one per paragraph it runs over."""

    spans: list[tuple[int, int]]
    outer: list[tuple[int, int]]  # the same parts with their marks
    double: bool
    depth: int  # 0: top level; 1: inside another quotation
    closed: bool = True
    paragraphs: list[int] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.outer[0][0]

    @property
    def end(self) -> int:
        return self.outer[-1][1]

    def words(self, text: str) -> int:
        return sum(len(text[s:e].split()) for s, e in self.spans)


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _classify(text: str, i: int, para_start: int, para_end: int) -> str | None:
    """'open', 'close' or None (an apostrophe or a stray prime) for the mark at text[i]."""
    ch = text[i]
    before = text[i - 1] if i > para_start else " "
    after = text[i + 1] if i + 1 < para_end else " "
    if ch in DOUBLE_OPEN or ch in SINGLE_OPEN:
        if ch == "‘" and _is_word(before):
            return None  # a misused opening mark inside a word
        return "open"
    if ch in DOUBLE_CLOSE:
        return "close"
    if ch in SINGLE_CLOSE or ch == "'":
        if _is_word(before) and _is_word(after):
            return None  # doesn’t, Putin’s
        if after.isdigit() and not _is_word(before):
            return None  # the ’90s
        if ch == "'" and not _is_word(before) and _is_word(after):
            return "open"
        if not _is_word(before) and not _is_word(after) and before not in ".,!?;:…-—":
            return None
        return "close" if not (ch == "'" and before.isspace()) else "open"
    if ch == '"':
        if before.isspace() or before in "([{—–-/" or i == para_start:
            return "open"
        if after.isspace() or after in ".,;:!?)]}—–-…" or i + 1 == para_end:
            return "close"
        return "open" if not _is_word(before) else "close"
    return None


def _pairs_in_paragraph(text: str, start: int, end: int) -> tuple[list[tuple[int, int, bool, int]], int | None]:
    """Paired marks in one paragraph as (open_index, close_index, double, depth), plus an unclosed double opener."""
    pairs: list[tuple[int, int, bool, int]] = []
    stack: list[tuple[int, bool]] = []  # (index, double)
    for i in range(start, end):
        ch = text[i]
        if ch not in QUOTE_CHARS:
            continue
        kind = _classify(text, i, start, end)
        if kind is None:
            continue
        double = ch in DOUBLE_OPEN or ch in DOUBLE_CLOSE or ch == '"'
        if kind == "open":
            if double and stack and stack[-1][1] and ch == '"':
                # a straight double mark while a double is open closes it
                j, _ = stack.pop()
                pairs.append((j, i, True, len(stack)))
                continue
            if not double and ch in "’'" and stack and not stack[-1][1]:
                j, _ = stack.pop()
                pairs.append((j, i, False, len(stack)))
                continue
            stack.append((i, double))
            continue
        # a closing mark: close the nearest opener of the same weight
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][1] == double:
                j, _ = stack[k]
                del stack[k:]
                pairs.append((j, i, double, k))
                break
        else:
            if double:
                # a closer with no opener: the quotation began with the paragraph (a typo-tolerant guess)
                pairs.append((start - 1, i, True, 0))
    unclosed = next((j for j, dbl in stack if dbl), None)
    return pairs, unclosed


def find_quotations(text: str, layout: Layout) -> list[Quotation]:
    """Every quotation in the text, in order of its opening mark."""
    out: list[Quotation] = []
    running: Quotation | None = None  # a quotation carried over from the previous paragraph
    for para in layout.paragraphs:
        pairs, unclosed = _pairs_in_paragraph(text, para.start, para.end)
        opens_with_mark = text[para.start] in DOUBLE_OPEN or text[para.start] == '"'
        if running is not None and not opens_with_mark:
            out.append(running)  # the previous paragraph's quotation simply stopped
            running = None
        for j, i, double, depth in sorted(pairs):
            inner_start = max(j + 1, para.start)
            quote = Quotation(
                spans=[(inner_start, i)], outer=[(max(j, para.start), i + 1)], double=double, depth=depth,
                paragraphs=[para.index],
            )
            if running is not None and depth == 0 and j == para.start:
                running.spans.append(quote.spans[0])
                running.outer.append(quote.outer[0])
                running.paragraphs.append(para.index)
                out.append(running)
                running = None
                continue
            out.append(quote)
        if running is not None and unclosed == para.start:
            running.spans.append((para.start + 1, para.end))
            running.outer.append((para.start, para.end))
            running.paragraphs.append(para.index)
            continue
        if running is not None:
            out.append(running)
            running = None
        if unclosed is not None:
            running = Quotation(
                spans=[(unclosed + 1, para.end)], outer=[(unclosed, para.end)], double=True, depth=0, closed=False,
                paragraphs=[para.index],
            )
    if running is not None:
        out.append(running)
    out.sort(key=lambda q: q.start)
    return [q for q in out if q.spans[0][1] > q.spans[0][0]]
