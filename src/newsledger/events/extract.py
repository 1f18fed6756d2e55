"""Who did what to whom: PLOVER events from the parse, the entities and the quotes.

Per trigger: participants from the dependency structure, resolved to entities and coded to actors; modality;
date; place; intensity. Then the article as a whole fills what one sentence leaves out, each time saying so
in `why`: a subjectless event noun takes the actor of the same event earlier on the same target ("nightly
drone strikes" after "Russia launched a drone barrage" on Ukraine), a symmetric event ("produced
agreements") takes the target of the meeting it is conjoined with, and material conflict with no target
in its sentence takes the article's main counterpart of its source.
"""

from __future__ import annotations

import bisect
from collections import Counter
from typing import Any

from spacy.tokens import Doc, Token

from newsledger import lexicon
from newsledger.entities.actors import NON_STATE, Actor, code_name
from newsledger.entities.resolve import EntityIndex
from newsledger.events.arguments import (
    LOCATIVE_PREPS,
    Chooser,
    candidate_features,
    default_ranker,
    fits_event,
    target_candidates,
)
from newsledger.events.modality import modality_of
from newsledger.events.participants import (
    between_pair,
    clause_subject,
    dateline_end,
    in_dateline,
    is_anaphoric,
    noun_participants,
    noun_source,
    noun_target,
    patient_possessor,
    subject_of,
    verb_participants,
)
from newsledger.events.places import place_of
from newsledger.events.timing import date_of, is_historical, parse_published, starts_after_publication
from newsledger.events.triggers import Trigger, find_triggers
from newsledger.events.typing import (
    EventTyper,
    Retyper,
    default_typer,
    event_features,
    lexicon_sure,
    model_may_retype,
)
from newsledger.nlp.layout import Layout
from newsledger.nlp.sentences import text_of
from newsledger.quotes.speakers import non_agent_nouns
from newsledger.records import EVENT_FACTUALITIES, Event, Quote, Who

CONTEXT_TARGET_TYPES = {"ASSAULT", "COERCE"}
_NOBODYS = frozenset({"dateline", "label", "caption", "credit", "byline"})  # furniture no participant comes from
_NO_EVENTS_IN = frozenset({"label", "credit", "byline"})  # furniture that tells no event ("Do you support X?")
_PARTITIVES = frozenset({"dozen", "hundred", "thousand", "million", "score", "group", "number", "handful", "crowd"})
_THINGS = frozenset({"GPE", "ORG", "NORP"})
_PRONOUN_ANTECEDENTS = {"it": _THINGS, "its": _THINGS, "they": _THINGS, "their": _THINGS, "them": _THINGS,
                        "he": {"PERSON"}, "his": {"PERSON"}, "him": {"PERSON"}, "she": {"PERSON"},
                        "her": {"PERSON"}}
_BACKGROUND_MARKS = {"since"}


def _fellow(token: Token) -> bool:
    """ "Pelosi and other members of Congress held talks": the others are on the source's side, not its counterpart."""
    return any(c.lower_ in {"other", "fellow"} and c.dep_ in {"amod", "det"} for c in token.children)


def _where_it_happened(token: Token) -> bool:
    """A place in a locative phrase ("talks in Istanbul", "drills off Arica"): a target only for want of another."""
    return token.ent_type_ in {"GPE", "LOC", "FAC"} and token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS


class _EventFinder:
    def __init__(self, doc: Doc, layout: Layout, entities: EntityIndex, quotes: list[Quote],
                 published: str | None, typer: Retyper | None, ranker: Chooser | None = None) -> None:
        self.doc = doc
        self.ranker = ranker
        self.text = text_of(doc)
        self.typer = typer
        self.layout = layout
        self.entities = entities
        self.base = parse_published(published)
        self.published = self.base.strftime("%Y-%m-%d") if self.base else None
        spans = sorted((s, e, q.id) for q in quotes for s, e in q.content)
        self._quote_spans = spans
        self._quote_starts = [s for s, _, _ in spans]
        self._told: set[str] = set()  # lemmas of event nouns already recorded in this article
        self._typed: set[tuple[int, str]] = set()  # (sentence start, type) of events already recorded
        self._by_noun: dict[int, Event] = {}  # event-noun head token -> its record

    # ---- participants -------------------------------------------------------------------------------
    def who(self, token: Token | None, trigger: Trigger | None = None, source: bool = False) -> Who | None:
        """A participant: its entity, mention and actor code. A capital that acts is its government
        ("Kyiv rejected" -> UKRGOV); a source with a sector and no country takes its sender's
        ("Putin dispatched a delegation that met…")."""
        if token is None or self._ambiguous_pronoun(token):
            return None
        resolved = self.entities.resolve(token, register=False)
        start = resolved.mention[0]
        piece = self.layout.furniture_at(start)
        furniture_end = piece.end if piece is not None and piece.kind in _NOBODYS else dateline_end(token.sent)
        if start < furniture_end:
            # a dateline, label or caption is never a participant ("New York (AFP) – Biden hit…"); when only the
            # resolved phrase reaches back into it, the phrase's own people are ("BELGRADE, Serbia - Dozens of
            # students…" -> students, without a code)
            if token.idx < furniture_end:
                return None
            of = next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                       for p in c.children if p.dep_ == "pobj"), None)
            own = of if of is not None and (token.like_num or token.lemma_.lower() in _PARTITIVES) else token
            return Who(None, own.text, (own.idx, own.idx + len(own.text)), None)
        actor = self.entities.actor_of(resolved.entity)
        if actor is not None and actor.sector is None and actor.country:
            hit = code_name(self.text[resolved.mention[0]:resolved.mention[1]])
            if hit is not None and hit[1] in {"capital", "metonym"}:
                actor = hit[0]
        event_verb = trigger.verb if trigger is not None else None
        if source and actor is not None and actor.country is None and actor.sector and token.head is not event_verb:
            actor = self._inherit_country(token, actor)
        return Who(resolved.entity, resolved.name or self.text[resolved.mention[0]:resolved.mention[1]],
                   resolved.mention, actor.code if actor else None)

    @staticmethod
    def _nationality_members(token: Token | None, source: Who | None) -> list[Who]:
        """ "Chilean and Peruvian frigates": the other nationalities coordinated on the source's head noun, each a
        member with its own country and the source's sector (CHLMIL, then PERMIL)."""
        if token is None or source is None:
            return []
        sector = (source.actor or "")[3:]
        out = []
        for mod in (c for c in token.children if c.dep_ == "amod" and c.ent_type_ == "NORP"):
            for other in (c for c in mod.children if c.dep_ == "conj" and c.ent_type_ == "NORP"):
                hit = code_name(other.text)
                if hit is not None and hit[0].country:
                    out.append(Who(None, f"{other.text} {token.text}", (other.idx, other.idx + len(other.text)),
                                   hit[0].country + sector))
        return out

    def _ambiguous_pronoun(self, token: Token) -> bool:
        """A pronoun with two or more names it could stand for earlier in its sentence ("The UN sanctioned Iraq
        after its invasion of Kuwait": the UN's or Iraq's?) is left empty rather than guessed."""
        kinds = _PRONOUN_ANTECEDENTS.get(token.lower_)
        if token.pos_ != "PRON" or kinds is None:
            return False
        seen: set[str] = set()
        doc = self.doc
        for tok in doc[token.sent.start:token.i]:
            if tok.ent_type_ in kinds and (tok.i + 1 >= len(doc) or doc[tok.i + 1].ent_iob_ != "I"):
                entity = self.entities.resolve(tok, register=False).entity
                seen.add(entity or tok.text)
            elif "PERSON" in kinds and not tok.ent_type_ and tok.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"} \
                    and tok.lemma_.lower() in lexicon.roles():
                seen.add(f"role:{tok.i}")  # "the opposition leader … President Keita … he": either
            if len(seen) >= 2:
                return True
        return False

    def _inherit_country(self, token: Token, actor: Actor) -> Actor:
        """ "Putin dispatched a low-level delegation": a sector noun with no country is the sender's."""
        if token.dep_ in {"dobj", "dative"} and token.head.pos_ == "VERB":
            subj = subject_of(token.head)
            if subj is not None and subj.i != token.i:
                boss = self.entities.actor_of(self.entities.resolve(subj, register=False).entity)
                if boss is not None and boss.country and boss.country not in NON_STATE:
                    return Actor(boss.country, actor.sector)
        return actor

    def members(self, token: Token | None) -> list[Token]:
        """The other conjuncts of a coordinated participant: "Ukraine and its allies"."""
        if token is None:
            return []
        return [c for c in token.children if c.dep_ == "conj" and c.pos_ in {"PROPN", "NOUN", "PRON"}]

    # ---- one event ------------------------------------------------------------------------------------
    def event(self, trigger: Trigger, number: int, previous_date: dict[str, Any] | None) -> Event | None:
        sense = trigger.sense
        if trigger.verb is None and self._bare(trigger.head) \
                and (sense.lemma in self._told or (trigger.head.sent.start, sense.type) in self._typed) \
                and date_of(trigger, self.doc, self.base, previous_date) is None:
            # "this [phone call]" after "a phone call with Putin"; "stormed the mosque … an assault that killed":
            # an event noun with no actors of its own names an event told already (in the article, or in its
            # sentence with the same type)
            return None
        outcome_of = self._outcome_of(trigger)
        if outcome_of is not None:
            # "airstrikes … have killed 12", "an attack that killed 12": the killing is the attack's outcome, one
            # event; its victims are the attack's target when the attack has none
            src, tgt = verb_participants(trigger)
            if outcome_of.target is None and tgt is not None and fits_event(tgt, outcome_of.type):
                outcome_of.target = self.who(tgt, trigger)
                outcome_of.why += f"; target from '{trigger.head.text}' (its outcome)"
            return None
        if trigger.verb is not None:
            src_tok, tgt_tok = verb_participants(trigger)
        else:
            src_tok, tgt_tok = noun_participants(trigger)
        ptype = lexicon.plover_types()[sense.type]
        conj = self.members(src_tok)
        why = [f"trigger '{sense.lemma}' ({sense.pos.lower()}) -> {sense.type}"]
        if trigger.note:
            why.append(trigger.note)
        ranked = False
        if conj and ptype.symmetric and not _fellow(conj[0]):
            tgt_tok = conj.pop(0)  # "Canada and Costa Rica agreed to start negotiations"
            why.append("second party of a symmetric event")
        elif self.ranker is not None and not self._fixed_pair(trigger, src_tok) \
                and not (trigger.verb is None and src_tok is None and tgt_tok is None and is_anaphoric(trigger.head)):
            tgt_tok, ranked = self._rank_target(trigger, src_tok, tgt_tok, why), True
        if src_tok is not None and not self._can_act(src_tok):
            why.append(f"no source: '{src_tok.text}' is not an actor")
            src_tok = None  # "the end of the year has provided…", "its rhetoric to defend…"
            own = noun_source(trigger.head) if trigger.is_noun else None
            if own is not None and own.dep_ == "pobj":  # "the outcome offered no concessions from the Kremlin"
                src_tok = own
                why.append(f"source '{own.text}' from the event noun's own '{own.head.text}' phrase")
                if tgt_tok is not None and tgt_tok.i == own.i:
                    tgt_tok = None
        date = date_of(trigger, self.doc, self.base, previous_date)
        if trigger.verb is None and src_tok is None and tgt_tok is None and is_anaphoric(trigger.head):
            if date is None:
                return None  # "the call", "that phone call": a mention of an event told elsewhere
            src_tok = clause_subject(trigger.head, exclude=trigger.head)  # "since the invasion began in 2022"
        source, target = self.who(src_tok, trigger, source=True), self.who(tgt_tok, trigger)
        if source is None and target is None:
            return None
        if source and target and source.entity and source.entity == target.entity:
            target = None
        if source and target and source.actor and source.actor == target.actor \
                and self.entities.type_of(target.entity) == "GPE":
            why.append(f"no target: '{target.name}' is the source's own side ({target.actor})")
            target = None  # "Vance warned that Washington could walk away": no one acts on itself
        if target is not None and tgt_tok is not None and _where_it_happened(tgt_tok):
            why.append(f"target: '{tgt_tok.text}' is where it happened, and no actor in the clause is the counterpart")
        modality, mod_why = modality_of(trigger)
        factuality = None
        if mod_why:
            why.append(f"{modality}: {mod_why}")
        if modality == "asserted" and self._habitual(trigger):
            modality = "generic"
            why.append(f"generic: told of many occasions ('{(trigger.verb or trigger.head).head.text}')")
        if modality in EVENT_FACTUALITIES:
            modality, factuality = "hypothetical", modality  # the contract's nearest: not counted as happened
        if modality in {"asserted", "historical"} and starts_after_publication(date, self.base):
            # told as having happened yet dated after the article: the date belongs to something else in the clause
            # (the pledge's goal "by 2050", a misread "two years later"): leave it empty and say why
            why.append(f"no date: '{date.get('text') or date['value']}' is after publication, and the event is told "
                       "as having happened")
            date = None
        if modality == "asserted" and (is_historical(date, self.base) or self._background(trigger)):
            modality = "historical"
            why.append("historical: dated well before publication" if date else "historical: 'since' clause")
        head = trigger.head
        etype, mode, cameo, goldstein = sense.type, sense.mode, sense.cameo, sense.goldstein
        if self.typer is not None and not (isinstance(self.typer, EventTyper) and lexicon_sure(sense)):
            features = event_features(trigger, modality)
            etype, prob = self.typer.retype(sense.type, features)
            if not model_may_retype(sense.type, etype, modality, features):
                etype = sense.type
            if etype != sense.type:
                ptype = lexicon.plover_types()[etype]
                mode = cameo = goldstein = None  # the lexicon's code was for its own type
                why.append(f"type {etype} from the clause model (p={prob:.2f}; lexicon said {sense.type})")
        start, end = self.doc[trigger.start].idx, self.doc[trigger.end - 1].idx + len(self.doc[trigger.end - 1])
        record = Event(
            id=f"ev{number}", type=etype, trigger=(start, end), source=source, target=target,
            modality=modality, factuality=factuality, mode=mode, context=self._contexts(trigger),
            reported_by=self._quote_at(head.idx),
            date=date, location=place_of(trigger, self.doc), score=ptype.intensity, cameo=cameo,
            goldstein=goldstein, why="; ".join(why),
        )
        if conj:
            record.source_members = [m for m in (self.who(c) for c in conj) if m is not None]
        record.source_members += self._nationality_members(src_tok, source)
        if trigger.verb is None:
            self._told.add(sense.lemma)
        if trigger.is_noun:
            self._by_noun[trigger.head.i] = record
        self._typed.add((trigger.head.sent.start, record.type))
        label = getattr(self.ranker, "label", None)
        if ranked and label is not None:
            label(record.id)  # the recorder's last entry belongs to this event
        return record

    @staticmethod
    def _fixed_pair(trigger: Trigger, src_tok: Token | None) -> bool:
        """Participants the ranker leaves alone: "cities endure strikes" and "his arrest" (the subject or possessor
        suffers it) and "the summit between the EU and Turkey" (the pair is the event's own)."""
        if trigger.effect == "undergo" or (trigger.is_noun and patient_possessor(trigger.head) is not None):
            return True  # "his arrest": the possessor suffers it
        return any(between_pair(t) is not None for t in (trigger.head, src_tok) if t is not None)

    def _rank_target(self, trigger: Trigger, src_tok: Token | None, rule: Token | None,
                     why: list[str]) -> Token | None:
        """The target the ranker prefers among the clause's candidates (see `events.arguments`)."""
        assert self.ranker is not None
        found = target_candidates(trigger, src_tok, rule, excluded=in_dateline)
        cands = [tok for tok, _ in found]
        feats = [candidate_features(trigger, tok, path, rule, src_tok) for tok, path in found]
        rule_index = next((k for k, tok in enumerate(cands) if rule is not None and tok.i == rule.i), None)
        pick, prob = self.ranker.choose(feats, rule_index, lambda k: self.who(cands[k], trigger))
        chosen = cands[pick] if pick is not None else None
        if chosen is None and rule is not None:
            why.append(f"no target: no candidate likely enough (best p={prob:.2f}; the rules said '{rule.text}')")
        elif chosen is not None and (rule is None or chosen.i != rule.i):
            why.append(f"target '{chosen.text}' from the argument ranker (p={prob:.2f}"
                       + (f"; the rules said '{rule.text}')" if rule is not None else ")"))
        return chosen

    @staticmethod
    def _can_act(token: Token) -> bool:
        """Whether a source can be an actor: not a time ("the end of the year"), a thing of `non_agent_nouns.txt`
        ("its rhetoric", "the approach") nor a weapon of `instrument_nouns.txt` ("the missiles struck": someone
        fired them)."""
        if token.pos_ in {"PRON", "PROPN"} or token.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
            return True
        lemma = token.lemma_.lower()
        if (lemma, "NOUN") in lexicon.event_triggers() and lemma not in lexicon.group_nouns():
            return False  # "the assault killed 30": the event is no actor
        return token.ent_type_ not in {"DATE", "TIME"} and lemma not in non_agent_nouns() \
            and lemma not in lexicon.instrument_nouns()  # "the missiles struck a depot": fired by someone

    def _outcome_of(self, trigger: Trigger) -> Event | None:
        """The recorded event-noun event a verb of the same type tells the outcome of: its subject ("the
        airstrikes killed") or the noun its relative clause hangs on ("an attack that killed")."""
        verb = trigger.verb
        if verb is None or verb is not trigger.head:
            return None
        nouns = [c for c in verb.children if c.dep_ == "nsubj"]
        if verb.dep_ == "relcl":
            nouns.append(verb.head)
        for noun in nouns:
            record = self._by_noun.get(noun.i)
            if record is not None and record.type == trigger.sense.type and record.modality == "asserted":
                return record
        return None

    @staticmethod
    def _bare(noun: Token) -> bool:
        """An event noun with no actor of its own: no possessor, name modifier, "between", "with/on/against"."""
        return noun_source(noun) is None and noun_target(noun) is None and between_pair(noun) is None

    @staticmethod
    def _habitual(trigger: Trigger) -> bool:
        """An event told of a plural of occasions is a habit, not one event: "earlier interactions in which he
        praised autocrats", "meetings where they discussed trade"."""
        node = trigger.verb or trigger.head
        if node.dep_ != "relcl":
            return False
        head = node.head
        return head.tag_ == "NNS" and not head.ent_type_ and head.lemma_.lower() in lexicon.occasion_nouns()

    def _background(self, trigger: Trigger) -> bool:
        """An event in a "since…" clause is background: "since the full-scale invasion began"."""
        nodes = [trigger.verb or trigger.head]
        if trigger.verb is None and trigger.head.dep_ in {"nsubj", "nsubjpass"}:
            nodes.append(trigger.head.head)  # "the invasion began"
        for node in nodes:
            if any(c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS for c in node.children):
                return True
            if node.dep_ in {"pcomp", "pobj"} and node.head.lower_ in _BACKGROUND_MARKS:
                return True
        return False

    def _contexts(self, trigger: Trigger) -> list[str]:
        table = lexicon.event_contexts()
        clause = trigger.verb or trigger.head
        found: list[str] = []
        for tok in clause.subtree:
            ctx = table.get(tok.lemma_.lower())
            if ctx and ctx not in found:
                found.append(ctx)
        return found

    def _quote_at(self, offset: int) -> str | None:
        k = bisect.bisect_right(self._quote_starts, offset) - 1
        while k >= 0:
            start, end, qid = self._quote_spans[k]
            if start <= offset < end:
                return qid
            if end <= offset and start < offset - 2000:
                break
            k -= 1
        return None

    # ---- the article ----------------------------------------------------------------------------------
    def run(self) -> list[Event]:
        spans = [(p.start, p.end) for p in self.layout.paragraphs if p.heading]
        spans += [(f.start, f.end) for f in self.layout.furniture if f.kind in _NO_EVENTS_IN]
        skip = {t.i for start, end in spans
                for t in self.doc.char_span(start, end, alignment_mode="expand") or []}  # headings, labels, captions
        events: list[Event] = []
        triggers: list[Trigger] = []
        previous_date = None
        for trigger in find_triggers(self.doc, skip):
            record = self.event(trigger, len(events) + 1, previous_date)
            if record is None:
                continue
            events.append(record)
            triggers.append(trigger)
            if record.date and record.modality == "asserted":
                previous_date = record.date
        self._fill_from_article(events, triggers)
        if self.published:
            for ev in events:
                if ev.date is None and ev.modality == "asserted":
                    ev.date = {"value": self.published, "granularity": "publication", "text": None}
        return events

    def _fill_from_article(self, events: list[Event], triggers: list[Trigger]) -> None:
        """What one sentence leaves out and the article says elsewhere; each fill is named in `why`."""
        by_head = {t.head.i: e for t, e in zip(triggers, events, strict=True)}
        by_verb = {t.verb.i: e for t, e in zip(triggers, events, strict=True) if t.verb is not None}
        counterpart = self._main_counterparts()
        for k, (trigger, ev) in enumerate(zip(triggers, events, strict=True)):
            ptype = lexicon.plover_types()[ev.type]
            anchor = trigger.verb or trigger.head
            if ev.target is None and ptype.symmetric and anchor.dep_ == "conj":
                other = by_verb.get(anchor.head.i) or by_head.get(anchor.head.i)
                if other is not None and other.target is not None and lexicon.plover_types()[other.type].quad == 1:
                    ev.target = other.target
                    ev.why += f"; target from {other.id} (conjoined)"
            if ev.source is None and ev.target is not None and ev.target.actor:
                for prev in reversed(events[:k]):
                    if prev.type == ev.type and prev.source and prev.source.actor and prev.target \
                            and (prev.target.actor or "")[:3] == ev.target.actor[:3]:
                        ev.source = Who(prev.source.entity, prev.source.name, None, prev.source.actor)
                        ev.why += f"; source from {prev.id} (same type and target earlier)"
                        break
            if ev.target is None and ev.type in CONTEXT_TARGET_TYPES and ev.source and ev.source.actor:
                country = ev.source.actor[:3]
                other_country = counterpart.get(country)
                if other_country is not None:
                    ev.target = other_country
                    ev.why += "; target: the article's main counterpart of the source"

    def _main_counterparts(self) -> dict[str, Who]:
        """For each country in the article, the most-mentioned other country (at least twice)."""
        counts: Counter[str] = Counter()
        entity_of: dict[str, tuple[str, str]] = {}
        for ent in self.entities.records():
            if ent.country and ent.type in {"GPE", "NORP"}:
                counts[ent.country] += len(ent.mentions)
                entity_of.setdefault(ent.country, (ent.id, ent.name))
        out: dict[str, Who] = {}
        for country in counts:
            for other, n in counts.most_common():
                if other != country and n >= 2:
                    eid, name = entity_of[other]
                    out[country] = Who(eid, name, None, other)
                    break
        return out


def find_events(doc: Doc, layout: Layout, entities: EntityIndex, quotes: list[Quote],
                published: str | None, typer: Retyper | None = None,
                ranker: Chooser | None = None) -> list[Event]:
    """Every event in the article, in text order. `typer` re-types events (None: the shipped model, when
    there is one; `LexiconOnly()`: the lexicon's types); `ranker` chooses targets (None: the shipped ranker,
    when there is one; `RulesOnly()`: the participant rules' targets)."""
    return _EventFinder(doc, layout, entities, quotes, published, typer or default_typer(),
                        ranker or default_ranker()).run()
