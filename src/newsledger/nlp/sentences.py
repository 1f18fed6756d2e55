"""Fast sentence lookup for a token.

spaCy's `Token.sent` walks the document's sentences on every call, `Doc.ents` rebuilds its list each time and
`Doc.text` joins every token; across hundreds of lookups per article that cost more than our stages themselves.
They are computed once per Doc here and kept in `doc.user_data`. `entity_span` gives the named entity a token
belongs to.
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


def sentences(doc: Doc) -> list[Span]:
    """The document's sentences in order (`doc.sents`, computed once per Doc and shared)."""
    return _index(doc)[1]


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


def text_of(doc: Doc) -> str:
    """The document's text, built once and kept in `doc.user_data` (spaCy joins every token on each `Doc.text`,
    a tenth of the analysis time when four stages each asked for it)."""
    text = doc.user_data.get("newsledger_text")
    if text is None:
        text = doc.user_data["newsledger_text"] = doc.text
    return text


def seed_text(doc: Doc, text: str) -> None:
    """Give `text_of` the text the doc was parsed from, so it need not join the tokens again: spaCy's
    tokenisation is non-destructive (`Doc.text` is always the input, character for character). `text` must be
    that input."""
    doc.user_data["newsledger_text"] = text


def entity_span(token: Token) -> Span:
    """The named entity a token belongs to, from its IOB tags ("Freedom" -> "Freedom of Information Act"), or
    the token alone when it is in none."""
    doc = token.doc
    start, end = token.i, token.i + 1
    if token.ent_type_:
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
    return doc[start:end]
