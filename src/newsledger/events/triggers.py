"""Event triggers: the words that say something happened, and which PLOVER type they mean.

Verbs ("rejected", "urged", "met"), nouns ("a phone call", "a blunt Kremlin rebuff", "drone strikes") and
light-verb phrases whose event is their object ("launched a drone barrage", "advanced a new round of
sanctions", "produced agreements"). The lexicon lists each sense with the particle or object it needs
("call for" is REQUEST, "lift sanctions" is RETREAT); the constrained senses are tried first.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from newsledger import lexicon
from newsledger.lexicon import TriggerSense

OBJECT_DEPS = {"dobj", "attr", "oprd"}
ACTOR_OBJECT = "@actor"  # in the lexicon's object column: any named person, organisation or country
_VERB_POS = {"VERB"}
_NOUN_POS = {"NOUN", "PROPN"}
_NAME_ENTS = {"DATE", "TIME", "PERSON", "GPE", "LOC", "FAC", "ORG", "WORK_OF_ART", "LAW", "PRODUCT"}


@dataclass(slots=True)
class Trigger:
    """An event word found in the parse.

    `head` is the event word (verb or noun); `verb` is the clause verb that carries tense, negation and the
    subject (the verb itself, or the light verb of a noun: "launched" for "barrage"), None for a bare noun.
    """

    sense: TriggerSense
    head: Token
    verb: Token | None
    start: int  # token bounds of the trigger words
    end: int
    effect: str = "same"  # a light verb's effect: same, negate, future, undergo
    particle: Token | None = None
    note: str = ""  # how the sense was read, for the event's `why`

    @property
    def is_noun(self) -> bool:
        return self.head.pos_ in _NOUN_POS


def find_triggers(doc: Doc, skip: set[int] | None = None) -> list[Trigger]:
    """Every event trigger in a parsed document, in text order. Tokens in `skip` (headings) are ignored.

    Precedence for a verb: a sense that names its object or particle ("lodge a protest", "lift sanctions"),
    then the light-verb reading of its event noun ("launched a barrage", "approved sanctions"), then the bare
    verb sense."""
    triggers: list[Trigger] = []
    used: set[int] = set()  # nouns already taken by a light verb
    table = lexicon.event_triggers()
    light = lexicon.light_verbs()
    skip = skip or set()
    for tok in doc:
        if tok.i in skip or tok.i in used:
            continue
        if tok.pos_ in _VERB_POS:
            senses = table.get((tok.lemma_.lower(), "VERB"), [])
            sense, particle = _verb_sense(tok, [s for s in senses if s.objects or s.particle])
            if sense is not None and sense.objects:
                # "lifted sanctions", "went on strike": the object noun is part of this event, not another
                used.update(o.i for o in _verb_objects(tok) if o.lemma_.lower() in sense.objects)
                if particle is not None:
                    used.update(c.i for c in particle.children if c.lemma_.lower() in sense.objects)
            if sense is None:
                light_hit = _light_verb_event(tok, light, table)
                if light_hit is not None:
                    used.add(light_hit.head.i)
                    triggers.append(light_hit)
                    continue
                sense, particle = _verb_sense(tok, [s for s in senses if not s.objects and not s.particle])
            if sense is not None:
                end = max(tok.i, particle.i if particle is not None else tok.i) + 1
                triggers.append(Trigger(sense, tok, tok, tok.i, end, particle=particle))
        elif tok.pos_ in _NOUN_POS and tok.ent_type_ not in _NAME_ENTS:  # "March", "Operation Storm"
            sense, start, end = _noun_sense(tok, table)
            if sense is not None and not used.intersection(range(start, end)):
                triggers.append(Trigger(sense, tok, None, start, end))
    triggers = [_in_words(t) if _figurative(t) else t for t in triggers]
    triggers = [t for t in triggers if t is not None and not _question(t) and not _outside_sense(t)]
    triggers = _one_record_per_event(triggers)
    triggers.sort(key=lambda t: t.start)
    return triggers


_ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _outside_sense(trigger: Trigger) -> bool:
    """Whether the trigger is a reading of its word that its sense does not cover (`event_sense_limits.tsv`):
    "called Cruz a chameleon" is no phone call, "hosted obscene videos" no visit, "a campaign rally" no protest,
    "the courage of his convictions" no verdict."""
    sense = trigger.sense
    limits = lexicon.event_sense_limits().get((sense.lemma, sense.pos, sense.type))
    if not limits:
        return False
    head = trigger.head
    for limit in limits:
        words = limit.words
        if limit.rule == "not_with_dep" and any(c.dep_ in words for c in head.children):
            return True
        if limit.rule == "requires_object":
            if trigger.is_noun:
                found = [c for c in head.children if c.dep_ in {"compound", "amod"}]
                found += [p for c in head.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
            else:
                found = _verb_objects(head)
                found += [p for c in head.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
            if not any(f.lemma_.lower() in words or f.lower_ in words
                       or ("@actor" in words and f.ent_type_ in _ACTOR_ENTS) for f in found):
                return True
        if limit.rule == "not_with_object" and any(o.lemma_.lower() in words for o in _verb_objects(head)):
            return True
        if limit.rule == "not_with_modifier" and any(
                c.dep_ in {"amod", "compound", "poss", "nmod"}
                and (c.lemma_.lower() in words or ("@person" in words and c.ent_type_ == "PERSON"))
                for c in head.children):
            return True
        if limit.rule == "not_governed_by" and (
                (head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in words)
                or (head.dep_ in {"xcomp", "acomp", "attr"} and head.head.lemma_.lower() in words)):
            return True
        if limit.rule == "not_subject_of" and head.dep_ == "nsubj" and head.head.lemma_.lower() in words:
            return True
    return False


_SAME_EVENT_PREPS = frozenset({"in", "of"})


def _one_record_per_event(triggers: list[Trigger]) -> list[Trigger]:
    """One real event, one record: an event noun that only repeats a verb's event is dropped. "signed 15
    agreements and memorandums" (a conjunct of the verb's object), "provided $2 million in assistance" (the
    object's "in/of" phrase), when both are of one type ("condemned the aggression and the threats" stays two)."""
    objects: dict[int, Trigger] = {}
    verbs: dict[int, Trigger] = {}
    for t in triggers:
        if t.verb is not None:
            verbs[t.verb.i] = t
            for obj in [*_verb_objects(t.verb), t.head]:
                objects[obj.i] = t
    kept = []
    for t in triggers:
        if t.verb is None:
            head = t.head
            if head.dep_ == "conj" and head.head.i in objects and objects[head.head.i].sense.type == t.sense.type:
                continue
            if head.dep_ == "pobj" and head.head.lower_ in _SAME_EVENT_PREPS:
                owner = head.head.head
                other = objects.get(owner.i) or verbs.get(owner.i)
                if other is not None and other.sense.type == t.sense.type:
                    continue
        kept.append(t)
    return kept


_QUESTION_WORDS = frozenset({"whether", "if", "what", "why", "how", "when", "where", "who", "which"})


def _question(trigger: Trigger) -> bool:
    """Whether a REQUEST verb asks a question rather than for something ("asked whether she was optimistic",
    "Asked about the talks, she said…"): a question is no REQUEST, and never the answerer's (issue 12)."""
    head = trigger.head
    if trigger.sense.type != "REQUEST" or trigger.is_noun or head.lemma_.lower() not in {"ask", "question"}:
        return False
    if head.tag_ == "VBN" and head.dep_ in {"advcl", "ccomp", "csubj"} and not any(
            c.dep_ in {"nsubj", "nsubjpass", "auxpass"} for c in head.children):
        return True  # "Asked whether …, the envoy replied": the participle's asker is not in the sentence
    for child in head.children:
        if child.dep_ in {"ccomp", "xcomp", "advcl"} and any(
                c.lower_ in _QUESTION_WORDS and c.dep_ in {"mark", "advmod", "nsubj", "dobj", "attr"}
                for c in child.children):
            return True  # "asked whether talks would resume", "asked what the plan was"
        if child.dep_ == "prep" and child.lower_ == "about":
            return True  # "asked about the talks"
    return False


_FORCE_TYPES = frozenset({"ASSAULT", "COERCE"})
_FIGURATIVE_PREPS = frozenset({"on", "against", "over", "upon", "for", "at"})  # "attacks on the bill", "a fight for
# the nomination", "a fight at the debate"


def _figurative(trigger: Trigger) -> bool:
    """Whether a force trigger is used in words only (`figurative_conflict.tsv`): a "legal war", "campaign
    attacks", "attacked the plan", "attacks on the bill", "seized on the remarks". Those are no ASSAULT or
    COERCE (issue 12, "Senses"): `_in_words` makes a word of attack ACCUSE and drops the rest."""
    if trigger.sense.type not in _FORCE_TYPES:
        return False
    words = lexicon.figurative_conflict()
    head = trigger.head
    # the event noun's own modifiers ("a legal war", "waged a legal war"), never a physical target's ("stormed a
    # court building", "detained political activists"); only for ASSAULT ("trade restrictions" are COERCE)
    nouns = [head] if trigger.is_noun else [o for o in _verb_objects(head) if o.lemma_.lower() in trigger.sense.objects]
    mods = {c.lemma_.lower() for n in nouns for c in n.children if c.dep_ in {"amod", "compound", "nmod"}}
    if trigger.sense.type == "ASSAULT" and mods & words["modifier"]:
        return True
    targets = [c for c in head.children if c.dep_ in OBJECT_DEPS]
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in _FIGURATIVE_PREPS):
        targets += [c for c in prep.children if c.dep_ == "pobj"]
    if trigger.particle is not None:
        targets += [c for c in trigger.particle.children if c.dep_ == "pobj"]
    if trigger.verb is not None and trigger.verb is not head:
        targets += [c for c in trigger.verb.children if c.dep_ in OBJECT_DEPS and c.i != head.i]
    parties = lexicon.parties()
    if any(t.lemma_.lower() in words["target"] or _joined(t) in words["target"]
           or (trigger.is_noun and t.text in parties) for t in targets):  # "attacks on House Democrats" are a
        return True  # campaign's words; "gunmen attacked Republicans" (a verb with its agent) stays an attack
    return _electoral(trigger, targets, words)


def _electoral(trigger: Trigger, targets: list[Token], words: dict[str, frozenset[str]]) -> bool:
    """ "beating Mrs. Clinton in her home state", "Cruz fights Trump for delegates": a contest for votes, when
    the target is a person or party, the sentence speaks of an election and of no physical harm."""
    if not targets or not all(t.ent_type_ in {"PERSON", "NORP"} or t.text in lexicon.parties()
                              or t.lemma_.lower() in lexicon.roles() or t.pos_ == "PRON" for t in targets):
        return False
    lemmas = {t.lemma_.lower() for t in trigger.head.sent}
    return bool(lemmas & words["context"]) and not (lemmas & words["physical"])


VERBAL_ATTACK = ("ACCUSE", "disapprove", "111", -2.0)
"""A figurative attack in speech: PLOVER ACCUSE, mode disapprove; CAMEO 111 "criticize or denounce", Goldstein -2."""


def _in_words(trigger: Trigger) -> Trigger | None:
    """A figurative force trigger: a word of attack in speech becomes ACCUSE ("led the attacks on Blackburn"),
    anything else is no event ("a legal war", "beating Clinton in the primary")."""
    sense = trigger.sense
    if sense.lemma not in lexicon.figurative_conflict()["verbal"]:
        return None
    etype, mode, cameo, goldstein = VERBAL_ATTACK
    return replace(trigger, sense=replace(sense, type=etype, mode=mode, cameo=cameo, goldstein=goldstein),
                   note="an attack in words, not force (figurative_conflict.tsv)")


def _joined(token: Token) -> str:
    """A token with its hyphen-joined neighbours, lowercased: "cap-and-trade" (spaCy splits it)."""
    doc = token.doc
    start, end = token.i, token.i + 1
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
        start -= 2
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_:
        end += 2
    return "".join(t.text for t in doc[start:end]).lower()


def event_noun(obj: Token) -> Token:
    """Look through a container noun: "a new round of sanctions" -> "sanctions"."""
    if obj.lemma_.lower() in lexicon.event_containers():
        for child in obj.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
    return obj


def _verb_objects(verb: Token) -> list[Token]:
    """The verb's objects, a passive subject counting as one ("prisoners were released")."""
    objs = [c for c in verb.children if c.dep_ in OBJECT_DEPS or c.dep_ == "nsubjpass"]
    # "a venue the Russian leader ultimately skipped": the relative clause's object is its head noun
    if verb.dep_ == "relcl" and not objs and verb.head.pos_ in _NOUN_POS \
            and not any(c.dep_ == "nsubjpass" for c in verb.children) \
            and any(c.dep_ == "nsubj" and c.lower_ not in {"that", "which", "who"} for c in verb.children):
        objs = [verb.head]
    if verb.dep_ == "xcomp" and not objs:
        return []
    return [event_noun(o) for o in objs]


def _verb_sense(verb: Token, senses: list[TriggerSense]) -> tuple[TriggerSense | None, Token | None]:
    if not senses:
        return None, None
    particles = {c.lower_: c for c in verb.children if c.dep_ in {"prt", "prep", "advmod"}}
    direct = _verb_objects(verb)
    for sense in senses:
        if sense.particle and sense.particle not in particles:
            continue
        if sense.objects:
            # the object of the sense's own preposition ("went on strike"), else the verb's object; never a
            # phrase the sense does not name ("launched cyber attacks after a drone shootdown")
            particle = particles.get(sense.particle) if sense.particle else None
            found = [c for c in particle.children if c.dep_ == "pobj"] if particle is not None \
                and particle.dep_ == "prep" else direct
            objects = {o.lemma_.lower() for o in found}
            if any(o.ent_type_ in _ACTOR_ENTS for o in found):
                objects.add(ACTOR_OBJECT)
            if not (sense.objects & objects):
                continue
        return sense, particles.get(sense.particle) if sense.particle else None
    return None, None


def _noun_sense(noun: Token, table: dict) -> tuple[TriggerSense | None, int, int]:
    """A noun's sense and token bounds: multiword entries in surface order first ("drone strike",
    "state of emergency", "cease-fire"), then the noun alone, its constrained senses before the plain one."""
    doc = noun.doc
    i = noun.i
    firsts, lasts = lexicon.multiword_event_nouns()
    lemma = noun.lemma_.lower()
    if lemma in firsts or lemma in lasts:
        for length in (3, 2):
            for start in range(max(0, i - length + 1), i + 1):
                end = start + length
                if end > len(doc) or (start != i and end - 1 != i):
                    continue
                key = " ".join(doc[k].lemma_.lower() for k in range(start, end)).replace(" - ", "-")
                senses = table.get((key, "NOUN"))
                if senses:
                    return senses[-1], start, end
    senses = table.get((noun.lemma_.lower(), "NOUN"))
    if not senses:
        return None, i, i + 1
    preps = {c.lower_: c for c in noun.children if c.dep_ == "prep"}
    objects = {c.lemma_.lower() for p in preps.values() for c in p.children if c.dep_ == "pobj"}
    objects |= {c.lemma_.lower() for c in noun.lefts if c.dep_ in {"compound", "amod"}}
    for sense in senses:
        if sense.particle and sense.particle not in preps:
            continue
        if sense.objects and not (sense.objects & objects):
            continue
        return sense, i, i + 1
    return None, i, i + 1


def _light_verb_event(verb: Token, light: dict, table: dict) -> Trigger | None:
    """ "launched its largest drone barrage": the event is the object noun; the verb gives the subject."""
    options = light.get(verb.lemma_.lower())
    if not options:
        return None
    children = {c.lower_: c for c in verb.children if c.dep_ in {"prt", "prep", "advmod"}}
    effect = None
    particle = None
    for part, eff in sorted(options, key=lambda o: not o[0]):
        if not part:
            effect = eff
            break
        if part in children:
            effect, particle = eff, children[part]
            break
    if effect is None:
        return None
    objs = [c for c in verb.children if c.dep_ in OBJECT_DEPS | {"nsubjpass"}]
    if particle is not None and particle.dep_ == "prep":
        objs += [c for c in particle.children if c.dep_ == "pobj"]
    for obj in objs:
        noun = event_noun(obj)
        if noun.pos_ not in _NOUN_POS:
            continue
        sense, start, end = _noun_sense(noun, table)
        if sense is not None:
            return Trigger(sense, noun, verb, min(verb.i, start), max(end - 1, verb.i) + 1, effect, particle)
    return None
