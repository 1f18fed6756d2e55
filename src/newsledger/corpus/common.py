"""Helpers the corpus modules share: text folding, stable ids and a union-find.

Kept tiny and stdlib-only: the same folding must be used wherever two strings from different outlets are
compared, or "Zelenskyy" in one feed and "ZELENSKYY" in another would be two people.
"""

from __future__ import annotations

import hashlib
import unicodedata

# Typographic variants outlets use for the same character.
_QUOTE_MARKS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"', "\u2033": '"',
    "\u2039": '"', "\u203a": '"',
})
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"})


def fold(text: str) -> str:
    """Case-folded text with accents removed and quotation marks and dashes reduced to ASCII:
    "Zelenskyy’s — “pressure”" -> 'zelenskyy's - "pressure"'. Whitespace is left as it is."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTE_MARKS).translate(_DASHES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return unicodedata.normalize("NFKC", text).casefold()


def stable_id(prefix: str, *parts: str) -> str:
    """A short id that depends only on `parts`, so the same input gives the same id in every run."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]
    return f"{prefix}:{digest}"


class UnionFind:
    """Disjoint sets over 0..n-1. The smaller index is always the root, so the result does not depend on
    the order of unions, only on which unions happen."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:  # path compression
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, i: int, j: int) -> int:
        """Join the sets of i and j; return the root of the joined set."""
        a, b = self.find(i), self.find(j)
        if a == b:
            return a
        if b < a:
            a, b = b, a
        self.parent[b] = a
        return a

    def groups(self) -> list[list[int]]:
        """The sets, each sorted, in order of their smallest member."""
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self.find(i), []).append(i)
        return [out[root] for root in sorted(out)]
