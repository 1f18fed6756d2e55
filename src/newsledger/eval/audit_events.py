"""Audit checks on events: records a careful reader rejects without gold (see `newsledger.eval.audit`).

Importing this module registers its checks with `audit.register`; `newsledger eval audit` imports it.

Checks (issue 12, acceptance 3):
  event_asserted_after_publication  an asserted or historical event dated after the article's publication date
                                    (compared at the date's own granularity: "2025-06" is after "2025-05-20" only
                                    as a month after May). Needs the article's date; undated articles are skipped.
  event_future_before_publication   a future event dated before the publication date ("talks would resume on
                                    Monday" dated to the Monday before).
  force_target_not_hittable         an ASSAULT or COERCE whose target mention is words, not something force can
                                    reach: a plan, a policy, a law, a campaign, a remark (`ABSTRACT_TARGETS`).
  target_is_weapon_or_quantity      an event whose target mention is a weapon, an instrument or a bare quantity
                                    ("launched 90 drones at Kyiv": the drones are no target; `WEAPONS`).
  overlapping_event_triggers        two events of one article whose trigger spans overlap: one real event counted
                                    twice.
(Event participants in a dateline are counted by `speaker_in_furniture`.)

The word lists are written here, independently of the coder in `newsledger.events`, so that a coder change
cannot silently change what the audit counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsledger.eval.audit import AuditContext, Finding, register, sentence_excerpt
from newsledger.records import Analysis, Event

ABSTRACT_TARGETS = frozenset({
    "plan", "plans", "policy", "policies", "law", "laws", "bill", "bills", "legislation", "proposal", "proposals",
    "idea", "ideas", "campaign", "campaigns", "candidacy", "nomination", "record", "remark", "remarks", "comment",
    "comments", "claim", "claims", "decision", "ruling", "tax", "taxes", "agenda", "platform", "speech", "deal",
    "statement", "rhetoric", "credibility", "character", "reputation", "election", "race", "debate", "issue",
    "question", "report", "budget", "strategy", "approach", "stance", "view", "views", "argument", "theory",
})
"""Nouns that name words, ideas or procedures: no target of ASSAULT or COERCE."""

WEAPONS = frozenset({
    "missile", "missiles", "drone", "drones", "rocket", "rockets", "bomb", "bombs", "shell", "shells", "artillery",
    "mortar", "mortars", "grenade", "grenades", "gun", "guns", "rifle", "rifles", "bullet", "bullets", "weapon",
    "weapons", "munition", "munitions", "explosive", "explosives", "fire", "gunfire", "phone", "phones", "call",
    "letter", "email", "tweet", "statement", "warhead", "warheads", "ammunition",
})
"""Weapons, instruments and messages: what an actor uses, never whom it acts on."""

_QUANTITY = re.compile(r"^(?:about |some |nearly |more than |at least |the )?[\d,.]+(?: (?:percent|per cent|%|"
                       r"dollars|euros|tons|tonnes|km|kilometers|kilometres|miles|times))?$", re.IGNORECASE)
"""A bare quantity ("90", "about 5 percent"); "80,000 troops" is people counted, an actor, not a quantity."""
_FORCE = frozenset({"ASSAULT", "COERCE"})
_GRANULARITY = {"day": 10, "week": 10, "month": 7, "year": 4}


def _finding(check: str, analysis: Analysis, ctx: AuditContext, event: Event, why: str,
             mention: tuple[int, int] | None = None) -> Finding:
    span = mention or tuple(event.trigger)
    return Finding(check=check, article=ctx.article, record=event.id,
                   excerpt=sentence_excerpt(analysis, event.trigger[0], ctx.doc), why=why,
                   mention=analysis.text[span[0]:span[1]], span=span)  # type: ignore[arg-type]


def _dated(event: Event) -> tuple[str, int] | None:
    """(ISO value, characters to compare) of an event date the text states, or None (no date, or only the
    publication date standing in)."""
    date = event.date or {}
    cut = _GRANULARITY.get(str(date.get("granularity")))
    value = date.get("value")
    if not cut or not isinstance(value, str) or len(value) < cut:
        return None
    return value[:cut], cut


def _date_findings(check: str, analysis: Analysis, ctx: AuditContext, wrong: Callable[[Event, str, str], bool],
                   ) -> list[Finding]:
    """Findings for events whose stated date (at its granularity) is `wrong` against the publication date."""
    published = analysis.article.published or ""
    out = []
    for event in analysis.events if len(published) >= 10 else ():
        dated = _dated(event)
        if dated and wrong(event, dated[0], published[:dated[1]]):
            out.append(_finding(check, analysis, ctx, event,
                                f"{event.modality} {event.type} dated {dated[0]}, published {published[:10]}"))
    return out


@register("event_asserted_after_publication", "an asserted or historical event dated after publication")
def check_asserted_after_publication(analysis: Analysis, ctx: AuditContext) -> list[Finding]:
    return _date_findings("event_asserted_after_publication", analysis, ctx,
                          lambda e, date, published: e.modality in {"asserted", "historical"} and date > published)


@register("event_future_before_publication", "a future event dated before publication")
def check_future_before_publication(analysis: Analysis, ctx: AuditContext) -> list[Finding]:
    return _date_findings("event_future_before_publication", analysis, ctx,
                          lambda e, date, published: e.modality == "future" and date < published)


def _target_findings(check: str, analysis: Analysis, ctx: AuditContext,
                     wrong: Callable[[Event, str, str], str | None]) -> list[Finding]:
    """Findings for events whose target mention is `wrong`: called with the event, the mention (spaces
    normalised) and its last word (lowercased, punctuation stripped); returns the reason or None."""
    out = []
    for event in analysis.events:
        if event.target is None or event.target.mention is None:
            continue
        start, end = event.target.mention
        text = " ".join(analysis.text[start:end].split())
        last = text.lower().split()[-1].strip(".,'\"’") if text else ""
        why = wrong(event, text, last)
        if why is not None:
            out.append(_finding(check, analysis, ctx, event, why, (start, end)))
    return out


@register("force_target_not_hittable", "ASSAULT/COERCE whose target is words or ideas, not something force reaches")
def check_force_target(analysis: Analysis, ctx: AuditContext) -> list[Finding]:
    return _target_findings("force_target_not_hittable", analysis, ctx, lambda e, text, last: (
        f"{e.type} on {text!r}" if e.type in _FORCE and last in ABSTRACT_TARGETS else None))


@register("target_is_weapon_or_quantity", "an event target that is a weapon, an instrument or a bare quantity")
def check_weapon_target(analysis: Analysis, ctx: AuditContext) -> list[Finding]:
    return _target_findings("target_is_weapon_or_quantity", analysis, ctx, lambda e, text, last: (
        f"{e.type} target {text!r}" if last in WEAPONS or _QUANTITY.match(text) else None))


@register("overlapping_event_triggers", "two events whose trigger spans overlap (one event counted twice)")
def check_overlapping_triggers(analysis: Analysis, ctx: AuditContext) -> list[Finding]:
    out = []
    events = sorted(analysis.events, key=lambda e: tuple(e.trigger))
    for first, second in zip(events, events[1:], strict=False):
        if second.trigger[0] < first.trigger[1]:
            out.append(_finding("overlapping_event_triggers", analysis, ctx, second,
                                f"{second.type} overlaps {first.id} {first.type}"))
    return out
