"""`newsledger eval audit DIR`: precision where gold is silent - records a careful reader would reject unseen.

Every article under DIR is analysed (one batched spaCy parse, kept so the checks can read it) and every check in
`CHECKS` looks at the Analysis. A check is a small pure function `(Analysis, AuditContext) -> list[Finding]`;
later issues add theirs with `@register(name, about)`.

Checks (quotes and speakers):
  pronoun_gender                      a speaker mention she/her/hers/herself resolved to an entity whose gender is
                                      "male", or he/him/his/himself to one that is "female" (missing gender = unknown).
  speaker_not_agent                   the head noun of the speaker mention cannot say anything: an abstraction, an
                                      event or a quantity ("absence", "the war", "turnout"). See `agent_reason`.
  speaker_in_furniture                a quote's speaker, or an event's source or target, is a mention inside a
                                      dateline, label, caption, credit or byline (`Layout.furniture`), or is an
                                      all-caps name opening the article before a comma or dash ("TALLINN, Estonia —").
  nested_statement                    a statement (`statement` true) whose cue lies inside another quote's content:
                                      it is reported inside someone's words, so `nested_in` should be set.
  content_crosses_speaker             a quote's content runs into a paragraph (other than its cue's) that holds
                                      another quote with a different speaker entity.
  quote_content_is_phrase_statement   a statement whose form is "phrase" (a noun phrase states nothing).

A Finding is one record a check rejects: {check, article (item name under DIR), record (quote or event id), excerpt
(the sentence holding the anchor, at most EXCERPT_CHARS characters), mention (speaker mention text), entity
(speaker's canonical name), span ([start, end) character offsets of the anchor in the article text), why}.

Units: counts are findings (one record may be flagged by several checks, and once per check); "quotes" is the number
of distinct quote records flagged; "share of quotes" divides that by all quotes found; "articles" is the number of
articles with at least one finding of the check, "share of articles" divides by the articles analysed. Event
records (speaker_in_furniture) count as findings but not in the quote columns.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Token

from newsledger import lexicon
from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.records import Analysis, Quote, Who

EXCERPT_CHARS = 300
"""Longest excerpt kept in a finding: the sentence, cut around the anchor when longer."""

AGENT_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
"""Entity types that can speak whatever the head noun. GROUP is not here: the resolver makes every plural common
noun a GROUP ("the talks said"), so a GROUP speaker needs a lexicon noun or a name like any other."""

FURNITURE_KINDS = frozenset({"dateline", "label", "caption", "credit", "byline"})
"""Layout furniture where no speaker or event participant can be: the article's apparatus, not its reporting."""

FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
PERSONAL_PRONOUNS = FEMALE_PRONOUNS | MALE_PRONOUNS | frozenset({
    "i", "me", "my", "myself", "we", "us", "our", "ourselves", "you", "your", "yourself", "yourselves",
    "they", "them", "their", "themselves",
})
IT_PRONOUNS = frozenset({"it", "its", "itself"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose"})
REFERRING_PRONOUNS = frozenset({"that", "which", "this", "these", "what"})
"""Pronouns that stand for something named elsewhere: judged by the entity they resolve to ("those" is not here:
"those who", "those around him" are people)."""
TURN_LABELS = frozenset({"q", "a", "q.", "a."})
"""Interview turn labels ("Q: How did things go?"): the questioner or the one answering."""
PARTITIVE_WORDS = frozenset({
    "percent", "per cent", "%", "half", "third", "thirds", "two-thirds", "quarter", "quarters", "share", "proportion",
    "fraction", "number", "majority", "minority", "plurality", "plenty", "dozen", "dozens", "hundred", "hundreds",
    "thousand", "thousands", "million", "millions", "lot", "lots", "handful", "rest", "bulk", "couple", "tens",
    "scores", "score", "group", "series", "batch", "set", "trove", "cache", "pair", "string",
    "none", "one", "all", "most", "many", "some", "few", "several", "each", "both",
})
"""Quantities and quantifiers whose "of" phrase is the real head: "16 percent of voters" is judged by "voters"."""
SHARE_WORDS = frozenset({"percent", "per cent", "%", "half", "third", "thirds", "two-thirds", "quarter", "quarters",
                         "fifth", "fifths", "tenth", "majority", "minority", "plurality", "most"})
"""Shares of people, a poll's respondents when they stand alone: "47 percent said", "nearly half say"."""
_IN_TEN = re.compile(r"\b(?:in|out of) (?:10|ten)\b", re.IGNORECASE)
NOT_AGENT_SUFFIXED = frozenset({"median", "meridian", "checklist", "playlist", "wishlist", "shortlist", "blacklist",
                                "whitelist", "waitlist", "watchlist"})
"""-ist and -ian words that name no agent (see `_agent_suffix`)."""
_CUT_WORDS = frozenset({"of", "from", "at", "in", "for", "on", "with", "by", "to", "who", "that", "which", "whose"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our"})
_WORD = re.compile(r"[\w'’.&-]+")
_CAPS_OPENING = re.compile(r"([A-Z][A-Z'’.&-]+(?: [A-Z][A-Z'’.&-]+){0,2})\s*(?:\([^)\n]{1,40}\)\s*)?(?:,|—|–|--| - )")
"""An all-caps word (up to three) opening a paragraph, before a comma or a dash: a dateline ("TALLINN, Estonia")."""


# ---- records ------------------------------------------------------------------------------------------------------
@dataclass(slots=True)
class Finding:
    """One record a check rejects, with enough context for a person to see why."""

    check: str
    article: str
    record: str
    excerpt: str
    why: str
    mention: str | None = None
    entity: str | None = None
    span: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["span"] = list(self.span) if self.span else None
        return out


@dataclass(slots=True)
class AuditContext:
    """What a check may read besides the Analysis: the article's name, its layout and (when parsed) the Doc."""

    article: str
    layout: Any = None  # newsledger.nlp.layout.Layout, or None when it could not be built
    doc: Doc | None = None


CheckFn = Callable[[Analysis, AuditContext], list[Finding]]


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    about: str
    fn: CheckFn


CHECKS: list[Check] = []
"""Every registered check, in report order."""


def register(name: str, about: str) -> Callable[[CheckFn], CheckFn]:
    """Add a check to CHECKS (a later registration under the same name replaces the earlier one)."""

    def wrap(fn: CheckFn) -> CheckFn:
        CHECKS[:] = [c for c in CHECKS if c.name != name]
        CHECKS.append(Check(name, about, fn))
        return fn

    return wrap


# ---- helpers ------------------------------------------------------------------------------------------------------
@functools.cache
def agent_nouns() -> frozenset[str]:
    """The lowercase words of `lexicons/agent_nouns.txt` (agent nouns the other lexicons miss)."""
    text = resources.files("newsledger").joinpath("lexicons", "agent_nouns.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


@functools.cache
def role_heads() -> frozenset[str]:
    """Every role as written ("foreign minister") and its head word ("minister"; "secretary" of "secretary of
    state"). Not `lexicon.role_words()`: it holds every word of every role, modifiers too ("war", "foreign")."""
    heads: set[str] = set()
    for role in lexicon.roles():
        heads.add(role)
        heads.add(role.split(" of ")[0].split()[-1])
    return frozenset(heads)


@functools.cache
def _agent_lexicons() -> tuple[tuple[str, frozenset[str], bool], ...]:
    """(lexicon name, entries, matched as written) for every lexicon of people, roles, groups, bodies, documents.
    Organisation and outlet names keep their case ("Reason" the magazine is not "reason"); the rest are lowercase."""
    return (
        ("roles", role_heads(), False),
        ("group nouns", lexicon.group_nouns(), False),
        ("evidence sources", lexicon.evidence_sources(), False),
        ("sector nouns", frozenset(lexicon.sector_nouns()), False),
        ("agent nouns", agent_nouns(), False),
        ("organisations", frozenset(lexicon.organizations()), True),
        ("media", frozenset(lexicon.media()), True),
    )


def lexicon_of(*words: str) -> str | None:
    """The first agent lexicon holding any of these words or phrases (lowercased, except for the names of
    organisations and outlets, which must match as written), or None."""
    keys = [w for w in words if w]
    lows = [w.lower() for w in keys]
    for name, entries, cased in _agent_lexicons():
        if any(k in entries for k in (keys if cased else lows)):
            return name
    return None


def _text(analysis: Analysis, span: tuple[int, int] | None) -> str | None:
    return analysis.text[span[0]:span[1]] if span else None


def _entity_name(analysis: Analysis, who: Who | None) -> str | None:
    if who is None:
        return None
    ent = analysis.entity(who.entity)
    return ent.name if ent is not None else who.name


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _token_at(doc: Doc, offset: int) -> Token | None:
    """The token covering (or, in whitespace, following) a character offset."""
    if not len(doc):
        return None
    starts = [t.idx for t in doc]
    i = max(bisect.bisect_right(starts, offset) - 1, 0)
    return doc[i]


def sentence_excerpt(analysis: Analysis, offset: int, doc: Doc | None = None) -> str:
    """The sentence holding `offset` (the paragraph when there is no parse), cut to EXCERPT_CHARS around it."""
    text = analysis.text
    if doc is not None and (tok := _token_at(doc, offset)) is not None:
        start, end = tok.sent.start_char, tok.sent.end_char
    else:
        start, end = 0, len(text)
        for p_start, p_end in analysis.paragraphs:
            if p_start <= offset < p_end:
                start, end = p_start, p_end
                break
        else:
            start = text.rfind("\n", 0, offset) + 1
            nl = text.find("\n", offset)
            end = nl if nl >= 0 else len(text)
    if end - start > EXCERPT_CHARS:
        start = max(start, min(offset - EXCERPT_CHARS // 3, end - EXCERPT_CHARS))
        end = start + EXCERPT_CHARS
    return " ".join(text[start:end].split())


def _quote_finding(check: str, analysis: Analysis, ctx: AuditContext, quote: Quote, anchor: int,
                   why: str, span: tuple[int, int] | None = None) -> Finding:
    return Finding(
        check=check,
        article=ctx.article,
        record=quote.id,
        excerpt=sentence_excerpt(analysis, anchor, ctx.doc),
        why=why,
        mention=_text(analysis, quote.speaker.mention),
        entity=_entity_name(analysis, quote.speaker),
        span=span,
    )


def _anchor(quote: Quote) -> int:
    """Where a quote is, for excerpts and paragraph lookups: its cue, else its content, else its speaker."""
    if quote.cue:
        return quote.cue[0]
    if quote.content:
        return quote.content[0][0]
    return quote.speaker.mention[0] if quote.speaker.mention else 0


def _is_statement(quote: Quote) -> bool:
    return bool(getattr(quote, "statement", True))


# ---- pronoun_gender -----------------------------------------------------------------------------------------------
@register("pronoun_gender", "she/her speaker resolved to a male entity, or he/him to a female one")
def check_pronoun_gender(analysis: Analysis, ctx: AuditContext) -> list[Finding]:
    out = []
    for quote in analysis.quotes:
        mention = (_text(analysis, quote.speaker.mention) or "").strip().lower()
        if mention in FEMALE_PRONOUNS:
            clash = "male"
        elif mention in MALE_PRONOUNS:
            clash = "female"
        else:
            continue
        ent = analysis.entity(quote.speaker.entity)
        gender = getattr(ent, "gender", None) if ent is not None else None
        if gender == clash:
            why = f"pronoun '{mention}' resolved to {ent.name!r} ({ent.id}), whose gender is {gender}"
            out.append(_quote_finding("pronoun_gender", analysis, ctx, quote, quote.speaker.mention[0], why,
                                      quote.speaker.mention))
    return out


# ---- speaker_not_agent --------------------------------------------------------------------------------------------
@dataclass(slots=True)
class Head:
    """The head word of a mention: as written, its lowercase lemma, part of speech, and the words before it."""

    text: str
    lemma: str
    pos: str = ""
    proper: bool = False
    number: bool = False
    compound: str = ""  # "rights" of "rights group", lowercase
    people: str = ""  # why a quantity stands for people: a share ("47 percent", "six in 10") or "the two"


def singular(word: str) -> str:
    """A plain English singular for lexicon lookups when there is no lemmatiser ("stories" -> "story",
    "fact-checkers" -> "fact-checker"); words of three letters or fewer, and -ss words, are kept."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith("ss"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1]


def _partitive(word: str) -> bool:
    """A quantity or quantifier that hands the head over to its "of" phrase: "one of the officials",
    "16 percent of voters", "half of the delegates"."""
    low = word.lower()
    return low in PARTITIVE_WORDS or low in agent_nouns() or low.replace(",", "").replace(".", "").isdigit()


def _named_elsewhere(text: str, word: str, offset: int) -> bool:
    """The word is written capitalised inside a sentence somewhere else in the article ("... Al From said" makes a
    sentence-initial "From" a name): a capitalised word opening a sentence is otherwise no evidence of a name."""
    pattern = re.compile(r"(?<=[\w,;’'\-] )" + re.escape(word) + r"\b")
    return any(m.start() != offset for m in pattern.finditer(text))


def _lowercase_elsewhere(text: str, word: str) -> bool:
    """The article also writes the word in lowercase ("Turnout said…" and "turnout rose"): a common noun."""
    low = word.lower()
    return low != word and re.search(r"\b" + re.escape(low) + r"\b", text) is not None


def head_from_doc(doc: Doc, span: tuple[int, int]) -> Head | None:
    """The syntactic head of the mention's tokens; a partitive ("one of the officials") gives its noun."""
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sp is None or not len(sp):
        return None
    root = sp.root
    if root.pos_ in {"NUM", "PRON", "DET", "ADJ"} or _partitive(root.text) or _partitive(root.lemma_):
        for prep in root.children:
            if prep.lower_ == "of" and prep.dep_ == "prep":
                # the "of" phrase may lie past the mention ("a growing number" of "… of senators"): one phrase
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    root = pobj
                    break
    text = root.text
    if root.i >= 2 and doc[root.i - 1].text in {"-", "‐"} and not doc[root.i - 1].whitespace_:  # "front-runner"
        text = doc[root.i - 2].text + "-" + root.text
    capitalised = root.text[:1].isupper()
    sentence_initial = root.i == root.sent.start or (root.i > 0 and doc[root.i - 1].is_sent_start
                                                     and doc[root.i - 1].is_punct)
    acronym = root.is_upper and root.is_alpha and len(root) >= 2  # "MSNBC", "CNS"
    if sentence_initial and not acronym:  # capitalised by position: NER misreads these ("Turnout" as a PERSON)
        proper = capitalised and _named_elsewhere(doc.text, root.text, root.idx) \
            and not _lowercase_elsewhere(doc.text, root.text)
    else:
        proper = capitalised
    compound = " ".join(c.lower_ for c in root.lefts if c.dep_ == "compound")
    lemma = text.lower() if text != root.text else root.lemma_.lower()
    number = root.like_num or root.pos_ == "NUM"
    people = ""
    in_ten = number and root.i >= 2 and doc[root.i - 1].lower_ == "in" and doc[root.i - 2].like_num  # "six in 10"
    if root.lower_ in SHARE_WORDS or lemma in SHARE_WORDS or in_ten or (
            number and any(c.dep_ == "prep" and c.lower_ in {"in", "out"} for c in root.children)):
        people = "a share of people (a poll's respondents)"
    elif number and any(c.dep_ == "det" and c.lower_ in {"the", "these", "those", "all"} for c in root.children):
        people = "a number standing for people named before (\"the two\")"
    return Head(text, lemma, root.pos_, proper, number, compound, people)


def head_from_text(text: str, mention: tuple[int, int]) -> Head | None:
    """Without a parse: the last word before a preposition or relative word; the noun after "of" in a partitive
    ("one of the officials"). A capitalised head is a name unless it opens a sentence (and is not written
    capitalised mid-sentence elsewhere in the text)."""
    words = [(m.group(), mention[0] + m.start()) for m in _WORD.finditer(text[mention[0]:mention[1]])]
    if not words:
        return None
    kept: list[tuple[str, int]] = []
    for k, (word, offset) in enumerate(words):
        if word.lower() in _CUT_WORDS and kept:
            if word.lower() == "of" and _partitive(kept[-1][0]):
                rest = [w for w in words[k + 1:] if w[0].lower() not in _DETERMINERS]
                if rest:
                    kept = rest[:1]
            break
        kept.append((word, offset))
    word, offset = kept[-1]
    before = text[:offset].rstrip(" \t")
    opens_sentence = not before.strip() or before[-1] in ".!?:\n\"“”"
    acronym = word.isupper() and len(word) >= 2
    proper = word[:1].isupper() and (not opens_sentence or acronym or (
        _named_elsewhere(text, word, offset) and not _lowercase_elsewhere(text, word)))
    lemma = word.lower()
    if lexicon_of(singular(lemma)):
        lemma = singular(lemma)
    compound = kept[-2][0].lower() if len(kept) > 1 else ""
    number = word.replace(",", "").replace(".", "").isdigit()
    people = ""
    if lemma in SHARE_WORDS or _IN_TEN.search(text[mention[0]:mention[1]]):
        people = "a share of people (a poll's respondents)"
    elif number and len(kept) > 1 and kept[-2][0].lower() in {"the", "these", "those", "all"}:
        people = "a number standing for people named before (\"the two\")"
    return Head(word, lemma, "", proper, number, compound, people)


def agent_reason(analysis: Analysis, who: Who, doc: Doc | None = None) -> tuple[bool, str]:
    """Whether a speaker mention names an agent, and the rule that decided it, first match wins:
      1. a personal pronoun (I, we, you, he, she, they and their other forms) or a relative who/whom: agent;
         "it" only when resolved to an ORG or GPE entity;
      2. resolved to a PERSON, ORG, GPE or NORP entity: agent (not GROUP: see AGENT_TYPES);
         that/which/this/these/what are judged by the name of the entity they resolve to (rules 3-5), and
         are not agents when unresolved;
      3. the head is a proper name: an acronym ("MSNBC"), a capitalised word inside a sentence, or one opening a
         sentence that the article also writes capitalised inside a sentence and never in lowercase (position
         alone capitalises "Turnout", and the small model's NER then often calls it a PERSON);
      4. the head's lemma or text (or "compound head", "rights group"; or the whole mention) is in a lexicon of
         people, roles, groups, organisations, media or documents (`lexicon_of`), or ends in -ist/-ian, or is a
         share of people standing for a poll's respondents ("47 percent", "half", "six in 10"): agent;
      5. otherwise not an agent, said as: a quantity (a number), an event (a noun of the event-trigger lexicon),
         or "not a person, group, organisation or document" (abstractions: "absence", "the problem", "turnout").
    The partitive "one of the officials" is judged by "officials". Without a parse the head is the last word
    before a preposition or relative word.
    """
    if who.mention is None:
        return True, "no mention"
    text = analysis.text[who.mention[0]:who.mention[1]].strip()
    low = text.lower()
    ent = analysis.entity(who.entity)
    if low in PERSONAL_PRONOUNS or low in RELATIVE_PRONOUNS:
        return True, "personal pronoun"
    if low in TURN_LABELS and analysis.text[who.mention[1]:who.mention[1] + 1] == ":":
        return True, "interview turn label"
    if low in IT_PRONOUNS:
        if ent is not None and ent.type in {"ORG", "GPE"}:
            return True, f"'it' resolved to {ent.type} {ent.name!r}"
        if ent is not None and lexicon_of(*ent.name.lower().split()[-1:]):
            return True, f"'it' resolved to {ent.name!r}, a document or body"
        return False, f"'{low}' is not resolved to an organisation or country" + (
            f" (it is {ent.type} {ent.name!r})" if ent is not None else "")
    if ent is not None and ent.type in AGENT_TYPES:
        return True, f"{ent.type} entity"
    if low in REFERRING_PRONOUNS:  # "a letter that says", "the study, which found": judge what it stands for
        if ent is None:
            return False, f"'{low}' is not resolved to anything that can speak"
        ok, why = _agent_words(head_from_text(ent.name, (0, len(ent.name))), ent.name)
        return ok, f"'{low}' stands for {ent.name!r}: {why}"
    head = head_from_doc(doc, who.mention) if doc is not None else None
    if head is None:
        head = head_from_text(analysis.text, who.mention)
    return _agent_words(head, text)


def _agent_words(head: Head | None, mention: str) -> tuple[bool, str]:
    """Rules 3 to 5 of `agent_reason` on a mention's head word (`mention`: the whole mention as written)."""
    if head is None:
        return True, "no words"
    if head.lemma in PERSONAL_PRONOUNS or head.text.lower() in PERSONAL_PRONOUNS:
        return True, "personal pronoun"
    if head.proper:
        return True, "proper name"
    found = lexicon_of(head.lemma, head.text, singular(head.lemma), f"{head.compound} {head.lemma}".strip(), mention,
                       " ".join(w for w in mention.split() if w.lower() not in _DETERMINERS))
    if found:
        return True, f"'{head.lemma}' in {found}"
    if _agent_suffix(head.lemma):
        return True, f"'{head.lemma}' names a person by its ending (-ist, -ian)"
    if head.people:
        return True, f"'{head.text}' is {head.people}"
    if head.number:
        kind = "a quantity"
    elif (head.lemma, "NOUN") in lexicon.event_triggers():
        kind = "an event"
    else:
        kind = "not a person, group, organisation or document"
    pos = f", {head.pos}" if head.pos else ""
    return False, f"head '{head.text}' (lemma '{head.lemma}'{pos}) is {kind}: no name, in no agent lexicon"


@register("speaker_not_agent", "the speaker mention's head is an abstraction, event or quantity, not an agent")
def check_speaker_not_agent(analysis: Analysis, ctx: AuditContext) -> list[Finding]:
    out = []
    for quote in analysis.quotes:
        if quote.speaker.mention is None:
            continue
        ok, why = agent_reason(analysis, quote.speaker, ctx.doc)
        if not ok:
            out.append(_quote_finding("speaker_not_agent", analysis, ctx, quote, quote.speaker.mention[0], why,
                                      quote.speaker.mention))
    return out


@functools.cache
def _non_agent_nouns() -> frozenset[str]:
    return frozenset(lexicon.word_list("non_agent_nouns.txt"))


def _agent_suffix(lemma: str) -> bool:
    """A noun naming a person by its ending: -ist, -ian, -er, -or, -ant, -ent, -ee ("environmentalist",
    "historian", "marketer", "applicant"), not "list", "median", nor the look-alikes of non_agent_nouns.txt
    ("number", "matter", "event")."""
    lemma = singular(lemma).rsplit("-", 1)[-1]
    if len(lemma) < 5 or not lemma.isalpha() or lemma in NOT_AGENT_SUFFIXED or lemma in _non_agent_nouns():
        return False
    return lemma.endswith(("ist", "ian", "er", "or", "ant", "ent", "ee", "goer")) and not lemma.endswith(
        ("ment", "ness", "ity", "ion", "ance", "ence"))


# ---- speaker_in_furniture -----------------------------------------------------------------------------------------
def furniture_spans(analysis: Analysis, layout: Any = None) -> list[tuple[str, tuple[int, int]]]:
    """(kind, span) of the furniture no participant may come from: the layout's dateline, label, caption, credit
    and byline pieces, plus an all-caps opening word before a comma or dash that the layout missed ("TALLINN,")."""
    spans: list[tuple[str, tuple[int, int]]] = []
    for piece in getattr(layout, "furniture", None) or []:
        if piece.kind in FURNITURE_KINDS:
            spans.append((piece.kind, (piece.start, piece.end)))
    headings = set(analysis.headings)
    starts = [0]
    for para in analysis.paragraphs:  # the text's start, and paragraph starts down to the first body paragraph
        starts.append(para[0])
        if tuple(para) not in headings:
            break
    known = {k.lower() for k in lexicon.organizations()} | {k.lower() for k in lexicon.media()}
    for start in sorted(set(starts)):
        m = _CAPS_OPENING.match(analysis.text, start)
        if m is None or m.group(1).lower() in known:
            continue
        span = (m.start(1), m.end(1))
        if not any(_overlaps(span, s) for _k, s in spans):
            spans.append(("caps dateline", span))
    return spans


@register("speaker_in_furniture", "a speaker (or event source/target) mention inside a dateline, label, caption, "
                                  "credit or byline")
def check_speaker_in_furniture(analysis: Analysis, ctx: AuditContext) -> list[Finding]:
    spans = furniture_spans(analysis, ctx.layout)
    if not spans:
        return []
    out = []

    def hit(who: Who | None) -> tuple[str, tuple[int, int]] | None:
        if who is None or who.mention is None:
            return None
        return next(((k, s) for k, s in spans if _overlaps(who.mention, s)), None)

    for quote in analysis.quotes:
        if (found := hit(quote.speaker)) is not None:
            kind, span = found
            why = f"speaker mention {_text(analysis, quote.speaker.mention)!r} is inside the {kind} " \
                  f"{_text(analysis, span)!r}"
            out.append(_quote_finding("speaker_in_furniture", analysis, ctx, quote, quote.speaker.mention[0], why,
                                      quote.speaker.mention))
    for event in analysis.events:
        hits = [(role, who, found) for role, who in (("source", event.source), ("target", event.target))
                if who is not None and who.mention is not None and (found := hit(who)) is not None]
        if not hits:
            continue
        role, who, _found = hits[0]
        parts = [f"{r} mention {_text(analysis, w.mention)!r} is inside the {k} {_text(analysis, s)!r}"
                 for r, w, (k, s) in hits]
        out.append(Finding(
            check="speaker_in_furniture",
            article=ctx.article,
            record=event.id,
            excerpt=sentence_excerpt(analysis, event.trigger[0], ctx.doc),
            why=f"event {event.type}: " + "; ".join(parts),
            mention=_text(analysis, who.mention),
            entity=_entity_name(analysis, who),
            span=who.mention,
        ))
    return out


# ---- nested_statement ---------------------------------------------------------------------------------------------
@register("nested_statement", "a statement whose cue lies inside another quote's content (should be nested_in it)")
def check_nested_statement(analysis: Analysis, ctx: AuditContext) -> list[Finding]:
    out = []
    for quote in analysis.quotes:
        if not _is_statement(quote) or quote.cue is None:
            continue
        cue = quote.cue
        for other in analysis.quotes:
            if other.id == quote.id:
                continue
            holder = next((c for c in other.content if c[0] <= cue[0] and cue[1] <= c[1]), None)
            if holder is None:
                continue
            nested = getattr(quote, "nested_in", None)
            why = (f"cue {_text(analysis, cue)!r} lies inside the content of {other.id} "
                   f"({_entity_name(analysis, other.speaker) or 'no speaker'}); "
                   f"statement is true and nested_in is {nested!r}")
            out.append(_quote_finding("nested_statement", analysis, ctx, quote, cue[0], why, cue))
            break
    return out


# ---- content_crosses_speaker --------------------------------------------------------------------------------------
def _paragraph_index(paragraphs: list[tuple[int, int]], offset: int) -> int | None:
    starts = [p[0] for p in paragraphs]
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and paragraphs[i][0] <= offset < max(paragraphs[i][1], paragraphs[i][0] + 1):
        return i
    return None


def _paragraphs_of(paragraphs: list[tuple[int, int]], span: tuple[int, int]) -> set[int]:
    return {i for i, p in enumerate(paragraphs) if _overlaps(span, p)}


@register("content_crosses_speaker", "a quote's content runs into a paragraph holding another speaker's quote")
def check_content_crosses_speaker(analysis: Analysis, ctx: AuditContext) -> list[Finding]:
    paragraphs = [tuple(p) for p in analysis.paragraphs]
    if len(paragraphs) < 2:
        return []
    home: dict[str, int | None] = {q.id: _paragraph_index(paragraphs, _anchor(q)) for q in analysis.quotes}
    by_paragraph: dict[int, list[Quote]] = defaultdict(list)
    for q in analysis.quotes:
        if home[q.id] is not None:
            by_paragraph[home[q.id]].append(q)
    out = []
    for quote in analysis.quotes:
        touched: set[int] = set()
        for c in quote.content:
            touched |= _paragraphs_of(paragraphs, c)
        if len(touched) < 2:
            continue
        own = home[quote.id]
        if own is None or quote.cue is None:
            own = min(touched)
        linked = {quote.id, quote.continuation_of}
        for i in sorted(touched - {own}):
            other = next(
                (r for r in by_paragraph.get(i, [])
                 if r.id not in linked and r.continuation_of != quote.id
                 and r.speaker.entity is not None and r.speaker.entity != quote.speaker.entity),
                None,
            )
            if other is None:
                continue
            why = (f"content runs from paragraph {own + 1} into paragraph {i + 1}, which holds {other.id} by "
                   f"{_entity_name(analysis, other.speaker)!r} (speaker here: "
                   f"{_entity_name(analysis, quote.speaker) or 'none'})")
            start = max(paragraphs[i][0], min(c[0] for c in quote.content))
            out.append(_quote_finding("content_crosses_speaker", analysis, ctx, quote, start, why, paragraphs[i]))
            break
    return out


# ---- quote_content_is_phrase_statement ----------------------------------------------------------------------------
@register("quote_content_is_phrase_statement", "a statement whose form is 'phrase' (a noun phrase states nothing)")
def check_phrase_statement(analysis: Analysis, ctx: AuditContext) -> list[Finding]:
    out = []
    for quote in analysis.quotes:
        if _is_statement(quote) and getattr(quote, "form", None) == "phrase":
            content = " ".join(_text(analysis, c) or "" for c in quote.content)
            why = f"statement is true but the content {content[:80]!r} is a phrase"
            out.append(_quote_finding("quote_content_is_phrase_statement", analysis, ctx, quote, _anchor(quote),
                                      why, quote.content[0] if quote.content else None))
    return out


# ---- running ------------------------------------------------------------------------------------------------------
def run_checks(analysis: Analysis, ctx: AuditContext, checks: Iterable[Check] | None = None
               ) -> tuple[list[Finding], list[str]]:
    """Every check on one article: (findings, problems); a check that raises is a problem, not the end."""
    findings: list[Finding] = []
    problems: list[str] = []
    for chk in CHECKS if checks is None else checks:
        try:
            findings.extend(chk.fn(analysis, ctx))
        except Exception as exc:  # noqa: BLE001 - records are changing shape under us; report and go on
            problems.append(f"check {chk.name} failed ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})")
    return findings, problems


def context_for(article: str, analysis: Analysis, doc: Doc | None) -> AuditContext:
    """The layout (rebuilt from the text: cheap) and the parse for one analysed article."""
    try:
        from newsledger.nlp.layout import find_layout

        layout = find_layout(analysis.text)
    except Exception:  # noqa: BLE001 - the furniture check falls back to its own all-caps dateline test
        layout = None
    return AuditContext(article=article, layout=layout, doc=doc)


def analyze_with_docs(articles: Iterable[Article], batch_size: int = 16) -> Iterator[tuple[Analysis, Doc]]:
    """Like `analyze_many`, keeping each Doc beside its Analysis, so nothing is parsed twice."""
    from newsledger.analyze import analyze_parsed
    from newsledger.nlp.pipeline import load_nlp

    nlp = load_nlp()
    for doc, article in nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=batch_size):
        yield analyze_parsed(article, doc), doc


def audit_items(items: Iterable[tuple[str, Article | InputError]], batch_size: int = 16
                ) -> Iterator[tuple[str, Analysis | InputError, Doc | None]]:
    """Analyse read items in input order; an article that fails becomes an InputError and the rest go on."""
    from newsledger.analyze import analyze_parsed
    from newsledger.nlp.pipeline import load_nlp

    it = iter(items)
    while chunk := list(itertools.islice(it, batch_size)):
        arts = [a for _, a in chunk if isinstance(a, Article)]
        done: list[tuple[Analysis, Doc]] = []
        try:
            for pair in analyze_with_docs(arts, batch_size):
                done.append(pair)
        except Exception:  # noqa: BLE001 - isolated below, article by article
            pass
        results: dict[int, tuple[Analysis | InputError, Doc | None]] = {}
        names = {id(a): name for name, a in chunk}
        for k, art in enumerate(arts):
            if k < len(done):
                results[id(art)] = done[k]
                continue
            try:
                doc = load_nlp()(art.text)
                results[id(art)] = (analyze_parsed(art, doc), doc)
            except Exception as exc:  # noqa: BLE001 - one bad article must not end the run
                detail = " ".join(str(exc).split())[:300]
                results[id(art)] = (InputError(names[id(art)], f"internal error ({type(exc).__name__}: {detail})"),
                                    None)
        for name, res in chunk:
            if isinstance(res, InputError):
                yield name, res, None
            else:
                analysis, doc = results[id(res)]
                yield name, analysis, doc


@dataclass
class Tally:
    """Counts over a run: findings per check, distinct quotes and articles flagged, examples kept."""

    checks: list[Check] = field(default_factory=lambda: list(CHECKS))
    examples: int = 0
    articles: int = 0
    quotes: int = 0
    statements: int = 0
    events: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    findings: Counter[str] = field(default_factory=Counter)
    flagged_quotes: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))
    flagged_articles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    kept: dict[str, list[Finding]] = field(default_factory=lambda: defaultdict(list))
    started: float = field(default_factory=time.perf_counter)
    seconds: float = 0.0

    def add(self, analysis: Analysis, findings: list[Finding]) -> None:
        self.articles += 1
        self.quotes += len(analysis.quotes)
        self.statements += sum(_is_statement(q) for q in analysis.quotes)
        self.events += len(analysis.events)
        quote_ids = {q.id for q in analysis.quotes}
        for f in findings:
            self.findings[f.check] += 1
            self.flagged_articles[f.check].add(f.article)
            if f.record in quote_ids:
                self.flagged_quotes[f.check].add((f.article, f.record))
            if len(self.kept[f.check]) < self.examples:
                self.kept[f.check].append(f)

    def error(self, item: str, reason: str) -> None:
        self.errors.append({"item": item, "reason": reason})

    def report(self) -> dict[str, Any]:
        """The run as a JSON-ready dict: per check and total counts and shares (shares are 0-1, or None)."""
        self.seconds = time.perf_counter() - self.started

        def share(n: int, d: int) -> float | None:
            return round(n / d, 4) if d else None

        rows = []
        for chk in self.checks:
            q, a = len(self.flagged_quotes[chk.name]), len(self.flagged_articles[chk.name])
            rows.append({"check": chk.name, "about": chk.about, "findings": self.findings[chk.name], "quotes": q,
                         "quote_share": share(q, self.quotes), "articles": a,
                         "article_share": share(a, self.articles)})
        any_q = set().union(*self.flagged_quotes.values()) if self.flagged_quotes else set()
        any_a = set().union(*self.flagged_articles.values()) if self.flagged_articles else set()
        report: dict[str, Any] = {
            "articles": self.articles,
            "errors": self.errors,
            "quotes": self.quotes,
            "statements": self.statements,
            "events": self.events,
            "seconds": round(self.seconds, 1),
            "articles_per_second": round(self.articles / self.seconds, 2) if self.seconds else None,
            "checks": rows,
            "total": {"findings": sum(self.findings.values()), "quotes": len(any_q),
                      "quote_share": share(len(any_q), self.quotes), "articles": len(any_a),
                      "article_share": share(len(any_a), self.articles)},
        }
        if self.examples:
            report["examples"] = {c.name: [f.to_dict() for f in self.kept.get(c.name, [])] for c in self.checks}
        return report
