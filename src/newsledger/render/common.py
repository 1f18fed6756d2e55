"""What the text and Markdown reports share: grouping quotes by speaker and slicing words from the text.

Strings shown to people are sliced from `Article.text` by the records' spans (DESIGN.md: spans, not strings),
so both reports show exactly the article's words.

The reports show statements (`Quote.statement`: someone said or wrote it) and count the other attributions
(beliefs, intentions, stances, negated or nested ones…) in one line naming the flag that shows them
(`ALL_ATTRIBUTIONS_FLAG`); with it, each of those carries its act, form and modality ("thought · clause").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsledger.claims.ranking import worth_bar
from newsledger.records import Analysis, Claim, Entity, Event, Quote, Span, Who

ELLIPSIS_JOIN = " … "
UNATTRIBUTED = "Unattributed"
ALL_ATTRIBUTIONS_FLAG = "--all-attributions"
MAX_HIDDEN_KINDS = 3  # kinds of hidden attribution named in the summary line


def span_text(text: str, span: Span | list[int] | None) -> str:
    """The words under a span, with runs of whitespace (line breaks too) shown as one space."""
    if span is None:
        return ""
    start, end = span[0], span[1]
    return " ".join(text[start:end].split())


def counts_line(analysis: Analysis) -> str:
    """The report header's counts: "18 paragraphs · 4 headings · 29 entities · 15 quotes · … · 11 claims"."""
    return (f"{plural(len(analysis.paragraphs), 'paragraph')} · {plural(len(analysis.headings), 'heading')} · "
            f"{plural(len(analysis.entities), 'entity', 'entities')} · "
            f"{count_label(analysis.quotes).replace(', ', ' · ')} · {plural(len(analysis.events), 'event')} · "
            f"{plural(len(analysis.claims), 'claim')}")


def claim_words(text: str, claim: Claim) -> str:
    """A claim's words: its pieces joined by " … " (the attribution between them left out)."""
    return " … ".join(span_text(text, part) for part in (claim.parts or [claim.span]))


def quote_words(analysis: Analysis, quote: Quote) -> str:
    """The quoted words: each content span sliced from the text, pieces joined with ' … '."""
    return ELLIPSIS_JOIN.join(span_text(analysis.text, s) for s in quote.content)


@dataclass(slots=True)
class SpeakerGroup:
    """One speaker's quotes, in text order; `entity` is None for an unresolved or missing speaker."""

    name: str
    entity: Entity | None
    quotes: list[Quote] = field(default_factory=list)


def group_quotes(analysis: Analysis, quotes: list[Quote] | None = None) -> list[SpeakerGroup]:
    """Quotes (all of the analysis's unless given) grouped by speaker entity (or by name when unresolved),
    groups in order of first quote."""
    groups: dict[str, SpeakerGroup] = {}
    for quote in sorted(analysis.quotes if quotes is None else quotes, key=_position):
        who = quote.speaker
        entity = analysis.entity(who.entity)
        if entity is not None:
            key, name = f"e:{entity.id}", entity.name
        elif who.entity or who.name:
            key, name = f"n:{who.entity or who.name}", who.name or who.entity or UNATTRIBUTED
        else:
            key, name = "-", UNATTRIBUTED
        group = groups.get(key)
        if group is None:
            group = groups[key] = SpeakerGroup(name=name, entity=entity)
        group.quotes.append(quote)
    return list(groups.values())


def speaker_details(group: SpeakerGroup) -> list[str]:
    """Role, organisation, country and type of a speaker, as far as the article says."""
    ent = group.entity
    if ent is None:
        return []
    details = [d for d in (ent.role, ent.organization, ent.country) if d]
    if ent.type and ent.type != "PERSON":
        details.append(ent.type.lower())
    return details


def mention_as_written(analysis: Analysis, quote: Quote, name: str) -> str | None:
    """The speaker's words at this quote ("He", "the minister") when they differ from the canonical name."""
    written = span_text(analysis.text, quote.speaker.mention)
    if written and written != name:
        return written
    return None


# ---- statements and the other attributions ------------------------------------------------------------------
_NOUNS = {  # why a quote is not a statement, as (singular, plural), in order of precedence
    "thought": ("belief", "beliefs"),
    "intention": ("intention", "intentions"),
    "stance": ("stance", "stances"),
    "source": ("source attribution", "source attributions"),
    "nested": ("nested attribution", "nested attributions"),
    "negated": ("negated attribution", "negated attributions"),
    "hypothetical": ("hypothetical attribution", "hypothetical attributions"),
    "question": ("question", "questions"),
    "generic": ("generic attribution", "generic attributions"),
    "phrase": ("noun-phrase attribution", "noun-phrase attributions"),
}
_OTHER = ("attribution", "attributions")


def counts_as_statement(quote: Quote) -> bool:
    """A statement: shown by default. (The record says; the extractor decides, see `records.is_statement`.)"""
    return bool(quote.statement)


def shown_quotes(analysis: Analysis, all_attributions: bool = False) -> list[Quote]:
    """The quotes a report shows: statements only, or every attribution."""
    return list(analysis.quotes) if all_attributions else [q for q in analysis.quotes if counts_as_statement(q)]


def attribution_kind(quote: Quote) -> tuple[str, str]:
    """What a non-statement is, as (singular, plural): ("belief", "beliefs"), ("negated attribution", …)."""
    for reason in (quote.act, "nested" if quote.nested_in else "", quote.modality, quote.form):
        if reason in _NOUNS:
            return _NOUNS[reason]
    return _OTHER


def attribution_label(quote: Quote) -> str:
    """Act and form, and the modality when not asserted: "thought · clause", "speech · clause · negated"."""
    parts = [quote.act, quote.form]
    if quote.modality != "asserted":
        parts.append(quote.modality)
    return " · ".join(parts)


def plural(n: int, singular: str, many: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (many or singular + 's')}"


def count_label(quotes: list[Quote]) -> str:
    """ "3 quotes", "2 quotes, 1 other attribution", "1 other attribution": statements first."""
    statements = sum(1 for q in quotes if counts_as_statement(q))
    others = len(quotes) - statements
    parts = [plural(statements, "quote")] if statements or not others else []
    if others:
        parts.append(plural(others, "other attribution"))
    return ", ".join(parts)


def hidden_summary(analysis: Analysis, shown: list[Quote]) -> str | None:
    """ "12 more attributions (beliefs, intentions, stances…) hidden" for the quotes not shown, or None.
    The renderer adds how to see them (`ALL_ATTRIBUTIONS_FLAG`)."""
    ids = {id(q) for q in shown}
    hidden = [q for q in analysis.quotes if id(q) not in ids]
    if not hidden:
        return None
    counts: dict[tuple[str, str], int] = {}
    for quote in hidden:
        kind = attribution_kind(quote)
        counts[kind] = counts.get(kind, 0) + 1
    order = list(_NOUNS.values()) + [_OTHER]
    kinds = sorted(counts, key=lambda k: (-counts[k], order.index(k)))
    names = ", ".join(many for _, many in kinds[:MAX_HIDDEN_KINDS])
    more = "…" if len(kinds) > MAX_HIDDEN_KINDS else ""
    return f"{plural(len(hidden), 'more attribution')} ({names}{more}) hidden"


def quote_ref(analysis: Analysis, quote_id: str, shown_ids: set[str] | None) -> tuple[str, str]:
    """How an event or claim names the quote it comes from: ("in quote", "q7"), or for an attribution that is
    not a statement ("in belief", "q7"), and when the report hides it "q7 (hidden: --all-attributions)"."""
    quote = next((q for q in analysis.quotes if q.id == quote_id), None)
    if quote is None or counts_as_statement(quote):
        return ("in quote", quote_id)
    label = f"in {attribution_kind(quote)[0]}"
    if shown_ids is not None and quote_id not in shown_ids:
        return (label, f"{quote_id} (hidden: {ALL_ATTRIBUTIONS_FLAG})")
    return (label, quote_id)


def quote_facts(analysis: Analysis, quote: Quote) -> list[tuple[str, str]]:
    """(label, value) pairs describing how a quote was made: kind, what it is when not a statement ("attribution":
    act, form and modality), cue, addressee, medium, continuation, the quote it sits inside."""
    facts = [("kind", quote.kind)]
    if not counts_as_statement(quote):
        facts.append(("attribution", attribution_label(quote)))
    cue = span_text(analysis.text, quote.cue)
    if cue:
        facts.append(("cue", cue))
    if quote.addressee:
        facts.append(("to", quote.addressee))
    if quote.medium:
        facts.append(("via", quote.medium))
    if quote.continuation_of:
        facts.append(("continues", quote.continuation_of))
    if quote.nested_in:
        facts.append(("inside", quote.nested_in))
    return facts


def quote_line(analysis: Analysis, quote: Quote) -> str:
    """ "line N": where the quote's words start, for a reader to find it in the text."""
    return f"line {line_of(analysis.text, _position(quote))}"


def _position(quote: Quote) -> int:
    return min((s[0] for s in quote.content), default=0)


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1


def who_label(analysis: Analysis, who: Who | None) -> str:
    """A participant as a reader wants it: the actor code and the name, "RUSGOV Vladimir Putin"."""
    if who is None:
        return "–"  # no participant found: the legend's "–"
    name = who.name or span_text(analysis.text, who.mention) or "?"
    return f"{who.actor} {name}" if who.actor else name


def event_headline(analysis: Analysis, event: Event) -> str:
    """ "RUSGOV REJECT USAGOV (phone) — line 9": codes when known, else the participants' names."""
    def code(who: Who | None) -> str:
        if who is None:
            return "–"
        return who.actor or (who.name or span_text(analysis.text, who.mention) or "?")

    extra = [x for x in (event.mode, *event.context[:2]) if x]
    tail = f" ({', '.join(extra)})" if extra else ""
    line = line_of(analysis.text, event.trigger[0])
    return f"{code(event.source)} {event.type} {code(event.target)}{tail} — line {line}"


def event_facts(analysis: Analysis, event: Event, shown_ids: set[str] | None = None) -> list[tuple[str, str]]:
    """(label, value) pairs for an event: modality, trigger, who, when, where, intensity, source quote
    (`shown_ids`: the quotes the report shows; one not among them is said to be hidden)."""
    facts = []
    if event.modality != "asserted":
        facts.append(("modality", event.modality))
    facts.append(("trigger", span_text(analysis.text, event.trigger)))
    facts.append(("who", f"{who_label(analysis, event.source)} → {who_label(analysis, event.target)}"))
    if event.date:
        when = event.date.get("value", "")
        if event.date.get("text"):
            when += f" ({event.date['text']})"
        facts.append(("when", when))
    if event.location:
        facts.append(("where", event.location.get("name", "")))
    if event.score is not None:
        facts.append(("intensity", f"{event.score:+g}" + (f", Goldstein {event.goldstein:+g}"
                                                          if event.goldstein is not None else "")))
    if event.reported_by:
        facts.append(quote_ref(analysis, event.reported_by, shown_ids))
    return facts


ARTICLE_VOICE = "the article (its own voice)"
UNATTRIBUTED_CLAIMS = "unattributed (a quote whose speaker is not known)"

LEGEND: list[tuple[str, str]] = [
    ("q3, ev5, c2", "ids of a quote, an event, a claim: records point at each other by them (\"in quote q3\")"),
    ("line N", "the line of the article text (1 = first line) where the quote, event or claim starts"),
    ("direct / indirect / mixed", "quoted words in marks / reported speech / both in one attribution"),
    ("cue", "the reporting words that introduce the quote (\"said\", \"according to\")"),
    ("to / via", "whom the words were addressed to / the medium they came through (Twitter, a statement)"),
    ("Name — role, organisation, country, type", "what the article says of a speaker: role, organisation, "
                                                 "country code and, when not a person, the entity type (org, gpe, "
                                                 "norp, group, or other: a noun the tool could not type)"),
    ("other attributions", "attributions that are not statements (nested in another quote, sourced with "
                           "\"according to\", a noun phrase, negated, hypothetical, a question): counted, and "
                           "listed with --all-attributions; \"in nested attribution q9\" points at one"),
    ("as …", "how the article names the speaker at this quote (\"as she\": a pronoun resolved to the speaker)"),
    ("ACTOR TYPE TARGET", "a PLOVER event: source actor, event type, target actor; codes like RUSGOV, UKRMIL"),
    ("–", "no participant found in the sentence (the event has no source or no target)"),
    ("?", "a participant was found but could not be named or coded"),
    ("(mode, context)", "PLOVER mode and context of the event (\"heavy-weapons\", \"military\")"),
    ("modality", "asserted (shown only when not), negated, hypothetical, future or historical"),
    ("intensity", "PLOVER intensity of the event type, -10 (most hostile) to +10 (most cooperative)"),
    ("Goldstein", "the Goldstein (1992) conflict-cooperation score of the matching CAMEO code, -10 to +10"),
    ("when / where", "the event's date (with the words it came from) and place"),
    ("check-worthiness", "0 to 1: how likely a fact-checker would pick the claim (ClaimBuster-trained model, ranked "
                         "by a model of judged news claims; 0.75 and up: worth checking, the claims of "
                         "`claims --worth`)"),
    ("factual / prediction / promise / threat / boast / position / opinion", "a claim's kind: a statement of "
                                                                             "fact, about the future (forecast, "
                                                                             "promise, threat), a boast, a stated "
                                                                             "position, or a judgement"),
    ("(no check-worthiness)", "a claim whose words assert nothing scorable (no verb, or fewer than six words), "
                              "kept for its kind or its evidence words, not ranked"),
    ("evidence", "the article's own words on the claim's support (\"without evidence\", \"citing\" …)"),
    ("supports / contradicts / bears on", "a later event of the article that bears on a prediction, promise, "
                                         "threat or boast"),
    ("why", "the rule that found the record: cue:<relation> (a reporting verb and the dependency linking it to "
            "the words, e.g. ccomp: 'said that …'), quotation:<how> (words in marks and how they were attributed), "
            "event <rule>"),
]
"""Every mark and field of the reports, explained: `newsledger analyze --legend` prints it, the README copies it."""


def group_claims(analysis: Analysis) -> list[tuple[str, list[Claim]]]:
    """Claims by claimant (canonical name; the article's own voice last), each group in text order."""
    groups: dict[str, list[Claim]] = {}
    for claim in sorted(analysis.claims, key=lambda c: c.span[0]):
        who = claim.claimant
        entity = analysis.entity(who.entity) if who is not None else None
        name = entity.name if entity else (who.name if who is not None and who.name else None)
        if name is None and claim.quote is not None:
            name = UNATTRIBUTED_CLAIMS  # a quote whose speaker is unknown is not the article's own voice
        groups.setdefault(name or ARTICLE_VOICE, []).append(claim)
    voice = groups.pop(ARTICLE_VOICE, None)
    out = list(groups.items())
    if voice:
        out.append((ARTICLE_VOICE, voice))
    return out


def claim_facts(analysis: Analysis, claim: Claim, shown_ids: set[str] | None = None) -> list[tuple[str, str]]:
    """(label, value) pairs for a claim: kind, check-worthiness (marked "worth checking" at or above the claim
    ranker's bar, `claims.ranking.worth_bar`), evidence flag, source quote (see `event_facts`), follow-ups."""
    facts = [("kind", claim.kind), ("line", str(line_of(analysis.text, claim.span[0])))]
    if claim.checkworthiness is not None:
        bar = worth_bar()
        worth = " (worth checking)" if bar is not None and claim.checkworthiness >= bar else ""
        facts.append(("check-worthiness", f"{claim.checkworthiness:.2f}{worth}"))
    if claim.evidence:
        facts.append(("evidence", claim.evidence))
    if claim.quote:
        facts.append(quote_ref(analysis, claim.quote, shown_ids))
    by_id = {e.id: e for e in analysis.events}
    for follow in claim.follow_up:
        event = by_id.get(follow.get("event") or "")
        if event is not None:
            facts.append((follow["relation"].replace("_", " "), event_headline(analysis, event)))
    return facts



def render_legend() -> str:
    """`LEGEND` as plain text, one mark a line (the Markdown report has `render.markdown.legend_markdown`)."""
    width = max(len(mark) for mark, _ in LEGEND)
    return "Legend\n" + "\n".join(f"  {mark.ljust(width)}  {meaning}" for mark, meaning in LEGEND) + "\n"
