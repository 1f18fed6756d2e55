"""When an event happened: date expressions resolved against the publication date with dateparser.

Only dates that attach to the event's own clause count ("Russia launched… since the invasion began in
February 2022": February 2022 is the invasion's date, not the barrage's). "Hours later", "days earlier" and
"hours after the call" take the previous event's date. Granularity is kept: "2022-02" is a month.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsledger.dates import iso_day
from newsledger.events.triggers import Trigger
from newsledger.nlp.sentences import entities, sentence_of

_RELATIVE_UNITS = {"hour", "hours", "minute", "minutes", "day", "days", "moment", "moments", "week", "weeks"}
_RELATIVE_WORDS = {"later", "earlier", "after", "afterwards", "before", "ago"}
_FUZZY_PREFIX = re.compile(r"^(?:early|mid|late|the end of|the start of|the beginning of)[\s-]+", re.I)
_HAS_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_PERIOD_FORMAT = {"year": "%Y", "month": "%Y-%m"}
HISTORICAL_DAYS = 31
_WEEKDAYS = {name: i for i, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}


def parse_published(published: str | None) -> dt.datetime | None:
    """The publication date as a datetime (date part of an ISO string), or None when absent or unreadable."""
    day = iso_day(published)
    return dt.datetime(day.year, day.month, day.day) if day else None


@functools.lru_cache(maxsize=64)
def _parser(base: dt.datetime | None, forward: bool = False):
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "future" if forward else "past",
                                "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=["en"], settings=settings)


@functools.lru_cache(maxsize=4096)
def resolve_date(text: str, base: dt.datetime | None, forward: bool = False) -> dict[str, Any] | None:
    """ "February 2022" -> {"value": "2022-02", "granularity": "month", "text": ...}; None if unreadable.
    Without a publication date only expressions that name their year are trusted. `forward`: the clause speaks
    of what is to come ("will meet on Friday", "would resume on Monday"), so a weekday or month without a year is
    the next one, not the last."""
    if base is None and not _HAS_YEAR.search(text):
        return None
    cleaned = _FUZZY_PREFIX.sub("", text.strip())
    cleaned = re.sub(r"^(?:on|in|since|by|during|from|until|as of)\s+", "", cleaned, flags=re.I)
    weekday = _WEEKDAYS.get(cleaned.lower())
    if weekday is not None and base is not None:
        # news usage: "on Tuesday" in a Tuesday paper is that day, not a week before (dateparser's reading)
        day = base + dt.timedelta(days=(weekday - base.weekday()) % 7) if forward \
            else base - dt.timedelta(days=(base.weekday() - weekday) % 7)
        return {"value": day.strftime("%Y-%m-%d"), "granularity": "day", "text": text}
    try:
        data = _parser(base, forward).get_date_data(cleaned)
    except (ValueError, OverflowError, TypeError):
        return None
    if data is None or data.date_obj is None:
        return None
    period = data.period or "day"
    value = data.date_obj.strftime(_PERIOD_FORMAT.get(period, "%Y-%m-%d"))
    return {"value": value, "granularity": period, "text": text}


def date_of(trigger: Trigger, doc: Doc, base: dt.datetime | None,
            previous: dict[str, Any] | None) -> dict[str, Any] | None:
    """The date the text gives this event, or a relative one anchored to the previous event, or None."""
    anchors = _anchors(trigger)
    sent = sentence_of(trigger.head)
    forward = any(c.dep_ in {"aux", "auxpass"} and c.lower_ in _FORWARD_AUX for i in anchors for c in doc[i].children)
    for ent in entities(doc):
        if ent.label_ != "DATE" or not sent.start <= ent.start < sent.end or _attached_verb(ent) not in anchors:
            continue
        resolved = resolve_date(ent.text, base, forward)
        if resolved is not None:
            return resolved
    relative = _relative_phrase(anchors, doc)
    if relative is not None:
        anchor = previous or ({"value": base.strftime("%Y-%m-%d"), "granularity": "day"} if base else None)
        if anchor is not None:
            return {"value": anchor["value"], "granularity": anchor.get("granularity", "day"), "text": relative}
    return None


_FORWARD_AUX = frozenset({"will", "would", "shall", "'ll", "wo", "'d"})
"""Auxiliaries that put a clause's date ahead of the telling: "will meet on Friday", "would resume on Monday"."""


def _period(date: dict[str, Any] | None) -> tuple[dt.datetime, dt.datetime] | None:
    """The first and last day a resolved date covers ("2022" -> Jan 1 to Dec 31, "2022-02" -> the month, a day ->
    itself); None for no date, the publication fallback or an unreadable value."""
    if not date or date.get("granularity") == "publication":
        return None
    value = date["value"]
    try:
        if len(value) == 4:
            return dt.datetime(int(value), 1, 1), dt.datetime(int(value), 12, 31)
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            return (dt.datetime(year, month, 1),
                    dt.datetime(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
        day = dt.datetime.fromisoformat(value[:10])
        return day, day
    except ValueError:
        return None


def is_historical(date: dict[str, Any] | None, base: dt.datetime | None) -> bool:
    """A dated event that ended well before publication is background, not news."""
    period = _period(date)
    return period is not None and base is not None and (base - period[1]).days > HISTORICAL_DAYS


def starts_after_publication(date: dict[str, Any] | None, base: dt.datetime | None) -> bool:
    """True when the whole of a date lies after the publication day ("by 2050" in a 2016 article; "2018" read from
    "two years later"): no event the article tells as having happened can carry it."""
    period = _period(date)
    return period is not None and base is not None and period[0].date() > base.date()


def _anchors(trigger: Trigger) -> set[int]:
    """Tokens a date may attach to: the trigger's verb and head, and for a noun subject its verb
    ("the invasion began in February 2022")."""
    out = {trigger.head.i}
    if trigger.verb is not None:
        out.add(trigger.verb.i)
    head = trigger.head
    if trigger.verb is None and head.dep_ in {"nsubj", "nsubjpass"}:
        out.add(head.head.i)
    return out


def _attached_verb(ent: Span) -> int:
    """The first verb or noun head above a date expression."""
    node: Token = ent.root
    for _ in range(4):
        if node.head.i == node.i:
            return node.i
        node = node.head
        if node.dep_ == "prep" or node.pos_ == "ADP":
            continue
        if node.pos_ in {"VERB", "AUX", "NOUN", "PROPN"}:
            return node.i
    return node.i


def _relative_phrase(anchors: set[int], doc: Doc) -> str | None:
    """ "Hours later", "days earlier", "hours after the call" on an anchor."""
    for i in anchors:
        for child in doc[i].children:
            if child.lower_ in _RELATIVE_WORDS and child.dep_ in {"advmod", "prep", "npadvmod"}:
                units = [t for t in child.subtree if t.lower_ in _RELATIVE_UNITS]
                if units:
                    span = doc[child.left_edge.i: child.right_edge.i + 1]
                    return span.text
            if child.lower_ in _RELATIVE_UNITS and child.dep_ == "npadvmod" \
                    and any(t.lower_ in _RELATIVE_WORDS for t in child.subtree):
                return doc[child.left_edge.i: child.right_edge.i + 1].text
    return None
