"""What surrounds a cue: whom the words were addressed to ("told reporters") and where they appeared
("on Truth Social", "told CNN", "wrote in The Washington Post")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsledger import lexicon

_MEDIUM_PREPS = {"on", "in", "to", "with", "during", "via", "through"}


def _phrase(token: Token) -> str:
    """A noun phrase's words without its determiner or trailing prepositional phrases."""
    doc = token.doc
    start = token.left_edge.i
    while start < token.i and doc[start].dep_ in {"det", "poss", "punct"}:
        start += 1
    end = token.i + 1
    return doc[start:end].text


def _medium_in(token: Token) -> str | None:
    """A news outlet or platform named by a noun phrase (or inside it: "an interview with CNN")."""
    media = lexicon.media()
    doc = token.doc
    full = doc[token.left_edge.i: token.i + 1].text
    for candidate in (full, _phrase(token), token.text):
        if candidate in media:
            return media[candidate]
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in _MEDIUM_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj" and (found := _medium_in(obj)):
                    return found
    return None


def addressee_and_medium(cue: Token, doc: Doc) -> tuple[str | None, str | None]:
    """The hearer and the medium of a reporting verb, from its objects and prepositional phrases."""
    verbs = lexicon.reporting_verbs()
    entry = verbs.get(cue.lemma_.lower())
    addressee = medium = None
    for child in cue.children:
        if child.dep_ in {"dobj", "dative", "iobj"} and (entry is None or entry.addressee_obj):
            found = _medium_in(child)
            if found:
                medium = medium or found
            elif child.pos_ in {"NOUN", "PROPN", "PRON"} and addressee is None:
                addressee = _phrase(child)
            for grand in child.children:  # "told followers on Truth Social"
                if grand.dep_ == "prep" and grand.lower_ in _MEDIUM_PREPS:
                    for obj in grand.children:
                        if obj.dep_ == "pobj" and (found := _medium_in(obj)):
                            medium = medium or found
        elif child.dep_ == "prep" and child.lower_ in _MEDIUM_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj" and (found := _medium_in(obj)):
                    medium = medium or found
                elif obj.dep_ == "pobj" and child.lower_ == "to" and addressee is None and obj.pos_ != "VERB":
                    addressee = _phrase(obj)  # "said to reporters"
    return addressee, medium
