"""Claims worth checking: what is asserted, by whom, of what kind, on what evidence, and what became of it.

Two sources of claims, one parse:
1. Quotes that state something (said, written or sourced; asserted; a clause or verbatim words: not a noun
   phrase, an intention or a stance): the quoted or reported words are the claim, their speaker the claimant
   (left empty, with the reason in `why`, when the speaker is a share or a quantity, not an agent). The kind
   comes from the reporting verb ("boasted" -> boast, "warned" -> threat) or, for plain "said", from the words
   ("will" -> prediction, "cannot" -> position); a conflict action the speaker's own side only might take is a
   threat.
   Kept when the kind is trackable (prediction, promise, threat, boast, position), when the article flags its
   evidence, or when the check-worthiness model (`claims.scoring`) scores it at or above its threshold.
2. The article's own voice: sentences mostly outside quotes and not reporting what someone says, kept when
   they clear the stricter article-voice bar; claimant None.
Words with page code in them are no claim. A kept claim's check-worthiness is the claim ranker's probability
(`claims.ranking`), raised to its bar when the article itself calls the claim unsupported, false or disputed.
Evidence markers ("without evidence", "falsely", "citing…") are searched in the claim's sentence outside the
claimed words. Follow-ups link a prediction, promise, threat or boast to later asserted events of the article
that share an actor with the events inside it (`follow_up.tsv` says whether they support, contradict or bear on
it); historical ones never count. Across articles: `newsledger.corpus.follow_ups`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsledger import lexicon
from newsledger.claims import ranking
from newsledger.claims.scoring import Scorer, scorer
from newsledger.nlp.layout import Layout
from newsledger.nlp.sentences import sentence_of, sentences, text_of
from newsledger.quotes.speakers import names_an_agent
from newsledger.records import Analysis, Claim, Entity, Event, Quote, Who

TRACKED_KINDS = {"prediction", "promise", "threat", "boast", "position"}
FOLLOWED_KINDS = {"prediction", "promise", "threat", "boast"}
_CONFLICT_QUADS = {3, 4}
_ARTICLE_VOICE_MAX_QUOTED = 0.5  # a sentence mostly made of quoted words is the quote's claim, not the article's
_ATTRIBUTION_MIN_QUOTED = 0.3  # with a reporting verb in it, a sentence this much quoted is an attribution
_MIN_WORDS = 5


@dataclass(slots=True)
class _Candidate:
    span: tuple[int, int]  # from the first claimed word to the last (the attribution between pieces included)
    parts: list[tuple[int, int]]  # the claimed words only
    claimant: Who | None
    kind: str
    quote: Quote | None  # the quote whose words these are; None in the article's own voice
    sentence: Span
    why: str


class _ClaimFinder:
    def __init__(self, doc: Doc, layout: Layout, quotes: list[Quote], events: list[Event],
                 model: Scorer | None, entities: list[Entity] | None = None) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.layout = layout
        self.quotes = quotes
        self.events = sorted(events, key=lambda e: e.trigger[0])
        self.model = model
        self.entities = {e.id: e for e in entities or []}
        self.cue_kinds, self.word_kinds = lexicon.claim_kinds()

    # ---- kinds ----------------------------------------------------------------------------------------
    def kind_of(self, words: Span, cue_group: str | None, claimant: Who | None) -> tuple[str, str]:
        """(kind, why): the cue's kind unless it is plain factual, else the words' kind, else factual."""
        by_cue = self.cue_kinds.get(cue_group or "")
        if by_cue in FOLLOWED_KINDS:
            return by_cue, f"cue group '{cue_group}'"
        if self._own_side_threat(words, claimant):
            return "threat", "a conflict action the claimant's side might take"
        if by_cue and by_cue != "factual":
            return by_cue, f"cue group '{cue_group}'"
        for tok in words:
            kind = self.word_kinds.get(tok.lower_)
            if kind is None and tok.lemma_ == "can" and any(c.dep_ == "neg" for c in tok.head.children):
                kind = self.word_kinds.get("cannot")  # "there cannot be any": spaCy splits "cannot"
            if kind == "prediction" and tok.dep_ in {"aux", "auxpass"} and tok.lower_ != "wo" \
                    and any(c.lower_ in {"i", "we"} and c.dep_ == "nsubj" for c in tok.head.children):
                return "promise", f"first person with '{tok.text}'"
            if kind and (kind != "prediction" or tok.dep_ in {"aux", "auxpass"}):
                return kind, f"'{tok.text}' in the claim"
        return "factual", "default"

    def _own_side_threat(self, words: Span, claimant: Who | None) -> bool:
        if claimant is None or not claimant.actor:
            return False
        country = claimant.actor[:3]
        for ev in self._events_within(words.start_char, words.end_char):
            quad = lexicon.plover_types()[ev.type].quad
            if quad in _CONFLICT_QUADS and ev.modality in {"hypothetical", "future"} and ev.source \
                    and (ev.source.actor or "")[:3] == country:
                return True
        return False

    # ---- evidence ---------------------------------------------------------------------------------------
    def evidence_of(self, span: tuple[int, int], cue: tuple[int, int] | None, own_words: bool,
                    reported: bool = False) -> str | None:
        """The article's words about the claim's support: around the reporting verb ("claimed, without
        evidence, that…", "falsely said", "said…, citing records"); inside the claim when the words are the
        reporter's own (article voice). Inside reported speech (an indirect quote) only the reporter's framing
        counts: "without evidence", "citing …", "a claim disputed by …"; a judgement word there ("baseless",
        "unsubstantiated", "false claims") is the speaker's about someone else ("Trump called the charges
        unsubstantiated"), not the article's. Never inside a direct quote."""
        inside = self.text[span[0]:span[1]] if own_words or reported else ""
        around = ""
        if cue is not None:
            between = self.text[cue[1]:span[0]] if cue[1] <= span[0] else self.text[span[1]:cue[0]]
            around = f"{self._cue_modifiers(cue, span)} {self.text[cue[0]:cue[1]]} {between}"
        found: list[str] = []
        for region, framing_only in ((around, False), (inside, reported and not own_words)):
            low = region.lower()
            for phrase, flag in lexicon.evidence_markers():
                if framing_only and not (flag in {"sourced", "disputed"} or phrase.startswith("without ")):
                    continue
                # "may have" hedges a past deed ("may have leaked the memo"), not an obligation ("might have to
                # reach into a new bag of tricks")
                if phrase in low and re.search(rf"\b{re.escape(phrase)}\b(?! to\b)", low) and \
                        not any(phrase in f.lower() for f in found):
                    at = low.index(phrase)
                    found.append(region[at:at + len(phrase)])
        return "; ".join(found) or None

    def _cue_modifiers(self, cue: tuple[int, int], content: tuple[int, int]) -> str:
        """Modifiers of the reporting verb outside the claimed words: "falsely said", "said, citing hospital
        records, …", "claimed without offering proof"."""
        span = self.doc.char_span(cue[0], cue[1], alignment_mode="expand")
        if span is None:
            return ""
        parts = []
        for tok in span:
            for child in tok.children:
                if child.dep_ not in {"advmod", "npadvmod", "advcl", "prep"} or child.i in range(span.start, span.end):
                    continue
                start, end = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
                if end <= content[0] or start >= content[1]:
                    parts.append(self.text[start:end])
        return " ".join(parts)

    # ---- candidates ----------------------------------------------------------------------------------------
    def from_quotes(self) -> list[_Candidate]:
        out = []
        previous_group: str | None = None
        for quote in sorted(self.quotes, key=lambda q: q.content[0][0]):
            if not _states(quote):
                continue
            parts = [p for p in (_claimed_words(self.text, s, e) for s, e in sorted(quote.content)) if p[1] > p[0]]
            if not parts:
                continue
            start, end = parts[0][0], parts[-1][1]
            words = self.doc.char_span(start, end, alignment_mode="expand")
            if words is None or len(words) < 2:
                continue
            group = self._cue_group(quote) or (previous_group if quote.continuation_of else None)
            previous_group = group
            speaker = quote.speaker
            if self._not_an_agent(speaker):
                # "just 28 percent of voters said…", "the number … projected to swell": the quote stage's speaker
                # is a share, a quantity or a thing; a claim shown as theirs misstates who claims it, so the
                # claimant stays empty and the record says why
                source = f"quote {quote.id}, whose speaker '{speaker.name}' is not an agent: claimant left empty"
                speaker = None
            else:
                source = f"quote {quote.id}" if speaker is not None else f"unattributed quote {quote.id}"
            kind, why = self.kind_of(words, group, speaker)
            out.append(_Candidate((start, end), parts, speaker, kind, quote, sentence_of(words),
                                  f"{source}; kind: {why}"))
        return out

    def _cue_group(self, quote: Quote) -> str | None:
        if quote.cue is None:
            return None
        cue = self.doc.char_span(quote.cue[0], quote.cue[1], alignment_mode="expand")
        if cue is None:
            return None
        for tok in cue:
            verb = lexicon.reporting_verbs().get(tok.lemma_.lower())
            if verb is not None:
                return verb.group
        return None

    def from_article_voice(self) -> list[_Candidate]:
        """Sentences in the article's own voice: not headings, not mostly quoted words, and not attributions (a
        sentence whose reporting verb introduces a quote states that quote's claim, not the article's; so does
        "Sanders said that …" when the quote stage missed it)."""
        quoted = sorted(s for q in self.quotes for s in q.content)
        starts = [s for s, _ in quoted]
        longest = max((e - s for s, e in quoted), default=0)
        cues = sorted(q.cue[0] for q in self.quotes if q.cue is not None)
        verbs = lexicon.reporting_verbs()
        out = []
        for sent in sentences(self.doc):
            para = self.layout.paragraph_at(sent.start_char)
            if para is not None and para.heading:
                continue
            words = [t for t in sent if not t.is_punct and not t.is_space]
            if len(words) < _MIN_WORDS:
                continue
            # quoted characters in the sentence: only spans starting within `longest` before it can reach it
            first = bisect.bisect_right(starts, sent.start_char - longest)
            last = bisect.bisect_left(starts, sent.end_char)
            inside = sum(max(0, min(e, sent.end_char) - max(s, sent.start_char)) for s, e in quoted[first:last])
            if inside > _ARTICLE_VOICE_MAX_QUOTED * (sent.end_char - sent.start_char):
                continue
            k = bisect.bisect_left(cues, sent.start_char)
            if k < len(cues) and cues[k] < sent.end_char \
                    and inside > _ATTRIBUTION_MIN_QUOTED * (sent.end_char - sent.start_char):
                continue
            if _reports_someone(sent.root, verbs):
                continue
            span = _trim(sent)
            kind, why = self.kind_of(sent, None, None)
            if kind not in {"factual", "prediction", "opinion"}:
                kind, why = "factual", "article voice"
            out.append(_Candidate(span, [span], None, kind, None, sent, f"article voice; kind: {why}"))
        return out

    # ---- follow-ups ------------------------------------------------------------------------------------------
    def _events_within(self, start: int, end: int) -> list[Event]:
        return [e for e in self.events if start <= e.trigger[0] < end]

    def follow_ups(self, cand: _Candidate) -> list[dict]:
        inside = self._events_within(*cand.span)
        if not inside:
            return []
        countries = {w.actor[:3] for e in inside for w in (e.source, e.target) if w is not None and w.actor}
        dyads = [_dyad(e) for e in inside]
        if cand.claimant is not None and cand.claimant.actor:
            countries.add(cand.claimant.actor[:3])
        out = []
        for later in self.events:
            # only what happened after the claim: a historical event (told as background, or dated well before the
            # article) never supports or contradicts it
            if later.trigger[0] < cand.span[1] or later.modality != "asserted":
                continue
            actors = _dyad(later)
            if not actors & countries:
                continue
            relation = _relation(inside, later)
            # "bears on" only for events between the same two parties: sharing one country is too loose, and so is a
            # claim with one party ("we will veto it") against any later event of that party's
            if relation == "bears_on" and not any(len(d) >= 2 and d <= actors for d in dyads):
                continue
            out.append({"event": later.id, "claim": None, "relation": relation, "span": list(later.trigger)})
        return out

    def _not_an_agent(self, who: Who | None) -> bool:
        """A claimant that cannot have said anything: an entity typed OTHER whose name ends in no agent noun
        ("ones", "spat", "just 28 percent", "the number"), where the quote stage took a word, a share or a
        quantity for a speaker. "The ministry" (OTHER, but an agent noun: `quotes.speakers.names_an_agent`)
        stays."""
        if who is None or who.entity is None:
            return False
        entity = self.entities.get(who.entity)
        return entity is not None and entity.type == "OTHER" and not names_an_agent(entity.name)

    def _ranking_inputs(self, cand: _Candidate, words: str, score: float) -> tuple:
        who = cand.claimant
        entity = self.entities.get(who.entity) if who is not None and who.entity else None
        return _inputs(self.text, words, score, cand.kind, cand.quote, who, entity)

    def _repeats(self, cand: _Candidate, kept: list[Claim]) -> bool:
        """The same words already kept as a claim of the same claimant (two attributions of one quote, a quote
        reported again inside a longer one, or the same post or quote printed twice in the article): one claim,
        not two."""
        words = _normalised(_joined(self.text, cand.parts))
        return any(c.claimant == cand.claimant and _within(cand.parts, c.parts)
                   or _same_claimant(c.claimant, cand.claimant) and _normalised(_joined(self.text, c.parts)) == words
                   for c in kept)

    # ---- all ------------------------------------------------------------------------------------------------
    def run(self) -> list[Claim]:
        cands = [c for c in self.from_quotes() + self.from_article_voice()
                 if not any(_PAGE_CODE.search(self.text, max(0, a - 2), b) for a, b in c.parts)]  # with its marks
        texts = [_joined(self.text, c.parts) for c in cands]  # the claimed words, for the models and the ranker
        scores: list[float | None] = [None] * len(cands)
        if self.model is not None and cands:
            tokens = []
            for cand in cands:
                pieces = [self.doc.char_span(s, e, alignment_mode="expand") for s, e in cand.parts]
                tokens.append([tok for piece in pieces if piece is not None for tok in piece])
            scores = list(self.model.score(texts, tokens))
            for k, (cand, toks) in enumerate(zip(cands, tokens, strict=True)):
                scores[k] = _adjusted(scores[k], cand, toks)
        claims: list[Claim] = []
        ranker = ranking.default_ranker(self.model.name) if self.model is not None else None
        for cand, words, score in zip(cands, texts, scores, strict=True):
            quote = cand.quote
            cue = quote.cue if quote is not None else None
            evidence = self.evidence_of(cand.span, cue, quote is None,
                                        reported=quote is not None and quote.kind == "indirect")
            bar = None if self.model is None else self.model.threshold if quote is not None else self.model.article_bar
            worthy = score is not None and bar is not None and score >= bar
            keep = worthy or evidence is not None or (quote is not None and cand.kind in TRACKED_KINDS)
            if not keep or self._repeats(cand, claims):
                continue
            if score is not None and ranker is not None:  # the reader's view on top of the model's (claims.ranking)
                score = ranker.probability(ranking.ranking_features(*self._ranking_inputs(cand, words, score)))
                if DISPUTING_FLAGS.intersection(lexicon.evidence_flags(evidence)):
                    score = max(score, ranker.threshold)
            claims.append(Claim(
                id=f"c{len(claims) + 1}", span=cand.parts[0], parts=cand.parts, claimant=cand.claimant, kind=cand.kind,
                checkworthiness=round(score, 3) if score is not None else None, evidence=evidence,
                quote=quote.id if quote is not None else None,
                follow_up=self.follow_ups(cand) if cand.kind in FOLLOWED_KINDS else [],
                why=cand.why,
            ))
        claims.sort(key=lambda c: c.span[0])
        for k, claim in enumerate(claims, 1):
            claim.id = f"c{k}"
        return claims


DISPUTING_FLAGS = {"without-evidence", "false", "disputed"}
"""Evidence categories by which the article itself says a claim is unsupported, false or disputed ("claimed, without
evidence, that…", "falsely said…", "a claim disputed by…"). Such a claim is worth checking whatever its words score:
its check-worthiness is raised to the ranker's bar at least. On judged PolNeAR train claims all 6 with such a flag
were marked worth checking, at scores from 0.25 to 0.88 (data/judged/claim_ranking_train.tsv)."""
FACT_KINDS = {"factual", "boast"}
SECOND_RANK_WEIGHT = 0.5
"""What a fact-checker picks first is a named speaker's statement of fact. The model's score is multiplied by this for
each of: a kind that is not a statement of fact (an opinion or position is a judgement; a prediction, promise or
threat is about the future: tracked by follow-ups instead); words in the article's own voice, or a quote whose
speaker is unknown or not an agent, that carry no figure and no superlative (the reporter's own account is rarely
what gets checked, unless it gives a number or a record: "the largest barrage since 2022"). So such claims clear the
bar only when the model is very sure, and rank after."""
_MIN_CLAIM_WORDS = 6
_FIGURE_ENTS = {"CARDINAL", "PERCENT", "MONEY", "QUANTITY"}


def _adjusted(score: float | None, cand: _Candidate, tokens: list) -> float | None:
    """The model's score made a claim's check-worthiness: None for words that assert nothing (no verb, or fewer
    than six words: "Clinton's health issue", "Trump leading nationally"), which the model would otherwise rate
    on their nouns; lowered by SECOND_RANK_WEIGHT for each reason it gives."""
    if score is None:
        return None
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    if len(words) < _MIN_CLAIM_WORDS or not any(t.pos_ in {"VERB", "AUX"} and t.tag_ != "VBG" or
                                                 t.tag_ in {"VBD", "VBZ", "VBP"} for t in words):
        return None
    if cand.kind not in FACT_KINDS:
        score *= SECOND_RANK_WEIGHT
    unsourced = cand.quote is None or cand.claimant is None  # no speaker, or one not an agent (from_quotes)
    if unsourced and not any(t.ent_type_ in _FIGURE_ENTS or t.tag_ in {"JJS", "RBS"} for t in words):
        score *= SECOND_RANK_WEIGHT
    return score


def _same_claimant(a: Who | None, b: Who | None) -> bool:
    """One claimant at two places: the same entity, else the same name; no claimant (the article's own voice, an
    unattributed quote) is the same as no claimant."""
    if a is None or b is None:
        return a is None and b is None
    return a.entity == b.entity if a.entity or b.entity else a.name == b.name


def _normalised(words: str) -> str:
    """Claimed words compared as the same: case, spacing and quotation marks aside."""
    return " ".join(words.lower().replace("“", "\"").replace("”", "\"").replace("’", "'").split())


def _joined(text: str, parts: list[tuple[int, int]]) -> str:
    """A claim's words as its models read them: the pieces as written, joined by " … "."""
    return " … ".join(text[a:b] for a, b in parts)


def _inputs(text: str, words: str, score: float, kind: str, quote: Quote | None, who: Who | None,
            entity: Entity | None) -> tuple:
    if quote is None:
        voice = "article"
    elif who is None:
        voice = "unattributed"
    else:
        voice = quote.kind
    mention = text[who.mention[0]:who.mention[1]] if who is not None and who.mention else None
    return (words, score, kind, voice, entity.type if entity else None, mention)


def ranking_inputs(analysis: Analysis, claim: Claim) -> tuple:
    """The arguments of `claims.ranking.ranking_features` for a stored claim, the same as at run time (for
    training the ranker on judged claims; `claim.checkworthiness` must be the score before ranking)."""
    quote = next((q for q in analysis.quotes if q.id == claim.quote), None) if claim.quote else None
    who = claim.claimant
    entity = analysis.entity(who.entity) if who is not None and who.entity else None
    return _inputs(analysis.text, _joined(analysis.text, claim.parts or [claim.span]), claim.checkworthiness or 0.0,
                   claim.kind, quote, who, entity)


def _within(inner: list[tuple[int, int]], outer: list[tuple[int, int]]) -> bool:
    return all(any(s <= a and b <= e for s, e in outer) for a, b in inner)


def _dyad(event: Event) -> set[str]:
    """The countries (or bodies) an event is between."""
    return {w.actor[:3] for w in (event.source, event.target) if w is not None and w.actor}


def _relation(inside: list[Event], later: Event) -> str:
    for ev in inside:
        for claim_type, later_type, _, relation in lexicon.follow_up_relations("article"):
            if claim_type in {"*", ev.type} and later_type in {"*", later.type}:
                if relation != "bears_on":
                    return relation
                break
    return "bears_on"


_QUOTE_EDGE = "\"'“”‘’«»„‟‹› \t\n"
_CLAIM_TAIL = ",;:—–- \t\n"


def _claimed_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A quote's piece without its quotation marks and the comma or dash that hands over to the attribution
    (`"We waited eight months,"` -> `We waited eight months`); a closing . ! ? stays, it ends the claim."""
    while start < end and text[start] in _QUOTE_EDGE:
        start += 1
    while end > start and text[end - 1] in _QUOTE_EDGE:
        end -= 1
    while end > start and text[end - 1] in _CLAIM_TAIL:
        end -= 1
    return (start, end)


CLAIM_ACTS = {"speech", "writing", "source"}


def _states(quote: Quote) -> bool:
    """A quote whose words are a claim of its speaker: said, written or sourced ("according to"), asserted, and a
    clause or verbatim words. Not a noun phrase ("Politifact seized on Trump's claim that…": the claim is Trump's;
    "asked a simple question"), an intention, thought or stance ("wants to", "believes", "welcomed"), a question,
    or a denial or hypothetical of saying ("did not say", "would say"). Judged PolNeAR train claims of such quotes
    were worth checking one time in five (data/judged/claim_ranking_train.tsv)."""
    return quote.form != "phrase" and quote.act in CLAIM_ACTS and quote.modality == "asserted"


_PAGE_CODE = re.compile(r"\">|</?[a-z]+[ >]|\bhref=|\bsrc=")
"""Markup left in extracted text (`…Mostly True.">Sanders said…`, an embedded post's code): words with it in are a
widget's, not the reporter's or a speaker's, and are no claim (`_ClaimFinder.run`)."""


def _reports_someone(root: Token, verbs: dict) -> bool:
    """The sentence reports what someone says ("Sanders said that the rate is 51 percent"): its main verb is a
    reporting verb (lexicon `reporting_verbs.tsv`) with a subject and a clause it reports. The claim is the
    subject's, not the article's; when the quote stage did not take it, it is left out rather than misattributed."""
    if root.lemma_.lower() not in verbs:
        return False
    subject = any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ not in {"it", "there"} for c in root.children)
    return subject and any(c.dep_ == "ccomp" for c in root.children)


def _trim(sent: Span) -> tuple[int, int]:
    """A sentence's span without surrounding spaces."""
    tokens = [t for t in sent if not t.is_space]
    if not tokens:
        return (sent.start_char, sent.end_char)
    return (tokens[0].idx, tokens[-1].idx + len(tokens[-1]))


def find_claims(doc: Doc, layout: Layout, quotes: list[Quote], events: list[Event],
                model: Scorer | None = None, entities: list[Entity] | None = None) -> list[Claim]:
    """Every claim in the article, in text order; scored by `model` (default: `claims.scoring.scorer()`, the
    fast word model unless `accurate` was chosen), then by the claim ranker when one ships (`claims.ranking`)."""
    return _ClaimFinder(doc, layout, quotes, events, model or scorer(), entities).run()
