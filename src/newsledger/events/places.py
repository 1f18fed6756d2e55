"""Where an event happened: a place phrase on the event's clause ("talks in Istanbul"), looked up in
the gazetteer (cities with coordinates, regions, countries) with the article's places as context, so a
drone "over Odessa" in an article about Ukraine is in Ukraine, not Texas.

Only places the text attaches to the event count: "Ukrainian cities" is a target, not a location, and a
country named as an actor is not where the event happened.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from newsledger.entities.gazetteer import lookup_place, mistyped_place, place_context
from newsledger.entities.gender import first_name_gender
from newsledger.events.triggers import Trigger
from newsledger.nlp.sentences import entity_span

PLACE_PREPS = {"in", "at", "near", "outside", "inside", "across", "around", "over", "from", "throughout"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}


def place_of(trigger: Trigger, doc: Doc) -> dict[str, Any] | None:
    """The place phrase attached to the trigger's verb or noun (or a noun it governs: "urged X to accept
    talks in Istanbul" is not the urging's place, so only one level down)."""
    heads = [trigger.head] + ([trigger.verb] if trigger.verb is not None else [])
    for head in heads:
        place = _place_child(head, doc)
        if place is not None:
            return place
    return None


def _place_child(head: Token, doc: Doc) -> dict[str, Any] | None:
    for child in head.children:
        if child.dep_ != "prep" or child.lower_ not in PLACE_PREPS:
            continue
        pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if pobj is None or (pobj.ent_type_ not in _PLACE_LABELS and not _mistyped_place(pobj, doc)):
            continue
        name = entity_span(pobj).text
        if name.lower().startswith("the "):
            name = name[4:]
        return lookup_place(name, place_context(doc))
    return None


def _mistyped_place(token: Token, doc: Doc) -> bool:
    """A one-word name the small model typed as a person, organisation or people that the gazetteer knows as
    a place, after a place preposition ("near Rzeszow", "over Odessa"); a first name stays a person."""
    if token.ent_type_ not in {"PERSON", "ORG", "NORP"} or token.ent_iob_ != "B":
        return False
    if token.i + 1 < len(doc) and doc[token.i + 1].ent_iob_ == "I":
        return False
    if token.ent_type_ == "PERSON" and first_name_gender(token.text) is not None:
        return False
    return mistyped_place(token.text, doc, [(token.idx, token.idx + len(token))]) is not None
