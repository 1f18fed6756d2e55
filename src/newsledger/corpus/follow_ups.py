"""Claims followed across articles: what became of a prediction, promise, threat or boast.

A claim in article A ("Arakelyan said he will meet Guliyev in Geneva next month") is a statement about the
future. Its follow-ups are the events later articles report between the same parties whose types bear on it
("Arakelyan and Guliyev met in Geneva": supports; "Guliyev rejected talks": contradicts). Within one article the
claims stage does this already (`newsledger.claims.extract`); here the same question is asked across the ledger.

A follow-up links claim C (published on day d, a followed kind: prediction, promise, threat, boast) to event L
of another article when all of these hold:

- Time: L's article is published after d and no later than C's horizon; L's own possible dates (its date, or
  for an undated report the day before its article up to that article's day) begin on or after d and no later
  than the horizon. An event whose own date is before the claim is history, not what became of it: it never
  counts, even when a later article tells it (modality ``historical``, or a date before d).
- Horizon: the time the claim's own words set, when they set one: the latest date of an event inside the claim
  that lies after d ("next month" -> the end of that month), or a span in its words ("within two weeks", "in the
  next 30 days") -> d plus that span; plus `GRACE_DAYS` for the report to come out. Otherwise
  `DEFAULT_HORIZON_DAYS` (90). Never more than `MAX_HORIZON_DAYS`.
- Modality: L is asserted (it happened), or negated ("refused to meet", "did not attack": the foretold act not
  done, which contradicts it when it is of the same type; "hasn't endorsed her" within the horizon is "not yet",
  so it only bears on it). Hypothetical and future reports are not outcomes.
  And L is told as news, not background (`told_as_news`: its own day or week, or a verb with no "has", "often", "during
  the…" before it; `lexicons/background_cues.txt`).
- What the claim foretells (`foretold`): the events inside its words that are future or negated ("will meet",
  "will not sign"); for a threat also the hypothetical harm it holds out ("would strike": `THREAT_TYPES`). A
  prediction's "could" or "may" is too often a guess inside a longer sentence to follow, and a boast of what was
  done is followed only for what it says will come. Background its sentence tells as fact is not foretold, nor
  force between two named people (`_figurative`: "will win his battle with Trump"), nor what a person's
  supporters, voters or aides will do (`_for_followers`: "Sanders supporters will back her"). Each foretold
  event needs a source and a target, two different corpus actors; one without a source takes the claimant
  ("I will meet him"). A one-party prediction ("Serbia will withdraw") is not followed: matched on one actor,
  every later act of a busy politician would "bear on" it.
- Parties: through the linked corpus actors (`newsledger.corpus.actors`), never through countries alone (two
  outlets' "Russia" are one actor, but "a Russian official" and Putin are not): L is between the same two
  actors as a foretold event, in either direction.
- Relation: `lexicons/follow_up.tsv` (claim event type, later event type -> supports, contradicts, bears_on),
  first row naming both types (the "* *" fallback does not link across articles). A foretold "will not"
  (negated) is contradicted by what would support its positive, and linked to nothing else; a later negated
  event contradicts a foretold one of its type and links to nothing else. Across foretold
  events the strongest relation wins (contradicts, then supports, then bears_on). The later event has the same
  doer: its source is the foretold event's ("will back her": he backed her, or refused to; not she him), except
  for acts both parties do together (`MUTUAL_TYPES`: a meeting, a deal), which either may keep or refuse.
- One link per later article: its strongest relation, earliest in the article.

Blocks: one claim is one block. `follow_up_block(claim, events)` decides a claim's links from the events that
share one of its actors (`claim_keys`) and fall in its window (`window`); nothing else can change them, so the
ledger re-decides a claim only when a new article falls in its window or one of its actors' links changes, and a
Spark job can group candidate events by claim.

Pure functions over plain rows, stdlib only, as the rest of `newsledger.corpus`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from newsledger import lexicon
from newsledger.corpus.events import EventRow, EventWindows, event_interval
from newsledger.dates import iso_day

FOLLOWED_KINDS = frozenset({"prediction", "promise", "threat", "boast"})
DEFAULT_HORIZON_DAYS = 90
MAX_HORIZON_DAYS = 730
CONTEXT_CHARS = 200
GRACE_DAYS = 7
OUTCOME_MODALITIES = frozenset({"asserted", "negated"})
# What a threat holds out: harm by force, coercion or penalty ("would strike", "could impose sanctions").
THREAT_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN"})
FORCE_TYPES = frozenset({"ASSAULT", "COERCE"})
# An undated later report is taken to tell of something at most a day before its article appeared.
_LATER_WINDOWS = EventWindows(publication=1)
# Acts both parties do together: either one's later act bears on them ("will meet": she refused).
MUTUAL_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
_RELATION_RANK = {"contradicts": 0, "supports": 1, "bears_on": 2}

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "sixty": 60,
    "ninety": 90, "a few": 3, "several": 3, "coming": 1,
}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366}
_SPAN = re.compile(
    r"\b(?:within|in the next|over the next|in the coming|in|by the end of the next)\s+"
    r"(?P<n>\d{1,3}|a few|several|" + "|".join(sorted((w for w in _NUMBER_WORDS if " " not in w), key=len,
                                                      reverse=True)) + r")\s+"
    r"(?P<unit>day|week|month|year)s?\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class InsideEvent:
    """An event inside a claim's words: its type, its parties' corpus actor keys, and its date as recorded."""

    type: str
    source_key: str | None
    target_key: str | None
    date: str | None = None
    granularity: str | None = None
    modality: str = "future"


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """A followed claim of one article. `published` is its article's publication date (ISO 8601); `text` the
    claim's words (read for a span of time), `context` up to `CONTEXT_CHARS` characters before them in their
    sentence; `claimant_key` the claimant's corpus actor key."""

    article_id: str
    claim_id: str
    kind: str
    published: str | None
    text: str = ""
    claimant_key: str | None = None
    inside: tuple[InsideEvent, ...] = ()
    context: str = ""  # the words just before the claim's, in its sentence


@dataclass(frozen=True, slots=True)
class LaterEvent:
    """A candidate outcome: the event row (keys, type, modality, date, publication) and its trigger span."""

    row: EventRow
    start: int | None = None
    end: int | None = None
    trigger: str = ""
    sentence: str = ""
    nominal: bool = False  # the trigger is a noun ("his endorsement"), not a verb


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A claim, a later event of another article, how it bears on the claim, and why (the rule's words)."""

    claim_article: str
    claim_id: str
    article_id: str
    event_id: str
    relation: str
    start: int | None
    end: int | None
    days: int  # from the claim's publication to the later article's
    why: str = field(compare=False, default="")


def horizon(claim: ClaimRow) -> tuple[dt.date, str] | None:
    """The last day an outcome of `claim` may fall on, and where that came from; None for an undated claim."""
    day = iso_day(claim.published)
    if day is None:
        return None
    ends = []
    for ev in claim.inside:
        when = event_interval(EventRow("", "", ev.type, date=ev.date, granularity=ev.granularity,
                                       published=claim.published), _LATER_WINDOWS) \
            if ev.granularity != "publication" else None
        if when is not None and when.hi > day:
            ends.append((when.hi, f"its words date it to {ev.date}"))
    for m in _SPAN.finditer(claim.text):
        n = m.group("n").lower()
        count = int(n) if n.isdigit() else _NUMBER_WORDS[n]
        ends.append((day + dt.timedelta(days=count * _UNIT_DAYS[m.group("unit").lower()]),
                     f"its words say {m.group(0)!r}"))
    if ends:
        end, why = max(ends)
        end = min(end + dt.timedelta(days=GRACE_DAYS), day + dt.timedelta(days=MAX_HORIZON_DAYS))
        return end, f"{why}, plus {GRACE_DAYS} days"
    return day + dt.timedelta(days=DEFAULT_HORIZON_DAYS), f"default {DEFAULT_HORIZON_DAYS} days"


def window(claim: ClaimRow) -> tuple[dt.date, dt.date] | None:
    """(first, last) publication day a later article needs to be a candidate; None for an undated claim."""
    day, end = iso_day(claim.published), horizon(claim)
    return None if day is None or end is None else (day, end[0])


def _parties(claim: ClaimRow, ev: InsideEvent) -> tuple[str | None, str | None]:
    return ev.source_key or claim.claimant_key, ev.target_key


def claim_keys(claim: ClaimRow) -> set[str]:
    """The corpus actors a later event must involve to be a candidate (each foretold event's source, or the
    claimant for one without, and its target)."""
    return {k for ev in foretold(claim) for k in _parties(claim, ev) if k}


def _relation(claim_type: str, later: EventRow) -> tuple[str, bool]:
    """(relation, specific): the first row of follow_up.tsv for the ledger that matches; `specific` unless only
    "*" matched."""
    for c_type, l_type, mode, relation in lexicon.follow_up_relations("ledger"):
        if c_type in {"*", claim_type} and l_type in {"*", later.type} and mode in {None, later.mode}:
            return relation, not (c_type == "*" and l_type == "*")
    return "bears_on", False


def foretold(claim: ClaimRow) -> list[InsideEvent]:
    """The events inside a claim that it says will (or will not) happen, between two known actors: the future and
    negated ones ("will meet", "will not sign"), and for a threat the hypothetical harm it holds out ("would
    strike": `THREAT_TYPES`). Background the claim's sentence tells as fact is not what it foretells, nor what
    the people of a named actor will do ("Sanders supporters will back her" is not Sanders: `_for_followers`)."""
    out = []
    for ev in claim.inside:
        source, target = _parties(claim, ev)
        if not (source and target and source != target):
            continue
        foretells = ev.modality in {"future", "negated"} or (
            claim.kind == "threat" and ev.modality == "hypothetical" and ev.type in THREAT_TYPES)
        if foretells and not _figurative(ev.type, source, target) \
                and not _for_followers(f"{claim.context} {claim.text}", source):
            out.append(ev)
    return out


def _figurative(event_type: str, source: str, target: str) -> bool:
    """Force between two named people: in news almost always a figure of speech ("Cruz will win his battle with
    Trump", "she attacked him"), which the events stage may still type ASSAULT."""
    return event_type in FORCE_TYPES and source.startswith("person:") and target.startswith("person:")


def _surname(key: str) -> str | None:
    return key.removeprefix("person:").split("@")[0].split()[-1] if key.startswith("person:") else None


def _for_followers(text: str, key: str) -> bool:
    """Whether `text` speaks of the people of the person `key` ("Sanders supporters", "Trump's voters",
    `lexicons/group_nouns.txt`): an act in such words may be theirs, linked to him by the events stage."""
    surname = _surname(key)
    if not surname or not text:
        return False
    for m in re.finditer(rf"\b{re.escape(surname)}(?:['’]s?)?\s+(\w+)", text, re.IGNORECASE):
        word = m.group(1).lower()
        if word in lexicon.group_nouns() or word.removesuffix("s") in lexicon.group_nouns() \
                or word.endswith("ies") and word[:-3] + "y" in lexicon.group_nouns():
            return True
    return False


def _match(claim: ClaimRow, later: EventRow) -> tuple[str, InsideEvent] | None:
    """The strongest relation of `later` to an event the claim foretells between the same two actors."""
    best: tuple[str, InsideEvent] | None = None
    pair = {later.source_key, later.target_key}
    for ev in foretold(claim):
        source, target = _parties(claim, ev)
        if pair != {source, target}:
            continue
        if ev.type not in MUTUAL_TYPES and later.source_key != source:
            continue  # what was foretold is done by the one it was foretold of ("will back her": he backed her)
        if later.modality == "negated":
            # "refused to meet", "did not attack": the same act not done
            relation = "contradicts" if ev.type == later.type and ev.modality != "negated" else None
        else:
            relation, specific = _relation(ev.type, later)
            if not specific:
                relation = None
            elif ev.modality == "negated":  # a foretold "will not": what would support its positive breaks it
                relation = "contradicts" if relation == "supports" else None
        if relation is not None and (best is None or _RELATION_RANK[relation] < _RELATION_RANK[best[0]]):
            best = (relation, ev)
    return best


_WORD = re.compile(r"[\w'’]+")
_NEGATIONS = frozenset({"not", "never", "no", "cannot", "nor"})


def told_as_news(cand: LaterEvent) -> bool:
    """Whether a later report tells its event as news of its day rather than as background that may predate the
    claim: dated to a day or week of its own; else a verb ("endorsed", not "his endorsement") with no perfect or
    habitual cue or negation just before it ("has criticized", "often attacked", "can't support") and no period
    phrase in its sentence
    ("during the primaries"): `lexicons/background_cues.txt`."""
    if cand.row.source_key and _for_followers(cand.sentence, cand.row.source_key):
        return False
    if cand.row.granularity in {"day", "week"}:
        return True
    if cand.nominal:
        return False
    near, anywhere = lexicon.background_cues()
    sentence = cand.sentence.lower().replace("’", "'")
    if any(phrase in sentence for phrase in anywhere):
        return False
    at = sentence.find(cand.trigger.lower()) if cand.trigger else -1
    before = _WORD.findall(sentence[:at])[-3:] if at >= 0 else []
    if cand.row.modality == "asserted" and any(w in _NEGATIONS or w.endswith("n't") for w in before):
        return False  # "he can't support her" read as asserted: not an outcome either way
    return not any(w in near or any(w.endswith(c) for c in near if c.startswith("'") and c != "'s")
                   for w in before)


def _not_yet(cand: LaterEvent) -> bool:
    """A negated report in the perfect ("hasn't endorsed", "has not met", "not yet"): so far, not never."""
    sentence = cand.sentence.lower().replace("’", "'")
    at = sentence.find(cand.trigger.lower()) if cand.trigger else -1
    before = _WORD.findall(sentence[:at])[-4:] if at >= 0 else []
    return "yet" in before or any(w in {"hasn't", "haven't", "hadn't"} for w in before) \
        or any(a in {"has", "have", "had"} and b == "not" for a, b in zip(before, before[1:], strict=False))


def follow_up_block(claim: ClaimRow, events: Iterable[LaterEvent]) -> list[FollowUp]:
    """The follow-ups of one claim among `events` (any events: those outside its window, of its own article or
    not involving its actors are skipped). Sorted by later publication date, article and event id."""
    first, until = iso_day(claim.published), horizon(claim)
    if claim.kind not in FOLLOWED_KINDS or first is None or until is None or not foretold(claim):
        return []
    last, horizon_why = until
    out = []
    for cand in events:
        row = cand.row
        if row.article_id == claim.article_id or row.modality not in OUTCOME_MODALITIES:
            continue
        published = iso_day(row.published)
        if published is None or not first < published <= last:
            continue
        # a report with no date of its own (the events stage dates only what happened) is of its article's days
        when = event_interval(row if row.date else replace(row, granularity="publication"), _LATER_WINDOWS)
        if when is None or when.lo < first or when.lo > last or not told_as_news(cand):
            continue
        found = _match(claim, row)
        if found is None:
            continue
        relation, inside = found
        if relation == "contradicts" and row.modality == "negated" and _not_yet(cand):
            relation = "bears_on"  # "he hasn't endorsed her" inside the horizon: not yet, not broken
        days = (published - first).days
        done = " (not done)" if row.modality == "negated" else ""
        why = (f"{inside.type} ({inside.modality}) in the claim, {row.type}{done} {days} days later between the same "
               "actors "
               f"({', '.join(sorted({row.source_key, row.target_key} - {None}))}); {relation} by follow_up.tsv; "
               f"horizon {last.isoformat()} ({horizon_why})")
        out.append(FollowUp(claim.article_id, claim.claim_id, row.article_id, row.event_id, relation,
                            cand.start, cand.end, days, why))
    # one link per later article: its strongest, earliest-told event (an article retelling one outcome in three
    # sentences is one outcome)
    best: dict[str, FollowUp] = {}
    for f in sorted(out, key=lambda f: (_RELATION_RANK[f.relation], f.start if f.start is not None else 0,
                                        f.event_id)):
        best.setdefault(f.article_id, f)
    return sorted(best.values(), key=lambda f: (f.days, f.article_id, f.event_id))


def follow_ups(claims: Sequence[ClaimRow], events: Iterable[LaterEvent]) -> list[FollowUp]:
    """Every follow-up of `claims` among `events`: candidates indexed by actor key, each claim decided alone."""
    by_key: dict[str, list[LaterEvent]] = defaultdict(list)
    for ev in events:
        if ev.row.modality in OUTCOME_MODALITIES:
            for key in {ev.row.source_key, ev.row.target_key} - {None}:
                by_key[key].append(ev)
    out = []
    for claim in claims:
        seen: dict[tuple[str, str], LaterEvent] = {}
        for key in sorted(claim_keys(claim)):
            for ev in by_key.get(key, ()):
                seen.setdefault((ev.row.article_id, ev.row.event_id), ev)
        out += follow_up_block(claim, seen.values())
    return out
