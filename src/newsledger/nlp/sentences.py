"""Fast sentence lookup for a token.

spaCy's `Token.sent` walks the document's sentences on every call, and `Doc.ents` rebuilds its list each
time; across hundreds of lookups per article that cost more than our stages themselves. Both are computed
once per Doc here and kept in `doc.user_data`.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

_KEY = "newsledger.sentences"
_ENTS_KEY = "newsledger.ents"


def _index(doc: Doc) -> tuple[list[int], list[Span]]:
    cached = doc.user_data.get(_KEY)
    if cached is None:
        spans = list(doc.sents)
        cached = ([s.start for s in spans], spans)
        doc.user_data[_KEY] = cached
    return cached


def sentence_of(item: Token | Span) -> Span:
    """The sentence containing a token, or a span's first token (same as `.sent`, by binary search)."""
    starts, spans = _index(item.doc)
    first = item.start if isinstance(item, Span) else item.i
    return spans[bisect.bisect_right(starts, first) - 1]


def entities(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, computed once."""
    cached = doc.user_data.get(_ENTS_KEY)
    if cached is None:
        cached = tuple(doc.ents)
        doc.user_data[_ENTS_KEY] = cached
    return cached
