"""Typed records of one analysis, shaped exactly like the contract (`analysis.schema.json`).

Every record holds [start, end) offsets into `Article.text`; strings shown to people are sliced from it.
Plain dataclasses: they are created by the thousand per article, so they must be cheap.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from newsledger.article import Article

if TYPE_CHECKING:
    from newsledger.nlp.layout import Furniture

SCHEMA_ID = "newsledger/analysis/v1"

Span = tuple[int, int]


@dataclass(slots=True)
class Who:
    """A participant in a quote, event or claim: the entity it resolves to and the mention in this place."""

    entity: str | None
    name: str | None
    mention: Span | None
    actor: str | None = None


@dataclass(slots=True)
class Entity:
    """A person, group, organisation or place, with every mention of it in the article."""

    id: str
    name: str
    type: str  # PERSON, GROUP, ORG, GPE, NORP, OTHER
    mentions: list[Span] = field(default_factory=list)
    role: str | None = None
    organization: str | None = None
    country: str | None = None
    actor: str | None = None
    gender: str | None = None  # PERSON only: female, male or unknown (None for other types)
    actor_why: str | None = None  # the rule and table behind `actor` ("table:person:Donald Trump", "text:role")


@dataclass(slots=True)
class Quote:
    """Words attributed to a speaker: direct (in quotation marks), mixed, or indirect (reported)."""

    id: str
    kind: str  # direct, indirect, mixed
    content: list[Span]
    cue: Span | None
    speaker: Who
    addressee: str | None = None
    medium: str | None = None
    continuation_of: str | None = None
    confidence: float = 0.5
    why: str = ""
    act: str = "speech"  # ACTS: what kind of attribution it is
    form: str = "clause"  # FORMS: verbatim words in marks, a clause that states something, or a noun phrase
    nested_in: str | None = None  # id of the quote whose content holds this one's cue
    modality: str = "asserted"  # QUOTE_MODALITIES
    statement: bool = True  # someone said or wrote it: see `is_statement`


ACTS = ("speech", "writing", "thought", "intention", "stance", "source")
FORMS = ("quotation", "clause", "phrase")
QUOTE_MODALITIES = ("asserted", "negated", "hypothetical", "question", "generic")
EVENT_MODALITIES = ("asserted", "historical", "negated", "hypothetical", "future")
"""An event's modality (the shared contract's values): it happened (asserted; historical when told as background),
did not (negated), may or will (hypothetical, future). Only asserted and historical events count as having
happened."""
EVENT_FACTUALITIES = ("reported", "generic")
"""Finer readings the contract's modality has no value for, recorded with modality "hypothetical" (not counted as
having happened): only what someone claims happened ("claimed, without evidence, that it launched negotiations":
reported), or a habit or generalisation with no one occasion ("earlier interactions in which he praised autocrats":
generic)."""


def is_statement(quote: Quote, speaker_type: str | None = None) -> bool:
    """Someone said or wrote it: act speech or writing (or a `source` attribution to a person or organisation,
    "according to the board"), form quotation or clause, asserted, and not nested inside another quote.

    This is the view a quote counter (the Gender Gap Tracker), a fact-checker and the text report want;
    `speaker_type` is the entity type of the speaker (PERSON, GROUP, ORG, GPE, NORP, OTHER) or None."""
    if quote.act == "source":
        spoken = speaker_type in {"PERSON", "GROUP", "ORG", "GPE", "NORP"}
    else:
        spoken = quote.act in {"speech", "writing"}
    return spoken and quote.form in {"quotation", "clause"} and quote.modality == "asserted" \
        and quote.nested_in is None


@dataclass(slots=True)
class Event:
    """A PLOVER event: who did what to whom, with modality, date, place and intensity."""

    id: str
    type: str
    trigger: Span
    source: Who | None
    target: Who | None
    modality: str = "asserted"  # EVENT_MODALITIES
    factuality: str | None = None  # EVENT_FACTUALITIES, or None
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    reported_by: str | None = None
    date: dict[str, Any] | None = None
    location: dict[str, Any] | None = None
    score: float | None = None  # PLOVER intensity of the type
    cameo: str | None = None
    goldstein: float | None = None  # Goldstein score of the CAMEO code
    source_members: list[Who] = field(default_factory=list)  # compound source: "Ukraine and its allies"
    why: str = ""


@dataclass(slots=True)
class Claim:
    """A check-worthy assertion, its claimant (None: the article's own voice) and its evidence."""

    id: str
    span: Span
    claimant: Who | None
    kind: str
    checkworthiness: float | None = None
    evidence: str | None = None
    quote: str | None = None
    follow_up: list[dict[str, Any]] = field(default_factory=list)
    why: str = ""
    parts: list[Span] = field(default_factory=list)
    """The claimed words, one span per piece ("X," she said. "Y." has two); the attribution between pieces is
    not part of the claim. `span` is the first piece. Empty only in records made before pieces were kept."""


@dataclass(slots=True)
class Analysis:
    """The analysis of one article: what `newsledger analyze --format json` prints."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    headings: list[Span] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)  # datelines, captions, credits…: nobody's speech
    sentences: list[Span] = field(default_factory=list)
    """The parser's sentences (spaCy's, which knows "Mr." and "U.S." end no sentence), for display: the ledger's
    event sentence and cluster examples. Not in the JSON; empty for an analysis read back from it."""

    @property
    def text(self) -> str:
        return self.article.text

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity with this id, or None."""
        if entity_id is None:
            return None
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        return None

    def to_dict(self) -> dict[str, Any]:
        """The package schema's JSON object (`newsledger.schema`, a superset of the shared contract): tuples become
        lists; `layout` holds the paragraphs, headings and furniture."""
        art = self.article
        return {
            "schema": SCHEMA_ID,
            "article": {
                "id": art.id,
                "title": art.title,
                "published": art.published,
                "source": art.source,
                "url": art.url,
            },
            "text": art.text,
            "entities": [_plain(asdict(e)) for e in self.entities],
            "quotes": [_plain(asdict(q)) for q in self.quotes],
            "events": [_plain(asdict(e)) for e in self.events],
            # an unscored claim (words that assert nothing) has no checkworthiness key: the contract wants a number
            "claims": [{k: v for k, v in _plain(asdict(c)).items() if k != "checkworthiness" or v is not None}
                       for c in self.claims],
            "layout": {
                "paragraphs": [list(p) for p in self.paragraphs],
                "headings": [list(h) for h in self.headings],
                "furniture": [{"kind": f.kind, "span": list(f.span), "place": f.place} for f in self.furniture],
            },
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _plain(value: Any) -> Any:
    """Tuples to lists, recursively, so the JSON matches the contract's arrays."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
