"""Quotes and their speakers: the attribution stage.

Two passes over the one parse:
1. Cues: every reporting verb (lexicon) with a content clause ("boasted that…", "told reporters, “…”",
   "“…,” Boot added", "insisting that…") and every "according to X" becomes an attribution; content that
   touches a quotation grows to cover it, and a clause holding a quotation makes a mixed quote.
2. Quotations left over: a quotation governed by a reporting verb ("praised the package as “strong”") is
   mixed; one next to a cue is direct; one with no cue in a paragraph of quotes continues the previous
   speaker; short ones with no cue are scare quotes and quoted headings are nobody's statement.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsledger import lexicon
from newsledger.entities.resolve import EntityIndex, Resolved
from newsledger.nlp.layout import Layout
from newsledger.nlp.quotemarks import Quotation
from newsledger.nlp.sentences import sentence_of
from newsledger.quotes.cues import addressee_and_medium
from newsledger.records import Quote, Who

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
CLAUSE_DEPS = {"ccomp"}
INHERIT_DEPS = {"conj", "advcl", "xcomp", "parataxis", "acl"}
XCOMP_GROUPS = {  # cue groups whose "to"-clause is content: "promised to…", "urged X to…"
    "promise", "threaten", "urge", "ask", "deny", "agree", "announce", "predict", "claim", "say", "warn", "believe",
    "criticize", "praise", "boast", "suggest", "explain", "argue", "admit", "question", "accuse", "respond",
}
SCARE_MAX_WORDS = 4
MAX_CUE_GAP = 7  # tokens between a closing mark and its cue: ", said Mr. John Smith," fits


@dataclass(slots=True)
class _Attribution:
    """A quote under construction, in token and character terms."""

    content: list[tuple[int, int]]
    cue: Token | None
    speaker: Resolved | None
    why: str
    confidence: float
    quotations: list[Quotation] = field(default_factory=list)
    continuation_of: int | None = None  # index into the attribution list

    @property
    def start(self) -> int:
        return min(s for s, _ in self.content)

    @property
    def end(self) -> int:
        return max(e for _, e in self.content)


class _QuoteFinder:
    def __init__(self, doc: Doc, layout: Layout, quotations: list[Quotation], entities: EntityIndex) -> None:
        self.doc = doc
        self.text = doc.text
        self.layout = layout
        self.quotations = [q for q in quotations if q.depth == 0]
        self.entities = entities
        self.verbs = lexicon.reporting_verbs()
        # every quoted part (with its marks) in text order, for "is this token inside quotation marks"
        self._parts = sorted(((s, e, q) for q in self.quotations for s, e in q.outer), key=lambda p: p[0])
        self._part_starts = [p[0] for p in self._parts]
        self.attributions: list[_Attribution] = []

    # ---- helpers ------------------------------------------------------------------------------------
    def _actor_code(self, entity_id: str | None) -> str | None:
        actor = self.entities.actor_of(entity_id)
        return actor.code if actor is not None else None

    def quotation_at(self, offset: int) -> Quotation | None:
        """The quotation whose marks enclose a character offset (binary search over the quoted parts)."""
        k = bisect.bisect_right(self._part_starts, offset) - 1
        if k >= 0:
            start, end, quote = self._parts[k]
            if start <= offset < end:
                return quote
        return None

    def in_heading(self, offset: int) -> bool:
        para = self.layout.paragraph_at(offset)
        return bool(para and para.heading)

    def is_cue(self, tok: Token) -> bool:
        """A reporting verb of the lexicon used as a finite verb or gerund ("said", "insisting"); a past
        participle only with an auxiliary ("has said"), not as an adjective ("a stated goal")."""
        if tok.pos_ not in {"VERB", "AUX"} or tok.lemma_.lower() not in self.verbs:
            return False
        return tok.tag_ != "VBN" or any(c.dep_ == "aux" for c in tok.children)

    def subject(self, verb: Token, depth: int = 0) -> Token | None:
        """The speaker token of a cue: its own subject, or the subject it shares with the verb it hangs on
        ("Putin refused, insisting that…", "He told … and claimed …")."""
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.dep_ == "nsubjpass" or child.lower_ in {"it", "there"} and child.dep_ == "nsubj":
                    return None if child.lower_ in {"it", "there"} else child
                return child
        if depth > 3 or verb.dep_ not in INHERIT_DEPS or verb.head.i == verb.i:
            return None
        head = verb.head
        verb_quote = self.quotation_at(verb.idx)
        head_quote = self.quotation_at(head.idx)
        if head_quote is not None and verb_quote is None:
            # the verb hangs on a clause inside a quotation: the speaker is a cue's outside it
            return self._nearest_outside_subject(verb)
        if verb.dep_ == "conj" and head.dep_ == "ccomp" and self.is_cue(head.head):
            return self.subject(head.head, depth + 1)  # "told X the talk was great and claimed that…"
        return self.subject(head, depth + 1)

    def _nearest_outside_subject(self, verb: Token) -> Token | None:
        sent = sentence_of(verb)
        for tok in reversed(sent[: verb.i - sent.start]):
            if self.quotation_at(tok.idx) is None and self.is_cue(tok):
                for child in tok.children:
                    if child.dep_ in SUBJECT_DEPS:
                        return child
        return None

    def speaker_of(self, verb: Token) -> Resolved | None:
        subj = self.subject(verb)
        if subj is None:
            return None
        if subj.lower_ in {"who", "that", "which"} and subj.head.head.i != subj.head.i:
            # "Smith, who said…": the entity is the relative clause's noun, the mention stays "who"
            found = self.entities.resolve(subj.head.head)
            return Resolved(found.entity, found.name, (subj.idx, subj.idx + len(subj)))
        return self.entities.resolve(subj)

    def token_span(self, first: Token, last: Token) -> tuple[int, int]:
        return (first.idx, last.idx + len(last))

    # ---- pass 1: cues ------------------------------------------------------------------------------
    def clause_content(self, verb: Token) -> tuple[list[Token], str] | None:
        """The tokens of what a cue reports, and which construction gave them."""
        entry = self.verbs[verb.lemma_.lower()]
        for child in verb.children:
            if child.dep_ in CLAUSE_DEPS:
                return self._clause_tokens(child), "ccomp"
        if entry.group in XCOMP_GROUPS:
            for child in verb.children:
                if child.dep_ == "xcomp" and child.pos_ in {"VERB", "AUX"}:
                    return self._clause_tokens(child), "xcomp"
        if entry.addressee_obj:
            for child in verb.children:
                if child.dep_ in {"dobj", "dative"}:
                    for grand in child.children:
                        # "assuring readers the details were…": the parser hangs the clause on the hearer
                        if grand.dep_ == "relcl" and grand.i > child.i and not any(
                            g.tag_ in {"WDT", "WP", "WP$", "WRB"} for g in grand.subtree if g.i < grand.i
                        ) and any(g.dep_ in SUBJECT_DEPS for g in grand.children):
                            return self._clause_tokens(grand), "ccomp-hearer"
        for child in verb.children:
            if child.dep_ == "dobj" and child.pos_ == "NOUN":
                for grand in child.children:
                    if grand.dep_ in {"acl", "ccomp"} and any(g.dep_ == "mark" for g in grand.children):
                        return self._clause_tokens(grand), "noun-clause"  # "echoed Trump's claim that…"
        if entry.content_obj and self.subject(verb) is not None:
            for child in verb.children:
                # "denied the report", "criticized the GOP for…": the object is what is said or judged
                if child.dep_ == "dobj" and child.pos_ in {"NOUN", "PROPN"}:
                    return [t for t in self.doc[child.left_edge.i: child.right_edge.i + 1]], "object"
        return None

    def _clause_tokens(self, head: Token) -> list[Token]:
        """A clause's tokens, without a leading 'that' or marks, and cut before a conjoined cue of its own."""
        stop = head.right_edge.i
        for child in head.children:
            if child.dep_ == "conj" and child.i > head.i and self.is_cue(child) and self.clause_content(child):
                cut = child.left_edge.i
                while cut - 1 > head.i and self.doc[cut - 1].dep_ in {"cc", "punct"}:
                    cut -= 1
                stop = min(stop, cut - 1)
        tokens = [t for t in self.doc[head.left_edge.i: stop + 1]]
        while tokens and (tokens[0].dep_ == "mark" and tokens[0].lower_ in {"that", "whether", "if"}
                          or tokens[0].is_punct or tokens[0].is_space):
            tokens.pop(0)
        while tokens and (tokens[-1].is_space or tokens[-1].text in {",", ";", "—", "–", "-"}):
            tokens.pop()
        return tokens

    def pass_cues(self) -> None:
        for tok in self.doc:
            if not self.is_cue(tok) or self.in_heading(tok.idx) or self.quotation_at(tok.idx) is not None:
                continue
            found = self.clause_content(tok)
            if found is None:
                continue
            tokens, how = found
            tokens = [t for t in tokens if t.i != tok.i]
            if len(tokens) < 2:
                continue
            span = self.token_span(tokens[0], tokens[-1])
            speaker = self.speaker_of(tok)
            self.attributions.append(_Attribution(
                content=[span], cue=tok, speaker=speaker, why=f"cue:{how}",
                confidence=0.8 if speaker else 0.5,
            ))
        self._according_to()
        self._punctuation_cues()
        self._noun_cues()

    def _noun_cues(self) -> None:
        """"Trump's claim that…", "the warning that…": a content noun with its that-clause; the speaker is the
        noun's possessor when there is one. Nouns already taken by a verb's cue are left alone."""
        nouns = lexicon.cue_nouns()
        taken = {a.cue.i for a in self.attributions if a.cue is not None}
        for tok in self.doc:
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in nouns or self.in_heading(tok.idx):
                continue
            if tok.head.i in taken or self.quotation_at(tok.idx) is not None:
                continue
            for child in tok.children:
                if child.dep_ in {"acl", "ccomp"} and child.i > tok.i and any(
                    g.dep_ == "mark" and g.lower_ == "that" for g in child.children
                ):
                    tokens = self._clause_tokens(child)
                    if len(tokens) < 3:
                        continue
                    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
                    self.attributions.append(_Attribution(
                        content=[self.token_span(tokens[0], tokens[-1])], cue=tok,
                        speaker=self.entities.resolve(owner) if owner is not None else None,
                        why="cue:noun-clause", confidence=0.6,
                    ))
                    break

    def _punctuation_cues(self) -> None:
        """Attributions made by punctuation alone: "Mukasey: Clinton email scandal disqualifies her" and
        a "— Name" sign-off after a statement."""
        doc, text = self.doc, self.text
        for para in self.layout.paragraphs:
            body = text[para.start: para.end]
            colon = body.find(": ")
            if 0 < colon <= 60 and para.end - (para.start + colon) > 12:
                head = doc.char_span(para.start, para.start + colon, alignment_mode="contract")
                if head is not None and 0 < len(head) <= 6 and head.root.pos_ == "PROPN" \
                        and not any(t.pos_ == "VERB" for t in head):
                    self.attributions.append(_Attribution(
                        content=[(para.start + colon + 2, para.end)], cue=None,
                        speaker=self.entities.resolve(head.root), why="cue:colon-lead", confidence=0.6,
                    ))
                    continue
            dash = max(body.rfind("— "), body.rfind("―"), body.rfind(" - "))
            if dash > 10 and para.end - (para.start + dash) <= 50:
                name = doc.char_span(para.start + dash + 1, para.end, alignment_mode="contract")
                if name is not None and 0 < len(name) <= 6 and name.root.pos_ == "PROPN" \
                        and not any(t.pos_ == "VERB" for t in name):
                    end = para.start + dash
                    while end > para.start and text[end - 1].isspace():
                        end -= 1
                    self.attributions.append(_Attribution(
                        content=[(para.start, end)], cue=None, speaker=self.entities.resolve(name.root),
                        why="cue:sign-off", confidence=0.6,
                    ))

    def _according_to(self) -> None:
        """"according to X, …": X is the source, the rest of its clause the content."""
        doc = self.doc
        for tok in doc:
            if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
                continue
            if self.in_heading(tok.idx) or self.quotation_at(tok.idx) is not None:
                continue
            to = doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
            pp_first, pp_last = tok.i, max([tok.i + 1] + [o.right_edge.i for o in objs])
            sent = sentence_of(tok)
            spans = []
            before = [t for t in doc[sent.start: pp_first] if not t.is_space]
            after = [t for t in doc[pp_last + 1: sent.end] if not t.is_space]
            for part in (before, after):
                while part and part[0].is_punct and not self._is_quote_mark(part[0]):
                    part.pop(0)
                while part and part[-1].is_punct and part[-1].text in {",", "—", "–"}:
                    part.pop()
                if len(part) >= 2:
                    spans.append(self.token_span(part[0], part[-1]))
            if not spans:
                continue
            speaker = self.entities.resolve(objs[0]) if objs else None
            self.attributions.append(_Attribution(
                content=spans, cue=tok, speaker=speaker, why="cue:according-to", confidence=0.7,
            ))

    def _is_quote_mark(self, tok: Token) -> bool:
        return tok.text in "“”\"‘’'«»"

    # ---- pass 2: quotations -------------------------------------------------------------------------
    def pass_quotations(self) -> None:
        covered = self._absorb_quotations()
        last_by_paragraph: dict[int, int] = {}  # paragraph index -> index of its last attribution
        for index, attr in enumerate(self.attributions):
            last_by_paragraph[self.layout.index_at(attr.end - 1)] = index
        for quote in self.quotations:
            if id(quote) in covered or self.in_heading(quote.start):
                continue
            attr = self._attribute_quotation(quote, last_by_paragraph)
            if attr is None:
                continue
            host = self._host_for(attr, quote)
            if host is not None:
                # one attribution, several pieces: "“A,” Boot said, “B.”" or "“A,” he said. “B.”"
                host.content = _merge(host.content + list(quote.outer))
                host.quotations.append(quote)
                continue
            self.attributions.append(attr)
            last_by_paragraph[quote.paragraphs[-1]] = len(self.attributions) - 1

    def _host_for(self, attr: _Attribution, quote: Quotation) -> _Attribution | None:
        """The attribution a new piece of quotation belongs to: the one with the same cue, or, for a
        continuation inside one paragraph, the previous quote there."""
        if attr.cue is not None:
            for other in self.attributions:
                if other.cue is not None and other.cue.i == attr.cue.i and other.quotations:
                    return other
            return None
        if attr.continuation_of is None:
            return None
        prev = self.attributions[attr.continuation_of]
        same_paragraph = self.layout.index_at(prev.end - 1) == quote.paragraphs[0]
        return prev if same_paragraph else None

    def _absorb_quotations(self) -> set[int]:
        """Grow cue contents over the quotations they touch; return the quotations so absorbed."""
        covered: set[int] = set()
        for attr in self.attributions:
            grown = list(attr.content)
            for quote in self.quotations:
                if any(s < qe and qs < e for s, e in attr.content for qs, qe in quote.outer):
                    attr.quotations.append(quote)
                    covered.add(id(quote))
                    grown.extend(quote.outer)
            attr.content = _merge(grown)
        return covered

    def _attribute_quotation(self, quote: Quotation, last_by_paragraph: dict[int, int]) -> _Attribution | None:
        doc = self.doc
        first = doc.char_span(quote.spans[0][0], quote.spans[0][1], alignment_mode="expand")
        if first is None or len(first) == 0:
            return None
        para_index = quote.paragraphs[0]
        para = self.layout.paragraphs[para_index]
        if _looks_like_title(self.text[quote.spans[0][0]: quote.spans[0][1]]):
            return None  # “Good Morning America”, “Silent Night”: a name, not a statement
        # 1. a reporting verb that governs the quotation from outside it: mixed quote
        governor = self._governing_cue(first)
        if governor is not None:
            return _Attribution(
                content=list(quote.outer), cue=governor, speaker=self.speaker_of(governor),
                why="quotation:governed", confidence=0.75, quotations=[quote],
            )
        # 2. a cue right after the closing mark (", Boot added") or right before the opening one
        cue = self._cue_after(quote) or self._cue_before(quote)
        if cue is not None:
            return _Attribution(
                content=list(quote.outer), cue=cue, speaker=self.speaker_of(cue),
                why="quotation:adjacent-cue", confidence=0.85, quotations=[quote],
            )
        # 3. a cue elsewhere in the quotation's sentence, or a colon-ended lead-in just before it
        long_enough = quote.words(self.text) > SCARE_MAX_WORDS
        cue = (self._cue_in_sentence(quote) if long_enough else None) or self._cue_lead_in(quote, para_index)
        if cue is not None:
            return _Attribution(
                content=list(quote.outer), cue=cue, speaker=self.speaker_of(cue),
                why="quotation:sentence-cue", confidence=0.65, quotations=[quote],
            )
        # 4. no cue: continue the speaker of an earlier quote in this paragraph or the one before
        starts_paragraph = quote.start == para.start
        previous = last_by_paragraph.get(para_index)
        if previous is None and starts_paragraph:
            previous = last_by_paragraph.get(para_index - 1)
        if previous is not None:
            prev = self.attributions[previous]
            if prev.quotations or starts_paragraph:
                return _Attribution(
                    content=list(quote.outer), cue=None, speaker=prev.speaker,
                    why="quotation:continuation", confidence=0.7, quotations=[quote],
                    continuation_of=prev.continuation_of if prev.continuation_of is not None else previous,
                )
        # 5. a short quotation with no cue is a scare quote; a long one is an unattributed quote
        if quote.words(self.text) <= SCARE_MAX_WORDS:
            return None
        return _Attribution(
            content=list(quote.outer), cue=None, speaker=None, why="quotation:unattributed",
            confidence=0.3, quotations=[quote],
        )

    def _governing_cue(self, first) -> Token | None:
        """A reporting verb outside the quotation among the ancestors of its words, within the sentence."""
        root = first.root
        sent = sentence_of(root)
        for anc in root.ancestors:
            if anc.i < sent.start or anc.i >= sent.end:
                break
            if self.quotation_at(anc.idx) is not None:
                continue
            if self.is_cue(anc):
                return anc
        return None

    def _cue_after(self, quote: Quotation) -> Token | None:
        doc = self.doc
        end = quote.end
        para = self.layout.paragraph_at(end - 1)
        if para is None:
            return None
        span = doc.char_span(end, para.end, alignment_mode="expand")
        if span is None:
            return None
        for k, tok in enumerate(span):
            if k > MAX_CUE_GAP or (self._is_quote_mark(tok) and k > 0) or tok.text in {".", "!", "?"} and k > 0:
                return None
            if self.is_cue(tok):
                return tok
        return None

    def _cue_before(self, quote: Quotation) -> Token | None:
        doc = self.doc
        start = quote.start
        para = self.layout.paragraph_at(start)
        if para is None or start == para.start:
            return None
        span = doc.char_span(para.start, start, alignment_mode="expand")
        if span is None:
            return None
        tokens = [t for t in span if t.idx < start]
        sent_start = doc.char_span(start, min(start + 1, len(self.text)), alignment_mode="expand")
        sent_first = sentence_of(sent_start).start if sent_start is not None else 0
        for k, tok in enumerate(reversed(tokens)):
            if tok.i < sent_first - 1 or k > 12:
                return None
            if self.is_cue(tok):
                # only objects, prepositions and punctuation may stand between the cue and the quotation
                between = tokens[len(tokens) - k:]
                if any(t.pos_ in {"VERB"} and t.dep_ not in {"amod"} for t in between):
                    return None
                return tok
        return None

    def _cue_in_sentence(self, quote: Quotation) -> Token | None:
        """A reporting verb outside quotation marks in a sentence the quotation touches."""
        span = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            return None
        first, last = sentence_of(span[0]), sentence_of(span[-1])
        sents = {first.start: first, last.start: last}
        for sent in sents.values():
            for tok in sent:
                if self.is_cue(tok) and self.quotation_at(tok.idx) is None and self.subject(tok) is not None:
                    return tok
        return None

    def _cue_lead_in(self, quote: Quotation, para_index: int) -> Token | None:
        """A colon right before the quotation ("Cruz continued:", "Clinton released a statement:"): the
        verb of the clause the colon ends introduces it, reporting verb or not."""
        doc = self.doc
        i = quote.start - 1
        while i >= 0 and self.text[i].isspace():
            i -= 1
        if i < 0 or self.text[i] != ":":
            return None
        colon = doc.char_span(i, i + 1, alignment_mode="expand")
        if colon is None or self.in_heading(i):
            return None
        sent = sentence_of(colon[0])
        for tok in reversed(sent):
            if tok.i < colon[0].i and self.is_cue(tok) and self.quotation_at(tok.idx) is None:
                return tok
        root = sent.root
        if root.pos_ in {"VERB", "AUX"} and self.subject(root) is not None:
            return root
        return None

    # ---- output ----------------------------------------------------------------------------------------
    def records(self) -> list[Quote]:
        attrs = _dedupe(self.attributions)
        attrs.sort(key=lambda a: a.start)
        ids = {id(a): f"q{n + 1}" for n, a in enumerate(attrs)}
        originals = {n: a for n, a in enumerate(self.attributions)}
        out = []
        for attr in attrs:
            speaker = attr.speaker
            addressee, medium = addressee_and_medium(attr.cue, self.doc) if attr.cue is not None else (None, None)
            cont = originals.get(attr.continuation_of) if attr.continuation_of is not None else None
            out.append(Quote(
                id=ids[id(attr)],
                kind=self._kind(attr),
                content=attr.content,
                cue=self.token_span(attr.cue, attr.cue) if attr.cue is not None else None,
                speaker=Who(
                    entity=speaker.entity if speaker else None,
                    name=speaker.name if speaker else None,
                    mention=speaker.mention if speaker else None,
                    actor=self._actor_code(speaker.entity if speaker else None),
                ),
                addressee=addressee,
                medium=medium,
                continuation_of=ids.get(id(cont)) if cont is not None else None,
                confidence=attr.confidence,
                why=attr.why,
            ))
        return out

    def _kind(self, attr: _Attribution) -> str:
        if not attr.quotations:
            return "indirect"
        quoted = sum(e - s for q in attr.quotations for s, e in q.outer)
        total = sum(e - s for s, e in attr.content)
        return "direct" if quoted >= 0.9 * total else "mixed"


_TITLE_FILLERS = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "&"}


def _looks_like_title(words: str) -> bool:
    """A short quotation every word of which is capitalised (or a number): a title or a name."""
    tokens = [w for w in words.strip(" ,.;:!?").split() if w.lower() not in _TITLE_FILLERS]
    if not tokens or len(tokens) > 5:
        return False
    return all(t[0].isupper() or t[0].isdigit() or t[0] in "@#" for t in tokens)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans (touching ones joined)."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _dedupe(attrs: list[_Attribution]) -> list[_Attribution]:
    """Keep one attribution per content: the first found wins when two cover the same words."""
    kept: list[_Attribution] = []
    for attr in attrs:
        chars = sum(e - s for s, e in attr.content)
        dup = False
        for other in kept:
            overlap = sum(max(0, min(e, oe) - max(s, os_)) for s, e in attr.content for os_, oe in other.content)
            if chars and overlap >= 0.8 * chars and attr.cue is other.cue:
                dup = True
                break
        if not dup:
            kept.append(attr)
    return kept


def find_quotes(doc: Doc, layout: Layout, quotations: list[Quotation], entities: EntityIndex) -> list[Quote]:
    """Every quote in the article with its speaker, cue, addressee and medium."""
    finder = _QuoteFinder(doc, layout, quotations, entities)
    finder.pass_cues()
    finder.pass_quotations()
    return finder.records()
