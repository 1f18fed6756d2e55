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

import numpy as np
from spacy.symbols import ADJ, AUX, VERB
from spacy.tokens import Doc, Token

from newsledger import lexicon
from newsledger.entities.resolve import EntityIndex, Resolved
from newsledger.nlp.layout import Layout
from newsledger.nlp.quotemarks import Quotation
from newsledger.nlp.sentences import sentence_of, text_of
from newsledger.quotes.acts import (
    REFUSALS,
    act_and_form,
    adjective_cue_table,
    clause_act,
    clause_verbs,
    is_discourse_marker,
    match_words,
    modality_of,
    multiword_cue_table,
    phrase_act,
)
from newsledger.quotes.cues import addressee_and_medium
from newsledger.quotes.speakers import is_document, names_an_agent, not_an_agent
from newsledger.records import Quote, Who, is_statement

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
CLAUSE_DEPS = {"ccomp"}
_NOT_SIGNERS = {"GPE", "LOC", "DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY"}
"""Entity types of words after a closing dash that are not who signs a statement (`_punctuation_cues`)."""
INHERIT_DEPS = {"conj", "advcl", "xcomp", "parataxis", "acl"}
XCOMP_GROUPS = {  # cue groups whose "to"-clause is content: "promised to…", "urged X to…", "seems to…"
    "promise", "threaten", "urge", "ask", "deny", "agree", "announce", "predict", "claim", "say", "warn", "believe",
    "criticize", "praise", "boast", "suggest", "explain", "argue", "admit", "question", "accuse", "respond",
    "perceive",
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
    act: str = "speech"
    form: str = "clause"
    modality: str = "asserted"
    verbatim: bool = False  # a transcript turn: the speaker's own words, without quotation marks

    @property
    def start(self) -> int:
        return min(s for s, _ in self.content)

    @property
    def end(self) -> int:
        return max(e for _, e in self.content)


class _QuoteFinder:
    def __init__(self, doc: Doc, layout: Layout, quotations: list[Quotation], entities: EntityIndex) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.layout = layout
        self.quotations = [q for q in quotations if q.depth == 0]
        self.entities = entities
        self.verbs = lexicon.reporting_verbs()
        # every quoted part (with its marks) in text order, for "is this token inside quotation marks"
        self._parts = sorted(((s, e, q) for q in self.quotations for s, e in q.outer), key=lambda p: p[0])
        self._part_starts = [p[0] for p in self._parts]
        self.attributions: list[_Attribution] = []
        self.rejected: list[tuple[int, str]] = []  # (offset, reason) of speaker mentions refused
        self._turn_paragraphs: set[int] = set()
        self._columns: np.ndarray | None = None

    # ---- helpers ------------------------------------------------------------------------------------
    def _where(self, pos: tuple[int, ...] = (), dep: str | None = None, lower: str | None = None) -> list[Token]:
        """The tokens with one of these parts of speech, this dependency and this lower-cased form (each test
        only when given), found over the doc's attribute arrays in one pass rather than token by token: the cue
        passes look for a few rare words in every token of the article."""
        if self._columns is None:
            self._columns = self.doc.to_array(["POS", "DEP", "LOWER"])
        keep = np.ones(len(self.doc), dtype=bool)
        if pos:
            keep &= np.isin(self._columns[:, 0], pos)
        if dep is not None:
            keep &= self._columns[:, 1] == self.doc.vocab.strings.add(dep)
        if lower is not None:
            keep &= self._columns[:, 2] == self.doc.vocab.strings.add(lower)
        return [self.doc[int(i)] for i in np.flatnonzero(keep)]

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

    def _in_prose(self, offset: int) -> bool:
        """Outside headings, quotation marks and the article's furniture: where a cue of the narrator can be."""
        return not self.in_heading(offset) and self.quotation_at(offset) is None \
            and self.layout.furniture_at(offset) is None

    def in_heading(self, offset: int) -> bool:
        para = self.layout.paragraph_at(offset)
        return bool(para and para.heading)

    def is_cue(self, tok: Token) -> bool:
        """A reporting verb of the lexicon used as a finite verb or gerund ("said", "insisting"); a past
        participle only with an auxiliary ("has said"), not as an adjective ("a stated goal")."""
        if tok.pos_ not in {"VERB", "AUX"} or tok.lemma_.lower() not in self.verbs:
            return False
        return tok.tag_ != "VBN" or any(c.dep_ in {"aux", "auxpass"} for c in tok.children)

    def subject(self, verb: Token, depth: int = 0) -> Token | None:
        """The speaker token of a cue: its own subject, or the subject it shares with the verb it hangs on
        ("Putin refused, insisting that…", "He told … and claimed …")."""
        for child in verb.children:
            if child.dep_ == "nsubjpass" and verb.lemma_.lower() != "quote":
                # "X is expected to win", "she was told that…": the passive subject is not who spoke, the
                # "by" phrase is ("was announced by the ministry"); "X was quoted as saying" is the exception
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if child.dep_ in SUBJECT_DEPS:
                # "there" is no one; "it" is kept for the resolver, which gives it only to an organisation
                return None if child.lower_ == "there" else child
        if verb.dep_ == "ROOT" and verb.i > 0:
            return self._interrupted_subject(verb)  # "Mr. Daniloff, now 81 and retired, said…"
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and depth <= 3:
            return self.subject(verb.head.head, depth + 1)  # "Cruz replied, before adding that…"
        if depth > 3 or verb.dep_ not in INHERIT_DEPS or verb.head.i == verb.i:
            return None
        head = verb.head
        if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"}:
            return head  # "a petition calling on him to resign", "band member Flea writing that…"
        verb_quote = self.quotation_at(verb.idx)
        head_quote = self.quotation_at(head.idx)
        if head_quote is not None and verb_quote is None:
            # the verb hangs on a clause inside a quotation: the speaker is a cue's outside it
            return self._nearest_outside_subject(verb)
        if verb.dep_ == "conj" and head.dep_ == "ccomp" and self.is_cue(head.head):
            return self.subject(head.head, depth + 1)  # "told X the talk was great and claimed that…"
        return self.subject(head, depth + 1)

    def _interrupted_subject(self, verb: Token) -> Token | None:
        """The subject the parser gave to a clause between a name and its cue ("Name, now 81 and retired
        in Cambridge, said…"): the nearest proper-noun subject to the left whose verb lies between them."""
        sent = sentence_of(verb)
        before = verb.i - 1
        while before > sent.start and self.doc[before].dep_ in {"advmod", "aux", "neg"} \
                and self.doc[before].head.i == verb.i:
            before -= 1
        if self.doc[before].text == "," and before - 1 > sent.start \
                and self.doc[before - 1].pos_ == "PROPN" and self.doc[before - 1].dep_ in {"appos", "conj", "npadvmod"}:
            before -= 1  # "her senior policy adviser, Jake Sullivan, said"
        left = self.doc[before]
        if left.pos_ in {"PROPN", "NOUN", "PRON"} and left.dep_ not in {"pobj", "dobj", "poss"} \
                and self.quotation_at(left.idx) is None:
            return left  # "…, former president Bill Clinton said": the name the parser hung elsewhere
        if verb.nbor(-1).text != ",":
            return None
        for tok in sent[: verb.i - sent.start]:
            # "Mrs. Clinton, the presumptive nominee and favourite to win in November, proposed…": the name
            # that opens the appositive before the verb
            if tok.ent_type_ == "PERSON" and tok.i + 1 < verb.i and tok.nbor(1).text == "," \
                    and self.quotation_at(tok.idx) is None:
                return tok
        for tok in reversed(sent[: verb.i - sent.start]):
            if tok.dep_ == "nsubj" and tok.pos_ == "PROPN" and tok.i < tok.head.i < verb.i \
                    and not self.is_cue(tok.head):
                return tok
        return None

    def _nearest_outside_subject(self, verb: Token) -> Token | None:
        sent = sentence_of(verb)
        for tok in reversed(sent[: verb.i - sent.start]):
            if self.quotation_at(tok.idx) is None and self.is_cue(tok):
                for child in tok.children:
                    if child.dep_ in SUBJECT_DEPS:
                        return child
        return None

    def speaker_of(self, verb: Token) -> Resolved | None:
        """The resolved speaker of a cue, or None when its subject is no agent (an abstract noun, an event,
        a dateline): an empty speaker is better than a wrong one."""
        subj = self.subject(verb)
        if subj is None:
            return None
        if subj.lower_ in {"who", "that", "which"} and subj.head.head.i != subj.head.i:
            # "Smith, who said…": the entity is the relative clause's noun, the mention stays "who"
            noun = subj.head.head
            people = subj.lower_ == "who"  # "who" stands for people whatever its antecedent's head
            nominal = noun.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}
            if not nominal and not people:
                # "that" or "which" with no noun to stand for ("…, Sanders said he wants … provisions in the tax
                # code that address how…" parsed as a clause of "said"): resolving it would make the whole
                # sentence an entity, and a bare "that" names no one, so there is no speaker
                self.rejected.append((subj.idx, "relative pronoun without a noun to stand for"))
                return None
            found = self._speaker_at(noun) if nominal and not people else self.entities.resolve(noun)
            return Resolved(found.entity, found.name, (subj.idx, subj.idx + len(subj))) if found else None
        furniture = self.layout.furniture_at(subj.idx)
        if furniture is not None and furniture.kind == "dateline":
            # "CLEVELAND (UPI) — Former Attorney General Michael Mukasey told…": the parser took the place
            inside = range(furniture.end, verb.idx)
            after = [t for t in sentence_of(verb) if t.idx in inside and t.pos_ in {"PROPN", "NOUN", "PRON"}
                     and t.head.idx not in inside]
            if not after:
                return None
            subj = after[0]
        if is_document(subj):
            # "a statement from the port authority said": the author speaks through the document
            for prep in subj.children:
                if prep.dep_ == "prep" and prep.lower_ in {"from", "by", "of"}:
                    author = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if author is not None and not_an_agent(author, None) is None and not is_document(author):
                        return self._speaker_at(author)
        return self._speaker_at(subj)

    def _speaker_at(self, head: Token) -> Resolved | None:
        """The entity a noun phrase head resolves to, if it may speak (see `_checked`)."""
        return self._checked(head, self.entities.resolve(head))

    def _checked(self, head: Token, found: Resolved) -> Resolved | None:
        """`found`, unless the mention sits in the article's furniture or its head cannot speak."""
        if self.layout.furniture_at(head.idx) is not None:
            self.rejected.append((head.idx, "furniture"))
            return None
        reason = not_an_agent(head, self.entities.type_of(found.entity))
        if reason is not None and head.lower_ == "it" and found.name and names_an_agent(found.name):
            reason = None  # "it" resolved to "the report", "the campaign"
        if reason is not None:
            self.rejected.append((head.idx, reason))
            return None
        return found

    def _quotation_act(self, cue: Token, quote: Quotation) -> tuple[str, str]:
        """The act and form of a quotation a cue introduces: verbatim words are speech (or writing) even
        after a stance verb, except a short quotation a stance verb governs ("called the plan “reckless”")."""
        entry = self.verbs.get(cue.lemma_.lower())
        act = entry.act if entry is not None else "speech"
        if act == "stance" and quote.words(self.text) <= SCARE_MAX_WORDS:
            return "stance", "phrase"
        if act in {"stance", "event", "intention", "source"}:
            act = "speech"
        return act, "quotation"

    def token_span(self, first: Token, last: Token) -> tuple[int, int]:
        return (first.idx, last.idx + len(last))

    def _runs(self, tokens: list[Token]) -> list[tuple[int, int]]:
        """Character spans of the runs of consecutive tokens (a medial tag splits its clause in two),
        each trimmed of edge punctuation."""
        runs: list[list[Token]] = []
        for tok in tokens:
            if runs and tok.i == runs[-1][-1].i + 1:
                runs[-1].append(tok)
            else:
                runs.append([tok])
        spans = []
        for run in runs:
            while len(run) > 1 and run[-1].is_punct and not self._is_quote_mark(run[-1]):
                run.pop()
            while len(run) > 1 and (run[0].dep_ == "cc" or run[0].is_punct and not self._is_quote_mark(run[0])):
                run.pop(0)
            spans.append(self.token_span(run[0], run[-1]))
        return spans

    # ---- pass 1: cues ------------------------------------------------------------------------------
    def clause_content(self, verb: Token) -> tuple[list[Token], str] | None:
        """The tokens of what a cue reports, and which construction gave them."""
        entry = self.verbs[verb.lemma_.lower()]
        for child in verb.children:
            if child.dep_ in CLAUSE_DEPS:
                if child.i < verb.i and any(t.text == ";" for t in self.doc[child.i: verb.i]):
                    # "Democrats vote in Utah; on Saturday, Washington holds caucuses": a clause before a semicolon
                    # is its own sentence, not what the verb after it reports (the parser hangs it as a ccomp)
                    continue
                return self._clause_tokens(child), "ccomp"
        passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        then = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        if passive is not None and then is not None and passive.lower_ not in {"it", "there"}:
            # "Clinton is expected to win", "He is said to favour a deal": what is expected of whom
            subject = list(self.doc[passive.left_edge.i: passive.right_edge.i + 1])
            return subject + self._clause_tokens(then), "passive"
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
        if verb.dep_ == "parataxis" and self.subject(verb) is not None:
            # "The trail is closed, the ranger said, and will stay closed…", "Turnout, the clerk said, was…"
            tokens = self._tagged_clause(verb)
            if tokens:
                return tokens, "tag"
        if verb.lemma_.lower() in clause_verbs() and verb.tag_ != "VBG":
            tail = self._said_tail(verb)
            if tail:
                return tail, "tail"
        judges = entry.content_obj or entry.group in {"accuse", "criticize", "praise"}
        if judges and self.subject(verb) is not None:
            for child in verb.children:
                # "denied the report", "criticized the GOP for…": the object is what is said or judged
                if child.dep_ == "dobj" and child.pos_ in {"NOUN", "PROPN", "PRON"}:
                    last = child.right_edge.i
                    for other in verb.children:
                        # "called the plan a disaster", "described it as a trap", "accused him of lying"
                        if other.i > last and (other.dep_ == "oprd" or other.dep_ == "prep"
                                               and other.lower_ in _JUDGEMENT_PREPS):
                            last = max(last, other.right_edge.i)
                    if child.pos_ == "PRON" and last == child.right_edge.i:
                        continue  # "denied it": nothing said about anything
                    return [t for t in self.doc[child.left_edge.i: last + 1]], "object"
        return None

    def _said_tail(self, verb: Token) -> list[Token]:
        """What follows "X said" when the parser found no clause for it ("Adelson said on Friday during a
        news conference that he may wait…", where the clause hangs on "conference"): the rest of the
        sentence after the verb's time, place and hearer phrases and a "that". It must hold a verb, or be
        one of the short answers PolNeAR and readers count ("said so", "said yes")."""
        doc = self.doc
        sent = sentence_of(verb)
        i = verb.i + 1
        if i < sent.end and doc[i].lower_ in {"so", "yes", "no"} and (i + 1 == sent.end or doc[i + 1].is_punct):
            return [doc[i]]
        hearer_ok = self.verbs[verb.lemma_.lower()].addressee_obj
        while i < sent.end:
            tok = doc[i]
            if tok.head.i == verb.i and tok.dep_ in {"advmod", "npadvmod", "prt"} \
                    or hearer_ok and tok.head.i == verb.i and tok.dep_ in {"dobj", "dative"}:
                i = tok.right_edge.i + 1 if tok.dep_ != "dobj" else tok.i + 1
            elif tok.head.i == verb.i and tok.dep_ == "prep":
                obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
                i = (obj.i if obj is not None else tok.i) + 1  # the phrase's noun, not what hangs on it
            elif tok.text == "," or tok.dep_ in {"det", "amod", "poss", "compound"} and tok.head.i > tok.i \
                    and doc[tok.head.i].dep_ in {"dobj", "dative"} and doc[tok.head.i].head.i == verb.i:
                i += 1  # a comma, or the modifiers of the hearer ("told the reporters that…")
            else:
                break
        marked = i < sent.end and doc[i].lower_ == "that"
        if marked:
            i += 1
        tokens = [t for t in doc[i: sent.end] if not t.is_space]
        while tokens and tokens[-1].is_punct and not self._is_quote_mark(tokens[-1]):
            tokens.pop()
        if len(tokens) < 3 or not any(t.pos_ in {"VERB", "AUX"} for t in tokens):
            return []
        if not marked and tokens[0].pos_ not in {"DET", "PRON", "PROPN", "NOUN", "ADJ", "NUM"}:
            return []  # "said in an interview with…", "said, adding…": no clause starts here
        if not any(t.dep_ in SUBJECT_DEPS for t in tokens):
            return []
        if any(self._is_quote_mark(t) for t in doc[max(sent.start, verb.i - 3): verb.i]):
            return []  # a tag after a quotation ("…,” he said in Iowa, where…"): the quotation is the content
        if any(self.is_cue(t) and t.i > verb.i and any(c.dep_ in SUBJECT_DEPS for c in t.children) for t in tokens[:2]):
            return []
        return tokens

    def _tagged_clause(self, verb: Token) -> list[Token]:
        """The sentence a medial or post-posed tag interrupts, without the tag ("the ranger said") itself.
        The parser may hang the clause's second half on the tag ("…, and will stay closed"): it is content."""
        sent = sentence_of(verb)
        tag = {verb.i}
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS or child.dep_ in {"aux", "neg", "advmod", "dobj", "dative", "prt"}:
                tag.update(t.i for t in child.subtree)
            elif child.dep_ == "prep" and child.i < (verb.head.i if verb.head.i > verb.i else len(self.doc)):
                tag.update(t.i for t in child.subtree)  # "the ranger said in a statement"
        tokens = [t for t in sent if t.i not in tag]
        if any(self.quotation_at(t.idx) is not None for t in tokens):
            return []  # the quotation pass owns quoted words
        while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].dep_ == "cc"):
            tokens.pop(0)
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            tokens.pop()
        return tokens if len(tokens) >= 3 else []

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
            if not self.is_cue(tok) or not self._in_prose(tok.idx):
                continue
            if is_discourse_marker(tok):
                continue
            found = self.clause_content(tok)
            if found is None:
                continue
            tokens, how = found
            tokens = [t for t in tokens if t.i != tok.i]
            if len(tokens) < (1 if how == "object" else 2):
                continue
            typed = act_and_form(self.verbs[tok.lemma_.lower()], how)
            if typed is None:
                continue  # "voted to join", "agreed to reconvene", "knows the answer": not attributions
            act, form = typed
            modality = modality_of(tok)
            if modality in {"negated", "hypothetical"} and (form == "phrase" or act == "intention"):
                continue  # "had not endorsed fresh penalties", "would not seek to…": nothing was attributed
            speaker = self.speaker_of(tok)
            self.attributions.append(_Attribution(
                content=self._runs(tokens), cue=tok, speaker=speaker, why=f"cue:{how};act:{act}",
                confidence=0.8 if speaker else 0.5, act=act, form=form, modality=modality,
            ))
        self._according_to()
        self._multiword_cues()
        self._adjective_cues()
        self._transcript_turns()
        self._punctuation_cues()
        self._noun_cues()

    def _multiword_cues(self) -> None:
        """Multiword verb cues of `cue_phrases.tsv` ("made clear that…", "called for a cease-fire", "weighed in
        on the ruling", "took aim at the plan"): the verb by lemma, the other words as written (a determiner or
        possessive stands for any other). A that-clause gives a clause; else the object after the phrase a
        phrase (never a statement)."""
        doc = self.doc
        taken = {a.cue.i for a in self.attributions if a.cue is not None}
        table = multiword_cue_table()
        for tok in self._where(pos=(VERB, AUX)):
            if tok.i in taken or not self._in_prose(tok.idx):
                continue
            for rest, group in table.get(tok.lemma_.lower(), ()):
                end = match_words(doc, tok.i + 1, rest)
                if end is None:
                    continue
                words = range(tok.i, end)
                clause = next((c for i in words for c in doc[i].children
                               if c.dep_ in {"ccomp"} and c.i >= end - 1), None)
                obj = next((c for i in words for c in doc[i].children
                            if c.dep_ in {"pobj", "dobj"} and c.i >= end), None)
                if clause is not None:
                    tokens, form = self._clause_tokens(clause), "clause"
                elif obj is not None:
                    tokens, form = list(doc[obj.left_edge.i: obj.right_edge.i + 1]), "phrase"
                else:
                    continue
                if not tokens or self.subject(tok) is None:
                    break
                act = lexicon.group_acts().get(group, "speech")
                act = clause_act(act) if form == "clause" else phrase_act(act)
                refusal = tok.lemma_.lower() in REFUSALS or rest[:2] == ("short", "of")  # "declined to say"
                self.attributions.append(_Attribution(
                    content=self._runs(tokens), cue=tok, speaker=self.speaker_of(tok),
                    why=f"cue:multiword-{form};act:{act}", confidence=0.6, act=act, form=form,
                    modality="negated" if refusal else modality_of(tok),
                ))
                taken.add(tok.i)
                break

    def _adjective_cues(self) -> None:
        """Stance and belief adjectives of `cue_phrases.tsv` said of someone: "X is confident that…" (a clause:
        what X believes), "X was critical of the plan" (a phrase: X's stance). The speaker is the subject of
        the copula."""
        table = adjective_cue_table()
        for tok in self._where(pos=(ADJ,), dep="acomp"):
            if self.quotation_at(tok.idx) is not None \
                    or self.in_heading(tok.idx):
                continue
            entries = table.get(tok.lower_)
            if not entries:
                continue
            subject = next((c for c in tok.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is None:
                continue
            clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
            found: tuple[list[Token], str, str] | None = None
            if clause is not None and "" in entries:
                found = self._clause_tokens(clause), "clause", entries[""]
            else:
                for prep in tok.children:
                    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if prep.dep_ == "prep" and prep.lower_ in entries and obj is not None:
                        found = list(self.doc[obj.left_edge.i: obj.right_edge.i + 1]), "phrase", entries[prep.lower_]
                        break
            if found is None or len(found[0]) < 1:
                continue
            tokens, form, group = found
            act = "thought" if form == "clause" else "stance"
            self.attributions.append(_Attribution(
                content=self._runs(tokens), cue=tok, speaker=self._speaker_at(subject),
                why=f"cue:adjective-{form};act:{act}", confidence=0.5, act=act, form=form,
                modality=modality_of(tok.head),
            ))

    def _noun_cues(self) -> None:
        """"Trump's claim that…", "the warning that…": a content noun with its that-clause; the speaker is the
        noun's possessor when there is one. Nouns already taken by a verb's cue are left alone."""
        nouns = lexicon.cue_nouns()
        nouns_group = {p: g for p, (kind, g) in lexicon.cue_phrases().items() if kind == "noun"}
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
                    owner = self._noun_owner(tok)
                    act = clause_act(lexicon.group_acts().get(nouns_group.get(tok.lemma_.lower(), "say"), "speech"))
                    self.attributions.append(_Attribution(
                        content=[self.token_span(tokens[0], tokens[-1])], cue=tok,
                        speaker=self._speaker_at(owner) if owner is not None else None,
                        why=f"cue:noun-clause;act:{act}", confidence=0.6, act=act,
                    ))
                    break

    def _noun_owner(self, noun: Token) -> Token | None:
        """Whose claim, warning or promise a content noun is: its possessor ("Trump's claim"), its "by" or
        "from" phrase ("a warning from the ministry"), or the subject of the verb that makes, repeats or
        rejects it ("Ryan repeated the claim that…"; "Carson denied accusations that…" is not Carson's)."""
        for child in noun.children:
            if child.dep_ == "poss":
                return child
            if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
        head = noun.head
        if noun.dep_ == "dobj" and head.lemma_.lower() in _OWNING_VERBS:
            return next((c for c in head.children if c.dep_ == "nsubj"), None)
        return None

    def _transcript_turns(self) -> None:
        """One quote per transcript turn ("WALLACE: …", "Q: …") by the person the label names earlier in
        the article (by surname), else by the name the label itself gives ("BENENSON" -> Benenson, with no
        entity); a role label ("Q", "A", "MODERATOR") leaves the speaker empty rather than guess."""
        if not self.layout.turns:
            return
        people: dict[str, tuple[str, str]] = {}  # each word of a person's name -> (id, name); surnames win
        for pid, name, _, _ in self.entities.people():
            for word in name.lower().split():
                people.setdefault(word, (pid, name))
            people[name.lower().split()[-1]] = (pid, name)
        for turn in self.layout.turns:
            words = [w for w in turn.name.lower().replace(".", " ").split() if w not in lexicon.honorifics()
                     and w.rstrip(".") not in {"mr", "mrs", "ms", "sen", "rep", "gov", "dr"}]
            person = next((people[w] for w in reversed(words) if w in people), None)
            if person is not None:
                speaker = Resolved(person[0], person[1], turn.label)
            elif words and not set(words) & _ROLE_LABELS:
                # the label is the speaker's name, though the article never names them in full ("BENENSON:")
                speaker = Resolved(None, " ".join(w.capitalize() for w in words), turn.label)
            else:
                speaker = None  # "Q:", "A:", "MODERATOR:": a role, not a person we can name
            self.attributions.append(_Attribution(
                content=[turn.content], cue=None, speaker=speaker, why="transcript:turn;act:speech",
                confidence=0.8 if speaker else 0.5, verbatim=True,
            ))
        self._turn_paragraphs = {self.layout.index_at(t.content[0]) for t in self.layout.turns}

    def _punctuation_cues(self) -> None:
        """Attributions made by punctuation alone: "Mukasey: Clinton email scandal disqualifies her" and
        a "— Name" sign-off after a statement."""
        doc, text = self.doc, self.text
        for para in self.layout.paragraphs:
            if para.index in self._turn_paragraphs or self.layout.furniture_at(para.start) is not None:
                continue
            body = text[para.start: para.end]
            colon = body.find(": ")
            if 0 < colon <= 60 and para.end - (para.start + colon) > 12:
                head = doc.char_span(para.start, para.start + colon, alignment_mode="contract")
                if head is not None and 0 < len(head) <= 6 and head.root.pos_ == "PROPN" \
                        and not any(t.pos_ == "VERB" for t in head):
                    self.attributions.append(_Attribution(
                        content=[(para.start + colon + 2, para.end)], cue=None,
                        speaker=self._speaker_at(head.root), why="cue:colon-lead", confidence=0.6,
                    ))
                    continue
            dash = max(body.rfind("— "), body.rfind("―"), body.rfind(" - "))
            if dash > 10 and para.end - (para.start + dash) <= 50:
                name = doc.char_span(para.start + dash + 1, para.end, alignment_mode="contract")
                # a sign-off names a person or a body: not places ("— New Hampshire and Nevada."), dates or a list
                if name is not None and 0 < len(name) <= 6 and name.root.pos_ == "PROPN" \
                        and not any(t.pos_ in {"VERB", "CCONJ"} or t.ent_type_ in _NOT_SIGNERS for t in name):
                    end = para.start + dash
                    while end > para.start and text[end - 1].isspace():
                        end -= 1
                    self.attributions.append(_Attribution(
                        content=[(para.start, end)], cue=None, speaker=self._speaker_at(name.root),
                        why="cue:sign-off", confidence=0.6,
                    ))

    def _according_to(self) -> None:
        """"according to X, …": X is the source, the rest of its clause the content."""
        doc = self.doc
        for tok in self._where(lower="according"):
            if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
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
            speaker = self._speaker_at(objs[0]) if objs else None
            self.attributions.append(_Attribution(
                content=spans, cue=tok, speaker=speaker, why="cue:according-to;act:source", confidence=0.7,
                act="source",
            ))

    def _is_quote_mark(self, tok: Token) -> bool:
        return tok.text in "“”\"‘’'«»"

    # ---- pass 2: quotations -------------------------------------------------------------------------
    def pass_quotations(self) -> None:
        covered = self._absorb_quotations()
        for quote in self.quotations:
            if id(quote) in covered or self.in_heading(quote.start) or self.layout.furniture_at(quote.start):
                continue  # a pull quote repeats the body; a caption or an embed is nobody's statement here
            attr = self._attribute_quotation(quote)
            if attr is None:
                continue
            host = self._host_for(attr, quote)
            if host is not None:
                # one attribution, several pieces: "“A,” Boot said, “B.”" or "“A,” he said. “B.”"
                host.content = _merge(host.content + list(quote.outer))
                host.quotations.append(quote)
                continue
            self.attributions.append(attr)

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

    def _previous_quote(self, quote: Quotation, para_index: int) -> int | None:
        """The attribution this quotation may continue: the quote (with quotation marks) ending last before
        it in its paragraph ("“A,” said Hodges, referring to… “B.”"); for a quotation that opens a paragraph,
        the attribution ending last in the paragraph before."""
        def last_in(paragraph: int, quoted: bool) -> int | None:
            found = [(attr.end, k) for k, attr in enumerate(self.attributions)
                     if attr.end <= quote.start and self.layout.index_at(attr.end - 1) == paragraph
                     and (attr.quotations or not quoted)]
            return max(found)[1] if found else None

        previous = last_in(para_index, quoted=True)
        if previous is None and quote.start == self.layout.paragraphs[para_index].start:
            previous = last_in(para_index - 1, quoted=False)
        return previous

    def _attribute_quotation(self, quote: Quotation) -> _Attribution | None:
        doc = self.doc
        first = doc.char_span(quote.spans[0][0], quote.spans[0][1], alignment_mode="expand")
        if first is None or len(first) == 0:
            return None
        para_index = quote.paragraphs[0]
        words = self.text[quote.spans[0][0]: quote.spans[0][1]]
        if _looks_like_title(words) and not words.rstrip().endswith((",", "!", "?")):
            return None  # “Good Morning America”, “Silent Night”: a name, not a statement
        # 1. a speech tag with a verb the lexicon lacks: "…,” shot back Adebayo." / "…,” Adebayo scoffed."
        tag = self._speech_tag_after(quote)
        if tag is not None:
            verb, name = tag
            return _Attribution(
                content=list(quote.outer), cue=verb, speaker=self._speaker_at(name),
                why="quotation:speech-tag;act:speech", confidence=0.7, quotations=[quote], form="quotation",
            )
        # 2. a reporting verb that governs the quotation from outside it: mixed quote
        governor = self._governing_cue(first)
        if governor is not None:
            act, form = self._quotation_act(governor, quote)
            return _Attribution(
                content=list(quote.outer), cue=governor, speaker=self.speaker_of(governor),
                why=f"quotation:governed;act:{act}", confidence=0.75, quotations=[quote],
                act=act, form=form, modality=modality_of(governor),
            )
        # 3. a cue right after the closing mark (", Boot added") or right before the opening one
        cue = self._cue_after(quote) or self._cue_before(quote)
        if cue is not None:
            act, form = self._quotation_act(cue, quote)
            return _Attribution(
                content=list(quote.outer), cue=cue, speaker=self.speaker_of(cue),
                why=f"quotation:adjacent-cue;act:{act}", confidence=0.85, quotations=[quote],
                act=act, form=form, modality=modality_of(cue),
            )
        # 4. a cue elsewhere in the quotation's sentence, or a colon-ended lead-in just before it
        long_enough = quote.words(self.text) > SCARE_MAX_WORDS
        cue = (self._cue_in_sentence(quote) if long_enough else None) or self._cue_lead_in(quote, para_index)
        if cue is not None:
            act, form = self._quotation_act(cue, quote)
            return _Attribution(
                content=list(quote.outer), cue=cue, speaker=self.speaker_of(cue),
                why=f"quotation:sentence-cue;act:{act}", confidence=0.65, quotations=[quote],
                act=act, form=form, modality=modality_of(cue),
            )
        # 5. no cue: continue the speaker of an earlier quote in this paragraph or the one before
        previous = self._previous_quote(quote, para_index)
        if previous is not None:
            prev = self.attributions[previous]
            if prev.speaker is not None or prev.quotations:
                return _Attribution(
                    content=list(quote.outer), cue=None, speaker=prev.speaker,
                    why="quotation:continuation", confidence=0.7, quotations=[quote],
                    continuation_of=prev.continuation_of if prev.continuation_of is not None else previous,
                )
        # 6. a short quotation with no cue is a scare quote; a long one is an unattributed quote
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

    def _speech_tag_after(self, quote: Quotation) -> tuple[Token, Token] | None:
        """A short tag closing the quotation's sentence: a past-tense verb and a name, in either order
        ("shot back Adebayo.", "scoffed councillor Ruth Adebayo.", "Adebayo scoffed."), with nothing else
        but a particle, titles and punctuation. Returns (verb, head of the name)."""
        para = self.layout.paragraph_at(quote.end - 1)
        if para is None or not self.text[quote.start:quote.end].rstrip("”\"’' ").endswith((",", "!", "?")):
            return None
        span = self.doc.char_span(quote.end, para.end, alignment_mode="expand")
        if span is None:
            return None
        words: list[Token] = []
        for tok in span:
            if tok.text in {".", "!", "?"} or self._is_quote_mark(tok):
                break
            if not tok.is_space and tok.text != ",":
                words.append(tok)
            if len(words) > 6:
                return None
        verbs = [t for t in words if t.tag_ in {"VBD", "VBZ"} and t.pos_ in {"VERB", "ADJ", "NOUN"}]
        names = [t for t in words if t.pos_ == "PROPN" or t.ent_type_ == "PERSON" or t.lower_ in _TAG_PRONOUNS]
        if len(verbs) != 1 or not names:
            return None
        verb = verbs[0]
        rest = [t for t in words if t is not verb and t not in names]
        if any(t.pos_ not in {"ADP", "ADV", "PART", "DET", "NOUN", "ADJ", "PUNCT"} for t in rest):
            return None
        if any(t.pos_ == "NOUN" and t.lower_ not in lexicon.role_words() for t in rest):
            return None  # "…,” the crowd chanted slogans." is not a name
        return verb, names[-1]

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
        """The finished quotes in text order, each typed (act, form, modality), nested where its cue lies
        inside another quote's content, and marked `statement` when someone said or wrote it."""
        attrs = _dedupe(self.attributions)
        attrs.sort(key=lambda a: a.start)
        ids = {id(a): f"q{n + 1}" for n, a in enumerate(attrs)}
        originals = {n: a for n, a in enumerate(self.attributions)}
        hosts = _nesting(attrs)
        self._carry_speakers(attrs)
        refused = dict(self.rejected)  # offset of a refused speaker mention -> why
        out = []
        for attr in attrs:
            reason = None  # why the sentence's only candidate speaker was refused, if it was
            if attr.speaker is None and attr.cue is not None:
                sent = sentence_of(attr.cue)
                reason = next((why for off, why in refused.items() if sent.start_char <= off < sent.end_char), None)
                if reason is not None:
                    attr.why += f";no-speaker:{reason}"
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
                act=attr.act,
                form=self._form(attr),
                nested_in=ids[id(hosts[id(attr)])] if id(attr) in hosts else None,
                modality=attr.modality,
            ))
            quote = out[-1]
            speaker_type = self.entities.type_of(quote.speaker.entity)
            if quote.act == "source" and speaker_type is not None:
                # "polls show", "according to the polling average": figures, not a statement; "according to
                # the election board": a body (typed OTHER by the resolver, but it passed the agent test)
                by_document = self._by_document(quote.speaker.mention)
                speaker_type = None if by_document else speaker_type.replace("OTHER", "ORG")
            quote.statement = is_statement(quote, speaker_type)
            if quote.statement and reason is not None and reason != "furniture":
                quote.statement = False  # "the show of force underscored that…": an inference, nobody spoke
            para = self.layout.paragraph_at(attr.start)
            if quote.statement and para is not None and para.headline:
                quote.statement = False  # the outlet's headline words, repeated in the story
                quote.why += ";in-headline"
        return out

    def _by_document(self, mention: tuple[int, int] | None) -> bool:
        """Whether a speaker mention is a document, poll or record ("the report", "polls") rather than its author."""
        if mention is None:
            return False
        span = self.doc.char_span(mention[0], mention[1], alignment_mode="expand")
        return span is not None and len(span) > 0 and is_document(span.root)

    def _carry_speakers(self, attrs: list[_Attribution]) -> None:
        """Speaker continuity: "he"/"she" speaking right after a quote by a person of that gender, with no
        other such person named in between, is that person ("“…,” Graham said. He added that…"), whatever
        the pronoun resolver chose from the names around. Named in `why` as "speaker:carried"."""
        people = self.entities.people()
        gender = {pid: sex for pid, _, sex, _ in people}
        named: list[tuple[int, str]] = sorted(
            (start, pid) for pid, _, _, mentions in people for start, end in mentions
            if self.text[start:end].lower() not in _PERSON_PRONOUN_GENDER)
        last: _Attribution | None = None
        for attr in attrs:
            speaker = attr.speaker
            pronoun = self.text[speaker.mention[0]:speaker.mention[1]].lower() if speaker else ""
            wanted = _PERSON_PRONOUN_GENDER.get(pronoun)
            if wanted and last is not None and last.speaker is not None and speaker is not None \
                    and last.speaker.entity != speaker.entity and gender.get(last.speaker.entity) != _other(wanted) \
                    and self.layout.index_at(speaker.mention[0]) - self.layout.index_at(last.start) <= 1:
                between = {eid for start, eid in named if last.start <= start < speaker.mention[0]}
                rivals = {eid for eid in between if eid != last.speaker.entity and gender.get(eid) != _other(wanted)}
                if not rivals:
                    attr.speaker = Resolved(last.speaker.entity, last.speaker.name, speaker.mention)
                    attr.why += ";speaker:carried"
            if attr.speaker is not None and attr.speaker.entity in gender and attr.modality == "asserted" \
                    and attr.act in {"speech", "writing"}:
                last = attr  # a question put to someone ("when Tapper asked whether…") starts no chain

    def _form(self, attr: _Attribution) -> str:
        if attr.form == "phrase":
            return "phrase"
        return "quotation" if self._kind(attr) == "direct" else "clause"

    def _kind(self, attr: _Attribution) -> str:
        if attr.verbatim:
            return "direct"
        if not attr.quotations:
            return "indirect"
        quoted = sum(e - s for q in attr.quotations for s, e in q.outer)
        total = sum(e - s for s, e in attr.content)
        return "direct" if quoted >= 0.9 * total else "mixed"


# light verbs whose subject owns the content noun they take: "made the argument that…", "voiced fears that…"
_OWNING_VERBS = {"make", "repeat", "issue", "voice", "express", "offer", "raise", "reiterate", "renew", "level",
                 "push", "float", "advance", "share", "give", "send", "deliver", "post", "publish", "put"}
_JUDGEMENT_PREPS = {"as", "of", "for"}  # what the object is called, accused of, praised for
_PERSON_PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}
_TAG_PRONOUNS = {"he", "she", "they", "i", "we"}
# transcript labels that name a role, not a person (lower-cased words of the label)
_ROLE_LABELS = {"q", "a", "question", "answer", "interviewer", "moderator", "audience", "member", "unidentified",
                "unknown", "male", "female", "crowd", "voice", "narrator", "announcer", "reporter", "participant"}


def _other(gender: str) -> str:
    return "female" if gender == "male" else "male"


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


def _nesting(attrs: list[_Attribution]) -> dict[int, _Attribution]:
    """id(attribution) -> the attribution whose content holds its cue, the innermost when several do
    ("The senator said she believes the count was rigged": "believes" sits in what the senator said)."""
    hosts: dict[int, _Attribution] = {}
    for attr in attrs:
        if attr.cue is None:
            continue
        cue = attr.cue.idx
        best: _Attribution | None = None
        for other in attrs:
            if other is attr or not any(s <= cue < e for s, e in other.content):
                continue
            mutual = other.cue is not None and any(s <= other.cue.idx < e for s, e in attr.content)
            if mutual and _length(other) <= _length(attr):
                continue  # each holds the other's cue: the wider reading is the outer one
            if best is None or other.end - other.start < best.end - best.start:
                best = other
        if best is not None:
            hosts[id(attr)] = best
    return hosts


def _length(attr: _Attribution) -> int:
    return sum(e - s for s, e in attr.content)


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
